"""How the importer compares text: typed number labels, whitespace, quotes and case.

A paragraph of an uploaded document is matched to a clause line by its text with these
differences normalised away (a person retyping "1.2<TAB>" or curly quotes is not amending).
Pure functions on strings.
"""

from __future__ import annotations

import re
import unicodedata

# A number label typed as text at the start of a line: "1", "1.2", "1.2.", "1:", "1)", "(a)",
# "(iv)", "iv.", "a.", "a)", "Article 4", "ARTICLE IV -", optionally after a bullet ("- 1.1").
_LABEL = re.compile(
    r"""^[ \u00a0]*(?:[-\u2013\u2022\u00b7*][ \u00a0]+)?
    (?P<label>
        (?:article|section|art\.)[ \u00a0]+(?:\d+|[ivxlcdm]{1,6})[.:]?(?:[ \u00a0]+[-\u2013\u2014])?
      | \d+(?:\.\d+)*(?:[ \u00a0]+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)\b)?[.:)]?
      | \([ ]?(?:\d+|[a-z]{1,2}|[ivxlcdm]{1,6})[ ]?\)
      | (?:[ivxlcdm]{1,6}|[a-z]{1,2})[.)]
    )
    (?P<sep>\t[\t \u00a0]*|[ \u00a0]+|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_BARE_NUMBER = re.compile(r"\d+")


def split_label(line: str, *, tab_only: bool = False) -> tuple[str, str]:
    """(number label, rest) of a line whose number is typed as text: "1.2<TAB>text" →
    ("1.2", "text"). A label followed by spaces only counts when it cannot be ordinary text
    (never a bare number: "2024 was ..."); ``tab_only``: only a label followed by a TAB."""
    m = _LABEL.match(line)
    if m is None:
        return "", line
    label, sep = m.group("label"), m.group("sep")
    if sep and "\t" not in sep and (tab_only or _BARE_NUMBER.fullmatch(label)):
        return "", line
    return label, line[m.end():]


def norm(text: str) -> str:
    """Whitespace collapsed (what the proposals service compares quoted text with)."""
    return " ".join((text or "").split())


_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None,
})


def loose(line: str) -> str:
    """A line as compared when matching paragraphs to clauses: number label removed, quotes,
    dashes, whitespace and case normalised."""
    text = split_label(line)[1].translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).casefold()


def excerpt(text: str, n: int = 60) -> str:
    """The start of a text, whitespace collapsed, for a message."""
    text = norm(text)
    return text if len(text) <= n else text[: n - 1] + "…"
