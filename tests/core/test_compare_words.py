"""Word diff and patches (app/core/compare/words.py)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.compare import words
from app.core.compare.model import DELETE, EQUAL, INSERT
from app.core.compare.words import (
    apply_patch,
    make_patch,
    new_dmp,
    new_side,
    old_side,
    tokenize,
    word_diff,
)


def pairs(ops):
    return [(o.op, o.text) for o in ops]


def boundaries(text: str) -> set[int]:
    out, pos = {0}, 0
    for t in tokenize(text):
        pos += len(t)
        out.add(pos)
    return out


def assert_on_token_boundaries(old: str, new: str, ops) -> None:
    """Every op starts and ends on a token boundary of the side(s) it belongs to."""
    ob, nb = boundaries(old), boundaries(new)
    i = j = 0
    for o in ops:
        if o.op != INSERT:
            assert i in ob and i + len(o.text) in ob, (o, old)
            i += len(o.text)
        if o.op != DELETE:
            assert j in nb and j + len(o.text) in nb, (o, new)
            j += len(o.text)


def test_replacement_is_whole_words():
    ops = word_diff("The Party shall inform the other Party.", "The Parties shall promptly inform the other Party.")
    assert pairs(ops) == [
        (EQUAL, "The "),
        (DELETE, "Party"),
        (INSERT, "Parties"),
        (EQUAL, " shall "),
        (INSERT, "promptly "),
        (EQUAL, "inform the other Party."),
    ]


def test_never_splits_inside_a_word():
    assert pairs(word_diff("contract", "contractor")) == [(DELETE, "contract"), (INSERT, "contractor")]
    assert pairs(word_diff("co-operation shall", "cooperation shall")) == [
        (DELETE, "co-operation"), (INSERT, "cooperation"), (EQUAL, " shall"),
    ]
    # numbers with inner separators are one token
    assert pairs(word_diff("paragraph 1.2 applies", "paragraph 1.3 applies")) == [
        (EQUAL, "paragraph "), (DELETE, "1.2"), (INSERT, "1.3"), (EQUAL, " applies"),
    ]


def test_kazakh_and_russian_words_stay_whole():
    old = "Тараптар ақпарат алмасады және бір-біріне көмектеседі."
    new = "Тараптар ақпараттармен алмасады және бір-біріне үнемі көмектеседі."
    ops = word_diff(old, new)
    assert pairs(ops) == [
        (EQUAL, "Тараптар "),
        (DELETE, "ақпарат"),
        (INSERT, "ақпараттармен"),
        (EQUAL, " алмасады және бір-біріне "),
        (INSERT, "үнемі "),
        (EQUAL, "көмектеседі."),
    ]
    # every Kazakh-specific letter counts as a letter
    kk = "әғқңөұүһі"
    assert tokenize(f"{kk} x") == [kk, " ", "x"]
    ru = word_diff("Стороны обмениваются информацией", "Стороны обмениваются конфиденциальной информацией")
    assert pairs(ru) == [(EQUAL, "Стороны обмениваются "), (INSERT, "конфиденциальной "), (EQUAL, "информацией")]


def test_empty_sides():
    assert word_diff("", "") == []
    assert pairs(word_diff("", "New text.")) == [(INSERT, "New text.")]
    assert pairs(word_diff("Old text.", "")) == [(DELETE, "Old text.")]
    assert pairs(word_diff("Same.", "Same.")) == [(EQUAL, "Same.")]


def test_semantic_cleanup_merges_chopped_edits():
    # two word edits separated by one space: one replacement, not four fragments
    ops = word_diff("The Party shall inform", "The State must inform")
    assert pairs(ops) == [(EQUAL, "The "), (DELETE, "Party shall"), (INSERT, "State must"), (EQUAL, " inform")]


TEXTS = st.lists(
    st.sampled_from(
        ["the", "Party", "Parties", "shall", "may", " ", "  ", ",", ".", "\n", "\n\n", "1.2", "co-operation",
         "Тараптар", "ақпарат", "қауіпсіздік", "ынтымақтастық", "Стороны", "информацией", "(a)", "«", "»"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(old=TEXTS, new=TEXTS)
def test_ops_rebuild_both_sides_on_word_boundaries(old, new):
    ops = word_diff(old, new)
    assert old_side(ops) == old
    assert new_side(ops) == new
    assert all(o.text for o in ops)
    assert_on_token_boundaries(old, new, ops)
    for a, b in zip(ops, ops[1:], strict=False):  # merged: no two equal ops side by side
        assert not (a.op == b.op)


# --- Diff_Timeout ------------------------------------------------------------------------------


def _large_pair(n_words: int = 3000, n_edits: int = 30):
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(400)]
    old_words = [rng.choice(vocab) for _ in range(n_words)]
    new_words = list(old_words)
    # scattered one-word substitutions, from the first word to the last, by words that
    # occur nowhere else, so the minimal diff is exactly n_edits replaced words
    positions = [round(k * (n_words - 1) / (n_edits - 1)) for k in range(n_edits)]
    for k, p in enumerate(positions):
        new_words[p] = f"new{k}"
    return " ".join(old_words), " ".join(new_words), n_edits


def edited_words(ops) -> tuple[int, int]:
    deleted = sum(len(o.text.split()) for o in ops if o.op == DELETE)
    inserted = sum(len(o.text.split()) for o in ops if o.op == INSERT)
    return deleted, inserted


def test_dmp_is_always_configured_without_deadline():
    assert words.DIFF_TIMEOUT == 0
    assert new_dmp().Diff_Timeout == 0
    assert words._TokenDMP({}).Diff_Timeout == 0


def test_large_pair_gives_the_minimal_diff():
    old, new, n = _large_pair()
    ops = word_diff(old, new)
    assert old_side(ops) == old and new_side(ops) == new
    assert edited_words(ops) == (n, n)


def test_minimality_check_catches_a_diff_deadline(monkeypatch):
    """What the test above guards against: with a deadline, dmp gives up silently and
    returns 'delete everything, insert everything' for the unfinished middle."""
    old, new, n = _large_pair()
    monkeypatch.setattr(words, "DIFF_TIMEOUT", 1e-9)
    ops = word_diff(old, new)
    assert old_side(ops) == old and new_side(ops) == new  # still a valid diff ...
    deleted, inserted = edited_words(ops)
    assert deleted > 10 * n and inserted > 10 * n  # ... but a useless one


# --- patches -------------------------------------------------------------------------------------

OLD = "The Parties shall exchange information on terrorist threats in accordance with their national law."
NEW = "The Parties shall promptly exchange information on terrorist threats in accordance with applicable law."


def test_patch_round_trip():
    patch = make_patch(OLD, NEW)
    assert patch.startswith("@@ ")
    assert apply_patch(patch, OLD) == (NEW, True)
    assert make_patch(OLD, OLD) == ""
    assert apply_patch("", OLD) == (OLD, True)


def test_patch_hunks_start_and_end_on_words():
    patch = make_patch("contract signed", "contractor signed")
    assert "-contract\n" in patch.replace("%20", " ") and "+contractor\n" in patch.replace("%20", " ")


def test_patch_re_anchors_on_a_later_version():
    # the clause gained a sentence before the amended words: the hunk still applies cleanly
    later = "Recalling their commitments, the Parties agree. " + OLD
    text, clean = apply_patch(make_patch(OLD, NEW), later)
    assert clean
    assert text == "Recalling their commitments, the Parties agree. " + NEW


def test_patch_on_changed_target_is_not_clean():
    changed = OLD.replace("their national law", "their domestic law")
    text, clean = apply_patch(make_patch(OLD, NEW), changed)
    assert not clean  # the words it replaces were reworded: flag for attention
    _, fuzzy_clean = apply_patch(make_patch(OLD, NEW), changed, fuzzy=True)
    assert fuzzy_clean  # diff-match-patch alone would have applied it


def test_patch_on_unrelated_text_fails():
    text, clean = apply_patch(make_patch(OLD, NEW), "Nothing in common at all here.")
    assert not clean
    assert text == "Nothing in common at all here."


def test_patch_with_cyrillic_text():
    old = "Тараптар ақпарат алмасады."
    new = "Тараптар құпия ақпарат алмасады."
    patch = make_patch(old, new)
    assert apply_patch(patch, old) == (new, True)
    assert apply_patch(patch, "1. " + old) == ("1. " + new, True)


@pytest.mark.parametrize("text", ["", "x", "a b c"])
def test_patch_from_empty_and_small(text):
    assert apply_patch(make_patch(text, "Inserted words."), text) == ("Inserted words.", True)
