"""Over real HTTP (`concord serve` in a subprocess, loopback): the deadline rush and a sustained load.

- **Rush**: 200 delegates of different states submit at the same instant; then again with a
  deadline that passes while they are processed. Every one must get 201; p99 ≤ 5 s.
- **Load**: 32 clients for ``CONCORD_BENCH_LOAD_SECONDS`` (default 20 s) on the 1,200-clause
  corpus, 80% reads (version tree, proposals list, one clause's proposals, comparison) and 20%
  writes (submissions by delegates of different states); p50/p95/p99 per kind, requests/s, no
  error, and every acknowledged write present afterwards.

SQLite is served by one process; PostgreSQL by two workers when ``CONCORD_BENCH_POSTGRES_URL``
(or ``CONCORD_TEST_POSTGRES_URL``) names a server (a scratch database is created and dropped).
The client runs on the same machine and takes its share of the CPU.
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench import rush
from bench.httpserver import Server

LOAD_SECONDS = float(os.environ.get("CONCORD_BENCH_LOAD_SECONDS", "20"))
CLIENTS = 32


@contextmanager
def databases():
    """Yields (label, url, workers) for SQLite and, when configured, PostgreSQL."""
    from app.migrate import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'load.db'}"
        upgrade(url)
        out = [("SQLite, 1 process", url, 1)]
        pg = os.environ.get("CONCORD_BENCH_POSTGRES_URL") or os.environ.get("CONCORD_TEST_POSTGRES_URL")
        admin = name = None
        if pg:
            import sqlalchemy as sa

            name = f"concord_bench_{uuid.uuid4().hex[:8]}"
            admin = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
            try:
                with admin.connect() as c:
                    c.exec_driver_sql(f'CREATE DATABASE "{name}"')
                pg_url = sa.engine.make_url(pg).set(database=name).render_as_string(hide_password=False)
                upgrade(pg_url)
                out.append(("PostgreSQL, 2 workers", pg_url, 2))
            except sa.exc.OperationalError as exc:
                print(f"  (PostgreSQL at {pg} unreachable: {exc.__class__.__name__}; its rows are left out)")
                name = None
        try:
            yield out
        finally:
            if admin is not None:
                if name:
                    with admin.connect() as c:
                        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.dispose()


def _rush_rows(label: str, url: str, workers: int, engine, text: str) -> list:
    setup = rush.prepare(engine, text, 200, source_name="bench-rush.md")
    rows = []
    with Server(url, workers=workers) as srv:
        rush.open_window(srv.base, setup, rush.deadline_in(3600))
        first = rush.submit_all(srv.base, setup, "same-second")
        s1 = rush.summary(first)
        # the deadline falls after the whole burst has arrived (twice the time the first one took to
        # arrive), and before most of it is processed
        spread = rush.arrival_spread(engine, setup.draft_id, "same-second", first)
        deadline = rush.deadline_in(1.0 + 2 * spread)  # 1 s for setting it (a PATCH) on a busy machine
        rush.open_window(srv.base, setup, deadline)
        second = rush.submit_all(srv.base, setup, "deadline")
        s2 = rush.summary(second)
        late = sum(r.done_at > deadline.timestamp() for r in second)
        sent_late = sum(r.sent_at >= deadline.timestamp() for r in second)  # a refusal of these is right
    for name, s in (("200 delegates submit in the same second", s1),
                    (f"200 arrive before a deadline that passes mid-rush ({late} answered after it; burst "
                     f"arrived in {spread:.1f} s; {sent_late} sent after it on a busy machine)", s2)):
        ok = s["codes"].get(201, 0)
        rows.append((f"rush, {label}: {name}: p99", s["p99_ms"],
                     f"target ≤ 5000 ms; {ok}/200 accepted (201), codes {s['codes']}; p50 {s['p50_ms']:.0f} ms",
                     ok == 200))
    return rows


async def _load(base: str, setup: rush.Setup, draft_id: int, seconds: float) -> dict:
    kinds = {"tree": [], "list": [], "clause": [], "compare": [], "write": []}
    errors: list[str] = []
    written: list[int] = []
    rng = random.Random(1)
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        counter = iter(range(10**9))

        async def one_client(cid: int) -> None:
            state, token = setup.delegates[cid % len(setup.delegates)]
            h = {"Authorization": f"Bearer {token}"}
            while time.perf_counter() < stop_at:
                r = rng.random()
                n = next(counter)
                key = setup.clauses[n % len(setup.clauses)][0]
                if r < 0.2:
                    kind, req = "write", client.post(f"/api/v1/drafts/{draft_id}/proposals", headers=h,
                                                     json=rush.proposal_body(setup, n, f"load-{cid}"))
                elif r < 0.4:
                    kind, req = "tree", client.get(f"/api/v1/drafts/{draft_id}/versions/2", headers=h)
                elif r < 0.6:
                    kind, req = "list", client.get(f"/api/v1/drafts/{draft_id}/proposals?limit=100", headers=h)
                elif r < 0.8:
                    kind, req = "clause", client.get(f"/api/v1/drafts/{draft_id}/proposals?clause={key}",
                                                     headers=h)
                else:
                    kind, req = "compare", client.get(f"/api/v1/drafts/{draft_id}/compare?from=1&to=2", headers=h)
                t0 = time.perf_counter()
                try:
                    resp = await req
                    ok = resp.status_code == (201 if kind == "write" else 200)
                    if ok and kind == "write":
                        written.append(resp.json()["id"])
                    elif not ok:
                        errors.append(f"{kind} {resp.status_code} {resp.text[:120]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{kind} {exc!r}")
                kinds[kind].append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(one_client(i) for i in range(CLIENTS)))
        wall = time.perf_counter() - t0
    return {"kinds": kinds, "errors": errors, "written": written, "wall": wall}


def _prepare_load(engine, text: str) -> tuple[rush.Setup, int]:
    """The 1,200-clause corpus with a consolidated version 2 (so there is something to compare),
    version 2 open for proposals, 56 delegates of 28 states."""
    from app.db import transaction
    from app.models import User
    from app.proposals import service

    setup = rush.prepare(engine, text, 56, source_name="bench-load.md")
    with transaction(engine) as s:
        officer = s.query(User).filter(User.role == "secretariat", User.email.like("%bench-load%")).one()
        service.open_window(s, officer, setup.draft_id, rush.deadline_in(7200))
        delegates = s.query(User).filter(User.role == "delegate", User.email.like("%bench-load%")).all()
        ids = []
        for i, (key, ctext) in enumerate(setup.clauses[:60:2]):
            u = delegates[i % len(delegates)]
            p = service.create_proposal(s, u, setup.draft_id, service.NewProposal(
                kind="replace", clause_key=key, proposed_text=ctext + " As amended.", submit=True))
            ids.append(p.id)
        for pid in ids:
            service.decide(s, officer, pid, decision="accepted", reason="bench")
        service.consolidate(s, officer, setup.draft_id, base_version=1, proposal_ids=None, editorial=[],
                            label="bench v2")
        service.open_window(s, officer, setup.draft_id, rush.deadline_in(7200))
    with transaction(engine, readonly=True) as s:
        from app.drafts import repository as drepo
        from app.drafts.service import load_document

        doc = load_document(s, drepo.version(s, setup.draft_id, 2))
        setup.clauses = [(c.key, c.text) for c in doc.walk() if c.kind in ("paragraph", "item") and len(c.text) > 40]
    return setup, setup.draft_id


def _load_rows(label: str, url: str, workers: int, engine, text: str) -> list:
    from sqlalchemy import select

    from app.db import transaction
    from app.models import Proposal

    setup, draft_id = _prepare_load(engine, text)
    with Server(url, workers=workers) as srv:
        res = asyncio.run(_load(srv.base, setup, draft_id, LOAD_SECONDS))
    with transaction(engine, readonly=True) as s:
        stored = set(s.scalars(select(Proposal.id).where(Proposal.id.in_(res["written"]),
                                                          Proposal.status == "submitted")))
    kinds = res["kinds"]
    reads = kinds["tree"] + kinds["list"] + kinds["clause"] + kinds["compare"]
    total = sum(len(v) for v in kinds.values())
    missing = len(set(res["written"]) - stored)
    rows = [(f"load, {label}: {CLIENTS} clients × {LOAD_SECONDS:.0f} s, requests per second", total / res["wall"],
             f"{total} requests, {len(res['errors'])} errors, {len(res['written'])} writes acknowledged, "
             f"{missing} of them missing afterwards; target: no error, none missing",
             not res["errors"] and not missing, "req/s")]
    for kind, values, target in (("read (all kinds)", reads, 250), ("write (submit)", kinds["write"], 500)):
        ms = [v * 1000 for v in values]
        rows.append((f"load, {label}: {kind} p95", rush.percentile(ms, 95),
                     f"target ≤ {target} ms; p50 {rush.percentile(ms, 50):.0f}, p99 {rush.percentile(ms, 99):.0f} ms, "
                     f"n={len(ms)}"))
    for kind in ("tree", "list", "clause", "compare"):
        ms = [v * 1000 for v in kinds[kind]]
        rows.append((f"  load, {label}: {kind} p95", rush.percentile(ms, 95),
                     f"target ≤ 250 ms; p50 {rush.percentile(ms, 50):.0f}, p99 {rush.percentile(ms, 99):.0f} ms, "
                     f"n={len(ms)}"))
    if res["errors"]:
        print("    first errors:", res["errors"][:3])
    return rows


def run() -> list:
    from app.db import make_engine
    from bench.generate import generate_draft

    text = generate_draft(seed=0)
    rush_text = (Path(__file__).resolve().parent.parent / "drafts" / "cica-unoct-mou-2024.md").read_text("utf-8")
    rows: list = []
    with databases() as dbs:
        for label, url, workers in dbs:
            engine = make_engine(url)
            try:
                rows += _rush_rows(label, url, workers, engine, rush_text)
                rows += _load_rows(label, url, workers, engine, text)
            finally:
                engine.dispose()
    return rows
