"""The amendment workflow end to end through the API, with the rules that must hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.models import AuditEvent, Proposal


def test_window_open_extend_close_and_refusal_outside_it(flow, db):
    c11 = flow.clause("1.1")
    # not open yet: a clear 409, nothing stored
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=flow.h["KAZ"],
                    json={"kind": "comment", "clause_key": c11["key"], "rationale": "x"})
    assert r.status_code == 409 and "not open for proposals" in r.json()["detail"]
    w = flow.open()
    assert w["open"] is True and "Asia/Almaty" in w["deadline_local"]
    # the deadline is stored in UTC and shown in the secretariat's zone (UTC+5)
    deadline = datetime.fromisoformat(w["deadline"])
    assert deadline.utcoffset() == timedelta(0)
    later = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    r = flow.c.patch(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer, json={"deadline": later.isoformat()})
    assert r.status_code == 200 and datetime.fromisoformat(r.json()["deadline"]) == later
    # a naive deadline is read in Asia/Almaty: 18:00 there is 13:00 UTC
    naive = (datetime.now() + timedelta(days=3)).replace(hour=18, minute=0, second=0, microsecond=0)
    r = flow.c.patch(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer, json={"deadline": naive.isoformat()})
    assert datetime.fromisoformat(r.json()["deadline"]).hour == 13
    assert flow.c.patch(f"/api/v1/drafts/{flow.d}/window", headers=flow.h["KAZ"],
                        json={"deadline": later.isoformat()}).status_code == 403
    flow.propose("KAZ", kind="comment", clause_key=c11["key"], rationale="in time")
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/window/close", headers=flow.officer)
    assert r.status_code == 200 and r.json()["open"] is False
    n = db.query(Proposal).count()
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=flow.h["KAZ"],
                    json={"kind": "comment", "clause_key": c11["key"], "rationale": "late"})
    assert r.status_code == 409 and "closed on" in r.json()["detail"] and "Asia/Almaty" in r.json()["detail"]
    assert db.query(Proposal).count() == n


def test_past_deadline_refuses_submission(flow, engine):
    from app.db import transaction
    from app.models import ProposalWindow

    flow.open()
    with transaction(engine) as s:
        w = s.query(ProposalWindow).one()
        w.deadline = datetime.now(UTC) - timedelta(minutes=1)
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=flow.h["KAZ"],
                    json={"kind": "delete", "clause_key": flow.clause("1.1")["key"]})
    assert r.status_code == 409 and "deadline" in r.json()["detail"]


def test_proposal_kinds_store_what_they_should(flow):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", submit=False, kind="replace", clause_key=c11["key"], quoted_text=c11["text"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"),
                     rationale="Clearer.", translations={"ru": "Целью ..."})
    assert p["status"] == "draft" and p["state"] == "KAZ" and p["base_version"] == 1
    assert p["quoted_text"] == c11["text"] and "@@" in p["patch"]
    assert ["delete", "non-legally binding"] in p["diff"] and ["insert", "voluntary"] in p["diff"]
    s2 = flow.section("2")
    ins = flow.propose("IND", kind="insert", clause_key=s2["key"], position="last_child",
                       proposed_text="The Participants may exchange staff.")
    assert ins["status"] == "submitted" and ins["position"] == "last_child"
    dele = flow.propose("CHN", kind="delete", clause_key=flow.clause("2.3")["key"])
    assert dele["quoted_text"].startswith("The Participants may invite one another")
    mv = flow.propose("CHN", kind="move", clause_key=flow.clause("2.4")["key"], anchor_key=flow.clause("2.2")["key"],
                      position="before")
    assert mv["anchor_key"] == flow.clause("2.2")["key"]
    com = flow.propose("IND", kind="comment", rationale="We welcome the draft.")
    assert com["clause_key"] is None


def test_bad_proposals_are_refused_clearly(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    cases = [
        ({"kind": "replace", "clause_key": c11["key"], "quoted_text": "Something else entirely",
          "proposed_text": "x"}, 409, "quoted text does not match"),
        ({"kind": "replace", "clause_key": c11["key"], "proposed_text": c11["text"]}, 422, "same as the current"),
        ({"kind": "replace", "clause_key": c11["key"], "proposed_text": ""}, 422, "empty"),
        ({"kind": "replace", "clause_key": "c99999", "proposed_text": "x"}, 422, "no clause"),
        ({"kind": "insert", "clause_key": c11["key"], "proposed_text": "x"}, 422, "position"),
        ({"kind": "move", "clause_key": c11["key"], "position": "after"}, 422, "move"),
        ({"kind": "comment"}, 422, "comment needs its text"),
        ({"kind": "replace", "clause_key": c11["key"], "proposed_text": "x", "translations": {"de": "x"}}, 422,
         "not a working language"),
        ({"kind": "replace", "clause_key": c11["key"], "proposed_text": "x", "base_version": 7}, 409,
         "current version"),
        ({"kind": "explode", "clause_key": c11["key"]}, 422, "kind"),
        ({"kind": "replace", "clause_key": c11["key"], "proposed_text": "x", "status": "accepted"}, 422, "status"),
        ({"kind": "replace", "clause_key": c11["key"], "proposed_text": "x", "state_iso3": "IND"}, 422, "state_iso3"),
    ]
    for body, status, words in cases:
        r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=flow.h["KAZ"], json=body)
        assert r.status_code == status, (body, r.text)
        assert words in r.json()["detail"], (body, r.json()["detail"])
    assert db.query(Proposal).count() == 0


def test_delegates_act_only_for_their_own_state(flow, users):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", submit=False, kind="delete", clause_key=c11["key"])
    # another state's delegate cannot see the draft proposal, nor act on it
    assert flow.c.get(f"/api/v1/proposals/{p['id']}", headers=flow.h["IND"]).status_code == 404
    assert [x["id"] for x in flow.c.get(f"/api/v1/drafts/{flow.d}/proposals", headers=flow.h["IND"]).json()] == []
    for action in ("submit", "withdraw"):
        assert flow.c.post(f"/api/v1/proposals/{p['id']}/{action}", headers=flow.h["IND"]).status_code == 404
    flow.act(p["id"], "submit", flow.h["KAZ"])
    # once submitted every participating delegation sees it, but still cannot act for KAZ
    assert flow.c.get(f"/api/v1/proposals/{p['id']}", headers=flow.h["IND"]).status_code == 200
    for action in ("withdraw", "invite"):
        r = flow.c.post(f"/api/v1/proposals/{p['id']}/{action}", headers=flow.h["IND"], json={"states": ["CHN"]})
        assert r.status_code == 403
    r = flow.c.post(f"/api/v1/proposals/{p['id']}/decide", headers=flow.h["KAZ"],
                    json={"decision": "accepted", "reason": "we like it"})
    assert r.status_code == 403
    # not uninvited co-sponsorship either
    assert flow.c.post(f"/api/v1/proposals/{p['id']}/accept-invitation", headers=flow.h["CHN"]).status_code == 403
    # observers and secretariat officers cannot propose
    obs = {"Authorization": f"Bearer {users.make('obs@example.org', 'observer')}"}
    for who in (obs, flow.officer):
        r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals", headers=who,
                        json={"kind": "delete", "clause_key": c11["key"]})
        assert r.status_code in (403, 404)


def test_observer_reads_only_what_is_shared(flow, users):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("1.1")["key"])
    draft_p = flow.propose("KAZ", submit=False, kind="delete", clause_key=flow.clause("1.2")["key"])
    obs = {"Authorization": f"Bearer {users.make('obs@example.org', 'observer')}"}
    assert flow.c.get(f"/api/v1/proposals/{p['id']}", headers=obs).status_code == 404
    obs_id = flow.c.get("/api/v1/auth/me", headers=obs).json()["id"]
    flow.c.post(f"/api/v1/drafts/{flow.d}/shares/{obs_id}", headers=flow.officer)
    assert flow.c.get(f"/api/v1/proposals/{p['id']}", headers=obs).status_code == 200
    assert flow.c.get(f"/api/v1/proposals/{draft_p['id']}", headers=obs).status_code == 404
    assert flow.c.post(f"/api/v1/proposals/{p['id']}/withdraw", headers=obs).status_code == 403


def test_cosponsorship(flow):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    r = flow.act(p["id"], "invite", flow.h["KAZ"], states=["IND", "CHN"])
    assert {(c["state"], c["status"]) for c in r["cosponsors"]} == {("IND", "invited"), ("CHN", "invited")}
    flow.act(p["id"], "accept-invitation", flow.h["IND"])
    r = flow.act(p["id"], "decline-invitation", flow.h["CHN"])
    assert {(c["state"], c["status"]) for c in r["cosponsors"]} == {("IND", "accepted"), ("CHN", "declined")}
    flow.act(p["id"], "invite", flow.h["KAZ"], expect=422, states=["KAZ"])
    flow.act(p["id"], "invite", flow.h["KAZ"], expect=422, states=["XYZ"])
    flow.act(p["id"], "invite", flow.h["KAZ"], expect=422, states=[])


def test_withdraw_until_decided(flow):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    q = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.4")["key"])
    assert flow.act(p["id"], "withdraw", flow.h["KAZ"])["status"] == "withdrawn"
    flow.decide(q["id"], "rejected", reason="Not supported by others.")
    r = flow.c.post(f"/api/v1/proposals/{q['id']}/withdraw", headers=flow.h["KAZ"])
    assert r.status_code == 409 and "no longer be withdrawn" in r.json()["detail"]


def test_decisions_and_their_rules(flow):
    flow.open()
    c11, c12 = flow.clause("1.1"), flow.clause("1.2")
    a = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text="The purpose is cooperation.")
    b = flow.propose("IND", kind="replace", clause_key=c11["key"], proposed_text="The purpose is close cooperation.")
    com = flow.propose("CHN", kind="comment", clause_key=c12["key"], rationale="Fine.")
    draft_p = flow.propose("CHN", submit=False, kind="delete", clause_key=c12["key"])
    r = flow.decide(a["id"], "accepted_modified", modified_text="The purpose is effective cooperation.",
                    reason="Combines both.", meeting="SWG 25 June 2024")
    assert r["decision"]["modified_text"] == "The purpose is effective cooperation."
    assert r["proposed_text"] == "The purpose is cooperation."  # the original is kept beside it
    assert r["decision"]["meeting"] == "SWG 25 June 2024"
    r = flow.decide(b["id"], "merged", merged_into=a["id"], reason="Merged with KAZ.")
    assert r["decision"]["merged_into"] == a["id"] and r["status"] == "merged"
    flow.decide(com["id"], "accepted", expect=422, reason="x")
    assert flow.decide(com["id"], "noted", reason="Noted.")["status"] == "noted"
    flow.act(draft_p["id"], "decide", flow.officer, expect=404, decision="rejected", reason="x")  # not submitted
    flow.decide(a["id"], "accepted_modified", expect=422, reason="x", redecide=True)
    flow.decide(a["id"], "merged", expect=422, reason="x", merged_into=a["id"], redecide=True)
    flow.act(a["id"], "decide", flow.officer, expect=422, decision="accepted", reason="")
    flow.act(a["id"], "decide", flow.officer, expect=422, decision="approve", reason="x")
    flow.act(a["id"], "frobnicate", flow.officer, expect=404)


def test_conflicting_proposals_side_by_side(flow):
    flow.open()
    c11 = flow.clause("1.1")
    a = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text="A.")
    b = flow.propose("IND", kind="replace", clause_key=c11["key"], proposed_text="B.")
    c = flow.propose("CHN", kind="delete", clause_key=c11["key"])
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/proposals/conflicts", headers=flow.officer)
    assert r.status_code == 200
    (group,) = r.json()
    assert group["number"] == "1.1" and {p["id"] for p in group["proposals"]} == {a["id"], b["id"], c["id"]}
    assert len(group["conflicts"]) >= 2
    assert flow.c.get(f"/api/v1/drafts/{flow.d}/proposals/conflicts", headers=flow.h["KAZ"]).status_code == 403
    # list filters
    lst = flow.c.get(f"/api/v1/drafts/{flow.d}/proposals?clause={c11['key']}&state=IND", headers=flow.officer).json()
    assert [p["id"] for p in lst] == [b["id"]]
    lst = flow.c.get(f"/api/v1/drafts/{flow.d}/proposals?status=submitted&version=1", headers=flow.officer).json()
    assert len(lst) == 3


def test_consolidation_end_to_end_with_reanchoring(flow, db):
    flow.open()
    c11, c21, c23, c24 = (flow.clause(n) for n in ("1.1", "2.1", "2.3", "2.4"))
    s2 = flow.section("2")
    p_replace = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                             proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    p_insert = flow.propose("IND", kind="insert", clause_key=s2["key"], position="last_child",
                            proposed_text="The Participants may exchange staff.", rationale="Staff exchanges.")
    p_delete = flow.propose("CHN", kind="delete", clause_key=c23["key"])
    # pending ones that must be re-anchored:
    pend_same = flow.propose("IND", kind="replace", clause_key=c21["key"],
                             proposed_text=c21["text"].replace("will cooperate", "shall cooperate"))
    pend_apply = flow.propose("CHN", kind="replace", clause_key=c11["key"],
                              proposed_text=c11["text"].replace("sets out the scope", "defines the scope"))
    pend_clash = flow.propose("IND", kind="replace", clause_key=c11["key"],
                              proposed_text=c11["text"].replace("non-legally binding", "non-binding"))
    pend_orphan = flow.propose("KAZ", kind="replace", clause_key=c23["key"], proposed_text="Invitations welcome.")
    pend_draft = flow.propose("KAZ", submit=False, kind="comment", clause_key=c24["key"], rationale="hm")
    for p in (p_replace, p_insert, p_delete):
        flow.decide(p["id"])
    # an incompatible pair among the chosen: refused with the list of conflicts, nothing created
    flow.decide(pend_orphan["id"])
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions", headers=flow.officer, json={"base_version": 1})
    assert r.status_code == 409 and r.json()["conflicts"]
    assert any("deletes clause" in c["reason"] for c in r.json()["conflicts"])
    assert flow.latest() == 1
    flow.decide(pend_orphan["id"], "rejected", reason="Clause deleted.", redecide=True)
    # give the rejected one back a pending twin, so it gets orphaned
    orphan = flow.propose("KAZ", kind="comment", clause_key=c23["key"], rationale="About 2.3")
    v = flow.consolidate(label="Updated to reflect the proposals of Member States",
                         editorial=[{"kind": "replace", "key": c24["key"],
                                     "text": c24["text"].replace("collaborate", "co-operate")}])
    assert v["number"] == 2 and v["reanchored"] == {"carried": 2, "applied": 1, "needs_attention": 1,
                                                     "orphaned": 1}
    new11 = flow.clause("1.1", 2)
    assert "voluntary framework" in new11["text"]
    sec2 = flow.section("2", 2)
    assert sec2["children"][-1]["text"] == "The Participants may exchange staff."
    numbers = [c["number"] for c in sec2["children"]]
    # labels are text: the deletion of 2.3 moves no other number; the insertion is "2.7 bis"
    assert numbers == ["2.1", "2.2", "2.4", "2.5", "2.6", "2.7", "2.7 bis"]
    assert c23["key"] not in [c["key"] for c in sec2["children"]]
    assert flow.clause("2.4", 2)["key"] == c24["key"]
    assert "co-operate" in flow.clause("2.4", 2)["text"]
    # provenance: which proposal and state changed what
    changes = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/2/changes", headers=flow.officer).json()
    by_key = {c["clause_key"]: c for c in changes}
    assert by_key[c11["key"]]["state"] == "KAZ" and by_key[c11["key"]]["proposal_id"] == p_replace["id"]
    assert by_key[c23["key"]]["change"] == "delete" and by_key[c23["key"]]["state"] == "CHN"
    assert by_key[c24["key"]]["editorial"] is True
    new_key = flow.get(p_insert["id"])["new_key"]
    assert by_key[new_key]["state"] == "IND"
    # what the delegates see of their pending proposals
    assert flow.get(pend_same["id"])["anchor"]["status"] == "carried"
    assert flow.get(pend_same["id"])["current_version"] == 2
    applied = flow.get(pend_apply["id"])
    assert applied["anchor"]["status"] == "applied"
    assert "voluntary framework" in applied["proposed_text"] and "defines the scope" in applied["proposed_text"]
    assert applied["quoted_text"] == new11["text"]
    clash = flow.get(pend_clash["id"], who=flow.h["IND"])
    assert clash["anchor"]["status"] == "needs_attention" and "no longer applies" in clash["anchor"]["note"]
    assert clash["history"][-1]["new_text"] == new11["text"] and clash["history"][-1]["old_text"] == c11["text"]
    assert flow.get(orphan["id"])["anchor"]["status"] == "orphaned"
    assert flow.get(pend_draft["id"], who=flow.h["KAZ"])["anchor"]["status"] == "carried"
    # accepted proposals are recorded as part of version 2
    assert flow.get(p_replace["id"])["consolidated_in"] == 2
    # needs-attention: cannot be accepted until the delegate updates it
    flow.decide(pend_clash["id"], "accepted", expect=409, reason="x")
    etag = flow.c.get(f"/api/v1/proposals/{pend_clash['id']}", headers=flow.h["IND"]).headers["etag"]
    r = flow.c.patch(f"/api/v1/proposals/{pend_clash['id']}", headers={**flow.h["IND"], "If-Match": etag},
                     json={"proposed_text": new11["text"].replace("voluntary", "non-binding")})
    assert r.status_code == 200 and r.json()["anchor"]["status"] == "current"
    assert r.json()["quoted_text"] == new11["text"]
    # the audit log has each step
    actions = {e.action for e in db.query(AuditEvent)}
    assert {"window.open", "proposal.create", "proposal.submit", "proposal.decide",
            "version.consolidate"} <= actions


def test_consolidate_from_a_stale_base_is_409(flow):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    flow.decide(p["id"])
    flow.consolidate(base_version=1)
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions", headers=flow.officer, json={"base_version": 1})
    assert r.status_code == 409 and "Version 2 already exists" in r.json()["detail"]
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions", headers=flow.officer, json={"base_version": 2})
    assert r.status_code == 422 and "Nothing to consolidate" in r.json()["detail"]
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions", headers=flow.h["KAZ"], json={"base_version": 2})
    assert r.status_code == 403
