"""One error hierarchy carrying an HTTP status; JSON handlers for the API, HTML for pages."""

from __future__ import annotations


class AppError(Exception):
    status_code = 400

    def __init__(self, detail: str, *, status_code: int | None = None, headers: dict | None = None, extra=None):
        super().__init__(detail)
        self.detail = detail
        if status_code is not None:
            self.status_code = status_code
        self.headers = headers or {}
        self.extra = extra


class Unauthorized(AppError):
    status_code = 401

    def __init__(self, detail: str = "Authentication required.", **kw):
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class PreconditionFailed(AppError):
    status_code = 412


class TooLarge(AppError):
    status_code = 413


class UnsupportedMedia(AppError):
    status_code = 415


class Unprocessable(AppError):
    status_code = 422


class PreconditionRequired(AppError):
    status_code = 428
