"""Concurrent writes to one object answer 409/412 with a clear message, never 500, on both databases."""

from __future__ import annotations

import threading

import pytest


def _parallel(n, fn):
    barrier = threading.Barrier(n)
    out: list = [None] * n

    def run(i):
        barrier.wait()
        out[i] = fn(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return out


def test_two_officers_decide_the_same_proposal_at_once(flow):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    r = flow.c.get(f"/api/v1/proposals/{p['id']}", headers=flow.officer)
    tag = r.headers["ETag"]
    flow.users.make("officer2@example.org", "secretariat")
    who = [flow.officer, flow.users.headers("officer2@example.org")]
    decisions = ["accepted", "rejected"]

    def decide(i):
        return flow.c.post(f"/api/v1/proposals/{p['id']}/decide", headers={**who[i], "If-Match": tag},
                           json={"decision": decisions[i], "reason": f"officer {i}"})

    results = _parallel(2, decide)
    codes = sorted(r.status_code for r in results)
    # the same ETag for both: one decides, the other is told the proposal changed (not a 500)
    assert codes[0] == 200 and codes[1] in (409, 412), [(r.status_code, r.text) for r in results]
    loser = next(r for r in results if r.status_code != 200)
    assert "reload" in loser.json()["detail"].lower()
    winner = next(r for r in results if r.status_code == 200).json()
    assert flow.get(p["id"])["status"] == winner["status"]


@pytest.mark.parametrize("n", [8])
def test_parallel_patches_of_a_draft_lose_no_write_silently(flow, n):
    r = flow.c.get(f"/api/v1/drafts/{flow.d}", headers=flow.officer)
    tag = r.headers["ETag"]

    def patch(i):
        return flow.c.patch(f"/api/v1/drafts/{flow.d}", headers={**flow.officer, "If-Match": tag},
                            json={"short_title": f"title {i}"})

    results = _parallel(n, patch)
    codes = [r.status_code for r in results]
    assert codes.count(200) == 1 and all(c in (200, 409, 412) for c in codes), [(r.status_code, r.text)
                                                                                 for r in results]
    won = next(i for i, r in enumerate(results) if r.status_code == 200)
    assert flow.c.get(f"/api/v1/drafts/{flow.d}", headers=flow.officer).json()["short_title"] == f"title {won}"


def test_parallel_patches_of_a_proposal(flow):
    flow.open()
    p = flow.propose("KAZ", submit=False, kind="replace", clause_key=flow.clause("2.3")["key"],
                     proposed_text="New words.")
    tag = flow.c.get(f"/api/v1/proposals/{p['id']}", headers=flow.h["KAZ"]).headers["ETag"]

    def patch(i):
        return flow.c.patch(f"/api/v1/proposals/{p['id']}", headers={**flow.h["KAZ"], "If-Match": tag},
                            json={"rationale": f"reason {i}"})

    results = _parallel(6, patch)
    codes = [r.status_code for r in results]
    assert codes.count(200) == 1 and all(c in (200, 409, 412) for c in codes), [(r.status_code, r.text)
                                                                                 for r in results]


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_a_double_click_on_a_transition_does_it_once(flow, db, action):
    from app.models import AuditEvent

    flow.open()
    p = flow.propose("KAZ", submit=False, kind="delete", clause_key=flow.clause("2.3")["key"])

    def act(i):
        return flow.c.post(f"/api/v1/proposals/{p['id']}/{action}", headers=flow.h["KAZ"])

    results = _parallel(6, act)
    codes = [r.status_code for r in results]
    assert codes.count(200) == 1 and all(c in (200, 409) for c in codes), [(r.status_code, r.text) for r in results]
    events = db.query(AuditEvent).filter_by(action=f"proposal.{action}", object_id=str(p["id"])).count()
    assert events == 1


def test_decide_needs_if_match_and_redeciding_is_explicit(flow):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    url = f"/api/v1/proposals/{p['id']}/decide"
    body = {"decision": "accepted", "reason": "Agreed."}
    r = flow.c.post(url, headers=flow.officer, json=body)
    assert r.status_code == 428 and r.json()["code"] == "if_match_required"
    r = flow.c.post(url, headers={**flow.officer, "If-Match": "*"}, json=body)
    assert r.status_code == 412 and r.json()["code"] == "if_match_star"
    r = flow.c.post(url, headers={**flow.officer, "If-Match": f'W/"proposal-{p["id"]}-99"'}, json=body)
    assert r.status_code == 412 and r.json()["code"] == "if_match_failed"
    assert flow.get(p["id"])["status"] == "submitted"
    tag = flow.etag(p["id"])
    r = flow.c.post(url, headers={**flow.officer, "If-Match": tag}, json=body)
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    # the same click again, with the ETag read before: the proposal has changed
    r = flow.c.post(url, headers={**flow.officer, "If-Match": tag}, json=body)
    assert r.status_code == 412
    # with a fresh ETag, but without saying it is a new decision: refused
    r = flow.c.post(url, headers={**flow.officer, "If-Match": flow.etag(p["id"])},
                    json={"decision": "rejected", "reason": "Changed our mind."})
    assert r.status_code == 409 and r.json()["code"] == "already_decided"
    assert flow.get(p["id"])["status"] == "accepted"
    r = flow.decide(p["id"], "rejected", reason="The SOC reconsidered it.", redecide=True)
    assert r["status"] == "rejected" and r["decision"]["reason"] == "The SOC reconsidered it."
    audit = flow.c.get("/api/v1/audit", headers=flow.officer, params={"action": "proposal.decide"}).json()
    assert audit["events"][0]["details"]["redecided_from"] == "accepted"


def test_parallel_patches_of_a_draft_without_if_match_precondition(flow):
    """PATCH of a draft: If-Match * does not bypass the check."""
    r = flow.c.patch(f"/api/v1/drafts/{flow.d}", headers={**flow.officer, "If-Match": "*"},
                     json={"short_title": "x"})
    assert r.status_code == 412
