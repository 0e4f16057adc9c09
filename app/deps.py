"""Request-scoped dependencies: the database session (committed at the edge) and the user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from .accounts.security import same
from .accounts.service import resolve_token
from .db import get_engine, transaction
from .errors import Forbidden, Unauthorized
from .models import AuthSession, User

SESSION_COOKIE = "concord_session"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _db(request: Request) -> Iterator[Session]:
    engine = getattr(request.app.state, "engine", None) or get_engine()
    with transaction(engine, readonly=request.method in SAFE_METHODS) as session:
        yield session


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


CurrentUser = Annotated[User, Depends(current_user)]
OptionalUser = Annotated[User | None, Depends(optional_user)]
