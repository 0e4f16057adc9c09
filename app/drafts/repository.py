"""Queries for drafts, versions, clauses and translations (all written as select())."""

from __future__ import annotations

from sqlalchemy import Select, false, func, insert, select
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

#: roles that read every draft (the secretariat and its translators)
ALL_DRAFTS_ROLES = ("admin", "secretariat", "translator")


def readable_draft_ids(user: User | None) -> Select:
    """The ids of the drafts this user may read: every draft for the secretariat and its translators;
    for a delegate the drafts their state takes part in; for an observer those shared with them."""
    if user is None or not user.active:
        return select(Draft.id).where(false())
    if user.role in ALL_DRAFTS_ROLES:
        return select(Draft.id)
    if user.role == "delegate" and user.state_iso3:
        return select(DraftParticipant.draft_id).where(DraftParticipant.state_iso3 == user.state_iso3)
    if user.role == "observer":
        return select(DraftShare.draft_id).where(DraftShare.user_id == user.id)
    return select(Draft.id).where(false())


def readable_drafts(user: User | None) -> Select:
    """The one readable statement for drafts (lists and single reads both start from it)."""
    return select(Draft).where(Draft.id.in_(readable_draft_ids(user)))


def readable_draft(session: Session, user: User | None, draft_id: int) -> Draft | None:
    return session.scalar(readable_drafts(user).where(Draft.id == draft_id))


def list_drafts_for(session: Session, user: User) -> list[Draft]:
    return list(session.scalars(readable_drafts(user).order_by(Draft.id)))


def participants(session: Session, draft_id: int) -> list[str]:
    return list(session.scalars(select(DraftParticipant.state_iso3).where(DraftParticipant.draft_id == draft_id)
                                .order_by(DraftParticipant.state_iso3)))


def versions(session: Session, draft_id: int) -> list[Version]:
    return list(session.scalars(select(Version).where(Version.draft_id == draft_id).order_by(Version.number)))


def version(session: Session, draft_id: int, number: int) -> Version | None:
    return session.scalar(select(Version).where(Version.draft_id == draft_id, Version.number == number))


def latest_version(session: Session, draft_id: int) -> Version | None:
    return session.scalar(select(Version).where(Version.draft_id == draft_id).order_by(Version.number.desc()).limit(1))


def current_version(session: Session, draft_id: int) -> Version:
    """The draft's latest version; every draft has one from its creation on (version 1)."""
    v = latest_version(session, draft_id)
    if v is None:
        raise LookupError(f"draft {draft_id} has no version")
    return v


def existing_version(session: Session, draft_id: int, number: int) -> Version:
    """Version ``number`` of a draft, known to exist (an agenda item's, a procedure's)."""
    v = version(session, draft_id, number)
    if v is None:
        raise LookupError(f"draft {draft_id} has no version {number}")
    return v


def max_version_number(session: Session, draft_id: int) -> int:
    return session.scalar(select(func.coalesce(func.max(Version.number), 0)).where(Version.draft_id == draft_id)) or 0


def clause_rows(session: Session, version_id: int) -> list[tuple]:
    """The version's clauses in document order, as plain tuples (fast to build a tree from)."""
    q = select(ClauseRow.key, ClauseRow.parent_key, ClauseRow.kind, ClauseRow.num_style, ClauseRow.num_pattern,
               ClauseRow.label, ClauseRow.heading, ClauseRow.text, ClauseRow.content_hash).where(
        ClauseRow.version_id == version_id).order_by(ClauseRow.position)
    return [tuple(r) for r in session.execute(q)]


def clause_row(session: Session, version_id: int, key: str) -> ClauseRow | None:
    """One clause of a version by its key (one indexed lookup, whatever the size of the draft)."""
    return session.scalar(select(ClauseRow).where(ClauseRow.version_id == version_id, ClauseRow.key == key))


def parent_key(session: Session, version_id: int, key: str) -> str | None:
    return session.scalar(select(ClauseRow.parent_key).where(ClauseRow.version_id == version_id,
                                                             ClauseRow.key == key))


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
