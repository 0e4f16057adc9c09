"""Agreement status in the Word exports: which clauses are agreed ad referendum, which carry
text in square brackets (with each alternative and the states that support it), and the
draft's progress ("41 of 58 paragraphs agreed").

The exports get the status through :class:`AgreementMarks`: a small lookup function
``key -> ClauseMark | None`` and the progress line, made by the service from the meetings
records (the core never reads them). Every mark is a *style*, so it survives black-and-white
printing and can be found with Word's style pane, not only a colour:

- an agreed clause's paragraphs take the paragraph style ``ConcordAgreed`` (a solid bar in the
  left margin) and end with "(agreed ad referendum ...)" in the character style
  ``ConcordMark``;
- a clause with text in dispute takes ``ConcordBracketed`` (a double bar in the margin); the
  disputed words are in square brackets, in the character style ``ConcordBracket`` (highlighted
  and double-underlined), and a paragraph in the style ``ConcordNote`` below the clause lists
  the alternatives, each with the states that support it;
- the progress line and a legend open the body, in ``ConcordNote``.

Everything Concord adds this way (``ConcordMark`` runs, ``ConcordNote`` paragraphs) is not
part of the text: :mod:`app.core.word.walk` leaves it out, so a marked copy still reads back
(and takes tracked changes) as the plain text.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from . import labels as L
from . import ooxml as ox
from .labels import Labels

AGREED = "agreed"
OPEN = "open"
BRACKETED = "bracketed"

#: style ids (= names, so LibreOffice keeps them on saving); what the reader leaves out of the
#: text is named in :mod:`app.core.word.ooxml` (ANNOTATION_*_STYLES)
STYLE_AGREED = ox.STYLE_AGREED
STYLE_BRACKETED = ox.STYLE_BRACKETED
STYLE_NOTE = ox.STYLE_NOTE  # a paragraph Concord adds (progress, legend, alternatives)
STYLE_MARK = ox.STYLE_MARK  # a run Concord adds ("(agreed ad referendum)", the brackets)
STYLE_BRACKET = ox.STYLE_BRACKET  # the disputed words themselves (part of the text)


@dataclass(frozen=True)
class Alternative:
    """One alternative wording of a bracketed passage: ``states`` already as the reader reads them."""

    label: str
    text: str
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class BracketMark:
    """A passage of the clause text in dispute and its alternatives."""

    text: str
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class ClauseMark:
    """The agreement status of one clause: ``status`` agreed | open | bracketed; ``meeting``:
    where it was agreed, as shown ("Special Working Group, 25 June 2024")."""

    status: str
    meeting: str = ""
    brackets: tuple[BracketMark, ...] = ()


@dataclass
class AgreementMarks:
    """What an export marks: ``lookup(key)`` (None: nothing to show for the clause) and the
    progress line ("41 of 58 paragraphs agreed")."""

    lookup: Callable[[str], ClauseMark | None]
    progress: str = ""
    agreed: int = 0
    total: int = 0
    counted: frozenset[str] = field(default_factory=frozenset)

    def __call__(self, key: str | None) -> ClauseMark | None:
        return self.lookup(key) if key else None


def progress_line(labels: Labels, agreed: int, total: int) -> str:
    return labels(L.AGREEMENT_PROGRESS, agreed=agreed, total=total)


# --- styles ------------------------------------------------------------------------------------


def _style(styles: etree._Element, kind: str, sid: str, ppr: list[etree._Element] = (),
           rpr: list[etree._Element] = ()) -> None:
    for st in styles.iter(ox.w("style")):
        if st.get(ox.w("styleId")) == sid:
            return
    st = etree.SubElement(styles, ox.w("style"), {ox.W_TYPE: kind, ox.w("customStyle"): "1",
                                                   ox.w("styleId"): sid})
    etree.SubElement(st, ox.W_NAME, {ox.W_VAL: sid})
    if kind == "paragraph":
        etree.SubElement(st, ox.w("basedOn"), {ox.W_VAL: "Normal"})
    etree.SubElement(st, ox.w("qFormat"))
    if ppr:
        etree.SubElement(st, ox.W_PPR).extend(ppr)
    if rpr:
        etree.SubElement(st, ox.W_RPR).extend(rpr)


def _border(style: str, size: int) -> etree._Element:
    bdr = etree.Element(ox.w("pBdr"))
    etree.SubElement(bdr, ox.W_LEFT, {ox.W_VAL: style, ox.W_SZ: str(size), ox.w("space"): "8",
                                      ox.w("color"): "auto"})
    return bdr


def add_styles(doc) -> None:
    """The agreement styles, added to a python-docx Document's styles part (once)."""
    styles = doc.styles.element
    _style(styles, "paragraph", STYLE_AGREED, [_border("single", 18)])
    _style(styles, "paragraph", STYLE_BRACKETED, [_border("double", 6)])
    _style(styles, "paragraph", STYLE_NOTE, [etree.Element(ox.W_IND, {ox.W_LEFT: "567"})],
           [etree.Element(ox.W_I), etree.Element(ox.W_SZ, {ox.W_VAL: "20"})])
    _style(styles, "character", STYLE_MARK, rpr=[etree.Element(ox.W_I)])
    _style(styles, "character", STYLE_BRACKET,
           rpr=[etree.Element(ox.w("highlight"), {ox.W_VAL: "yellow"}),
                etree.Element(ox.W_U, {ox.W_VAL: "double"})])


# --- drawing ----------------------------------------------------------------------------------


def styled_run(parent: etree._Element, text: str, style: str, **props) -> etree._Element:
    """A run of ``text`` in the character style ``style`` (``w:rStyle`` first in ``w:rPr``)."""
    r = ox.run(parent, text, **props)
    rpr = r.find(ox.W_RPR)
    if rpr is None:
        rpr = etree.Element(ox.W_RPR)
        r.insert(0, rpr)
    rpr.insert(0, etree.Element(ox.w("rStyle"), {ox.W_VAL: style}))
    return r


def _set_style(el: etree._Element, props_tag: str, style_tag: str, style: str) -> None:
    """Give a paragraph (``w:pPr``/``w:pStyle``) or a run (``w:rPr``/``w:rStyle``) the style."""
    props = el.find(props_tag)
    if props is None:
        props = etree.Element(props_tag)
        el.insert(0, props)
    old = props.find(style_tag)
    if old is not None:
        old.set(ox.W_VAL, style)
    else:
        props.insert(0, etree.Element(style_tag, {ox.W_VAL: style}))


def set_paragraph_style(p: etree._Element, style: str) -> None:
    _set_style(p, ox.W_PPR, ox.W_PSTYLE, style)


def bracket_text(p: etree._Element, text: str, brackets: Sequence[BracketMark], *, bold: bool = False) -> None:
    """Append ``text`` to ``p`` with each disputed passage in square brackets (``ConcordMark``)
    and in ``ConcordBracket``; the text itself is unchanged (the brackets are marks)."""
    spans = _passages(text, brackets)
    pos = 0
    for start, end in spans:
        if start > pos:
            ox.run(p, text[pos:start], bold=bold)
        styled_run(p, "[", STYLE_MARK, bold=bold)
        styled_run(p, text[start:end], STYLE_BRACKET, bold=bold)
        styled_run(p, "]", STYLE_MARK, bold=bold)
        pos = end
    if pos < len(text) or not spans:
        ox.run(p, text[pos:], bold=bold)


def _passages(text: str, brackets: Sequence[BracketMark]) -> list[tuple[int, int]]:
    """Where each disputed passage stands in ``text`` (its first occurrence not yet taken)."""
    spans: list[tuple[int, int]] = []
    for b in brackets:
        if not b.text:
            continue
        at = text.find(b.text)
        while at >= 0 and any(s < at + len(b.text) and at < e for s, e in spans):
            at = text.find(b.text, at + 1)
        if at >= 0:
            spans.append((at, at + len(b.text)))
    return sorted(spans)


_GONE = (ox.W_DEL, ox.W_MOVE_FROM)  # runs of the old text only
_CHAR = {ox.W_TAB: "\t", ox.W_BR: "\n"}


def _accepted_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of ``p`` that the accepted text is made of, in order (not deleted or moved away,
    not a mark Concord added)."""
    out = []
    for r in p.iter(ox.W_R):
        up = r.getparent()
        while up is not None and up is not p and up.tag not in _GONE:
            up = up.getparent()
        if up is not None and up is not p:
            continue
        rpr = r.find(ox.W_RPR)
        style = rpr.find(ox.W_RSTYLE) if rpr is not None else None
        if style is not None and style.get(ox.W_VAL) in ox.ANNOTATION_RUN_STYLES:
            continue
        out.append(r)
    return out


def _run_text(r: etree._Element) -> str:
    return "".join((c.text or "") if c.tag == ox.W_T else _CHAR.get(c.tag, "") for c in r)


def _split_run(r: etree._Element, at: int) -> etree._Element:
    """Split a text run at character ``at``: ``r`` keeps the start, the returned copy (right
    after it) the rest, both with ``r``'s properties."""
    text = _run_text(r)
    rpr = r.find(ox.W_RPR)
    for c in list(r):
        if c is not rpr:
            r.remove(c)
    rest = etree.Element(ox.W_R)
    if rpr is not None:
        rest.append(copy.deepcopy(rpr))
    ox.fill_run(r, text[:at])
    ox.fill_run(rest, text[at:])
    r.addnext(rest)
    return rest


def _set_run_style(r: etree._Element, style: str) -> None:
    _set_style(r, ox.W_RPR, ox.W_RSTYLE, style)


def _mark_run(text: str, like: etree._Element) -> etree._Element:
    r = etree.Element(ox.W_R)
    rpr = like.find(ox.W_RPR)
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    _set_run_style(r, STYLE_MARK)
    ox.fill_run(r, text)
    return r


def bracket_runs(p: etree._Element, brackets: Sequence[BracketMark]) -> int:
    """Mark the disputed passages in a paragraph already written, tracked changes and all (the
    redline): the runs of the accepted text that hold a passage are split at its ends and put in
    ``ConcordBracket``, with "[" and "]" (``ConcordMark``, not text) around them, each inside the
    revision its neighbouring run is in. Returns how many passages were marked."""
    runs = _accepted_runs(p)
    text = "".join(_run_text(r) for r in runs)
    spans = _passages(text, brackets)
    for start, end in reversed(spans):  # from the end: earlier offsets stay valid
        inside: list[etree._Element] = []
        pos = 0
        for r in list(runs):
            length = len(_run_text(r))
            lo, hi = pos, pos + length
            pos = hi
            if hi <= start or lo >= end or not length:
                continue
            if lo < start:
                r = _split_run(r, start - lo)
                lo = start
            if hi > end:
                _split_run(r, end - lo)
            inside.append(r)
        if not inside:
            continue
        for r in inside:
            _set_run_style(r, STYLE_BRACKET)
        inside[0].addprevious(_mark_run("[", inside[0]))
        inside[-1].addnext(_mark_run("]", inside[-1]))
        runs = _accepted_runs(p)
    return len(spans)


def note_paragraph(parent: etree._Element, text: str, *, index: int | None = None) -> etree._Element:
    p = ox.paragraph(parent, style=STYLE_NOTE, after=60, index=index)
    ox.run(p, text)
    return p


def alternatives_text(mark: ClauseMark, labels: Labels) -> list[str]:
    """One line per bracketed passage: its alternatives, each with its supporting states."""
    out = []
    for b in mark.brackets:
        alts = []
        for alt in b.alternatives:
            states = ", ".join(alt.states) if alt.states else labels(L.NO_SUPPORTER)
            alts.append(labels(L.ALTERNATIVE, label=alt.label, text=alt.text, states=states))
        out.append(labels(L.BRACKETED_PASSAGE, text=b.text) + " " + "; ".join(alts))
    return out


def agreed_text(mark: ClauseMark, labels: Labels) -> str:
    if mark.meeting:
        return labels(L.AGREED_AT, meeting=mark.meeting)
    return labels(L.AGREED_MARK)


def mark_clause(paras: list[etree._Element], mark: ClauseMark | None, labels: Labels,
                after: etree._Element | None = None) -> list[etree._Element]:
    """Mark a clause's paragraphs (already written) by its status; the alternatives of its
    bracketed passages go into ``ConcordNote`` paragraphs right after ``paras[-1]`` (or
    appended to ``after``, a container such as a table cell). Returns the note paragraphs."""
    if mark is None or not paras:
        return []
    notes: list[etree._Element] = []
    if mark.status == AGREED:
        for p in paras:
            set_paragraph_style(p, STYLE_AGREED)
        styled_run(paras[-1], " (" + agreed_text(mark, labels) + ")", STYLE_MARK)
    elif mark.status == BRACKETED or mark.brackets:
        for p in paras:
            set_paragraph_style(p, STYLE_BRACKETED)
        last = paras[-1]
        for line in alternatives_text(mark, labels):
            if after is not None:
                notes.append(note_paragraph(after, line))
            else:
                parent = last.getparent()
                notes.append(note_paragraph(parent, line, index=parent.index(last) + 1))
                last = notes[-1]
    return notes


def legend_lines(marks: AgreementMarks, labels: Labels) -> list[str]:
    return [x for x in (marks.progress, labels(L.AGREEMENT_LEGEND)) if x]
