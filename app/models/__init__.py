"""All ORM models; Alembic (migrations/) is the only source of the schema."""

from .accounts import ROLES, AuthSession, MemberState, User
from .audit import AuditEvent
from .base import Base, UTCDateTime, utcnow
from .drafts import DRAFT_STATUSES, ClauseRow, Draft, DraftParticipant, DraftShare, Translation, Version
from .meetings import (
    DECISION_KINDS,
    AgendaItem,
    Attendance,
    Body,
    Bracket,
    ClauseAgreement,
    DraftProcedure,
    Meeting,
    MeetingDecision,
    Notification,
    ScheduledJob,
    Signature,
    SilenceObjection,
    SilenceProcedure,
)
from .notes import ENTITY_KINDS, NOTE_STATUSES, Note, NoteEntity, NoteReference
from .proposals import (
    ANCHOR_STATES,
    DECISIONS,
    PENDING,
    PROPOSAL_STATUSES,
    AnchorEvent,
    Cosponsor,
    Proposal,
    ProposalWindow,
    VersionChange,
)
from .security import AuditCheckpoint, IdempotencyKey, LoginFailure

__all__ = [
    "ROLES", "AuthSession", "MemberState", "User", "AuditEvent", "Base", "UTCDateTime", "utcnow",
    "DRAFT_STATUSES", "ANCHOR_STATES", "DECISIONS", "PENDING", "PROPOSAL_STATUSES", "AnchorEvent",
    "Cosponsor", "Proposal", "ProposalWindow", "VersionChange", "ClauseRow", "Draft", "DraftParticipant", "DraftShare", "Translation", "Version",
    "ENTITY_KINDS", "NOTE_STATUSES", "Note", "NoteEntity", "NoteReference",
    "AuditCheckpoint", "IdempotencyKey", "LoginFailure",
    "DECISION_KINDS", "AgendaItem", "Attendance", "Body", "Bracket", "ClauseAgreement", "DraftProcedure", "Meeting",
    "MeetingDecision", "Notification", "ScheduledJob", "Signature", "SilenceObjection", "SilenceProcedure",
]
