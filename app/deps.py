"""Request-scoped dependencies: the database session (committed at the edge) and the user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from .accounts.security import same
from .accounts.service import resolve_token
from .admission import gate_for
from .db import get_engine, session_factory
from .errors import Forbidden, Unauthorized
from .models import AuthSession, User

SESSION_COOKIE = "concord_session"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


async def _db(request: Request) -> AsyncIterator[Session]:
    """The request's unit of work. Admission happens on the event loop (app/admission.py): a
    write request waits for the process's writer turn, a read for a reader slot, holding nothing
    meanwhile; the commit or rollback runs in a thread and cannot be cancelled half-way. A POST with
    an ``Idempotency-Key`` (app/idempotency.py) inserts the key's row first, in this transaction."""
    engine = getattr(request.app.state, "engine", None) or get_engine()
    write = request.method not in SAFE_METHODS
    async with gate_for(engine).admit(write=write):
        session = session_factory(engine, readonly=not write)()
        try:
            claim = request.state.idempotency if write and "idempotency" in request.scope.get("state", {}) else None
            if claim is not None:  # the Idempotency-Key's row commits with the request's effect, or not at all
                await run_in_threadpool(claim.insert, session)
            yield session
        except BaseException:
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(_end, session, False)
            raise
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(_end, session, write)


def _end(session: Session, commit: bool) -> None:
    """Commit (or roll back) and give the connection back, in one trip to a thread."""
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


# scope="function": the transaction ends (commit or rollback) before the response is sent.
DB = Annotated[Session, Depends(_db, scope="function")]


def _auth(request: Request, session: DB) -> tuple[User, AuthSession] | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found = resolve_token(session, header[7:].strip())
        if found is None:
            raise Unauthorized(code="token_invalid")
        return found
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = resolve_token(session, cookie)
        if found is None:
            return None
        user, row = found
        if request.method not in SAFE_METHODS:
            sent = request.headers.get("x-csrf-token") or ""
            if not sent or not same(sent, row.csrf_token):
                raise Forbidden(code="csrf_failed")
        return found
    return None


def current_user(request: Request, session: DB) -> User:
    found = _auth(request, session)
    if found is None:
        raise Unauthorized()
    request.state.auth_session = found[1]
    return found[0]


def optional_user(request: Request, session: DB) -> User | None:
    try:
        found = _auth(request, session)
    except (Unauthorized, Forbidden):
        return None
    if found:
        request.state.auth_session = found[1]
        return found[0]
    return None


def credentials_sent(request: Request) -> None:
    """Refuse (401) a request that carries no credentials at all, before its body is read or
    validated and without a database connection: for endpoints that authenticate later, in a
    phase of their own (the submission's reader slot), an anonymous caller still learns first
    that it must sign in, as on every other endpoint."""
    if not request.headers.get("authorization", "").lower().startswith("bearer ") \
            and not request.cookies.get(SESSION_COOKIE):
        raise Unauthorized()


CurrentUser = Annotated[User, Depends(current_user)]
OptionalUser = Annotated[User | None, Depends(optional_user)]
