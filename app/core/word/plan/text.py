"""How the importer compares text: typed number labels, whitespace, quotes and case.

A paragraph of an uploaded document is matched to a clause line by its text with these
differences normalised away (a person retyping "1.2<TAB>" or curly quotes is not amending).
Pure functions on strings.
"""

from __future__ import annotations

import re
import unicodedata

from app.core.clauses.labels import read_label

# What may stand before a typed label: spaces, a bullet ("- 1.1")
_LEAD = re.compile(r"[ \u00a0]*(?:[-\u2013\u2022\u00b7*][ \u00a0]+)?")
_SEP = re.compile(r"\t[\t \u00a0]*|[ \u00a0]+")
_BARE_NUMBER = re.compile(r"\d+")
_BARE_TABBED = re.compile(r"(\d{1,4})(?=\t|$)")


def split_label(line: str, *, tab_only: bool = False) -> tuple[str, str]:
    """(number label, rest) of a line whose number is typed as text: "1.2<TAB>text" →
    ("1.2", "text"). The label is read by the core's one grammar (:func:`app.core.clauses.
    labels.read_label`: "1.2", "2.5 bis", "(a)", "iv.", "а)", "Article 4", "ARTICLE IV -",
    "Статья 1", "1-бап", ...). A label followed by spaces only counts when it cannot be ordinary
    text (never a bare number: "2024 was ..."); a label glued to its text is none; ``tab_only``:
    only a label followed by a TAB."""
    lead = _LEAD.match(line)  # always matches (possibly nothing)
    body = line[lead.end() if lead else 0:]
    found = read_label(body.rstrip())
    if found is not None and body.startswith(found[0].raw):
        label = found[0].raw
    else:  # a bare number is a label only before a TAB ("1<TAB>text", as Concord writes it)
        bare = _BARE_TABBED.match(body)
        if bare is None:
            return "", line
        label = bare.group(1)
    after = body[len(label):]
    m = _SEP.match(after)
    sep = m.group() if m else ""
    if after.startswith("\n"):  # "Article 4" over its heading (a line break in the paragraph)
        return label, after
    if after and not sep:
        return "", line
    if sep and "\t" not in sep and (tab_only or _BARE_NUMBER.fullmatch(label)):
        return "", line
    return label, after[len(sep):]


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
