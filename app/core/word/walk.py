"""One walk through a .docx body: every paragraph (table cells included) as raw segments of
text with their revision status (equal / insert / delete, author, date, revision id, move
name), the revision of its paragraph mark, its bookmarks and comment anchors, style and
explicit numbering. The readers build on it: :mod:`app.core.word.reader` (paragraphs with
their automatic numbers, the draft importer's blocks) and :mod:`app.core.word.tracked`
(tracked changes and comments).

What Concord adds to a document that is not part of the text (the agreement marks: runs in
the character style ``ConcordMark``, paragraphs in ``ConcordNote``,
:data:`app.core.word.ooxml.ANNOTATION_RUN_STYLES` / ``ANNOTATION_PARAGRAPH_STYLES``) is left out.

Public: :class:`Walker`, :class:`RawParagraph`, :func:`load` (check, open and walk a package)
giving a :class:`LoadedDocx`; :func:`joins_next` and :func:`accepted_chains` (how paragraphs
whose marks are tracked deletions run on into the next); the data :class:`TablePosition`,
:class:`Segment`, :class:`MarkRevision` and :func:`clause_key`.

Pure Python (lxml): bytes in, plain data out. Every package is checked by
:func:`app.core.word.safety.open_docx` first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from . import ooxml as ox
from .ooxml import DELETE, EQUAL, INSERT
from .safety import DocxPackage, open_docx

__all__ = ["DELETE", "EQUAL", "INSERT", "LoadedDocx", "MarkRevision", "RawParagraph", "Segment", "TablePosition",
           "Walker", "accepted_chains", "clause_key", "joins_next", "load"]

_REVISION_TAGS = {ox.W_INS: INSERT, ox.W_DEL: DELETE, ox.W_MOVE_FROM: DELETE, ox.W_MOVE_TO: INSERT}
_INLINE_CONTAINERS = frozenset({ox.W_HYPERLINK, ox.W_FLD_SIMPLE, ox.W_SMART_TAG, ox.W_CUSTOM_XML, ox.W_DIR,
                                ox.W_BDO})
_CHARS = {ox.W_TAB: "\t", ox.W_PTAB: "\t", ox.W_BR: "\n", ox.W_CR: "\n", ox.W_NO_BREAK_HYPHEN: "\u2011",
          ox.W_SOFT_HYPHEN: "\u00ad"}

#: Bookmarks named "cl_<key>" carry Concord clause keys.
CLAUSE_BOOKMARK_PREFIX = ox.BOOKMARK_PREFIX

# --- the data ---------------------------------------------------------------------------------


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


def clause_key(bookmarks: list[str]) -> str | None:
    for name in bookmarks:
        if name.startswith(CLAUSE_BOOKMARK_PREFIX) and len(name) > len(CLAUSE_BOOKMARK_PREFIX):
            return name[len(CLAUSE_BOOKMARK_PREFIX) :]
    return None


# --- the walk ---------------------------------------------------------------------------------


@dataclass
class RawParagraph:
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
    bold: bool = False  # its first run with text is bold (direct formatting; styles aside)

    def text(self, accepted: bool) -> str:
        skip = DELETE if accepted else INSERT
        return "".join(s[1] for s in self.segments if s[0] != skip)


class Walker:
    """Walks ``w:body`` once, producing :class:`RawParagraph` paragraphs and comment anchors."""

    def __init__(self) -> None:
        self.paragraphs: list[RawParagraph] = []
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

    def walk(self, body: etree._Element) -> Walker:
        """Walk a document body (``w:body``)."""
        self._block(body, None, self._new_container())
        return self

    def walk_block(self, el: etree._Element) -> Walker:
        """Walk any block-level container (a comment, a header, a table cell) as one container."""
        self._block(el, None, 0)
        return self

    def _new_container(self) -> int:
        self._containers += 1
        return self._containers

    def _block(self, el: etree._Element, table: TablePosition | None, container: int) -> None:
        for child in el:
            tag = child.tag
            if tag == ox.W_P:
                self._paragraph(child, table, container)
            elif tag == ox.W_TBL:
                self._table(child, table)
            elif tag == ox.W_SDT:
                content = child.find(ox.W_SDT_CONTENT)
                if content is not None:
                    self._block(content, table, container)
            elif tag == ox.W_CUSTOM_XML or tag in _REVISION_TAGS:
                self._block(child, table, container)
            else:
                self._marker(child, tag, block=True)

    def _table(self, tbl: etree._Element, outer: TablePosition | None) -> None:
        number = self._tables
        self._tables += 1
        depth = outer.depth + 1 if outer else 1
        outer_row_mark = self._row_mark
        for row_i, tr in enumerate(self._children(tbl, ox.W_TR)):
            # A tracked row insertion/deletion (w:trPr/w:ins|w:del) applies to the paragraph
            # marks of every paragraph in the row.
            self._row_mark = outer_row_mark
            trpr = tr.find(ox.W_TR_PR)
            if trpr is not None:
                for rev in trpr:
                    if rev.tag == ox.W_INS or rev.tag == ox.W_DEL:
                        op = _REVISION_TAGS[rev.tag]
                        self._row_mark = MarkRevision(op, rev.get(ox.W_AUTHOR), rev.get(ox.W_DATE), rev.get(ox.W_ID))
                        break
            for cell_i, tc in enumerate(self._children(tr, ox.W_TC)):
                self._block(tc, TablePosition(number, row_i, cell_i, depth), self._new_container())
        self._row_mark = outer_row_mark

    def _children(self, el: etree._Element, want: str):
        """Children with tag ``want``, looking through content controls and custom XML."""
        for child in el:
            tag = child.tag
            if tag == want:
                yield child
            elif tag == ox.W_SDT:
                content = child.find(ox.W_SDT_CONTENT)
                if content is not None:
                    yield from self._children(content, want)
            elif tag == ox.W_CUSTOM_XML:
                yield from self._children(child, want)
            else:
                self._marker(child, tag, block=True)

    def _marker(self, el: etree._Element, tag, *, block: bool) -> None:
        """Bookmarks, comment ranges and move ranges, wherever they occur."""
        if tag == ox.W_BOOKMARK_START:
            name = el.get(ox.W_NAME)
            if name:
                (self._pending_bookmarks if block else self._bookmarks).append(name)
        elif tag == ox.W_COMMENT_RANGE_START:
            cid = el.get(ox.W_ID)
            if cid is not None:
                (self._pending_comments if block else self._cstarts).append(cid)
                self._open_comments.append(cid)
                self.comment_anchor.setdefault(cid, [])
        elif tag == ox.W_COMMENT_RANGE_END:
            cid = el.get(ox.W_ID)
            if cid in self._open_comments:
                self._open_comments.remove(cid)
        elif tag == ox.W_MOVE_FROM_RANGE_START or tag == ox.W_MOVE_TO_RANGE_START:
            rid = el.get(ox.W_ID)
            if rid is not None:
                kind = ox.W_MOVE_FROM if tag == ox.W_MOVE_FROM_RANGE_START else ox.W_MOVE_TO
                name = el.get(ox.W_NAME) or f"move-{rid}"
                self._move_ranges[rid] = (kind, name)
                self._para_moves.setdefault(kind, name)
        elif tag == ox.W_MOVE_FROM_RANGE_END or tag == ox.W_MOVE_TO_RANGE_END:
            self._move_ranges.pop(el.get(ox.W_ID), None)

    def _move_name(self, kind: str, rev_id: str | None) -> str:
        for k, name in reversed(self._move_ranges.values()):
            if k == kind:
                return name
        return f"move-{rev_id}"

    # -- paragraph level ------------------------------------------------------------------

    def _paragraph(self, p: etree._Element, table: TablePosition | None, container: int) -> None:
        ppr = p.find(ox.W_PPR)
        if ppr is not None:
            style = ppr.find(ox.W_PSTYLE)
            if style is not None and style.get(ox.W_VAL) in ox.ANNOTATION_PARAGRAPH_STYLES:
                return  # a paragraph Concord added (agreement notes): not part of the text
        self._segments = []
        self._first_bold: bool | None = None
        self._bookmarks, self._pending_bookmarks = self._pending_bookmarks, []
        self._cstarts, self._pending_comments = self._pending_comments, []
        self._crefs = []
        self._para_moves = {}
        open_moves = {kind: name for kind, name in self._move_ranges.values()}
        style_id = num_id = None
        ilvl = None
        mark = None
        if ppr is not None:
            style = ppr.find(ox.W_PSTYLE)
            if style is not None:
                style_id = style.get(ox.W_VAL)
            numpr = ppr.find(ox.W_NUMPR)
            if numpr is not None:
                n = numpr.find(ox.W_NUMID)
                if n is not None:
                    num_id = n.get(ox.W_VAL)
                lv = numpr.find(ox.W_ILVL)
                if lv is not None:
                    ilvl = _int(lv.get(ox.W_VAL), 0)
            rpr = ppr.find(ox.W_RPR)
            if rpr is not None:
                for rev in rpr:
                    op = _REVISION_TAGS.get(rev.tag)
                    if op is not None:
                        mark = MarkRevision(op, rev.get(ox.W_AUTHOR), rev.get(ox.W_DATE), rev.get(ox.W_ID), rev.tag)
                        break
        self._inline(p, (EQUAL, None, None, None, None))
        if mark is not None:
            kind = mark.move
            if kind in (ox.W_MOVE_FROM, ox.W_MOVE_TO):
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
            RawParagraph(
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
                bold=bool(self._first_bold),
            )
        )

    def _context(self, el: etree._Element, tag: str, ctx):
        """The revision context inside ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo``."""
        if ctx is None:
            return None
        op = _REVISION_TAGS[tag]
        if ctx[0] != EQUAL and ctx[0] != op:
            return None  # inserted then deleted (or the reverse): in neither view
        rid = el.get(ox.W_ID)
        move = self._move_name(tag, rid) if tag in (ox.W_MOVE_FROM, ox.W_MOVE_TO) else None
        return (op, el.get(ox.W_AUTHOR), el.get(ox.W_DATE), rid, move)

    def _inline(self, el: etree._Element, ctx) -> None:
        for child in el:
            tag = child.tag
            if tag == ox.W_R:
                self._run(child, ctx)
            elif tag in _REVISION_TAGS:
                self._inline(child, self._context(child, tag, ctx))
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, ctx)
            elif tag == ox.W_SDT:
                content = child.find(ox.W_SDT_CONTENT)
                if content is not None:
                    self._inline(content, ctx)
            elif tag == ox.M_OMATHPARA or tag == ox.M_OMATH:
                self._math(child, ctx)
            elif tag != ox.W_PPR:
                self._marker(child, tag, block=False)

    def _run(self, r: etree._Element, ctx) -> None:
        rpr = r[0] if len(r) and r[0].tag == ox.W_RPR else None
        if rpr is not None:
            rstyle = rpr.find(ox.W_RSTYLE)
            if rstyle is not None and rstyle.get(ox.W_VAL) in ox.ANNOTATION_RUN_STYLES:
                return  # a mark Concord added ("(agreed ad referendum)", square brackets)
        if self._first_bold is None and any(c.tag == ox.W_T and c.text for c in r):
            b = rpr.find(ox.W_B) if rpr is not None else None
            self._first_bold = b is not None and b.get(ox.W_VAL) not in ("0", "false", "off")
        for c in r:
            tag = c.tag
            if tag == ox.W_T or tag == ox.W_DEL_TEXT:
                text = c.text
                if text and not self._instr:
                    if tag == ox.W_DEL_TEXT and ctx is not None and ctx[0] == EQUAL:
                        self._emit(text, (DELETE, None, None, None, None))
                    else:
                        self._emit(text, ctx)
            elif tag in _CHARS:
                if not self._instr:
                    self._emit(_CHARS[tag], ctx)
            elif tag == ox.W_SYM:
                code = c.get(ox.W_CHAR)
                if code and not self._instr:
                    try:
                        self._emit(chr(int(code, 16)), ctx)
                    except (ValueError, OverflowError):
                        pass
            elif tag == ox.W_FLD_CHAR:
                kind = c.get(ox.W_FLD_CHAR_TYPE)
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
            elif tag == ox.W_COMMENT_REFERENCE:
                cid = c.get(ox.W_ID)
                if cid is not None:
                    self._crefs.append(cid)

    def _math(self, el: etree._Element, ctx) -> None:
        for child in el:
            tag = child.tag
            if tag == ox.M_T:
                if child.text:
                    self._emit(child.text, ctx)
            elif tag in _REVISION_TAGS:
                self._math(child, self._context(child, tag, ctx))
            elif tag != ox.W_RPR:
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


# --- loading ------------------------------------------------------------------------------


@dataclass
class LoadedDocx:
    """A walked document: its paragraphs, the walker (comment anchors), and the related parts
    asked for (``ox.REL_STYLES``, ``ox.REL_NUMBERING``, ``ox.REL_COMMENTS`` ...; None when the
    package has no such part)."""

    raws: list[RawParagraph]
    walker: Walker
    parts: dict[str, etree._Element | None] = field(default_factory=dict)


def load(data: bytes, *, related: tuple[str, ...] = (), limits=None) -> LoadedDocx:
    """Check and open the package, walk the body, and parse the related parts asked for."""
    pkg: DocxPackage = open_docx(data, **(limits or {}))
    try:
        root = pkg.xml(pkg.main_part)
        body = root.find(ox.W_BODY)
        walker = Walker()
        if body is not None:
            walker.walk(body)
        doc = LoadedDocx(walker.paragraphs, walker)
        rels = {}
        for rel_type, target, mode in pkg.rels(pkg.main_part):
            if mode != "External" and pkg.has(target):
                rels.setdefault(rel_type.rsplit("/", 1)[-1], target)
        for name in related:
            doc.parts[name] = pkg.xml(rels[name]) if name in rels else None
        return doc
    finally:
        pkg.close()


def joins_next(raws: list[RawParagraph], i: int, op: str) -> bool:
    """Whether paragraph i's mark is tracked with ``op`` and a sibling paragraph follows (so
    in that view the paragraph runs on into the next one)."""
    mark = raws[i].mark
    return (
        mark is not None
        and mark.op == op
        and i + 1 < len(raws)
        and raws[i + 1].container == raws[i].container
    )


def accepted_chains(raws: list[RawParagraph]) -> list[int]:
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
        if joins_next(raws, i, DELETE):
            continue
        chain = range(start, i + 1)
        rep = next((k for k in chain if raws[k].text(True)), i)
        owner[rep] = rep
        start = i + 1
    return owner


