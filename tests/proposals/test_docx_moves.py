"""Moves as LibreOffice writes them: w:moveFrom / w:moveTo without Word's range markers (so the
two halves carry no shared name), or a paragraph deleted in one place and typed again in another.
Either is one move proposal, not a deletion and an insertion that could be decided apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.clauses.parse import parse_text
from app.core.clauses.tree import renumber
from app.core.word import ooxml as ox
from app.core.word.exports import signature_docx
from app.core.word.tracked import read_revisions
from app.proposals.docx_import import plan
from tests.data.docx_import.word_edits import TrackedEdits

SAMPLE = Path(__file__).resolve().parents[2] / "drafts" / "cica-unoct-mou-2024.md"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def cica():
    return renumber(parse_text(SAMPLE.read_text(encoding="utf-8")))


def _clause(doc, number):
    return next(c for c in doc.walk() if c.number == number and c.kind != "section")


def _without_move_ranges(ed: TrackedEdits) -> None:
    for tag in (ox.W_MOVE_FROM_RANGE_START, ox.W_MOVE_FROM_RANGE_END, ox.W_MOVE_TO_RANGE_START,
                ox.W_MOVE_TO_RANGE_END):
        for el in list(ed.body.iter(tag)):
            el.getparent().remove(el)


def _planned(doc, data):
    result = plan(read_revisions(data), doc, version=1)
    return [(x.proposal.kind, x.proposal.clause_key, x.proposal.position, x.proposal.anchor_key)
            for x in result.planned], result


def test_a_move_without_range_markers_is_one_move(cica):
    ed = TrackedEdits(signature_docx(cica, title="MoU", version_label="Version 1", final=False, text_hash=None))
    ed.move(ed.find("2.5\t"), after=ed.find("2.7\t"))
    start, end = ed.find("5:\tFinancial"), ed.find("6:\tRelationship")
    ed.move(list(range(start, end)), after=ed.find("6.3\t"))  # a section with its sub-clauses
    _without_move_ranges(ed)
    data = ed.bytes()
    assert b"moveFromRangeStart" not in data
    got, result = _planned(cica, data)
    c25, c27 = _clause(cica, "2.5"), _clause(cica, "2.7")
    s5, s6 = (next(c for c in cica.walk() if c.kind == "section" and c.number == n) for n in ("5", "6"))
    assert got == [("move", c25.key, "after", c27.key), ("move", s5.key, "after", s6.key)]
    assert not result.skipped


def test_a_paragraph_deleted_and_typed_again_elsewhere_is_a_move(cica):
    ed = TrackedEdits(signature_docx(cica, title="MoU", version_label="Version 1", final=False, text_hash=None))
    c25, c27 = _clause(cica, "2.5"), _clause(cica, "2.7")
    ed.delete(ed.find("2.5\t"))
    ed.insert_after(ed.find("2.7\t"), c25.text)
    got, _result = _planned(cica, ed.bytes())
    assert got == [("move", c25.key, "after", c27.key)]


@pytest.mark.libreoffice
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_paragraph_moved_in_libreoffice_becomes_one_move_proposal(flow):
    from tests.support.lo_track import Edit, edit_with_tracking, require_lo_tracking

    require_lo_tracking()
    flow.open()
    exported = flow.c.get(f"/api/v1/drafts/{flow.d}/export/signature.docx", headers=flow.h["KAZ"]).content
    c25, c27 = flow.clause("2.5"), flow.clause("2.7")

    def index(start):
        return next(r.index for r in read_revisions(exported) if r.table is None and r.old_text.startswith(start))

    # cut and paste: the paragraph goes out of its place and comes in after 2.7
    edited = edit_with_tracking(exported, [Edit.delete(index("2.5\t")),
                                           Edit.insert_after(index("2.7\t"), c25["text"])], author="Aliya Delegate")
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals/import", headers=flow.h["KAZ"],
                    files={"file": ("moved.docx", edited, DOCX)})
    assert r.status_code == 201, r.text
    got = [(p["kind"], p["clause_key"], p["position"], p["anchor_key"]) for p in r.json()["created"]]
    assert got == [("move", c25["key"], "after", c27["key"])]
