"""Which clause of a revised text is which clause of the version it revises.

When the counterpart sends back a whole revised text, Concord imports it as the next version
of the draft; the clauses of the new tree have no keys yet. :func:`match` pairs them with
the clauses of the current version so that an unchanged, edited, relabelled or moved clause
keeps its stable key (pending proposals stay on it, translations stay attached, the
comparison shows an edit, not a deletion and an insertion), a new clause gets a fresh key of
the draft's scheme, and a clause that is gone disappears.

Reads: the old tree (with keys) and the new tree (keys are ignored).
Writes: a copy of the new tree with keys, and what became of every clause.

Phases, cheapest and surest first (each pairs only clauses left unpaired by the ones before):

1. *anchors*: clauses whose content (kind, heading, text: what ``content_hash`` covers, the
   label aside) occurs exactly once in each text, kept in order: a longest increasing
   subsequence of their old positions in new order (patience diff). Clauses without words
   ("-", an empty paragraph) are never anchors: they say nothing about where they are;
2. *identical*: other identical contents, first in the same stretch between two anchors,
   then anywhere (a clause that moved unchanged, or repeated wording);
3. *edited*: multiset Dice similarity of the words (heading and text, case folded) of
   clauses of compatible kinds, with small bonuses for the same label, a parent already
   paired with the new clause's parent and the same heading; a pair needs
   :data:`SIMILARITY_MIN`, or :data:`STRUCTURAL_MIN` when the label and the parent agree
   too, and :data:`MOVED_MIN` when it stands elsewhere (another parent, another stretch).
   Candidates: the clauses of the same stretch near the same relative place, and,
   for a clause that moved *and* changed, those sharing rare words with it. Best first;
4. *structure*: a clause whose own words changed too much (an article whose heading was
   reworded) follows most of its children;
5. *slots*: under two paired parents, between two paired siblings, what is left pairs by
   the same label (a paragraph rewritten in place under the same number is that paragraph
   edited); then, one for one when as many are left on each side, clauses whose labels do
   not differ and that share :data:`STRUCTURAL_MIN` of their words. A "2.2 bis" inserted
   where "2.3" was deleted stays an insertion and a deletion.

Then *moved*: a paired clause whose parent is not the partner of its old parent, or that
is out of order among its paired siblings (judged by a longest increasing subsequence, so
one insertion or one move does not mark every later sibling).

Linear or ``n log n`` in the number of clauses except for phase 3, whose candidates are
bounded per clause: 1,200 clauses take milliseconds (``make bench``, section "reimport").
Pure Python: no database, no web framework.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .similarity import dice
from .tree import ITEM, PARAGRAPH, PART, SECTION, TEXT, Clause, Document, cited

SIMILARITY_MIN = 0.5  # Dice of the words (times the kind factor) to pair two edited clauses
STRUCTURAL_MIN = 0.25  # enough when the label and the parent agree as well
MOVED_MIN = 0.7  # a clause that moved elsewhere *and* changed must be closer than one edited in place
LABEL_BONUS = 0.1
PARENT_BONUS = 0.1
HEADING_BONUS = 0.1
_BODY = frozenset((PARAGRAPH, ITEM, TEXT))
_DIVISIONS = frozenset((SECTION, PART))
_WINDOW = 6  # candidates on each side of the same relative place in a stretch
_RARE_CANDIDATES = 8
_WORD = re.compile(r"\w+", re.UNICODE)


class _N:
    __slots__ = ("clause", "content", "label", "wordy", "_words", "parent", "children", "pos", "sib", "gap",
                 "match", "score", "moved")

    def __init__(self, clause: Clause, parent: _N | None, pos: int, sib: int):
        self.clause = clause
        self.content = (clause.kind, clause.heading, clause.text)
        self.label = cited(clause.label or "") if clause.label else ""
        self.wordy = bool(_WORD.search(clause.text) or _WORD.search(clause.heading))  # has any word at all
        self._words: Counter | None = None
        self.parent = parent
        self.children: list[_N] = []
        self.pos = pos
        self.sib = sib
        self.gap = 0
        self.match: _N | None = None
        self.score = 0.0
        self.moved = False

    @property
    def words(self) -> Counter:
        """The words of heading and text, case folded (counted only for clauses that need them)."""
        if self._words is None:
            self._words = Counter(_WORD.findall(f"{self.clause.heading}\n{self.clause.text}".casefold()))
        return self._words


def _flatten(doc: Document) -> tuple[list[_N], list[_N]]:
    nodes: list[_N] = []
    roots: list[_N] = []

    def rec(clauses: list[Clause], parent: _N | None, out: list[_N]) -> None:
        for i, c in enumerate(clauses):
            n = _N(c, parent, len(nodes), i)
            nodes.append(n)
            out.append(n)
            rec(c.children, n, n.children)

    rec(doc.clauses, None, roots)
    return nodes, roots


def _pair(o: _N, n: _N, score: float) -> None:
    o.match, n.match = n, o
    o.score = n.score = score


def _kind_factor(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if a in _BODY and b in _BODY:
        return 0.9
    if a in _DIVISIONS and b in _DIVISIONS:
        return 0.9
    return 0.0


def _increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence of ``values`` (n log n)."""
    tails: list[int] = []  # values
    tail_idx: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_idx.append(i)
        else:
            tails[k] = v
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_idx[-1] if tail_idx else -1
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep


def _parent_agrees(o: _N, n: _N) -> bool:
    if o.parent is None and n.parent is None:
        return True
    return o.parent is not None and n.parent is not None and n.parent.match is o.parent


# --- the phases --------------------------------------------------------------------------------


def _anchors(old: list[_N], new: list[_N]) -> None:
    count_old = Counter(o.content for o in old if o.wordy)
    count_new = Counter(n.content for n in new if n.wordy)
    first_old = {o.content: o for o in old if count_old.get(o.content) == 1}
    pairs = [(first_old[n.content], n) for n in new
             if count_new.get(n.content) == 1 and n.content in first_old]
    keep = _increasing([o.pos for o, _ in pairs])
    for i, (o, n) in enumerate(pairs):
        if i in keep:
            _pair(o, n, 1.0)
    for nodes in (old, new):
        gap = 0
        for x in nodes:
            if x.match is not None:
                gap += 1
            x.gap = gap


def _identical(old: list[_N], new: list[_N]) -> None:
    by_gap: dict[tuple, list[_N]] = {}
    for o in old:
        if o.match is None and o.wordy:
            by_gap.setdefault((o.gap, o.content), []).append(o)
    for n in new:
        if n.match is None and n.wordy:
            cands = by_gap.get((n.gap, n.content))
            if cands:
                _pair(cands.pop(0), n, 1.0)
    anywhere: dict[tuple, list[_N]] = {}
    for o in old:
        if o.match is None and o.wordy:
            anywhere.setdefault(o.content, []).append(o)
    for n in new:
        if n.match is None and n.wordy:
            cands = anywhere.get(n.content)
            if cands:
                _pair(cands.pop(0), n, 1.0)


def _score(o: _N, n: _N) -> tuple[float, float] | None:
    """(score for ranking, word similarity) of a candidate pair, or None if it may not pair."""
    f = _kind_factor(o.clause.kind, n.clause.kind)
    if not f:
        return None
    sim = f * dice(o.words, n.words)
    same_label = bool(o.label) and o.label == n.label
    parent = _parent_agrees(o, n)
    if sim < SIMILARITY_MIN and not (sim >= STRUCTURAL_MIN and same_label and parent):
        return None
    if sim < MOVED_MIN and not parent and o.gap != n.gap:
        return None
    bonus = (LABEL_BONUS if same_label else 0.0) + (PARENT_BONUS if parent else 0.0)
    if o.clause.heading and o.clause.heading == n.clause.heading:
        bonus += HEADING_BONUS
    return sim + bonus, sim


def _edited(old: list[_N], new: list[_N]) -> None:
    lo = [o for o in old if o.match is None]
    ln = [n for n in new if n.match is None]
    if not lo or not ln:
        return
    by_gap: dict[int, list[_N]] = {}
    for o in lo:
        by_gap.setdefault(o.gap, []).append(o)
    new_by_gap: dict[int, list[_N]] = {}
    for n in ln:
        new_by_gap.setdefault(n.gap, []).append(n)
    cands: dict[tuple[int, int], tuple] = {}

    def consider(o: _N, n: _N, far: int) -> None:
        k = (o.pos, n.pos)
        if k in cands:
            return
        s = _score(o, n)
        if s is not None:
            cands[k] = (-s[0], far, abs(o.pos - n.pos), n.pos, o.pos, o, n, s[1])

    for g, ns in new_by_gap.items():
        os_ = by_gap.get(g)
        if not os_:
            continue
        for r, n in enumerate(ns):
            centre = r * len(os_) // len(ns)
            for q in range(max(0, centre - _WINDOW), min(len(os_), centre + _WINDOW + 1)):
                consider(os_[q], n, 0)
    index: dict[str, list[_N]] = {}
    for o in lo:
        for w in o.words:
            index.setdefault(w, []).append(o)
    rare = max(8, len(lo) // 50)
    at = {o.pos: o for o in lo}
    for n in ln:
        hits: Counter = Counter()
        for w in n.words:
            posting = index.get(w)
            if posting is not None and len(posting) <= rare:
                for o in posting:
                    hits[o.pos] += 1
        for pos, _ in hits.most_common(_RARE_CANDIDATES):
            consider(at[pos], n, 1)
    for *_, o, n, sim in sorted(cands.values(), key=lambda t: t[:5]):
        if o.match is None and n.match is None:
            _pair(o, n, round(sim, 4))


def _structure(old: list[_N]) -> None:
    for o in reversed(old):  # deepest first
        if o.match is not None or not o.children:
            continue
        votes = Counter(ch.match.parent for ch in o.children if ch.match is not None and ch.match.parent is not None)
        if not votes:
            continue
        n, count = votes.most_common(1)[0]
        matched_o = sum(1 for ch in o.children if ch.match is not None)
        matched_n = sum(1 for ch in n.children if ch.match is not None)
        if n.match is None and _kind_factor(o.clause.kind, n.clause.kind) and 2 * count >= matched_o \
                and 2 * count >= matched_n:
            _pair(o, n, round(dice(o.words, n.words), 4))


def _runs(children: list[_N]) -> list[tuple[_N | None, list[_N]]]:
    """The unpaired children, in runs, each with the paired sibling before it (None: first)."""
    out: list[tuple[_N | None, list[_N]]] = []
    before: _N | None = None
    run: list[_N] = []
    for ch in children:
        if ch.match is None:
            run.append(ch)
        else:
            if run:
                out.append((before, run))
            before, run = ch, []
    if run:
        out.append((before, run))
    return out


def _slot_fits(o: _N, n: _N) -> bool:
    """Two clauses left over in the same slot: the same clause if their labels do not say
    otherwise and, unless they share the label, they share some words (or have none)."""
    if not _kind_factor(o.clause.kind, n.clause.kind):
        return False
    if o.label and n.label:
        return o.label == n.label
    if not o.wordy or not n.wordy:
        return True
    return dice(o.words, n.words) >= STRUCTURAL_MIN


def _slot_group(old_children: list[_N], new_children: list[_N]) -> None:
    old_runs = {(b.match.pos if b is not None and b.match is not None else -1): r for b, r in _runs(old_children)}
    for before, run in _runs(new_children):
        left = [o for o in old_runs.get(before.pos if before is not None else -1, ()) if o.match is None]
        if not left:
            continue
        by_label: dict[str, list[_N]] = {}
        for o in left:
            if o.label:
                by_label.setdefault(o.label, []).append(o)
        for n in run:
            same = [o for o in by_label.get(n.label, ()) if o.match is None] if n.label else []
            if same and _slot_fits(same[0], n):
                _pair(same[0], n, round(dice(same[0].words, n.words), 4))
        rest_o = [o for o in left if o.match is None]
        rest_n = [n for n in run if n.match is None]
        if len(rest_o) == len(rest_n):
            for o, n in zip(rest_o, rest_n, strict=True):
                if _slot_fits(o, n):
                    _pair(o, n, round(dice(o.words, n.words), 4))


def _slots(old_roots: list[_N], new_roots: list[_N], new: list[_N]) -> None:
    """Top down, so that a parent paired by its slot has its own children paired next."""
    _slot_group(old_roots, new_roots)
    for n in new:
        if n.match is not None and n.children and n.match.children:
            _slot_group(n.match.children, n.children)


def _mark_moved(new_roots: list[_N], new: list[_N]) -> None:
    def group(children: list[_N], parent: _N | None) -> None:
        stay = []
        for n in children:
            o = n.match
            if o is None:
                continue
            if (o.parent is None and parent is None) or (
                    o.parent is not None and parent is not None and o.parent.match is parent):
                stay.append(n)
            else:
                n.moved = o.moved = True
        matched = [(n, n.match) for n in stay if n.match is not None]
        keep = _increasing([o.sib for _, o in matched])
        for i, (n, o) in enumerate(matched):
            if i not in keep:
                n.moved = o.moved = True

    group(new_roots, None)
    for n in new:
        if n.children:
            group(n.children, n)


# --- the result ----------------------------------------------------------------------------------


@dataclass
class Matched:
    """A revised tree with keys, and what became of each clause.

    ``doc``: a copy of the new tree; a paired clause has its old key, a new one a fresh key.
    Lists hold keys (of ``doc``; ``deleted``: of the old tree), in document order:
    ``kept`` (same wording), ``edited`` (wording changed: kind, heading or text), ``inserted``,
    ``deleted``; ``moved`` (another parent, or out of order: kept or edited as well) and
    ``relabelled`` (its label as written changed: kept or edited as well). So ``kept + edited
    + inserted`` are the new clauses, ``kept + edited + deleted`` the old ones."""

    doc: Document
    kept: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    relabelled: list[str] = field(default_factory=list)
    similarity: dict[str, float] = field(default_factory=dict)  # edited key -> word similarity

    @property
    def unchanged(self) -> bool:
        return not (self.edited or self.inserted or self.deleted or self.moved or self.relabelled)

    def counts(self) -> dict[str, int]:
        return {"kept": len(self.kept), "edited": len(self.edited), "inserted": len(self.inserted),
                "deleted": len(self.deleted), "moved": len(self.moved), "relabelled": len(self.relabelled)}

    def changes(self) -> list[tuple[str, str]]:
        """(key, change) for each clause the file changed, as a consolidation records them:
        ``replace`` (edited), ``insert``, ``delete``, ``move`` (moved without an edit)."""
        edited = set(self.edited)
        out = [(k, "replace") for k in self.edited] + [(k, "insert") for k in self.inserted]
        out += [(k, "delete") for k in self.deleted] + [(k, "move") for k in self.moved if k not in edited]
        return out


def match(old: Document, new: Document, new_key: Callable[[], str]) -> Matched:
    """Pair the clauses of ``new`` (a revised text, keys ignored) with those of ``old``.

    ``new_key`` hands out fresh keys (the draft's allocator) for the clauses that are new,
    in document order. Neither input is changed."""
    new = new.copy()
    old_nodes, old_roots = _flatten(old)
    new_nodes, new_roots = _flatten(new)
    _anchors(old_nodes, new_nodes)
    _identical(old_nodes, new_nodes)
    _edited(old_nodes, new_nodes)
    _structure(old_nodes)
    _slots(old_roots, new_roots, new_nodes)
    _mark_moved(new_roots, new_nodes)
    out = Matched(doc=new)
    for n in new_nodes:
        o = n.match
        c = n.clause
        if o is None:
            c.key = new_key()
            out.inserted.append(c.key)
            continue
        c.key = o.clause.key
        if n.content == o.content:
            out.kept.append(c.key)
        else:
            out.edited.append(c.key)
            out.similarity[c.key] = n.score
        if n.moved:
            out.moved.append(c.key)
        if (c.label or "") != (o.clause.label or ""):
            out.relabelled.append(c.key)
    out.deleted = [o.clause.key for o in old_nodes if o.match is None]
    return out


def match_by_position(old: Document, new: Document, new_key: Callable[[], str]) -> Document:
    """The naive way, for the benchmark beside :func:`match`: the n-th clause of the new text
    takes the key of the n-th clause of the old one. One insertion shifts every later key."""
    new = new.copy()
    old_keys = [c.key for c in old.walk()]
    for i, c in enumerate(new.walk()):
        c.key = old_keys[i] if i < len(old_keys) else new_key()
    return new
