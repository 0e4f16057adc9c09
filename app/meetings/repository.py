"""Queries for bodies, meetings, decisions, agreement, silence, signatures, jobs, notifications (select())."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    AgendaItem,
    Attendance,
    Body,
    Bracket,
    ClauseAgreement,
    DraftParticipant,
    Meeting,
    MeetingDecision,
    Notification,
    ProposalWindow,
    ScheduledJob,
    Signature,
    SilenceObjection,
    SilenceProcedure,
    User,
)


def bodies(session: Session) -> list[Body]:
    return list(session.scalars(select(Body).order_by(Body.rank, Body.id)))


def body_by_key(session: Session, key: str) -> Body | None:
    return session.scalar(select(Body).where(Body.key == key))


def meetings(session: Session, *, draft_ids: Iterable[int] | None = None, since: datetime | None = None
             ) -> list[Meeting]:
    q = select(Meeting).order_by(Meeting.starts_at, Meeting.id)
    if draft_ids is not None:
        q = q.where(Meeting.id.in_(select(AgendaItem.meeting_id).where(AgendaItem.draft_id.in_(list(draft_ids)))))
    if since is not None:
        q = q.where(Meeting.starts_at >= since)
    return list(session.scalars(q))


def agenda(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                .order_by(AgendaItem.position)))


def agenda_drafts(session: Session, meeting_id: int) -> list[int]:
    return list(session.scalars(select(AgendaItem.draft_id).where(AgendaItem.meeting_id == meeting_id).distinct()))


def agenda_drafts_of(session: Session, meeting_ids: Iterable[int]) -> dict[int, set[int]]:
    """meeting id -> the drafts on its agenda, for many meetings in one query."""
    out: dict[int, set[int]] = {}
    ids = list(meeting_ids)
    for meeting_id, draft_id in session.execute(select(AgendaItem.meeting_id, AgendaItem.draft_id)
                                                .where(AgendaItem.meeting_id.in_(ids))):
        out.setdefault(meeting_id, set()).add(draft_id)
    return out


def attendance(session: Session, meeting_id: int) -> list[str]:
    return list(session.scalars(select(Attendance.state_iso3).where(Attendance.meeting_id == meeting_id)
                                .order_by(Attendance.state_iso3)))


def decisions(session: Session, *, meeting_id: int | None = None, draft_id: int | None = None
              ) -> list[MeetingDecision]:
    q = select(MeetingDecision).order_by(MeetingDecision.id)
    if meeting_id is not None:
        q = q.where(MeetingDecision.meeting_id == meeting_id)
    if draft_id is not None:
        q = q.where(MeetingDecision.draft_id == draft_id)
    return list(session.scalars(q))


def agreements(session: Session, draft_id: int) -> list[ClauseAgreement]:
    return list(session.scalars(select(ClauseAgreement).where(ClauseAgreement.draft_id == draft_id)
                                .order_by(ClauseAgreement.id)))


def brackets(session: Session, draft_id: int, *, status: str | None = None) -> list[Bracket]:
    q = select(Bracket).where(Bracket.draft_id == draft_id).order_by(Bracket.id)
    if status:
        q = q.where(Bracket.status == status)
    return list(session.scalars(q))


def silence_procedures(session: Session, draft_id: int) -> list[SilenceProcedure]:
    return list(session.scalars(select(SilenceProcedure).where(SilenceProcedure.draft_id == draft_id)
                                .order_by(SilenceProcedure.id)))


def running_silence(session: Session, draft_ids: Iterable[int] | None = None) -> list[SilenceProcedure]:
    q = select(SilenceProcedure).where(SilenceProcedure.status == "running").order_by(SilenceProcedure.deadline)
    if draft_ids is not None:
        q = q.where(SilenceProcedure.draft_id.in_(list(draft_ids)))
    return list(session.scalars(q))


def silence_for_update(session: Session, procedure_id: int) -> SilenceProcedure | None:
    return session.get(SilenceProcedure, procedure_id, with_for_update=True)


def objections(session: Session, procedure_id: int) -> list[SilenceObjection]:
    return list(session.scalars(select(SilenceObjection).where(SilenceObjection.procedure_id == procedure_id)
                                .order_by(SilenceObjection.id)))


def signatures(session: Session, draft_id: int) -> list[Signature]:
    return list(session.scalars(select(Signature).where(Signature.draft_id == draft_id)
                                .order_by(Signature.signed_on, Signature.id)))


def open_windows(session: Session, draft_ids: Iterable[int]) -> list[ProposalWindow]:
    return list(session.scalars(select(ProposalWindow).where(ProposalWindow.draft_id.in_(list(draft_ids)),
                                                             ProposalWindow.closed_at.is_(None))
                                .order_by(ProposalWindow.deadline)))


def expired_windows(session: Session, now: datetime) -> list[ProposalWindow]:
    return list(session.scalars(select(ProposalWindow).where(ProposalWindow.closed_at.is_(None),
                                                             ProposalWindow.deadline <= now)))


def job_by_key(session: Session, key: str) -> ScheduledJob | None:
    return session.scalar(select(ScheduledJob).where(ScheduledJob.key == key))


def due_job_id(session: Session, now: datetime) -> int | None:
    return session.scalar(select(ScheduledJob.id).where(ScheduledJob.status == "pending", ScheduledJob.run_at <= now)
                          .limit(1))


def next_due_job(session: Session, now: datetime) -> ScheduledJob | None:
    """One due pending job, locked for this transaction (PostgreSQL: FOR UPDATE SKIP LOCKED)."""
    q = (select(ScheduledJob).where(ScheduledJob.status == "pending", ScheduledJob.run_at <= now)
         .order_by(ScheduledJob.run_at, ScheduledJob.id).limit(1).with_for_update(skip_locked=True))
    return session.scalar(q)


def jobs(session: Session, kind: str | None = None) -> list[ScheduledJob]:
    q = select(ScheduledJob).order_by(ScheduledJob.id)
    if kind:
        q = q.where(ScheduledJob.kind == kind)
    return list(session.scalars(q))


def delegates_of(session: Session, draft_id: int) -> list[User]:
    """Active delegates of the member states taking part in a draft."""
    states = select(DraftParticipant.state_iso3).where(DraftParticipant.draft_id == draft_id)
    return list(session.scalars(select(User).where(User.role == "delegate", User.active.is_(True),
                                                   User.state_iso3.in_(states)).order_by(User.id)))


def notifications_for(session: Session, user_id: int, limit: int = 200) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user_id)
                                .order_by(Notification.id.desc()).limit(limit)))


def mark_notifications_read(session: Session, user_id: int, at: datetime) -> int:
    """Every unread notification of the user marked read at ``at``; how many."""
    from sqlalchemy import update

    result = session.execute(update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
                             .values(read_at=at))
    return int(getattr(result, "rowcount", 0) or 0)
