"""Document-level helpers for every .docx Concord writes.

A minimal python-docx ``Document()`` provides the package, styles, sections, headers and
footers; the body is built as lxml elements with :mod:`app.core.word.ooxml`.

The clause layout, shared by all exports (and by the reader, which maps paragraphs back):

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
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from docx.enum.section import WD_ORIENT
from docx.opc.pkgwriter import PackageWriter
from docx.shared import Twips
from lxml import etree

from app.core.clauses.labels import label_shapes
from app.core.clauses.tree import (
    CLOSING,
    PART,
    PARTY,
    SECTION,
    SIGNATURE,
    TEXT,
    TITLE,
)

from . import ooxml as ox

# page geometry, twips (1 cm = 567)
A4_WIDTH = 11906
A4_HEIGHT = 16838
MARGIN = 1418  # 2.5 cm
INDENT_STEP = 567  # 1 cm a level
FONT = "Times New Roman"
FONT_SIZE = 12  # points

TAB = "\t"
LINE_BREAK = "\n"


# --- the document shell ----------------------------------------------------------------------


def new_document(*, title: str = "", landscape: bool = False, margin: int = MARGIN,
                 font: str = FONT, size: float = FONT_SIZE, after: int = 120):
    """A python-docx Document on A4 with an empty body, one font, single line spacing and
    ``after`` twips after each paragraph. Fill ``body_of(doc)``, then :func:`to_bytes`."""
    doc = docx.Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(A4_HEIGHT), Twips(A4_WIDTH)
    else:
        section.page_width, section.page_height = Twips(A4_WIDTH), Twips(A4_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(margin))
    section.header_distance = Twips(709)
    section.footer_distance = Twips(709)
    _set_defaults(doc, font, size, after)
    props = doc.core_properties
    props.title = ox.clean_text(title or "")[:255]  # XML 1.0 text; the core property holds 255 characters
    props.author = "Concord"
    props.last_modified_by = "Concord"
    props.comments = ""
    body = doc.element.body
    for child in list(body):
        if child.tag != ox.W_SECT_PR:
            body.remove(child)
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):  # the template's thumbnail shows another document
        if rel.reltype.endswith("/thumbnail"):
            del rels[rid]
    return doc


def _set_defaults(doc, font: str, size: float, after: int) -> None:
    styles = doc.styles.element
    defaults = styles.find(ox.w("docDefaults"))
    rpr = defaults.find(f"{ox.w('rPrDefault')}/{ox.W_RPR}")
    fonts = rpr.find(ox.w("rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(ox.w(attr), font)
    for tag in ("sz", "szCs"):
        el = rpr.find(ox.w(tag))
        if el is not None:
            el.set(ox.W_VAL, str(int(size * 2)))
    spacing = defaults.find(f"{ox.w('pPrDefault')}/{ox.W_PPR}/{ox.W_SPACING}")
    if spacing is not None:
        spacing.set(ox.W_AFTER, str(after))
        spacing.set(ox.w("line"), "240")
        spacing.set(ox.w("lineRule"), "auto")


def body_of(doc) -> etree._Element:
    return doc.element.body


def text_width(doc) -> int:
    """Width between the margins, twips."""
    s = doc.sections[0]
    return int((s.page_width - s.left_margin - s.right_margin) / 635)


class _ZipWriter:
    """python-docx's physical package writer, with fast deflate (level 1): a third of the
    time of the default level for ~25% more bytes."""

    def __init__(self, buf: BytesIO, level: int):
        self._zip = zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level)

    def write(self, pack_uri, blob: bytes) -> None:
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def to_bytes(doc, *, level: int = 1) -> bytes:
    """Serialise: the body ends with a paragraph and its ``w:sectPr`` (moved back last)."""
    body = doc.element.body
    sect = body.find(ox.W_SECT_PR)
    content = [el for el in body if el.tag != ox.W_SECT_PR]
    if not content or content[-1].tag == ox.W_TBL:  # Word wants a paragraph to end the body
        ox.paragraph(body, after=0)
    if sect is not None:
        body.append(sect)
    buf = BytesIO()
    package = doc.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    write = PackageWriter
    if not all(hasattr(write, m) for m in ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")):
        doc.save(buf)  # python-docx changed its internals: the plain (slower) way
        return buf.getvalue()
    out = _ZipWriter(buf, level)
    write._write_content_types_stream(out, parts)
    write._write_pkg_rels(out, package.rels)
    write._write_parts(out, parts)
    out.close()
    return buf.getvalue()


def header_text(doc, left: str, right: str = "", *, bold_left: bool = True) -> None:
    """One header line: ``left`` (bold) and ``right`` at a right tab stop."""
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    hdr = header._element
    for child in list(hdr):
        hdr.remove(child)
    width = text_width(doc)
    p = ox.paragraph(hdr, tab_stops=[("right", width)], after=0)
    if left:
        ox.run(p, left, bold=bold_left)
    if right:
        ox.run(p, TAB + right)


def header_line(doc, text: str, *, size: float = 9) -> None:
    """One more header line after :func:`header_text`: ``text``, small, at the right margin."""
    hdr = doc.sections[0].header._element
    p = ox.paragraph(hdr, align="right", after=0)
    ox.run(p, text, size=size)


def footer_page_number(doc, lines: list[str] = (), *, size: float = 9) -> None:
    """A centred PAGE field in the footer, then any extra ``lines`` (small, centred)."""
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    ftr = footer._element
    for child in list(ftr):
        ftr.remove(child)
    p = ox.paragraph(ftr, align="center", after=0)
    ox.field(p, "PAGE", "1")
    for line in lines:
        q = ox.paragraph(ftr, align="center", after=0)
        ox.run(q, line, size=size)


# --- the clause layout ---------------------------------------------------------------------------


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


def hanging_for(number: str) -> int:
    """Room for a number label before the tab: 1 cm for "1.2", more for "(viii)"."""
    n = len(number)
    if n <= 4:
        return INDENT_STEP
    if n <= 6:
        return 851
    if n <= 10:
        return 1134
    return 1701


def head_format(kind: str, number: str, depth: int) -> dict:
    """``ooxml.paragraph`` keyword arguments of a head paragraph (bold runs)."""
    if is_article_label(kind, number):
        return {"align": "center", "keep_next": True, "before": 240}
    if kind == SIGNATURE:
        return {"keep_next": True, "before": 240}
    base = INDENT_STEP * depth
    fmt: dict = {"keep_next": True, "before": 240 if kind == SECTION else None}
    if number:
        hang = hanging_for(number)
        fmt.update(left=base + hang, hanging=hang, tab_stops=[base + hang])
    elif base:
        fmt["left"] = base
    return fmt


def body_format(kind: str, number: str, depth: int, *, head_number: str | None = None) -> dict:
    """``ooxml.paragraph`` keyword arguments of a body paragraph. ``number`` is the label
    written in it; under a head paragraph it is "" and ``head_number`` is the head's label."""
    if kind == TITLE:
        return {"align": "center", "after": 240}
    if kind == SIGNATURE:
        return {"keep_lines": True}
    base = INDENT_STEP * depth
    fmt: dict = {"align": "both"}
    if kind == CLOSING:  # the closing formula stays with the signatures below it
        fmt["before"] = 360
        fmt["keep_next"] = True
    if number:
        hang = hanging_for(number)
        fmt.update(left=base + hang, hanging=hang, tab_stops=[base + hang])
    elif head_number and kind == SECTION and not is_article_label(kind, head_number):
        fmt["left"] = base + hanging_for(head_number)
    elif base:
        fmt["left"] = base
    return fmt


def body_bold(kind: str) -> bool:
    return kind == TITLE


def short_connector(kind: str, text: str, depth: int) -> bool:
    """A short unnumbered line between parties ("and", "And"): centred."""
    return depth == 0 and kind in (TEXT, PARTY) and 0 < len(text) <= 12 and "\n" not in text


def write_clause(parent: etree._Element, *, kind: str, number: str, heading: str, text: str,
                 depth: int, ids: ox.IdAllocator, key: str | None = None,
                 bookmark: str | None = None, brackets=()) -> list[etree._Element]:
    """Append a clause's paragraphs (no revisions) with its ``cl_<key>`` bookmark (or the
    explicit ``bookmark`` name). ``number`` is the label as written. ``brackets``
    (:class:`app.core.word.agreement.BracketMark`): passages of the text in dispute, drawn in
    square brackets. Returns the paragraphs."""
    paras: list[etree._Element] = []

    def body_text(p: etree._Element, prefix: str, bold: bool) -> None:
        if not brackets:
            ox.run(p, prefix + text, bold=bold)
            return
        from .agreement import bracket_text

        if prefix:
            ox.run(p, prefix, bold=bold)
        bracket_text(p, text, brackets, bold=bold)

    if has_head(kind, heading):
        p = ox.paragraph(parent, **head_format(kind, number, depth))
        paras.append(p)
        ox.run(p, labelled(kind, number, heading), bold=True)
        if text:
            q = ox.paragraph(parent, **body_format(kind, "", depth, head_number=number))
            paras.append(q)
            body_text(q, "", False)
    else:
        fmt = body_format(kind, number, depth)
        if not number and short_connector(kind, text, depth):
            fmt = {"align": "center"}
        p = ox.paragraph(parent, **fmt)
        paras.append(p)
        body_text(p, f"{number}{label_sep(kind, number)}" if number else "", body_bold(kind))
    name = bookmark or (ox.bookmark_name(key) if key else None)
    if name:
        wrap_bookmark(paras, name, ids)
    return paras


def wrap_bookmark(paras: list[etree._Element], name: str, ids: ox.IdAllocator) -> str:
    """Put ``w:bookmarkStart`` after the first paragraph's ``w:pPr`` and ``w:bookmarkEnd``
    at the end of the last paragraph. Returns the bookmark's id."""
    ident = ids()
    first = paras[0]
    idx = 1 if len(first) and first[0].tag == ox.W_PPR else 0
    ox.bookmark_start(first, ident, name, index=idx)
    ox.bookmark_end(paras[-1], ident)
    return ident

