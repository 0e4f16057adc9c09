"""The approval path at negotiation scale: "what is due" for a delegate with 100 drafts, 300 meetings
and 50 running silence procedures; a meeting with its agenda, and the agreement progress of the
generated 1,200-clause draft."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import median_ms

TEA = ("AGREEMENT ON TEA BETWEEN THE PARTIES\n\nWHEREAS the Parties consider that tea is good;\n\n"
       "Have agreed as follows:\n\nArticle 1\nTea\n\n1. The Parties shall drink tea together.\n")


def run() -> list[tuple[str, float, str]]:
    from fastapi.testclient import TestClient

    from app.accounts.service import create_user, ensure_member_states, open_session
    from app.db import make_engine, transaction
    from app.drafts.service import create_draft, load_document, move
    from app.main import create_app
    from app.meetings import service
    from app.meetings.demo import load as load_bodies
    from app.migrate import upgrade
    from app.models import ClauseAgreement, utcnow
    from bench.generate import generate_draft

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        now = datetime.now(UTC)
        with transaction(engine) as s:
            ensure_member_states(s)
            officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
            kaz = create_user(s, "kaz@bench.org", "benchmark-pass", "delegate", state="KAZ")
            load_bodies(s, officer)
            big, v1 = create_draft(s, officer, text=generate_draft(seed=0), source_name="bench")
            ids = [big.id]
            for i in range(99):
                d, _ = create_draft(s, officer, text=TEA, source_name=f"tea-{i}")
                ids.append(d.id)
            for i, draft_id in enumerate(ids):
                d = drafts_repo_get(s, draft_id)
                move(s, officer, d, "under_review")
                if i % 2:
                    service.start_silence(s, officer, draft_id, now + timedelta(days=1 + i), "approved", None)
            for i in range(300):
                service.create_meeting(s, officer, {
                    "body": ("cica-swg", "cica-soc", "cica-mc")[i % 3], "title": f"Meeting {i}",
                    "starts_at": now + timedelta(days=i - 100), "place": "astana",
                    "agenda": [{"draft_id": ids[i % len(ids)], "with_compilation": True}]})
            doc = load_document(s, v1)
            for j, c in enumerate(doc.walk()):
                if service.counted(c) and j % 3:
                    s.add(ClauseAgreement(draft_id=big.id, clause_key=c.key, version_number=1,
                                          content_hash=c.content_hash(), status="agreed", created_at=utcnow()))
            token = open_session(s, kaz, "bearer")[0]
            officer_token = open_session(s, officer, "bearer")[0]
        client = TestClient(create_app(engine))
        h = {"Authorization": f"Bearer {token}"}
        oh = {"Authorization": f"Bearer {officer_token}"}
        due = client.get("/api/v1/due", headers=h).json()
        rows.append((f"GET /due for a delegate ({len(due)} items: 200 meetings ahead, 50 silences)",
                     median_ms(lambda: client.get("/api/v1/due", headers=h), runs=5), "target ≤ 500 ms"))
        m = client.get("/api/v1/meetings", headers=oh).json()[100]
        rows.append(("GET /meetings/{id}: agenda, attendance, decisions",
                     median_ms(lambda: client.get(f"/api/v1/meetings/{m['id']}", headers=oh), runs=5),
                     "target ≤ 50 ms"))
        progress = client.get(f"/api/v1/drafts/{big.id}/agreement", headers=oh).json()
        rows.append((f"GET /drafts/{{id}}/agreement ({progress['summary']})",
                     median_ms(lambda: client.get(f"/api/v1/drafts/{big.id}/agreement", headers=oh), runs=5),
                     "target ≤ 300 ms"))
        engine.dispose()
    return rows


def drafts_repo_get(session, draft_id):
    from app.models import Draft

    return session.get(Draft, draft_id)
