from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.enums import DraftStatus
from .base import Base, UTCDateTime, utcnow

DRAFT_STATUSES: tuple[DraftStatus, ...] = tuple(DraftStatus)


class Draft(Base):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    short_title: Mapped[str] = mapped_column(String(200), default="")
    authentic_lang: Mapped[str] = mapped_column(String(5), default="en")
    working_langs: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(30), default="drafting")
    next_key_seq: Mapped[int] = mapped_column(Integer, default=1)
    source_name: Mapped[str] = mapped_column(String(300), default="")
    numbering_policy: Mapped[str] = mapped_column(String(20), default="bis")  # NumberingPolicy
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}

    @property
    def languages(self) -> list[str]:
        return [self.authentic_lang] + [lang for lang in (self.working_langs or []) if lang != self.authentic_lang]


class DraftParticipant(Base):
    """A member state taking part in a draft's negotiation (its delegates can read it)."""

    __tablename__ = "draft_participants"

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), primary_key=True)
    state_iso3: Mapped[str] = mapped_column(ForeignKey("member_states.iso3"), primary_key=True)


class DraftShare(Base):
    """A draft shared with one observer."""

    __tablename__ = "draft_shares"

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class Version(Base):
    """An immutable snapshot of a draft's text (insert-only, enforced in the database)."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("draft_id", "number", name="uq_versions_draft_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300), default="")
    label_code: Mapped[str] = mapped_column(String(40), default="")  # a label Concord wrote (STORED_TEXTS)
    label_params: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    hash: Mapped[str] = mapped_column(String(64))
    clause_count: Mapped[int] = mapped_column(Integer, default=0)
    base_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClauseRow(Base):
    """One clause of one version, in document order (insert-only)."""

    __tablename__ = "clauses"
    __table_args__ = (
        UniqueConstraint("version_id", "key", name="uq_clauses_version_key"),
        Index("ix_clauses_version_position", "version_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    key: Mapped[str] = mapped_column(String(40))
    parent_key: Mapped[str | None] = mapped_column(String(40), nullable=True)
    position: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    num_style: Mapped[str] = mapped_column(String(20))
    num_pattern: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(100), default="")  # the number label as written (data)
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))


class Translation(Base):
    """A translation of one clause, made from the source text whose hash it records.

    Insert-only: setting a translation again adds a row; the newest row made from the
    current source text is current, an older source makes it stale.
    """

    __tablename__ = "translations"
    __table_args__ = (Index("ix_translations_lookup", "draft_id", "lang", "clause_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    clause_key: Mapped[str] = mapped_column(String(40))
    lang: Mapped[str] = mapped_column(String(5))
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    source_hash: Mapped[str] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
