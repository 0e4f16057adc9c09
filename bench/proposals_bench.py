"""Proposals at negotiation scale: 50 member states, 2,000 proposals on the generated draft."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from babel import Locale

from bench.httpserver import Server
from bench.timing import median_ms


def run() -> list[tuple[str, float, str]]:
    from fastapi.testclient import TestClient

    from app.accounts.service import create_user, ensure_member_states, open_session
    from app.core.clauses import edit
    from app.core.clauses.tree import KeyAllocator
    from app.db import make_engine, session_factory, transaction
    from app.drafts import repository as drafts_repo
    from app.drafts.service import create_draft, load_document
    from app.main import create_app
    from app.migrate import upgrade
    from app.models import Draft, MemberState, Proposal, User
    from app.proposals import service
    from bench.generate import generate_draft

    rows = []
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        with transaction(engine) as s:
            ensure_member_states(s)
            have = {m.iso3 for m in s.query(MemberState)}
            extra = [t for t in sorted(Locale.parse("en").territories) if len(t) == 2 and t.isalpha()]
            i = 0
            while len(have) < 50:
                code = f"X{extra[i][:2]}"
                if code not in have:
                    s.add(MemberState(iso3=code, iso2=extra[i], name_en=code, name_ru=code, name_kk=code))
                    have.add(code)
                i += 1
            s.flush()
            officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
            draft, v1 = create_draft(s, officer, text=generate_draft(seed=0), source_name="bench")
            states = sorted(have)
            delegates = {iso3: create_user(s, f"{iso3.lower()}@bench.org", "benchmark-pass", "delegate", state=iso3)
                         for iso3 in states}
            service.open_window(s, officer, draft.id, datetime.now(UTC) + timedelta(days=30))
            draft_id = draft.id
            doc = load_document(s, v1)
            leaves = [c for c in doc.walk() if c.kind in ("paragraph", "item") and c.text]
            tokens = {iso3: open_session(s, u, "bearer")[0] for iso3, u in list(delegates.items())[:5]}
        # 2,000 proposals, spread over the clauses, from 50 states
        with transaction(engine) as s:
            users = {u.state_iso3: u for u in s.query(User).filter(User.role == "delegate")}
            for n in range(2000):
                c = leaves[n % len(leaves)]
                iso3 = states[n % len(states)]
                words = c.text.split()
                j = rng.randrange(len(words))
                words[j] = words[j].upper() + "-amended"
                service.create_proposal(s, users[iso3], draft_id, service.NewProposal(
                    kind="replace", clause_key=c.key, proposed_text=" ".join(words), submit=True,
                    rationale="bench"))
        iso3s = list(tokens)
        counter = iter(range(10**6))

        def submitter(client):
            def submit():
                n = next(counter)
                c = leaves[(n * 7) % len(leaves)]
                iso3 = iso3s[n % len(iso3s)]
                r = client.post(f"/api/v1/drafts/{draft_id}/proposals",
                                headers={"Authorization": f"Bearer {tokens[iso3]}"},
                                json={"kind": "replace", "clause_key": c.key, "quoted_text": c.text,
                                      "proposed_text": c.text + " As amended.", "submit": True})
                assert r.status_code == 201, r.text
            return submit

        hdr = {"Authorization": f"Bearer {tokens[iso3s[0]]}"}
        key = leaves[10].key

        def lister(client):
            def list_one():
                r = client.get(f"/api/v1/drafts/{draft_id}/proposals?clause={key}", headers=hdr)
                assert r.status_code == 200 and r.json()
            return list_one

        def fetch_all(client):
            def list_all_filter():
                out, url = [], f"/api/v1/drafts/{draft_id}/proposals?limit=5000"
                r = client.get(url, headers=hdr)
                out = [p for p in r.json() if p["clause_key"] == key]
                return out
            return list_all_filter

        with Server(url) as srv, httpx.Client(base_url=srv.base, timeout=60) as http:
            rows.append(("submit a proposal through the API (real HTTP, uvicorn, SQLite, 2,000 on file)",
                         median_ms(submitter(http), runs=25), "target ≤ 30 ms"))
            rows.append(("list one clause's proposals through the API (real HTTP)", median_ms(lister(http), runs=25),
                         "target ≤ 20 ms"))
            rows.append(("  baseline: fetch every proposal over HTTP and filter in the client",
                         median_ms(fetch_all(http), runs=5), ""))
        with TestClient(create_app(engine)) as client:
            rows.append(("  the same submission in process (ASGI, no socket), for comparison",
                         median_ms(submitter(client), runs=25), ""))
        # decide 500 (one per clause so they do not conflict), leave 1,500+ pending
        with transaction(engine) as s:
            officer = s.query(User).filter_by(email="officer@bench.org").one()
            seen: set[str] = set()
            accepted = 0
            for p in s.query(Proposal).filter_by(draft_id=draft_id).order_by(Proposal.id):
                if accepted >= 500:
                    break
                if p.clause_key in seen:
                    continue
                seen.add(p.clause_key)
                service.decide(s, officer, p.id, decision="accepted", reason="bench")
                accepted += 1
            pending = s.query(Proposal).filter(Proposal.status == "submitted").count()

        def consolidate():
            s = session_factory(engine)()
            try:
                officer = s.query(User).filter_by(email="officer@bench.org").one()
                v, summary = service.consolidate(s, officer, draft_id, base_version=1, proposal_ids=None, editorial=[],
                                                 label="bench")
                assert v.number == 2
            finally:
                s.rollback()
                s.close()

        rows.append((f"consolidate 500 accepted proposals (incl. re-anchoring {pending} pending)",
                     median_ms(consolidate, runs=3), "target ≤ 2000 ms"))
        with session_factory(engine)() as s:
            draft = s.get(Draft, draft_id)
            base = load_document(s, drafts_repo.version(s, draft_id, 1))
            accepted_ps = s.query(Proposal).filter_by(status="accepted").all()
            changes = [service.change_of(p) for p in accepted_ps]
            new_doc = edit.apply_changes(base, changes, KeyAllocator(draft.next_key_seq))
            for ch in changes:
                ch.new_key = None
            s.rollback()

        reanchored = []

        def reanchor():
            s = session_factory(engine)()
            try:
                d = s.get(Draft, draft_id)
                # as after the real consolidation: the 500 accepted are in version 2, only the rest move
                for p in s.query(Proposal).filter_by(draft_id=draft_id, status="accepted"):
                    p.consolidated_in = 2
                s.flush()
                t0 = time.perf_counter()
                counts = service.reanchor(s, d, base, new_doc, 1, 2)
                reanchored.append((sum(counts.values()), (time.perf_counter() - t0) * 1000))
            finally:
                s.rollback()
                s.close()

        for _ in range(3):
            reanchor()
        count = reanchored[0][0]
        assert count == pending, (count, pending)
        rows.append((f"re-anchor the {count} pending proposals to the new version (500 consolidated)",
                     statistics.median(ms for _, ms in reanchored), "target ≤ 3000 ms"))
        rows.append(("  of which: apply 500 changes to the tree (core)",
                     median_ms(lambda: edit.apply_changes(base, changes, KeyAllocator(10**6)), runs=3), ""))
        engine.dispose()
    return rows


if __name__ == "__main__":
    for name, ms, note in run():
        print(f"{name:75s} {ms:9.1f} ms  {note}")
