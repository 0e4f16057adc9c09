"""The approval path: bodies, meetings, agenda, attendance, decisions, clause agreement, silence
procedures, signatures, scheduled jobs and notifications."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.enums import DecisionKind
from .base import Base, UTCDateTime, utcnow

DECISION_KINDS: tuple[DecisionKind, ...] = tuple(DecisionKind)
SILENCE_STATUSES = ("running", "broken", "agreed")
JOB_STATUSES = ("pending", "done", "failed")
ENTRY_RULES = ("last_signature", "days_after_last_notification")


class Body(Base):
    """A body that meets (Special Working Group, Senior Officials Committee, Ministerial Council).

    Its names in en/ru/kk and their grammatical forms are the name-forms entity ``key``
    (kind ``body``) that the notes are written with.
    """

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(ForeignKey("note_entities.key"), unique=True)
    rank: Mapped[int] = mapped_column(Integer, default=1)  # 1 working level, 2 senior officials, 3 ministers
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_starts_at", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)  # a UTC instant
    timezone: Mapped[str] = mapped_column(String(60))
    place_key: Mapped[str | None] = mapped_column(ForeignKey("note_entities.key"), nullable=True)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    online_url: Mapped[str] = mapped_column(String(500), default="")
    convening_note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id"), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class AgendaItem(Base):
    """A specific version of a draft before a meeting, optionally with the compilation of proposals."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "position", name="uq_agenda_items_meeting_position"),
                      Index("ix_agenda_items_draft", "draft_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    position: Mapped[int] = mapped_column(Integer)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    version_number: Mapped[int] = mapped_column(Integer)
    with_compilation: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(500), default="")


class Attendance(Base):
    """A member state present at a meeting."""

    __tablename__ = "attendance"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    state_iso3: Mapped[str] = mapped_column(ForeignKey("member_states.iso3"), primary_key=True)


class MeetingDecision(Base):
    """A meeting's decision on an agenda item: what it did to the draft's lifecycle."""

    __tablename__ = "meeting_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"))
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    instructions: Mapped[str] = mapped_column(Text, default="")
    status_before: Mapped[str] = mapped_column(String(30))
    status_after: Mapped[str] = mapped_column(String(30))
    text_hash: Mapped[str] = mapped_column(String(64), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class DraftProcedure(Base):
    """A draft's approval steps, its entry-into-force rule and term, and the hash its approval locked."""

    __tablename__ = "draft_procedures"

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), primary_key=True)
    steps: Mapped[list] = mapped_column(JSON, default=list)
    entry_rule: Mapped[str] = mapped_column(String(40), default="last_signature")
    entry_days: Mapped[int] = mapped_column(Integer, default=0)
    term_years: Mapped[int] = mapped_column(Integer, default=5)
    notice_days: Mapped[int] = mapped_column(Integer, default=60)
    reminder_days: Mapped[int] = mapped_column(Integer, default=90)
    parties: Mapped[list] = mapped_column(JSON, default=list)  # who signs; default: the participants
    approved_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    approved_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class ClauseAgreement(Base):
    """At a meeting, a clause was agreed ad referendum or left open (insert-only history).

    ``content_hash`` is the clause's hash when recorded: a later version that changes the
    clause makes the agreement void for that version.
    """

    __tablename__ = "clause_agreements"
    __table_args__ = (Index("ix_clause_agreements_draft_key", "draft_id", "clause_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    clause_key: Mapped[str] = mapped_column(String(40))
    version_number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10))  # agreed | open
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Bracket(Base):
    """Text of a clause still in dispute, in square brackets, with alternatives and their supporters.

    ``alternatives`` is ``[{"label": "Alt 1", "text": "shall", "states": ["KAZ", "IND"]}, ...]``.
    """

    __tablename__ = "brackets"
    __table_args__ = (Index("ix_brackets_draft_key", "draft_id", "clause_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    clause_key: Mapped[str] = mapped_column(String(40))
    version_number: Mapped[int] = mapped_column(Integer)
    bracketed_text: Mapped[str] = mapped_column(Text)
    alternatives: Mapped[list] = mapped_column(JSON, default=list)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | resolved
    resolved_with: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SilenceProcedure(Base):
    """A version circulated under silence until a deadline (UTC)."""

    __tablename__ = "silence_procedures"
    __table_args__ = (Index("ix_silence_procedures_draft", "draft_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    version_number: Mapped[int] = mapped_column(Integer)
    version_hash: Mapped[str] = mapped_column(String(64))
    step: Mapped[str] = mapped_column(String(30))  # the status the text reaches when silence holds
    deadline: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="running")
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id"), nullable=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SilenceObjection(Base):
    __tablename__ = "silence_objections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("silence_procedures.id"), index=True)
    state_iso3: Mapped[str] = mapped_column(ForeignKey("member_states.iso3"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Signature(Base):
    """One party's signature of the final text; ``notified_on``: its notification of ratification."""

    __tablename__ = "signatures"
    __table_args__ = (UniqueConstraint("draft_id", "party", name="uq_signatures_draft_party"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    party: Mapped[str] = mapped_column(String(200))
    signed_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    signatory: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str] = mapped_column(String(300))
    notified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ScheduledJob(Base):
    """A job to run at ``run_at`` (UTC): claimed atomically by one worker, done once.

    ``key`` makes scheduling idempotent ("silence:12"); a worker claims a due job with a
    conditional UPDATE (``WHERE status = 'pending'``) in the same transaction as the job's
    action, so the action and the job's completion commit together or not at all.
    """

    __tablename__ = "scheduled_jobs"
    __table_args__ = (Index("ix_scheduled_jobs_due", "status", "run_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    run_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    done_by: Mapped[str] = mapped_column(String(120), default="")
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """An event that concerns a member state, queued for one of its delegates (rendered when read)."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user", "user_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id"), nullable=True)
    event: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(60))  # key of the sentence in app.meetings.notify.MESSAGES
    params: Mapped[dict] = mapped_column(JSON, default=dict)  # rendered in the reader's language
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    emailed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
