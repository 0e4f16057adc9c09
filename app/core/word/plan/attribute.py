"""Stage 2 of the .docx → proposals plan (read revisions → **attribute** → align → classify →
plan): the uploader's own changes only.

Who made each change is sorted by :mod:`app.core.word.attribute` (``w:author``, ``w:date``):
changes and comments by Concord, by another member state, or already in the base version are
accepted as found (the text as the uploader found it) and their comments dropped; each is
listed (:class:`~app.core.word.attribute.Excluded`) with its author and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..attribute import Authors, Excluded, accept_revisions, foreign_comments, foreign_revisions
from ..tracked import ParagraphRevision, read_revisions
from .text import loose


@dataclass
class Attributed:
    revisions: list[ParagraphRevision]  # the document with other people's changes accepted
    excluded: list[Excluded]  # what was left out, in paragraph order


def own_changes(data: bytes, revs: list[ParagraphRevision], authors: Authors, base_lines: set[str],
                *, max_bytes: int | None = None) -> Attributed:
    """Stage 2: ``revs`` (read from ``data``) with other people's tracked changes accepted and
    their comments dropped. ``base_lines``: the base version's lines as compared
    (:func:`app.core.word.plan.align.base_lines`), to tell a change already in it. The
    document is read again only when something was accepted (the core's safety limits apply:
    ``max_bytes``)."""

    def in_base(text: str) -> bool:
        parts = [loose(x) for x in text.split("\n")]
        parts = [x for x in parts if x]
        return bool(parts) and all(x in base_lines for x in parts)

    ids, excluded = foreign_revisions(revs, authors, in_base)
    if ids:
        limits = {} if max_bytes is None else {"max_bytes": max_bytes}
        revs = read_revisions(accept_revisions(data, ids), **limits)
    excluded += foreign_comments(revs, authors)
    excluded.sort(key=lambda e: e.paragraph)
    return Attributed(revs, excluded)
