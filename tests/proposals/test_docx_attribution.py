"""Who made a change: an uploaded .docx that already carries other people's tracked changes.

Concord's redline of versions 1 → 2 credits each change to the state whose proposal made it
("Kazakhstan", "India", "China") or to "Secretariat" (renumbering), and carries the rationales
as comments by those states. A delegation that edits that file and uploads it proposes only
its own changes; the rest is listed with its author and the reason.
"""

from __future__ import annotations

from app.core.word.attribute import CONCORD, OTHER_STATE, OWN, OWN_NAME, Authors
from tests.data.docx_import.word_edits import TrackedEdits

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _two_versions(flow):
    flow.two_versions()
    flow.open()


def _upload(flow, data, who="KAZ", expect=201):
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals/import", headers=flow.h[who],
                    files={"file": ("amendments.docx", data, DOCX)})
    assert r.status_code == expect, r.text
    return r.json()


def _stored(db, flow):
    from sqlalchemy import func, select

    from app.models import Proposal

    return db.scalar(select(func.count()).select_from(Proposal).where(Proposal.draft_id == flow.d))


def test_a_concord_redline_plus_one_own_edit_gives_exactly_one_proposal(flow, db):
    _two_versions(flow)
    before = _stored(db, flow)
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/redline.docx?from=1&to=2&comments=true", headers=flow.h["KAZ"])
    assert r.status_code == 200
    ed = TrackedEdits(r.content, author="Aigerim Bekova")
    n = ed.find("3.1\t")
    c31 = flow.clause("3.1")
    word = c31["text"].split()[3]
    ed.replace(n, word, word + " effectively")
    body = _upload(flow, ed.bytes())
    assert [(p["kind"], p["clause_key"]) for p in body["created"]] == [("replace", c31["key"])]
    assert body["created"][0]["state"] == "KAZ" and "effectively" in body["created"][0]["proposed_text"]
    assert _stored(db, flow) == before + 1
    # what was left out, with its author and why
    excluded = body["excluded"]
    by_author = {}
    for e in excluded:
        by_author.setdefault(e["author"], set()).add(e["reason"])
    assert by_author["India"] == {"other_state"} and by_author["China"] == {"other_state"}
    assert by_author["Kazakhstan"] == {"in_base"}  # KAZ's own accepted proposal, already in version 2
    assert "Secretariat" not in by_author  # labels are text: the deletion renumbered nothing
    assert any(e["what"] == "comment" and "Staff exchanges" in e["text"] for e in excluded)
    assert all(e["detail"] for e in excluded)
    assert any(e["date"] for e in excluded)
    # the same file again: the first upload's proposals, nothing new stored
    again = _upload(flow, ed.bytes(), expect=200)
    assert again["duplicate"] is True and again["created"] == []
    assert [p["id"] for p in again["already_imported"]] == [body["created"][0]["id"]]
    assert _stored(db, flow) == before + 1


def test_another_delegations_changes_are_never_the_uploaders(flow, db):
    """India edits the signature copy and passes the file on; Kazakhstan adds its own change."""
    flow.open()
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/signature.docx", headers=flow.h["IND"])
    ed = TrackedEdits(r.content, author="India Delegation")
    ed.replace(ed.find("6.2\t"), "an entity", "a body")
    data = ed.bytes()
    ed2 = TrackedEdits(data, author="Kazakhstan Delegation", date="2024-06-21T10:00:00Z")
    c33 = flow.clause("3.2")
    ed2.comment(ed2.find("3.2\t"), "We need to discuss this.")
    body = _upload(flow, ed2.bytes())
    assert [(p["kind"], p["clause_key"]) for p in body["created"]] == [("comment", c33["key"])]
    assert [(e["author"], e["state"], e["reason"]) for e in body["excluded"]] == [
        ("India Delegation", "IND", "other_state")]
    # only someone else's changes: nothing stored, and the reasons say whose they were
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals/import", headers=flow.h["CHN"],
                    files={"file": ("x.docx", data, DOCX)})
    assert r.status_code == 422 and "someone else" in r.json()["detail"]


def test_authors_are_sorted_by_name_in_any_language():
    authors = Authors({"KAZ": ["Kazakhstan", "Казахстан", "Қазақстан"], "IND": ["India", "Индия", "Үндістан"]},
                      {"Secretariat", "Секретариат", "Хатшылық"}, "KAZ")
    assert authors("Секретариат").kind == CONCORD and authors("CICA Secretariat").kind == CONCORD
    assert authors("Индия").kind == OTHER_STATE and authors("Индия").state == "IND"
    assert authors("IND delegation").kind == OTHER_STATE
    assert authors("Қазақстан").kind == OWN_NAME and authors("Kazakhstan").kind == OWN_NAME
    assert authors("Kazakhstan Delegation").kind == OWN and authors("Aigerim Bekova").kind == OWN
    assert authors(None).kind == OWN
