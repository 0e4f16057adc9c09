"""The approval path's API: bodies, meetings, decisions, agreement, silence, signatures, due, notifications."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response

from ..accounts.permissions import visible_draft
from ..deps import DB, CurrentUser
from ..notes.api import note_json
from . import notify, service
from . import repository as repo
from .schemas import (
    AgendaItemIn,
    AgreementIn,
    AttendanceIn,
    BodyIn,
    BracketIn,
    ConveningNoteIn,
    DecisionIn,
    MeetingIn,
    ObjectionIn,
    ProcedureIn,
    ResolveIn,
    SignatureIn,
    SilenceIn,
)

Lang = Literal["en", "ru", "kk"]  # the languages of notifications and dates (anything else: 422)
router = APIRouter(tags=["meetings"])


@router.get("/bodies", summary="The bodies that meet, with their names in en/ru/kk")
def list_bodies(session: DB, user: CurrentUser) -> list[dict]:
    return [service.body_json(session, b) for b in repo.bodies(session)]


@router.post("/bodies", status_code=201, summary="Add a body (secretariat)")
def create_body(session: DB, user: CurrentUser, body: BodyIn, response: Response) -> dict:
    b = service.create_body(session, user, body.key, body.rank, body.forms)
    response.headers["Location"] = f"/api/v1/bodies/{b.id}"
    return service.body_json(session, b)


@router.get("/meetings", summary="Meetings of the drafts you take part in (upcoming=true: ahead only)")
def list_meetings(session: DB, user: CurrentUser, draft_id: int | None = None, upcoming: bool = False,
                  lang: Lang = "en") -> list[dict]:
    return [service.meeting_json(session, user, m, lang) for m in service.list_meetings(session, user, draft_id,
                                                                                        upcoming)]


@router.post("/meetings", status_code=201, summary="Convene a meeting of a body, with its agenda (secretariat)")
def create_meeting(session: DB, user: CurrentUser, body: MeetingIn, response: Response) -> dict:
    m = service.create_meeting(session, user, body.model_dump())
    response.headers["Location"] = f"/api/v1/meetings/{m.id}"
    return service.meeting_json(session, user, m)


@router.get("/meetings/{meeting_id}", summary="A meeting: agenda, attendance, decisions")
def get_meeting(session: DB, user: CurrentUser, meeting_id: int, lang: Lang = "en") -> dict:
    return service.meeting_json(session, user, service.visible_meeting(session, user, meeting_id), lang)


@router.post("/meetings/{meeting_id}/agenda", status_code=201, summary="Put a draft version on the agenda")
def add_agenda_item(session: DB, user: CurrentUser, meeting_id: int, body: AgendaItemIn) -> dict:
    service.add_agenda_item(session, user, meeting_id, body.model_dump())
    return service.meeting_json(session, user, service.visible_meeting(session, user, meeting_id))


@router.put("/meetings/{meeting_id}/attendance", summary="The member states present (secretariat)")
def put_attendance(session: DB, user: CurrentUser, meeting_id: int, body: AttendanceIn) -> dict:
    return {"meeting_id": meeting_id, "present": service.set_attendance(session, user, meeting_id, body.present)}


@router.post("/meetings/{meeting_id}/convening-note", status_code=201,
             summary="Register the meeting's convening note (a draft note of the register)")
def convening_note(session: DB, user: CurrentUser, meeting_id: int, body: ConveningNoteIn) -> dict:
    return note_json(session, service.convening_note(session, user, meeting_id, body.model_dump()))


@router.post("/meetings/{meeting_id}/decisions", status_code=201,
             summary="Record the meeting's decision on an agenda item; it moves the draft along its lifecycle")
def record_decision(session: DB, user: CurrentUser, meeting_id: int, body: DecisionIn) -> dict:
    return service.decision_json(service.record_decision(session, user, meeting_id, body.model_dump()))


@router.post("/meetings/{meeting_id}/agreement", summary="Per clause: agreed ad referendum, or still open")
def record_agreement(session: DB, user: CurrentUser, meeting_id: int, body: AgreementIn) -> dict:
    return service.record_agreement(session, user, meeting_id, body.draft_id,
                                    [c.model_dump() for c in body.clauses])


@router.post("/meetings/{meeting_id}/brackets", status_code=201,
             summary="Put words of a clause in square brackets, with alternatives and their supporters")
def add_bracket(session: DB, user: CurrentUser, meeting_id: int, body: BracketIn) -> dict:
    return service.bracket_json(service.add_bracket(session, user, meeting_id, body.model_dump()))


@router.post("/meetings/{meeting_id}/brackets/{bracket_id}/resolve", summary="Lift a bracket")
def resolve_bracket(session: DB, user: CurrentUser, meeting_id: int, bracket_id: int, body: ResolveIn) -> dict:
    return service.bracket_json(service.resolve_bracket(session, user, meeting_id, bracket_id, body.alternative))


@router.get("/drafts/{draft_id}/agreement", summary="Which clauses are agreed ad referendum, and the progress")
def get_agreement(session: DB, user: CurrentUser, draft_id: int, version: int | None = None) -> dict:
    return service.agreement_json(session, user, draft_id, version)


@router.get("/drafts/{draft_id}/procedure", summary="The draft's approval steps and entry-into-force rule")
def get_procedure(session: DB, user: CurrentUser, draft_id: int) -> dict:
    return service.procedure_json(session, visible_draft(session, user, draft_id))


@router.put("/drafts/{draft_id}/procedure", summary="Set the approval steps, their order and the treaty rules")
def put_procedure(session: DB, user: CurrentUser, draft_id: int, body: ProcedureIn) -> dict:
    service.set_procedure(session, user, draft_id, body.model_dump())
    return service.procedure_json(session, visible_draft(session, user, draft_id))


@router.get("/drafts/{draft_id}/decisions", summary="The meetings' decisions on this draft")
def draft_decisions(session: DB, user: CurrentUser, draft_id: int) -> list[dict]:
    draft = visible_draft(session, user, draft_id)
    return [service.decision_json(d) for d in repo.decisions(session, draft_id=draft.id)]


@router.get("/drafts/{draft_id}/silence", summary="The draft's silence procedures and objections")
def list_silence(session: DB, user: CurrentUser, draft_id: int, lang: Lang = "en") -> list[dict]:
    draft = visible_draft(session, user, draft_id)
    return [service.silence_json(session, p, lang) for p in repo.silence_procedures(session, draft.id)]


@router.post("/drafts/{draft_id}/silence", status_code=201,
             summary="Circulate the current version under silence until a deadline (secretariat)")
def start_silence(session: DB, user: CurrentUser, draft_id: int, body: SilenceIn) -> dict:
    p = service.start_silence(session, user, draft_id, body.deadline, body.step, body.note_id)
    return service.silence_json(session, p)


@router.post("/drafts/{draft_id}/silence/objections", status_code=201,
             summary="Break silence with a stated objection (a delegate, before the deadline)")
def object_to_silence(session: DB, user: CurrentUser, draft_id: int, body: ObjectionIn) -> dict:
    return service.silence_json(session, service.object_to_silence(session, user, draft_id, body.reason))


@router.get("/drafts/{draft_id}/signatures", summary="Signatures, entry into force, term and expiry")
def get_signatures(session: DB, user: CurrentUser, draft_id: int) -> dict:
    return service.signatures_json(session, user, draft_id)


@router.post("/drafts/{draft_id}/signatures", status_code=201, summary="Record one party's signature")
def post_signature(session: DB, user: CurrentUser, draft_id: int, body: SignatureIn) -> dict:
    service.record_signature(session, user, draft_id, body.model_dump())
    return service.signatures_json(session, user, draft_id)


@router.get("/due", summary="What is due for you: windows closing, silence deadlines, meetings, expiring agreements")
def get_due(session: DB, user: CurrentUser, lang: Lang = "en", horizon_days: int = 365) -> list[dict]:
    return service.due(session, user, lang, max(1, min(horizon_days, 36500)))


@router.get("/notifications", summary="Your notifications, newest first, in your language")
def get_notifications(session: DB, user: CurrentUser, lang: Lang = "en") -> list[dict]:
    return [notify.notification_json(session, n, lang) for n in repo.notifications_for(session, user.id)]
