"""Stage 3 of the .docx → proposals plan (read revisions → attribute → **align** → classify →
plan): which line of the version each line of each paragraph's rejected text is.

The version is laid out as the exports write it (:func:`layout`, after the contract of
:mod:`app.core.word.layout`): one :class:`Slot` per line of each clause's heading and text, in
document order. :func:`align` fills :attr:`Para.slots <app.core.word.plan.revisions.Para.slots>`:
first by clause key (a ``cl_<key>`` bookmark in Concord's own export), then by exact text
(whitespace, quotes, case and a typed number label normalised away), then by best similarity
above :data:`SIMILARITY` for changed or commented paragraphs that are still unmatched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from app.core.clauses.tree import Document

from ..layout import clause_lines
from ..tracked import UNCHANGED
from .revisions import Para
from .text import loose

#: Least similarity (difflib ratio of the normalised texts) for a paragraph matched by text alone.
SIMILARITY = 0.75
#: At most this many candidate lines are compared by similarity for one paragraph line...
SIMILARITY_WINDOW = 200
#: ... and at most this many in all for one document.
SIMILARITY_BUDGET = 20_000
#: A document less than this share of whose lines (before the changes) are in the version is
#: not a copy of it: refused as a whole rather than matched piecemeal.
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Slot:
    """One line of the current version as written in Word: a line of a clause's heading (its
    head paragraph) or of its text."""

    key: str
    role: str  # layout.HEAD | layout.BODY
    line: int  # line number within the heading or the text
    text: str
    loose: str


@dataclass
class Layout:
    slots: list[Slot]
    first: dict[str, int]  # clause key -> index of its first slot
    by_clause: dict[str, list[int]]  # clause key -> its slot indexes


def layout(doc: Document) -> Layout:
    """The lines each clause is written as, in document order (the paragraph layout of
    :mod:`app.core.word.layout`: a head paragraph for sections, signature blocks and clauses
    with a heading; line breaks inside a paragraph are separate lines here)."""
    slots: list[Slot] = []
    first: dict[str, int] = {}
    by_clause: dict[str, list[int]] = {}
    for c in doc.walk():
        first[c.key] = len(slots)
        mine = by_clause.setdefault(c.key, [])
        for cl in clause_lines(c.kind, c.heading, c.text):
            mine.append(len(slots))
            slots.append(Slot(c.key, cl.role, cl.line, cl.text, loose(cl.text)))
    return Layout(slots, first, by_clause)


def base_lines(doc: Document) -> set[str]:
    """The version's non-empty lines as compared (:func:`~app.core.word.plan.text.loose`): what
    tells a change already in the version (stage 2, attribution)."""
    return {s.loose for s in layout(doc).slots if s.loose}


# (paragraph index, line index in its rejected text, the line as compared)
_Line = tuple[int, int, str]


def align(paras: list[Para], lay: Layout) -> float:
    """Fill ``Para.slots``: which line of the version each line of each paragraph's rejected
    text is. Monotonic (document order is kept): clause-key bookmarks first, then runs of equal
    lines after them, then the longest matching blocks of exact (loose) text in each gap, then
    similarity for the lines of changed or commented paragraphs still unmatched.

    Returns the share of the document's non-empty lines found exactly (1.0 for an unchanged
    export); below :data:`MIN_COVERAGE` the similarity pass is not run (the document is not a
    copy of this version, and nothing of it should be guessed)."""
    slots = lay.slots
    lines: list[_Line] = [(pi, li, loose(text)) for pi, p in enumerate(paras) if p.in_old_view
                          for li, text in enumerate(p.old_lines)]
    lines = [x for x in lines if x[2]]
    taken = [False] * len(slots)

    def assign(k: int, s: int) -> None:
        pi, li, _ = lines[k]
        paras[pi].slots[li] = s
        taken[s] = True

    # anchors: the first non-empty line of a paragraph carrying a known clause key
    anchors: list[tuple[int, int]] = []
    seen: set[int] = set()
    for k, (pi, _li, _t) in enumerate(lines):
        if pi in seen:
            continue
        seen.add(pi)
        key = paras[pi].rev.key
        if key is not None and key in lay.first:
            s = lay.first[key]
            # a bookmark is trusted when the text agrees, even roughly (an older version of the
            # clause); another draft's export has the same key names on other texts
            if lines[k][2] == slots[s].loose or similarity(lines[k][2], slots[s].loose, SIMILARITY) is not None:
                anchors.append((k, s))
    kept: list[tuple[int, int]] = []
    for k, s in anchors:  # keep them in document order on both sides
        if not kept or s > kept[-1][1]:
            kept.append((k, s))

    kept.append((len(lines), len(slots)))  # the end, as a last anchor
    prev_k, prev_s = -1, -1
    for n, (k, s) in enumerate(kept):
        _match_gap(lines, slots, taken, assign, prev_k + 1, k, prev_s + 1, s)
        if n == len(kept) - 1:
            break
        assign(k, s)
        # the clause's further lines (and the next clauses') as long as they are equal
        k2, s2 = k + 1, s + 1
        nxt = kept[n + 1]
        while k2 < nxt[0] and s2 < nxt[1] and lines[k2][2] == slots[s2].loose:
            assign(k2, s2)
            k2, s2 = k2 + 1, s2 + 1
        prev_k, prev_s = k2 - 1, s2 - 1

    coverage = sum(1 for pi, li, _ in lines if paras[pi].slots[li] is not None) / len(lines) if lines else 0.0
    if coverage >= MIN_COVERAGE:
        _similar(paras, lines, slots, taken)
    return coverage


def _match_gap(lines: list[_Line], slots: list[Slot], taken: list[bool], assign: Callable[[int, int], None],
               k0: int, k1: int, s0: int, s1: int) -> None:
    if k0 >= k1 or s0 >= s1:
        return
    a = [lines[k][2] for k in range(k0, k1)]
    b = [slots[s].loose for s in range(s0, s1)]
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for n in range(block.size):
            if not taken[s0 + block.b + n]:
                assign(k0 + block.a + n, s0 + block.b + n)


def similarity(a: str, b: str, least: float) -> float | None:
    """difflib's ratio of two texts when at least ``least`` (cheap upper bounds first), else None."""
    la, lb = len(a), len(b)
    if not la or not lb or 2.0 * min(la, lb) / (la + lb) < least:
        return None
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.quick_ratio() < least:
        return None
    r = sm.ratio()
    return r if r >= least else None


def _wants_match(p: Para) -> bool:
    return p.change != UNCHANGED or bool(p.rev.comments)


def _similar(paras: list[Para], lines: list[_Line], slots: list[Slot], taken: list[bool]) -> None:
    """Best-similarity matches for the unmatched lines of changed or commented paragraphs,
    between the neighbouring matched lines (so document order is kept). At most
    :data:`SIMILARITY_WINDOW` candidates a line and :data:`SIMILARITY_BUDGET` comparisons in
    all: a document unrelated to the version costs no more than that."""
    matched = [paras[pi].slots[li] for pi, li, _ in lines]
    nxt = [len(slots)] * len(lines)  # the next matched slot after each line
    after = len(slots)
    for k in range(len(lines) - 1, -1, -1):
        nxt[k] = after
        m = matched[k]
        if m is not None:
            after = m
    budget = SIMILARITY_BUDGET
    lo, unmatched_since = -1, 0  # the last matched slot so far; unmatched lines since it
    for k, (pi, li, text) in enumerate(lines):
        m = matched[k]
        if m is not None:
            lo, unmatched_since = m, 0
            continue
        unmatched_since += 1
        if not _wants_match(paras[pi]) or budget <= 0:
            continue
        at = lo + unmatched_since  # where the line would be if the gap were evenly filled
        window = range(max(lo + 1, at - SIMILARITY_WINDOW // 2), min(nxt[k], at + SIMILARITY_WINDOW // 2))
        best, best_s = SIMILARITY, None
        for s in window:
            if taken[s] or not slots[s].loose:
                continue
            budget -= 1
            r = similarity(text, slots[s].loose, best)
            if r is not None:
                best, best_s = r, s
        if best_s is not None:
            paras[pi].slots[li] = best_s
            paras[pi].approx = True
            taken[best_s] = True
            matched[k] = best_s
            lo, unmatched_since = best_s, 0
