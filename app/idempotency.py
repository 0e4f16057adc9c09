"""``Idempotency-Key`` on the API's POSTs: a repeated request is answered from its first answer.

A client that lost an answer (a timeout, a dropped connection, a double click) sends the same
POST again with the same ``Idempotency-Key`` header and gets the first answer back, with
``Idempotent-Replayed: true``; nothing is done twice. The rules:

- **Which requests.** Every ``POST /api/v1/...`` except logging in and out, when it carries the
  header (1 to 255 visible ASCII characters; else 422 ``idempotency_key_invalid``). A request
  without the header is untouched.
- **Whose key.** Keys are per user (the owner of the token or session), so two users never see
  each other's answers; an anonymous request is passed on untouched (and answered 401).
- **Same request.** The key is bound to a fingerprint of the method, path, query, content type
  and body (a multipart boundary, which a client draws anew for each attempt, is left out).
  The same key with another request is refused: 422 ``idempotency_key_reused``.
- **Exactly one effect, also under concurrency.** The key's row is inserted *in the request's
  own transaction* (by the request's session, ``app.deps``) before the endpoint runs: the row
  exists if and only if the effect was committed. Two identical requests at once, in one
  process or several, on SQLite or PostgreSQL, race for that row's unique key; the loser's
  transaction is rolled back (no effect) and it is answered with the winner's answer once that
  is written. The answer (status, body, ``Content-Type``, ``Location``, ``ETag``) is written
  just after the commit; if the process dies in between, a repeat is told
  ``idempotency_answer_lost`` (409: the effect happened, read the current state).
- **Only successes are kept.** A 4xx or 5xx answer leaves nothing behind (its transaction was
  rolled back), so the request may simply be repeated.
- **Keys expire** after ``CONCORD_IDEMPOTENCY_TTL_HOURS`` (24 h): a repeat after that is a new
  request. Expired rows are swept whenever an answer is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .admission import gate_for
from .config import get_settings
from .db import get_engine, transaction
from .errors import AppError, Conflict, Unprocessable
from .models import IdempotencyKey
from .models.base import utcnow

HEADER = b"idempotency-key"
REPLAYED = "Idempotent-Replayed"
KEPT_HEADERS = ("content-type", "location", "etag")
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_BOUNDARY = re.compile(rb"boundary=\"?([^\";]+)\"?", re.IGNORECASE)
# A visible row without an answer means the effect is committed and the answer is being written
# (milliseconds later, after the writer's turn), or was lost with its process. A repeat waits for
# it this long, then calls it lost if the request began longer than LOST_AFTER ago.
WAIT_SECONDS = 5.0
LOST_AFTER = timedelta(seconds=5)
_K = IdempotencyKey


def covered(method: str, path: str) -> bool:
    return method == "POST" and path.startswith("/api/v1/") and not path.startswith("/api/v1/auth/")


def fingerprint(method: str, path: str, query: bytes, content_type: bytes, body: bytes) -> str:
    ctype = content_type.split(b";")[0].strip().lower()
    m = _BOUNDARY.search(content_type)
    if ctype.startswith(b"multipart/") and m:
        body = body.replace(m.group(1), b"BOUNDARY")
    h = hashlib.sha256()
    for part in (method.encode(), path.encode("utf-8", "surrogateescape"), query, ctype):
        h.update(len(part).to_bytes(8, "big") + part)
    h.update(body)
    return h.hexdigest()


@dataclass
class Claim:
    """One request's key, as the request's session inserts it (see ``app.deps._db``)."""

    user_id: int
    key: str
    fingerprint: str
    request: str
    expires_at: datetime
    lost_race: bool = field(default=False)

    def insert(self, session: Session) -> None:
        """Insert the key's row in the request's transaction; a parallel twin makes this fail
        (unique key), which rolls the twin's whole request back."""
        try:
            session.execute(insert(_K).values(
                user_id=self.user_id, key=self.key, fingerprint=self.fingerprint, request=self.request[:600],
                status_code=None, headers="{}", body=None, created_at=utcnow(), expires_at=self.expires_at))
        except IntegrityError:
            self.lost_race = True
            raise


@dataclass
class Stored:
    fingerprint: str
    status_code: int | None
    headers: dict[str, str]
    body: bytes
    created_at: datetime
    expires_at: datetime


def _user_id(engine: Engine, headers: dict[bytes, bytes]) -> int | None:
    from .accounts.service import resolve_token
    from .deps import SESSION_COOKIE

    auth = headers.get(b"authorization", b"").decode("latin-1")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else None
    if token is None:
        cookie = Request({"type": "http", "headers": [(b"cookie", headers.get(b"cookie", b""))]}).cookies
        token = cookie.get(SESSION_COOKIE)
    if not token:
        return None
    with transaction(engine, readonly=True) as s:
        found = resolve_token(s, token)
        return found[0].id if found else None


def _lookup(engine: Engine, user_id: int, key: str) -> Stored | None:
    with transaction(engine, readonly=True) as s:
        row = s.scalar(select(_K).where(_K.user_id == user_id, _K.key == key))
        if row is None:
            return None
        return Stored(row.fingerprint, row.status_code, json.loads(row.headers or "{}"), row.body or b"",
                      row.created_at, row.expires_at)


def _forget_expired(engine: Engine, user_id: int, key: str) -> None:
    with transaction(engine) as s:
        s.execute(delete(_K).where(_K.user_id == user_id, _K.key == key, _K.expires_at <= utcnow()))


def _store(engine: Engine, claim: Claim, status: int, headers: dict[str, str], body: bytes) -> None:
    values = {"status_code": status, "headers": json.dumps(headers), "body": body}
    with transaction(engine) as s:
        done = s.scalars(update(_K).where(_K.user_id == claim.user_id, _K.key == claim.key,
                                          _K.fingerprint == claim.fingerprint, _K.status_code.is_(None))
                         .values(**values).returning(_K.id)).all()
        if not done:  # an endpoint that took no session: nothing claimed the key
            s.execute(insert(_K).values(user_id=claim.user_id, key=claim.key, fingerprint=claim.fingerprint,
                                            request=claim.request[:600], created_at=utcnow(),
                                            expires_at=claim.expires_at, **values))
        s.execute(delete(_K).where(_K.expires_at <= utcnow()))


def _engine(scope: Scope) -> Engine:
    app = scope.get("app")
    return getattr(getattr(app, "state", None), "engine", None) or get_engine()


class IdempotencyMiddleware:
    """Pure ASGI; sits inside ``LimitsMiddleware``, so the body it reads is already capped."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not covered(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        raw_key = headers.get(HEADER)
        if raw_key is None:
            await self.app(scope, receive, send)
            return
        key = raw_key.decode("latin-1")
        if not _KEY.match(key):
            await _send_error(scope, send, Unprocessable(code="idempotency_key_invalid"))
            return
        engine = _engine(scope)
        gate = gate_for(engine)
        async with gate.admit(write=False):
            user_id = await run_in_threadpool(_user_id, engine, headers)
        if user_id is None:  # anonymous or a bad token: the endpoint answers 401
            await self.app(scope, receive, send)
            return

        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        claim = Claim(user_id, key, fingerprint(scope["method"], scope["path"], scope.get("query_string", b""),
                                                headers.get(b"content-type", b""), body),
                      f"{scope['method']} {scope['path']}",
                      utcnow() + timedelta(hours=get_settings().idempotency_ttl_hours))

        async with gate.admit(write=False):
            found = await run_in_threadpool(_lookup, engine, user_id, key)
        if found is not None and found.expires_at <= utcnow():
            async with gate.admit(write=True):
                await run_in_threadpool(_forget_expired, engine, user_id, key)
            found = None
        if found is not None:
            await self._answer_from(scope, send, engine, claim, found)
            return

        scope.setdefault("state", {})["idempotency"] = claim
        sent = False

        async def replay_receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        start: Message | None = None
        parts: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, replay_receive, capture)
        if start is None:
            return
        if claim.lost_race:  # a twin committed first: answer as it did
            async with gate.admit(write=False):
                found = await run_in_threadpool(_lookup, engine, user_id, key)
            if found is not None:
                await self._answer_from(scope, send, engine, claim, found)
                return
        status = int(start["status"])
        answer = b"".join(parts)
        if 200 <= status < 300:
            kept = {k.decode("latin-1"): v.decode("latin-1") for k, v in start.get("headers", [])
                    if k.decode("latin-1").lower() in KEPT_HEADERS}
            async with gate.admit(write=True):
                await run_in_threadpool(_store, engine, claim, status, kept, answer)
        await send(start)
        await send({"type": "http.response.body", "body": answer, "more_body": False})

    async def _answer_from(self, scope: Scope, send: Send, engine: Engine, claim: Claim, found: Stored) -> None:
        if found.fingerprint != claim.fingerprint:
            await _send_error(scope, send, Unprocessable(code="idempotency_key_reused"))
            return
        waited = 0.0
        while found.status_code is None and waited < WAIT_SECONDS:  # committed, answer not written yet
            await asyncio.sleep(0.05)
            waited += 0.05
            gate = gate_for(engine)
            async with gate.admit(write=False):
                again = await run_in_threadpool(_lookup, engine, claim.user_id, claim.key)
            if again is None:
                break
            found = again
        if found.status_code is None:
            lost = utcnow() - found.created_at > LOST_AFTER
            err: AppError = (Conflict(code="idempotency_answer_lost") if lost else
                             Conflict(code="idempotency_in_progress", headers={"Retry-After": "1"}))
            await _send_error(scope, send, err)
            return
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in found.headers.items()]
        headers += [(REPLAYED.lower().encode(), b"true"), (b"content-length", str(len(found.body)).encode())]
        await send({"type": "http.response.start", "status": found.status_code, "headers": headers})
        await send({"type": "http.response.body", "body": found.body, "more_body": False})


async def _send_error(scope: Scope, send: Send, error: AppError) -> None:
    from .middleware.limits import send_error

    await send_error(scope, send, error)
