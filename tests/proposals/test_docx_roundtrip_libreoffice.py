"""Round trip with a real Word client: export version 1 through the API, edit it in LibreOffice
with change tracking on (tests/support/lo_track.py), import it through the API; the proposals
are the edits that were made. Also the delegation's own copy (a python-docx document built
from the text, no bookmarks), matched by text.

Needs libreoffice-writer and python3-uno: skipped when missing, failed under CI=true. SQLite
only (the API path is tested on both databases in test_docx_import.py). One LibreOffice run
edits both documents.
"""

from __future__ import annotations

import io

import docx
import pytest

from app.core.word.tracked import DELETED, MOVED_FROM, read_revisions
from app.proposals.docx_import import split_label
from tests.support.lo_track import Edit, edit_many_with_tracking, require_lo_tracking

pytestmark = pytest.mark.libreoffice

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KZ = "Aliya Delegate"  # a person: whoever uploads it (a state's name would make it that state's change)


def _index(data: bytes, start: str) -> int:
    """The paragraph starting with ``start`` (LibreOffice counts top-level paragraphs: the same
    numbers as long as no table comes first)."""
    for rev in read_revisions(data):
        if rev.table is None and rev.old_text.startswith(start):
            return rev.index
    raise AssertionError(f"no paragraph starts with {start!r}")


def _own_copy(text: str) -> bytes:
    d = docx.Document()
    for block in text.split("\n\n"):
        if block.strip():
            d.add_paragraph(block.strip())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _accepted_view(data: bytes) -> list[str]:
    return [" ".join(split_label(r.new_text)[1].split()) for r in read_revisions(data)
            if r.change not in (DELETED, MOVED_FROM)]


def _import(flow, data: bytes, who: str) -> dict:
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals/import", headers=flow.h[who],
                    files={"file": ("edited.docx", data, DOCX)})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_libreoffice_edits_come_back_as_the_same_proposals(flow):
    require_lo_tracking()
    flow.open()
    exported = flow.c.get(f"/api/v1/drafts/{flow.d}/export/signature.docx", headers=flow.h["KAZ"]).content
    text = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/1/text", headers=flow.h["IND"]).text
    own = _own_copy(text)
    c = {n: flow.clause(n) for n in ("1.1", "1.2", "2.3", "2.4", "3.2", "6.2", "9.4", "10.1")}
    s2, s11 = flow.section("2"), flow.section("11")
    items21 = flow.clause("2.1")["children"]

    e = lambda start: _index(exported, start)  # noqa: E731
    o = lambda start: _index(own, start)  # noqa: E731
    export_edits = [
        Edit.replace(e("1.1\t"), "non-legally binding", "voluntary"),
        Edit.comment(e("1.1\t"), "Clearer.", "voluntary"),
        Edit.replace(e("2:\tAreas"), "Areas of Cooperation", "Areas and Forms of Cooperation"),
        Edit.replace(e("1.2\t"), "1.2", "1.3"),
        Edit.insert_after(e("2.3\t"), "The Participants may exchange staff."),
        Edit.delete(e("2.4\t")),
        Edit.comment(e("3.2\t"), "We need to discuss this."),
        Edit.replace(e("Any dispute"), None, "Any dispute will be settled amicably."),
    ]
    own_edits = [
        Edit.replace(o("6.2 "), "an entity", "a body"),
        Edit.insert_after(o("vi. Strengthening"), "vii. Countering the financing of terrorism."),
        Edit.delete(o("9.4 ")),
        Edit.comment(o("10.1 "), "Which signature counts?"),
    ]
    edited_export, edited_own = edit_many_with_tracking([(exported, export_edits), (own, own_edits)], author=KZ,
                                                        initials="KZ")

    # Concord's own export: matched by the clause-key bookmarks
    body = _import(flow, edited_export, "KAZ")
    got = [(p["kind"], p["clause_key"], p["position"], p["proposed_text"], p["proposed_heading"], p["rationale"])
           for p in body["created"]]
    dispute = s11["children"][0]
    assert got == [
        ("replace", c["1.1"]["key"], None, c["1.1"]["text"].replace("non-legally binding", "voluntary"), None,
         "Clearer."),
        ("replace", s2["key"], None, "", "Areas and Forms of Cooperation", ""),
        ("insert", c["2.3"]["key"], "after", "The Participants may exchange staff.", None, ""),
        ("delete", c["2.4"]["key"], None, "", None, ""),
        ("comment", c["3.2"]["key"], None, "", None, "We need to discuss this."),
        ("replace", dispute["key"], None, "Any dispute will be settled amicably.", None, ""),
    ]
    assert all(p["status"] == "draft" and p["source"] == "docx" and p["state"] == "KAZ" for p in body["created"])
    assert body["created"][0]["quoted_text"] == c["1.1"]["text"]
    (skip,) = body["skipped"]
    assert skip["clause_key"] == c["1.2"]["key"] and "number label" in skip["reason"]

    # the delegation's own copy: no bookmarks, matched by text
    assert not any(r.key for r in read_revisions(edited_own))
    body = _import(flow, edited_own, "IND")
    got = [(p["kind"], p["clause_key"], p["position"], p["proposed_text"], p["rationale"]) for p in body["created"]]
    assert got == [
        ("insert", items21[-1]["key"], "after", "Countering the financing of terrorism.", ""),
        ("replace", c["6.2"]["key"], None, c["6.2"]["text"].replace("an entity", "a body"), ""),
        ("delete", c["9.4"]["key"], None, "", ""),
        ("comment", c["10.1"]["key"], None, "", "Which signature counts?"),
    ]
    assert body["skipped"] == []

    # accepting KAZ's proposals gives the text LibreOffice shows with all its changes accepted
    for p in flow.c.get(f"/api/v1/drafts/{flow.d}/proposals?state=KAZ", headers=flow.h["KAZ"]).json():
        flow.act(p["id"], "submit", flow.h["KAZ"])
        flow.decide(p["id"], "noted" if p["kind"] == "comment" else "accepted")
    flow.consolidate(proposals=None)
    v2 = flow.c.get(f"/api/v1/drafts/{flow.d}/export/signature.docx?version=2", headers=flow.h["KAZ"]).content
    assert _accepted_view(v2) == _accepted_view(edited_export)
