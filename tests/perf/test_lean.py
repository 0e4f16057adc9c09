"""Per-request cost and lean responses: the deadline at arrival, one clause read per proposal,
paginated lists, comparisons without repeated text, gzip."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, select

from app.models import User
from app.proposals import service


def test_a_proposal_that_arrived_before_the_deadline_is_in_time_even_if_processed_after(flow, engine):
    flow.open()
    w = flow.c.get(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer).json()
    deadline = datetime.fromisoformat(w["deadline"])
    c = flow.clause("2.1")
    from app.db import transaction

    with transaction(engine) as s:
        kaz = s.scalar(select(User).where(User.email == "kaz@example.org"))
        from app.proposals import repository as repo

        repo.latest_window(s, flow.d).deadline = datetime.now(UTC) - timedelta(seconds=1)  # it has just passed
    with transaction(engine) as s:
        kaz = s.scalar(select(User).where(User.email == "kaz@example.org"))
        arrived = datetime.now(UTC) - timedelta(seconds=2)  # pressed "submit" before the deadline
        p = service.create_proposal(s, kaz, flow.d, service.NewProposal(
            kind="replace", clause_key=c["key"], proposed_text="New wording.", submit=True), at=arrived)
        assert p.status == "submitted" and p.submitted_at == arrived
    with transaction(engine) as s:
        kaz = s.scalar(select(User).where(User.email == "kaz@example.org"))
        from app.errors import Conflict

        try:
            service.create_proposal(s, kaz, flow.d, service.NewProposal(
                kind="replace", clause_key=c["key"], proposed_text="Too late.", submit=True))
        except Conflict as exc:
            assert "deadline" in exc.detail
        else:
            raise AssertionError("a proposal arriving after the deadline was accepted")
    assert deadline > datetime.now(UTC)  # the window had been opened for days; only our edit closed it


def test_the_api_documents_that_arrival_counts(client):
    doc = client.get("/openapi.json").json()
    text = doc["paths"]["/api/v1/drafts/{draft_id}/proposals"]["post"]["description"]
    assert "arrived" in text and "deadline" in text.lower()


def test_proposing_reads_the_clause_not_the_whole_version(flow, engine):
    flow.open()
    c, c22, c24 = flow.clause("2.1"), flow.clause("2.2"), flow.clause("2.4")
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()).lower().replace('"key"', "key"))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        p = flow.propose("KAZ", kind="replace", clause_key=c["key"], quoted_text=c["text"], proposed_text="Changed.")
        m = flow.propose("IND", kind="move", clause_key=c22["key"], position="after", anchor_key=c24["key"])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert p["quoted_text"] == c["text"] and m["status"] == "submitted"
    on_clauses = [s for s in statements if " from clauses" in s]
    assert on_clauses and all("clauses.key =" in s for s in on_clauses), [s for s in on_clauses
                                                                            if "clauses.key =" not in s]


def test_a_move_into_its_own_subtree_is_still_refused(flow):
    flow.open()
    section = flow.section("2")
    child = flow.clause("2.1")
    flow.propose("KAZ", expect=422, kind="move", clause_key=section["key"], position="after", anchor_key=child["key"])


def test_proposal_list_is_paginated_with_total_and_next_link(flow):
    flow.open()
    keys = [flow.clause(n)["key"] for n in ("2.1", "2.2", "2.3")]
    for k in keys:
        flow.propose("KAZ", kind="comment", clause_key=k, rationale="A remark.")
    url = f"/api/v1/drafts/{flow.d}/proposals"
    r = flow.c.get(url, params={"limit": 2, "status": ["submitted"]}, headers=flow.officer)
    assert r.status_code == 200 and len(r.json()) == 2
    assert r.headers["X-Total-Count"] == "3" and r.headers["X-Limit"] == "2" and r.headers["X-Offset"] == "0"
    nxt = r.headers["Link"].split(";")[0].strip("<>")
    assert "offset=2" in nxt and "status=submitted" in nxt
    r2 = flow.c.get(nxt, headers=flow.officer)
    assert [p["id"] for p in r2.json()] == [p["id"] for p in flow.c.get(url, headers=flow.officer).json()][2:]
    assert "Link" not in r2.headers and r2.headers["X-Total-Count"] == "3"


def test_comparison_changes_only_and_no_repeated_text(flow):
    flow.open()
    p = flow.propose("KAZ", kind="replace", clause_key=flow.clause("2.1")["key"], proposed_text="Shorter wording.")
    flow.decide(p["id"])
    flow.consolidate()
    url = f"/api/v1/drafts/{flow.d}/compare?from=1&to=2"
    full = flow.c.get(url, headers=flow.officer).json()
    unchanged = [c for c in full["clauses"] if c["status"] == "unchanged" and c["new_text"]]
    assert unchanged and all(c["text_ops"] == [] for c in unchanged)
    modified = [c for c in full["clauses"] if c["status"] == "modified"]
    assert modified and any(op == "insert" for op, _ in modified[0]["text_ops"])
    lean = flow.c.get(url + "&changes_only=true", headers=flow.officer).json()
    assert {c["status"] for c in lean["clauses"]} <= {"modified", "inserted", "deleted", "moved", "renumbered"}
    assert len(lean["clauses"]) == len(full["clauses"]) - lean["omitted"] and lean["omitted"] == len(
        [c for c in full["clauses"] if c["status"] == "unchanged"])
    assert lean["counts"] == full["counts"]
    assert len(json.dumps(lean)) * 5 < len(json.dumps(full))


def test_responses_are_gzipped_when_the_client_accepts_it(flow):
    url = f"/api/v1/drafts/{flow.d}/versions/1"
    plain = flow.c.get(url, headers={**flow.officer, "Accept-Encoding": "identity"})
    zipped = flow.c.get(url, headers={**flow.officer, "Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.json() == plain.json()  # the client decodes it
    assert int(zipped.headers["content-length"]) * 3 < len(plain.content)


def test_a_large_import_does_not_freeze_other_requests(client, officer):
    import threading
    import time

    from bench.generate import generate_draft

    text = generate_draft(seed=0, articles=300)  # about 3,500 clauses
    done: dict = {}

    def upload():
        t0 = time.perf_counter()
        r = client.post("/api/v1/drafts/import", headers=officer,
                        files={"file": ("big.md", text.encode(), "text/markdown")})
        done["status"], done["seconds"] = r.status_code, time.perf_counter() - t0

    worker = threading.Thread(target=upload)
    worker.start()
    time.sleep(0.2)
    waits = []
    while worker.is_alive():
        t0 = time.perf_counter()
        assert client.get("/api/v1/auth/me", headers=officer).status_code == 200
        waits.append(time.perf_counter() - t0)
        time.sleep(0.05)
    worker.join()
    assert done["status"] == 201
    assert waits, "the import finished before any other request could be timed"
    # the event loop is free while the import parses and stores: reads answer meanwhile
    assert max(waits) < max(0.5, done["seconds"] / 3), (max(waits), done["seconds"], len(waits))
