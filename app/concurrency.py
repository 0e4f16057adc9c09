"""Writes that lose a race answer 409 (or 412), with a clear message, on every database.

On PostgreSQL (READ COMMITTED) two requests can read the same row version; the second
UPDATE then matches no row and SQLAlchemy raises ``StaleDataError``. Serialization
failures (40001), deadlocks (40P01), lock timeouts (55P03) and a unique key taken by a
parallel insert (23505) are the same story. :func:`concurrency_error` turns them into an
:class:`~app.errors.AppError`; ``create_app`` registers it for :data:`CONCURRENCY_ERRORS`.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from .errors import AppError, Conflict

CONCURRENCY_ERRORS: tuple[type[Exception], ...] = (StaleDataError, OperationalError, IntegrityError)

_SERIALIZATION = {"40001", "40P01"}
_LOCKED = {"55P03", "57014"}
_UNIQUE = {"23505"}


def _sqlstate(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")


def concurrency_error(exc: Exception) -> AppError | None:
    """The error to answer for a database exception that means a lost race; None if it is not one."""
    if isinstance(exc, StaleDataError):
        return Conflict(code="concurrent_change")
    state = _sqlstate(exc)
    message = str(getattr(exc, "orig", exc)).lower()
    if isinstance(exc, OperationalError):
        if state in _SERIALIZATION:
            return Conflict(code="concurrent_change")
        if state in _LOCKED or "database is locked" in message:
            return Conflict(code="database_busy", headers={"Retry-After": "1"})
        return None
    if isinstance(exc, IntegrityError):
        if state in _UNIQUE or "unique constraint" in message:
            return Conflict(code="duplicate")
        return None
    return None
