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


def _gettext(lang: str):
    if lang not in LANGUAGES or lang == "en":
        return lambda s: s
    return translations(lang, DOMAIN).gettext
