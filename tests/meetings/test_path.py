"""The example MoU through its whole approval path, through the API."""

from __future__ import annotations

from datetime import date


def test_bodies_have_names_and_forms(path):
    bodies = path.get("/api/v1/bodies")
    assert [b["key"] for b in bodies] == ["cica-swg", "cica-soc", "cica-mc"]
    soc = bodies[1]
    assert soc["names"] == {"en": "CICA Senior Officials Committee", "ru": "Комитет старших должностных лиц СВМДА",
                            "kk": "Азия Кеңесі Аға лауазымды тұлғалар комитеті"}
    assert soc["forms"]["ru"]["genitive"] == "Комитета старших должностных лиц СВМДА"
    assert bodies[2]["names"]["ru"] == "Совет министров иностранных дел СВМДА"
    # a new body needs its name in the three languages; a delegate may not add one
    r = path.c.post("/api/v1/bodies", headers=path.officer, json={"key": "cica-x", "forms": {"en": {"nominative": "X"}}})
    assert r.status_code == 422 and "ru, kk" in r.json()["detail"]
    r = path.c.post("/api/v1/bodies", headers=path.h["KAZ"], json={"key": "cica-y"})
    assert r.status_code == 403


def test_the_mou_from_meetings_to_entry_into_force(path):
    flow = path.flow
    path.cica_procedure()
    # circulation, one proposal, consolidation
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"], quoted_text=c11["text"],
                     proposed_text=c11["text"] + " in full.", rationale="Clarity.")
    flow.decide(p["id"])
    flow.consolidate(proposals=[p["id"]], label="Second draft")
    assert path.status() == "under_review"
    v2 = flow.latest()

    # first meeting of the working group: agenda with the compilation, attendance, some clauses agreed
    m1 = path.meeting("cica-swg", days=2, version=v2)
    assert m1["agenda"][0]["version"] == v2 and m1["agenda"][0]["compilation"].endswith(f"version={v2}")
    assert m1["starts_local"].endswith("(Asia/Almaty)")
    r = path.c.put(f"/api/v1/meetings/{m1['id']}/attendance", headers=path.officer,
                   json={"present": ["KAZ", "IND", "chn"]})
    assert r.status_code == 200 and r.json()["present"] == ["CHN", "IND", "KAZ"]
    progress = path.agreement()
    total = progress["total"]
    assert progress["agreed"] == 0 and total > 20 and progress["summary"] == f"0 of {total} paragraphs agreed"
    keys = [c["key"] for c in progress["clauses"]]
    half = keys[: total // 2]
    path.agree(m1["id"], half)
    # a disputed word in square brackets, with alternatives attributed to states
    target = next(c for c in progress["clauses"] if c["key"] not in half and " will " in _text(flow, c["key"]))
    word = "will"
    b = path.post(f"/api/v1/meetings/{m1['id']}/brackets",
                  {"draft_id": path.d, "clause_key": target["key"], "text": word,
                   "alternatives": [{"text": word, "states": ["KAZ", "IND"]}, {"text": "shall", "states": ["CHN"]}]},
                  expect=201)
    assert [a["label"] for a in b["alternatives"]] == ["Alt 1", "Alt 2"]
    assert b["alternatives"][1]["states"] == ["CHN"]
    r = path.agree(m1["id"], [target["key"]], expect=409)
    assert "square brackets" in r["detail"]
    # the text cannot be approved before the working group has agreed it
    r = path.decide(m1["id"], "approved", expect=409)
    assert "the step “agreed ad referendum”" in r["detail"] and r["conflicts"]["missing_step"] == "agreed_ad_referendum"
    assert r["code"] == "transition_missing_step" and r["params"]["missing"] == "agreed_ad_referendum"
    path.decide(m1["id"], "deferred")
    progress = path.agreement(who=path.h["IND"])  # delegates see the progress
    assert progress["summary"] == f"{len(half)} of {total} paragraphs agreed"
    bracketed = next(c for c in progress["clauses"] if c["key"] == target["key"])
    assert bracketed["status"] == "open" and bracketed["brackets"][0]["alternatives"][0]["states"] == ["IND", "KAZ"]

    # second meeting: the bracket is lifted, the rest agreed, the text agreed ad referendum
    m2 = path.meeting("cica-swg", days=3, version=v2)
    path.post(f"/api/v1/meetings/{m2['id']}/brackets/{b['id']}/resolve", {"alternative": 0})
    done = path.agree(m2["id"], keys[total // 2:])
    assert done["complete"] and done["summary"] == f"{total} of {total} paragraphs agreed"
    d = path.decide(m2["id"], "agreed_ad_referendum")
    assert (d["status_before"], d["status_after"]) == ("under_review", "agreed_ad_referendum")

    # senior officials approve: the text is locked and its hash recorded
    m3 = path.meeting("cica-soc", days=4, version=v2)
    d = path.decide(m3["id"], "approved")
    versions = path.get(f"/api/v1/drafts/{path.d}/versions")
    assert d["status_after"] == "approved" and d["text_hash"] == versions[-1]["hash"]
    assert path.get(f"/api/v1/drafts/{path.d}/procedure")["approved_hash"] == versions[-1]["hash"]
    r = path.c.post(f"/api/v1/drafts/{path.d}/window", headers=path.officer, json={"deadline": "2099-01-01T00:00:00Z"})
    assert r.status_code == 409 and "locked" in r.json()["detail"]
    # a delegate sees the decisions of the meetings; a delegate does not record them
    seen = path.get(f"/api/v1/meetings/{m3['id']}", who=path.h["CHN"])
    assert seen["decisions"][0]["kind"] == "approved"
    r = path.c.post(f"/api/v1/meetings/{m3['id']}/decisions", headers=path.h["CHN"],
                    json={"kind": "deferred", "draft_id": path.d})
    assert r.status_code == 403

    # signatures only on the final text
    sig = {"party": "United Nations Office of Counter-Terrorism", "signed_on": "2024-09-23", "place": "New York",
           "signatory": "Vladimir Voronkov", "title": "Under-Secretary-General"}
    r = path.c.post(f"/api/v1/drafts/{path.d}/signatures", headers=path.officer, json=sig)
    assert r.status_code == 409 and "the step “final” must come first" in r.json()["detail"]
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "final"})
    parties = path.get(f"/api/v1/drafts/{path.d}/signatures")["parties"]
    assert len(parties) == 2 and sig["party"] in parties
    s1 = path.post(f"/api/v1/drafts/{path.d}/signatures", sig, expect=201)
    assert s1["all_signed"] is False and s1["entry_into_force"] is None and path.status() == "final"
    other = next(p for p in parties if p != sig["party"])
    s2 = path.post(f"/api/v1/drafts/{path.d}/signatures",
                   {"party": other, "signed_on": "2024-10-02", "place": "Astana", "signatory": "Kairat Sarybay",
                    "title": "Executive Director"}, expect=201)
    assert s2["all_signed"] and s2["entry_into_force"] == "2024-10-02"
    assert s2["expires_on"] == "2029-10-01" and s2["termination_notice_by"] == "2029-08-02"
    assert s2["status"] == "in_force" and path.status() == "in_force"
    assert [s["party"] for s in s2["signatures"]] == [sig["party"], other]
    r = path.c.post(f"/api/v1/drafts/{path.d}/signatures", headers=path.officer, json=sig)
    assert r.status_code == 409

    # the audit log holds every decision and transition, with its meeting
    events = path.get("/api/v1/audit", limit=500)
    events = events if isinstance(events, list) else events.get("events", events)
    statuses = [e for e in events if e["action"] == "draft.status"]
    assert {e["details"].get("meeting_id") for e in statuses} >= {m2["id"], m3["id"]}
    assert any(e["action"] == "meeting.decision" and e["details"]["kind"] == "deferred" for e in events)


def _text(flow, key):
    def walk(nodes):
        for x in nodes:
            yield x
            yield from walk(x["children"])

    return next(x["text"] for x in walk(flow.tree()["clauses"]) if x["key"] == key)


def test_entry_into_force_days_after_the_last_notification(path):
    path.c.put(f"/api/v1/drafts/{path.d}/procedure", headers=path.officer,
               json={"entry_rule": "days_after_last_notification", "entry_days": 30, "parties": ["A", "B"]})
    for step in ("under_review", "approved", "final"):
        path.post(f"/api/v1/drafts/{path.d}/transition", {"to": step})
    path.post(f"/api/v1/drafts/{path.d}/signatures", {"party": "A", "signed_on": "2025-01-10", "place": "Astana",
                                                      "signatory": "X", "title": "Minister",
                                                      "notified_on": "2025-02-01"})
    s = path.post(f"/api/v1/drafts/{path.d}/signatures", {"party": "B", "signed_on": "2025-01-12", "place": "Delhi",
                                                          "signatory": "Y", "title": "Minister",
                                                          "notified_on": "2025-03-01"})
    assert s["entry_into_force"] == (date(2025, 3, 1).replace(day=31)).isoformat()
    assert s["expires_on"] == "2030-03-30"


def test_the_transition_endpoint_follows_the_drafts_procedure(path):
    p = path.cica_procedure()
    assert [s["status"] for s in p["steps"]] == ["agreed_ad_referendum", "approved"] and p["status"] == "drafting"
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "under_review"})
    r = path.c.post(f"/api/v1/drafts/{path.d}/transition", headers=path.officer, json={"to": "approved"})
    body = r.json()
    assert r.status_code == 409 and body["conflicts"]["missing_step"] == "agreed_ad_referendum"
    assert "the step “agreed ad referendum” (CICA Special Working Group) must come first" in body["detail"]
    r = path.c.post(f"/api/v1/drafts/{path.d}/transition", headers=path.officer, json={"to": "nowhere"})
    assert r.status_code == 422
    r = path.c.put(f"/api/v1/drafts/{path.d}/procedure", headers=path.officer,
                   json={"steps": [{"status": "approved", "required": False}]})
    assert r.status_code == 422
    r = path.c.put(f"/api/v1/drafts/{path.d}/procedure", headers=path.h["KAZ"], json={"term_years": 3})
    assert r.status_code == 403
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "agreed_ad_referendum"})
    assert path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "approved"})["status"] == "approved"
    assert path.get(f"/api/v1/drafts/{path.d}/procedure", who=path.h["KAZ"])["next_steps"] == ["final", "returned"]
    procedure = path.get(f"/api/v1/drafts/{path.d}/procedure")
    assert procedure["approved_version"] == 1 and procedure["approved_hash"] == path.get(
        f"/api/v1/drafts/{path.d}/versions")[-1]["hash"]
