"""Submissions waiting for the writer's turn together are committed together (app/admission.py
``write_turn``): one transaction and one commit for all of them, each in its own savepoint, so a
submission refused at its turn (the window closed meanwhile) is refused alone, and the audit
chain still verifies from its first event."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from sqlalchemy import event, func, select

from app.admission import gate_for, read_turn, write_turn
from app.audit.service import verify
from app.db import transaction
from app.errors import AppError
from app.models import AuditEvent, Proposal, User
from app.proposals import service


def _request(engine):
    return SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(engine=engine)), scope={"state": {}})


def test_writers_waiting_together_commit_once_and_a_refused_one_alone(flow, engine, db):
    flow.open()
    clauses = [flow.clause(n) for n in ("1.1", "1.2", "2.1", "2.2")]
    commits = []
    event.listen(engine, "commit", lambda conn: commits.append(1))
    request = _request(engine)

    async def scenario():
        def prepare(session, state, clause):
            user = session.scalar(select(User).where(User.state_iso3 == state, User.role == "delegate"))
            return user, service.prepare_proposal(session, user, flow.d, service.NewProposal(
                kind="replace", clause_key=clause["key"], proposed_text=clause["text"] + " Amended.", submit=True))

        prepared = [await read_turn(request, lambda s, st=st, c=c: prepare(s, st, c))
                    for st, c in zip(("KAZ", "IND", "CHN", "KAZ"), clauses, strict=True)]

        def store(session, user, prep, close_first=False):
            if close_first:  # the officer closed the window between this one's read and its turn
                from app.models import ProposalWindow

                w = session.scalar(select(ProposalWindow).where(ProposalWindow.draft_id == flow.d))
                w.closed_at = w.opened_at
                session.flush()
            return service.store_proposal(session, user, prep)

        gate = gate_for(engine)
        await gate.writer.acquire()  # someone else's turn: everyone queues behind it
        tasks = [asyncio.ensure_future(write_turn(request, lambda s, u=u, p=p, i=i: store(s, u, p, close_first=i == 2)))
                 for i, (u, p) in enumerate(prepared[:3])]
        await asyncio.sleep(0.05)
        assert len(gate.pending) == 3
        commits.clear()
        gate.writer.release()
        return await asyncio.gather(*tasks, return_exceptions=True)

    results = asyncio.run(scenario())
    assert len(commits) == 1  # one transaction (one fsync) for the three
    assert isinstance(results[0], Proposal) and isinstance(results[1], Proposal)
    assert isinstance(results[2], AppError) and results[2].status_code == 409
    stored = set(db.scalars(select(Proposal.id).where(Proposal.draft_id == flow.d, Proposal.status == "submitted")))
    assert {results[0].id, results[1].id} <= stored and len(stored) == 2
    # the refused one left nothing: not its proposal, not its events, not the window it closed
    assert flow.c.get(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer).json()["open"] is True
    assert db.scalar(select(func.count()).select_from(AuditEvent)
                     .where(AuditEvent.action == "proposal.submit")) == 2
    with transaction(engine, readonly=True) as s:
        check = verify(s, full=True)
    assert check.valid, check.reason


def test_a_writer_cancelled_while_it_waits_never_runs(flow, engine, db):
    flow.open()
    request = _request(engine)
    ran = []

    async def scenario():
        gate = gate_for(engine)
        await gate.writer.acquire()
        task = asyncio.ensure_future(write_turn(request, lambda s: ran.append(1)))
        await asyncio.sleep(0.05)
        task.cancel()
        await asyncio.sleep(0)
        gate.writer.release()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert gate.pending == []

    asyncio.run(scenario())
    assert ran == []


def test_writes_are_prepared_one_at_a_time_while_reads_keep_their_slots(engine):
    """The first phase of a write (its reads, the clause, the diff) takes a reader slot, but only
    PREPARING of them run at once: a crowd of submissions cannot take every reader slot (and the
    CPU) from the reads waiting behind them, and a read is not queued behind them."""
    import threading
    import time

    from app import admission

    request = _request(engine)
    running = {"write": 0, "read": 0}
    most = {"write": 0, "both": 0}
    lock = threading.Lock()

    def work(kind):
        def run(session):
            with lock:
                running[kind] += 1
                most["write"] = max(most["write"], running["write"])
                most["both"] = max(most["both"], running["write"] + running["read"])
            time.sleep(0.03)
            with lock:
                running[kind] -= 1
        return run

    async def scenario():
        writes = [asyncio.ensure_future(read_turn(request, work("write"), for_write=True)) for _ in range(6)]
        await asyncio.sleep(0)
        t0 = time.perf_counter()
        await read_turn(request, work("read"))
        waited = time.perf_counter() - t0
        await asyncio.gather(*writes)
        return waited

    waited = asyncio.run(scenario())
    assert most["write"] == admission.PREPARING  # six writes, prepared one at a time
    assert most["both"] == admission.PREPARING + 1  # the read ran beside them ...
    assert waited < 0.03 * 3  # ... at once, not after the six writes (0.18 s)
