"""The deadline rush: many delegates of different states submitting in the same second.

Shared by the tests (tests/proposals/test_rush.py) and `make bench`: the database is prepared
in process (users, tokens, a draft open for proposals), then the submissions go over real
HTTP to `concord serve` in a subprocess (bench/httpserver.py).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx


@dataclass
class Setup:
    draft_id: int
    officer_token: str
    delegates: list[tuple[str, str]]  # (state, bearer token)
    clauses: list[tuple[str, str]]  # (key, text) of paragraphs to amend


@dataclass
class Result:
    status: int
    seconds: float
    sent_at: float  # time.time() when the request was handed to the client
    done_at: float
    body: dict = field(default_factory=dict)


def prepare(engine, text: str, n_delegates: int, *, source_name: str = "rush.md") -> Setup:
    """A draft from ``text``, an officer, and ``n_delegates`` delegates spread over the member states."""
    from sqlalchemy import select

    from app.accounts.service import create_user, ensure_member_states, open_session
    from app.db import transaction
    from app.drafts.service import create_draft, load_document
    from app.models import MemberState

    with transaction(engine) as s:
        ensure_member_states(s)
        officer = create_user(s, f"officer-{source_name}@example.org", "rush-password-1", "secretariat")
        officer_token, _ = open_session(s, officer, "bearer")
        draft, version = create_draft(s, officer, text=text, source_name=source_name)
        states = list(s.scalars(select(MemberState.iso3).order_by(MemberState.iso3)))
        delegates = []
        for i in range(n_delegates):
            iso3 = states[i % len(states)]
            u = create_user(s, f"delegate{i}-{source_name}@example.org".lower(), "rush-password-1", "delegate",
                            state=iso3)
            token, _ = open_session(s, u, "bearer")
            delegates.append((iso3, token))
        doc = load_document(s, version)
        clauses = [(c.key, c.text) for c in doc.walk() if c.kind in ("paragraph", "item") and len(c.text) > 40]
        return Setup(draft.id, officer_token, delegates, clauses)


def open_window(base: str, setup: Setup, deadline: datetime) -> None:
    h = {"Authorization": f"Bearer {setup.officer_token}"}
    r = httpx.get(f"{base}/api/v1/drafts/{setup.draft_id}/window", headers=h, timeout=30)
    if r.json().get("open"):
        r = httpx.patch(f"{base}/api/v1/drafts/{setup.draft_id}/window", headers=h,
                        json={"deadline": deadline.isoformat()}, timeout=30)
        assert r.status_code == 200, r.text
        return
    r = httpx.post(f"{base}/api/v1/drafts/{setup.draft_id}/window", headers=h,
                   json={"deadline": deadline.isoformat()}, timeout=30)
    assert r.status_code == 201, r.text


def proposal_body(setup: Setup, i: int, tag: str) -> dict:
    key, text = setup.clauses[i % len(setup.clauses)]
    return {"kind": "replace", "clause_key": key, "quoted_text": text,
            "proposed_text": f"{text} ({tag}: amendment {i})", "rationale": f"Rush {tag} {i}.", "submit": True}


async def _submit_all(base: str, setup: Setup, tag: str, timeout: float) -> list[Result]:
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        start = asyncio.Event()

        async def one(i: int, state: str, token: str) -> Result:
            await start.wait()
            sent = time.time()
            t0 = time.perf_counter()
            try:
                r = await client.post(f"/api/v1/drafts/{setup.draft_id}/proposals",
                                      headers={"Authorization": f"Bearer {token}"},
                                      json=proposal_body(setup, i, tag))
                status, body = r.status_code, (r.json() if r.headers.get("content-type", "").startswith(
                    "application/json") else {"detail": r.text[:200]})
            except httpx.HTTPError as exc:
                status, body = 0, {"detail": repr(exc)}
            return Result(status, time.perf_counter() - t0, sent, time.time(), body)

        tasks = [asyncio.create_task(one(i, st, tok)) for i, (st, tok) in enumerate(setup.delegates)]
        await asyncio.sleep(0)
        start.set()
        return await asyncio.gather(*tasks)


def submit_all(base: str, setup: Setup, tag: str, timeout: float = 60) -> list[Result]:
    """Every delegate submits one proposal, all released at the same instant."""
    return asyncio.run(_submit_all(base, setup, tag, timeout))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[max(0, min(98, round(q) - 1))]


def summary(results: list[Result]) -> dict:
    secs = [r.seconds for r in results]
    codes: dict[int, int] = {}
    for r in results:
        codes[r.status] = codes.get(r.status, 0) + 1
    return {"n": len(results), "codes": codes, "p50_ms": percentile(secs, 50) * 1000,
            "p95_ms": percentile(secs, 95) * 1000, "p99_ms": percentile(secs, 99) * 1000,
            "wall_s": max(r.done_at for r in results) - min(r.sent_at for r in results)}


def arrival_spread(engine, draft_id: int, tag: str, results: list[Result]) -> float:
    """Seconds from the first request handed to the client to the last arrival the server noted
    (the stored ``submitted_at``): how long a burst takes to reach the server on this machine."""
    from sqlalchemy import func, select

    from app.db import transaction
    from app.models import Proposal

    with transaction(engine, readonly=True) as s:
        last = s.scalar(select(func.max(Proposal.submitted_at)).where(
            Proposal.draft_id == draft_id, Proposal.rationale.like(f"Rush {tag} %")))
    return last.timestamp() - min(r.sent_at for r in results)


def deadline_in(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)
