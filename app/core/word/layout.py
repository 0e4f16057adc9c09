"""The clause ↔ paragraph layout contract, shared by every writer and by the importer.

Every export writes clauses this way (:mod:`app.core.word.writer` formats the paragraphs), and the
.docx importer (:mod:`app.core.word.plan`) maps an uploaded document's paragraphs back by it:

- a clause is one or two paragraphs. Sections, signature blocks and any clause with a
  heading get a *head* paragraph (number label, separator, heading; bold) and, when they
  have text, a *body* paragraph (the text). Other clauses are one body paragraph:
  number label, separator, text.
- the number label is typed as text **as written** (``Clause.label``: "1.2", "ii.", "(a)",
  "ARTICLE 4 -", "2.5 bis", "Article I"), never a number recomputed from the clause's place;
  it is followed by a TAB (hanging indent: ``w:ind left/hanging`` plus a tab stop at the text
  position) or, for article-style section labels ("Article 4") and the labels of parts and
  chapters ("PART II", "CHAPTER I"), by a line break (``w:br``), centred; an article label that ends in a joining separator ("ARTICLE 4 -", "Article 4:")
  keeps its heading on the same line after a space, as the source had it.
- newlines inside a heading or a text are line breaks (``w:br``) in one paragraph.
- each clause's paragraphs are wrapped in the bookmark ``cl_<key>``
  (:func:`app.core.word.ooxml.bookmark_name`).

:func:`clause_paragraph_texts` gives the plain text of those paragraphs, as a reader (or
LibreOffice's text export) sees them.
:func:`clause_lines` gives the same paragraphs as lines (a line break inside a paragraph
starts a new line), each saying whether it belongs to the head or the body paragraph: what the
importer aligns an uploaded document's paragraphs with.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.clauses.labels import label_shapes
from app.core.clauses.tree import PART, SECTION, SIGNATURE

TAB = "\t"
LINE_BREAK = "\n"

#: a label ending in one of these joins its heading on the same line ("ARTICLE 4 - Purpose")
JOINING_SEPARATORS = ("-", "\u2013", "\u2014", ":")


def written_label(clause) -> str:
    """The number label a clause is written with: its label as written at import (or given
    by the numbering policy), never its position. "" for an unnumbered clause."""
    label = getattr(clause, "label", None)
    if label is None:
        return getattr(clause, "number", "") or ""
    return label.strip()


def is_article_label(kind: str, number: str) -> bool:
    """A label laid out as an article's: centred, its heading below ("Article 4"), and so a
    part's or chapter's ("PART II", "CHAPTER I", "Раздел 2", "1-бөлім": the levels above the
    articles, read back as the same levels)."""
    if kind == SECTION:
        return number.lower().startswith("article")
    return kind == PART and bool(number) and label_shapes(number) == {"article"}


def label_sep(kind: str, number: str) -> str:
    """What follows a number label: a line break for "Article 4" section labels (a space when
    the label ends in its own separator, "ARTICLE 4 -"), else a tab."""
    if is_article_label(kind, number):
        return " " if number.rstrip().endswith(JOINING_SEPARATORS) else LINE_BREAK
    return TAB


def has_head(kind: str, heading: str) -> bool:
    """Whether the clause gets a head paragraph (label + heading) above its text."""
    return kind in (SECTION, SIGNATURE) or bool(heading)


def labelled(kind: str, number: str, content: str) -> str:
    return f"{number}{label_sep(kind, number)}{content}" if number else content


def clause_paragraph_texts(kind: str, number: str, heading: str, text: str) -> list[str]:
    """Plain text of the paragraphs a clause is written as (tabs and ``\\n`` for breaks)."""
    if has_head(kind, heading):
        out = [labelled(kind, number, heading)]
        if text:
            out.append(text)
        return out
    return [labelled(kind, number, text)]


def document_paragraph_texts(doc) -> list[str]:
    """The paragraphs of a whole :class:`~app.core.clauses.tree.Document` as laid out by the
    redline (what accepting every change of a redline to ``doc`` leaves)."""
    from app.core.clauses.tree import number_clauses

    number_clauses(doc)  # labels for clauses that have none yet (plain data)
    out: list[str] = []
    for c in doc.walk():
        out += clause_paragraph_texts(c.kind, written_label(c), c.heading, c.text)
    return out


HEAD = "head"
BODY = "body"


@dataclass(frozen=True)
class ClauseLine:
    """One line of a clause as written: a line of its head paragraph (label and heading,
    ``role`` HEAD) or of its body paragraph (its text, ``role`` BODY); ``line`` counts the
    lines within the heading or the text (line breaks inside a paragraph)."""

    role: str  # HEAD | BODY
    line: int
    text: str


def clause_lines(kind: str, heading: str, text: str) -> list[ClauseLine]:
    """The lines a clause is written as, without its number label (the importer strips typed
    labels itself): the heading's lines when it has a head paragraph, then the text's lines
    when it has text or no head paragraph (an empty clause is one empty body line)."""
    out: list[ClauseLine] = []
    head = has_head(kind, heading)
    if head:
        out += [ClauseLine(HEAD, n, line) for n, line in enumerate(heading.split(LINE_BREAK))]
    if text or not head:
        out += [ClauseLine(BODY, n, line) for n, line in enumerate(text.split(LINE_BREAK))]
    return out
