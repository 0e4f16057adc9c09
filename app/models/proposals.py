from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.enums import ProposalStatus
from .base import Base, UTCDateTime, utcnow

PROPOSAL_STATUSES: tuple[ProposalStatus, ...] = tuple(ProposalStatus)
PENDING = (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED)
DECISIONS = (ProposalStatus.ACCEPTED, ProposalStatus.ACCEPTED_MODIFIED, ProposalStatus.REJECTED,
             ProposalStatus.MERGED, ProposalStatus.NOTED)
ANCHOR_STATES = ("current", "carried", "applied", "needs_attention", "orphaned")


class ProposalWindow(Base):
    """A draft version open for proposals until a deadline (UTC)."""

    __tablename__ = "proposal_windows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class Proposal(Base):
    __tablename__ = "proposals"
    __table_args__ = (
        Index("ix_proposals_draft_clause", "draft_id", "clause_key"),
        Index("ix_proposals_draft_status", "draft_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    state_iso3: Mapped[str] = mapped_column(ForeignKey("member_states.iso3"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    base_version: Mapped[int] = mapped_column(Integer)  # the version it was made against
    current_version: Mapped[int] = mapped_column(Integer)  # the version it is anchored to now
    kind: Mapped[str] = mapped_column(String(10))  # replace | insert | delete | move | comment
    clause_key: Mapped[str | None] = mapped_column(String(40), nullable=True)  # target or anchor
    position: Mapped[str | None] = mapped_column(String(12), nullable=True)  # insert/move: before|after|last_child
    anchor_key: Mapped[str | None] = mapped_column(String(40), nullable=True)  # move: where to
    new_clause_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    quoted_text: Mapped[str] = mapped_column(Text, default="")
    quoted_heading: Mapped[str] = mapped_column(Text, default="")
    proposed_text: Mapped[str] = mapped_column(Text, default="")
    proposed_heading: Mapped[str | None] = mapped_column(Text, nullable=True)
    proposed_label: Mapped[str | None] = mapped_column(String(100), nullable=True)  # insert: "2.5 bis" as typed
    patch: Mapped[str] = mapped_column(Text, default="")
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    rationale: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    anchor_status: Mapped[str] = mapped_column(String(20), default="current")
    anchor_note: Mapped[str] = mapped_column(Text, default="")  # in English; the page shows the code's sentence
    anchor_note_code: Mapped[str] = mapped_column(String(40), default="")  # core/clauses/messages.STORED_TEXTS
    anchor_note_params: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    modified_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    modified_heading: Mapped[str | None] = mapped_column(Text, nullable=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), nullable=True)
    meeting_ref: Mapped[str] = mapped_column(String(200), default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    consolidated_in: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_key: Mapped[str | None] = mapped_column(String(40), nullable=True)
    source: Mapped[str] = mapped_column(String(20), default="api")  # api | web | docx
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class Cosponsor(Base):
    __tablename__ = "proposal_cosponsors"

    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), primary_key=True)
    state_iso3: Mapped[str] = mapped_column(ForeignKey("member_states.iso3"), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="invited")  # invited | accepted | declined
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AnchorEvent(Base):
    """What happened to a pending proposal when a new version was consolidated (insert-only)."""

    __tablename__ = "proposal_anchor_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    from_version: Mapped[int] = mapped_column(Integer)
    to_version: Mapped[int] = mapped_column(Integer)
    result: Mapped[str] = mapped_column(String(20))  # carried | applied | needs_attention | orphaned
    note: Mapped[str] = mapped_column(Text, default="")
    old_text: Mapped[str] = mapped_column(Text, default="")
    new_text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VersionChange(Base):
    """Which proposal (and so which state) changed which clause of a consolidated version (insert-only)."""

    __tablename__ = "version_changes"
    __table_args__ = (Index("ix_version_changes_version", "version_id", "clause_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    clause_key: Mapped[str] = mapped_column(String(40))
    change: Mapped[str] = mapped_column(String(10))  # replace | insert | delete | move
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), nullable=True)
    state_iso3: Mapped[str | None] = mapped_column(String(3), nullable=True)  # None: the secretariat (editorial)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
