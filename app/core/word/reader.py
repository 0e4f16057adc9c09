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

:mod:`app.core.word.tracked` builds revision reports on the same walk (``_walk``).

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

from lxml import etree

from .safety import DocxPackage, open_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
NSMAP = {"w": W_NS, "m": M_NS, "w14": W14_NS, "w15": W15_NS}


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_BODY = _w("body")
W_P = _w("p")
W_PPR = _w("pPr")
W_RPR = _w("rPr")
W_PSTYLE = _w("pStyle")
W_NUMPR = _w("numPr")
W_ILVL = _w("ilvl")
W_NUMID = _w("numId")
W_R = _w("r")
W_T = _w("t")
W_DELTEXT = _w("delText")
W_TAB = _w("tab")
W_PTAB = _w("ptab")
W_BR = _w("br")
W_CR = _w("cr")
W_NBH = _w("noBreakHyphen")
W_SOFTH = _w("softHyphen")
W_SYM = _w("sym")
W_FLDCHAR = _w("fldChar")
W_INS = _w("ins")
W_DEL = _w("del")
W_MOVE_FROM = _w("moveFrom")
W_MOVE_TO = _w("moveTo")
W_MOVE_FROM_START = _w("moveFromRangeStart")
W_MOVE_FROM_END = _w("moveFromRangeEnd")
W_MOVE_TO_START = _w("moveToRangeStart")
W_MOVE_TO_END = _w("moveToRangeEnd")
W_HYPERLINK = _w("hyperlink")
W_FLDSIMPLE = _w("fldSimple")
W_SMARTTAG = _w("smartTag")
W_CUSTOMXML = _w("customXml")
W_SDT = _w("sdt")
W_SDTCONTENT = _w("sdtContent")
W_DIR = _w("dir")
W_BDO = _w("bdo")
W_BOOKMARK_START = _w("bookmarkStart")
W_COMMENT_START = _w("commentRangeStart")
W_COMMENT_END = _w("commentRangeEnd")
W_COMMENT_REF = _w("commentReference")
W_TBL = _w("tbl")
W_TR = _w("tr")
W_TC = _w("tc")
W_TRPR = _w("trPr")
W_ID = _w("id")
W_NAME = _w("name")
W_AUTHOR = _w("author")
W_DATE = _w("date")
W_VAL = _w("val")
W_TYPE = _w("type")
W_CHAR = _w("char")
W_FLDCHARTYPE = _w("fldCharType")
M_T = f"{{{M_NS}}}t"
M_OMATH = f"{{{M_NS}}}oMath"
M_OMATHPARA = f"{{{M_NS}}}oMathPara"

_REVISION_TAGS = {W_INS: "insert", W_DEL: "delete", W_MOVE_FROM: "delete", W_MOVE_TO: "insert"}
_INLINE_CONTAINERS = frozenset({W_HYPERLINK, W_FLDSIMPLE, W_SMARTTAG, W_CUSTOMXML, W_DIR, W_BDO})
_CHARS = {W_TAB: "\t", W_PTAB: "\t", W_BR: "\n", W_CR: "\n", W_NBH: "\u2011", W_SOFTH: "\u00ad"}

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

#: Bookmarks named "cl_<key>" carry Concord clause keys.
CLAUSE_BOOKMARK_PREFIX = "cl_"

REL_NUMBERING = "numbering"
REL_STYLES = "styles"
REL_COMMENTS = "comments"
REL_COMMENTS_EXTENDED = "commentsExtended"


# ---------------------------------------------------------------------------------------
# Public data


@dataclass(frozen=True)
class TablePosition:
    """Where a paragraph sits in a table. ``table`` counts every table in document order
    from 0 (nested ones too); ``row`` and ``cell`` are 0-based within their table/row;
    ``depth`` is 1 for a top-level table, 2 for a table nested in a cell, ..."""

    table: int
    row: int
    cell: int
    depth: int = 1


@dataclass(frozen=True)
class Segment:
    """A stretch of paragraph text with one revision status.

    ``op`` is "equal", "insert" or "delete". A move is reported as its two halves: the
    text moved away is a "delete" and the text moved here an "insert", both with ``move``
    set to the move's name (``w:moveFromRangeStart/@w:name``), which pairs them.
    ``id`` is the ``w:id`` of the ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo``.
    ``date`` is the ``w:date`` as written (ISO 8601, usually UTC with "Z").
    """

    op: str
    text: str
    author: str | None = None
    date: str | None = None
    id: str | None = None
    move: str | None = None


@dataclass(frozen=True)
class MarkRevision:
    """A tracked change on a paragraph mark (``w:pPr/w:rPr/w:ins|w:del|w:moveFrom|w:moveTo``).
    ``op`` is "insert" (the mark was inserted: the paragraph was split or added) or "delete"
    (the mark was deleted: the paragraph joins the next one when accepted)."""

    op: str
    author: str | None = None
    date: str | None = None
    id: str | None = None
    move: str | None = None


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


def clause_key(bookmarks: list[str]) -> str | None:
    for name in bookmarks:
        if name.startswith(CLAUSE_BOOKMARK_PREFIX) and len(name) > len(CLAUSE_BOOKMARK_PREFIX):
            return name[len(CLAUSE_BOOKMARK_PREFIX) :]
    return None


# ---------------------------------------------------------------------------------------
# The walk (shared with tracked.py)


@dataclass
class _Raw:
    """One paragraph as walked: segments and markers, before interpretation."""

    index: int
    segments: list[list]  # [op, text, author, date, id, move], merged while equal attributes
    bookmarks: list[str]
    comment_starts: list[str]
    comment_refs: list[str]
    mark: MarkRevision | None
    table: TablePosition | None
    style_id: str | None
    num_id: str | None  # explicit w:numPr (None: not given)
    ilvl: int | None
    container: int  # paragraphs with the same container number are siblings (body or one cell)

    def text(self, accepted: bool) -> str:
        skip = DELETE if accepted else INSERT
        return "".join(s[1] for s in self.segments if s[0] != skip)


class _Walker:
    """Walks ``w:body`` once, producing :class:`_Raw` paragraphs and comment anchors."""

    def __init__(self) -> None:
        self.paragraphs: list[_Raw] = []
        self.comment_anchor: dict[str, list[str]] = {}  # comment id -> anchored text chunks (accepted view)
        self._open_comments: list[str] = []
        self._move_ranges: dict[str, tuple[str, str]] = {}  # range id -> (tag, name)
        self._fields: list[bool] = []  # complex-field stack: True while in the instruction part
        self._instr = 0
        self._tables = 0
        self._containers = 0
        self._pending_bookmarks: list[str] = []
        self._pending_comments: list[str] = []
        # per-paragraph state
        self._segments: list[list] = []
        self._bookmarks: list[str] = []
        self._cstarts: list[str] = []
        self._crefs: list[str] = []
        self._para_moves: dict[str, str] = {}  # move ranges started in this paragraph, by kind
        self._row_mark: MarkRevision | None = None  # tracked insertion/deletion of the current table row

    # -- block level ----------------------------------------------------------------------

    def walk(self, body: etree._Element) -> _Walker:
        self._block(body, None, self._new_container())
        return self

    def _new_container(self) -> int:
        self._containers += 1
        return self._containers

    def _block(self, el: etree._Element, table: TablePosition | None, container: int) -> None:
        for child in el:
            tag = child.tag
            if tag == W_P:
                self._paragraph(child, table, container)
            elif tag == W_TBL:
                self._table(child, table)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self._block(content, table, container)
            elif tag == W_CUSTOMXML or tag in _REVISION_TAGS:
                self._block(child, table, container)
            else:
                self._marker(child, tag, block=True)

    def _table(self, tbl: etree._Element, outer: TablePosition | None) -> None:
        number = self._tables
        self._tables += 1
        depth = outer.depth + 1 if outer else 1
        outer_row_mark = self._row_mark
        for row_i, tr in enumerate(self._children(tbl, W_TR)):
            # A tracked row insertion/deletion (w:trPr/w:ins|w:del) applies to the paragraph
            # marks of every paragraph in the row.
            self._row_mark = outer_row_mark
            trpr = tr.find(W_TRPR)
            if trpr is not None:
                for rev in trpr:
                    if rev.tag == W_INS or rev.tag == W_DEL:
                        op = _REVISION_TAGS[rev.tag]
                        self._row_mark = MarkRevision(op, rev.get(W_AUTHOR), rev.get(W_DATE), rev.get(W_ID))
                        break
            for cell_i, tc in enumerate(self._children(tr, W_TC)):
                self._block(tc, TablePosition(number, row_i, cell_i, depth), self._new_container())
        self._row_mark = outer_row_mark

    def _children(self, el: etree._Element, want: str):
        """Children with tag ``want``, looking through content controls and custom XML."""
        for child in el:
            tag = child.tag
            if tag == want:
                yield child
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    yield from self._children(content, want)
            elif tag == W_CUSTOMXML:
                yield from self._children(child, want)
            else:
                self._marker(child, tag, block=True)

    def _marker(self, el: etree._Element, tag, *, block: bool) -> None:
        """Bookmarks, comment ranges and move ranges, wherever they occur."""
        if tag == W_BOOKMARK_START:
            name = el.get(W_NAME)
            if name:
                (self._pending_bookmarks if block else self._bookmarks).append(name)
        elif tag == W_COMMENT_START:
            cid = el.get(W_ID)
            if cid is not None:
                (self._pending_comments if block else self._cstarts).append(cid)
                self._open_comments.append(cid)
                self.comment_anchor.setdefault(cid, [])
        elif tag == W_COMMENT_END:
            cid = el.get(W_ID)
            if cid in self._open_comments:
                self._open_comments.remove(cid)
        elif tag == W_MOVE_FROM_START or tag == W_MOVE_TO_START:
            rid = el.get(W_ID)
            if rid is not None:
                kind = W_MOVE_FROM if tag == W_MOVE_FROM_START else W_MOVE_TO
                name = el.get(W_NAME) or f"move-{rid}"
                self._move_ranges[rid] = (kind, name)
                self._para_moves.setdefault(kind, name)
        elif tag == W_MOVE_FROM_END or tag == W_MOVE_TO_END:
            self._move_ranges.pop(el.get(W_ID), None)

    def _move_name(self, kind: str, rev_id: str | None) -> str:
        for k, name in reversed(self._move_ranges.values()):
            if k == kind:
                return name
        return f"move-{rev_id}"

    # -- paragraph level ------------------------------------------------------------------

    def _paragraph(self, p: etree._Element, table: TablePosition | None, container: int) -> None:
        self._segments = []
        self._bookmarks, self._pending_bookmarks = self._pending_bookmarks, []
        self._cstarts, self._pending_comments = self._pending_comments, []
        self._crefs = []
        self._para_moves = {}
        open_moves = {kind: name for kind, name in self._move_ranges.values()}
        style_id = num_id = None
        ilvl = None
        mark = None
        ppr = p.find(W_PPR)
        if ppr is not None:
            style = ppr.find(W_PSTYLE)
            if style is not None:
                style_id = style.get(W_VAL)
            numpr = ppr.find(W_NUMPR)
            if numpr is not None:
                n = numpr.find(W_NUMID)
                if n is not None:
                    num_id = n.get(W_VAL)
                lv = numpr.find(W_ILVL)
                if lv is not None:
                    ilvl = _int(lv.get(W_VAL), 0)
            rpr = ppr.find(W_RPR)
            if rpr is not None:
                for rev in rpr:
                    op = _REVISION_TAGS.get(rev.tag)
                    if op is not None:
                        mark = MarkRevision(op, rev.get(W_AUTHOR), rev.get(W_DATE), rev.get(W_ID), rev.tag)
                        break
        self._inline(p, (EQUAL, None, None, None, None))
        if mark is not None:
            kind = mark.move
            if kind in (W_MOVE_FROM, W_MOVE_TO):
                # The mark comes before the move range's start in the paragraph: name it after
                # the range open when the paragraph began, else the one that starts in it.
                name = open_moves.get(kind) or self._para_moves.get(kind) or f"move-{mark.id}"
                mark = MarkRevision(mark.op, mark.author, mark.date, mark.id, name)
            else:
                mark = MarkRevision(mark.op, mark.author, mark.date, mark.id, None)
        elif self._row_mark is not None:
            mark = self._row_mark
        if self._open_comments:
            for cid in self._open_comments:
                self.comment_anchor[cid].append("\n")
        self.paragraphs.append(
            _Raw(
                index=len(self.paragraphs),
                segments=self._segments,
                bookmarks=self._bookmarks,
                comment_starts=self._cstarts,
                comment_refs=self._crefs,
                mark=mark,
                table=table,
                style_id=style_id,
                num_id=num_id,
                ilvl=ilvl,
                container=container,
            )
        )

    def _context(self, el: etree._Element, tag: str, ctx):
        """The revision context inside ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo``."""
        if ctx is None:
            return None
        op = _REVISION_TAGS[tag]
        if ctx[0] != EQUAL and ctx[0] != op:
            return None  # inserted then deleted (or the reverse): in neither view
        rid = el.get(W_ID)
        move = self._move_name(tag, rid) if tag in (W_MOVE_FROM, W_MOVE_TO) else None
        return (op, el.get(W_AUTHOR), el.get(W_DATE), rid, move)

    def _inline(self, el: etree._Element, ctx) -> None:
        for child in el:
            tag = child.tag
            if tag == W_R:
                self._run(child, ctx)
            elif tag in _REVISION_TAGS:
                self._inline(child, self._context(child, tag, ctx))
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, ctx)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self._inline(content, ctx)
            elif tag == M_OMATHPARA or tag == M_OMATH:
                self._math(child, ctx)
            elif tag != W_PPR:
                self._marker(child, tag, block=False)

    def _run(self, r: etree._Element, ctx) -> None:
        for c in r:
            tag = c.tag
            if tag == W_T or tag == W_DELTEXT:
                text = c.text
                if text and not self._instr:
                    if tag == W_DELTEXT and ctx is not None and ctx[0] == EQUAL:
                        self._emit(text, (DELETE, None, None, None, None))
                    else:
                        self._emit(text, ctx)
            elif tag in _CHARS:
                if not self._instr:
                    self._emit(_CHARS[tag], ctx)
            elif tag == W_SYM:
                code = c.get(W_CHAR)
                if code and not self._instr:
                    try:
                        self._emit(chr(int(code, 16)), ctx)
                    except (ValueError, OverflowError):
                        pass
            elif tag == W_FLDCHAR:
                kind = c.get(W_FLDCHARTYPE)
                if kind == "begin":
                    self._fields.append(True)
                    self._instr += 1
                elif kind == "separate":
                    if self._fields and self._fields[-1]:
                        self._fields[-1] = False
                        self._instr -= 1
                elif kind == "end":
                    if self._fields and self._fields.pop():
                        self._instr -= 1
            elif tag == W_COMMENT_REF:
                cid = c.get(W_ID)
                if cid is not None:
                    self._crefs.append(cid)

    def _math(self, el: etree._Element, ctx) -> None:
        for child in el:
            tag = child.tag
            if tag == M_T:
                if child.text:
                    self._emit(child.text, ctx)
            elif tag in _REVISION_TAGS:
                self._math(child, self._context(child, tag, ctx))
            elif tag != W_RPR:
                self._math(child, ctx)

    def _emit(self, text: str, ctx) -> None:
        if ctx is None:
            return
        segs = self._segments
        if segs:
            last = segs[-1]
            if (
                last[0] == ctx[0]
                and last[2] == ctx[1]
                and last[3] == ctx[2]
                and last[4] == ctx[3]
                and last[5] == ctx[4]
            ):
                last[1] += text
            else:
                segs.append([ctx[0], text, ctx[1], ctx[2], ctx[3], ctx[4]])
        else:
            segs.append([ctx[0], text, ctx[1], ctx[2], ctx[3], ctx[4]])
        if self._open_comments and ctx[0] != DELETE:
            for cid in self._open_comments:
                self.comment_anchor[cid].append(text)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------------------------------
# Styles and numbering


@dataclass
class _Style:
    name: str | None
    based_on: str | None
    num_id: str | None
    ilvl: int | None


_TOC = re.compile(r"toc \d")


def _ui_style_name(name: str | None) -> str | None:
    """Word stores built-in style names in lower case ("heading 1"); show them as Word does."""
    if not name or name != name.lower():
        return name
    if _TOC.fullmatch(name):
        return name.upper()
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(_w("style")):
            if st.get(W_TYPE) != "paragraph":
                continue
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            name_el = st.find(W_NAME)
            based = st.find(_w("basedOn"))
            num_id = ilvl = None
            numpr = st.find(f"{W_PPR}/{W_NUMPR}")
            if numpr is not None:
                n = numpr.find(W_NUMID)
                num_id = n.get(W_VAL) if n is not None else None
                lv = numpr.find(W_ILVL)
                ilvl = _int(lv.get(W_VAL), 0) if lv is not None else None
            self.styles[sid] = _Style(
                name=_ui_style_name(name_el.get(W_VAL)) if name_el is not None else None,
                based_on=based.get(W_VAL) if based is not None else None,
                num_id=num_id,
                ilvl=ilvl,
            )
            if st.get(_w("default")) in ("1", "true", "on") and self.default is None:
                self.default = sid

    def name(self, style_id: str | None) -> str | None:
        st = self.styles.get(style_id) if style_id else None
        return st.name if st else style_id

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following w:basedOn."""
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            st = self.styles.get(style_id)
            if st is None:
                break
            if st.num_id is not None:
                return st.num_id, st.ilvl
            style_id = st.based_on
        return None, None


@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


def _level(el: etree._Element) -> _Level:
    lv = _Level()
    for c in el:
        tag = c.tag
        if tag == _w("start"):
            lv.start = _int(c.get(W_VAL), 0)
        elif tag == _w("numFmt"):
            lv.fmt = c.get(W_VAL) or "decimal"
        elif tag == _w("lvlText"):
            lv.text = c.get(W_VAL)
        elif tag == _w("lvlRestart"):
            lv.restart = _int(c.get(W_VAL), 0)
        elif tag == _w("isLgl"):
            lv.legal = c.get(W_VAL) not in ("0", "false", "off")
        elif tag == W_PSTYLE:
            lv.pstyle = c.get(W_VAL)
    return lv


_BULLETS = {
    "\uf0b7": "\u2022",
    "\uf0a7": "\u25aa",
    "\uf0d8": "\u27a2",
    "\uf0fc": "\u2713",
    "\uf076": "\u2756",
}


def _letters(n: int, upper: bool) -> str:
    if not 0 < n <= 780:  # a..z, aa..zz, ... up to 30 letters, as Word
        return str(n)
    ch = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """One counter value in a w:numFmt (unknown formats fall back to decimal)."""
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "none":
        return ""
    return str(n)


_PLACEHOLDER = re.compile(r"%([1-9])")


class _Numbering:
    """numbering.xml, and the counters of one pass through the document."""

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for an in root.iter(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            if aid is None:
                continue
            self.abstract[aid] = {_int(lv.get(W_ILVL), 0): _level(lv) for lv in an.iter(_w("lvl"))}
            link = an.find(_w("numStyleLink"))
            if link is not None and link.get(W_VAL):
                self.abstract_style_link[aid] = link.get(W_VAL)
        for num in root.iter(_w("num")):
            nid = num.get(W_NUMID)
            ref = num.find(_w("abstractNumId"))
            if nid is None or ref is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in num.iter(_w("lvlOverride")):
                ilvl = _int(ov.get(W_ILVL), 0)
                so = ov.find(_w("startOverride"))
                if so is not None:
                    starts[ilvl] = _int(so.get(W_VAL), 0)
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[nid] = (ref.get(W_VAL), starts, levels)

    def _abstract_id(self, num_id: str) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        aid = entry[0]
        # w:numStyleLink: the list is defined by a numbering style, whose numId points to
        # the abstractNum that really holds the levels.
        for _ in range(4):
            link = self.abstract_style_link.get(aid)
            if link is None:
                break
            linked_num, _ilvl = self.styles.numbering(link)
            linked = self.nums.get(linked_num) if linked_num else None
            if linked is None or linked[0] == aid:
                break
            aid = linked[0]
        return aid

    def resolve(
        self, style_id: str | None, num_id: str | None, ilvl: int | None
    ) -> tuple[str | None, int | None]:
        """The (numId, ilvl) in effect for a paragraph (explicit, else from its style)."""
        style_num, style_ilvl = self.styles.numbering(style_id)
        if num_id is None:
            num_id = style_num
            if num_id is None:
                return None, None
        if num_id == "0" or num_id not in self.nums:
            return None, None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None and style_id:
            aid = self._abstract_id(num_id)
            for lvl_i, lvl in (self.abstract.get(aid) or {}).items():
                if lvl.pstyle == style_id:
                    ilvl = lvl_i
                    break
        return num_id, (ilvl or 0)

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph at (num_id, ilvl) and return its label."""
        aid = self._abstract_id(num_id)
        if aid is None:
            return None
        _ref, start_overrides, level_overrides = self.nums[num_id]
        levels = dict(self.abstract.get(aid) or {})
        levels.update(level_overrides)
        for i, start in start_overrides.items():
            if i in levels:
                lv = levels[i]
                levels[i] = _Level(start, lv.fmt, lv.text, lv.restart, lv.legal, lv.pstyle)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for i in set(start_overrides) | set(level_overrides):
                counters.pop(i, None)  # a list instance with overrides restarts
        current = counters.get(ilvl)
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                del counters[deeper]
        if lvl.fmt == "bullet":
            text = lvl.text or ""
            return "".join(_BULLETS.get(ch, ch) for ch in text) or None
        if lvl.text is None:
            return None

        def value(match: re.Match) -> str:
            i = int(match.group(1)) - 1
            ref = levels.get(i)
            n = counters.get(i)
            if n is None:
                n = ref.start if ref else 0
            fmt = ref.fmt if ref else "decimal"
            if lvl.legal and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(n, fmt)

        label = _PLACEHOLDER.sub(value, lvl.text)
        return label or None


# ---------------------------------------------------------------------------------------
# Entry points


@dataclass
class _Doc:
    raws: list[_Raw]
    walker: _Walker
    styles: _Styles | None = None
    numbering_root: etree._Element | None = None
    parts: dict[str, etree._Element | None] = field(default_factory=dict)  # other related parts


def _load(data: bytes, *, numbering: bool = True, related: tuple[str, ...] = (), limits=None) -> _Doc:
    """Check and open the package, walk the body, and parse the parts asked for."""
    pkg: DocxPackage = open_docx(data, **(limits or {}))
    try:
        root = pkg.xml(pkg.main_part)
        body = root.find(W_BODY)
        walker = _Walker()
        if body is not None:
            walker.walk(body)
        doc = _Doc(walker.paragraphs, walker)
        rels = {}
        for rel_type, target, mode in pkg.rels(pkg.main_part):
            if mode != "External" and pkg.has(target):
                rels.setdefault(rel_type.rsplit("/", 1)[-1], target)
        if numbering:
            doc.styles = _Styles(pkg.xml(rels[REL_STYLES]) if REL_STYLES in rels else None)
            doc.numbering_root = pkg.xml(rels[REL_NUMBERING]) if REL_NUMBERING in rels else None
        for name in related:
            doc.parts[name] = pkg.xml(rels[name]) if name in rels else None
        return doc
    finally:
        pkg.close()


def _joins_next(raws: list[_Raw], i: int, op: str) -> bool:
    """Whether paragraph i's mark is tracked with ``op`` and a sibling paragraph follows (so
    in that view the paragraph runs on into the next one)."""
    mark = raws[i].mark
    return (
        mark is not None
        and mark.op == op
        and i + 1 < len(raws)
        and raws[i + 1].container == raws[i].container
    )


def _accepted_chains(raws: list[_Raw]) -> list[int]:
    """For each paragraph, the index of the paragraph whose properties (style, numbering)
    it has in the accepted view, or -1 when it has none of its own there.

    A paragraph whose mark is a tracked deletion runs on into the next one when accepted,
    so a chain of such paragraphs becomes one paragraph. It takes the properties of the
    first paragraph in the chain that keeps some text (as Word and LibreOffice do when
    paragraphs are joined); fully deleted paragraphs vanish without leaving their
    formatting behind; a chain with no text left keeps its last paragraph's."""
    owner = [-1] * len(raws)
    start = 0
    for i in range(len(raws)):
        if _joins_next(raws, i, DELETE):
            continue
        chain = range(start, i + 1)
        rep = next((k for k in chain if raws[k].text(True)), i)
        owner[rep] = rep
        start = i + 1
    return owner


def _paragraphs(doc: _Doc) -> list[Paragraph]:
    assert doc.styles is not None
    numbering = _Numbering(doc.numbering_root, doc.styles)
    raws = doc.raws
    owner = _accepted_chains(raws)
    out = []
    for i, raw in enumerate(raws):
        style_id = raw.style_id or doc.styles.default
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
                style=doc.styles.name(style_id),
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
    return _paragraphs(_load(data, limits=limits))


def docx_to_blocks(data: bytes, **limits: float) -> list[str]:
    """The accepted text of each paragraph that shows something, prefixed with its automatic
    number label when it has one ("1.1 text"; a numbered paragraph with no text gives its label
    alone). Paragraphs whose mark is a tracked deletion are joined
    to the next one, as accepting the deletion does (the joined paragraph is numbered as the
    first of them that keeps text). Surrounding whitespace is stripped. ``limits`` as for
    :func:`read_paragraphs`."""
    doc = _load(data, limits=limits)
    paras = _paragraphs(doc)
    owner = _accepted_chains(doc.raws)
    blocks = []
    text, label = "", None
    for i, p in enumerate(paras):
        text += p.accepted_text
        if owner[i] == i:
            label = p.label
        if _joins_next(doc.raws, i, DELETE):
            continue
        text = text.strip()
        if text or label:
            # a numbered paragraph with no text still shows its number ("Статья 13" made by
            # the numbering, the article's text in the paragraphs below): the label is text
            blocks.append(f"{label} {text}" if label and text else text or label)
        text, label = "", None
    return blocks
