"""Every word the exports and comparisons show a reader, in en, ru and kk.

The sentences are gettext messages of the ``exports`` domain (``locales/<lang>/LC_MESSAGES/
exports.po``, extracted from ``app/core/word`` by ``make i18n``). :class:`Labels` translates
them for one language; the tables below name them once (``N_`` only marks a message for
extraction). Placeholders are ``str.format`` fields (``{number}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from app.core.i18n import LANGUAGES, format_date
from app.core.i18n.catalogs import translations

DOMAIN = "exports"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    return message


class Labels:
    """The messages of the exports in one language: ``labels("Version {number}", number=2)``."""

    def __init__(self, lang: str = "en"):
        self.lang = lang if lang in LANGUAGES else "en"
        self._t = translations(self.lang, DOMAIN)

    def __call__(self, message: str, **fields: object) -> str:
        text = self._t.gettext(message)
        return text.format(**fields) if fields else text

    def ngettext(self, singular: str, plural: str, n: int, **fields: object) -> str:
        """A message with a number, in the plural form the language takes for ``n`` ("1 year",
        "5 years"; ru "1 год", "2 года", "5 лет"); ``{n}`` is the number."""
        return self._t.ngettext(singular, plural, n).format(n=n, **fields)

    def date(self, value: date | datetime | str | None) -> str:
        """A date as the documents write it (en "12 June 2024", ru "12 июня 2024 года")."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if isinstance(value, datetime):
            value = value.date()
        return format_date(value, self.lang)

    # --- named messages ---------------------------------------------------------------------

    @property
    def secretariat(self) -> str:
        return self(SECRETARIAT)

    def version(self, number: int, label: str = "") -> str:
        text = self(VERSION, number=number)
        return f"{text} ({label})" if label else text

    def status(self, status: str) -> str:
        msg = PROPOSAL_STATUS.get(status)
        return self(msg) if msg else status.replace("_", " ")

    def source_changed(self, source_lang: str, lang: str) -> str:
        msg = SOURCE_CHANGED.get((source_lang, lang), SOURCE_CHANGED_ANY)
        return self(msg)

    def language(self, lang: str) -> str:
        msg = LANGUAGE_NAMES.get(lang)
        return self(msg) if msg else lang


SECRETARIAT = N_("Secretariat")
VERSION = N_("Version {number}")
DRAFT_MARK = N_("DRAFT")

#: the names of the languages in column headings
LANGUAGE_NAMES = {"en": N_("English"), "ru": N_("Russian"), "kk": N_("Kazakh")}

#: a clause of a translation whose authentic text changed while the translation did not
SOURCE_CHANGED: Mapping[tuple[str, str], str] = {
    ("en", "ru"): N_("Changed in English; the Russian text is not yet updated"),
    ("en", "kk"): N_("Changed in English; the Kazakh text is not yet updated"),
    ("ru", "en"): N_("Changed in Russian; the English text is not yet updated"),
    ("ru", "kk"): N_("Changed in Russian; the Kazakh text is not yet updated"),
    ("kk", "en"): N_("Changed in Kazakh; the English text is not yet updated"),
    ("kk", "ru"): N_("Changed in Kazakh; the Russian text is not yet updated"),
}
SOURCE_CHANGED_ANY = N_("Changed in the authentic text; this text is not yet updated")
SOURCE_TEXT = {"en": N_("English text"), "ru": N_("Russian text"), "kk": N_("Kazakh text")}

#: proposal statuses as a reader sees them (the compilation's status column)
PROPOSAL_STATUS = {
    "draft": N_("draft (not submitted)"),
    "submitted": N_("submitted"),
    "withdrawn": N_("withdrawn"),
    "accepted": N_("accepted"),
    "accepted_modified": N_("accepted with modifications"),
    "rejected": N_("rejected"),
    "merged": N_("merged"),
    "noted": N_("noted"),
    "superseded": N_("superseded"),
}

#: the comparison's labels (app/core/compare/html.py LABELS keys)
COMPARE_LABELS = {
    "unchanged": N_("Unchanged"),
    "modified": N_("Modified"),
    "inserted": N_("Inserted"),
    "deleted": N_("Deleted"),
    "moved": N_("Moved"),
    "renumbered": N_("Renumbered"),
    "was": N_("was {number}"),
    "split_from": N_("split from {number}"),
    "merged_into": N_("merged into {number}"),
    "ins_start": N_("[insertion start]"),
    "ins_end": N_("[insertion end]"),
    "del_start": N_("[deletion start]"),
    "del_end": N_("[deletion end]"),
    "caption": N_("Changes from {old} to {new}"),
    "caption_plain": N_("Changes"),
    "clause": N_("Clause"),
    "old": N_("Previous text"),
    "new": N_("New text"),
    "none": N_("none"),
    "summary": N_("Summary"),
    "renumbering": N_("Renumbering"),
    "old_number": N_("Old number"),
    "new_number": N_("New number"),
}


def compare_labels(lang: str, source_lang: str = "") -> dict[str, str]:
    """The labels of :mod:`app.core.compare.html` in ``lang`` (``source_changed`` and
    ``source_text`` for a comparison of translations of ``source_lang``)."""
    lab = Labels(lang)
    out = {k: lab(v) for k, v in COMPARE_LABELS.items()}
    out["source_changed"] = lab.source_changed(source_lang, lang)
    out["source_text"] = lab(SOURCE_TEXT.get(source_lang, N_("Authentic text")))
    return out


#: the compilation of proposals
COMPILATION_HEADINGS = (N_("No."), N_("Current text"), N_("Proposed by"), N_("Proposal"), N_("Rationale"),
                        N_("Status"))
COMPILATION_TITLE = N_("Proposals of Member States on version {number}")
GENERAL_COMMENTS = N_("General comments")
NOT_IN_VERSION = N_("Clauses not in this version")
NO_PROPOSALS = N_("—")
COMMENT_ONLY = N_("(comment only)")
NO_TEXT_CHANGE = N_("(no change to the text)")
COSPONSORS = N_("Co-sponsors: {states}")
NEW_CLAUSE = {"after": N_("New clause after {number}"), "before": N_("New clause before {number}"),
              "last_child": N_("New clause at the end of {number}")}
MOVE_TO = {"after": N_("Move after {number}"), "before": N_("Move before {number}"),
           "last_child": N_("Move to the end of {number}")}
DELETE_CLAUSE = N_("Delete {number}")
HEADING_CHANGE = N_("Heading:")
RECOMMENDATION = {"accepted": N_("accept"), "accepted_modified": N_("accept as modified"),
                  "rejected": N_("reject"), "noted": N_("note"), "merged": N_("merged into proposal {id}")}
THIS_CLAUSE = N_("this clause")

#: the parallel text
STALE = N_("[Not up to date: the source text has changed]")
MISSING = N_("[Translation missing]")

#: the signature copy
SIGNATURE_LINES = (N_("Signature"), N_("Date"), N_("Place"))

#: the redline's comments
PROPOSAL_NO = N_("Proposal {id}")

#: agreement clause by clause (app/core/word/agreement.py)
AGREEMENT_PROGRESS = N_("{agreed} of {total} paragraphs agreed")
AGREED_MARK = N_("agreed ad referendum")
AGREED_AT = N_("agreed ad referendum: {meeting}")
BRACKETED_PASSAGE = N_("In square brackets: “{text}”.")
ALTERNATIVE = N_("{label}: “{text}” ({states})")
NO_SUPPORTER = N_("no state named")
AGREEMENT_LEGEND = N_("Paragraphs agreed ad referendum have a bar in the margin and end with “(agreed ad "
                      "referendum)”; text still in dispute is in [square brackets], highlighted and underlined "
                      "twice, with its alternatives and the states supporting each below the paragraph.")
AGREEMENT_COLUMN = N_("Agreement")

#: the final copy's "Entry into force and term" block (plural messages are in
#: :func:`app.core.word.exports.term_lines`)
EIF_HEADING = N_("Entry into force and term")
EIF_ON = N_("Entry into force: {date}")
EIF_LAST_SIGNATURE = N_("Entry into force: on the date of the last signature (the date is not yet known)")
EXPIRES_ON = N_("Expires on: {date}")
EXPIRES_UNKNOWN = N_("Expires on: not yet known (the term runs from the entry into force)")
NOTICE_BY = N_("Last day for notice of termination: {date}")
REMINDER_ON = N_("Renewal reminder: {date}")
REMINDER_UNKNOWN = N_("Renewal reminder: once the expiry date is known")
