"""Clause-level comparison of two versions of a text, with word-level changes inside.

``compare(old, new)`` pairs the clauses of two :class:`Document` trees, gives every pair
a status and lists the word operations inside each changed clause. Pure Python.

Matching
--------
- ``match="key"``: clauses are the same clause when they have the same stable key (two
  versions of one draft).
- ``match="similarity"``: for texts imported separately (keys unrelated), in phases:
  1. identical clauses (same kind, heading and text) that keep their relative order:
     a longest common subsequence over the document order. These are the *anchors*;
  2. identical clauses left over (they moved), paired in document order;
  3. changed clauses: multiset Dice coefficient of their lower-cased words (heading and
     text) >= :data:`SIMILARITY_THRESHOLD`, kinds compatible (same kind, or two of
     paragraph/item/text at a small discount). Candidates are the clauses standing in the
     same stretch between anchors and, for clauses that moved *and* changed, clauses that
     share rare words with it; best scores are paired first;
  4. in the same stretch, a short clause almost wholly contained in a longer one
     (containment >= :data:`CONTAINMENT_THRESHOLD`, >= 4 words): the remnant of a split
     into many parts or the core of a merge of many;
  5. structure: a clause whose own wording is too short to compare (a section whose
     heading was reworded) is paired with the clause holding most of its children;
  6. slots: a clause without words (empty text, "-") is recognised only by its place:
     it pairs with the clause in the same slot (same matched parent, right after or
     before the same matched sibling, or first/last). Such clauses are left out of 1-2,
     where they would pair with any other empty clause anywhere in the text.
- ``match="auto"`` (default): keys when at least half the clauses of the smaller text
  have a key in the other and most clauses so paired agree in kind and wording (two texts
  numbered ``c1, c2, ...`` by separate imports share keys by accident); else similarity.

Statuses (app/core/compare/model.py)
------------------------------------
- ``unchanged``: same wording, same place, same number;
- ``renumbered``: same wording and place, only its number changed (a clause inserted
  before it); never shown as a text change;
- ``moved``: same wording, position changed: another parent, or out of order relative to
  its matched siblings. Order is judged with a heaviest increasing subsequence over the
  matched siblings (weighted by subtree size), so one insertion or one moved clause does
  not mark every later sibling as moved;
- ``modified``: wording (kind, heading or text) changed; ``moved=True`` if it also moved;
- ``inserted`` / ``deleted``.
``renumbered=True`` is set on any matched clause whose number changed.

Split and merge
---------------
- split of clause A into A1 + A2: A is paired with the more similar part (``modified``:
  its ops show the words that left), the other part is ``inserted`` with
  ``split_from = A's old key``;
- merge of A + B into C: C is paired with the more similar of A and B (``modified``: its
  ops show the words that came in), the other is ``deleted`` with ``merged_into = C's new
  key``.
An inserted clause gets ``split_from`` when >= 60% of its words are words that a nearby
modified clause lost; a deleted clause gets ``merged_into`` when >= 60% of its words are
words that a nearby modified clause gained ("nearby": within 3 places in reading order).

Reading order
-------------
The new text's order (pre-order); a deleted clause stands where it stood: after its
nearest preceding old sibling that is still in place, else before the nearest following
one, else first under its parent; a deleted clause's deleted children follow it.
``depth`` is the depth in the tree where the entry is shown.

Fast path
---------
A clause whose kind, heading and text are unchanged (what ``content_hash`` covers) is
recognised by comparing the strings themselves, which is what the hash stands for and
cheaper than computing 2,400 SHA-256 digests; only changed clauses are word-diffed.

Numbers are read from ``Clause.number``; a document whose numbered clauses have no number
yet is renumbered first (that only fills the derived ``number`` fields).
"""

from __future__ import annotations

from collections import Counter

from app.core.clauses.similarity import dice
from app.core.clauses.tree import ITEM, PARAGRAPH, TEXT, Clause, Document, number_clauses

from .model import (
    DELETE,
    DELETED,
    EQUAL,
    INSERT,
    INSERTED,
    MODIFIED,
    MOVED,
    RENUMBERED,
    SOURCE_CHANGED,
    UNCHANGED,
    ClauseDiff,
    Comparison,
    WordOp,
)
from .words import encode_tokens, has_words, new_dmp, word_diff, words_of

MATCH_AUTO = "auto"
MATCH_KEY = "key"
MATCH_SIMILARITY = "similarity"
MATCH_MODES = (MATCH_AUTO, MATCH_KEY, MATCH_SIMILARITY)

SIMILARITY_THRESHOLD = 0.5  # multiset Dice of words to pair two changed clauses
CONTAINMENT_THRESHOLD = 0.8  # share of the shorter clause's words found in the longer one
SPLIT_MERGE_THRESHOLD = 0.6  # share of a clause's words that left/joined a nearby clause
KEY_OVERLAP_MIN = 0.5  # share of the smaller text's clauses that must share a key ("auto")
KEY_AGREEMENT_MIN = 0.5  # share of key-paired clauses that must agree ("auto")
_BODY_KINDS = frozenset((PARAGRAPH, ITEM, TEXT))
_KIND_DISCOUNT = 0.9  # paragraph <-> item <-> text
_LOCAL_WINDOW = 6  # in-place candidates considered on each side within a stretch
_INDEX_CANDIDATES = 8  # moved-and-changed candidates found through rare words
_NEARBY = 3  # reading-order distance searched for split/merge partners

Texts = dict[str, tuple[str, str]]


class _Node:
    __slots__ = (
        "clause", "key", "kind", "heading", "text", "parent", "depth", "pos", "sib", "size",
        "children", "match", "sim", "moved", "gap", "_words",
    )

    def __init__(self, clause: Clause, heading: str, text: str, parent: _Node | None, depth: int, pos: int, sib: int):
        self.clause = clause
        self.key = clause.key
        self.kind = clause.kind
        self.heading = heading
        self.text = text
        self.parent = parent
        self.depth = depth
        self.pos = pos
        self.sib = sib
        self.size = 1
        self.children: list[_Node] = []
        self.match: _Node | None = None
        self.sim: float | None = None
        self.moved = False
        self.gap = 0
        self._words: Counter | None = None

    @property
    def content(self) -> tuple[str, str, str]:
        return (self.kind, self.heading, self.text)

    @property
    def trivial(self) -> bool:
        """No words at all (empty, or only punctuation): nothing to recognise it by."""
        return not (has_words(self.text) or has_words(self.heading))

    @property
    def words(self) -> Counter:
        if self._words is None:
            self._words = Counter(words_of(f"{self.heading}\n{self.text}" if self.heading else self.text))
        return self._words


def _flatten(doc: Document, texts: Texts | None) -> tuple[list[_Node], list[_Node]]:
    nodes: list[_Node] = []
    roots: list[_Node] = []
    needs_numbers = False

    def rec(clauses: list[Clause], parent: _Node | None, depth: int, out: list[_Node]) -> None:
        nonlocal needs_numbers
        for i, c in enumerate(clauses):
            t = texts.get(c.key) if texts else None
            heading, text = t if t is not None else (c.heading, c.text)
            n = _Node(c, heading, text, parent, depth, len(nodes), i)
            if not c.number and c.numbered:
                needs_numbers = True
            nodes.append(n)
            out.append(n)
            if c.children:
                rec(c.children, n, depth + 1, n.children)
                n.size = len(nodes) - n.pos

    rec(doc.clauses, None, 0, roots)
    if needs_numbers:
        number_clauses(doc)
    return nodes, roots


def _pair(o: _Node, n: _Node, sim: float | None) -> None:
    o.match, n.match = n, o
    o.sim = n.sim = sim


def _kind_factor(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if a in _BODY_KINDS and b in _BODY_KINDS:
        return _KIND_DISCOUNT
    return 0.0


# --- matching ------------------------------------------------------------------------------


def _match_by_key(old_nodes: list[_Node], new_nodes: list[_Node]) -> None:
    old_by_key: dict[str, _Node] = {}
    for o in old_nodes:
        old_by_key.setdefault(o.key, o)
    for n in new_nodes:
        found = old_by_key.get(n.key)
        if found is not None and found.match is None:
            _pair(found, n, None)


def _keys_fit(old_nodes: list[_Node], new_nodes: list[_Node]) -> bool:
    """Do the shared keys mean "the same clause" (versions of one draft)?"""
    if not old_nodes or not new_nodes:
        return False
    old_by_key = {o.key: o for o in old_nodes}
    pairs = [(old_by_key[n.key], n) for n in new_nodes if n.key in old_by_key]
    if len(pairs) < KEY_OVERLAP_MIN * min(len(old_nodes), len(new_nodes)):
        return False
    step = max(1, len(pairs) // 400)  # a sample is enough to tell
    sample = pairs[::step]
    agree = 0
    for o, n in sample:
        if o.content == n.content:
            agree += 1
        elif _kind_factor(o.kind, n.kind) and dice(o.words, n.words) >= SIMILARITY_THRESHOLD:
            agree += 1
    return agree >= KEY_AGREEMENT_MIN * len(sample)


def _match_by_similarity(old_nodes: list[_Node], new_nodes: list[_Node]) -> None:
    # 1. anchors: identical clauses in the same relative order (LCS of the contents);
    # clauses without words (empty, "-") say nothing about where they are: see 6.
    old_c = [o.content for o in old_nodes]
    new_c = [n.content for n in new_nodes]
    common = {c for c in set(old_c) & set(new_c) if has_words(c[1]) or has_words(c[2])}
    fo = [o for o, c in zip(old_nodes, old_c, strict=True) if c in common]
    fn = [n for n, c in zip(new_nodes, new_c, strict=True) if c in common]
    (a, b), _table = encode_tokens([o.content for o in fo], [n.content for n in fn])
    i = j = 0
    for op, data in new_dmp().diff_main(a, b, False) if (a or b) else []:
        if op == 0:
            for k in range(len(data)):
                _pair(fo[i + k], fn[j + k], 1.0)
            i += len(data)
            j += len(data)
        elif op < 0:
            i += len(data)
        else:
            j += len(data)

    # stretches between anchors
    for nodes in (old_nodes, new_nodes):
        gap = 0
        for x in nodes:
            if x.match is not None:
                gap += 1
            x.gap = gap

    # 2. identical clauses that moved
    left_old: dict[tuple, list[_Node]] = {}
    for o in fo:
        if o.match is None:
            left_old.setdefault(o.content, []).append(o)
    for n in fn:
        if n.match is None:
            cands = left_old.get(n.content)
            if cands:
                _pair(cands.pop(0), n, 1.0)

    # 3. changed clauses, by word similarity
    lo = [o for o in old_nodes if o.match is None]
    ln = [n for n in new_nodes if n.match is None]
    if lo and ln:
        _match_changed(old_nodes, lo, ln)

    # 6. the same slot: a clause without words (or identical) standing in the same place,
    # under matched parents, right after (or before) matched siblings
    _match_slots(old_nodes, new_nodes)


def _match_slots(old_nodes: list[_Node], new_nodes: list[_Node]) -> None:
    old_roots = [o for o in old_nodes if o.parent is None]
    new_roots = [n for n in new_nodes if n.parent is None]
    for n in new_nodes:
        if n.match is not None:
            continue
        if n.parent is None:
            old_parent, old_sibs, new_sibs = None, old_roots, new_roots
        elif n.parent.match is not None:
            old_parent, old_sibs, new_sibs = n.parent.match, n.parent.match.children, n.parent.children
        else:
            continue
        if not old_sibs:
            continue
        slots = []
        if n.sib == 0:
            slots.append(0)
        elif (p := new_sibs[n.sib - 1].match) is not None and p.parent is old_parent:
            slots.append(p.sib + 1)
        if n.sib + 1 == len(new_sibs):
            slots.append(len(old_sibs) - 1)
        elif (q := new_sibs[n.sib + 1].match) is not None and q.parent is old_parent:
            slots.append(q.sib - 1)
        for k in slots:
            if not 0 <= k < len(old_sibs):
                continue
            o = old_sibs[k]
            if o.match is None and _kind_factor(o.kind, n.kind) and (o.trivial or n.trivial or o.content == n.content):
                _pair(o, n, 1.0 if o.content == n.content else 0.0)
                break


def _match_changed(old_nodes: list[_Node], lo: list[_Node], ln: list[_Node]) -> None:
    by_gap_old: dict[int, list[_Node]] = {}
    by_gap_new: dict[int, list[_Node]] = {}
    for o in lo:
        by_gap_old.setdefault(o.gap, []).append(o)
    for n in ln:
        by_gap_new.setdefault(n.gap, []).append(n)

    cand: dict[tuple[int, int], tuple[float, int, int, _Node, _Node]] = {}

    def consider(o: _Node, n: _Node, rank_dist: int) -> None:
        k = (o.pos, n.pos)
        if k in cand:
            return
        f = _kind_factor(o.kind, n.kind)
        if not f:
            return
        s = f * dice(o.words, n.words)
        if s >= SIMILARITY_THRESHOLD:
            cand[k] = (s, 0 if o.gap == n.gap else 1, rank_dist, o, n)

    for g, ns in by_gap_new.items():
        os_ = by_gap_old.get(g)
        if not os_:
            continue
        for r, n in enumerate(ns):
            centre = r * len(os_) // len(ns)
            for q in range(max(0, centre - _LOCAL_WINDOW), min(len(os_), centre + _LOCAL_WINDOW + 1)):
                consider(os_[q], n, abs(q - centre))

    # moved and changed: candidates sharing rare words
    index: dict[str, list[_Node]] = {}
    for o in lo:
        for w in o.words:
            index.setdefault(w, []).append(o)
    rare = max(8, len(lo) // 50)
    old_at = {o.pos: o for o in lo}
    for n in ln:
        hits: Counter = Counter()
        for w in n.words:
            posting = index.get(w)
            if posting and len(posting) <= rare:
                for o in posting:
                    hits[o.pos] += 1
        for pos, _ in hits.most_common(_INDEX_CANDIDATES):
            consider(old_at[pos], n, 1 << 20)

    for _s, _g, _d, o, n in sorted(cand.values(), key=lambda t: (-t[0], t[1], t[2], t[4].pos, t[3].pos)):
        if o.match is None and n.match is None:
            _pair(o, n, round(_s, 4))

    # 4. containment within a stretch (many-part splits, many-part merges)
    found = []
    for g, ns in by_gap_new.items():
        os_ = [o for o in by_gap_old.get(g, ()) if o.match is None]
        for n in ns:
            if n.match is not None or n.words.total() < 4:
                continue
            for o in os_:
                if o.words.total() < 4 or not _kind_factor(o.kind, n.kind):
                    continue
                inter = (o.words & n.words).total()
                c = inter / min(o.words.total(), n.words.total())
                if c >= CONTAINMENT_THRESHOLD:
                    found.append((-c, n.pos, o.pos, o, n))
    for _c, _np, _op, o, n in sorted(found, key=lambda t: t[:3]):
        if o.match is None and n.match is None:
            _pair(o, n, round(dice(o.words, n.words), 4))

    # 5. structure: a parent follows most of its children (deepest first)
    for o in reversed(old_nodes):
        if o.match is not None or not o.children:
            continue
        votes = Counter(ch.match.parent for ch in o.children if ch.match is not None and ch.match.parent is not None)
        if not votes:
            continue
        n, count = votes.most_common(1)[0]
        matched_o = sum(1 for ch in o.children if ch.match is not None)
        matched_n = sum(1 for ch in n.children if ch.match is not None)
        if n.match is None and _kind_factor(o.kind, n.kind) and 2 * count >= matched_o and 2 * count >= matched_n:
            _pair(o, n, round(dice(o.words, n.words), 4))


# --- position --------------------------------------------------------------------------------


def _heaviest_increasing(values: list[int], weights: list[int]) -> set[int]:
    """Indices of a heaviest strictly increasing subsequence of ``values`` (distinct)."""
    m = len(values)
    rank = {v: r + 1 for r, v in enumerate(sorted(values))}
    tree_best = [0] * (m + 1)
    tree_idx = [-1] * (m + 1)
    best = [0] * m
    prev = [-1] * m
    for i, v in enumerate(values):
        r = rank[v]
        q, qi, j = 0, -1, r - 1
        while j > 0:
            if tree_best[j] > q:
                q, qi = tree_best[j], tree_idx[j]
            j -= j & -j
        best[i] = q + weights[i]
        prev[i] = qi
        j = r
        while j <= m:
            if best[i] > tree_best[j]:
                tree_best[j], tree_idx[j] = best[i], i
            j += j & -j
    i = max(range(m), key=lambda k: (best[k], -k))
    keep = set()
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep


def _mark_moved(new_roots: list[_Node], new_nodes: list[_Node]) -> None:
    def group(children: list[_Node], parent: _Node | None) -> None:
        stay: list[tuple[_Node, _Node]] = []  # (new node, its old match)
        for n in children:
            o = n.match
            if o is None:
                continue
            if (o.parent is None and parent is None) or (o.parent is not None and o.parent.match is parent and parent is not None):
                stay.append((n, o))
            else:
                n.moved = o.moved = True
        if len(stay) < 2:
            return
        sibs = [o.sib for _, o in stay]
        if all(sibs[k] < sibs[k + 1] for k in range(len(sibs) - 1)):
            return
        keep = _heaviest_increasing(sibs, [n.size for n, _ in stay])
        for k, (n, o) in enumerate(stay):
            if k not in keep:
                n.moved = o.moved = True

    group(new_roots, None)
    for n in new_nodes:
        if n.children:
            group(n.children, n)


# --- the comparison --------------------------------------------------------------------------


def _ops(old: str, new: str) -> list[WordOp]:
    if old == new:
        return [WordOp(EQUAL, old)] if old else []
    if not old:
        return [WordOp(INSERT, new)]
    if not new:
        return [WordOp(DELETE, old)]
    return word_diff(old, new)


def _matched_entry(n: _Node) -> ClauseDiff:
    o = n.match
    if o is None:
        raise ValueError(f"clause {n.key} has no match in the old version")
    oc, nc = o.clause, n.clause
    renum = oc.number != nc.number
    same = o.kind == n.kind and o.heading == n.heading and o.text == n.text
    if same:
        status = MOVED if n.moved else (RENUMBERED if renum else UNCHANGED)
        hops = [WordOp(EQUAL, n.heading)] if n.heading else []
        tops = [WordOp(EQUAL, n.text)] if n.text else []
    else:
        status = MODIFIED
        hops = _ops(o.heading, n.heading)
        tops = _ops(o.text, n.text)
    return ClauseDiff(
        status=status,
        kind=n.kind,
        old_key=o.key,
        new_key=n.key,
        old_number=oc.number,
        new_number=nc.number,
        old_heading=o.heading,
        new_heading=n.heading,
        old_text=o.text,
        new_text=n.text,
        depth=n.depth,
        old_parent_key=o.parent.key if o.parent else None,
        new_parent_key=n.parent.key if n.parent else None,
        moved=n.moved,
        renumbered=renum,
        heading_ops=hops,
        text_ops=tops,
        similarity=n.sim,
    )


def _inserted_entry(n: _Node) -> ClauseDiff:
    return ClauseDiff(
        status=INSERTED,
        kind=n.kind,
        new_key=n.key,
        new_number=n.clause.number,
        new_heading=n.heading,
        new_text=n.text,
        depth=n.depth,
        new_parent_key=n.parent.key if n.parent else None,
        heading_ops=[WordOp(INSERT, n.heading)] if n.heading else [],
        text_ops=[WordOp(INSERT, n.text)] if n.text else [],
    )


def _deleted_entry(o: _Node, depth: int) -> ClauseDiff:
    return ClauseDiff(
        status=DELETED,
        kind=o.kind,
        old_key=o.key,
        old_number=o.clause.number,
        old_heading=o.heading,
        old_text=o.text,
        depth=depth,
        old_parent_key=o.parent.key if o.parent else None,
        heading_ops=[WordOp(DELETE, o.heading)] if o.heading else [],
        text_ops=[WordOp(DELETE, o.text)] if o.text else [],
    )


def _reading_order(old_nodes: list[_Node], old_roots: list[_Node], new_roots: list[_Node]) -> list[ClauseDiff]:
    start: list[_Node] = []
    before: dict[int, list[_Node]] = {}
    after_self: dict[int, list[_Node]] = {}
    after_sub: dict[int, list[_Node]] = {}

    for d in old_nodes:
        if d.match is not None or (d.parent is not None and d.parent.match is None):
            continue  # matched, or inside a deleted block
        sibs = d.parent.children if d.parent is not None else old_roots
        placed = False
        for s in reversed(sibs[: d.sib]):
            if s.match is not None and not s.moved:
                after_sub.setdefault(s.match.pos, []).append(d)
                placed = True
                break
        if not placed:
            for s in sibs[d.sib + 1 :]:
                if s.match is not None and not s.moved:
                    before.setdefault(s.match.pos, []).append(d)
                    placed = True
                    break
        if not placed:
            # (a deleted clause's parent, if it has one, is matched: see the first test above)
            parent_match = d.parent.match if d.parent is not None else None
            if parent_match is not None:
                after_self.setdefault(parent_match.pos, []).append(d)
            else:
                start.append(d)

    out: list[ClauseDiff] = []

    def emit_deleted(d: _Node, depth: int) -> None:
        out.append(_deleted_entry(d, depth))
        for ch in d.children:
            if ch.match is None:
                emit_deleted(ch, depth + 1)

    def emit(n: _Node) -> None:
        for d in before.get(n.pos, ()):
            emit_deleted(d, n.depth)
        out.append(_matched_entry(n) if n.match is not None else _inserted_entry(n))
        for d in after_self.get(n.pos, ()):
            emit_deleted(d, n.depth + 1)
        for ch in n.children:
            emit(ch)
        for d in after_sub.get(n.pos, ()):
            emit_deleted(d, n.depth)

    for d in start:
        emit_deleted(d, 0)
    for n in new_roots:
        emit(n)
    return out


def _mark_splits_and_merges(entries: list[ClauseDiff]) -> None:
    words: dict[int, Counter] = {}

    def lost(i: int) -> Counter:  # words a modified clause lost
        if i not in words:
            e = entries[i]
            words[i] = Counter(words_of(f"{e.old_heading}\n{e.old_text}")) - Counter(words_of(f"{e.new_heading}\n{e.new_text}"))
        return words[i]

    gained: dict[int, Counter] = {}

    def won(i: int) -> Counter:  # words a modified clause gained
        if i not in gained:
            e = entries[i]
            gained[i] = Counter(words_of(f"{e.new_heading}\n{e.new_text}")) - Counter(words_of(f"{e.old_heading}\n{e.old_text}"))
        return gained[i]

    for i, e in enumerate(entries):
        if e.status not in (INSERTED, DELETED):
            continue
        mine = Counter(words_of(f"{e.new_heading}\n{e.new_text}" if e.status == INSERTED else f"{e.old_heading}\n{e.old_text}"))
        size = mine.total()
        if size < 3:
            continue
        best, best_i = 0.0, -1
        for j in range(max(0, i - _NEARBY), min(len(entries), i + _NEARBY + 1)):
            if entries[j].status != MODIFIED:
                continue
            pool = lost(j) if e.status == INSERTED else won(j)
            share = (mine & pool).total() / size
            if share > best:
                best, best_i = share, j
        if best >= SPLIT_MERGE_THRESHOLD:
            if e.status == INSERTED:
                e.split_from = entries[best_i].old_key
            else:
                e.merged_into = entries[best_i].new_key


def _mark_source_changes(entries: list[ClauseDiff], old_nodes: list[_Node], new_nodes: list[_Node],
                         status_new: dict[str, str] | None) -> None:
    """In a comparison of translations: a clause whose authentic wording changed is never
    shown as unchanged. Its entry gets the authentic word ops; when its shown text did not
    change (the translation was not updated), its status becomes ``SOURCE_CHANGED``, unless
    ``status_new`` says its new translation is current (made from the new wording)."""
    old_by = {o.key: o.clause for o in old_nodes}
    new_by = {n.key: n.clause for n in new_nodes}
    for e in entries:
        if status_new is not None and e.new_key:
            e.translation = status_new.get(e.new_key, "")
        if not (e.old_key and e.new_key):
            continue
        oc, nc = old_by.get(e.old_key), new_by.get(e.new_key)
        if oc is None or nc is None or (oc.kind, oc.heading, oc.text) == (nc.kind, nc.heading, nc.text):
            continue
        e.source_changed = True
        e.source_heading_ops = _ops(oc.heading, nc.heading) if (oc.heading or nc.heading) else []
        e.source_text_ops = _ops(oc.text, nc.text)
        if e.status in (UNCHANGED, RENUMBERED, MOVED) and e.translation != "current":
            e.status = SOURCE_CHANGED


def compare(
    old: Document,
    new: Document,
    *,
    lang: str = "en",
    texts_old: Texts | None = None,
    texts_new: Texts | None = None,
    match: str = MATCH_AUTO,
    from_label: str = "",
    to_label: str = "",
    source_lang: str = "",
    translation_status: dict[str, str] | None = None,
) -> Comparison:
    """Compare two versions clause by clause (see the module docstring).

    ``texts_old`` / ``texts_new`` map a clause key to its ``(heading, text)`` in another
    language (e.g. the Russian translation); when given, statuses and word diffs use those
    texts. A clause missing from the mapping keeps the document's own wording.
    ``match`` is ``"auto"``, ``"key"`` or ``"similarity"``.
    """
    if match not in MATCH_MODES:
        raise ValueError(f"match must be one of {MATCH_MODES}, not {match!r}")
    old_nodes, old_roots = _flatten(old, texts_old)
    new_nodes, new_roots = _flatten(new, texts_new)

    if match == MATCH_AUTO:
        match = MATCH_KEY if _keys_fit(old_nodes, new_nodes) else MATCH_SIMILARITY
    if match == MATCH_KEY:
        _match_by_key(old_nodes, new_nodes)
    else:
        _match_by_similarity(old_nodes, new_nodes)

    _mark_moved(new_roots, new_nodes)
    entries = _reading_order(old_nodes, old_roots, new_roots)
    _mark_splits_and_merges(entries)
    if texts_old is not None or texts_new is not None:
        _mark_source_changes(entries, old_nodes, new_nodes, translation_status)
    return Comparison(clauses=entries, lang=lang, from_label=from_label, to_label=to_label, matched_by=match,
                      source_lang=source_lang if (texts_old is not None or texts_new is not None) else "")
