"""Sentences some services store in English and pages show (version labels, re-anchoring notes,
conflict reasons): translated for the reader by their known wording.

Refusals do not come here: they are coded errors (app/errors) rendered from the catalog with
their params. These texts are data written before codes existed (the re-anchoring notes and the
conflict reasons of app/proposals, the label of a version returned for revision); until they are
stored as a code with params, each known wording is matched once here. An unknown text is shown
as it is, marked ``lang="en"``."""

from __future__ import annotations

import re

from .labels import N_

NOTES: list[tuple[re.Pattern, str]] = [(re.compile(p), m) for p, m in [
    (r"^Clause (?P<clause>.+), where it was to be moved, was deleted in version (?P<n>\d+)\.$",
     N_("Clause %(clause)s, where it was to be moved, was deleted in version %(n)s.")),
    (r"^Clause (?P<clause>.+) was deleted in version (?P<n>\d+)\.$",
     N_("Clause %(clause)s was deleted in version %(n)s.")),
    (r"^Clause (?P<clause>.+) was changed in version (?P<n>\d+) after its deletion was proposed; confirm the "
     r"proposal\.$",
     N_("Clause %(clause)s was changed in version %(n)s after its deletion was proposed; confirm the proposal.")),
    (r"^Clause (?P<clause>.+) changed in version (?P<n>\d+); the amendment still applies and was carried over\.$",
     N_("Clause %(clause)s changed in version %(n)s; the amendment still applies and was carried over.")),
    (r"^Clause (?P<clause>.+) changed in version (?P<n>\d+) and the amendment no longer applies cleanly; compare "
     r"the old and new text and update it\.$",
     N_("Clause %(clause)s changed in version %(n)s and the amendment no longer applies cleanly; compare the old "
        "and new text and update it.")),
    (r"^Initial text$", N_("Initial text")),
    (r"^Returned for revision \(meeting (?P<m>\d+)\): (?P<text>.*)$",
     N_("Returned for revision (meeting %(m)s): %(text)s")),
    (r"^two different new wordings for the same clause$", N_("two different new wordings for the same clause")),
    (r"^the same clause moved to two different places$", N_("the same clause moved to two different places")),
    (r"^clause (?P<clause>\S+) is not in the base version$", N_("clause %(clause)s is not in the base version")),
]]


def known(text: str, _) -> str | None:
    """``text`` (a stored English sentence) in the language of ``_``, or None when not known here."""
    for pattern, msgid in NOTES:
        m = pattern.match(text)
        if m is not None:
            return _(msgid) % {k: (v or "") for k, v in m.groupdict().items()}
    return None


def in_language(text: str, _) -> tuple[str, str | None]:
    """For a template: the text translated when known, else as it is with ``"en"`` for its lang attribute."""
    if not text:
        return "", None
    out = known(text, _)
    return (out, None) if out is not None else (text, "en")
