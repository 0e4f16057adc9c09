"""Users, member states, login and sessions."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from sqlalchemy.orm import Session

from ..audit.service import record
from ..config import get_settings
from ..errors import Conflict, TooManyRequests, Unauthorized, Unprocessable
from ..models import ROLES, AuthSession, LoginFailure, MemberState, User, utcnow
from . import repository as repo
from .security import hash_password, new_token, token_hash, verify_password
from .states import CICA_MEMBER_STATES, state_names

log = logging.getLogger("concord.auth")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def ensure_member_states(session: Session, actor: User | None = None) -> int:
    """Load the CICA member states (idempotent). Returns how many were added."""
    added = 0
    for iso3, iso2 in CICA_MEMBER_STATES.items():
        if repo.member_state(session, iso3) is None:
            names = state_names(iso2)
            session.add(MemberState(iso3=iso3, iso2=iso2, name_en=names["en"], name_ru=names["ru"],
                                    name_kk=names["kk"], active=True))
            added += 1
    if added:
        session.flush()
        record(session, actor, "member_states.load", "member_state", "*", {"added": added})
    return added


def create_user(session: Session, email: str, password: str, role: str, *, state: str | None = None,
                display_name: str = "", actor: User | None = None) -> User:
    email = email.strip().lower()
    if not EMAIL_RE.match(email):
        raise Unprocessable(code="email_invalid", email=email)
    if role not in ROLES:
        raise Unprocessable(code="role_unknown", value=role, roles=", ".join(ROLES))
    if len(password) < 8:
        raise Unprocessable(code="password_too_short", min=8)
    iso3 = None
    if role == "delegate":
        if not state:
            raise Unprocessable(code="delegate_state_needed")
        ms = repo.member_state(session, state)
        if ms is None:
            raise Unprocessable(code="member_state_unknown", state=state)
        iso3 = ms.iso3
    elif state:
        raise Unprocessable(code="state_only_delegates")
    if repo.user_by_email(session, email):
        raise Conflict(code="user_exists", email=email)
    user = User(email=email, password_hash=hash_password(password), role=role, state_iso3=iso3,
                display_name=display_name, active=True)
    session.add(user)
    session.flush()
    record(session, actor, "user.create", "user", user.id, {"email": email, "role": role, "state": iso3})
    return user


def _retry_after(times: list, limit: int, window: int) -> int:
    """Seconds until fewer than ``limit`` of these failures (newest first) remain in the window."""
    oldest_that_counts = times[limit - 1]
    return max(1, int((oldest_that_counts + timedelta(seconds=window) - utcnow()).total_seconds()) + 1)


def check_login_throttle(session: Session, email: str, address: str | None) -> None:
    """429 with Retry-After once an account or an address has too many recent failed logins."""
    s = get_settings()
    since = utcnow() - timedelta(seconds=s.login_window_seconds)
    for key, value, limit in (("email", email, s.login_max_failures_per_account),
                              ("address", address, s.login_max_failures_per_address)):
        if not value:
            continue
        times = repo.login_failures(session, key, value, since, limit)
        if len(times) >= limit:
            wait = _retry_after(times, limit, s.login_window_seconds)
            log.warning("login throttled: %s %s (%d failures), retry after %ss", key, value, len(times), wait)
            raise TooManyRequests(code="login_throttled", seconds=wait, headers={"Retry-After": str(wait)})


def authenticate(session: Session, email: str, password: str, *, address: str | None = None) -> User:
    """The user with these credentials. A failure is recorded (flush: the caller commits it even
    though it answers 401) in the failed-login table, the audit log and the log."""
    email = (email or "").strip().lower()[:320]
    address = (address or "")[:64]
    check_login_throttle(session, email, address)
    user = repo.user_by_email(session, email)
    ok = verify_password(password or "", user.password_hash if user else None)
    if not user or not ok or not user.active:
        session.add(LoginFailure(at=utcnow(), email=email, address=address))
        session.flush()
        record(session, None, "auth.login_failed", "user", user.id if user else "-",
               {"email": email, "address": address})
        log.warning("failed login for %r from %s", email, address or "?")
        raise Unauthorized(code="login_failed")
    return user


def open_session(session: Session, user: User, kind: str) -> tuple[str, AuthSession]:
    """Create a server-side session; returns the clear token (shown once) and the row."""
    token = new_token()
    row = AuthSession(token_hash=token_hash(token), user_id=user.id, kind=kind, csrf_token=new_token(),
                      created_at=utcnow(), expires_at=utcnow() + timedelta(hours=get_settings().session_hours))
    session.add(row)
    session.flush()
    record(session, user, "auth.login", "user", user.id, {"kind": kind})
    return token, row


def resolve_token(session: Session, token: str) -> tuple[User, AuthSession] | None:
    found = repo.session_and_user_by_token_hash(session, token_hash(token))  # one query, not two
    if found is None:
        return None
    row, user = found
    if row.revoked_at is not None or row.expires_at <= utcnow() or not user.active:
        return None
    return user, row


def revoke(session: Session, row: AuthSession, user: User) -> None:
    row.revoked_at = utcnow()
    session.flush()
    record(session, user, "auth.logout", "user", user.id, {"kind": row.kind})


# --- reads: what the pages show (they call the service, never the repository) ----------------------


def member_states(session: Session) -> list[MemberState]:
    return repo.member_states(session)


def user_by_email(session: Session, email: str) -> User | None:
    return repo.user_by_email(session, email)
