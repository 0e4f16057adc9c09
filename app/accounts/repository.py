from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuthSession, MemberState, User


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def session_by_token_hash(session: Session, th: str) -> AuthSession | None:
    return session.scalar(select(AuthSession).where(AuthSession.token_hash == th))


def session_and_user_by_token_hash(session: Session, th: str) -> tuple[AuthSession, User] | None:
    """The session row and its user in one query (every authenticated request asks)."""
    row = session.execute(select(AuthSession, User).join(User, User.id == AuthSession.user_id)
                          .where(AuthSession.token_hash == th)).first()
    return None if row is None else (row[0], row[1])


def member_states(session: Session) -> list[MemberState]:
    return list(session.scalars(select(MemberState).order_by(MemberState.iso3)))


def member_state(session: Session, iso3: str) -> MemberState | None:
    return session.get(MemberState, iso3.upper())


def login_failures(session: Session, key: str, value: str, since, limit: int) -> list:
    """The times of the newest failed logins (at most ``limit``) for an e-mail or an address since ``since``."""
    from ..models import LoginFailure

    column = LoginFailure.email if key == "email" else LoginFailure.address
    return list(session.scalars(select(LoginFailure.at).where(column == value, LoginFailure.at >= since)
                                .order_by(LoginFailure.at.desc()).limit(limit)))
