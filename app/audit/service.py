"""The append-only audit log: every change writes one event in the change's transaction."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..models import AuditEvent, User, utcnow

_LOCK_KEY = 0x0C0C0A0D  # PostgreSQL advisory lock serialising the hash chain


def _event_hash(prev_hash: str, at: str, actor: str, action: str, object_type: str, object_id: str,
                details: dict) -> str:
    payload = json.dumps([prev_hash, at, actor, action, object_type, object_id, details],
                         ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, actor: User | None, action: str, object_type: str, object_id, details: dict | None = None
           ) -> AuditEvent:
    """Add an audit event to the current transaction (flush only; the edge commits)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or ""
    at = utcnow()
    details = details or {}
    actor_name = actor.email if actor else "system"
    ev = AuditEvent(
        at=at, actor_id=actor.id if actor else None, actor=actor_name, action=action,
        object_type=object_type, object_id=str(object_id), details=details, prev_hash=prev,
        hash=_event_hash(prev, at.isoformat(), actor_name, action, object_type, str(object_id), details),
    )
    session.add(ev)
    session.flush()
    return ev


def verify_chain(session: Session) -> bool:
    prev = ""
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        if ev.prev_hash != prev:
            return False
        if ev.hash != _event_hash(prev, ev.at.isoformat(), ev.actor, ev.action, ev.object_type, ev.object_id,
                                  ev.details):
            return False
        prev = ev.hash
    return True


def list_events(session: Session, *, object_type: str | None = None, object_id: str | None = None,
                action: str | None = None, limit: int = 200, before_id: int | None = None) -> list[AuditEvent]:
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if object_type:
        q = q.where(AuditEvent.object_type == object_type)
    if object_id:
        q = q.where(AuditEvent.object_id == str(object_id))
    if action:
        q = q.where(AuditEvent.action == action)
    if before_id:
        q = q.where(AuditEvent.id < before_id)
    return list(session.scalars(q))
