"""A note as a Word document: the language versions one after another, a page break between.

Built with python-docx (a note is a few paragraphs; no need for raw lxml here) from the
same :class:`~app.core.notes.render.RenderedNote` blocks as the text and HTML outputs:
letterhead bold and centred, number, enclosure line (italic where the layout says so),
body paragraphs justified with a first-line indent, place and date, addressee block in
bold. Times New Roman 14 pt on A4; every run carries its language (w:lang), so Word and
LibreOffice spell-check the Russian and Kazakh text as such.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime, time

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement
from docx.shared import Cm, Pt

from app.core.i18n import LANGUAGE_TAGS, LANGUAGES

from .layout import NoteLayout
from .model import NoteFacts
from .render import Block, RenderedNote, render_note

FONT = "Times New Roman"
FONT_SIZE = Pt(14)
FIRST_LINE_INDENT = Cm(1.25)

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
# space before each kind of block (the reference leaves a few blank lines before the
# place-and-date line and the addressee block)
_SPACE_BEFORE = {"letterhead": Pt(0), "number": Pt(12), "enclosure": Pt(12), "paragraph": Pt(0),
                 "place_date": Pt(24), "addressee": Pt(36)}


def _set_lang(run, lang: str) -> None:
    rpr = run._r.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    tag = LANGUAGE_TAGS[lang]
    el.set(qn("w:val"), tag)
    el.set(qn("w:eastAsia"), tag)
    el.set(qn("w:bidi"), tag)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.0


def _add_block(document, block: Block, page_break_before: bool) -> None:
    p = document.add_paragraph()
    pf = p.paragraph_format
    pf.alignment = _ALIGN[block.align]
    pf.space_before = _SPACE_BEFORE.get(block.role, Pt(0))
    if block.first_line_indent:
        pf.first_line_indent = FIRST_LINE_INDENT
    if page_break_before:
        pf.page_break_before = True
    if block.role in ("letterhead", "addressee", "enclosure"):
        pf.keep_together = True
    run = p.add_run()
    run.bold = block.bold or None
    run.italic = block.italic or None
    _set_lang(run, block.lang)
    for i, line in enumerate(block.lines):
        if i:
            run.add_break()
        run.add_text(line)


def rendered_docx(notes: Sequence[RenderedNote], title: str = "", when: datetime | None = None) -> bytes:
    """A .docx of already rendered notes, one after another, each from a new page.

    ``when`` sets the document's created/modified properties (default: python-docx's).
    """
    document = Document()
    _setup(document)
    props = document.core_properties
    props.title = title or (f"Note {notes[0].number}" if notes else "Note")
    props.author = props.last_modified_by = "Concord"
    props.language = LANGUAGE_TAGS[notes[0].lang] if notes else ""
    if when is not None:
        props.created = props.modified = when
    for n, note in enumerate(notes):
        for b, block in enumerate(note.blocks()):
            _add_block(document, block, page_break_before=(n > 0 and b == 0))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def note_docx(facts: NoteFacts, langs: Sequence[str] = LANGUAGES,
              layouts: dict[str, NoteLayout] | None = None) -> bytes:
    """The note in ``langs`` (default en, ru, kk) as one Word document."""
    notes = [render_note(facts, lang, (layouts or {}).get(lang)) for lang in langs]
    # document properties dated with the note, so the same facts give the same metadata
    when = datetime.combine(facts.date, time(0, 0), tzinfo=UTC)
    return rendered_docx(notes, title=f"Note {facts.number}", when=when)
