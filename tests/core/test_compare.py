"""Clause-level comparison (app/core/compare/compare.py): hand-made cases."""

from __future__ import annotations

import statistics
import time

import pytest

from app.core.clauses.tree import ITEM, PARAGRAPH, Clause, Document, renumber
from app.core.compare import apply_comparison, compare
from app.core.compare.model import (
    DELETED,
    EQUAL,
    INSERTED,
    MODIFIED,
    MOVED,
    RENUMBERED,
    SOURCE_CHANGED,
    UNCHANGED,
)

from .compare_builders import (
    A,
    B,
    C,
    D,
    E,
    F,
    by_new,
    by_old,
    contents,
    doc,
    item,
    para,
    rekey,
    sec,
    statuses,
    txt,
)

BOTH = pytest.mark.parametrize("mode", ["key", "similarity"])


def base():
    return doc(
        sec("c1", "Purpose", para("c2", A), para("c3", B), para("c4", C)),
        sec("c5", "Final provisions", para("c6", D), para("c7", E)),
    )


def run(old, new, mode, **kw):
    """Compare by key, or by similarity with the new text re-keyed (imported separately)."""
    if mode == "similarity":
        new = rekey(new)
    result = compare(old, new, match=mode, **kw)
    assert result.matched_by == mode
    assert apply_comparison(old, result) == contents(new)
    return result


def st(result) -> list[str]:
    return [e.status for e in result.clauses]


@BOTH
def test_identical_documents_are_all_unchanged(mode):
    old = base()
    result = run(old, old.copy(), mode)
    assert st(result) == [UNCHANGED] * 7
    assert not any(e.moved or e.renumbered for e in result.clauses)
    assert all(op.op == EQUAL for e in result.clauses for op in e.text_ops + e.heading_ops)
    assert [e.depth for e in result.clauses] == [0, 1, 1, 1, 0, 1, 1]
    assert [e.new_number for e in result.clauses] == ["Article 1", "1.1", "1.2", "1.3", "Article 2", "2.1", "2.2"]


def test_auto_uses_keys_for_versions_and_similarity_for_separate_imports():
    old = base()
    new = old.copy()
    new.find("c3").text = B.replace("a focal point", "focal points")
    assert compare(old, new).matched_by == "key"
    assert compare(old, rekey(new)).matched_by == "similarity"
    # two separate imports numbered c1, c2, ... share keys by accident: one inserted
    # clause at the top shifts every key, so keys would pair unrelated clauses
    shifted = doc(para("x", "A preamble paragraph that was not in the first import."), *[c.copy() for c in old.clauses])
    for i, c in enumerate(shifted.walk(), 1):
        c.key = f"c{i}"
    result = compare(old, shifted)
    assert result.matched_by == "similarity"
    assert st(result) == [INSERTED] + [UNCHANGED] * 7
    with pytest.raises(ValueError):
        compare(old, new, match="position")


@BOTH
def test_insert_before_renumbers_the_rest_without_changing_them(mode):
    old = base()
    new = old.copy()
    new.clauses[0].children.insert(0, para("c20", F))
    renumber(new)
    result = run(old, new, mode)
    assert st(result) == [UNCHANGED, INSERTED, RENUMBERED, RENUMBERED, RENUMBERED, UNCHANGED, UNCHANGED, UNCHANGED]
    e = result.clauses[2]
    assert (e.old_number, e.new_number, e.renumbered, e.moved) == ("1.1", "1.2", True, False)
    assert [(o.op, o.text) for o in e.text_ops] == [(EQUAL, A)]  # never shown as a text change


@BOTH
def test_insertions_at_start_and_end(mode):
    old = base()
    new = doc(
        txt("c30", "Have agreed as follows:"),
        *[c.copy() for c in old.clauses],
        sec("c31", "Signature", para("c32", "Done in two originals in English and Russian.")),
    )
    new.clauses[2].children.append(para("c33", F))  # last paragraph of the last old article
    renumber(new)
    result = run(old, new, mode)
    assert st(result) == [INSERTED] + [UNCHANGED] * 7 + [INSERTED, INSERTED, INSERTED]
    assert [e.depth for e in result.clauses] == [0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1]
    assert result.clauses[0].text_ops[0].op == "insert"


@BOTH
def test_deletions_stand_where_they_stood(mode):
    old = base()
    new = doc(
        sec("c1", "Purpose", para("c2", A), para("c4", C)),  # c3 deleted in the middle
        # c5 deleted with its children
    )
    result = run(old, new, mode)
    assert [(e.status, e.old_key, e.depth) for e in result.clauses] == [
        (UNCHANGED, "c1", 0),
        (UNCHANGED, "c2", 1),
        (DELETED, "c3", 1),
        (RENUMBERED, "c4", 1),
        (DELETED, "c5", 0),
        (DELETED, "c6", 1),
        (DELETED, "c7", 1),
    ]
    deleted = by_old(result, "c3")
    assert deleted.new_key is None and deleted.new_text == "" and deleted.old_number == "1.2"
    assert [(o.op, o.text) for o in deleted.text_ops] == [("delete", B)]


def test_deleting_first_and_last_children():
    old = base()
    new = doc(sec("c1", "Purpose", para("c3", B)), sec("c5", "Final provisions", para("c6", D), para("c7", E)))
    result = run(old, new, "key")
    assert statuses(result)[:5] == [
        ("c1", "c1", UNCHANGED),
        ("c2", None, DELETED),
        ("c3", "c3", RENUMBERED),
        ("c4", None, DELETED),
        ("c5", "c5", UNCHANGED),
    ]


@BOTH
def test_moved_to_another_article(mode):
    old = base()
    new = doc(
        sec("c1", "Purpose", para("c2", A), para("c3", B)),
        sec("c5", "Final provisions", para("c6", D), para("c4", C), para("c7", E)),
    )
    result = run(old, new, mode)
    moved = by_old(result, "c4")
    assert moved.status == MOVED and moved.moved
    assert (moved.old_number, moved.new_number) == ("1.3", "2.2")
    assert moved.old_parent_key == "c1"
    assert [e.status for e in result.clauses] == [UNCHANGED, UNCHANGED, UNCHANGED, UNCHANGED, UNCHANGED, MOVED, RENUMBERED]
    assert by_old(result, "c7").moved is False  # pushed down by the move, not moved itself


@BOTH
def test_reordering_marks_only_the_clause_that_moved(mode):
    old = doc(sec("c1", "Purpose", para("c2", A), para("c3", B), para("c4", C), para("c5", D), para("c6", E)))
    new = doc(sec("c1", "Purpose", para("c6", E), para("c2", A), para("c3", B), para("c4", C), para("c5", D)))
    result = run(old, new, mode)
    assert [e.status for e in result.clauses] == [UNCHANGED, MOVED, RENUMBERED, RENUMBERED, RENUMBERED, RENUMBERED]
    assert [e.moved for e in result.clauses] == [False, True, False, False, False, False]


@BOTH
def test_moved_and_modified(mode):
    old = base()
    new = doc(
        sec("c1", "Purpose", para("c2", A), para("c3", B)),
        sec("c5", "Final provisions", para("c4", C.replace("annually", "every two years")), para("c6", D), para("c7", E)),
    )
    result = run(old, new, mode)
    e = by_old(result, "c4")
    assert (e.status, e.moved, e.renumbered) == (MODIFIED, True, True)
    assert ("delete", "annually") in [(o.op, o.text) for o in e.text_ops]
    assert ("insert", "every two years") in [(o.op, o.text) for o in e.text_ops]
    assert by_old(result, "c6").status == RENUMBERED and not by_old(result, "c6").moved
    if mode == "similarity":
        assert 0.5 <= e.similarity < 1


@BOTH
def test_heading_changed(mode):
    old = base()
    new = old.copy()
    new.clauses[1].heading = "Final and transitional provisions"
    result = run(old, new, mode)
    e = by_old(result, "c5")
    assert e.status == MODIFIED and not e.moved
    assert [(o.op, o.text) for o in e.heading_ops] == [
        (EQUAL, "Final "), ("insert", "and transitional "), (EQUAL, "provisions"),
    ]
    assert e.text_ops == []
    assert st(result).count(MODIFIED) == 1


def test_heading_reworded_entirely_still_matches_by_structure():
    old = base()
    new = old.copy()
    new.clauses[0].heading = "Objectives"
    result = run(old, new, "similarity")
    e = by_old(result, "c1")
    assert e.status == MODIFIED and e.new_heading == "Objectives"
    assert st(result).count(MOVED) == 0 and st(result).count(DELETED) == 0


@BOTH
def test_split_reports_the_closer_part_modified_and_the_rest_inserted(mode):
    old = base()
    first, second = A.split(" in accordance")
    new = old.copy()
    new.find("c2").text = first + "."
    new.clauses[0].children.insert(1, para("c40", "They shall do so in accordance" + second))
    renumber(new)
    result = run(old, new, mode)
    kept = by_old(result, "c2")
    assert kept.status == MODIFIED
    assert kept.new_text == first + "."
    rest = result.clauses[2]
    assert rest.status == INSERTED and rest.split_from == "c2"
    assert [e.status for e in result.clauses[3:5]] == [RENUMBERED, RENUMBERED]


@BOTH
def test_merge_reports_the_closer_part_modified_and_the_other_deleted(mode):
    old = base()
    new = old.copy()
    sec1 = new.clauses[0]
    sec1.children = [para("c3", B[:-1] + " and " + C[0].lower() + C[1:]), para("c2", A)]
    renumber(new)
    result = run(old, new, mode)
    merged = [e for e in result.clauses if e.status == MODIFIED]
    assert len(merged) == 1
    gone = [e for e in result.clauses if e.status == DELETED]
    assert len(gone) == 1 and gone[0].merged_into == merged[0].new_key
    assert {merged[0].old_key, gone[0].old_key} == {"c3", "c4"}


def test_split_into_many_short_parts_in_similarity_mode():
    long = " ".join([A, B, C])
    old = doc(sec("c1", "Purpose", para("c2", long), para("c3", D)))
    new = doc(sec("c1", "Purpose", para("c2", A), para("c5", B), para("c6", C), para("c3", D)))
    result = run(old, new, "similarity")
    assert [e.status for e in result.clauses] == [UNCHANGED, MODIFIED, INSERTED, INSERTED, RENUMBERED]
    assert [e.split_from for e in result.clauses[2:4]] == ["c2", "c2"]


@BOTH
def test_empty_clauses(mode):
    old = doc(sec("c1", "Purpose", para("c2", ""), para("c3", A), txt("c4", "")), txt("c5", "and"))
    new = doc(sec("c1", "Purpose", para("c2", ""), para("c3", A), txt("c4", B)), txt("c5", ""), txt("c6", ""))
    result = run(old, new, mode)
    assert [e.status for e in result.clauses] == [UNCHANGED, UNCHANGED, UNCHANGED, MODIFIED, MODIFIED, INSERTED]
    assert [(o.op, o.text) for o in result.clauses[3].text_ops] == [("insert", B)]
    assert [(o.op, o.text) for o in result.clauses[4].text_ops] == [("delete", "and")]
    assert result.clauses[5].text_ops == [] and result.clauses[1].text_ops == []


def test_kind_change_is_a_modification():
    old = doc(para("c1", A), para("c2", B))
    new = doc(para("c1", A), Clause("c2", ITEM, text=B, num_style="lower-alpha", num_pattern="({})"))
    result = compare(old, new)
    e = by_old(result, "c2")
    assert (e.status, e.kind) == (MODIFIED, ITEM)
    assert [o.op for o in e.text_ops] == [EQUAL]
    assert apply_comparison(old, result) == [(PARAGRAPH, "", A), (ITEM, "", B)]


@BOTH
def test_cyrillic_text(mode):
    ru1 = "Стороны обмениваются информацией о террористических угрозах."
    kk1 = "Тараптар терроризм қатерлері туралы ақпарат алмасады."
    kk2 = "Тараптар терроризм қатерлері туралы құпия ақпарат алмасады."
    old = doc(sec("c1", "Мақсаты", para("c2", kk1), para("c3", ru1)))
    new = doc(sec("c1", "Мақсаты", para("c2", kk2), para("c3", ru1)))
    result = run(old, new, mode)
    e = result.clauses[1]
    assert e.status == MODIFIED
    assert [(o.op, o.text) for o in e.text_ops] == [
        (EQUAL, "Тараптар терроризм қатерлері туралы "), ("insert", "құпия "), (EQUAL, "ақпарат алмасады."),
    ]
    assert result.clauses[2].status == UNCHANGED


def test_comparison_in_another_language():
    """The same pair in Russian: statuses and ops come from the translations."""
    old = base()
    new = old.copy()
    new.find("c3").text = B.replace("a focal point", "focal points")  # English changed
    ru_old = {"c2": ("", "Стороны обмениваются информацией."), "c3": ("", "Каждая Сторона назначает координатора."),
              "c1": ("Цель", "")}
    ru_new = dict(ru_old)
    ru_new["c2"] = ("", "Стороны оперативно обмениваются информацией.")  # Russian changed elsewhere
    result = compare(old, new, lang="ru", texts_old=ru_old, texts_new=ru_new)
    assert result.lang == "ru"
    assert by_old(result, "c2").status == MODIFIED
    assert [(o.op, o.text) for o in by_old(result, "c2").text_ops if o.op != EQUAL] == [("insert", "оперативно ")]
    # its Russian text did not change, but its English text did: never shown as unchanged
    c3 = by_old(result, "c3")
    assert c3.status == SOURCE_CHANGED and c3.source_changed
    assert c3.old_text == c3.new_text == "Каждая Сторона назначает координатора."
    assert ("insert", "points") in [(o.op, o.text) for o in c3.source_text_ops]
    assert result.counts()[SOURCE_CHANGED] == 1
    # ... unless the translation of the new wording is confirmed as current
    confirmed = compare(old, new, lang="ru", texts_old=ru_old, texts_new=ru_new, translation_status={"c3": "current"})
    assert by_old(confirmed, "c3").status == UNCHANGED and by_old(confirmed, "c3").source_changed
    assert by_old(result, "c1").new_heading == "Цель"
    assert by_old(result, "c4").new_text == C  # no translation: the document's own wording
    expected = [(k, ru_new.get(c.key, (c.heading, c.text))[0], ru_new.get(c.key, (c.heading, c.text))[1])
                for k, c in ((c.kind, c) for c in new.walk())]
    assert apply_comparison(old, result, texts_old=ru_old) == expected
    # the English comparison of the same pair
    en = compare(old, new)
    assert by_old(en, "c3").status == MODIFIED and by_old(en, "c2").status == UNCHANGED


def test_moved_into_a_new_article_and_section_deleted():
    old = base()
    new = doc(
        sec("c1", "Purpose", para("c2", A), para("c3", B)),
        sec("c50", "Entry into force", para("c7", E)),
    )
    result = compare(old, new)
    assert [(e.status, e.old_key or e.new_key, e.depth) for e in result.clauses] == [
        (UNCHANGED, "c1", 0),
        (UNCHANGED, "c2", 1),
        (UNCHANGED, "c3", 1),
        (DELETED, "c4", 1),
        (DELETED, "c5", 0),
        (DELETED, "c6", 1),
        (INSERTED, "c50", 0),
        (MOVED, "c7", 1),
    ]
    assert by_new(result, "c7").new_parent_key == "c50" and by_new(result, "c7").old_parent_key == "c5"


def test_items_under_paragraphs_are_renumbered_by_letter():
    old = doc(para("c1", A, item("c2", B), item("c3", C)))
    new = doc(para("c1", A, item("c4", D), item("c2", B), item("c3", C)))
    result = compare(old, new)
    assert [(e.status, e.new_number) for e in result.clauses] == [
        (UNCHANGED, "1"), (INSERTED, "(a)"), (RENUMBERED, "(b)"), (RENUMBERED, "(c)"),
    ]


def test_numbers_are_computed_when_missing():
    old = Document([para("c1", A), para("c2", B)])  # not renumbered
    new = Document([para("c0", F), para("c1", A), para("c2", B)])
    result = compare(old, new)
    assert [(e.status, e.old_number, e.new_number) for e in result.clauses] == [
        (INSERTED, "", "1"), (RENUMBERED, "1", "2"), (RENUMBERED, "2", "3"),
    ]


def test_speed_on_a_negotiation_scale_draft():
    """Regression guard (the bench has the real target, 20 ms): 1,200 clauses, 60,000
    words, 5% edited."""
    from bench.compare_bench import build_document, revise

    old = build_document()
    new = revise(old, 0.05)
    compare(old, new)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        result = compare(old, new)
        times.append(time.perf_counter() - t0)
    assert result.counts() == {UNCHANGED: 1140, MODIFIED: 60}
    # a guard against the 1 s diff timeout and whole-document diffs (seconds), not a benchmark: the
    # bound leaves room for a CI machine shared with other work (`make bench` has the 20 ms target)
    assert statistics.median(times) < 0.3
