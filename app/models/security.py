from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class LoginFailure(Base):
    """One failed login (kept for throttling per account and per address)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_email_at", "email", "at"),
                      Index("ix_login_failures_address_at", "address", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    email: Mapped[str] = mapped_column(String(320), default="")
    address: Mapped[str] = mapped_column(String(64), default="")


class AuditCheckpoint(Base):
    """The audit chain's head, signed with the application's secret key (HMAC-SHA256).

    One row (id 1), moved forward with every event; verification continues from it, and a
    chain rewritten or truncated below it no longer matches the signature."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    verified_id: Mapped[int] = mapped_column(Integer, default=0)
    mac: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IdempotencyKey(Base):
    """One ``Idempotency-Key`` a user sent on a POST (app/idempotency.py).

    The row is inserted in the request's own transaction, so it exists exactly when the
    request's effect was committed; ``status_code`` and the rest of the answer are written
    just after, and a repeat of the request is answered from them until ``expires_at``."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_keys_user_key"),
                      Index("ix_idempotency_keys_expires_at", "expires_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    request: Mapped[str] = mapped_column(String(600), default="")  # "POST /api/v1/..." (for people reading)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    headers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the answer's replayed headers
    body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
