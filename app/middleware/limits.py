"""Request bodies are capped before they are read, per route, and user text is checked at the edge.

A pure ASGI middleware (no buffering by Starlette first):

- the cap for a request is chosen from its path and whether it carries credentials at all
  (an anonymous request gets a small cap, except the login form); a ``Content-Length`` over
  the cap is answered 413 at once, without reading a byte; a streamed (chunked) body is
  counted as it arrives and refused (413) as soon as it passes the cap;
- JSON and form bodies, and the query string, are checked for characters no text of ours may
  hold: NUL, the other C0 controls except tab, newline and carriage return, and lone
  surrogates. They are refused with 422 naming the field (PostgreSQL cannot store a NUL, and
  XML 1.0, hence Word, cannot hold the controls).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import get_settings
from ..errors import AppError, TooLarge, Unprocessable

_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

UPLOAD_PATHS = (re.compile(r"^/api/v1/drafts/import$"), re.compile(r"^/api/v1/drafts/\d+/proposals/import$"),
                re.compile(r"^/drafts/import$"), re.compile(r"^/drafts/\d+/proposals/import$"),
                re.compile(r"^/api/v1/drafts/\d+/versions/import$"), re.compile(r"^/drafts/\d+/versions/import$"))
LOGIN_PATHS = ("/api/v1/auth/token", "/login")


class EdgeError(HTTPException):
    """Raised from ``receive`` so that FastAPI's body parsing passes it on; carries the AppError."""

    def __init__(self, error: AppError):
        super().__init__(status_code=error.status_code, detail=error.detail)
        self.error = error


def bad_character(text: str) -> str | None:
    """The first character no stored text may hold, or None."""
    m = _BAD.search(text)
    return m.group(0) if m else None


def text_error(field: str, ch: str) -> AppError:
    if ch == "\x00":
        return Unprocessable(code="nul_character", field=field)
    return Unprocessable(code="control_character", field=field, codepoint=f"{ord(ch):04X}")


def check_json(value, path: str = "") -> AppError | None:
    """Walk a decoded JSON value; the error for the first string (or key) holding a bad character."""
    if isinstance(value, str):
        ch = bad_character(value)
        return text_error(path or "body", ch) if ch else None
    if isinstance(value, dict):
        for k, v in value.items():
            where = f"{path}.{k}" if path else str(k)
            ch = bad_character(str(k))
            if ch:
                return text_error(where, ch)
            err = check_json(v, where)
            if err:
                return err
    elif isinstance(value, list):
        for i, v in enumerate(value):
            err = check_json(v, f"{path}.{i}" if path else str(i))
            if err:
                return err
    return None


def check_pairs(pairs: list[tuple[str, str]]) -> AppError | None:
    for k, v in pairs:
        ch = bad_character(k) or bad_character(v)
        if ch:
            return text_error(k, ch)
    return None


def body_limit(path: str, method: str, headers: dict[bytes, bytes]) -> int:
    s = get_settings()
    if path in LOGIN_PATHS:
        return s.max_login_body_bytes
    authenticated = b"authorization" in headers or b"concord_session=" in headers.get(b"cookie", b"")
    if not authenticated:
        return s.max_anonymous_body_bytes
    if any(p.match(path) for p in UPLOAD_PATHS):
        return s.max_upload_bytes + 64 * 1024  # the file and the multipart framing
    return s.max_body_bytes


async def send_error(scope: Scope, send: Send, error: AppError) -> None:
    from ..main import error_response

    response = error_response(Request(scope), error)
    await response(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class LimitsMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        # the query string: refused before anything else
        query = scope.get("query_string", b"")
        if query:
            err = check_pairs(parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8",
                                        errors="surrogateescape"))
            if err:
                await send_error(scope, send, err)
                return
        limit = body_limit(scope["path"], scope["method"], headers)
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared > limit:
                await send_error(scope, send, TooLarge(code="body_too_large", limit=limit))
                return
        ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        check = ctype in (b"application/json", b"application/x-www-form-urlencoded") or ctype.endswith(b"+json")
        received = 0
        chunks: list[bytes] = []

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] != "http.request":
                return message
            body = message.get("body", b"")
            received += len(body)
            if received > limit:
                raise EdgeError(TooLarge(code="body_too_large", limit=limit))
            if check:
                chunks.append(body)
                if not message.get("more_body", False):
                    err = _check_body(ctype, b"".join(chunks))
                    chunks.clear()
                    if err:
                        raise EdgeError(err)
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except EdgeError as exc:  # raised outside FastAPI's handlers (e.g. by a page reading its form)
            if started:
                raise
            await send_error(scope, send, exc.error)


def _check_body(ctype: bytes, raw: bytes) -> AppError | None:
    if not raw:
        return None
    if ctype == b"application/x-www-form-urlencoded":
        return check_pairs(parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8",
                                     errors="surrogateescape"))
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None  # FastAPI answers 422 for bad JSON itself
    return check_json(value)
