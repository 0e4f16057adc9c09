"""How requests share the database, the threads and the clock, by design rather than by luck.

The rules, per server process (one event loop):

- **The instant that counts is when a request arrived.** :class:`ArrivalMiddleware` notes it
  (UTC) before anything waits; deadline checks use :func:`received_at`, not the time at which
  the request happens to be processed.
- **Writers are serialised before they start**, on the event loop (an ``asyncio.Lock``, first
  come first served), not in a thread: a waiting writer holds no thread, no connection and no
  database lock. On SQLite the writer that holds it begins ``BEGIN IMMEDIATE`` and never waits
  for the database's write lock (except behind another process, e.g. the CLI); on PostgreSQL it
  is the only one of its process waiting for the audit chain's advisory lock.
- **Reads never wait for the write lock**: a safe method (GET, HEAD, OPTIONS) takes one of the
  reader slots (``pool_size - 1``; SQLite WAL readers see the last commit).
- **No request waits for a connection while it holds one**: the slots (readers + the one
  writer) add up to the pool size, so a request that was admitted gets a connection at once.
- **No admitted request waits for a thread**: the thread limiter has ``pool_size + headroom``
  tokens; admitted requests use at most one thread each at a time, so the headroom is left for
  work that holds no connection (file reads, uploads).
- **The writer's turn is short** where it matters most (submitting a proposal, the deadline
  rush): such a request reads and checks everything in a reader slot first (:func:`read_turn`:
  authentication, the clause, the diff), lets it go, and only then takes the writer's turn
  (:func:`write_turn`) to check again what may have changed meanwhile (the window), insert and
  commit, in one trip to a thread. Only ``PREPARING`` writes are prepared at once: unbounded, a
  crowd of submissions took the reader slots and the CPU from the reads (reads p50 82 -> 267 ms
  under the 32-client load on SQLite); with one, the next write is prepared while the writer's
  turn commits the last (reads p50 136 ms, writes p50 1.96 -> 1.19 s, 68 -> 82 requests/s). Writers waiting for their turn at the same time are committed
  together (:func:`write_turn`): each in its own savepoint, all in one transaction, so one
  commit (one fsync) and one thread trip serve them all; a failing one rolls back its savepoint
  only and gets its own error.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import TypeVar

import anyio
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .config import get_settings
from .db import get_engine, session_factory

T = TypeVar("T")


#: writes prepared at once per process (see Gate.preparing)
PREPARING = 1


class Gate:
    """One writer at a time, and at most ``slots - 1`` readers, per engine and event loop."""

    def __init__(self, slots: int):
        self.slots = slots
        self.writer = asyncio.Lock()
        self.pending: list = []  # works waiting for the writer's turn (write_turn)
        self.readers = asyncio.Semaphore(max(1, slots - 1))
        # writes being prepared (read_turn(..., for_write=True)) at once: one is prepared while the
        # writer's turn commits the ones before it, but the writes never take every reader slot
        # and every CPU from the reads
        self.preparing = asyncio.Semaphore(PREPARING)

    @asynccontextmanager
    async def admit(self, *, write: bool) -> AsyncIterator[None]:
        async with self.writer if write else self.readers:
            yield


_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, Gate]] = weakref.WeakKeyDictionary()


def pool_slots(engine: Engine) -> int:
    size = getattr(engine.pool, "size", None)
    return int(size()) if callable(size) else get_settings().db_pool_size


def gate_for(engine: Engine) -> Gate:
    per_loop = _gates.setdefault(asyncio.get_running_loop(), {})
    gate = per_loop.get(id(engine))
    if gate is None:
        gate = per_loop[id(engine)] = Gate(pool_slots(engine))
    return gate


def size_thread_limiter(engine: Engine) -> int:
    """Give the running loop's default thread limiter one token per connection plus headroom."""
    import anyio.to_thread

    limiter = anyio.to_thread.current_default_thread_limiter()
    wanted = pool_slots(engine) + get_settings().thread_headroom
    if limiter.total_tokens < wanted:
        limiter.total_tokens = wanted
    return int(limiter.total_tokens)


_GC_DEFAULTS = gc.get_threshold()
GC_THRESHOLD = (50_000, 20, 20)


def tune_gc() -> None:
    """Keep collector pauses out of the hot paths: move what start-up made (modules, the app,
    the catalogs) to the permanent generation, which collections no longer walk, and collect
    the young generation every 50,000 allocations instead of 700, so building a 20,000-clause
    tree does not trigger hundreds of collections. Reference cycles are still collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def gc_defaults() -> None:
    """Back to the interpreter's behaviour (the benchmark's baseline)."""
    gc.unfreeze()
    gc.set_threshold(*_GC_DEFAULTS)


class ArrivalMiddleware:
    """Pure ASGI: notes when each request arrived (``scope["state"]["received_at"]``), and sizes
    the thread limiter of the running loop against the pool on its first request."""

    def __init__(self, app):
        self.app = app
        self._sized: weakref.WeakSet[asyncio.AbstractEventLoop] = weakref.WeakSet()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            scope.setdefault("state", {})["received_at"] = datetime.now(UTC)
            loop = asyncio.get_running_loop()
            if loop not in self._sized:
                engine = getattr(scope.get("app").state, "engine", None) if scope.get("app") else None
                if engine is not None:
                    size_thread_limiter(engine)
                if not self._sized:  # the first request of this process: start-up is over
                    tune_gc()
                self._sized.add(loop)
        await self.app(scope, receive, send)


def received_at(request) -> datetime:
    """When the request arrived (the middleware's note), or now when there is none (CLI, tests)."""
    at = getattr(request.state, "received_at", None)
    return at if at is not None else datetime.now(UTC)


# --- two-phase writes: read in a reader slot, then a short writer's turn -------------------------


def request_engine(request) -> Engine:
    return getattr(request.app.state, "engine", None) or get_engine()


async def read_turn(request, work: Callable[[Session], T], *, for_write: bool = False) -> T:
    """Run ``work(session)`` in a thread with a read-only session, in a reader slot (never behind
    the writer); the session is closed, and the slot let go, before this returns. ``for_write``:
    the first phase of a write, of which only ``PREPARING`` run at once (the reads keep the other
    slots)."""
    engine = request_engine(request)
    if for_write:
        async with gate_for(engine).preparing:
            return await read_turn(request, work)

    def run() -> T:
        session = session_factory(engine, readonly=True)()
        try:
            return work(session)
        finally:
            session.close()  # rolls the connection back; what was read stays loaded

    async with gate_for(engine).admit(write=False):
        return await run_in_threadpool(run)


async def write_turn(request, work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in the process's writer's turn, in a transaction that commits when it
    returns (rolls back when it raises). The request's ``Idempotency-Key`` row (app/idempotency.py)
    is inserted in the same transaction first, so it commits with the effect or not at all. The
    work must not wait for anything but the database; what it returns must be usable once its
    session is closed (no lazy loads).

    Works queued while the turn is taken are run together by whichever of them gets it first
    (:func:`_run_batch`): one transaction, a savepoint each, one commit. Each gets its own result
    or error; none is answered before the commit."""
    engine = request_engine(request)
    gate = gate_for(engine)
    job = _Job(work, request.scope.get("state", {}).get("idempotency"))
    gate.pending.append(job)
    try:
        async with gate.writer:
            while not job.done:  # its own job is first in line (the lock is FIFO): one batch takes it
                batch, gate.pending[:] = list(gate.pending[:MAX_BATCH]), gate.pending[MAX_BATCH:]
                with anyio.CancelScope(shield=True):  # once begun, it commits or rolls back, never half-way
                    await run_in_threadpool(_run_batch, engine, batch)
    except BaseException:
        if job in gate.pending:  # cancelled before any turn took it: it never runs
            gate.pending.remove(job)
        raise
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[return-value]


MAX_BATCH = 64


class _Job:
    __slots__ = ("work", "claim", "done", "result", "error")

    def __init__(self, work: Callable[[Session], object], claim) -> None:
        self.work, self.claim = work, claim
        self.done = False
        self.result: object = None
        self.error: BaseException | None = None

    def run(self, session: Session) -> None:
        if self.claim is not None:
            self.claim.insert(session)
        self.result = self.work(session)


def _run_batch(engine: Engine, jobs: list[_Job]) -> None:
    """The writer's turn: every job in one transaction; with more than one, each in a savepoint,
    so that one failing rolls back alone. A failed commit fails every job that had succeeded."""
    session = session_factory(engine)()
    try:
        if len(jobs) == 1:
            try:
                jobs[0].run(session)
            except Exception as exc:
                jobs[0].error = exc
                session.rollback()
        else:
            for job in jobs:
                savepoint = session.begin_nested()
                try:
                    job.run(session)
                    savepoint.commit()
                except Exception as exc:
                    job.error = exc
                    savepoint.rollback()  # this job's statements only
        if any(job.error is None for job in jobs):
            session.commit()
    except Exception as exc:
        session.rollback()
        for job in jobs:
            if job.error is None:
                job.error, job.result = exc, None
    finally:
        session.close()
        for job in jobs:
            job.done = True
