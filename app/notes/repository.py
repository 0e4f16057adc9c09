"""Queries for the note register, note references and name forms (all written as select())."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, delete, false, select
from sqlalchemy.orm import Session

from ..models import Draft, Note, NoteEntity, NoteReference, User

# --- name forms ---------------------------------------------------------------------------


def entity(session: Session, key: str, *, for_update: bool = False) -> NoteEntity | None:
    q = select(NoteEntity).where(NoteEntity.key == key)
    return session.scalar(q.with_for_update() if for_update else q)


def entities(session: Session, keys: Iterable[str] | None = None) -> list[NoteEntity]:
    q = select(NoteEntity).order_by(NoteEntity.key)
    if keys is not None:
        keys = sorted(set(keys))
        if not keys:
            return []
        q = q.where(NoteEntity.key.in_(keys))
    return list(session.scalars(q))


def entity_keys(session: Session) -> set[str]:
    return set(session.scalars(select(NoteEntity.key)))


# --- notes --------------------------------------------------------------------------------


def get(session: Session, note_id: int, *, for_update: bool = False) -> Note | None:
    """A note; ``for_update`` locks its row (PostgreSQL) so that If-Match is checked against the latest."""
    return session.get(Note, note_id, with_for_update=for_update or None)


def by_number(session: Session, series: str, seq: int) -> Note | None:
    return session.scalar(select(Note).where(Note.series == series, Note.seq == seq))


def numbers_in_series(session: Session, series: str) -> list[str]:
    return list(session.scalars(select(Note.number).where(Note.series == series)))


def readable_notes(user: User | None) -> Select:
    """The one readable statement for notes: the secretariat and translators read every note;
    others read issued notes of drafts they can read (see drafts.repository.readable_draft_ids)."""
    from ..drafts.repository import ALL_DRAFTS_ROLES, readable_draft_ids

    if user is None or not user.active:
        return select(Note).where(false())
    if user.role in ALL_DRAFTS_ROLES:
        return select(Note)
    return select(Note).where(Note.status == "issued", Note.draft_id.in_(readable_draft_ids(user)))


def readable(session: Session, user: User | None, note_id: int, *, for_update: bool = False) -> Note | None:
    q = readable_notes(user).where(Note.id == note_id)
    return session.scalar(q.with_for_update() if for_update else q)


def list_for(session: Session, user: User, *, series: str | None = None, draft_id: int | None = None,
             kind: str | None = None, status: str | None = None, limit: int = 1000, offset: int = 0) -> list[Note]:
    """The notes this user may read: secretariat and translators all; others issued notes of drafts they see."""
    q = readable_notes(user)
    if series:
        q = q.where(Note.series == series)
    if draft_id is not None:
        q = q.where(Note.draft_id == draft_id)
    if kind:
        q = q.where(Note.kind == kind)
    if status:
        q = q.where(Note.status == status)
    return list(session.scalars(q.order_by(Note.date, Note.series, Note.seq).limit(limit).offset(offset)))


def draft(session: Session, draft_id: int) -> Draft | None:
    return session.get(Draft, draft_id)


# --- references ---------------------------------------------------------------------------


def references(session: Session, note_id: int) -> list[NoteReference]:
    return list(session.scalars(select(NoteReference).where(NoteReference.note_id == note_id)
                                .order_by(NoteReference.position)))


def notes_by_id(session: Session, ids: Iterable[int]) -> dict[int, Note]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {n.id: n for n in session.scalars(select(Note).where(Note.id.in_(ids)))}


def referred_by(session: Session, note_id: int) -> list[Note]:
    """Register notes that refer to this one."""
    return list(session.scalars(select(Note).join(NoteReference, NoteReference.note_id == Note.id)
                                .where(NoteReference.ref_note_id == note_id).order_by(Note.date, Note.id)))


def replace_references(session: Session, note_id: int, rows: list[dict]) -> None:
    """Delete the note's references and insert ``rows`` (executed at once, so positions can be reused)."""
    session.execute(delete(NoteReference).where(NoteReference.note_id == note_id))
    for position, row in enumerate(rows):
        session.add(NoteReference(note_id=note_id, position=position, **row))
    session.flush()


def draft_by_source(session: Session, source_name: str) -> Draft | None:
    return session.scalar(select(Draft).where(Draft.source_name == source_name).order_by(Draft.id).limit(1))
