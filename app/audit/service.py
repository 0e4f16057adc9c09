"""The append-only audit log: every change writes one event in the change's transaction."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from ..config import get_settings
from ..models import AuditCheckpoint, AuditEvent, User, utcnow

_LOCK_KEY = 0x0C0C0A0D  # PostgreSQL advisory lock serialising the hash chain
_HEAD = "concord.audit_head"  # session.info: (transaction, the last event this transaction recorded)


def _event_hash(prev_hash: str, at: str, actor: str, action: str, object_type: str, object_id: str,
                details: dict) -> str:
    payload = json.dumps([prev_hash, at, actor, action, object_type, object_id, details],
                         ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(session: Session, actor: User | None, action: str, object_type: str, object_id, details: dict | None = None
           ) -> AuditEvent:
    """Add an audit event to the current transaction (flush only; the edge commits)."""
    prev = _head(session)
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
    _advance_checkpoint(session, ev, prev)
    session.info[_HEAD] = (session.get_transaction(), ev)
    return ev


def _head(session: Session) -> str:
    """The hash the next event chains to. The chain's lock (PostgreSQL: an advisory lock; SQLite:
    the write transaction) is held until the transaction ends, so within one transaction the
    event it recorded last is still the newest: a second event (a submission recorded as two
    steps, a batch of them) needs neither the lock again nor a query. Not after a savepoint that
    held it was rolled back (the event is gone from the session), nor in another transaction."""
    cached = session.info.get(_HEAD)
    if cached is not None:
        txn, last = cached
        current = session.get_transaction()
        if current is not None and txn is current and current.is_active and last in session \
                and inspect(last).persistent:
            return last.hash
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    return session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or ""


# --- the signed checkpoint and verification ---------------------------------------------------


def checkpoint_mac(event_id: int, head_hash: str, verified_id: int) -> str:
    """HMAC-SHA256 of the chain head with the application's secret key."""
    msg = f"concord-audit:{event_id}:{head_hash}:{verified_id}".encode()
    return hmac.new(get_settings().secret_key.encode(), msg, hashlib.sha256).hexdigest()


def _sign(cp: AuditCheckpoint) -> None:
    cp.mac = checkpoint_mac(cp.event_id, cp.head_hash, cp.verified_id)
    cp.at = utcnow()


def _advance_checkpoint(session: Session, ev: AuditEvent, prev: str) -> None:
    """Move the signed head to ``ev`` (under the chain's lock). The new event was built here on
    ``prev``; if everything up to ``prev`` was verified and ``prev`` is the signed head, it is
    verified too, so that checks stay incremental."""
    cp = session.get(AuditCheckpoint, 1)
    if cp is None:
        first = ev.prev_hash == ""
        cp = AuditCheckpoint(id=1, event_id=ev.id, head_hash=ev.hash, verified_id=ev.id if first else 0)
        _sign(cp)
        session.add(cp)
    else:
        trusted = (hmac.compare_digest(cp.mac, checkpoint_mac(cp.event_id, cp.head_hash, cp.verified_id))
                   and cp.verified_id == cp.event_id and cp.head_hash == prev)
        cp.event_id, cp.head_hash = ev.id, ev.hash
        if trusted:
            cp.verified_id = ev.id
        _sign(cp)
    session.flush()


@dataclass
class Verification:
    valid: bool
    checked: int  # events whose hashes were recomputed
    events: int  # events in the chain
    broken_at: int | None = None  # the first event that does not hold
    reason: str = ""

    def json(self) -> dict:
        return {"valid": self.valid, "checked": self.checked, "events": self.events, "broken_at": self.broken_at,
                "reason": self.reason}


def verify(session: Session, *, full: bool = False, advance: bool = False) -> Verification:
    """Check the hash chain and its signed head.

    Incremental (default): the signed checkpoint must match the newest event, and the events
    after the last verified one are recomputed. ``full`` recomputes every event from the first.
    ``advance`` records how far the chain was verified (the caller commits).
    """
    # the checkpoint, the newest id and the count in one statement: one snapshot, even while others write
    max_id = select(func.max(AuditEvent.id)).scalar_subquery()
    total = select(func.count()).select_from(AuditEvent).scalar_subquery()
    row = session.execute(select(AuditCheckpoint, max_id, total).where(AuditCheckpoint.id == 1)).first()
    if row is None:
        head_id = session.scalar(select(func.max(AuditEvent.id)))
        if head_id is not None:
            return Verification(False, 0, 0, head_id, "the chain has events but no signed checkpoint")
        return Verification(True, 0, 0)
    cp, head_id, count = row
    if not hmac.compare_digest(cp.mac, checkpoint_mac(cp.event_id, cp.head_hash, cp.verified_id)):
        return Verification(False, 0, count, cp.event_id, "the checkpoint's signature does not match "
                            "(rewritten, or signed with another secret key)")
    if head_id is None or head_id < cp.event_id:
        return Verification(False, 0, count, cp.event_id, f"the chain ends before the signed head "
                            f"(event {cp.event_id}): events were deleted")
    signed = session.get(AuditEvent, cp.event_id)
    if signed is None or signed.hash != cp.head_hash:
        return Verification(False, 0, count, cp.event_id, f"event {cp.event_id} is not the signed head")
    if head_id != cp.event_id:
        return Verification(False, 0, count, cp.event_id + 1, "events after the signed head were added "
                            "outside Concord")
    start = 0 if full else cp.verified_id
    prev = ""
    if start:
        anchor = session.get(AuditEvent, start)
        if anchor is None:
            return Verification(False, 0, count, start, f"event {start} (verified earlier) is missing")
        prev = anchor.hash
    checked = 0
    last_id = start
    for ev in session.scalars(select(AuditEvent).where(AuditEvent.id > start, AuditEvent.id <= cp.event_id)
                              .order_by(AuditEvent.id).execution_options(yield_per=1000)):
        if ev.prev_hash != prev:
            return Verification(False, checked, count, ev.id, "its prev_hash is not the hash of the event before "
                                "it (an event was removed or changed)")
        if ev.hash != _event_hash(prev, ev.at.isoformat(), ev.actor, ev.action, ev.object_type, ev.object_id,
                                  ev.details):
            return Verification(False, checked, count, ev.id, "its content does not match its hash")
        prev = ev.hash
        last_id = ev.id
        checked += 1
    if advance and last_id != cp.verified_id:
        cp.verified_id = last_id
        _sign(cp)
        session.flush()
    return Verification(True, checked, count)


def verify_chain(session: Session) -> bool:
    """Incremental check, as GET /audit shows it."""
    return verify(session).valid


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
