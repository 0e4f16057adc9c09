"""The approval path: the workflow rules over app.core.lifecycle.

Bodies (names and forms are name-forms entities), meetings with their agenda and attendance,
decisions that move a draft along its lifecycle, clause-by-clause agreement with bracketed
alternatives, the silence procedure (its deadline is a scheduled job, see app.meetings.jobs),
signatures and entry into force, and what is due for a reader.

Services only flush; the request (or the worker's job) commits. Every step writes an audit
event in the same transaction, with the meeting it came from.
"""

from __future__ import annotations

import calendar
import copy
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from sqlalchemy.orm import Session

from ..accounts import repository as accounts_repo
from ..accounts.permissions import SECRETARIAT, TRANSLATORS, can_view_draft, require_role, visible_draft
from ..audit.service import record
from ..config import get_settings
from ..core import lifecycle
from ..core.clauses.tree import SIGNATURE, TITLE, Clause
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import Conflict, Forbidden, NotFound, Unprocessable
from ..models import (
    AgendaItem,
    Attendance,
    Body,
    Bracket,
    ClauseAgreement,
    Draft,
    DraftProcedure,
    Meeting,
    MeetingDecision,
    Note,
    Signature,
    SilenceObjection,
    SilenceProcedure,
    User,
    utcnow,
)
from ..notes import repository as notes_repo
from . import jobs
from . import repository as repo
from .notify import notify_draft


def lifecycle_error(exc: lifecycle.LifecycleError) -> Unprocessable:
    """A bad procedure or status from the core, as a coded 422 (its message in the reader's language)."""
    return Unprocessable(code=exc.code, **exc.params)


# --- time ------------------------------------------------------------------------------------


def zone(name: str | None = None) -> ZoneInfo:
    try:
        return ZoneInfo(name or get_settings().display_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Unprocessable(code="timezone_unknown", tz=name) from None


def aware(dt: datetime, tz: str | None = None) -> datetime:
    """A UTC instant; a time without a zone is read in ``tz`` (default: the organisation's)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone(tz))
    return dt.astimezone(UTC)


def local(dt: datetime | None, tz: str | None = None, lang: str = "en") -> str | None:
    if dt is None:
        return None
    tzname = tz or get_settings().display_timezone
    return f"{format_datetime(dt.astimezone(zone(tzname)), 'd MMMM y, HH:mm', locale=lang)} ({tzname})"


# --- who sees what ---------------------------------------------------------------------------------


def visible_draft_ids(session: Session, user: User) -> list[int]:
    return [d.id for d in drafts_repo.list_drafts_for(session, user)]


def can_see_meeting(session: Session, user: User, meeting: Meeting) -> bool:
    """The secretariat sees every meeting; others the meetings of drafts they take part in."""
    if user.role in TRANSLATORS:
        return True
    for draft_id in repo.agenda_drafts(session, meeting.id):
        draft = session.get(Draft, draft_id)
        if draft is not None and can_view_draft(session, user, draft):
            return True
    return False


def visible_meeting(session: Session, user: User, meeting_id: int) -> Meeting:
    m = session.get(Meeting, meeting_id)
    if m is None or not can_see_meeting(session, user, m):
        raise NotFound(code="meeting_not_found", id=meeting_id)
    return m


def _secretariat_meeting(session: Session, user: User, meeting_id: int) -> Meeting:
    m = visible_meeting(session, user, meeting_id)
    require_role(user, SECRETARIAT, "record meetings, attendance and decisions")
    return m


# --- bodies ----------------------------------------------------------------------------------------


def body_json(session: Session, body: Body) -> dict:
    entity = notes_repo.entity(session, body.key)
    forms = copy.deepcopy(entity.forms) if entity else {}
    return {"id": body.id, "key": body.key, "rank": body.rank,
            "names": {lang: forms.get(lang, {}).get("nominative") for lang in ("en", "ru", "kk")}, "forms": forms}


def create_body(session: Session, user: User, key: str, rank: int, forms: dict | None) -> Body:
    """A body; its names are the name-forms entity ``key`` (created from ``forms`` when new)."""
    from ..notes import service as notes_service

    require_role(user, SECRETARIAT, "create bodies")
    if repo.body_by_key(session, key) is not None:
        raise Conflict(code="body_exists", key=key)
    entity = notes_repo.entity(session, key)
    if entity is None:
        forms = notes_service.clean_forms(forms or {})
        missing = [lang for lang in ("en", "ru", "kk") if not forms.get(lang, {}).get("nominative")]
        if missing:
            raise Unprocessable(code="body_names_missing", langs=", ".join(missing))
        notes_service.put_entity(session, user, key, "body", forms, None)
    elif entity.kind != "body":
        raise Unprocessable(code="name_forms_not_body", key=key, kind=entity.kind)
    elif forms:
        raise Conflict(code="name_forms_exist", key=key)
    body = Body(key=key, rank=rank, created_at=utcnow())
    session.add(body)
    session.flush()
    record(session, user, "body.create", "body", body.id, {"key": key, "rank": rank})
    return body


# --- meetings ------------------------------------------------------------------------------------


def _agenda_item(session: Session, user: User, meeting: Meeting, position: int, spec: dict) -> AgendaItem:
    draft = visible_draft(session, user, spec["draft_id"])
    latest = drafts_repo.max_version_number(session, draft.id)
    number = spec.get("version") or latest
    if drafts_repo.version(session, draft.id, number) is None:
        raise Unprocessable(code="version_not_found", id=draft.id, number=number)
    item = AgendaItem(meeting_id=meeting.id, position=position, draft_id=draft.id, version_number=number,
                      with_compilation=bool(spec.get("with_compilation")),
                      title=(spec.get("title") or draft.short_title or draft.title)[:500])
    session.add(item)
    return item


def create_meeting(session: Session, user: User, spec: dict) -> Meeting:
    require_role(user, SECRETARIAT, "convene meetings")
    body = repo.body_by_key(session, spec["body"])
    if body is None:
        raise Unprocessable(code="body_unknown", key=spec["body"])
    tz = spec.get("timezone") or get_settings().display_timezone
    zone(tz)
    place = spec.get("place")
    if place is not None:
        e = notes_repo.entity(session, place)
        if e is None or e.kind != "place":
            raise Unprocessable(code="place_unknown", place=place)
    if not place and not spec.get("online"):
        raise Unprocessable(code="meeting_place_needed")
    m = Meeting(body_id=body.id, title=(spec.get("title") or "")[:300], starts_at=aware(spec["starts_at"], tz),
                timezone=tz, place_key=place, online=bool(spec.get("online")),
                online_url=(spec.get("online_url") or "")[:500], created_by_id=user.id, created_at=utcnow())
    session.add(m)
    session.flush()
    for i, item in enumerate(spec.get("agenda") or [], start=1):
        _agenda_item(session, user, m, i, item)
    session.flush()
    record(session, user, "meeting.create", "meeting", m.id,
           {"body": body.key, "starts_at": m.starts_at.isoformat(), "timezone": tz,
            "agenda": [(a.draft_id, a.version_number) for a in repo.agenda(session, m.id)]})
    for draft_id in repo.agenda_drafts(session, m.id):
        notify_draft(session, draft_id, "meeting.convened", "meeting_convened",
                     {"body": body.key, "when": m.starts_at, "tz": tz, "meeting": m.id})
    return m


def add_agenda_item(session: Session, user: User, meeting_id: int, spec: dict) -> AgendaItem:
    m = _secretariat_meeting(session, user, meeting_id)
    position = max((a.position for a in repo.agenda(session, m.id)), default=0) + 1
    item = _agenda_item(session, user, m, position, spec)
    session.flush()
    record(session, user, "meeting.agenda.add", "meeting", m.id,
           {"draft_id": item.draft_id, "version": item.version_number, "with_compilation": item.with_compilation})
    return item


def set_attendance(session: Session, user: User, meeting_id: int, present: list[str]) -> list[str]:
    m = _secretariat_meeting(session, user, meeting_id)
    wanted = sorted({s.strip().upper() for s in present})
    unknown = [s for s in wanted if accounts_repo.member_state(session, s) is None]
    if unknown:
        raise Unprocessable(code="states_unknown", states=", ".join(unknown))
    current = set(repo.attendance(session, m.id))
    for iso3 in set(wanted) - current:
        session.add(Attendance(meeting_id=m.id, state_iso3=iso3))
    for iso3 in current - set(wanted):
        session.delete(session.get(Attendance, (m.id, iso3)))
    session.flush()
    record(session, user, "meeting.attendance", "meeting", m.id, {"present": wanted})
    return wanted


def meeting_json(session: Session, user: User, m: Meeting, lang: str = "en") -> dict:
    body = session.get_one(Body, m.body_id)
    visible = None if user.role in TRANSLATORS else set(visible_draft_ids(session, user))
    agenda = [a for a in repo.agenda(session, m.id) if visible is None or a.draft_id in visible]
    return {
        "id": m.id, "body": body_json(session, body), "title": m.title, "starts_at": m.starts_at.isoformat(),
        "starts_local": local(m.starts_at, m.timezone, lang), "timezone": m.timezone,
        "date": m.starts_at.astimezone(zone(m.timezone)).date().isoformat(),
        "place": m.place_key, "online": m.online, "online_url": m.online_url,
        "convening_note_id": m.convening_note_id,
        "agenda": [{"id": a.id, "position": a.position, "draft_id": a.draft_id, "version": a.version_number,
                    "with_compilation": a.with_compilation, "title": a.title,
                    **({"compilation": f"/api/v1/drafts/{a.draft_id}/export/compilation.docx?version="
                                       f"{a.version_number}"} if a.with_compilation else {})} for a in agenda],
        "attendance": repo.attendance(session, m.id),
        "decisions": [decision_json(d) for d in repo.decisions(session, meeting_id=m.id)
                      if visible is None or d.draft_id in visible],
    }


def list_meetings(session: Session, user: User, draft_id: int | None = None, upcoming: bool = False
                  ) -> list[Meeting]:
    ids = None if user.role in TRANSLATORS else visible_draft_ids(session, user)
    if draft_id is not None:
        visible_draft(session, user, draft_id)
        ids = [draft_id]
    return repo.meetings(session, draft_ids=ids, since=utcnow() if upcoming else None)


def convening_note(session: Session, user: User, meeting_id: int, spec: dict) -> Note:
    """Register the convening note of a meeting (kind ``convening``) from the meeting's facts."""
    from ..notes import service as notes_service

    m = _secretariat_meeting(session, user, meeting_id)
    if m.convening_note_id is not None:
        raise Conflict(code="convening_note_exists", id=m.id, note=m.convening_note_id)
    body = session.get_one(Body, m.body_id)
    agenda = repo.agenda(session, m.id)
    meeting_place = m.place_key or spec.get("place")
    note_spec = {
        "number": spec.get("number"), "series": spec.get("series"), "kind": "convening", "date": spec["date"],
        "place": spec["place"], "sender": spec["sender"], "addressees": spec["addressees"], "title": None,
        "references": [], "enclosure_pages": spec.get("enclosure_pages"), "deadline": spec.get("deadline"),
        "meetings": [{"body": body.key, "date": m.starts_at.astimezone(zone(m.timezone)).date(),
                      "place": meeting_place}],
        "agenda": spec.get("agenda") or [], "enclosure_style": "abbreviated",
        "draft_id": agenda[0].draft_id if agenda else None, "version": agenda[0].version_number if agenda else None,
    }
    note = notes_service.create_note(session, user, note_spec)
    m.convening_note_id = note.id
    session.flush()
    record(session, user, "meeting.convening_note", "meeting", m.id, {"note_id": note.id, "number": note.number})
    return note


# --- procedure (steps, entry into force) ---------------------------------------------------------


def procedure_row(session: Session, draft: Draft) -> DraftProcedure | None:
    """The draft's procedure row, None while none was set."""
    return drafts_repo.procedure(session, draft.id)


def procedure_row_for_update(session: Session, draft: Draft) -> DraftProcedure:
    """The draft's procedure row, created with the default procedure when none was set."""
    row = drafts_repo.procedure(session, draft.id)
    if row is None:
        row = DraftProcedure(draft_id=draft.id, steps=lifecycle.Procedure().to_dicts(), parties=[],
                             updated_at=utcnow())
        session.add(row)
        session.flush()
    return row


def procedure_json(session: Session, draft: Draft) -> dict:
    row = procedure_row(session, draft)
    proc = drafts.procedure_of(session, draft.id)
    return {"draft_id": draft.id, "status": draft.status, "steps": proc.to_dicts(),
            "next_steps": list(proc.allowed(draft.status)) if draft.status in lifecycle.STATUSES else [],
            "done": lifecycle.done_before(proc, draft.status),
            "entry_rule": row.entry_rule if row else "last_signature", "entry_days": row.entry_days if row else 0,
            "term_years": row.term_years if row else 5, "notice_days": row.notice_days if row else 60,
            "reminder_days": row.reminder_days if row else 90, "parties": parties_of(session, draft),
            "approved_version": row.approved_version if row else None,
            "approved_hash": row.approved_hash if row else None}


def set_procedure(session: Session, user: User, draft_id: int, changes: dict) -> DraftProcedure:
    draft = drafts.editable_draft(session, user, draft_id)
    row = procedure_row_for_update(session, draft)
    if "steps" in changes and changes["steps"] is not None:
        try:
            proc = lifecycle.Procedure.from_dicts(changes["steps"])
        except lifecycle.LifecycleError as exc:
            raise Unprocessable(code="procedure_steps_invalid", reason=lifecycle_error(exc)) from None
        if draft.status not in proc.line and draft.status != "returned":
            raise Conflict(code="procedure_status_not_step", status=draft.status)
        row.steps = proc.to_dicts()
    if changes.get("entry_rule") is not None:
        row.entry_rule = changes["entry_rule"]
    for k in ("entry_days", "term_years", "notice_days", "reminder_days"):
        if changes.get(k) is not None:
            setattr(row, k, changes[k])
    if changes.get("parties") is not None:
        row.parties = [p.strip() for p in changes["parties"] if p.strip()]
    if row.entry_rule == "days_after_last_notification" and row.entry_days < 1:
        raise Unprocessable(code="entry_days_needed", field="entry_days")
    row.updated_at = utcnow()
    session.flush()
    record(session, user, "draft.procedure", "draft", draft.id,
           {k: v for k, v in changes.items() if v is not None})
    return row


def approved_hash(session: Session, draft: Draft) -> str:
    """The hash recorded when the text was approved (drafts.move records it)."""
    row = procedure_row(session, draft)
    return row.approved_hash if row and row.approved_hash else ""


# --- decisions -------------------------------------------------------------------------------------

DECISION_STATUS = {"agreed_ad_referendum": "agreed_ad_referendum", "approved": "approved", "returned": "returned",
                   "deferred": None}


def decision_json(d: MeetingDecision) -> dict:
    return {"id": d.id, "meeting_id": d.meeting_id, "agenda_item_id": d.agenda_item_id, "draft_id": d.draft_id,
            "version": d.version_number, "kind": d.kind, "instructions": d.instructions,
            "status_before": d.status_before, "status_after": d.status_after, "text_hash": d.text_hash or None,
            "created_at": d.created_at.isoformat()}


def record_decision(session: Session, user: User, meeting_id: int, spec: dict) -> MeetingDecision:
    m = _secretariat_meeting(session, user, meeting_id)
    agenda = repo.agenda(session, m.id)
    item = next((a for a in agenda if a.id == spec.get("agenda_item_id")), None) if spec.get("agenda_item_id") \
        else next((a for a in agenda if a.draft_id == spec.get("draft_id")), None)
    if item is None:
        raise Unprocessable(code="decision_not_on_agenda", meeting=m.id)
    draft = session.get_one(Draft, item.draft_id)
    session.refresh(draft, with_for_update=True)
    kind = spec["kind"]
    instructions = (spec.get("instructions") or "").strip()
    if kind == "returned" and not instructions:
        raise Unprocessable(code="returned_needs_instructions")
    latest = drafts_repo.current_version(session, draft.id)
    if kind in ("agreed_ad_referendum", "approved") and latest.number != item.version_number:
        raise Conflict(code="agenda_version_stale", agenda=item.version_number, latest=latest.number)
    before = draft.status
    body = session.get_one(Body, m.body_id)
    details = {"meeting_id": m.id, "body": body.key, "decision": kind}
    text_hash = ""
    if kind == "agreed_ad_referendum":
        open_brackets = [b for b in repo.brackets(session, draft.id, status="open")]
        if open_brackets:
            keys = sorted({b.clause_key for b in open_brackets})
            raise Conflict(code="text_bracketed", count=len(keys), keys=", ".join(keys))
        if before in ("under_review", "drafting"):
            drafts.move(session, user, draft, "on_agenda", meeting_id=m.id, details=details)
        drafts.move(session, user, draft, "agreed_ad_referendum", meeting_id=m.id, details=details)
        _agree_all(session, user, m, draft, latest.number, instructions)
    elif kind == "approved":
        if before in ("under_review", "drafting"):
            proc = drafts.procedure_of(session, draft.id)
            if "approved" in proc.allowed("on_agenda"):
                drafts.move(session, user, draft, "on_agenda", meeting_id=m.id, details=details)
        drafts.move(session, user, draft, "approved", meeting_id=m.id, details=details)
        text_hash = approved_hash(session, draft)
    elif kind == "returned":
        drafts.move(session, user, draft, "returned", meeting_id=m.id, details={**details, "instructions": instructions})
    elif kind != "deferred":
        raise Unprocessable(code="decision_unknown", kind=kind)
    d = MeetingDecision(meeting_id=m.id, agenda_item_id=item.id, draft_id=draft.id, version_number=item.version_number,
                        kind=kind, instructions=instructions, status_before=before, status_after=draft.status,
                        text_hash=text_hash, recorded_by_id=user.id, created_at=utcnow())
    session.add(d)
    session.flush()
    record(session, user, "meeting.decision", "meeting", m.id,
           {"decision_id": d.id, "draft_id": draft.id, "version": item.version_number, "kind": kind,
            "from": before, "to": draft.status, "instructions": instructions, **({"hash": text_hash} if text_hash else {})})
    if kind == "returned":
        _reopen(session, user, draft, m, instructions, spec.get("deadline"))
    notify_draft(session, draft.id, "meeting.decision", "decision_" + kind,
                 {"body": body.key, "meeting": m.id, "version": item.version_number})
    return d


def _reopen(session: Session, user: User, draft: Draft, m: Meeting, instructions: str, deadline: datetime | None
            ) -> None:
    """Returned for revision: a new version (the same text, labelled) open for proposals until ``deadline``."""
    from ..proposals import service as proposals

    latest = drafts_repo.current_version(session, draft.id)
    doc = drafts.load_document(session, latest)
    new = drafts.store_version(session, draft, doc.copy(), label="", label_code="version_returned",
                               label_params={"m": m.id, "text": instructions[:250]}, user=user,
                               base_number=latest.number)
    proposals.reanchor(session, draft, doc, drafts.load_document(session, new), latest.number, new.number)
    record(session, user, "version.reopen", "draft", draft.id,
           {"version": new.number, "base": latest.number, "meeting_id": m.id, "hash": new.hash})
    when = aware(deadline) if deadline else utcnow() + timedelta(days=30)
    proposals.open_window(session, user, draft.id, when, new.number)


# --- agreement clause by clause ------------------------------------------------------------------


def counted(clause) -> bool:
    """Clauses that are agreed one by one: every clause with text but the title and signature blocks."""
    return bool(clause.text.strip()) and clause.kind not in (TITLE, SIGNATURE)


def _agenda_version(session: Session, m: Meeting, draft_id: int) -> int:
    items = [a for a in repo.agenda(session, m.id) if a.draft_id == draft_id]
    if not items:
        raise Unprocessable(code="draft_not_on_agenda", id=draft_id, meeting=m.id)
    return max(a.version_number for a in items)


def _agree_all(session: Session, user: User, m: Meeting, draft: Draft, number: int, note: str) -> None:
    doc = drafts.load_document(session, drafts_repo.existing_version(session, draft.id, number))
    state = agreement_state(session, draft, doc)
    for c in doc.walk():
        if counted(c) and state[c.key]["status"] != "agreed":
            session.add(ClauseAgreement(draft_id=draft.id, clause_key=c.key, version_number=number,
                                        content_hash=c.content_hash(), status="agreed", meeting_id=m.id,
                                        note=note, recorded_by_id=user.id, created_at=utcnow()))
    session.flush()


def agreement_state(session: Session, draft: Draft, doc) -> dict[str, dict]:
    """Per clause of ``doc``: agreed (the latest record agreed this very text) or open, with its brackets."""
    latest: dict[str, ClauseAgreement] = {}
    for a in repo.agreements(session, draft.id):
        latest[a.clause_key] = a
    brackets: dict[str, list[Bracket]] = {}
    for b in repo.brackets(session, draft.id, status="open"):
        brackets.setdefault(b.clause_key, []).append(b)
    out = {}
    for c in doc.walk():
        last = latest.get(c.key)
        agreed = last is not None and last.status == "agreed" and last.content_hash == c.content_hash()
        status = "agreed" if agreed else "open"
        out[c.key] = {"status": status, "meeting_id": last.meeting_id if last else None,
                      "changed_since_agreed": bool(last and last.status == "agreed" and not agreed),
                      "brackets": [bracket_json(b) for b in brackets.get(c.key, [])]}
    return out


def record_agreement(session: Session, user: User, meeting_id: int, draft_id: int, clauses: list[dict]) -> dict:
    m = _secretariat_meeting(session, user, meeting_id)
    draft = visible_draft(session, user, draft_id)
    drafts.require_unlocked(draft)
    number = _agenda_version(session, m, draft.id)
    doc = drafts.load_document(session, drafts_repo.existing_version(session, draft.id, number))
    open_brackets = {b.clause_key for b in repo.brackets(session, draft.id, status="open")}
    problems = []
    found: dict[str, Clause] = {}
    for i, c in enumerate(clauses):
        clause = doc.find(c["key"])
        if clause is None:
            problems.append(Unprocessable(code="agreement_no_clause", index=i, number=number, key=c["key"]))
            continue
        found[c["key"]] = clause
        if not counted(clause):
            problems.append(Unprocessable(code="agreement_not_counted", index=i, key=c["key"], kind=clause.kind))
    if problems:
        raise Unprocessable(code="agreement_invalid", problems=problems,
                            extra=[f"clauses[{p.params['index']}]: {p.detail}" for p in problems])
    bracketed = [c["key"] for c in clauses if c["status"] == "agreed" and c["key"] in open_brackets]
    if bracketed:
        raise Conflict(code="clauses_bracketed", keys=", ".join(bracketed))
    for c in clauses:
        session.add(ClauseAgreement(draft_id=draft.id, clause_key=c["key"], version_number=number,
                                    content_hash=found[c["key"]].content_hash(), status=c["status"], meeting_id=m.id,
                                    note=(c.get("note") or "").strip(), recorded_by_id=user.id, created_at=utcnow()))
    session.flush()
    record(session, user, "agreement.record", "draft", draft.id,
           {"meeting_id": m.id, "version": number,
            "clauses": {c["key"]: c["status"] for c in clauses}})
    return agreement_json(session, user, draft.id)


def agreement_json(session: Session, user: User, draft_id: int, version: int | None = None) -> dict:
    draft = visible_draft(session, user, draft_id)
    v = drafts.get_version(session, draft, version) if version else drafts_repo.current_version(session, draft.id)
    doc = drafts.load_document(session, v)
    state = agreement_state(session, draft, doc)
    rows = []
    for c in doc.walk():
        if counted(c):
            rows.append({"key": c.key, "number": c.number, "kind": c.kind, **state[c.key]})
    agreed = sum(1 for r in rows if r["status"] == "agreed")
    return {"draft_id": draft.id, "version": v.number, "agreed": agreed, "total": len(rows),
            "open": len(rows) - agreed, "summary": f"{agreed} of {len(rows)} paragraphs agreed",
            "complete": agreed == len(rows), "clauses": rows}


def bracket_json(b: Bracket) -> dict:
    return {"id": b.id, "clause_key": b.clause_key, "version": b.version_number, "text": b.bracketed_text,
            "alternatives": b.alternatives, "status": b.status, "meeting_id": b.meeting_id,
            "resolved_with": b.resolved_with}


def add_bracket(session: Session, user: User, meeting_id: int, spec: dict) -> Bracket:
    m = _secretariat_meeting(session, user, meeting_id)
    draft = visible_draft(session, user, spec["draft_id"])
    drafts.require_unlocked(draft)
    number = _agenda_version(session, m, draft.id)
    doc = drafts.load_document(session, drafts_repo.existing_version(session, draft.id, number))
    clause = doc.find(spec["clause_key"])
    if clause is None:
        raise Unprocessable(code="clause_not_in_version", number=number, key=spec["clause_key"])
    text = spec["text"].strip()
    if text not in clause.text:
        raise Unprocessable(code="bracket_text_not_in_clause", text=text, clause=clause.number or clause.key)
    participants = set(drafts_repo.participants(session, draft.id))
    alternatives = []
    for i, alt in enumerate(spec["alternatives"], start=1):
        states = sorted({s.strip().upper() for s in alt.get("states") or []})
        unknown = [s for s in states if s not in participants]
        if unknown:
            raise Unprocessable(code="bracket_states_not_participants", index=i, states=", ".join(unknown))
        alternatives.append({"label": alt.get("label") or f"Alt {i}", "text": alt["text"], "states": states})
    b = Bracket(draft_id=draft.id, clause_key=clause.key, version_number=number, bracketed_text=text,
                alternatives=alternatives, meeting_id=m.id, status="open", created_at=utcnow())
    session.add(b)
    session.flush()
    # a clause with brackets is open again
    session.add(ClauseAgreement(draft_id=draft.id, clause_key=clause.key, version_number=number,
                                content_hash=clause.content_hash(), status="open", meeting_id=m.id,
                                note="bracketed", recorded_by_id=user.id, created_at=utcnow()))
    session.flush()
    record(session, user, "agreement.bracket", "draft", draft.id,
           {"meeting_id": m.id, "bracket_id": b.id, "clause": clause.key, "text": text, "alternatives": alternatives})
    return b


def resolve_bracket(session: Session, user: User, meeting_id: int, bracket_id: int, choice: int | None) -> Bracket:
    m = _secretariat_meeting(session, user, meeting_id)
    b = session.get(Bracket, bracket_id)
    if b is None or not can_view_draft(session, user, session.get_one(Draft, b.draft_id)):
        raise NotFound(code="bracket_not_found", id=bracket_id)
    if b.status != "open":
        raise Conflict(code="bracket_resolved", id=b.id)
    if choice is not None and not 0 <= choice < len(b.alternatives):
        raise Unprocessable(code="bracket_choice_range", last=len(b.alternatives) - 1)
    b.status, b.resolved_with, b.resolved_at = "resolved", choice, utcnow()
    session.flush()
    record(session, user, "agreement.bracket.resolve", "draft", b.draft_id,
           {"meeting_id": m.id, "bracket_id": b.id, "alternative": choice})
    return b


# --- silence procedure -------------------------------------------------------------------------------


def silence_json(session: Session, p: SilenceProcedure, lang: str = "en") -> dict:
    return {"id": p.id, "draft_id": p.draft_id, "version": p.version_number, "version_hash": p.version_hash,
            "step": p.step, "deadline": p.deadline.isoformat(), "deadline_local": local(p.deadline, lang=lang),
            "status": p.status, "note_id": p.note_id, "started_at": p.started_at.isoformat(),
            "ended_at": p.ended_at.isoformat() if p.ended_at else None,
            "objections": [{"state": o.state_iso3, "reason": o.reason, "at": o.created_at.isoformat()}
                           for o in repo.objections(session, p.id)]}


def start_silence(session: Session, user: User, draft_id: int, deadline: datetime, step: str | None,
                  note_id: int | None) -> SilenceProcedure:
    draft = visible_draft(session, user, draft_id)
    require_role(user, SECRETARIAT, "start a silence procedure")
    session.refresh(draft, with_for_update=True)
    if repo.running_silence(session, [draft.id]):
        raise Conflict(code="silence_running")
    proc = drafts.procedure_of(session, draft.id)
    allowed = [s for s in proc.allowed(draft.status) if s in lifecycle.APPROVAL_STEPS]
    step = step or (allowed[0] if allowed else "approved")
    try:
        lifecycle.check(proc, draft.status, step)
    except lifecycle.TransitionRefused as exc:
        raise Conflict(code="silence_step_refused", step=step, reason=drafts.transition_refusal(session, exc)) from None
    except lifecycle.LifecycleError as exc:
        raise lifecycle_error(exc) from None
    deadline = aware(deadline)
    if deadline <= utcnow():
        raise Unprocessable(code="deadline_past")
    if note_id is not None:
        note = session.get(Note, note_id)
        if note is None or note.kind != "silence" or note.draft_id != draft.id:
            raise Unprocessable(code="silence_note_invalid", id=note_id)
    latest = drafts_repo.current_version(session, draft.id)
    p = SilenceProcedure(draft_id=draft.id, version_number=latest.number, version_hash=latest.hash, step=step,
                         deadline=deadline, status="running", note_id=note_id, started_by_id=user.id,
                         started_at=utcnow())
    session.add(p)
    session.flush()
    jobs.schedule(session, "silence.deadline", f"silence:{p.id}", deadline, {"procedure_id": p.id})
    record(session, user, "silence.start", "draft", draft.id,
           {"procedure_id": p.id, "version": latest.number, "step": step, "deadline": deadline.isoformat(),
            "note_id": note_id})
    notify_draft(session, draft.id, "silence.started", "silence_started", {"deadline": deadline, "step": step})
    return p


def object_to_silence(session: Session, user: User, draft_id: int, reason: str) -> SilenceProcedure:
    draft = visible_draft(session, user, draft_id)
    if user.role != "delegate" or not user.state_iso3:
        raise Forbidden(code="silence_delegates_only")
    reason = reason.strip()
    if not reason:
        raise Unprocessable(code="objection_reason_needed")
    running = repo.running_silence(session, [draft.id])
    if not running:
        raise Conflict(code="silence_not_running")
    p = repo.silence_for_update(session, running[0].id)
    if p is None:  # gone between the two reads
        raise Conflict(code="silence_not_running")
    session.refresh(p)
    now = utcnow()
    if p.status != "running":
        raise Conflict(code="silence_status", status=p.status)
    if now >= p.deadline:
        raise Conflict(code="silence_ended", when=p.deadline)
    session.add(SilenceObjection(procedure_id=p.id, state_iso3=user.state_iso3, user_id=user.id, reason=reason,
                                 created_at=now))
    p.status, p.ended_at = "broken", now
    session.flush()
    jobs.cancel(session, f"silence:{p.id}")
    record(session, user, "silence.objection", "draft", draft.id,
           {"procedure_id": p.id, "state": user.state_iso3, "reason": reason})
    notify_draft(session, draft.id, "silence.broken", "silence_broken", {"state": user.state_iso3})
    return p


def silence_deadline(session: Session, payload: dict, now: datetime) -> str:
    """The job at a silence deadline: with no objection the text is deemed agreed. Idempotent."""
    p = repo.silence_for_update(session, payload["procedure_id"])
    if p is None:
        return "no such procedure"
    session.refresh(p)
    if p.status != "running":
        return f"procedure {p.status}: nothing to do"
    if now < p.deadline:
        raise jobs.Reschedule(p.deadline)
    draft = session.get_one(Draft, p.draft_id)
    session.refresh(draft, with_for_update=True)
    latest = drafts_repo.current_version(session, draft.id)
    p.ended_at = now
    if latest.hash != p.version_hash:
        p.status = "void"
        session.flush()
        record(session, None, "silence.void", "draft", draft.id,
               {"procedure_id": p.id, "reason": f"version {latest.number} replaced version {p.version_number}"})
        return "void: the text changed"
    try:
        drafts.move(session, None, draft, p.step, note="silence procedure: no objection by the deadline",
                    details={"silence_procedure": p.id})
    except Conflict as exc:
        p.status = "void"
        session.flush()
        record(session, None, "silence.void", "draft", draft.id, {"procedure_id": p.id, "reason": exc.detail})
        return "void: " + exc.detail
    p.status = "agreed"
    session.flush()
    record(session, None, "silence.agreed", "draft", draft.id,
           {"procedure_id": p.id, "version": p.version_number, "step": p.step, "deadline": p.deadline.isoformat(),
            "hash": p.version_hash})
    notify_draft(session, draft.id, "silence.agreed", "silence_agreed", {"step": p.step})
    return f"agreed: {p.step}"


def window_deadline(session: Session, now: datetime) -> int:
    """Close every proposal window whose deadline passed (the draft goes under review). Idempotent."""
    from ..models import ProposalWindow

    closed = 0
    for w in repo.expired_windows(session, now):
        w = session.get_one(ProposalWindow, w.id, with_for_update=True)
        session.refresh(w)
        if w.closed_at is not None:
            continue
        w.closed_at = w.deadline
        draft = session.get_one(Draft, w.draft_id)
        session.flush()
        record(session, None, "window.close", "draft", draft.id, {"version": w.version_number, "by": "deadline"})
        notify_draft(session, draft.id, "window.close", "window_closed", {"version": w.version_number})
        if draft.status == "open":
            drafts.move(session, None, draft, "under_review", note="the proposal window's deadline passed")
        closed += 1
    return closed


# --- signatures and entry into force ---------------------------------------------------------------


def parties_of(session: Session, draft: Draft) -> list[str]:
    """Who signs: the procedure's parties; else the signature blocks' headings ("For the ...:")."""
    row = procedure_row(session, draft)
    if row is not None and row.parties:
        return list(row.parties)
    latest = drafts_repo.current_version(session, draft.id)
    doc = drafts.load_document(session, latest)
    names = []
    for c in doc.walk():
        if c.kind == SIGNATURE:
            name = (c.heading or c.text).strip().rstrip(":").strip()
            for lead in ("for ", "the "):
                name = name[len(lead):] if name.lower().startswith(lead) else name
            if name and name not in names:
                names.append(name)
    return names or drafts_repo.participants(session, draft.id)


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def entry_into_force(session: Session, draft: Draft) -> dict:
    row = procedure_row(session, draft)
    rule = row.entry_rule if row else "last_signature"
    days = row.entry_days if row else 0
    term = row.term_years if row else 5
    notice = row.notice_days if row else 60
    reminder = row.reminder_days if row else 90
    parties = parties_of(session, draft)
    sigs = repo.signatures(session, draft.id)
    signed = {s.party for s in sigs}
    all_signed = bool(parties) and all(p in signed for p in parties)
    eif: date | None = None
    notified = [s.notified_on for s in sigs if s.notified_on]
    if all_signed:
        if rule == "last_signature":
            eif = max(s.signed_on for s in sigs)
        elif len(notified) == len(sigs):
            eif = max(notified) + timedelta(days=days)
    expires = add_months(eif, 12 * term) - timedelta(days=1) if eif else None
    return {"rule": rule, "entry_days": days, "parties": parties, "signed": sorted(signed),
            "unsigned": [p for p in parties if p not in signed], "all_signed": all_signed,
            "entry_into_force": eif.isoformat() if eif else None, "term_years": term,
            "expires_on": expires.isoformat() if expires else None, "termination_notice_days": notice,
            "termination_notice_by": (expires - timedelta(days=notice)).isoformat() if expires else None,
            "renewal_reminder_on": (expires - timedelta(days=reminder)).isoformat() if expires else None}


def signature_json(s: Signature) -> dict:
    return {"id": s.id, "party": s.party, "signed_on": s.signed_on.isoformat(), "place": s.place,
            "signatory": s.signatory, "title": s.signatory_title,
            "notified_on": s.notified_on.isoformat() if s.notified_on else None}


def signatures_json(session: Session, user: User, draft_id: int) -> dict:
    draft = visible_draft(session, user, draft_id)
    return {"draft_id": draft.id, "status": draft.status,
            "signatures": [signature_json(s) for s in repo.signatures(session, draft.id)],
            **entry_into_force(session, draft)}


def record_signature(session: Session, user: User, draft_id: int, spec: dict) -> Signature:
    draft = visible_draft(session, user, draft_id)
    require_role(user, SECRETARIAT, "record signatures")
    session.refresh(draft, with_for_update=True)
    if draft.status not in ("final", "signed", "in_force"):
        raise Conflict(code="signature_not_final", status=draft.status,
                       message="signature_final_first" if draft.status == "approved" else None)
    parties = parties_of(session, draft)
    party = spec["party"].strip()
    if party not in parties:
        raise Unprocessable(code="not_a_party", party=party, parties="; ".join(parties))
    if any(s.party == party for s in repo.signatures(session, draft.id)):
        raise Conflict(code="already_signed", party=party)
    s = Signature(draft_id=draft.id, party=party, signed_on=spec["signed_on"], place=spec["place"].strip(),
                  signatory=spec["signatory"].strip(), signatory_title=spec["title"].strip(),
                  notified_on=spec.get("notified_on"), recorded_by_id=user.id, created_at=utcnow())
    session.add(s)
    session.flush()
    record(session, user, "signature.record", "draft", draft.id,
           {"party": party, "signed_on": s.signed_on.isoformat(), "place": s.place, "signatory": s.signatory})
    state = entry_into_force(session, draft)
    if state["all_signed"] and draft.status == "final":
        drafts.move(session, user, draft, "signed", details={"signatures": len(state["signed"])})
    if state["entry_into_force"] and draft.status == "signed":
        eif = date.fromisoformat(state["entry_into_force"])
        when = datetime(eif.year, eif.month, eif.day, tzinfo=zone())
        if when <= utcnow():
            drafts.move(session, user, draft, "in_force", details={"entry_into_force": state["entry_into_force"]})
            schedule_renewal_reminder(session, draft)
        else:
            jobs.schedule(session, "entry.in_force", f"in_force:{draft.id}", when.astimezone(UTC),
                          {"draft_id": draft.id})
    return s


def in_force_job(session: Session, payload: dict, now: datetime) -> str:
    draft = session.get_one(Draft, payload["draft_id"])
    session.refresh(draft, with_for_update=True)
    if draft.status != "signed":
        return f"draft is {draft.status}: nothing to do"
    state = entry_into_force(session, draft)
    drafts.move(session, None, draft, "in_force", details={"entry_into_force": state["entry_into_force"]})
    schedule_renewal_reminder(session, draft)
    return "in force"


def schedule_renewal_reminder(session: Session, draft: Draft) -> None:
    """In force: remind the delegations before the agreement expires (a job at the reminder date, 09:00)."""
    state = entry_into_force(session, draft)
    if not state["renewal_reminder_on"]:
        return
    day = date.fromisoformat(state["renewal_reminder_on"])
    when = datetime(day.year, day.month, day.day, 9, 0, tzinfo=zone()).astimezone(UTC)
    jobs.schedule(session, "renewal.reminder", f"renewal:{draft.id}:{state['expires_on']}", when,
                  {"draft_id": draft.id})


def renewal_job(session: Session, payload: dict, now: datetime) -> str:
    draft = session.get(Draft, payload["draft_id"])
    if draft is None or draft.status != "in_force":
        return "not in force: nothing to remind"
    state = entry_into_force(session, draft)
    n = notify_draft(session, draft.id, "agreement.renewal", "renewal_reminder",
                     {"expires": state["expires_on"], "notice_by": state["termination_notice_by"]})
    record(session, None, "agreement.renewal_reminder", "draft", draft.id,
           {"expires_on": state["expires_on"], "notified": n})
    return f"reminded {n} delegate(s)"


# --- what is due ----------------------------------------------------------------------------------


def due(session: Session, user: User, lang: str = "en", horizon_days: int = 365) -> list[dict]:
    now = utcnow()
    visible = drafts_repo.list_drafts_for(session, user)
    ids = [d.id for d in visible]
    titles = {d.id: (d.short_title or d.title) for d in visible}
    items: list[dict] = []
    for w in repo.open_windows(session, ids):
        if w.deadline > now:
            items.append({"kind": "window_closes", "draft_id": w.draft_id, "title": titles[w.draft_id],
                          "at": w.deadline, "version": w.version_number})
    for p in repo.running_silence(session, ids):
        items.append({"kind": "silence_deadline", "draft_id": p.draft_id, "title": titles[p.draft_id],
                      "at": p.deadline, "version": p.version_number, "step": p.step, "procedure_id": p.id})
    meetings = repo.meetings(session, draft_ids=None if user.role in TRANSLATORS else ids, since=now)
    on_agenda = repo.agenda_drafts_of(session, [m.id for m in meetings])
    bodies = {b.id: b.key for b in repo.bodies(session)}
    mine = set(ids)
    for m in meetings:
        drafts_here = on_agenda.get(m.id, set())
        items.append({"kind": "meeting", "meeting_id": m.id, "body": bodies.get(m.body_id), "title": m.title,
                      "at": m.starts_at, "draft_ids": sorted(drafts_here if user.role in TRANSLATORS
                                                             else drafts_here & mine)})
    tz = zone()
    for draft in visible:
        draft_id = draft.id
        if draft.status != "in_force":
            continue
        state = entry_into_force(session, draft)
        if state["expires_on"]:
            exp = date.fromisoformat(state["expires_on"])
            at = datetime(exp.year, exp.month, exp.day, 23, 59, tzinfo=tz).astimezone(UTC)
            if at - now <= timedelta(days=horizon_days):
                items.append({"kind": "agreement_expires", "draft_id": draft_id, "title": titles[draft_id], "at": at,
                              "expires_on": state["expires_on"],
                              "termination_notice_by": state["termination_notice_by"],
                              "renewal_reminder_on": state["renewal_reminder_on"]})
    items.sort(key=lambda x: x["at"])
    for x in items:
        x["at_local"] = local(x["at"], lang=lang)
        x["at"] = x["at"].isoformat()
    return items


# --- reads: what the pages show (they call the service, never the repository) ----------------------


def bodies(session: Session) -> list[Body]:
    return repo.bodies(session)


def decisions_of(session: Session, *, meeting_id: int | None = None, draft_id: int | None = None
                 ) -> list[MeetingDecision]:
    return repo.decisions(session, meeting_id=meeting_id, draft_id=draft_id)


def silence_procedures(session: Session, draft_id: int) -> list[SilenceProcedure]:
    return repo.silence_procedures(session, draft_id)


def notifications_for(session: Session, user: User, limit: int = 200) -> list:
    """The reader's own notifications, newest first."""
    return repo.notifications_for(session, user.id, limit=limit)


def mark_notifications_read(session: Session, user: User) -> int:
    """The reader has seen their notifications: they stay listed, no longer as new."""
    return repo.mark_notifications_read(session, user.id, utcnow())
