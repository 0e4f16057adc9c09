"""Tree edits (the core of consolidation): hand-made cases and random ones (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.clauses import edit
from app.core.clauses.tree import (
    DECIMAL,
    LOWER_ROMAN,
    OUTLINE,
    Clause,
    Document,
    KeyAllocator,
    numbering_warnings,
    renumber,
)


def make_doc() -> Document:
    keys = KeyAllocator()
    secs = []
    for s in range(1, 4):
        paras = []
        for p in range(1, 4):
            items = [Clause(keys(), "item", f"item {s}.{p}.{i}", num_style=LOWER_ROMAN, num_pattern="{}.")
                     for i in range(1, 3)]
            paras.append(Clause(keys(), "paragraph", f"para {s}.{p} text", num_style=OUTLINE, num_pattern="{}",
                                children=items))
        secs.append(Clause(keys(), "section", "", heading=f"Section {s}", num_style=DECIMAL, num_pattern="{}:",
                           children=paras))
    return renumber(Document(secs))


def test_edits_keep_labels_and_an_insertion_takes_bis():
    """Labels are text: an edit moves no other clause's number; the inserted clause is
    "1.3 bis"; a moved clause keeps the number it was written with until someone renumbers."""
    doc = make_doc()
    idx = doc.index()
    s1 = doc.clauses[0]
    p11, p12, p13 = s1.children
    changes = [
        edit.Change("replace", p11.key, text="new 1.1"),
        edit.Change("delete", p12.key),
        edit.Change("insert", p13.key, text="inserted after 1.3", position="after"),
        edit.Change("move", doc.clauses[2].children[0].key, anchor=p11.key, position="before"),
    ]
    out = edit.apply_changes(doc, changes, KeyAllocator(100))
    sec1 = out.clauses[0]
    assert [c.text for c in sec1.children] == ["para 3.1 text", "new 1.1", "para 1.3 text", "inserted after 1.3"]
    assert [c.number for c in sec1.children] == ["3.1", "1.1", "1.3", "1.3 bis"]
    assert sec1.children[0].children[0].number == "i."
    assert changes[2].new_key == "c100" and out.find("c100").num_style == OUTLINE
    assert out.clauses[2].children[0].number == "3.2"
    assert [(w.code, w.label) for w in numbering_warnings(out)] == [
        ("start", "3.1"), ("restart", "1.1"), ("skip", "1.3"), ("start", "3.2")]
    assert doc.index() == idx  # the input is untouched
    assert out.find(p12.key) is None


def test_the_position_policy_renumbers_at_once():
    doc = make_doc()
    p11, _p12, p13 = doc.clauses[0].children
    changes = [edit.Change("delete", p11.key), edit.Change("insert", p13.key, text="new", position="after")]
    out = edit.apply_changes(doc, changes, KeyAllocator(100), policy="position")
    assert [c.number for c in out.clauses[0].children] == ["1.1", "1.2", "1.3"]


def test_two_insertions_after_one_clause_are_bis_then_ter():
    doc = make_doc()
    p13 = doc.clauses[0].children[2]
    changes = [edit.Change("insert", p13.key, text="second", position="after"),
               edit.Change("insert", p13.key, text="first", position="after")]
    out = edit.apply_changes(doc, changes, KeyAllocator(100))
    assert [(c.number, c.text) for c in out.clauses[0].children[2:]] == [
        ("1.3", "para 1.3 text"), ("1.3 bis", "first"), ("1.3 ter", "second")]
    assert numbering_warnings(out) == []


def test_a_moved_clause_can_be_reworded_after_the_move():
    doc = make_doc()
    moved = doc.clauses[2].children[0]
    anchor = doc.clauses[0].children[0]
    out = edit.apply_changes(doc, [edit.Change("move", moved.key, anchor=anchor.key, position="after"),
                                   edit.Change("replace", moved.key, text="moved and reworded"),
                                   edit.Change("replace", anchor.key, text="anchor reworded")], KeyAllocator(900))
    assert [c.text for c in out.clauses[0].children[:2]] == ["anchor reworded", "moved and reworded"]
    assert out.clauses[0].children[1].number == "3.1"  # as written: a move renumbers nothing


def test_insert_as_last_child_of_an_empty_paragraph_gets_items_style():
    doc = make_doc()
    target = doc.clauses[0].children[0].children[0]  # an item, no children
    out = edit.apply_changes(doc, [edit.Change("insert", doc.clauses[1].key, text="new para", position="last_child")],
                             KeyAllocator(500))
    assert out.clauses[1].children[-1].number == "2.3 bis"
    assert target.key in out.index()


def test_errors_and_conflicts():
    doc = make_doc()
    p = doc.clauses[0].children[0]
    with pytest.raises(edit.EditError):
        edit.apply_changes(doc, [edit.Change("replace", "nope", text="x")], KeyAllocator(99))
    with pytest.raises(edit.EditError):
        edit.apply_changes(doc, [edit.Change("move", doc.clauses[0].key, anchor=p.key, position="after")],
                           KeyAllocator(99))
    found = edit.conflicts([edit.Change("replace", p.key, text="a", ref=1), edit.Change("replace", p.key, text="b", ref=2),
                            edit.Change("delete", doc.clauses[0].key, ref=3)], doc)
    reasons = " / ".join(c["reason"] for c in found)
    assert "two different new wordings" in reasons and "deletes clause" in reasons
    assert edit.conflicts([edit.Change("replace", p.key, text="a", ref=1),
                           edit.Change("replace", p.key, text="a", ref=2)], doc) == []


@st.composite
def change_sets(draw):
    doc = make_doc()
    flat = [c for c in doc.walk()]
    keys = [c.key for c in flat]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, min_size=1, max_size=8))
    changes = []
    used: set[str] = set()
    for k in chosen:
        node = doc.find(k)
        subtree = {c.key for c in node.walk()}
        if subtree & used:
            continue
        kind = draw(st.sampled_from(["replace", "delete", "insert"]))
        if kind == "replace":
            changes.append(edit.Change("replace", k, text=draw(st.text(min_size=1, max_size=30)), ref=len(changes)))
        elif kind == "delete":
            changes.append(edit.Change("delete", k, ref=len(changes)))
        else:
            changes.append(edit.Change("insert", k, text=draw(st.text(min_size=1, max_size=30)),
                                       position=draw(st.sampled_from(["before", "after"])), ref=len(changes)))
        used |= subtree
    return doc, changes


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(change_sets())
def test_applied_version_is_base_plus_changes(case):
    doc, changes = case
    assert edit.conflicts(changes, doc) == []
    out = edit.apply_changes(doc, changes, KeyAllocator(1000))
    new_index = out.index()
    deleted = set()
    for ch in changes:
        if ch.kind == "delete":
            deleted |= {c.key for c in doc.find(ch.key).walk()}
    for ch in changes:
        if ch.kind == "replace":
            assert new_index[ch.key].text == ch.text
        elif ch.kind == "delete":
            assert ch.key not in new_index
        else:
            assert new_index[ch.new_key].text == ch.text
            parent_old = doc.parent_of(ch.key)
            parent_new = out.parent_of(ch.new_key)
            assert (parent_old.key if parent_old else None) == (parent_new.key if parent_new else None)
    touched = {ch.key for ch in changes if ch.kind == "replace"}
    # everything not touched is unchanged and in the same relative order
    untouched_old = [c.key for c in doc.walk() if c.key not in deleted and c.key not in touched]
    untouched_new = [c.key for c in out.walk() if c.key in set(untouched_old)]
    assert untouched_new == untouched_old
    for k in untouched_old:
        assert new_index[k].content_hash() == doc.index()[k].content_hash()
    # labels are text: every clause the changes did not insert keeps its label as written ...
    for c in out.walk():
        if c.key in doc.index():
            assert c.label == doc.index()[c.key].label
    # ... and a clause inserted after a numbered sibling takes a label no sibling has ("1.2 bis")
    for ch in changes:
        if ch.kind == "insert":
            siblings = (out.parent_of(ch.new_key).children if out.parent_of(ch.new_key) else out.clauses)
            i = next(j for j, s in enumerate(siblings) if s.key == ch.new_key)
            if i > 0:
                labels = [s.number for s in siblings]
                assert labels.count(siblings[i].number) == 1, labels


def test_lettered_items_are_checked_as_letters_not_roman_numbers():
    """"(c)" after "(b)" is in sequence (c is not the roman 100); a skipped "(e)" is reported."""
    items = [Clause(f"k{i}", "item", "x", num_style="lower-alpha", num_pattern="({})", label=f"({ch})")
             for i, ch in enumerate("abcdf")]
    doc = Document([Clause("p", "paragraph", "p", num_style=DECIMAL, num_pattern="{}.", label="1.", children=items)])
    from app.core.clauses.tree import number_clauses

    number_clauses(doc)
    assert [(w.code, w.label, w.expected) for w in numbering_warnings(doc)] == [("skip", "(f)", "(e)")]
