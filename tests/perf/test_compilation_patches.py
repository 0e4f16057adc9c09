"""The compilation reads each proposal's word changes from its stored patch instead of diffing
again; what it shows must be exactly the word diff (app.core.compare.words.word_diff)."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.clauses.parse import parse_text
from app.core.compare.words import make_patch, word_diff
from app.proposals.service import ops_from_patch, proposal_word_ops

SAMPLE = Path(__file__).resolve().parents[2] / "drafts" / "cica-unoct-mou-2024.md"
WORDS = ["The", "Participants", "shall", "cooperate", "Сторона", "Тараптар", "ынтымақтастық", ",", ";", " ",
         "  ", "\n", "co-operation", "Party's", "10,000", "(a)", "promptly", "—"]


def _edit(rng: random.Random, text: str) -> str:
    tokens = text.split(" ")
    for _ in range(rng.randint(1, 6)):
        j = rng.randrange(len(tokens) + 1)
        what = rng.choice(["insert", "delete", "replace"])
        if what == "insert" or not tokens or j == len(tokens):
            tokens.insert(j, rng.choice(WORDS))
        elif what == "delete":
            del tokens[j]
        else:
            tokens[j] = rng.choice(WORDS)
    return " ".join(tokens)


def test_ops_from_the_stored_patch_are_the_word_diff_on_every_clause_of_the_sample():
    rng = random.Random(5)
    doc = parse_text(SAMPLE.read_text(encoding="utf-8"))
    checked = 0
    for c in doc.walk():
        if not c.text:
            continue
        new = _edit(rng, c.text)
        if new == c.text:
            continue
        assert ops_from_patch(make_patch(c.text, new), c.text, new) == word_diff(c.text, new), c.key
        checked += 1
    assert checked > 50


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=60),
       st.lists(st.sampled_from(WORDS), min_size=0, max_size=60))
def test_ops_from_patch_equal_word_diff_for_any_pair(a, b):
    old, new = " ".join(a), " ".join(b)
    ops = ops_from_patch(make_patch(old, new), old, new)
    if old == new:
        assert ops is None
    else:
        assert ops == word_diff(old, new)


def test_a_patch_made_from_another_text_is_not_trusted():
    old, new = "The Parties shall cooperate.", "The Parties shall cooperate closely."
    other = "The Participants shall cooperate."
    assert ops_from_patch(make_patch(old, new), other, new) is None

    class P:  # a proposal whose clause was reworded since (re-anchoring flagged it)
        quoted_text, proposed_text, patch = old, new, make_patch(old, new)

    assert proposal_word_ops(P, other) == word_diff(other, new)
    assert proposal_word_ops(P, old) == word_diff(old, new)
