"""The note register (notes verbales) and the name forms the notes are written with."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.enums import NoteStatus
from .base import Base, UTCDateTime, utcnow

NOTE_STATUSES: tuple[NoteStatus, ...] = tuple(NoteStatus)
ENTITY_KINDS = ("organisation", "addressee", "body", "title", "place", "agenda item")


class NoteEntity(Base):
    """A named thing (organisation, addressee, body, draft title, place, agenda item) with its forms.

    ``forms`` is the core's :data:`app.core.notes.model.NameForms`: ``{lang: {form: text}}``.
    Editable data (an officer corrects a case ending); an issued note keeps a copy of the
    entities it was written with, so later edits do not change it.
    """

    __tablename__ = "note_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    forms: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class Note(Base):
    """One note in the secretariat's register: number, date, place, kind, the draft it concerns, the facts.

    ``number`` is written as given ("NCT/CT/708"); ``series`` + ``seq`` ("NCT/CT", 708) is
    what is unique. ``facts`` holds the rest of the core's facts with entities by key
    (sender, addressees, title, meetings, enclosure_pages, deadline, agenda,
    enclosure_style); references to earlier notes are rows of :class:`NoteReference`.
    Editable while ``status`` is draft; issuing freezes it (``entities`` then holds the
    name forms it was written with and ``issued_hash`` the SHA-256 of its three texts).
    """

    __tablename__ = "notes"
    __table_args__ = (
        UniqueConstraint("series", "seq", name="uq_notes_series_seq"),
        Index("ix_notes_draft_kind", "draft_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(80))
    series: Mapped[str] = mapped_column(String(60))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date] = mapped_column(Date)
    place_key: Mapped[str] = mapped_column(ForeignKey("note_entities.key"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"), nullable=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), nullable=True)
    facts: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    entities: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    issued_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    issued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class NoteReference(Base):
    """An earlier note a note refers to: a note of the register (``ref_note_id``) or an outside one.

    ``number`` and ``date`` are always filled: for a register note they are copied from
    the register when the referring note is saved and again when it is issued.
    """

    __tablename__ = "note_references"
    __table_args__ = (UniqueConstraint("note_id", "position", name="uq_note_references_note_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"))
    position: Mapped[int] = mapped_column(Integer)
    ref_note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id"), nullable=True, index=True)
    number: Mapped[str] = mapped_column(String(80))
    date: Mapped[dt.date] = mapped_column(Date)
