"""Idempotency-Key on the API's POSTs: a retry (a double click, a lost answer) gets the first
answer back and nothing is done twice, also when both copies arrive at the same moment."""

from __future__ import annotations

import threading
from datetime import timedelta

import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.models import IdempotencyKey, Proposal, Version
from app.models.base import utcnow


def _proposals(db, draft_id):
    return db.scalar(sa.select(sa.func.count()).select_from(Proposal).where(Proposal.draft_id == draft_id))


def _body(flow):
    return {"kind": "replace", "clause_key": flow.clause("1.1")["key"], "proposed_text": "Voluntary words.",
            "rationale": "Clearer.", "submit": True}


def test_a_repeated_proposal_is_answered_from_the_first_and_stored_once(flow, db):
    flow.open()
    body = _body(flow)
    headers = {**flow.h["KAZ"], "Idempotency-Key": "kaz-proposal-1"}
    first = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body)
    assert first.status_code == 201, first.text
    again = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers.get("ETag") == first.headers.get("ETag")
    assert _proposals(db, flow.d) == 1
    # without the key, the same body is a second proposal (the key is what makes it a retry)
    assert flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=flow.h["KAZ"], json=body).status_code == 201
    assert _proposals(db, flow.d) == 2


def test_the_same_key_with_another_body_is_refused_in_the_readers_language(flow, db):
    flow.open()
    body = _body(flow)
    headers = {**flow.h["KAZ"], "Idempotency-Key": "k-1"}
    assert flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body).status_code == 201
    other = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers={**headers, "Accept-Language": "ru"},
                        json={**body, "rationale": "Another reason."})
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in other.json()["detail"] and "запрос" in other.json()["detail"]
    kk = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers={**headers, "Accept-Language": "kk"},
                     json={**body, "rationale": "Another reason."})
    assert kk.json()["code"] == "idempotency_key_reused" and "кілт" in kk.json()["detail"]
    assert _proposals(db, flow.d) == 1


def test_keys_belong_to_their_user(flow, db):
    flow.open()
    body = _body(flow)
    for state in ("KAZ", "IND"):
        r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers={**flow.h[state], "Idempotency-Key": "same"},
                        json=body)
        assert r.status_code == 201 and "Idempotent-Replayed" not in r.headers
        assert r.json()["state"] == state
    assert _proposals(db, flow.d) == 2


def test_a_refused_request_leaves_nothing_behind_and_may_be_repeated(flow, db):
    body = _body(flow)
    headers = {**flow.h["KAZ"], "Idempotency-Key": "before-the-window"}
    early = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body)
    assert early.status_code == 409, early.text  # no window open yet
    flow.open()
    later = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body)
    assert later.status_code == 201 and "Idempotent-Replayed" not in later.headers
    assert _proposals(db, flow.d) == 1


def test_an_expired_key_is_a_new_request(flow, db, engine):
    flow.open()
    body = _body(flow)
    headers = {**flow.h["KAZ"], "Idempotency-Key": "old"}
    assert flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body).status_code == 201
    with engine.begin() as c:
        c.execute(sa.update(IdempotencyKey).values(expires_at=utcnow() - timedelta(seconds=1)))
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body)
    assert r.status_code == 201 and "Idempotent-Replayed" not in r.headers
    assert _proposals(db, flow.d) == 2
    assert db.scalar(sa.select(sa.func.count()).select_from(IdempotencyKey)) == 1  # the expired row is gone


def test_a_bad_key_is_refused(flow):
    for key in (b"", b"x" * 256, b"with space", "ключ".encode()):
        r = flow.c.post(f"/api/v1/drafts/{flow.d}/window", headers={**flow.officer, "Idempotency-Key": key},
                        json={"deadline": "2099-01-01T00:00:00+00:00"})
        assert r.status_code == 422 and r.json()["code"] == "idempotency_key_invalid", (key, r.text)


def test_a_repeated_decision_and_consolidation_happen_once(flow, db):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    decide = {**flow.officer, "If-Match": flow.etag(p["id"]), "Idempotency-Key": "decide-1"}
    body = {"decision": "accepted", "reason": "Agreed."}
    one = flow.c.post(f"/api/v1/proposals/{p['id']}/decide", headers=decide, json=body)
    two = flow.c.post(f"/api/v1/proposals/{p['id']}/decide", headers=decide, json=body)
    assert one.status_code == 200 and two.status_code == 200 and two.json() == one.json()
    # the retry was not a re-decision: the ETag it sent is stale, yet the first answer comes back
    assert two.headers["Idempotent-Replayed"] == "true"
    cons = {**flow.officer, "Idempotency-Key": "consolidate-2"}
    a = flow.c.post(f"/api/v1/drafts/{flow.d}/versions", headers=cons, json={"base_version": 1})
    b = flow.c.post(f"/api/v1/drafts/{flow.d}/versions", headers=cons, json={"base_version": 1})
    assert a.status_code == 201 and b.status_code == 201 and a.json() == b.json()
    assert db.scalar(sa.select(sa.func.count()).select_from(Version).where(Version.draft_id == flow.d)) == 2


def test_a_repeated_upload_with_a_new_multipart_boundary_is_the_same_request(client, officer, sample_text, db):
    from app.models import Draft

    headers = {**officer, "Idempotency-Key": "import-cica"}
    files = {"file": ("cica.md", sample_text.encode(), "text/markdown")}
    a = client.post("/api/v1/drafts/import", headers=headers, files=files)
    b = client.post("/api/v1/drafts/import", headers=headers, files=files)  # httpx draws a new boundary
    assert a.status_code == 201 and b.status_code == 201 and b.json()["id"] == a.json()["id"]
    assert b.headers["Idempotent-Replayed"] == "true"
    assert db.scalar(sa.select(sa.func.count()).select_from(Draft)) == 1
    other = client.post("/api/v1/drafts/import", headers=headers,
                        files={"file": ("cica.md", sample_text.encode() + b"\n", "text/markdown")})
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"


def test_an_effect_whose_answer_was_lost_is_not_repeated(flow, db, engine):
    """The process died between the commit and writing the answer: the retry is told so."""
    flow.open()
    body = _body(flow)
    headers = {**flow.h["KAZ"], "Idempotency-Key": "lost"}
    assert flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body).status_code == 201
    with engine.begin() as c:  # as if the answer had never been written, a while ago
        c.execute(sa.update(IdempotencyKey).values(status_code=None, body=None,
                                                   created_at=utcnow() - timedelta(minutes=5)))
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body)
    assert r.status_code == 409 and r.json()["code"] == "idempotency_answer_lost"
    assert _proposals(db, flow.d) == 1


def test_identical_requests_at_the_same_moment_have_one_effect(flow, app, db):
    """Eight copies through two server instances (two event loops, so two writers at once, as two
    processes would be): one proposal, and every copy gets the same answer."""
    flow.open()
    body = _body(flow)
    headers = {**flow.h["KAZ"], "Idempotency-Key": "double-click"}
    with TestClient(app) as second:
        clients = [flow.c, second]
        n = 8
        barrier = threading.Barrier(n)
        out: list = [None] * n

        def run(i):
            barrier.wait()
            out[i] = clients[i % 2].post(f"/api/v1/drafts/{flow.d}/proposals", headers=headers, json=body)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    assert all(r.status_code == 201 for r in out), [(r.status_code, r.text) for r in out]
    assert len({r.json()["id"] for r in out}) == 1
    assert sum("Idempotent-Replayed" not in r.headers for r in out) == 1
    assert _proposals(db, flow.d) == 1
