"""Read the body of a .docx as plain data, tracked changes and automatic numbering included.

python-docx's ``paragraph.text`` silently drops tracked insertions (text inside ``w:ins``)
and deletions (``w:delText``) and knows nothing of Word's automatic numbering, so the
document part is walked here directly with lxml:

- :func:`read_paragraphs` gives every body paragraph in document order (table cells
  included, with their :class:`TablePosition`), each with its text when all tracked changes
  are accepted and when all are rejected, its automatic number label ("1.", "1.1", "a)",
  "(iv)") computed from ``numbering.xml`` by counting, its style, its bookmarks and whether
  its paragraph mark is a tracked insertion or deletion;
- :func:`docx_to_blocks` gives the accepted text of each non-empty paragraph, prefixed with
  its label ("1.1 text"): what the draft importer feeds to the text parser.

The walk itself is :mod:`app.core.word.walk` (shared with :mod:`app.core.word.tracked`), Word's
styles and numbering emulation :mod:`app.core.word.numbering`, the tag names
:mod:`app.core.word.ooxml`.

Text is kept exactly: ``w:t`` as written (smart quotes, non-breaking spaces), ``w:tab`` and
``w:ptab`` as "\\t", ``w:br`` and ``w:cr`` as "\\n", ``w:noBreakHyphen`` as U+2011,
``w:softHyphen`` as U+00AD, ``w:sym`` as its character; hyperlinks, simple fields
(``w:fldSimple``), content controls, smart tags and custom XML are read through; of a complex
field (``w:fldChar``) the displayed result is kept and the instruction text dropped; math
keeps its ``m:t`` text; drawings, text boxes and footnote references add nothing.

Pure Python: bytes in, plain data out. Every package is checked by
:func:`app.core.word.safety.open_docx` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import ooxml as ox
from .numbering import Numbering, Styles, format_number
from .ooxml import DELETE, EQUAL, INSERT
from .walk import (
    CLAUSE_BOOKMARK_PREFIX,
    LoadedDocx,
    MarkRevision,
    Segment,
    TablePosition,
    accepted_chains,
    clause_key,
    joins_next,
    load,
)

__all__ = ["CLAUSE_BOOKMARK_PREFIX", "DELETE", "EQUAL", "INSERT", "MarkRevision", "Paragraph", "Segment",
           "TablePosition", "clause_key", "docx_to_blocks", "format_number", "read_paragraphs"]


@dataclass
class Paragraph:
    """One body paragraph, read with tracked changes resolved both ways."""

    index: int  # position among all body paragraphs (table paragraphs included), from 0
    accepted_text: str  # the text when all tracked changes are accepted
    rejected_text: str  # the text when all tracked changes are rejected
    label: str | None = None  # automatic number label ("1.1", "a)", "(iv)", "•"), accepted view
    num_id: str | None = None  # the w:numId in effect (paragraph or style), None when unnumbered
    level: int | None = None  # the list level (w:ilvl, 0-based) when numbered
    style_id: str | None = None  # w:pStyle (or the default paragraph style)
    style: str | None = None  # the style's name as Word shows it ("Heading 1", "Normal")
    bookmarks: list[str] = field(default_factory=list)  # bookmarks starting in (or just before) it
    mark_inserted: bool = False  # paragraph mark is a tracked insertion (or the target of a move)
    mark_deleted: bool = False  # paragraph mark is a tracked deletion (or the source of a move)
    table: TablePosition | None = None

    @property
    def text(self) -> str:
        return self.accepted_text

    @property
    def has_changes(self) -> bool:
        return self.accepted_text != self.rejected_text or self.mark_inserted or self.mark_deleted

    @property
    def key(self) -> str | None:
        """The Concord clause key of the first "cl_<key>" bookmark, if any."""
        return clause_key(self.bookmarks)


# --- entry points -------------------------------------------------------------------------

_NUMBERING_PARTS = (ox.REL_STYLES, ox.REL_NUMBERING)


def _paragraphs(doc: LoadedDocx) -> list[Paragraph]:
    styles = Styles(doc.parts.get(ox.REL_STYLES))
    numbering = Numbering(doc.parts.get(ox.REL_NUMBERING), styles)
    raws = doc.raws
    owner = accepted_chains(raws)
    out = []
    for i, raw in enumerate(raws):
        style_id = raw.style_id or styles.default
        num_id, ilvl = numbering.resolve(style_id, raw.num_id, raw.ilvl)
        label = None
        # Counted in the accepted view only, once per paragraph that remains there.
        if num_id is not None and owner[i] == i:
            label = numbering.next_label(num_id, ilvl)
        mark = raw.mark
        out.append(
            Paragraph(
                index=raw.index,
                accepted_text=raw.text(True),
                rejected_text=raw.text(False),
                label=label,
                num_id=num_id,
                level=ilvl if num_id is not None else None,
                style_id=style_id,
                style=styles.name(style_id),
                bookmarks=raw.bookmarks,
                mark_inserted=mark is not None and mark.op == INSERT,
                mark_deleted=mark is not None and mark.op == DELETE,
                table=raw.table,
            )
        )
    return out


def read_paragraphs(data: bytes, **limits: float) -> list[Paragraph]:
    """Every body paragraph of a .docx, in document order (table cells included).

    Raises :class:`~app.core.word.safety.UnsupportedDocument` or
    :class:`~app.core.word.safety.DocumentTooLarge` for files that are not acceptable .docx;
    ``limits`` are :func:`~app.core.word.safety.check_docx`'s (``max_bytes=...``).
    """
    return _paragraphs(load(data, related=_NUMBERING_PARTS, limits=limits))


_BARE_NUMBER = re.compile(r"\d{1,4}\.?")
_BARE_NUMBER_HEAD = re.compile(r"(\d{1,4})\t(\S.*)", re.S)


def _bare_number_head(text: str, bold: bool) -> str:
    """In Concord's own export (a ``cl_`` bookmark): the head paragraph of a section labelled by
    a bare number, "1" alone or "1<TAB>Heading" in bold, which plain text would read as a page
    number or as a sentence beginning with a number. The canonical text writes such a section
    as a Markdown heading ("### 1", "### 1 Joint Programme Committee"), and so it is read back."""
    if _BARE_NUMBER.fullmatch(text):
        return f"### {text}"
    m = _BARE_NUMBER_HEAD.fullmatch(text) if bold else None
    return f"### {m.group(1)} {m.group(2)}" if m and "\n" not in m.group(2) else text


def docx_to_blocks(data: bytes, **limits: float) -> list[str]:
    """The accepted text of each paragraph that shows something, prefixed with its automatic
    number label when it has one ("1.1 text"; a numbered paragraph with no text gives its label
    alone). Paragraphs whose mark is a tracked deletion are joined
    to the next one, as accepting the deletion does (the joined paragraph is numbered as the
    first of them that keeps text). Surrounding whitespace is stripped. ``limits`` as for
    :func:`read_paragraphs`."""
    doc = load(data, related=_NUMBERING_PARTS, limits=limits)
    paras = _paragraphs(doc)
    owner = accepted_chains(doc.raws)
    blocks = []
    text, label = "", None
    for i, p in enumerate(paras):
        text += p.accepted_text
        if owner[i] == i:
            label = p.label
        if joins_next(doc.raws, i, DELETE):
            continue
        text = text.strip()
        if label is None and any(b.startswith("cl_") for b in p.bookmarks):
            text = _bare_number_head(text, doc.raws[i].bold)
        if text or label:
            # a numbered paragraph with no text still shows its number ("Статья 13" made by
            # the numbering, the article's text in the paragraphs below): the label is text
            blocks.append(f"{label} {text}" if label and text else text or label)
        text, label = "", None
    return blocks
