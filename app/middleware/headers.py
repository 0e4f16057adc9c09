"""Security headers on every response (pure ASGI).

- ``Content-Security-Policy``: no inline script at all; styles from our own files, plus the one
  inline stylesheet of the comparison page, allowed by its hash; ``frame-ancestors 'none'``.
  The interactive API docs (/docs, /redoc) load their script from a CDN and get no CSP.
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin``, ``X-Frame-Options: DENY``.
- ``Cache-Control: no-store`` on every response to a request that carries credentials.
- ``Strict-Transport-Security`` in production.
"""

from __future__ import annotations

import base64
import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import get_settings

UNGUARDED = ("/docs", "/redoc", "/openapi.json")


def _style_hashes() -> str:
    try:
        from ..core.compare.html import REDLINE_CSS
    except ImportError:  # pragma: no cover
        return ""
    digest = base64.b64encode(hashlib.sha256(str(REDLINE_CSS).encode()).digest()).decode()
    return f" 'sha256-{digest}'"


def content_security_policy() -> str:
    return ("default-src 'self'; script-src 'self'; style-src 'self'" + _style_hashes() + "; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app
        self.csp = content_security_policy().encode()
        self.hsts = get_settings().environment == "production"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = dict(scope.get("headers") or [])
        authenticated = (b"authorization" in request_headers
                         or b"concord_session=" in request_headers.get(b"cookie", b""))
        guarded = not scope["path"].startswith(UNGUARDED)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if not (authenticated and k.lower() == b"cache-control")]
                names = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                         (b"x-frame-options", b"DENY")]
                if guarded:
                    extra.append((b"content-security-policy", self.csp))
                if authenticated:
                    extra.append((b"cache-control", b"no-store"))
                if self.hsts:
                    extra.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
                headers += [(k, v) for k, v in extra if k not in names or k == b"cache-control"]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
