"""Low-level WordprocessingML (OOXML) helpers shared by the Word writers and readers.

Everything here works on lxml elements; nothing goes through python-docx's object API,
which is slow for bulk content and has no notion of tracked changes.

Stable names (imported by the reader side, keep them):

- namespaces: ``W_NS``, ``R_NS``, ``XML_NS``, ``NSMAP``; ``w(tag)`` gives ``"{W_NS}tag"``.
- element tags: ``W_P``, ``W_R``, ``W_T``, ``W_DEL_TEXT``, ``W_TAB``, ``W_BR``, ``W_PPR``,
  ``W_RPR``, ``W_INS``, ``W_DEL``, ``W_MOVE_FROM``, ``W_MOVE_TO``,
  ``W_MOVE_FROM_RANGE_START``/``_END``, ``W_MOVE_TO_RANGE_START``/``_END``,
  ``W_BOOKMARK_START``, ``W_BOOKMARK_END``, ``W_COMMENT_RANGE_START``/``_END``,
  ``W_COMMENT_REFERENCE``, ``W_COMMENTS``, ``W_COMMENT``, ``W_TBL``, ``W_TR``, ``W_TC``, ...
- attributes: ``W_ID``, ``W_AUTHOR``, ``W_DATE``, ``W_NAME``, ``W_VAL``, ``XML_SPACE``.
- revision kinds: ``INS``, ``DEL``, ``MOVE_FROM``, ``MOVE_TO`` (the local tag names);
  ``REVISION_TAGS`` maps each to its element tag.
- the clause bookmark convention: :data:`BOOKMARK_PREFIX` (``"cl_"``),
  :data:`VARIANT_SEP`, :func:`bookmark_name`, :func:`parse_bookmark`,
  :func:`key_from_bookmark`.

Revisions (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, paragraph-mark revisions,
move range markers), bookmarks and comments all take their ``w:id`` from one
:class:`IdAllocator`, so every id in a document is unique.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"w": W_NS, "r": R_NS}

RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_PARTNAME = "/word/comments.xml"


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute: ``w("p") == "{W_NS}p"``."""
    return f"{{{W_NS}}}{tag}"


# elements
W_BODY = w("body")
W_P = w("p")
W_PPR = w("pPr")
W_PSTYLE = w("pStyle")
W_KEEP_NEXT = w("keepNext")
W_KEEP_LINES = w("keepLines")
W_PAGE_BREAK_BEFORE = w("pageBreakBefore")
W_TABS = w("tabs")
W_TAB = w("tab")
W_SPACING = w("spacing")
W_IND = w("ind")
W_JC = w("jc")
W_SHD = w("shd")
W_R = w("r")
W_RPR = w("rPr")
W_B = w("b")
W_I = w("i")
W_U = w("u")
W_SZ = w("sz")
W_COLOR = w("color")
W_T = w("t")
W_DEL_TEXT = w("delText")
W_BR = w("br")
W_INS = w("ins")
W_DEL = w("del")
W_MOVE_FROM = w("moveFrom")
W_MOVE_TO = w("moveTo")
W_MOVE_FROM_RANGE_START = w("moveFromRangeStart")
W_MOVE_FROM_RANGE_END = w("moveFromRangeEnd")
W_MOVE_TO_RANGE_START = w("moveToRangeStart")
W_MOVE_TO_RANGE_END = w("moveToRangeEnd")
W_BOOKMARK_START = w("bookmarkStart")
W_BOOKMARK_END = w("bookmarkEnd")
W_COMMENTS = w("comments")
W_COMMENT = w("comment")
W_COMMENT_RANGE_START = w("commentRangeStart")
W_COMMENT_RANGE_END = w("commentRangeEnd")
W_COMMENT_REFERENCE = w("commentReference")
W_ANNOTATION_REF = w("annotationRef")
W_FLD_CHAR = w("fldChar")
W_INSTR_TEXT = w("instrText")
W_TBL = w("tbl")
W_TBL_PR = w("tblPr")
W_TBL_W = w("tblW")
W_TBL_LAYOUT = w("tblLayout")
W_TBL_BORDERS = w("tblBorders")
W_TBL_GRID = w("tblGrid")
W_GRID_COL = w("gridCol")
W_TR = w("tr")
W_TR_PR = w("trPr")
W_TBL_HEADER = w("tblHeader")
W_CANT_SPLIT = w("cantSplit")
W_TC = w("tc")
W_TC_PR = w("tcPr")
W_TC_W = w("tcW")
W_SECT_PR = w("sectPr")

# attributes
W_ID = w("id")
W_AUTHOR = w("author")
W_DATE = w("date")
W_INITIALS = w("initials")
W_NAME = w("name")
W_VAL = w("val")
W_POS = w("pos")
W_LEFT = w("left")
W_HANGING = w("hanging")
W_FIRST_LINE = w("firstLine")
W_BEFORE = w("before")
W_AFTER = w("after")
W_TYPE = w("type")
W_W = w("w")
W_FILL = w("fill")
W_FLD_CHAR_TYPE = w("fldCharType")
XML_SPACE = f"{{{XML_NS}}}space"

# --- the reader's vocabulary (app/core/word/walk.py, numbering.py, tracked.py) -------------------

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
#: package-level namespaces and the main document's relationship type (app/core/word/safety.py)
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
READ_NSMAP = {"w": W_NS, "m": M_NS, "w14": W14_NS, "w15": W15_NS}


def m(tag: str) -> str:
    """Clark name of an ``m:`` (Office Math) element."""
    return f"{{{M_NS}}}{tag}"


def w14(tag: str) -> str:
    return f"{{{W14_NS}}}{tag}"


def w15(tag: str) -> str:
    return f"{{{W15_NS}}}{tag}"


W_NUMPR = w("numPr")
W_ILVL = w("ilvl")
W_NUMID = w("numId")
W_PTAB = w("ptab")
W_CR = w("cr")
W_NO_BREAK_HYPHEN = w("noBreakHyphen")
W_SOFT_HYPHEN = w("softHyphen")
W_SYM = w("sym")
W_HYPERLINK = w("hyperlink")
W_FLD_SIMPLE = w("fldSimple")
W_SMART_TAG = w("smartTag")
W_CUSTOM_XML = w("customXml")
W_SDT = w("sdt")
W_SDT_CONTENT = w("sdtContent")
W_DIR = w("dir")
W_BDO = w("bdo")
W_RSTYLE = w("rStyle")
W_STYLE = w("style")
W_STYLE_ID = w("styleId")
W_BASED_ON = w("basedOn")
W_DEFAULT = w("default")
W_CHAR = w("char")
W_ABSTRACT_NUM = w("abstractNum")
W_ABSTRACT_NUM_ID = w("abstractNumId")
W_NUM = w("num")
W_NUM_STYLE_LINK = w("numStyleLink")
W_LVL = w("lvl")
W_LVL_OVERRIDE = w("lvlOverride")
W_START_OVERRIDE = w("startOverride")
W_START = w("start")
W_NUM_FMT = w("numFmt")
W_LVL_TEXT = w("lvlText")
W_LVL_RESTART = w("lvlRestart")
W_IS_LGL = w("isLgl")
M_T = m("t")
M_OMATH = m("oMath")
M_OMATHPARA = m("oMathPara")
W14_PARA_ID = w14("paraId")
W15_COMMENT_EX = w15("commentEx")
W15_PARA_ID = w15("paraId")
W15_PARA_ID_PARENT = w15("paraIdParent")
W15_DONE = w15("done")

#: relationship types of the main part, by their last path segment
REL_NUMBERING = "numbering"
REL_STYLES = "styles"
REL_COMMENTS = "comments"
REL_COMMENTS_EXTENDED = "commentsExtended"

#: the text ops of a read paragraph (and of the comparison's word ops)
EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# revision kinds (the local names of their elements)
INS = "ins"
DEL = "del"
MOVE_FROM = "moveFrom"
MOVE_TO = "moveTo"
REVISION_TAGS = {INS: W_INS, DEL: W_DEL, MOVE_FROM: W_MOVE_FROM, MOVE_TO: W_MOVE_TO}
#: revision kinds whose text is gone once accepted (their runs hold w:delText for DEL)
REMOVING_KINDS = (DEL, MOVE_FROM)

# --- the clause bookmark convention ------------------------------------------------------------

#: Every clause's paragraphs are wrapped in a bookmark named ``cl_<key>``: ``w:bookmarkStart``
#: at the start of its first paragraph, ``w:bookmarkEnd`` at the end of its last one.
#: Where one export shows a clause more than once, the other copies carry a *variant*:
#: ``cl_<key>__<variant>`` (the parallel table: ``cl_c12__ru`` for the Russian column,
#: the first language column being plain ``cl_c12``; the compilation: ``cl_c12__p17``
#: for proposal 17's text).
BOOKMARK_PREFIX = "cl_"
VARIANT_SEP = "__"
_BOOKMARK_BAD = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(key: str, variant: str | None = None) -> str:
    """``"c12"`` -> ``"cl_c12"``; with a variant ``"cl_c12__ru"``. Word bookmark names are
    letters, digits and ``_`` (at most 40 characters): other characters become ``_``
    (clause keys are ``c<n>``, so never)."""
    name = BOOKMARK_PREFIX + _BOOKMARK_BAD.sub("_", key)
    if variant:
        name += VARIANT_SEP + _BOOKMARK_BAD.sub("_", variant)
    return name[:40]


def parse_bookmark(name: str) -> tuple[str, str | None] | None:
    """``"cl_c12"`` -> ``("c12", None)``, ``"cl_c12__ru"`` -> ``("c12", "ru")``; None for
    bookmarks that are not clause bookmarks (``_GoBack``, ``_Toc...``)."""
    if not name.startswith(BOOKMARK_PREFIX) or len(name) <= len(BOOKMARK_PREFIX):
        return None
    rest = name[len(BOOKMARK_PREFIX):]
    key, sep, variant = rest.partition(VARIANT_SEP)
    return (key, variant or None) if sep else (key, None)


def key_from_bookmark(name: str) -> str | None:
    """``"cl_c12"`` (or ``"cl_c12__ru"``) -> ``"c12"``; None for other bookmarks."""
    parsed = parse_bookmark(name)
    return parsed[0] if parsed else None


# --- Concord's own annotation styles ------------------------------------------------------------

#: Paragraph and character styles of the agreement marks (:mod:`app.core.word.agreement`);
#: their ids are their names, so LibreOffice keeps them when it saves the file.
STYLE_AGREED = "ConcordAgreed"
STYLE_BRACKETED = "ConcordBracketed"
STYLE_NOTE = "ConcordNote"
STYLE_MARK = "ConcordMark"
STYLE_BRACKET = "ConcordBracket"
#: what Concord adds that is not part of the text: the readers leave these paragraphs and runs out
ANNOTATION_PARAGRAPH_STYLES = frozenset({STYLE_NOTE})
ANNOTATION_RUN_STYLES = frozenset({STYLE_MARK})


# --- revision metadata ---------------------------------------------------------------------------


def iso_date(value: datetime | str | None) -> str:
    """A w:date value: ISO 8601 in UTC to the second, ``"2024-06-12T00:00:00Z"``.

    Accepts a datetime (naive means UTC), an ISO string (``"2024-06-12"``,
    ``"2024-06-12T10:00:00+02:00"``, ``"...Z"``) or None (now)."""
    if value is None:
        dt = datetime.now(UTC)
    elif isinstance(value, datetime):
        dt = value
    else:
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Rev:
    """Who made a revision and when (``date`` already in :func:`iso_date` form)."""

    author: str
    date: str


class IdAllocator:
    """Hands out the ``w:id`` values of one document: revisions, bookmarks, comments."""

    def __init__(self, start: int = 1):
        self._next = start

    def __call__(self) -> str:
        n = self._next
        self._next += 1
        return str(n)


# --- text --------------------------------------------------------------------------------------

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile(r"([\t\n])")


def clean_text(text: str) -> str:
    """Text safe for XML 1.0, with ``\\r\\n`` and ``\\r`` as ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVALID_XML.sub("", text)


_SubElement = etree.SubElement


def fill_run(r: etree._Element, text: str, *, deleted: bool = False) -> None:
    """Append ``text`` to run ``r`` (tabs as ``w:tab``, newlines as ``w:br``)."""
    _fill_run(r, clean_text(text), deleted)


def _fill_run(r: etree._Element, text: str, deleted: bool) -> None:
    text_tag = W_DEL_TEXT if deleted else W_T
    if "\t" not in text and "\n" not in text:
        t = _SubElement(r, text_tag)
        t.text = text
        if text[:1].isspace() or text[-1:].isspace():
            t.set(XML_SPACE, "preserve")
        return
    for part in _SPECIAL.split(text):
        if not part:
            continue
        if part == "\t":
            _SubElement(r, W_TAB)
        elif part == "\n":
            _SubElement(r, W_BR)
        else:
            t = _SubElement(r, text_tag)
            t.text = part
            if part[:1].isspace() or part[-1:].isspace():
                t.set(XML_SPACE, "preserve")


def run_props(parent: etree._Element, *, bold: bool = False, italic: bool = False,
              underline: bool = False, size: float | None = None,
              color: str | None = None) -> etree._Element | None:
    """Append a ``w:rPr`` (schema order) to ``parent`` if any property is set."""
    if not (bold or italic or underline or size or color):
        return None
    rpr = _SubElement(parent, W_RPR)
    if bold:
        _SubElement(rpr, W_B)
    if italic:
        _SubElement(rpr, W_I)
    if color:
        _SubElement(rpr, W_COLOR, {W_VAL: color})
    if size:
        _SubElement(rpr, W_SZ, {W_VAL: str(int(size * 2))})
    if underline:
        _SubElement(rpr, W_U, {W_VAL: "single"})
    return rpr


def run(parent: etree._Element, text: str, *, bold: bool = False, italic: bool = False,
        underline: bool = False, size: float | None = None, color: str | None = None,
        deleted: bool = False) -> etree._Element:
    """Append one ``w:r`` holding ``text``; tabs become ``w:tab``, newlines ``w:br``.
    ``deleted=True`` writes ``w:delText`` (for runs inside ``w:del``)."""
    r = _SubElement(parent, W_R)
    if bold or italic or underline or size or color:
        run_props(r, bold=bold, italic=italic, underline=underline, size=size, color=color)
    _fill_run(r, clean_text(text), deleted)
    return r


def revision(parent: etree._Element, kind: str, rev: Rev, ids: IdAllocator) -> etree._Element:
    """Append a run-level revision container (``w:ins``, ``w:del``, ``w:moveFrom`` or
    ``w:moveTo``) to a paragraph; put runs into it."""
    return _SubElement(parent, REVISION_TAGS[kind], {W_ID: ids(), W_AUTHOR: rev.author, W_DATE: rev.date})


def revised_run(parent: etree._Element, kind: str | None, text: str, rev: Rev | None,
                ids: IdAllocator, **props) -> etree._Element:
    """A run of ``text`` inside a new revision container of ``kind`` (None: a plain run).
    Deleted text is written as ``w:delText``; moved-from text keeps ``w:t`` (as Word does)."""
    if kind is None or rev is None:
        return run(parent, text, **props)
    box = revision(parent, kind, rev, ids)
    run(box, text, deleted=(kind == DEL), **props)
    return box


# --- paragraphs ------------------------------------------------------------------------------


def paragraph(parent: etree._Element, *, style: str | None = None, align: str | None = None,
              left: int | None = None, hanging: int | None = None, first_line: int | None = None,
              tab_stops: Iterable[int | tuple] = (), before: int | None = None,
              after: int | None = None, keep_next: bool = False, keep_lines: bool = False,
              page_break_before: bool = False, shading: str | None = None,
              mark: tuple[str, Rev, IdAllocator] | None = None, mark_bold: bool = False,
              index: int | None = None) -> etree._Element:
    """Append (or insert at ``index``) a ``w:p`` with its ``w:pPr`` in schema order.

    Distances are twips (1 cm = 567). ``tab_stops``: positions (left tabs),
    ``(alignment, position)`` or ``(alignment, position, leader)`` (leader "underscore",
    "dot" ...). ``mark=(kind, rev, ids)`` marks the paragraph mark
    itself as inserted/deleted/moved (``w:pPr/w:rPr/w:ins`` ...), which is what makes
    accepting or rejecting a revision add or remove the whole paragraph.
    """
    p = etree.Element(W_P) if index is not None else _SubElement(parent, W_P)
    if index is not None:
        parent.insert(index, p)
    ppr = _SubElement(p, W_PPR)
    if style:
        _SubElement(ppr, W_PSTYLE, {W_VAL: style})
    if keep_next:
        _SubElement(ppr, W_KEEP_NEXT)
    if keep_lines:
        _SubElement(ppr, W_KEEP_LINES)
    if page_break_before:
        _SubElement(ppr, W_PAGE_BREAK_BEFORE)
    if shading:
        _SubElement(ppr, W_SHD, {W_VAL: "clear", w("color"): "auto", W_FILL: shading})
    stops = list(tab_stops)
    if stops:
        tabs = _SubElement(ppr, W_TABS)
        for stop in stops:
            val, pos, *leader = stop if isinstance(stop, tuple) else ("left", stop)
            attrs = {W_VAL: val, W_POS: str(pos)}
            if leader:
                attrs[w("leader")] = leader[0]
            _SubElement(tabs, W_TAB, attrs)
    if before is not None or after is not None:
        attrs = {}
        if before is not None:
            attrs[W_BEFORE] = str(before)
        if after is not None:
            attrs[W_AFTER] = str(after)
        _SubElement(ppr, W_SPACING, attrs)
    if left is not None or hanging is not None or first_line is not None:
        attrs = {}
        if left is not None:
            attrs[W_LEFT] = str(left)
        if hanging:
            attrs[W_HANGING] = str(hanging)
        elif first_line:
            attrs[W_FIRST_LINE] = str(first_line)
        _SubElement(ppr, W_IND, attrs)
    if align:
        _SubElement(ppr, W_JC, {W_VAL: align})
    if mark is not None or mark_bold:
        rpr = _SubElement(ppr, W_RPR)
        if mark is not None:
            kind, rev, ids = mark
            _SubElement(rpr, REVISION_TAGS[kind], {W_ID: ids(), W_AUTHOR: rev.author, W_DATE: rev.date})
        if mark_bold:
            _SubElement(rpr, W_B)
    return p


def mark_paragraph(p: etree._Element, kind: str, rev: Rev, ids: IdAllocator) -> etree._Element:
    """Mark an existing paragraph's mark as revised (``w:pPr/w:rPr/w:<kind>``)."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    rpr = ppr.find(W_RPR)
    if rpr is None:
        rpr = _SubElement(ppr, W_RPR)
    el = etree.Element(REVISION_TAGS[kind], {W_ID: ids(), W_AUTHOR: rev.author, W_DATE: rev.date})
    rpr.insert(0, el)
    return el


# --- bookmarks, move ranges, comments -----------------------------------------------------------


def bookmark_start(parent: etree._Element, ident: str, name: str, index: int | None = None) -> etree._Element:
    el = etree.Element(W_BOOKMARK_START, {W_ID: ident, W_NAME: name})
    if index is None:
        parent.append(el)
    else:
        parent.insert(index, el)
    return el


def bookmark_end(parent: etree._Element, ident: str) -> etree._Element:
    return _SubElement(parent, W_BOOKMARK_END, {W_ID: ident})


def move_range_start(parent: etree._Element, kind: str, ident: str, name: str, rev: Rev,
                     index: int | None = None) -> etree._Element:
    """``w:moveFromRangeStart`` / ``w:moveToRangeStart`` (kind MOVE_FROM / MOVE_TO): both
    ranges of one move carry the same ``w:name``, which links the source to the target."""
    tag = W_MOVE_FROM_RANGE_START if kind == MOVE_FROM else W_MOVE_TO_RANGE_START
    el = etree.Element(tag, {W_ID: ident, W_NAME: name, W_AUTHOR: rev.author, W_DATE: rev.date})
    if index is None:
        parent.append(el)
    else:
        parent.insert(index, el)
    return el


def move_range_end(parent: etree._Element, kind: str, ident: str) -> etree._Element:
    tag = W_MOVE_FROM_RANGE_END if kind == MOVE_FROM else W_MOVE_TO_RANGE_END
    return _SubElement(parent, tag, {W_ID: ident})


def comment_range_start(parent: etree._Element, ident: str, index: int | None = None) -> etree._Element:
    el = etree.Element(W_COMMENT_RANGE_START, {W_ID: ident})
    if index is None:
        parent.append(el)
    else:
        parent.insert(index, el)
    return el


def comment_range_end(parent: etree._Element, ident: str) -> etree._Element:
    """``w:commentRangeEnd`` followed by the run carrying ``w:commentReference``."""
    el = _SubElement(parent, W_COMMENT_RANGE_END, {W_ID: ident})
    r = _SubElement(parent, W_R)
    _SubElement(r, W_COMMENT_REFERENCE, {W_ID: ident})
    return el


@dataclass
class Comment:
    """One Word comment: ``ident`` is the id used by its range markers and reference."""

    ident: str
    author: str
    date: str
    text: str
    initials: str = ""


def comments_element(comments: Iterable[Comment]) -> etree._Element:
    """The root of ``word/comments.xml``; each comment's text is split into paragraphs
    on newlines."""
    root = etree.Element(W_COMMENTS, nsmap=NSMAP)
    for c in comments:
        attrs = {W_ID: c.ident, W_AUTHOR: c.author, W_DATE: c.date}
        if c.initials:
            attrs[W_INITIALS] = c.initials
        el = _SubElement(root, W_COMMENT, attrs)
        for i, line in enumerate(clean_text(c.text).split("\n") or [""]):
            p = _SubElement(el, W_P)
            if i == 0:
                r = _SubElement(p, W_R)
                _SubElement(r, W_ANNOTATION_REF)
            run(p, line)
    return root


def add_comments_part(document, comments: list[Comment]) -> None:
    """Add ``word/comments.xml`` (with its relationship from the main document part and
    its content type) to a python-docx ``Document``. No-op when ``comments`` is empty."""
    if not comments:
        return
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    blob = etree.tostring(comments_element(comments), xml_declaration=True, encoding="UTF-8",
                          standalone=True)
    main = document.part
    for rid, rel in list(main.rels.items()):
        if rel.reltype == RT_COMMENTS:  # replace a comments part the template may carry
            del main.rels[rid]
    part = Part(PackURI(COMMENTS_PARTNAME), CT_COMMENTS, blob, main.package)
    main.relate_to(part, RT_COMMENTS)


def initials_of(name: str) -> str:
    """"Republic of Kazakhstan" -> "RK"; short uppercase codes stay as they are."""
    name = name.strip()
    if name.isupper() and len(name) <= 5:
        return name
    letters = [word[0] for word in re.findall(r"[^\W\d_]+", name) if word[0].isupper()]
    return "".join(letters)[:5] or name[:3]


# --- fields ----------------------------------------------------------------------------------


def field(parent: etree._Element, instr: str, placeholder: str = "1", **props) -> None:
    """A complex field (``PAGE``, ``NUMPAGES`` ...) as begin/instr/separate/result/end runs."""
    r = run(parent, "", **props)
    r.remove(r[-1])  # the empty w:t
    _SubElement(r, W_FLD_CHAR, {W_FLD_CHAR_TYPE: "begin"})
    r = _SubElement(parent, W_R)
    it = _SubElement(r, W_INSTR_TEXT, {XML_SPACE: "preserve"})
    it.text = f" {instr} "
    r = _SubElement(parent, W_R)
    _SubElement(r, W_FLD_CHAR, {W_FLD_CHAR_TYPE: "separate"})
    run(parent, placeholder, **props)
    r = _SubElement(parent, W_R)
    _SubElement(r, W_FLD_CHAR, {W_FLD_CHAR_TYPE: "end"})


# --- tables ----------------------------------------------------------------------------------

_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def table(parent: etree._Element, widths: list[int], *, borders: bool = True,
          layout_fixed: bool = True) -> etree._Element:
    """Append a ``w:tbl`` with the given column widths (twips)."""
    tbl = _SubElement(parent, W_TBL)
    pr = _SubElement(tbl, W_TBL_PR)
    _SubElement(pr, W_TBL_W, {W_W: str(sum(widths)), W_TYPE: "dxa"})
    b = _SubElement(pr, W_TBL_BORDERS)
    for side in _BORDERS:
        if borders:
            _SubElement(b, w(side), {W_VAL: "single", W_SZ: "4", w("space"): "0", w("color"): "auto"})
        else:
            _SubElement(b, w(side), {W_VAL: "nil"})
    if layout_fixed:
        _SubElement(pr, W_TBL_LAYOUT, {W_TYPE: "fixed"})
    _SubElement(pr, w("tblCellMar")).extend([
        etree.Element(W_LEFT, {W_W: "85", W_TYPE: "dxa"}),
        etree.Element(w("right"), {W_W: "85", W_TYPE: "dxa"}),
    ])
    grid = _SubElement(tbl, W_TBL_GRID)
    for width in widths:
        _SubElement(grid, W_GRID_COL, {W_W: str(width)})
    return tbl


def table_row(tbl: etree._Element, *, header: bool = False, cant_split: bool = False) -> etree._Element:
    tr = _SubElement(tbl, W_TR)
    if header or cant_split:
        pr = _SubElement(tr, W_TR_PR)
        if cant_split:
            _SubElement(pr, W_CANT_SPLIT)
        if header:
            _SubElement(pr, W_TBL_HEADER)
    return tr


def table_cell(tr: etree._Element, width: int, *, shading: str | None = None,
               span: int = 1, vmerge: str | None = None) -> etree._Element:
    """Append a ``w:tc``; the caller must add at least one paragraph to it.
    ``vmerge``: "restart" on the first of vertically merged cells, "continue" below."""
    tc = _SubElement(tr, W_TC)
    pr = _SubElement(tc, W_TC_PR)
    _SubElement(pr, W_TC_W, {W_W: str(width), W_TYPE: "dxa"})
    if span > 1:
        _SubElement(pr, w("gridSpan"), {W_VAL: str(span)})
    if vmerge == "restart":
        _SubElement(pr, w("vMerge"), {W_VAL: "restart"})
    elif vmerge:
        _SubElement(pr, w("vMerge"))
    if shading:
        _SubElement(pr, W_SHD, {W_VAL: "clear", w("color"): "auto", W_FILL: shading})
    return tc
