"""The job runner: deadlines that act by themselves, exactly once, with any number of processes.

Jobs are rows of ``scheduled_jobs`` (kind, idempotency key, run_at in UTC). A worker runs
each due job in ONE transaction that

1. picks a due pending job (PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so workers do not wait
   on each other; SQLite: the write transaction is ``BEGIN IMMEDIATE``, one writer at a time),
2. claims it with a conditional ``UPDATE … SET status='done' WHERE id=:id AND status='pending'``
   (a second worker that read the same row updates nothing and moves on),
3. runs the job's action, which is itself idempotent (it checks the state it changes under
   a row lock: a silence procedure still ``running``, a window not yet closed),
4. commits the action and the job's completion together.

A worker that dies mid-job rolls back: the job is still pending and the next worker (or the
same one, restarted) takes it. A deadline that passed while everything was stopped is simply
due when a worker comes back. A job that fails is retried with a back-off, then ``failed``.
Besides the job rows, each tick also closes proposal windows whose deadline passed (a
conditional, idempotent sweep), so the window deadline needs no hook in the proposals code.

``concord worker`` runs the loop; ``concord serve`` on SQLite runs it in a thread of the
server process (no extra service needed for ``make run``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, update
from sqlalchemy.orm import Session

from ..db import transaction
from ..models import ScheduledJob, utcnow
from . import repository as repo

log = logging.getLogger("concord.worker")
MAX_ATTEMPTS = 5


class Reschedule(Exception):  # noqa: N818  (a signal, not an error)
    """Raised by an action that is not due yet: run the job again at ``at``."""

    def __init__(self, at: datetime):
        super().__init__(at.isoformat())
        self.at = at


def schedule(session: Session, kind: str, key: str, run_at: datetime, payload: dict) -> ScheduledJob:
    """Add a job (idempotent on ``key``: a pending job with that key is moved to ``run_at``). Flush only."""
    job = repo.job_by_key(session, key)
    if job is None:
        job = ScheduledJob(key=key, kind=kind, payload=payload, run_at=run_at, status="pending", attempts=0,
                           created_at=utcnow())
        session.add(job)
    elif job.status == "pending":
        job.run_at, job.payload = run_at, payload
    session.flush()
    return job


def cancel(session: Session, key: str) -> None:
    session.execute(update(ScheduledJob).where(ScheduledJob.key == key, ScheduledJob.status == "pending")
                    .values(status="cancelled", done_at=utcnow()))


def _handlers() -> dict[str, Callable[[Session, dict, datetime], str]]:
    from . import notify, service

    return {"silence.deadline": service.silence_deadline, "entry.in_force": service.in_force_job,
            "email.send": notify.send_email_job, "renewal.reminder": service.renewal_job}


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def run_one(engine: Engine, who: str, now: datetime | None = None) -> tuple[int, str] | None:
    """Run the next due job, if any; returns (job id, outcome)."""
    now = now or utcnow()
    handlers = _handlers()
    job_id: int | None = None
    with transaction(engine, readonly=True) as s:  # a cheap look first: no write lock when nothing is due
        if repo.due_job_id(s, now) is None:
            return None
    try:
        with transaction(engine) as s:
            job = repo.next_due_job(s, now)
            if job is None:
                return None
            job_id, kind, payload = job.id, job.kind, dict(job.payload or {})
            # an UPDATE's result is a CursorResult (its rowcount: whether this worker claimed the job)
            claim = cast(CursorResult[Any], s.execute(
                update(ScheduledJob).where(ScheduledJob.id == job_id, ScheduledJob.status == "pending")
                .values(status="done", done_by=who, done_at=now, attempts=ScheduledJob.attempts + 1)))
            claimed = claim.rowcount
            if claimed != 1:
                return (job_id, "taken by another worker")
            handler = handlers.get(kind)
            if handler is None:
                raise LookupError(f"unknown job kind {kind!r}")
            try:
                outcome = handler(s, payload, now)
            except Reschedule as r:
                s.execute(update(ScheduledJob).where(ScheduledJob.id == job_id)
                          .values(status="pending", run_at=r.at, done_by="", done_at=None))
                outcome = f"rescheduled to {r.at.isoformat()}"
        log.info("job %s (%s) by %s: %s", job_id, kind, who, outcome)
        return (job_id, outcome)
    except Exception as exc:  # noqa: BLE001  (record the failure, keep the worker alive)
        log.exception("job %s failed", job_id)
        if job_id is None:
            raise
        error = f"{type(exc).__name__}: {exc}"
    with transaction(engine) as s:  # the job's transaction rolled back: it is pending; count the attempt
        job = s.get_one(ScheduledJob, job_id)
        job.attempts += 1
        job.last_error = error[:2000]
        job.status = "failed" if job.attempts >= MAX_ATTEMPTS else "pending"
        job.run_at = now + timedelta(seconds=30 * 2 ** job.attempts)
    return (job_id, "failed: " + error)


def tick(engine: Engine, who: str | None = None, now: datetime | None = None, limit: int = 100) -> list:
    """Close expired proposal windows, then run due jobs until none is left (or ``limit``)."""
    from .service import window_deadline

    who = who or worker_id()
    now = now or utcnow()
    done = []
    closed = 0
    with transaction(engine, readonly=True) as s:
        expired = bool(repo.expired_windows(s, now))
    if expired:
        with transaction(engine) as s:
            closed = window_deadline(s, now)
    if closed:
        done.append((0, f"closed {closed} window(s)"))
    for _ in range(limit):
        r = run_one(engine, who, now)
        if r is None:
            break
        done.append(r)
    return done


def run_worker(engine: Engine, stop: threading.Event, interval: float = 2.0) -> None:
    who = worker_id()
    log.info("worker %s started (every %.1fs)", who, interval)
    while not stop.is_set():
        try:
            tick(engine, who)
        except Exception:  # noqa: BLE001  (a database hiccup: try again next tick)
            log.exception("worker tick failed")
        stop.wait(interval)
    log.info("worker %s stopped", who)


def start_in_thread(engine: Engine, interval: float = 2.0) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    t = threading.Thread(target=run_worker, args=(engine, stop, interval), name="concord-worker", daemon=True)
    t.start()
    return t, stop
