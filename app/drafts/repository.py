"""Queries for drafts, versions, clauses and translations (all written as select())."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..models import (
    ClauseRow,
    Draft,
    DraftParticipant,
    DraftProcedure,
    DraftShare,
    Translation,
    User,
    Version,
)


def list_drafts_for(session: Session, user: User) -> list[Draft]:
    q = select(Draft).order_by(Draft.id)
    if user.role == "delegate":
        q = q.join(DraftParticipant, DraftParticipant.draft_id == Draft.id).where(
            DraftParticipant.state_iso3 == user.state_iso3)
    elif user.role == "observer":
        q = q.join(DraftShare, DraftShare.draft_id == Draft.id).where(DraftShare.user_id == user.id)
    elif user.role not in ("admin", "secretariat", "translator"):
        return []
    return list(session.scalars(q))


def participants(session: Session, draft_id: int) -> list[str]:
    return list(session.scalars(select(DraftParticipant.state_iso3).where(DraftParticipant.draft_id == draft_id)
                                .order_by(DraftParticipant.state_iso3)))


def versions(session: Session, draft_id: int) -> list[Version]:
    return list(session.scalars(select(Version).where(Version.draft_id == draft_id).order_by(Version.number)))


def version(session: Session, draft_id: int, number: int) -> Version | None:
    return session.scalar(select(Version).where(Version.draft_id == draft_id, Version.number == number))


def latest_version(session: Session, draft_id: int) -> Version | None:
    return session.scalar(select(Version).where(Version.draft_id == draft_id).order_by(Version.number.desc()).limit(1))


def max_version_number(session: Session, draft_id: int) -> int:
    return session.scalar(select(func.coalesce(func.max(Version.number), 0)).where(Version.draft_id == draft_id))


def clause_rows(session: Session, version_id: int) -> list[tuple]:
    """The version's clauses in document order, as plain tuples (fast to build a tree from)."""
    q = select(ClauseRow.key, ClauseRow.parent_key, ClauseRow.kind, ClauseRow.num_style, ClauseRow.num_pattern,
               ClauseRow.heading, ClauseRow.text, ClauseRow.content_hash).where(
        ClauseRow.version_id == version_id).order_by(ClauseRow.position)
    return [tuple(r) for r in session.execute(q)]


def insert_clauses(session: Session, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(ClauseRow), rows)


def translations(session: Session, draft_id: int, lang: str, keys: list[str] | None = None) -> list[Translation]:
    q = select(Translation).where(Translation.draft_id == draft_id, Translation.lang == lang).order_by(Translation.id)
    if keys is not None and len(keys) < 500:
        q = q.where(Translation.clause_key.in_(keys))
    return list(session.scalars(q))


def procedure(session: Session, draft_id: int) -> DraftProcedure | None:
    return session.scalar(select(DraftProcedure).where(DraftProcedure.draft_id == draft_id))
