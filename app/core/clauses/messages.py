"""What an import says, by code: the numbering warnings and the reasons for the lines the
parser drops or repairs, and their texts in the reader's language.

The parser and the numbering check write English (``NumberingWarning.message()``, the
``reason`` of a dropped line) with a ``code``; :func:`localise_report` gives an import report
with those texts in en, ru or kk, for the API (``POST /api/v1/drafts/import``, its preview
and the import of a revised text). The msgids are those of the import page
(``app/web/imports.py``), translated in the ``messages`` catalog.
"""

from __future__ import annotations

from app.core.i18n import LANGUAGES
from app.core.i18n.catalogs import translations

DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    return message


#: numbering warnings, by ``NumberingWarning.code``; fields label, previous, expected
WARNING_MESSAGES: dict[str, str] = {
    "skip": N_("“%(label)s” follows “%(previous)s”: the numbers skip (in sequence it would be “%(expected)s”)."),
    "repeat": N_("“%(label)s” repeats the number of “%(previous)s” before it."),
    "restart": N_("“%(label)s”: the numbering starts again after “%(previous)s”."),
    "start": N_("“%(label)s”: the list begins mid-way (its first number would be “%(expected)s”)."),
    "style": N_("“%(label)s” is written in another numbering style than “%(previous)s” before it."),
    "other": N_("“%(label)s” does not follow “%(previous)s” (in sequence it would be “%(expected)s”)."),
}

#: why a line of the source is not in the stored text, or was repaired, by code
DROP_REASONS: dict[str, str] = {
    "page_number": N_("page number"),
    "job_number": N_("job number of a printed document"),
    "document_symbol": N_("document symbol repeated on a page"),
    "running_head": N_("running head (repeats a heading line on every page)"),
    "signature_layout": N_("layout line of a signature block"),
    "control_characters": N_("control characters removed (text extracted from a PDF or another program)"),
}
_CODE_OF_REASON = {reason: code for code, reason in DROP_REASONS.items()}


def reason_code(reason: str) -> str:
    """The code of an English reason ("page number" -> "page_number"); "" if unknown."""
    return _CODE_OF_REASON.get(reason, "")


def warning_message(warning: dict, lang: str = "en") -> str:
    """A numbering warning (``NumberingWarning.as_dict()``) in ``lang``."""
    msgid = WARNING_MESSAGES.get(warning.get("code", ""), WARNING_MESSAGES["other"])
    fields = {k: warning.get(k) or "" for k in ("label", "previous", "expected")}
    return _gettext(lang)(msgid) % fields


def reason_text(entry: dict, lang: str = "en") -> str:
    """The reason of a dropped or repaired line (``{"code", "reason"}``) in ``lang``."""
    msgid = DROP_REASONS.get(entry.get("code", "")) or entry.get("reason", "")
    return _gettext(lang)(msgid) if msgid else ""


def localise_report(report: dict | None, lang: str) -> dict | None:
    """A copy of an import report (``warnings``, ``dropped``, ``repairs``, ...) with every
    warning's ``message`` and every line's ``reason`` in ``lang``; codes unchanged."""
    if not report:
        return report
    out = dict(report)  # (the rest of the report, a tree perhaps, is shared, not copied)
    if out.get("warnings"):
        out["warnings"] = [{**w, "message": warning_message(w, lang)} for w in out["warnings"]]
    for key in ("dropped", "repairs"):
        if out.get(key):
            out[key] = [{**e, "code": e.get("code") or reason_code(e.get("reason", "")), "reason": reason_text(e, lang)}
                        for e in out[key]]
    return out


#: Sentences Concord stores (or returns) as a code with params and shows in the reader's language:
#: the note a proposal gets when it is re-anchored to a new version (``Proposal.anchor_note_code``),
#: a version's label written by Concord (``Version.label_code``) and the reasons two changes of a
#: consolidation conflict. Fields: clause (a clause's number), n (a version), m (a meeting), text.
STORED_TEXTS: dict[str, str] = {
    "anchor_deleted": N_("Clause %(clause)s was deleted in version %(n)s."),
    "anchor_move_target_deleted": N_("Clause %(clause)s, where it was to be moved, was deleted in version %(n)s."),
    "anchor_delete_changed": N_("Clause %(clause)s was changed in version %(n)s after its deletion was proposed; "
                                "confirm the proposal."),
    "anchor_applied": N_("Clause %(clause)s changed in version %(n)s; the amendment still applies and was "
                         "carried over."),
    "anchor_conflict": N_("Clause %(clause)s changed in version %(n)s and the amendment no longer applies cleanly; "
                          "compare the old and new text and update it."),
    "version_initial": N_("Initial text"),
    "version_returned": N_("Returned for revision (meeting %(m)s): %(text)s"),
    "version_consolidated": N_("Updated to reflect the proposals of Member States"),
    "version_consolidated_text": N_("Consolidated text"),  # (versions stored before 0009)
    "version_renumbered": N_("Renumbered"),
    "version_revised": N_("Revised text"),
    "version_revised_file": N_("Revised text (%(file)s)"),
    "version_revised_of": N_("Revised text of %(who)s"),
    "version_revised_of_file": N_("Revised text of %(who)s (%(file)s)"),
    "conflict_not_in_base": N_("clause %(clause)s is not in the base version"),
    "conflict_two_wordings": N_("two different new wordings for the same clause"),
    "conflict_two_places": N_("the same clause moved to two different places"),
    "conflict_no_clause": N_("the change names no clause"),
    "conflict_delete_rewords": N_("one deletes clause %(clause)s, the other rewords it"),
    "conflict_delete_moves": N_("one deletes clause %(clause)s, the other moves it"),
    "conflict_delete_inserts": N_("one deletes clause %(clause)s, the other inserts next to it"),
    "conflict_delete_changes": N_("one deletes clause %(clause)s, the other changes it"),
}


#: why a change cannot be applied to a version (``EditError.code``) and why a chosen proposal cannot be
#: consolidated (the ``extra`` of ``consolidate_problems``). Fields: clause, kind, id, n, status.
EDIT_REASONS: dict[str, str] = {
    "edit_not_in_version": N_("clause “%(clause)s” is not in this version"),
    "edit_no_clause": N_("the change names no clause"),
    "edit_move_target_missing": N_("clause “%(clause)s”, where it is to be moved, is not in this version"),
    "edit_move_self": N_("a clause cannot be moved relative to itself"),
    "edit_move_inside": N_("a clause cannot be moved inside itself"),
    "edit_unknown_kind": N_("unknown kind of change “%(kind)s”"),
    "consolidate_not_accepted": N_("proposal %(id)s is not accepted"),
    "consolidate_already_in": N_("proposal %(id)s is already in version %(n)s"),
    "consolidate_other_version": N_("proposal %(id)s is anchored to version %(n)s"),
    "consolidate_needs_attention": N_("proposal %(id)s needs attention: its clause changed since it was made"),
    "consolidate_orphaned": N_("proposal %(id)s is orphaned: its clause was deleted"),
}


def edit_reason(code: str, params: dict | None = None, lang: str = "en", gettext=None) -> str:
    """A reason of :data:`EDIT_REASONS` in ``lang`` (or by the page's ``gettext``); the code if unknown."""
    msgid = EDIT_REASONS.get(code or "")
    if msgid is None:
        return code or ""
    values = {k: "" if v is None else v for k, v in (params or {}).items()}
    for name in ("clause", "kind", "id", "n"):
        values.setdefault(name, "")
    try:
        return (gettext or _gettext(lang))(msgid) % values
    except (KeyError, TypeError, ValueError):
        return msgid % values


def localise_problems(problems: list[dict] | None, lang: str) -> list[dict] | None:
    """Consolidation problems or conflicts (``{"code", "params", "reason", ...}``) with ``reason`` in ``lang``."""
    if not problems:
        return problems
    out = []
    for p in problems:
        code = p.get("code") or ""
        if code in EDIT_REASONS:
            p = {**p, "reason": edit_reason(code, p.get("params"), lang)}
        elif code in STORED_TEXTS:
            p = {**p, "reason": stored_text(code, p.get("params"), lang)}
        out.append(p)
    return out


def stored_text(code: str, params: dict | None = None, lang: str = "en", gettext=None) -> str:
    """A stored text's sentence in ``lang`` (or by the page's ``gettext``); "" for an unknown code."""
    msgid = STORED_TEXTS.get(code or "")
    if msgid is None:
        return ""
    values = {k: "" if v is None else v for k, v in (params or {}).items()}
    for name in ("clause", "n", "m", "text", "who", "file"):
        values.setdefault(name, "")
    try:
        return (gettext or _gettext(lang))(msgid) % values
    except (KeyError, TypeError, ValueError):
        return msgid % values


def shown(code: str | None, params: dict | None, text: str, lang: str = "en", gettext=None) -> str:
    """For a page: the sentence in ``lang`` (or by ``gettext``) when it has a code; else the text as a
    person typed it (a label given to a consolidated version), in whatever language they wrote it."""
    if code and code in STORED_TEXTS:
        return stored_text(code, params, lang, gettext)
    if code and code in EDIT_REASONS:
        return edit_reason(code, params, lang, gettext)
    return text or ""


def _gettext(lang: str):
    if lang not in LANGUAGES or lang == "en":
        return lambda s: s
    return translations(lang, DOMAIN).gettext
