"""The .docx → proposals plan, stage by stage (app/core/word/plan/), on small hand-made inputs:
paragraph revisions built by hand (no Word file) and a three-clause version, except for the
attribution stage, which reads a tiny package (it accepts other people's changes in it).

The whole pipeline on real Word and LibreOffice files is tested in tests/proposals/."""

from __future__ import annotations

import pytest

from app.core.clauses.tree import Clause, Document, renumber
from app.core.word.attribute import REASON_OTHER_STATE, Authors
from app.core.word.layout import BODY, HEAD, clause_lines
from app.core.word.plan import plan
from app.core.word.plan.align import MIN_COVERAGE, align, base_lines, layout
from app.core.word.plan.attribute import own_changes
from app.core.word.plan.classify import ClauseTree, classify
from app.core.word.plan.propose import propose
from app.core.word.plan.revisions import paragraphs
from app.core.word.plan.text import loose, split_label
from app.core.word.tracked import (
    DELETED,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    SPLIT,
    UNCHANGED,
    Comment,
    ParagraphRevision,
    read_revisions,
)
from tests.data.docx import make_samples as ms


def version() -> Document:
    """1: Scope / 1.1 / 1.2 (with 1.2 (a)), then 2: Final provisions / 2.1."""
    return renumber(Document([
        Clause("s1", "section", heading="Scope", num_style="decimal", num_pattern="{}:", children=[
            Clause("p1", "paragraph", text="The Parties shall cooperate in good faith.", num_style="outline",
                   num_pattern="{}"),
            Clause("p2", "paragraph", text="The Parties shall meet once a year.", num_style="outline",
                   num_pattern="{}", children=[
                       Clause("a", "item", text="in the capital of the host;", num_style="lower-alpha",
                              num_pattern="({})")]),
        ]),
        Clause("s2", "section", heading="Final provisions", num_style="decimal", num_pattern="{}:", children=[
            Clause("p3", "paragraph", text="This Memorandum enters into force on signature.",
                   num_style="outline", num_pattern="{}")]),
    ]))


def rev(i: int, old: str, new: str | None = None, change: str = UNCHANGED, *, key: str | None = None,
        move: str | None = None, comments: tuple[str, ...] = (), done: bool = False) -> ParagraphRevision:
    new = old if new is None else new
    if change == INSERTED:
        old = ""
    if change == DELETED:
        new = ""
    cms = [Comment(str(n), "KAZ", None, None, text, done=done) for n, text in enumerate(comments)]
    return ParagraphRevision(i, key, old, new, [], change, move=move, comments=cms)


def unchanged_copy() -> list[ParagraphRevision]:
    """The version as Concord exports it (labels typed, TAB after them), nothing changed."""
    lines = ["1:\tScope", "1.1\tThe Parties shall cooperate in good faith.", "1.2\tThe Parties shall meet once a year.",
             "(a)\tin the capital of the host;", "2:\tFinal provisions",
             "2.1\tThis Memorandum enters into force on signature."]
    return [rev(i, line) for i, line in enumerate(lines)]


# --- the layout contract -------------------------------------------------------------------------


def test_clause_lines_follow_the_paragraph_layout():
    # a section without text: its head paragraph only
    assert [(x.role, x.line, x.text) for x in clause_lines("section", "Scope", "")] == [(HEAD, 0, "Scope")]
    got = [(x.role, x.line, x.text) for x in clause_lines("paragraph", "Purpose", "First.\nSecond.")]
    assert got == [(HEAD, 0, "Purpose"), (BODY, 0, "First."), (BODY, 1, "Second.")]
    # no heading: one body paragraph, even when empty (an empty clause is still a line)
    assert [(x.role, x.text) for x in clause_lines("paragraph", "", "")] == [(BODY, "")]
    # a signature block always has its head paragraph
    assert [x.role for x in clause_lines("signature", "For the Republic of Kazakhstan:", "Name")] == [HEAD, BODY]


def test_layout_lists_every_line_of_the_version_in_document_order():
    lay = layout(version())
    assert [(s.key, s.role) for s in lay.slots] == [
        ("s1", HEAD), ("p1", BODY), ("p2", BODY), ("a", BODY), ("s2", HEAD), ("p3", BODY)]
    assert lay.first["p2"] == 2 and lay.by_clause["s1"] == [0]
    assert "the parties shall meet once a year." in base_lines(version())


# --- text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "want"), [
    ("2.5 bis\tNew text", ("2.5 bis", "New text")),
    ("2024 was a good year", ("", "2024 was a good year")),  # a bare number before a space is text
    ("(iv)\tItem", ("(iv)", "Item")),
])
def test_split_label(line, want):
    assert split_label(line) == want


def test_loose_ignores_labels_quotes_dashes_and_case():
    assert loose("1.1\tThe “Parties” \u2013 SHALL  meet") == loose('The "parties" - shall meet')


# --- stage 1: read revisions -------------------------------------------------------------------------


def test_a_split_paragraph_is_one_paragraph_before_the_changes():
    paras = paragraphs([rev(0, "1.1\tThe Parties shall", change=SPLIT), rev(1, " cooperate in good faith.")])
    assert paras[0].old_lines == ["1.1\tThe Parties shall cooperate in good faith."]
    assert paras[1].old_lines == [] and paras[1].joined_to == 0


def test_a_block_deleted_here_and_typed_there_is_one_move():
    text = "The Parties shall meet once a year."
    paras = paragraphs([rev(0, text, change=DELETED), rev(1, "Other words here."),
                        rev(2, "", text, change=INSERTED)])
    assert (paras[0].change, paras[2].change) == (MOVED_FROM, MOVED_TO)
    assert paras[0].move == paras[2].move == "paired-1-3"


def test_two_words_deleted_and_retyped_are_not_a_move():
    paras = paragraphs([rev(0, "Two words", change=DELETED), rev(1, "", "Two words", change=INSERTED)])
    assert (paras[0].change, paras[1].change) == (DELETED, INSERTED) and paras[0].move is None


# --- stage 2: attribute ----------------------------------------------------------------------------------


def test_another_states_change_is_accepted_and_listed_not_proposed():
    data = ms.build_docx(ms.p(ms.r("The Parties shall "), ms.ins("always ", author="India"), ms.r("meet."))
                         + ms.p(ms.r("They shall "), ms.ins("also ", rid=3, author="Aigerim Bekova"),
                                ms.r("report.")))
    revs = read_revisions(data)
    authors = Authors({"IND": ["India"], "KAZ": ["Kazakhstan"]}, {"Secretariat"}, "KAZ")
    found = own_changes(data, revs, authors, set())
    assert [(e.author, e.reason, e.paragraph) for e in found.excluded] == [("India", REASON_OTHER_STATE, 1)]
    first, second = found.revisions
    assert first.change == UNCHANGED and first.old_text == "The Parties shall always meet."  # as KAZ found it
    assert second.change != UNCHANGED and second.new_text == "They shall also report."  # KAZ's own


# --- stage 3: align ----------------------------------------------------------------------------------------


def test_an_unchanged_copy_aligns_line_for_line():
    paras = paragraphs(unchanged_copy())
    assert align(paras, layout(version())) == 1.0
    assert [p.slots for p in paras] == [[0], [1], [2], [3], [4], [5]]


def test_a_changed_paragraph_without_a_bookmark_is_found_by_similarity():
    revs = unchanged_copy()
    revs[2] = rev(2, "1.2\tThe Parties shall meet once every year.", "1.2\tThe Parties shall meet twice a year.",
                  change="changed")
    paras = paragraphs(revs)
    align(paras, layout(version()))
    assert paras[2].slots == [2] and paras[2].approx  # matched, but only approximately


def test_a_document_that_is_not_a_copy_of_the_version_is_not_matched_piecemeal():
    paras = paragraphs([rev(0, "Minutes of the meeting"), rev(1, "The Parties shall meet once a year.",
                                                                  "The Parties shall meet twice.", change="changed"),
                        rev(2, "Attendance was good."), rev(3, "Lunch was served.")])
    assert align(paras, layout(version())) < MIN_COVERAGE
    assert plan([p.rev for p in paras], version(), version=1).planned == []


def test_a_bookmark_anchors_a_paragraph_whose_text_agrees():
    revs = [rev(0, "The Parties shall cooperate in good faith.", key="p1")]
    paras = paragraphs(revs)
    align(paras, layout(version()))
    assert paras[0].slots == [1]


# --- stage 4: classify ---------------------------------------------------------------------------------------


def _classified(revs):
    doc = version()
    tree, lay = ClauseTree(doc), layout(doc)
    paras = paragraphs(revs)
    align(paras, lay)
    return paras, classify(paras, tree, lay.slots, version=1), tree, lay


def test_a_clause_deleted_with_its_sub_clauses_is_one_deletion():
    revs = unchanged_copy()
    revs[2] = rev(2, revs[2].old_text, change=DELETED)
    revs[3] = rev(3, revs[3].old_text, change=DELETED)
    _paras, cl, _tree, _lay = _classified(revs)
    assert {k: e.kind for k, e in cl.edits.items()} == {"p2": "delete", "a": "delete"}
    assert cl.deleted == {"p2", "a"} and cl.covered == {"a"} and not cl.skipped


def test_a_clause_deleted_without_its_sub_clauses_is_reported():
    revs = unchanged_copy()
    revs[2] = rev(2, revs[2].old_text, change=DELETED)
    _paras, cl, _tree, _lay = _classified(revs)
    assert cl.edits["p2"].kind == "" and not cl.deleted
    (skip,) = cl.skipped
    assert (skip.paragraph, skip.clause_key) == (3, "p2") and "but not its sub-clauses ((a))" in skip.reason


def test_a_changed_paragraph_holding_two_clauses_is_reported():
    revs = unchanged_copy()
    both = "1.1\tThe Parties shall cooperate in good faith.\n1.2\tThe Parties shall meet once a year."
    revs[1:3] = [rev(1, both, both.replace("once", "twice"), change="changed")]
    revs = [ParagraphRevision(i, r.key, r.old_text, r.new_text, [], r.change) for i, r in enumerate(revs)]
    _paras, cl, _tree, _lay = _classified(revs)
    (skip,) = cl.skipped
    assert skip.paragraph == 2 and "several clauses (clause 1.1, clause 1.2)" in skip.reason


# --- stage 5: plan -------------------------------------------------------------------------------------------


def test_a_changed_paragraph_becomes_a_replacement_with_its_comment_as_rationale():
    revs = unchanged_copy()
    revs[1] = rev(1, revs[1].old_text, "1.1\tThe Parties shall cooperate closely in good faith.", change="changed",
                  comments=("Stronger.",))
    paras, cl, tree, lay = _classified(revs)
    (made,) = propose(paras, cl, tree, lay, version=1).planned
    assert made.paragraph == 2
    assert (made.change.kind, made.change.clause_key, made.change.proposed_text, made.change.rationale) == (
        "replace", "p1", "The Parties shall cooperate closely in good faith.", "Stronger.")


def test_an_inserted_2_5_bis_paragraph_keeps_its_label_and_its_place():
    revs = unchanged_copy()
    revs.insert(2, rev(2, "", "1.1 bis\tThe Parties shall exchange information.", change=INSERTED))
    revs = [ParagraphRevision(i, r.key, r.old_text, r.new_text, [], r.change) for i, r in enumerate(revs)]
    paras, cl, tree, lay = _classified(revs)
    (made,) = propose(paras, cl, tree, lay, version=1).planned
    assert (made.change.kind, made.change.clause_key, made.change.position, made.change.proposed_label,
            made.change.proposed_text) == ("insert", "p1", "after", "1.1 bis", "The Parties shall exchange information.")


def test_a_changed_number_label_only_is_not_an_amendment():
    revs = unchanged_copy()
    revs[1] = rev(1, revs[1].old_text, revs[1].old_text.replace("1.1", "1.7"), change="changed")
    paras, cl, tree, lay = _classified(revs)
    out = propose(paras, cl, tree, lay, version=1)
    assert out.planned == []
    assert [s.reason.split(";")[0] for s in out.skipped] == ["The number label was changed (from “1.1” to “1.7”)"]


def test_a_comment_on_an_unchanged_paragraph_is_a_comment_proposal_and_a_resolved_one_is_left_out():
    revs = unchanged_copy()
    revs[5] = rev(5, revs[5].old_text, comments=("Which signature?",))
    revs[4] = rev(4, revs[4].old_text, comments=("Settled.",), done=True)
    result = plan(revs, version(), version=1)
    assert [(x.paragraph, x.change.kind, x.change.clause_key, x.change.rationale) for x in result.planned] == [
        (6, "comment", "p3", "Which signature?")]
    assert [(s.paragraph, s.reason) for s in result.skipped] == [(5, "A resolved comment was left out: “Settled.”.")]
