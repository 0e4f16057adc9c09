"""Property tests: replaying compare(old, new) on old gives new, for random trees and edits."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.clauses.tree import (
    DECIMAL,
    ITEM,
    LOWER_ALPHA,
    NONE,
    OUTLINE,
    PARAGRAPH,
    SECTION,
    TEXT,
    Clause,
    Document,
    KeyAllocator,
    renumber,
)
from app.core.compare import apply_comparison, compare
from app.core.compare.model import DELETED, INSERTED, MODIFIED, MOVED, RENUMBERED, UNCHANGED
from app.core.compare.words import new_side, old_side

from .compare_builders import contents, depths, rekey

VOCAB = [
    "the", "Parties", "shall", "cooperate", "exchange", "information", "within", "framework", "of",
    "this", "Memorandum", "Secretariat", ",", ".", ";", "and", "or", "1.2", "co-operation",
    "Тараптар", "ақпарат", "қауіпсіздік", "ынтымақтастық", "Стороны", "обмениваются", "информацией",
]

STYLES = {
    SECTION: (DECIMAL, "Article {}"),
    PARAGRAPH: (OUTLINE, "{}"),
    ITEM: (LOWER_ALPHA, "({})"),
    TEXT: (NONE, ""),
}
CHILD_KINDS = {SECTION: [PARAGRAPH, TEXT], PARAGRAPH: [ITEM, TEXT], ITEM: [], TEXT: []}


def words(data, max_size=10) -> str:
    return " ".join(data.draw(st.lists(st.sampled_from(VOCAB), max_size=max_size)))


def make_clause(data, alloc, kind) -> Clause:
    style, pattern = STYLES[kind]
    heading = words(data, 4) if kind == SECTION else ""
    return Clause(alloc(), kind, text=words(data), heading=heading, num_style=style, num_pattern=pattern)


def grow(data, alloc, kind, depth) -> Clause:
    c = make_clause(data, alloc, kind)
    kinds = CHILD_KINDS[kind]
    if kinds and depth < 3:
        for _ in range(data.draw(st.integers(0, 4))):
            c.children.append(grow(data, alloc, data.draw(st.sampled_from(kinds)), depth + 1))
    return c


def draw_document(data, alloc) -> Document:
    top = [grow(data, alloc, data.draw(st.sampled_from([SECTION, SECTION, PARAGRAPH, TEXT])), 0)
           for _ in range(data.draw(st.integers(0, 5)))]
    return renumber(Document(top))


def containers(d: Document):
    """(list of siblings, kind of their parent or None) for every place a clause can go."""
    out = [(d.clauses, None)]
    for c in d.walk():
        if CHILD_KINDS[c.kind]:
            out.append((c.children, c.kind))
    return out


def allowed(parent_kind, kind) -> bool:
    return kind in (CHILD_KINDS[parent_kind] if parent_kind else (SECTION, PARAGRAPH, TEXT))


def edit(data, d: Document, alloc) -> str:
    """Apply one random edit to ``d`` in place; return its name."""
    clauses = list(d.walk())
    what = data.draw(st.sampled_from(["modify", "heading", "insert", "delete", "move"]))
    if what == "insert" or not clauses:
        places = containers(d)
        sibs, parent_kind = places[data.draw(st.integers(0, len(places) - 1))]
        kinds = CHILD_KINDS[parent_kind] if parent_kind else [SECTION, PARAGRAPH, TEXT]
        if not kinds:
            return "none"
        new = make_clause(data, alloc, data.draw(st.sampled_from(kinds)))
        sibs.insert(data.draw(st.integers(0, len(sibs))), new)
        return "insert"
    target = clauses[data.draw(st.integers(0, len(clauses) - 1))]
    if what == "modify":
        ws = target.text.split(" ") if target.text else []
        op = data.draw(st.sampled_from(["replace", "add", "drop"]))
        if op == "add" or not ws:
            ws.insert(data.draw(st.integers(0, len(ws))), data.draw(st.sampled_from(VOCAB)))
        elif op == "replace":
            ws[data.draw(st.integers(0, len(ws) - 1))] = data.draw(st.sampled_from(VOCAB))
        else:
            del ws[data.draw(st.integers(0, len(ws) - 1))]
        target.text = " ".join(ws)
        return "modify"
    if what == "heading":
        target.heading = words(data, 4)
        return "modify"
    # detach the target
    for sibs, _ in containers(d):
        if any(s is target for s in sibs):
            sibs.remove(target)
            break
    if what == "delete":
        return "delete"
    # target is detached, so its own subtree is not among the places
    places = [(s, k) for s, k in containers(d) if allowed(k, target.kind)]
    sibs, _ = places[data.draw(st.integers(0, len(places) - 1))]
    sibs.insert(data.draw(st.integers(0, len(sibs))), target)
    return "move"


def check_outline(comparison) -> None:
    depth = -1
    for e in comparison.clauses:
        assert 0 <= e.depth <= depth + 1
        depth = e.depth
        assert old_side(e.text_ops) == e.old_text and new_side(e.text_ops) == e.new_text
        assert old_side(e.heading_ops) == e.old_heading and new_side(e.heading_ops) == e.new_heading


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_replaying_a_key_comparison_gives_the_new_text(data):
    alloc = KeyAllocator()
    old = draw_document(data, alloc)
    new = old.copy()
    done = [edit(data, new, alloc) for _ in range(data.draw(st.integers(0, 6)))]
    renumber(new)

    result = compare(old, new, match="key")
    assert apply_comparison(old, result) == contents(new)
    assert [e.depth for e in result.clauses if e.status != DELETED] == depths(new)
    check_outline(result)

    old_keys = {c.key for c in old.walk()}
    new_keys = {c.key for c in new.walk()}
    new_index = new.index()
    old_index = old.index()
    for e in result.clauses:
        if e.status == INSERTED:
            assert e.new_key not in old_keys
        elif e.status == DELETED:
            assert e.old_key not in new_keys
        else:
            assert e.old_key == e.new_key
            o, n = old_index[e.old_key], new_index[e.new_key]
            same = o.content_hash() == n.content_hash()
            assert (e.status == MODIFIED) == (not same)
            assert e.renumbered == (o.number != n.number)
            if e.status == UNCHANGED:
                assert not e.moved and o.number == n.number
            if e.status == RENUMBERED:
                assert not e.moved and o.number != n.number
            if e.status == MOVED:
                assert e.moved
        parent = new.parent_of(e.new_key) if e.new_key else None
        if e.status != DELETED:
            assert e.new_parent_key == (parent.key if parent else None)
    if "move" not in done:
        assert not any(e.moved for e in result.clauses)
    if set(done) <= {"modify", "none"}:
        assert not any(e.renumbered for e in result.clauses)
        assert {e.status for e in result.clauses} <= {UNCHANGED, MODIFIED}


@SETTINGS
@given(st.data())
def test_replaying_a_similarity_comparison_gives_the_new_text(data):
    alloc = KeyAllocator()
    old = draw_document(data, alloc)
    new = old.copy()
    for _ in range(data.draw(st.integers(0, 6))):
        edit(data, new, alloc)
    new = renumber(rekey(new))

    result = compare(old, new, match="similarity")
    assert apply_comparison(old, result) == contents(new)
    assert [e.depth for e in result.clauses if e.status != DELETED] == depths(new)
    check_outline(result)


@SETTINGS
@given(st.data())
def test_an_unedited_copy_is_unchanged_in_both_modes(data):
    old = draw_document(data, KeyAllocator())
    for mode, new in (("key", old.copy()), ("similarity", rekey(old))):
        result = compare(old, new, match=mode)
        assert {e.status for e in result.clauses} <= {UNCHANGED}, mode
        assert len(result.clauses) == len(old)
