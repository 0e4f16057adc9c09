"""Reading an agreement's text into a clause tree.

``parse_text`` reads plain text or Markdown (paragraphs separated by blank lines);
``parse_blocks`` reads paragraphs as a word processor gives them. Both return a renumbered
:class:`~app.core.clauses.tree.Document` (keys ``c1, c2, ...`` in document order unless
``new_key`` says otherwise) or raise :class:`ParseError`, whose message is for people.

The parser is a pipeline of small named stages (:data:`STAGES`, run in order by
:func:`run_stages` on a :class:`ParseState`; each stage's docstring says what it reads and
writes):

1. ``clean`` (text -> text): refuse empty text and text that is not text (NUL bytes, more
   than 2% control characters); normalise line breaks, drop invisible characters and HTML
   comments.
2. ``blocks`` (text -> blocks): cut at blank lines.
3. ``furniture`` (blocks -> blocks): page numbers, job numbers and document symbols of a PDF
   extraction dropped and listed in the report.
4. ``units`` (blocks -> units), where the labels are read: one unit per paragraph; a line that
   starts with a number label (read by :mod:`.labels`, the one label grammar), a bullet or a
   Markdown heading starts a unit of its own. Markdown emphasis, links, escapes and HTML tags
   are removed; tab- or pipe-separated rows are read as a table (the signature blocks side
   by side).
5. ``structure`` (units -> doc), the ``_Builder``: structure and roles together, since where
   a paragraph stands decides what it is.
   - Levels: parts ("PART II", "CHAPTER I", "Раздел 2", "1-бөлім") hold the articles that
     follow; an annex ("Annex", "ANNEX II", "Annex 2025 Political Declaration ...") is a part
     of its own, also after the closing formula and the signatures, and what follows it is read
     as text again. Running heads of a PDF (a line repeating the title, a heading or an earlier
     paragraph between the two halves of a sentence) are dropped and listed in the report.
   - Where it stands: the title (the first blocks, while they read as a title: no final
     punctuation, upper case or short), the preamble (parties, "and"/"hereinafter ..." as
     text, recitals by their first word, the enacting formula), the body (sections,
     paragraphs, items, unnumbered text belonging to its section), the final part (closing
     formulas, signature blocks "For the ...:" with their signatory lines; the bare
     "Signature"/"Date"/"Place" labels of the layout are dropped).
   - Numbering: a label that continues an open list ("1.2" after "1.1", "c)" after "b)",
     "(v)" after "(iv)", "i." after "h.") is the next member of that list; a label that
     starts one ("1", "a", "i", a bullet) opens a list under the clause before it; a clause
     ending with ":" takes the list that follows under it. A list never nests in a list of
     its own style ("2." then "1." is a restart). "ARTICLE 1 - X", "Article 1" + a heading
     line, "1: X" are sections; "1. Purpose" (short, no final punctuation) is a section when
     a body follows it, "1. <sentence>" a paragraph.
   - Text cut by an earlier conversion is joined back (with one space) when a paragraph or
     an unnumbered bullet starts in lower case after a clause that stops mid-sentence (no
     final . ; : , ! ? and no "; and"), provided the joined text reads as the same kind.
6. ``check`` (doc): refuse text that does not read as an agreement (MIN_WORDS words
   and MIN_FEATURES of: recitals, an enacting formula, sections, two numbered paragraphs or
   items, a closing formula or signatures).
7. ``numbers`` (doc -> doc): ``number`` and ``core_number`` from each label as written.

The words each language reads by (recital openings, formulas, article and part words,
signature openings, annex words) are data in :mod:`.vocabulary`; a new language or house
style is an entry there.

The canonical text of the result (``render_text``) reads back to the same tree: no decision
here depends on markup the canonical text drops, or on the values of numbers it renumbers.
Everything is linear in the size of the text (about 25 ms for 60,000 words).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import vocabulary as V
from .labels import Label, Reading, read_heading_number, read_label, written_number
from .messages import DROP_REASONS
from .tree import (
    BULLET,
    CLOSING,
    CYRILLIC_ALPHA,
    DECIMAL,
    FORMULA,
    ITEM,
    LOWER_ALPHA,
    LOWER_ROMAN,
    NONE,
    OUTLINE,
    PARAGRAPH,
    PART,
    PARTY,
    RECITAL,
    SECTION,
    SIGNATURE,
    TEXT,
    TITLE,
    UPPER_ALPHA,
    UPPER_ROMAN,
    Clause,
    Document,
    KeyAllocator,
    number_clauses,
)

__all__ = ["STAGES", "ParseError", "ParseReport", "ParseState", "Stage", "parse_blocks", "parse_blocks_report",
           "parse_text", "parse_text_report", "run_stages"]

KeyFactory = Callable[[], str]

# The least a text must show to be read as an agreement (see _check_structure).
MIN_WORDS = 20
MIN_FEATURES = 2


# What a refused text is told, by code: the English text with {named} values. The same codes
# and texts are in app/errors/messages.py (the "errors" catalog), translated into ru and kk;
# the import answers in the reader's language with ``code`` and ``params``.
PARSE_MESSAGES: dict[str, str] = {
    "parse_not_utf8": "The file is not UTF-8 text.",
    "parse_nul_bytes": "This is not a text file: it contains NUL bytes. Upload the draft as .txt, .md or .docx.",
    "parse_empty": "The text is empty.",
    "parse_control_characters": "This does not look like text: it is full of control characters "
                                "(is it a binary file, or text in the wrong encoding?).",
    "parse_empty_markup": "The text is empty once its formatting is removed.",
    "parse_too_short": "This text does not read as an agreement: it has only {words} words. A draft needs at "
                       "least two of: recitals, an enacting formula, articles or sections, numbered paragraphs, "
                       "a closing formula or signatures.",
    "parse_no_structure": "This text does not read as an agreement: it has no recitals, enacting formula, "
                          "articles, numbered paragraphs or closing formula. A draft needs at least two of: "
                          "recitals, an enacting formula, articles or sections, numbered paragraphs, a closing "
                          "formula or signatures.",
}
# one feature found, nothing else: "it has recitals and nothing else an agreement has"
_FEATURES = {
    "recitals": "recitals",
    "formula": "an enacting formula (such as “Have agreed as follows:”)",
    "sections": "articles or sections",
    "paragraphs": "numbered paragraphs",
    "closing": "a closing formula or signatures",
    "letter": "the salutation of a letter",
}
for _name, _what in _FEATURES.items():
    PARSE_MESSAGES[f"parse_only_{_name}"] = (
        f"This text does not read as an agreement: it has {_what} and nothing else an agreement has. "
        "A draft needs at least two of: recitals, an enacting formula, articles or sections, numbered "
        "paragraphs, a closing formula or signatures.")


class ParseError(ValueError):
    """The text cannot be read as an agreement. The message is meant for people.

    ``code`` (a key of :data:`PARSE_MESSAGES`) and ``params`` let the caller show the message in
    the reader's language; ``str(error)`` is the English text."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(PARSE_MESSAGES[code].format(**params))


# --- public API ------------------------------------------------------------------------------


def parse_text(text: str, new_key: KeyFactory | None = None) -> Document:
    """Read plain text or Markdown into a clause tree.

    Blocks are separated by blank lines; inside a block, a line that starts with a number
    label, a bullet or a Markdown heading starts a new paragraph. Raises :class:`ParseError`
    for empty input, input that is not text, and text with no agreement structure.
    """
    return parse_text_report(text, new_key)[0]


def parse_text_report(text: str | bytes, new_key: KeyFactory | None = None) -> tuple[Document, ParseReport]:
    """:func:`parse_text`, and what the parser removed on purpose (:class:`ParseReport`)."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ParseError("parse_not_utf8") from None
    if not isinstance(text, str):
        raise TypeError(f"parse_text() expects str, not {type(text).__name__}")
    state = run_stages(ParseState(text, new_key or KeyAllocator()))
    assert state.doc is not None
    return state.doc, state.report


def parse_blocks(blocks: list[str], new_key: KeyFactory | None = None) -> Document:
    """Read a list of paragraphs (for instance the paragraphs of a .docx) into a clause tree.

    A block may hold line breaks ("Article 1\\nObjective", a signature block); lines that
    start with a number label or a bullet are read as paragraphs of their own.
    """
    return parse_blocks_report(blocks, new_key)[0]


def parse_blocks_report(blocks: list[str], new_key: KeyFactory | None = None) -> tuple[Document, ParseReport]:
    """:func:`parse_blocks`, and what the parser removed on purpose (:class:`ParseReport`)."""
    text = "\n\n".join(b for b in blocks if b and b.strip())
    state = run_stages(ParseState(text, new_key or KeyAllocator()))
    assert state.doc is not None
    return state.doc, state.report


@dataclass
class ParseReport:
    """What the parser removed or repaired on purpose, each with its reason and source line
    (1-based, in ``source``): the word-fidelity check (:mod:`.fidelity`) holds the stored
    text to the source with exactly these differences allowed."""

    source: str
    dropped: list[dict] = field(default_factory=list)  # {"line", "text", "code", "reason"}
    repairs: list[dict] = field(default_factory=list)  # {"line", "text", "code", "reason"}
    _lines: list[str] | None = None

    def line_of(self, text: str, start: int = 0) -> int:
        if self._lines is None:
            self._lines = [" ".join(ln.split()) for ln in self.source.split("\n")]
        want = " ".join(text.split())
        for i in range(start, len(self._lines)):
            if self._lines[i] == want:
                return i + 1
        for i, ln in enumerate(self._lines):
            if want and want in ln:
                return i + 1
        return 0

    def drop(self, text: str, code: str, after_line: int = 0) -> int:
        """List ``text`` as dropped, for the reason ``code`` (a key of
        :data:`.messages.DROP_REASONS`; ``reason`` is its English text)."""
        line = self.line_of(text, after_line)
        self.dropped.append({"line": line, "text": text, "code": code, "reason": DROP_REASONS[code]})
        return line

    def repair(self, text: str, code: str, line: int = 0) -> None:
        self.repairs.append({"line": line, "text": text, "code": code, "reason": DROP_REASONS[code]})


# --- the pipeline ----------------------------------------------------------------------------


@dataclass
class ParseState:
    """What the stages hand on to one another: each stage reads some of these fields and
    writes others (its ``reads`` and ``writes``)."""

    text: str  # the source text; after "clean", normalised
    new_key: KeyFactory = field(default_factory=KeyAllocator)
    report: ParseReport = field(init=False)  # what was dropped or repaired, and why
    blocks: list[str] = field(default_factory=list)  # paragraphs between blank lines
    units: list[_Unit] = field(default_factory=list)  # one per paragraph, its label read
    doc: Document | None = None  # the clause tree

    def __post_init__(self) -> None:
        self.report = ParseReport(source=self.text)


@dataclass(frozen=True)
class Stage:
    """One step of the parser: its name, what it reads and writes of :class:`ParseState`."""

    name: str
    run: Callable[[ParseState], None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]


def _stage_clean(state: ParseState) -> None:
    """clean: refuse empty text and text that is not text (NUL bytes, more than 2% control
    characters); normalise line breaks, drop invisible characters and HTML comments.

    Reads: text. Writes: text, report.repairs (control characters removed)."""
    state.text = _clean_input(state.text, state.report)


def _stage_blocks(state: ParseState) -> None:
    """blocks: the text cut into blocks at blank lines.

    Reads: text. Writes: blocks."""
    state.blocks = _split_blocks(state.text)


def _stage_furniture(state: ParseState) -> None:
    """furniture: page numbers, job numbers and document symbols of a PDF extraction dropped,
    the paragraph they cut joined back (see :func:`_drop_furniture`).

    Reads: blocks. Writes: blocks, report.dropped."""
    state.blocks = _drop_furniture(state.blocks, state.report)


def _stage_units(state: ParseState) -> None:
    """units (labels): each block cut into paragraphs, markup removed, each paragraph's number
    label read (:func:`.labels.read_label`); tab- or pipe-separated rows read as a table.
    Refuses a text with nothing left once its markup is removed.

    Reads: blocks. Writes: units."""
    units: list[_Unit] = []
    for block in state.blocks:
        units.extend(_block_units(block))
    if not units:
        raise ParseError("parse_empty_markup")
    state.units = units


def _stage_structure(state: ParseState) -> None:
    """structure and roles: the units placed in the tree (parts, sections, paragraphs, items,
    lists by their labels) and given their kind by where they stand (title, preamble, body,
    final part; see :class:`_Builder`). The two go together: where a paragraph stands decides
    what it is ("and" between parties is text, after the formula a paragraph). Running heads
    are dropped here.

    Reads: units. Writes: doc (clauses with labels as written), report.dropped."""
    builder = _Builder(state.new_key, state.report)
    builder.run(state.units)
    state.doc = Document(builder.top)


def _stage_check(state: ParseState) -> None:
    """check: refuse a tree that does not read as an agreement (:func:`_check_structure`).

    Reads: doc. Writes: nothing (raises :class:`ParseError`)."""
    assert state.doc is not None
    _check_structure(state.doc)


def _stage_numbers(state: ParseState) -> None:
    """numbers: each clause's ``number`` and ``core_number`` filled from its label as written
    (:func:`.tree.number_clauses`; nothing renumbered).

    Reads: doc. Writes: doc (number, core_number)."""
    assert state.doc is not None
    number_clauses(state.doc)


#: The parser, in order. ``parse_text`` and ``parse_blocks`` run them all.
STAGES: tuple[Stage, ...] = (
    Stage("clean", _stage_clean, reads=("text",), writes=("text", "report.repairs")),
    Stage("blocks", _stage_blocks, reads=("text",), writes=("blocks",)),
    Stage("furniture", _stage_furniture, reads=("blocks",), writes=("blocks", "report.dropped")),
    Stage("units", _stage_units, reads=("blocks",), writes=("units",)),
    Stage("structure", _stage_structure, reads=("units",), writes=("doc", "report.dropped")),
    Stage("check", _stage_check, reads=("doc",), writes=()),
    Stage("numbers", _stage_numbers, reads=("doc",), writes=("doc",)),
)


def run_stages(state: ParseState, until: str | None = None) -> ParseState:
    """Run the stages of :data:`STAGES` on ``state`` in order, all of them or up to and
    including the one named ``until`` (to look at what a stage gives)."""
    if until is not None and until not in {s.name for s in STAGES}:
        raise ValueError(f"no parser stage {until!r}")
    for stage in STAGES:
        stage.run(state)
        if stage.name == until:
            break
    return state


# --- stage 1: is it text? --------------------------------------------------------------------

# C0 and C1 control characters other than tab, line feed, vertical tab, form feed and
# carriage return, and the replacement character left by a failed decoding.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_LINE_BREAKS = (("\v", "\n"), ("\f", "\n\n"), ("\u2028", "\n"), ("\u2029", "\n\n"))
_MAX_BAD_SHARE = 0.02
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # HTML comments in Markdown


def _clean_input(text: str, report: ParseReport | None = None) -> str:
    if "\x00" in text:
        raise ParseError("parse_nul_bytes")
    if not text.strip():
        raise ParseError("parse_empty")
    bad = len(_BAD_CHARS.findall(text))
    if bad:
        if bad > _MAX_BAD_SHARE * len(text):
            raise ParseError("parse_control_characters")
        if report is not None:
            report.repair(f"{bad} control character(s)", "control_characters")
        text = _BAD_CHARS.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _LINE_BREAKS:
        if old in text:
            text = text.replace(old, new)
    if "<!--" in text:
        text = _COMMENT.sub("", text)
        if not text.strip():
            raise ParseError("parse_empty")
    return _INVISIBLE.sub("", text)


def _split_blocks(text: str) -> list[str]:
    return [b for b in re.split(r"\n[ \t\u00a0]*\n", text) if b.strip()]


# --- stage 2b: page furniture ------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    rf"(?:\d{{1,3}}|[-–—]\s*\d{{1,3}}\s*[-–—]|(?:{V.PAGE_WORDS})\s*\d{{1,4}}(?:\s*(?:{V.PAGE_OF}|/)\s*\d{{1,4}})?"
    r"|\d{1,3}\s*/\s*\d{1,3})",
    re.I,
)
_JOB_NUMBER = re.compile(r"\d{2}-\d{5}\s*(?:\([A-Z]\))?|\*\d{7,}\*|\d{2}-\d{5}\s*\(\w\)\s*\d{6}\s*\d{6}")
_DOC_SYMBOL = re.compile(r"[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,}")
_SYMBOL_PREFIX = re.compile(r"^\d{1,3}/\d{1,4}\.\s+")  # "80/1. " before a resolution's title
_MID_SENTENCE_END = re.compile(r"[\w,\-–‑]$")


def _cut_paragraph(block: str, head: str) -> bool:
    """Does ``block`` stop in the middle of a sentence, as a paragraph cut by a page break
    does (not a heading, a Markdown heading or the same line again)?"""
    text = " ".join(block.split())
    return (text != head and not text.startswith("|") and len(text.split()) >= 8
            and not _heading_like(text) and bool(_MID_SENTENCE_END.search(text)))


def _drop_furniture(blocks: list[str], report: ParseReport) -> list[str]:
    """Drop page furniture that a PDF extraction leaves between paragraphs: page numbers,
    job numbers and document symbols on lines of their own. A paragraph that the furniture
    cut in two is joined back. Each line dropped is listed in ``report``. (Running heads are
    the builder's: see ``_Builder.running_head``.)

    Lines are judged one by one, whether or not blank lines stand around them, so that the
    canonical text (one block per clause, the paragraph joined) has nothing left to drop:
    parsing it again is a fixed point.

    Reads: blocks. Writes: blocks, report.dropped."""
    lines: list[tuple[int, str]] = []  # (block index, line) of every non-empty line
    for bi, block in enumerate(blocks):
        lines.extend((bi, ln) for ln in block.split("\n") if ln.strip())
    seen: set[str] = set()
    keep: list[tuple[int, str]] = []
    last_line = 0
    i = 0
    while i < len(lines):
        bi, raw = lines[i]
        one = " ".join(raw.split())
        nxt = " ".join(lines[i + 1][1].split()) if i + 1 < len(lines) else ""
        prev = " ".join(keep[-1][1].split()) if keep else ""
        reason = _furniture(one, prev, nxt, seen, bool(keep))
        if reason:
            last_line = report.drop(one, reason, last_line)
            if keep and nxt and _MID_SENTENCE_END.search(prev) and _continues_sentence(nxt):
                # the paragraph the furniture cut: its second half joins the first
                j = i + 1
                nb = lines[j][0]
                while j < len(lines) and lines[j][0] == nb:
                    keep.append((keep[-1][0], lines[j][1]))
                    _remember(lines[j][1], seen)
                    j += 1
                i = j
                continue
            i += 1
            continue
        keep.append((bi, raw))
        _remember(one, seen)
        i += 1
    out: list[str] = []
    current = None
    for bi, raw in keep:
        if bi != current:
            out.append(raw)
            current = bi
        else:
            out[-1] += "\n" + raw
    return out


def _continues_sentence(line: str) -> bool:
    """Can ``line`` be the rest of a sentence (not a new numbered paragraph or heading)?"""
    return bool(line) and not read_label(line) and not _MD_HEAD.match(line) and not _BULLET_RE.match(line) \
        and not _sig_start(line)


def _remember(line: str, seen: set[str]) -> None:
    key = " ".join(line.split())
    if key:
        seen.add(key)
        seen.add(_SYMBOL_PREFIX.sub("", key))


def _furniture(one: str, prev: str, nxt: str, seen: set[str], has_text: bool) -> str:
    """Why ``one`` is page furniture (the code of the reason), or ""."""
    if _PAGE_NUMBER.fullmatch(one):
        return "page_number"
    if _JOB_NUMBER.fullmatch(one):
        return "job_number"
    if _DOC_SYMBOL.fullmatch(one) and has_text:
        return "document_symbol"
    return ""


# --- stage 3: blocks -> units ----------------------------------------------------------------

@dataclass(slots=True)
class _Unit:
    raw: list[str]  # the lines as written (markup removed), label and bullet included
    body: list[str] = field(default_factory=list)  # the lines without label and bullet
    label: Label | None = None
    bullet: str = ""
    md: int = 0  # Markdown heading level
    text: str = ""  # body lines joined with spaces
    columns: list[list[str]] | None = None  # a table (signature blocks side by side)
    fallback: list[_Unit] | None = None  # the table read as ordinary paragraphs
    aligned: bool = False  # a table of plain text, its columns aligned with spaces
    opens_block: bool = False  # the first paragraph of its block (after a blank line)

    @property
    def first(self) -> str:
        return self.raw[0] if self.raw else ""


_BULLET_RE = re.compile(r"([-*+•·▪◦○●–—])(?:\s+(.*))?$", re.S)
_MD_HEAD = re.compile(r"(#{1,6})(?!#)(?:\s*(.*?))?(?:\s+#+)?\s*$", re.S)  # "###Article 1" too
_RULE_LINE = re.compile(r"(?:[-=_*]\s*){3,}")


# Markup -----------------------------------------------------------------------------------

_HTML_TAGS = (
    "p|br|i|b|em|strong|u|s|span|div|li|ul|ol|h[1-6]|sup|sub|a|table|tbody|thead|tr|td|th|"
    "blockquote|font|strike|del|ins|small|big|mark|hr|center|code"
)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})\b[^<>]*>", re.I)
_TAG_BR = re.compile(r"<br\s*/?>", re.I)
_TAG_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr|table|ul|ol|blockquote)\s*>|<hr\s*/?>", re.I)
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def _strip_html(s: str) -> str:
    if "<" not in s or not _TAG.search(s):
        return s
    s = _TAG_BR.sub("\n", s)
    s = _TAG_BLOCK_END.sub("\n\n", s)
    return html.unescape(_TAG.sub("", s))


def _strip_markdown(s: str) -> str:
    if "](" in s:
        s = _LINK.sub(r"\1", s)
    if "*" in s:
        s = _unwrap(s, "**", _opens_bold, _closes_bold)
        s = _unwrap(s, "*", _opens_italic, _closes_italic)
    if "\\" in s:
        s = _ESCAPE.sub(r"\1", s)
    return s


def _unwrap(s: str, mark: str, opens: Callable[[str, int], bool], closes: Callable[[str, int], bool]) -> str:
    """Remove emphasis markers that pair up (``**bold**``, ``*italic*``), in one pass.

    The same pairs as the regular expression ``mark(?=\\S)(.+?)(?<=\\S)mark`` would find,
    but linear: a regular expression rescans the rest of the text from every marker that
    never closes, which is quadratic on a long paragraph full of stray asterisks."""
    out: list[str] = []
    start = 0  # copied up to here
    i = s.find(mark)
    opened = -1
    while i != -1:
        if opened < 0:
            if opens(s, i):
                opened = i
            i = s.find(mark, i + len(mark))
        elif closes(s, i) and i > opened + len(mark):
            out.append(s[start:opened])
            out.append(s[opened + len(mark) : i])
            start = i + len(mark)
            opened = -1
            i = s.find(mark, start)
        else:
            i = s.find(mark, i + 1)
    out.append(s[start:])
    return "".join(out)


def _opens_bold(s: str, i: int) -> bool:
    return i + 2 < len(s) and not s[i + 2].isspace()


def _closes_bold(s: str, i: int) -> bool:
    return not s[i - 1].isspace()


def _opens_italic(s: str, i: int) -> bool:
    before = s[i - 1] if i else " "
    after = s[i + 1] if i + 1 < len(s) else " "
    return not (before.isalnum() or before in "_*\\") and not (after.isspace() or after == "*")


def _closes_italic(s: str, i: int) -> bool:
    after = s[i + 1] if i + 1 < len(s) else " "
    return not (s[i - 1].isspace() or s[i - 1] == "*") and not (after.isalnum() or after in "_*")


def strip_markup(text: str) -> str:
    """The source's words without its markup (HTML comments and tags, Markdown emphasis,
    links and escapes), as the parser reads them: what the word-fidelity check compares."""
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    # block by block, as the parser reads them: emphasis never pairs across a blank line
    parts = re.split(r"(\n[ \t\u00a0]*\n)", text)
    return "".join(part if i % 2 else _strip_markdown(_strip_html(part)) for i, part in enumerate(parts))


def is_layout_line(line: str) -> bool:
    """A line of a signature layout the parser drops ("Signature: ____", "Date", "Place")."""
    return _is_layout(line)


def _clean_lines(s: str) -> list[str]:
    """Lines of a block: whitespace collapsed, empty and ruler lines dropped."""
    out = []
    for line in s.split("\n"):
        line = " ".join(line.split())
        if line and not _RULE_LINE.fullmatch(line):
            out.append(line)
    return out


# The words of each language (recital openings, formulas, signature openings, ...) are data
# in .vocabulary; recitals, closing formulas and "NOW, THEREFORE" start a paragraph of their
# own even when a converter lost the blank line before it (only after a line that ends a
# sentence or clause).
_RECITAL = V.RECITAL
_KZ_RECITAL = V.RECITAL_END
_NOW_THEREFORE = V.NOW_THEREFORE
_FORMULA = V.FORMULA
_CLOSING = V.CLOSING
_KZ_CLOSING = V.CLOSING_END
_CONNECTOR = V.CONNECTOR
_HEREINAFTER = V.HEREINAFTER
_SIG_START = V.SIG_START
_SIG_STRICT = V.SIG_STRICT
_KZ_SIG = V.SIG_END
_LAYOUT = V.LAYOUT


def _starts_unit(line: str, prev: str) -> bool:
    if _BULLET_RE.match(line) or _MD_HEAD.match(line) or read_label(line):
        return True
    return bool(
        prev
        and prev[-1] in ".;:,"
        and line[0].isupper()
        and (_RECITAL.match(line) or _CLOSING.match(line) or _NOW_THEREFORE.match(line))
    )


def _make_unit(lines: list[str]) -> _Unit:
    first = lines[0]
    md = 0
    m = _MD_HEAD.match(first)
    if m:
        md = len(m.group(1))
        first = m.group(2) or ""
        lines = [first, *lines[1:]] if first else lines[1:]
        if not lines:
            return _Unit(raw=[])
        first = lines[0]
    bullet = ""
    m = _BULLET_RE.match(first)
    if m:
        bullet, first = m.group(1), m.group(2) or ""
    parsed = read_label(first)
    if parsed is None and md and not bullet:
        parsed = read_heading_number(first)  # "### 1": a section numbered by a heading of its own
    label = None
    if parsed:
        label, first = parsed
    body = [first, *lines[1:]] if first else lines[1:]
    return _Unit(raw=lines, body=body, label=label, bullet=bullet, md=md, text=" ".join(body))


def _paragraph_units(block: str) -> list[_Unit]:
    block = _strip_markdown(_strip_html(block))
    units: list[_Unit] = []
    for part in _split_blocks(block) if "\n\n" in block else [block]:
        groups: list[list[str]] = []
        prev = ""
        lines = _clean_lines(part)
        if _signature_block(lines):
            units.append(_Unit(raw=lines, body=lines, text=" ".join(lines), opens_block=True))
            continue
        for line in lines:
            if not groups or _starts_unit(line, prev):
                groups.append([line])
            else:
                groups[-1].append(line)
            prev = line
        for n, g in enumerate(groups):
            u = _make_unit(g)
            if not u.raw:
                continue
            u.opens_block = n == 0
            if u.label is not None and u.label.kind == "num" and u.body and _opens_with_item(u.body[0]):
                # "4. (a) the first ...": paragraph 4 opens with its item (a); the label "4."
                # stands alone, its items follow
                units.append(_make_unit([u.label.raw]))
                units.append(_make_unit(u.body))
                continue
            if u.label is not None and u.label.kind != "num" and len(g) > 1:
                # "Article 1\nObjective\nThe Parties ...": the heading is the label's line, or
                # the next line when it reads as a heading; the rest is the article's text
                heading_below = len(u.body) < len(g)  # nothing after the label on its line
                k = 2 if heading_below and _heading_like(g[1]) else 1
                if k < len(g):
                    units.append(_make_unit(g[:k]))
                    units.append(_make_unit(g[k:]))
                    continue
            units.append(u)
    return units


def _opens_with_item(line: str) -> bool:
    """Does ``line`` (a paragraph's text after its label) open with an item label, "(a) ..."?"""
    parsed = read_label(line) if line[:1] == "(" else None
    return parsed is not None and parsed[0].kind == "num"


def _cell_lines(cell: str) -> list[str]:
    lines = _clean_lines(_strip_markdown(_strip_html(cell)))
    return [m.group(2) or "" if (m := _MD_HEAD.match(line)) else line for line in lines]


_PIPE_RULE = re.compile(r"\s*\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?")


_GAP = re.compile(r"\S+(?:\s{1,2}\S+)*")  # the cells of a line, apart by three spaces or more


def _aligned_rows(lines: list[str]) -> list[list[str]] | None:
    """Signature blocks side by side in plain text, their columns aligned with spaces (what
    a PDF or OCR extraction gives): the first line has two cells or more that open a
    signature ("For the Republic of          For Ukraine"); every cell goes to the column
    that starts where it does. A short mark in the margin before the first column ("I",
    "«") stays, as a line of its own, in the first column."""
    first = [(m.start(), m.group()) for m in _GAP.finditer(lines[0])]
    starts = [o for o, cell in first if _sig_start(cell + " ")]
    if len(starts) < 2 or any(not _sig_start(cell + " ") and len(cell) > 2 for _, cell in first):
        return None
    rows: list[list[str]] = []
    for line in lines:
        row = [""] * len(starts)
        for o, cell in ((m.start(), m.group()) for m in _GAP.finditer(line)):
            j = max((k for k, st in enumerate(starts) if st <= o + 3), default=0)
            row[j] = f"{row[j]}\n{cell}" if row[j] else cell
        rows.append(row)
    return rows


def _table_rows(block: str) -> list[list[str]] | None:
    lines = [ln for ln in block.split("\n") if ln.strip()]
    if not lines:
        return None
    if "\t" not in lines[0] and "   " in lines[0].strip():
        aligned = _aligned_rows(lines)
        if aligned is not None:
            return aligned
    if "\t" in lines[0]:
        rows = [ln.split("\t") for ln in lines]
    elif (len(lines) > 1 and all(ln.strip().startswith("|") for ln in lines)
          and _PIPE_RULE.fullmatch(lines[1])):
        rows = [ln.strip().strip("|").split("|") for i, ln in enumerate(lines) if i != 1]
    else:
        return None
    if not rows:
        return None
    filled = [c for c in rows[0] if c.strip()]
    if len(filled) < 2:
        return None
    first = " ".join(_cell_lines(filled[0]))
    parsed = read_label(first)
    if parsed and not parsed[1]:
        return None  # "1.1<TAB>The purpose ...": a label and its text, not a table
    return rows


def _block_units(block: str) -> list[_Unit]:
    block = _strip_markdown(block)  # emphasis may run across the rows of a table
    lines = [ln for ln in block.split("\n") if ln.strip()]
    if (len(lines) > 2 and lines[0].strip().startswith("|") and _PIPE_RULE.fullmatch(lines[1])
            and not all(ln.strip().startswith("|") for ln in lines)):
        # a Markdown table followed by lines of text with no blank line between: two blocks
        n = next(i for i, ln in enumerate(lines) if not ln.strip().startswith("|"))
        return _block_units("\n".join(lines[:n])) + _block_units("\n".join(lines[n:]))
    rows = _table_rows(block)
    if rows is None:
        return _paragraph_units(block)
    ncols = max(len(r) for r in rows)
    columns: list[list[str]] = [[] for _ in range(ncols)]
    for r in rows:
        for j, cell in enumerate(r):
            columns[j].extend(_cell_lines(cell))
    if all(_is_layout(line) for col in columns for line in col):
        return []  # "Date<TAB>Date": the layout of a signature table, nothing to keep
    flat = "\n".join(" ".join(" ".join(_cell_lines(c)) for c in r if c.strip()) for r in rows)
    aligned = "\t" not in block and not block.lstrip().startswith("|")
    return [_Unit(raw=[], columns=columns, fallback=_paragraph_units(flat), aligned=aligned)]


# --- stage 4: units -> tree ------------------------------------------------------------------

_TITLE_ZONE, _PREAMBLE, _BODY, _FINAL = "title", "preamble", "body", "final"
_ITEM_STYLES = (LOWER_ALPHA, UPPER_ALPHA, LOWER_ROMAN, CYRILLIC_ALPHA, BULLET)
_PARAGRAPH_STYLES = (DECIMAL, OUTLINE, UPPER_ROMAN)
_JOINABLE = (PARTY, RECITAL, PARAGRAPH, ITEM, TEXT, CLOSING)
_CLOSED_END = ".;:,!?"
_TAIL = 300  # how much of the end of a clause the checks on a continuation read
_LIST_END = V.LIST_END


def _is_closing(text: str) -> bool:
    return bool(_CLOSING.match(text) or _KZ_CLOSING.search(text))


def _is_recital(text: str) -> bool:
    return bool(_RECITAL.match(text) or _KZ_RECITAL.search(text))


def _is_formula(text: str) -> bool:
    return bool(_NOW_THEREFORE.match(text) or _FORMULA.search(text))


def _is_layout(line: str) -> bool:
    return bool(_LAYOUT.fullmatch(line))


def _sig_start(line: str) -> bool:
    return bool(_SIG_START.match(line) or _KZ_SIG.search(line))


def _is_signature_heading(line: str) -> bool:
    """A signature heading that needs no closing formula before it to be read as one."""
    return bool(_SIG_STRICT.match(line)) and len(line.split()) <= 25


def _preamble_kind(text: str, recitals: int) -> str:
    """The kind of an unnumbered paragraph of the preamble, ``recitals`` recitals after its start."""
    if _NOW_THEREFORE.match(text):
        return FORMULA
    if _CONNECTOR.fullmatch(text) or _HEREINAFTER.match(text):
        return TEXT
    if recitals and V.ORGAN.fullmatch(text):
        return TEXT  # "Генеральная Ассамблея," after the recitals: the body that acts
    if _is_recital(text):
        return RECITAL
    if _is_formula(text):
        return FORMULA
    if recitals:
        return RECITAL if text[-1] in ",;" else TEXT
    return PARTY


# a signatory's name under a signature heading: "A. Mutalibov", "L. Ter-Petrosyan", "J.G. Smith",
# "(sd.) P. BUKMAN", "(signed) ..."
_NAME_LINE = re.compile(
    r"(?:\((?:sd|signed|sgd)\.?\)\s*.*|(?:[A-ZА-ЯЁ]\.\s?){1,3}[A-ZА-ЯЁ][\w'’]+(?:-[A-ZА-ЯЁ]?[\w'’]+)?"
    r"(?:\s+[A-ZА-ЯЁ][\w'’-]+)?)$")


def _signed_by(u: _Unit, nxt: _Unit | None) -> bool:
    """"For the Republic of Azerbaijan" (no colon) over "A. Mutalibov": a signature block, as a
    Word table's cells give them one by one (the initial is no item label)."""
    if nxt is None or nxt.columns is not None or not nxt.raw:
        return False
    text = u.text
    return (_sig_start(u.first) and len(u.raw) == 1 and _heading_like(text) and len(text.split()) <= 12
            and bool(_NAME_LINE.fullmatch(nxt.raw[0])) and len(nxt.raw) == 1)


def _body_paragraph(u: _Unit) -> bool:
    """A paragraph of body text, never a line of a signature block: a block of its own (the
    canonical text writes a signature's lines in the signature's block), a sentence of
    fifteen words or more (numbered or not) that is no closing formula or signature heading."""
    text = u.text
    return (u.opens_block and u.columns is None and not u.bullet and len(text.split()) >= 15 and text[-1] in ".:;,"
            and (u.label is None or u.label.kind == "num") and not _is_closing(text) and not _sig_start(u.first)
            and not _signature_block(u.raw))


def _signature_block(lines: list[str]) -> bool:
    """A signature block on lines of its own: "For the Republic of" / "Azerbaijan" /
    "A. Mutalibov" (the signatory's initial is no item label), perhaps a place and date."""
    return (2 <= len(lines) <= 8 and _sig_start(lines[0]) and all(len(ln) <= 60 for ln in lines)
            and any(_NAME_LINE.fullmatch(ln) for ln in lines[1:]))


def _is_annex_heading(text: str) -> bool:
    """"Annex", "ANNEX II", "Annex 2025 Political Declaration on ..." (the title may be long,
    but it is a title: no final punctuation)."""
    return (bool(V.ANNEX.match(text)) and len(text) <= 250 and text[-1] not in _CLOSED_END
            and not _is_signature_heading(text))


def _is_annexed_instrument(text: str) -> bool:
    """"Memorandum of Agreement on ...", "Protocol": the title of an instrument annexed after
    the closing formula (before any signature: an officer's title under a signature is no
    title)."""
    return bool(V.ANNEXED_INSTRUMENT.match(text)) and _heading_like(text) and not _is_closing(text) \
        and not _sig_start(text)


def _heading_like(text: str) -> bool:
    return (
        0 < len(text) <= 120
        and len(text.split()) <= 15
        and text[-1] not in _CLOSED_END
        and not text[0].islower()
    )


# the pattern of a word label with an outline number: "Section 1.0{}.", "Section 2.{}"
_SUBDIVISION = re.compile(r"\w+\.? \d+(?:\.\d+)*\.\d*\{\}")


@dataclass(slots=True)
class _Level:
    """An open list: the last clause numbered in it and where its members go."""

    kind: str
    style: str
    pattern: str
    prefix: str
    value: int
    parent: Clause | None
    clause: Clause
    written: str = ""  # the number of its last clause as written ("2", "1.3", "IV")

    def continued_by(self, c: Reading) -> bool:
        style, value, pattern, prefix = c
        if style != self.style or pattern != self.pattern or prefix != self.prefix:
            return False
        return style == BULLET or value == self.value + 1


class _Builder:
    def __init__(self, new_key: KeyFactory, report: ParseReport | None = None):
        self.new_key = new_key
        self.report = report if report is not None else ParseReport(source="")
        # lines a running head may repeat: the title's lines, headings and the texts of the
        # clauses before (all of which the canonical text shows as they are)
        self.seen: set[str] = set()
        self.join_next = False  # the unit after a running head is the rest of the last clause
        self.top: list[Clause] = []
        self.parents: dict[int, Clause | None] = {}
        self.levels: list[_Level] = []
        self.last: Clause | None = None
        self.zone = _TITLE_ZONE
        self.title: Clause | None = None
        self.title_lines: list[str] = []
        self.pending: Clause | None = None  # a section whose heading is in the next block
        self.written = ""  # the label of the unit being placed, as written
        self.recitals = 0
        self.recitals_before = 0  # recitals before the last clause of the preamble
        self.last_signature: Clause | None = None
        self.column_signature: dict[int, Clause] = {}
        # Text joined onto the last clause is kept in pieces until the next clause starts, and
        # the checks look at its end only: a text broken into thousands of pieces stays linear.
        self.more: list[str] = []
        self.tail = ""  # the last _TAIL characters of the last clause's text, pieces included
        self.signature_lines: dict[int, list[str]] = {}  # a signature's lines, by id
        self.signatures: dict[int, Clause] = {}

    # -- building blocks --

    def add(self, kind: str, parent: Clause | None, *, text: str = "", heading: str = "",
            style: str = NONE, pattern: str = "", label: str = "") -> Clause:
        self.flush()
        if self.last is not None and self.last.kind != SIGNATURE:
            for seen in (self.last.text, self.last.heading):
                if seen and len(seen) <= 150:  # (a running head is short; texts are one line)
                    self.seen.add(seen)
                    self.seen.add(_SYMBOL_PREFIX.sub("", seen))
        c = Clause(key=self.new_key(), kind=kind, text=text, heading=heading,
                   num_style=style, num_pattern=pattern, label=label if style != NONE else "")
        (parent.children if parent is not None else self.top).append(c)
        self.parents[id(c)] = parent
        self.last = c
        self.tail = text[-_TAIL:]
        return c

    def flush(self) -> None:
        if self.more and self.last is not None:
            self.last.text = " ".join([self.last.text, *self.more])
            self.more.clear()

    def finish(self) -> None:
        self.flush()
        if self.title is not None:
            self.title.text = "\n".join(self.title_lines)
        for key, lines in self.signature_lines.items():
            sig = self.signatures[key]
            sig.text = "\n".join(lines)

    def add_top(self, kind: str, text: str) -> Clause:
        self.levels.clear()
        return self.add(kind, None, text=text)

    def outline_parent(self, parent: Clause | None) -> bool:
        """Will the number of ``parent`` prefix an outline number that reads back ("1.2" ->
        "1.2.1", "IV" -> "IV.1"; not "a" or "vi", nor "4.1" counted as 1 of "4.{}")?"""
        while parent is not None:
            if parent.numbered:
                style = parent.num_style
                return style in (OUTLINE, UPPER_ROMAN) or (
                    style == DECIMAL and not parent.num_pattern[:1].isdigit()
                )
            parent = self.parents.get(id(parent))
        return False

    def running_head(self, u: _Unit, nxt: _Unit | None) -> bool:
        """Is ``u`` the running head of a new page (a PDF extraction's): a line that repeats
        the title, a heading or an earlier paragraph, between the two halves of a sentence?

        Then it is dropped (and listed in the report) and ``nxt`` joins the clause it cuts.
        Everything this reads is what the canonical text shows as it is (clause texts, their
        start and end, labels), so the canonical text, which has the sentence joined and no
        running head, reads back to the same tree."""
        if self.zone == _TITLE_ZONE or self.pending is not None or u.label is not None or u.bullet:
            return False
        text = u.text
        if (text not in self.seen or len(text) > 150 or len(text.split()) < 3 or text[-1] in ".;:,"
                or _sig_start(text) or _is_closing(text) or _is_recital(text) or _is_formula(text)):
            return False
        if nxt is None or nxt.columns is not None or nxt.label is not None or nxt.bullet or not nxt.text:
            return False
        t = nxt.text
        if (_sig_start(t) or _is_closing(t) or _is_recital(t) or _is_formula(t) or _is_annex_heading(t)
                or _CONNECTOR.fullmatch(t) or _HEREINAFTER.match(t)):
            return False
        last = self.last
        if last is None or last.kind == SIGNATURE or self.zone == _FINAL:
            return False
        tail = self.tail
        if len(tail.split()) < 8 or not _MID_SENTENCE_END.search(tail):
            return False
        if not self.joinable(t):
            return False
        self.report.drop(text, "running_head", self.head_line(text))
        return True

    def head_line(self, text: str) -> int:
        """Where in the source to look for the running head: after the line that ends the
        clause it cuts."""
        end = " ".join(self.tail.split())[-40:]
        line = self.report.line_of(end) if end else 0
        return line

    def continues(self, text: str) -> bool:
        """Is this paragraph the rest of the previous clause, cut by a conversion?

        Only when it starts in lower case, the clause before it stops in mid-sentence, and
        the two together still read as the same kind of clause (the canonical text shows
        them as one paragraph, which must read back the same)."""
        return text[:1].islower() and self.joinable(text)

    def joinable(self, text: str) -> bool:
        """Would ``text`` read as the rest of the last clause (see :meth:`continues`)?"""
        prev = self.last
        if prev is None or prev.kind not in _JOINABLE:
            return False
        t = self.tail
        if not t or t[-1] in _CLOSED_END or _LIST_END.search(t[-12:]):
            return False
        if prev.kind == TEXT and not self.more and _CONNECTOR.fullmatch(prev.text):
            return False
        if self.more or len(prev.text) + len(text) > 2 * _TAIL:
            # what the checks below read: the start and the end of the joined text
            joined = f"{prev.text[:_TAIL]} {(t + ' ' + text)[-_TAIL:]}"
        else:
            joined = f"{prev.text} {text}"
        if prev.kind in (PARAGRAPH, ITEM):
            return True
        if self.zone == _FINAL:
            return True
        if _is_closing(joined) != (prev.kind == CLOSING) or _is_signature_heading(joined):
            return False
        if self.zone == _PREAMBLE and self.parents.get(id(prev), 1) is None:
            return _preamble_kind(joined, self.recitals_before) == prev.kind
        return True

    def join(self, text: str) -> None:
        self.more.append(text)
        self.tail = f"{self.tail} {text}"[-_TAIL:]

    # -- the walk --

    def run(self, units: list[_Unit]) -> None:
        i = 0
        while i < len(units):
            u = units[i]
            nxt = units[i + 1] if i + 1 < len(units) else None
            if nxt is not None and nxt.columns is not None and not self.signatures_at(nxt):
                nxt = nxt.fallback[0] if nxt.fallback else None
            if u.columns is not None:
                if self.signatures_at(u):
                    self.table(u.columns)
                    i += 1
                else:
                    units[i : i + 1] = u.fallback or []
                continue
            i += 1
            if self.zone == _TITLE_ZONE:
                if self.title_part(u, nxt):
                    continue
                self.zone = _PREAMBLE
            if self.join_next:
                self.join_next = False
                self.join(u.text)
                continue
            if self.running_head(u, nxt):
                self.join_next = True
                continue
            if self.annex(u):
                continue
            if self.zone != _FINAL and self.signed_layout(units, i - 1):
                self.zone = _FINAL  # "For the Republic of" over its signatory and "Signature: ____"
                self.levels.clear()
            if self.zone == _FINAL and self.resumes(u, nxt):
                # after the signatures, the next instrument of a series (a declaration, then
                # the minutes, then an agreement, each signed): its text is read as text again
                self.zone = _BODY
                self.levels.clear()
                self.last_signature = None
                self.column_signature.clear()
            if self.zone == _FINAL:
                self.final(u.raw)
            elif u.label is None and not u.bullet:
                self.plain(u, nxt)
            else:
                self.numbered(u, nxt)
        self.finish()

    # -- title --

    def title_like(self, u: _Unit | None, first: bool) -> bool:
        if u is None or u.label is not None or u.bullet or u.columns is not None:
            return False
        text = u.text
        if not text or text[-1] in _CLOSED_END or any(len(line) > 200 for line in u.raw):
            return False
        low = text.lower()
        if "hereinafter" in low or "referred to" in low or _is_recital(text) or _is_formula(text):
            return False
        if _is_closing(text) or _HEREINAFTER.match(text):
            return False
        if _is_signature_heading(u.first) or _signature_block(u.raw):
            return False  # "For the Government of ...:" over its signatory: a signature block
        if first or u.md:
            return True
        letters = [ch for ch in text if ch.isalpha()]
        upper = sum(1 for ch in letters if ch.isupper())
        return upper >= 0.6 * len(letters) or len(text) <= 120

    def title_part(self, u: _Unit, nxt: _Unit | None) -> bool:
        if u.label is not None or u.bullet:
            return False
        if _CONNECTOR.fullmatch(u.text):
            ok = (self.title is not None and self.title_like(nxt, first=False)
                  and nxt is not None and not _CONNECTOR.fullmatch(nxt.text))
        else:
            ok = self.title_like(u, first=self.title is None)
        if not ok:
            return False
        if self.title is None:
            self.title = self.add(TITLE, None)
        self.title_lines.extend(u.raw)
        for line in u.raw:
            _remember(line, self.seen)
        return True

    # -- unnumbered paragraphs --

    def plain(self, u: _Unit, nxt: _Unit | None = None) -> None:
        text = u.text
        if not text:
            return
        # (the canonical text shows a paragraph on one line: what its first line says,
        # its whole text says too)
        block = _signature_block(u.raw)
        signature = _is_signature_heading(u.first) or _is_signature_heading(text) or _signed_by(u, nxt) or block
        if self.pending is not None:
            section, self.pending = self.pending, None
            if _heading_like(text) and not _is_closing(text) and not signature:
                section.heading = text
                return
        if _is_closing(text):
            self.add_top(CLOSING, text)
            self.zone = _FINAL
            return
        if signature:
            self.zone = _FINAL
            self.final(u.raw if _is_signature_heading(u.first) or block else [text])
            return
        if self.zone == _PREAMBLE and (
            _NOW_THEREFORE.match(text) or _CONNECTOR.fullmatch(text) or _HEREINAFTER.match(text)
        ):
            self.preamble(text)
            return
        if self.continues(text):
            self.join(text)
            return
        if self.zone == _PREAMBLE:
            self.preamble(text)
            return
        # an unnumbered paragraph of the body belongs to the section it stands in
        d = self.heading_depth()
        if d >= 0:
            del self.levels[d + 1 :]
            self.add(TEXT, self.levels[d].clause, text=text)
        else:
            self.levels.clear()
            self.add(TEXT, None, text=text)

    def preamble(self, text: str) -> None:
        kind = _preamble_kind(text, self.recitals)
        self.recitals_before = self.recitals
        self.add_top(kind, text)
        if kind == RECITAL:
            self.recitals += 1
        elif kind == FORMULA:
            self.zone = _BODY

    # -- numbered paragraphs, items, sections --

    def numbered(self, u: _Unit, nxt: _Unit | None) -> None:
        self.pending = None
        label = u.label
        self.written = label.raw if label is not None else u.bullet  # the label as the source has it
        text = u.text
        if label is None:  # a bullet without a number
            if self.continues(text):
                self.join(text)
                return
            cands: tuple[Reading, ...] = (Reading(BULLET, 0, u.bullet, ""),)
        else:
            cands = label.readings
            if label.kind == "part":
                self.part(cands[0], text)
                return
            if label.kind in ("word", "colon"):
                self.section(cands[0], text)
                return
        last = self.last
        start = next((c for c in cands if c[1] == 1 or c[0] == BULLET), None)
        # 1. a clause ending with ":" opens a list under it (never a list in a list of its
        # own style: that would read differently once renumbered) ...
        first = start or cands[0]
        chapeau = self.chapeau(last, first) and not any(
            level.style == first[0] and level.pattern == first[2] and first[0] != OUTLINE
            for level in self.levels
        )
        if chapeau and start is not None:
            # "(h) the following:" then "(i)": a roman list under (h), not the letter after h;
            # but a label that continues a list further out still goes there
            inner = self.levels[-1] if self.levels and self.levels[-1].clause is last else None
            outer = [level for level in self.levels if level is not inner]
            if not any(level.continued_by(c) for level in outer for c in cands):
                self.new_list(start, last, u, nxt)
                return
        # 2. ... unless the label continues an open list
        for depth in range(len(self.levels) - 1, -1, -1):
            level = self.levels[depth]
            for c in cands:
                if level.continued_by(c):
                    del self.levels[depth + 1 :]
                    self.sibling(level, c, text)
                    return
        if chapeau:
            self.new_list(cands[0], last, u, nxt)
            return
        if self.zone == _PREAMBLE:
            self.zone = _BODY
            self.levels.clear()
        # 3. a label that starts a list; 4. a slip in the numbering ("1.1, 1.2, 1.4"): stay in
        # a list of the same kind; 5. otherwise a new list all the same
        # (a list never nests in a list of its own style: "2." then "1." is a restart)
        for depth in range(len(self.levels) - 1, -1, -1):
            level = self.levels[depth]
            for c in cands:
                if (c[0] == level.style and c[2] == level.pattern and c[0] != OUTLINE
                        and (start is None or c is start)):
                    del self.levels[depth + 1 :]
                    self.sibling(level, c, text)
                    return
        cand = start or cands[0]
        if cand[0] == OUTLINE:
            self.place_outline(cand[3])
        self.new_list(cand, self.levels[-1].clause if self.levels else None, u, nxt)

    def chapeau(self, last: Clause | None, cand: Reading) -> bool:
        """Does ``last`` end with ":" and take a list of this kind under it?"""
        if last is None or not self.tail.endswith(":"):
            return False
        if cand[0] == OUTLINE:  # "1.2 ...:" takes "1.2.1", not "2.1"
            top = self.levels[-1] if self.levels else None
            return top is not None and top.clause is last and top.written == cand[3]
        if last.kind in (PARAGRAPH, ITEM):
            return True
        return last.kind in (TEXT, RECITAL, PARTY) and cand[0] in _ITEM_STYLES

    def place_outline(self, prefix: str) -> None:
        """A new outline list ("2.1") goes beside an open list of numbers as deep as its own
        ("1.2": no section 2 in between), never inside it. Only the depth of the numbers
        counts, not their values, which the canonical text renumbers."""
        depth = prefix.count(".") + 1
        for d in range(len(self.levels) - 1, -1, -1):
            level = self.levels[d]
            if level.written.count(".") == depth and level.style in (OUTLINE, DECIMAL):
                del self.levels[d:]
                return

    def heading_depth(self) -> int:
        """The depth of the innermost open section or part (-1: none)."""
        for d in range(len(self.levels) - 1, -1, -1):
            if self.levels[d].kind in (SECTION, PART):
                return d
        return -1

    def annex(self, u: _Unit) -> bool:
        """An annex, appendix or schedule ("Annex", "ANNEX II", "Annex 2025 Political
        Declaration ..."), in the body or after the closing formula and the signatures: a part
        of its own, and what follows is read as a text again (its paragraphs, items, articles),
        not as closing lines or signatures."""
        if u.label is not None or u.bullet or not u.text:
            return False
        if not _is_annex_heading(u.text) and not (
                self.zone == _FINAL and self.last_signature is None and _is_annexed_instrument(u.text)):
            return False
        self.pending = None
        self.levels.clear()
        part = self.add(PART, None, heading=u.text)
        self.levels.append(_Level(PART, NONE, "", "", 0, None, part, ""))
        self.zone = _BODY
        self.last_signature = None
        self.column_signature.clear()
        return True

    def part(self, cand: Reading, heading: str) -> None:
        """A part, chapter or "Раздел" above the articles: the articles that follow go in it."""
        style, value, pattern, _ = cand
        self.levels.clear()
        part = self.add(PART, None, heading=heading, style=style, pattern=pattern, label=self.written)
        self.levels.append(_Level(PART, style, pattern, "", value, None, part, written_number(cand)))
        self.pending = part if not heading else None
        if self.zone in (_TITLE_ZONE, _PREAMBLE):
            self.zone = _BODY

    def section(self, cand: Reading, heading: str) -> None:
        style, value, pattern, _ = cand
        base = self.levels[0].clause if self.levels and self.levels[0].kind == PART else None
        keep = 1 if base is not None else 0
        d = self.article_of(pattern)
        if d >= 0:  # "Section 1.01." under "Article I": a subdivision of the article
            base, keep = self.levels[d].clause, d + 1
        del self.levels[keep:]
        sec = self.add(SECTION, base, heading=heading, style=style, pattern=pattern, label=self.written)
        self.levels.append(_Level(SECTION, style, pattern, "", value, base, sec, written_number(cand)))
        if not heading:
            self.pending = sec
        if self.zone in (_TITLE_ZONE, _PREAMBLE):
            self.zone = _BODY

    def article_of(self, pattern: str) -> int:
        """The depth of the open section a section labelled with ``pattern`` subdivides, or -1.

        A word label with an outline number ("Section 1.01.", pattern "Section 1.0{}.") under
        a section labelled with another word and a plain number ("Article I") is a subdivision
        of that section; every other section label starts a section at the top (or in its part)."""
        if not _SUBDIVISION.match(pattern):
            return -1
        word = pattern.split(" ", 1)[0]
        for d in range(len(self.levels) - 1, -1, -1):
            level = self.levels[d]
            if level.kind == SECTION and not _SUBDIVISION.match(level.pattern):
                return d if level.pattern.split(" ", 1)[0] != word else -1
        return -1

    def sibling(self, level: _Level, cand: Reading, text: str) -> None:
        if level.kind in (SECTION, PART):
            clause = self.add(level.kind, level.parent, heading=text, style=level.style, pattern=level.pattern,
                              label=self.written)
        else:
            clause = self.add(level.kind, level.parent, text=text, style=level.style,
                              pattern=level.pattern, label=self.written)
        level.value = cand[1]
        level.clause = clause
        level.written = written_number(cand)

    def new_list(self, cand: Reading, parent: Clause | None, u: _Unit, nxt: _Unit | None) -> None:
        style, value, pattern, prefix = cand
        if style == OUTLINE and not self.outline_parent(parent):
            # "1.1" with no number above to build on: keep the number as written
            style, pattern, prefix = DECIMAL, f"{prefix}.{{}}{pattern[2:]}", ""
        text = u.text
        if (parent is None and style in (DECIMAL, UPPER_ROMAN) and pattern in ("{}.", "{})")
                and _heading_like(text) and self.body_follows(u, nxt)):
            self.section(Reading(style, value, pattern, ""), text)
            return
        if parent is None or parent.kind in (SECTION, PART):
            kind = PARAGRAPH if style in _PARAGRAPH_STYLES else ITEM
        elif parent.kind == PARAGRAPH and style == OUTLINE:
            kind = PARAGRAPH
        else:
            kind = ITEM
        clause = self.add(kind, parent, text=text, style=style, pattern=pattern, label=self.written)
        written = written_number(Reading(style, value, pattern, prefix))
        self.levels.append(_Level(kind, style, pattern, prefix, value, parent, clause, written))

    def body_follows(self, u: _Unit, nxt: _Unit | None) -> bool:
        """Does a short "1. Purpose" head paragraphs of its own (then it is a section)?"""
        if nxt is None or nxt.columns is not None:
            return False
        if nxt.label is None:
            if nxt.bullet:
                return True
            t = nxt.text
            return bool(t) and not _is_closing(t) and not _is_signature_heading(nxt.first)
        if nxt.label.kind != "num" or u.label is None:
            return False
        mine = {(c[0], c[2]) for c in u.label.readings}
        return not any((c[0], c[2]) in mine for c in nxt.label.readings)

    # -- closing part and signatures --

    def signed_layout(self, units: list[_Unit], i: int) -> bool:
        """Does ``units[i]`` open a signature block laid out as Concord's signature copy (and
        many others) lays it out, one paragraph a line: "For the Republic of", a few short
        lines (the party, the signatory), then the line to sign on ("Signature: ____")?"""
        u = units[i]
        if u.label is not None or u.bullet or u.columns is not None or not _sig_start(u.first) \
                or not _heading_like(u.text) or len(u.raw) != 1:
            return False
        for v in units[i + 1 : i + 5]:
            if v.columns is not None or v.bullet:
                return False
            if v.raw and all(_is_layout(ln) for ln in v.raw) and v.text:
                return True
            if len(v.text.split()) > 12 or v.text[-1:] in ".;":
                return False
        return False

    def resumes(self, u: _Unit, nxt: _Unit | None) -> bool:
        """After a signature block: does ``u`` start a text again (a paragraph of body text,
        or a heading over one), rather than a line of the signature? Only once the signature
        has its signatory's lines (a heading alone takes what follows as its lines)."""
        sig = self.last_signature
        if sig is None or u.columns is not None or not self.signature_lines.get(id(sig)):
            return False
        if _body_paragraph(u):
            return True
        text = u.text
        return (u.opens_block and u.label is None and not u.bullet and _heading_like(text) and not _sig_start(u.first)
                and not _NAME_LINE.fullmatch(text) and not _is_closing(text) and nxt is not None
                and _body_paragraph(nxt))

    def signatures_at(self, u: _Unit) -> bool:
        if u.columns is None:
            return False
        return self.zone == _FINAL or self.signature_table(u.columns) or u.aligned

    def signature_table(self, columns: list[list[str]]) -> bool:
        """Signature blocks side by side. Before the closing formula, only when the first
        reads as a signature heading on its own ("For the Government of ...:")."""
        first = next((ln for col in columns for ln in col if not _is_layout(ln)), "")
        return _is_signature_heading(first)

    def table(self, columns: list[list[str]]) -> None:
        self.zone = _FINAL
        self.levels.clear()
        for j, col in enumerate(columns):
            self.final(col, column=j)

    def final(self, lines: Iterable[str], column: int | None = None) -> None:
        """After the closing formula: signature blocks, and the lines that belong to them."""
        groups: list[list[str]] = []
        for line in lines:
            if _is_layout(line):
                continue
            if not groups or _sig_start(line):
                groups.append([line])
            else:
                groups[-1].append(line)
        for g in groups:
            if _sig_start(g[0]):
                sig = self.add(SIGNATURE, None, heading=g[0])
                self.signatures[id(sig)] = sig
                self.signature_lines[id(sig)] = g[1:]
                self.levels.clear()
                self.last_signature = sig
                if column is not None:
                    self.column_signature[column] = sig
                continue
            target = self.column_signature.get(column) if column is not None else None
            target = target or self.last_signature
            if target is not None:
                self.signature_lines[id(target)].extend(g)
                continue
            text = " ".join(g)
            last = self.last
            if not _is_closing(text) and last is not None and last.kind == CLOSING and self.continues(text):
                self.join(text)
            else:
                self.add_top(CLOSING, text)


# --- stage 5: is it an agreement? -------------------------------------------------------------


def _check_structure(doc: Document) -> None:
    """Refuse text that does not read as an agreement.

    The rule: at least MIN_WORDS words, and at least MIN_FEATURES of these six features:
    recitals, an enacting formula, sections or articles, two or more numbered paragraphs or
    items (bullets do not count), a closing formula or signature block, the salutation of a
    letter ("Excellency:", for an agreement by exchange of letters). A shopping list or a
    page of prose has at most one of them; the shortest real agreement has two.
    """
    counts: dict[str, int] = {}
    numbered = 0
    words = 0
    letter = False
    for c in doc.walk():
        counts[c.kind] = counts.get(c.kind, 0) + 1
        numbered += c.kind in (PARAGRAPH, ITEM) and c.numbered
        words += len(c.text.split()) + len(c.heading.split())
        letter = letter or (c.kind in (TEXT, PARTY) and bool(V.SALUTATION.search(c.text[:400])))
    features = {
        "recitals": counts.get(RECITAL, 0) > 0,
        "formula": counts.get(FORMULA, 0) > 0,
        "sections": counts.get(SECTION, 0) + counts.get(PART, 0) > 0,
        "paragraphs": numbered >= 2,
        "closing": counts.get(CLOSING, 0) + counts.get(SIGNATURE, 0) > 0,
        "letter": letter,  # an agreement by exchange of letters: "Excellency: I have the honour ..."
    }
    found = [name for name, ok in features.items() if ok]
    if words >= MIN_WORDS and len(found) >= MIN_FEATURES:
        return
    if words < MIN_WORDS:
        raise ParseError("parse_too_short", words=words)
    if found:
        raise ParseError(f"parse_only_{found[0]}")
    raise ParseError("parse_no_structure")
