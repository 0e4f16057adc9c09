"""Pages of the approval path: bodies and meetings, the agenda, attendance, clause-by-clause
agreement with bracketed alternatives, decisions on agenda items (app/meetings/service.py); and,
per draft, the silence procedure, the final text, signatures and entry into force.

The secretariat records; delegates of the participating states read the same records, without
forms; anyone else gets the API's answer (404 for a meeting or draft they may not see, 403 for a
step their role may not take). A form the service refuses comes back with what was typed, after
the transaction is rolled back, with the refusal in the reader's language naming the missing
step (a coded error of app/meetings/service.py, rendered from the ``errors`` catalog)."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..accounts import service as accounts_service
from ..accounts.permissions import SECRETARIAT, is_secretariat, require_role, visible_draft
from ..config import get_settings
from ..core import lifecycle
from ..core.i18n import format_date
from ..deps import DB
from ..drafts import service as drafts
from ..errors import AppError, Unprocessable
from ..meetings import service as meetings
from ..models import Meeting, User
from ..notes import service as notes_service
from .common import (
    CSRF_STALE,
    clause_label,
    csrf_ok,
    full_numbers,
    gettext_for,
    refusal_message,
    refused,
    render,
    web_user,
)
from .i18n import negotiate
from .labels import N_

router = APIRouter(include_in_schema=False)
DECISION_KINDS = ("agreed_ad_referendum", "approved", "returned", "deferred")
DECISION_LABELS = {"agreed_ad_referendum": N_("Agreed ad referendum"), "approved": N_("Approved"),
                   "returned": N_("Returned for revision"), "deferred": N_("Deferred")}
SILENCE_LABELS = {"running": N_("running"), "broken": N_("broken"), "agreed": N_("no objection: agreed"),
                  "void": N_("void")}
AGREEMENT_LABELS = {"agreed": N_("agreed ad referendum"), "open": N_("not yet agreed"), "bracketed": N_("bracketed")}
TIMEZONES = ("Asia/Almaty", "Asia/Qostanay", "Asia/Tashkent", "Europe/Moscow", "Europe/Vienna", "America/New_York",
             "UTC")
ALTERNATIVES = 3  # alternative rows in the bracket form
LONG_TEXT = 150  # counted clauses: beyond this the agreement table shows the clauses not yet agreed


def _name(forms: dict, lang: str, fallback: str) -> str:
    return (forms.get(lang) or {}).get("nominative") or (forms.get("en") or {}).get("nominative") or fallback


def _body_names(request: Request, session, lang: str) -> dict[str, str]:
    names = {}
    for b in meetings.bodies(session):
        e = notes_service.name_forms(session, b.key)
        names[b.key] = _name(e.forms if e else {}, lang, b.key)
    return names


def _place(session, key: str | None, lang: str) -> str:
    if not key:
        return ""
    e = notes_service.name_forms(session, key)
    return _name(e.forms if e else {}, lang, key)


def _error(request, exc: AppError | None = None) -> dict:
    if exc is None:
        return {"general": gettext_for(request)(CSRF_STALE), "detail": "", "detail_lang": None}
    return refusal_message(request, exc)


async def _form(request: Request) -> tuple[dict[str, str], dict[str, list[str]]]:
    form = await request.form()
    single = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    multi = {k: [str(x) for x in form.getlist(k) if isinstance(x, str)] for k in form.keys()}
    return single, multi


YEARS = (1900, 2200)  # dates outside are typing mistakes (and would overflow the time zone arithmetic)


def _when(raw: str, what: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise Unprocessable(what) from None
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise Unprocessable(what)
    return value


def _day(raw: str, what: str, required: bool = True) -> date | None:
    if not raw and not required:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise Unprocessable(what) from None
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise Unprocessable(what)
    return value


def _num(raw: str | None) -> int | None:
    """A positive whole number typed or chosen in a form (None when it is not one, or absurdly long)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None


# --- the meetings list, bodies, convening a meeting -------------------------------------------------


def _list_ctx(request, session, user, *, form: dict | None = None, body_form: dict | None = None, **extra) -> dict:
    lang = negotiate(request)
    names = _body_names(request, session, lang)
    rows = []
    for m in meetings.list_meetings(session, user):
        mj = meetings.meeting_json(session, user, m, lang)
        rows.append({"m": m, "j": mj, "body": names.get(mj["body"]["key"], mj["body"]["key"]),
                     "place": _place(session, m.place_key, lang)})
    officer = is_secretariat(user)
    places = [e for e in notes_service.all_name_forms(session) if e.kind == "place"] if officer else []
    return dict(rows=rows, officer=officer, bodies=meetings.bodies(session), body_names=names,
                places=[(e.key, _name(e.forms, lang, e.key)) for e in places],
                drafts=drafts.drafts_for(session, user) if officer else [], timezones=TIMEZONES,
                default_tz=get_settings().display_timezone, form=form or {}, body_form=body_form or {},
                now=datetime.now().strftime("%Y-%m-%dT%H:%M"), **extra)


@router.get("/meetings")
def meetings_page(request: Request, session: DB, user: User = Depends(web_user)) -> HTMLResponse:
    return render(request, "meetings.html", **_list_ctx(request, session, user))


@router.post("/meetings/bodies")
async def create_body(request: Request, session: DB, user: User = Depends(web_user)):
    require_role(user, SECRETARIAT, "create bodies")
    data, _multi = await _form(request)
    if not await csrf_ok(request):
        return render(request, "meetings.html", status_code=403, body_error=_error(request),
                      **_list_ctx(request, session, user, body_form=data))
    try:
        key = data.get("key", "").strip().lower()
        if not key:
            raise Unprocessable(N_("Give the body a key (letters, digits and hyphens), e.g. cica-swg."))
        names = {lang: data.get(f"name_{lang}", "").strip() for lang in ("en", "ru", "kk")}
        forms = {lang: {"nominative": n} for lang, n in names.items() if n} or None
        rank = _num(data.get("rank")) or 1
        meetings.create_body(session, user, key, max(1, min(rank, 10)), forms)
    except AppError as exc:
        refused(session)
        return render(request, "meetings.html", status_code=exc.status_code, body_error=_error(request, exc),
                      **_list_ctx(request, session, user, body_form=data))
    return RedirectResponse("/meetings?saved=body#bodies", status_code=303)


def _meeting_spec(data: dict) -> dict:
    if not data.get("body"):
        raise Unprocessable(N_("Choose the body that meets."))
    spec = {"body": data["body"], "title": data.get("title", "").strip(),
            "starts_at": _when(data.get("starts_at", ""), N_("Give the date and time of the meeting.")),
            "timezone": data.get("timezone", "").strip() or None, "place": data.get("place") or None,
            "online": data.get("online") == "yes", "online_url": data.get("online_url", "").strip(), "agenda": []}
    if data.get("draft_id") and not _num(data.get("draft_id")):
        raise Unprocessable(N_("Choose the draft to put on the agenda."))
    if _num(data.get("draft_id")):
        spec["agenda"] = [{"draft_id": _num(data.get("draft_id")), "version": _num(data.get("version")),
                           "with_compilation": data.get("with_compilation") == "yes"}]
    return spec


@router.post("/meetings")
async def create_meeting(request: Request, session: DB, user: User = Depends(web_user)):
    require_role(user, SECRETARIAT, "convene meetings")
    data, _multi = await _form(request)
    if not await csrf_ok(request):
        return render(request, "meetings.html", status_code=403, error=_error(request),
                      **_list_ctx(request, session, user, form=data))
    try:
        m = meetings.create_meeting(session, user, _meeting_spec(data))
    except AppError as exc:
        refused(session)
        return render(request, "meetings.html", status_code=exc.status_code, error=_error(request, exc),
                      **_list_ctx(request, session, user, form=data))
    return RedirectResponse(f"/meetings/{m.id}?saved=meeting", status_code=303)


# --- one meeting ----------------------------------------------------------------------------------


def _agreement_rows(session, user, draft, number: int, _) -> dict:
    version = drafts.existing_version(session, draft.id, number)
    doc = drafts.load_document(session, version)
    numbers = full_numbers(doc)
    state = meetings.agreement_state(session, draft, doc)
    labels = {k: _(v) for k, v in AGREEMENT_LABELS.items()}  # translated once, not per row
    rows = []
    for c in doc.walk():
        if not meetings.counted(c):
            continue
        st = state[c.key]
        words = c.text.split()
        rows.append({"c": c, "label": clause_label(c, numbers, _), "status": st["status"],
                     "status_label": labels["bracketed" if st["brackets"] else st["status"]],
                     "short": " ".join(words[:25]) + (" …" if len(words) > 25 else ""),
                     "brackets": st["brackets"], "changed": st["changed_since_agreed"]})
    agreed = sum(1 for r in rows if r["status"] == "agreed")
    return {"draft": draft, "version": number, "rows": rows, "agreed": agreed, "total": len(rows),
            "bracketed": [r for r in rows if r["brackets"]]}


def _progress(session, draft, version, _) -> dict:
    """Only the counts and the bracketed clauses (named), for the approval page."""
    doc = drafts.load_document(session, version)
    state = meetings.agreement_state(session, draft, doc)
    counted = [c for c in doc.walk() if meetings.counted(c)]
    bracketed = [c for c in counted if state[c.key]["brackets"]]
    numbers = full_numbers(doc) if bracketed else {}
    return {"agreed": sum(1 for c in counted if state[c.key]["status"] == "agreed"), "total": len(counted),
            "bracketed": [{"c": c, "label": clause_label(c, numbers, _)} for c in bracketed]}


def _meeting_ctx(request, session, user, m: Meeting, *, forms: dict | None = None, errors: dict | None = None
                 ) -> dict:
    lang = negotiate(request)
    _ = gettext_for(request)
    names = _body_names(request, session, lang)
    mj = meetings.meeting_json(session, user, m, lang)
    officer = is_secretariat(user)
    visible = {d.id: d for d in drafts.drafts_for(session, user)}
    agenda = [{**a, "draft": visible.get(a["draft_id"])} for a in mj["agenda"]]
    latest_on_agenda: dict[int, int] = {}
    for a in agenda:
        latest_on_agenda[a["draft_id"]] = max(a["version"], latest_on_agenda.get(a["draft_id"], 0))
    agreements = [_agreement_rows(session, user, visible[d], n, _) for d, n in latest_on_agenda.items()
                  if d in visible]
    show_all = request.query_params.get("agreement") == "all"
    for g in agreements:  # a long text shows the clauses still to agree unless asked otherwise
        g["filtered"] = not show_all and g["total"] > LONG_TEXT and g["agreed"] > 0
        g["shown"] = [r for r in g["rows"] if r["status"] != "agreed" or r["brackets"]] if g["filtered"] \
            else g["rows"]
    participants: list[str] = []
    for d in latest_on_agenda:
        participants += [s for s in drafts.participants(session, d) if s not in participants]
    items = {a["id"]: a for a in agenda}
    decisions = [{**d, "item": items.get(d["agenda_item_id"]), "label": _(DECISION_LABELS[d["kind"]])}
                 for d in mj["decisions"]]
    return dict(m=m, j=mj, body=names.get(mj["body"]["key"], mj["body"]["key"]),
                place=_place(session, m.place_key, lang), agenda=agenda, agreements=agreements,
                attendance=mj["attendance"], participants=sorted(participants) or
                [s.iso3 for s in accounts_service.member_states(session)], decisions=decisions, officer=officer,
                drafts=list(visible.values()) if officer else [], decision_kinds=DECISION_KINDS,
                decision_labels=DECISION_LABELS, agreement_labels=AGREEMENT_LABELS, alternatives=range(ALTERNATIVES),
                forms=forms or {}, errors=errors or {}, saved=request.query_params.get("saved"),
                today=date.today().isoformat(), changed_label=_("changed since agreed"), show_all=show_all)


@router.get("/meetings/{meeting_id}")
def meeting_page(request: Request, session: DB, meeting_id: int, user: User = Depends(web_user)) -> HTMLResponse:
    m = meetings.visible_meeting(session, user, meeting_id)
    return render(request, "meeting.html", **_meeting_ctx(request, session, user, m))


def _agenda_spec(data, multi) -> dict:
    if not _num(data.get("draft_id")):
        raise Unprocessable(N_("Choose the draft to put on the agenda."))
    return {"draft_id": _num(data.get("draft_id")), "version": _num(data.get("version")),
            "with_compilation": data.get("with_compilation") == "yes", "title": data.get("title") or None}


def _attendance(data, multi) -> list[str]:
    return multi.get("present", [])


def _agreement(data, multi) -> tuple[int, list[dict]]:
    draft_id = _num(data.get("draft_id")) or 0
    keys = multi.get("clauses", [])
    if not keys:
        raise Unprocessable(N_("Tick at least one clause."))
    if data.get("status") not in ("agreed", "open"):
        raise Unprocessable(N_("Choose “agreed ad referendum” or “not yet agreed” for the ticked clauses."))
    return draft_id, [{"key": k, "status": data["status"], "note": data.get("note", "")} for k in keys]


def _bracket(data, multi) -> dict:
    alternatives = []
    for i in range(ALTERNATIVES):
        text = data.get(f"alt{i}_text", "").strip()
        if text:
            alternatives.append({"label": data.get(f"alt{i}_label", "").strip() or None, "text": text,
                                 "states": multi.get(f"alt{i}_states", [])})
    if not data.get("clause_key"):
        raise Unprocessable(N_("Choose the clause."))
    if not data.get("text", "").strip():
        raise Unprocessable(N_("Give the words of the clause that are put in square brackets."))
    if not alternatives:
        raise Unprocessable(N_("Give at least one alternative wording."))
    return {"draft_id": _num(data.get("draft_id")) or 0,
            "clause_key": data["clause_key"], "text": data["text"], "alternatives": alternatives}


def _decision(data, multi) -> dict:
    if data.get("kind") not in DECISION_KINDS:
        raise Unprocessable(N_("Choose the decision."))
    if not _num(data.get("agenda_item_id")):
        raise Unprocessable(N_("Choose the agenda item."))
    deadline = _when(data["deadline"], N_("Give the new deadline as a date and a time.")) if data.get("deadline") \
        else None
    return {"kind": data["kind"], "agenda_item_id": _num(data.get("agenda_item_id")),
            "instructions": data.get("instructions", ""), "deadline": deadline}


ANCHORS = {"agenda": "agenda", "attendance": "attendance", "agreement": "agreement", "brackets": "agreement",
           "resolve": "agreement", "decisions": "decisions", "convening": "convening"}


def _convening(data) -> dict:
    return {"number": data.get("number", "").strip() or None, "series": None,
            "date": _day(data.get("date", ""), N_("Give the date of the note.")),
            "place": data.get("place") or "astana", "sender": "cica-secretariat", "addressees": ["cica-member-states"],
            "deadline": _day(data.get("deadline", ""), N_("The reply deadline is not a date."), required=False),
            "agenda": [], "enclosure_pages": None}


@router.post("/meetings/{meeting_id}/{part}")
async def meeting_act(request: Request, session: DB, meeting_id: int, part: str, user: User = Depends(web_user)):
    m = meetings.visible_meeting(session, user, meeting_id)
    if part not in ANCHORS:
        from ..errors import NotFound

        raise NotFound(code="no_route", path=request.url.path)
    require_role(user, SECRETARIAT, "record meetings, attendance and decisions")
    data, multi = await _form(request)
    form_key = part if part != "resolve" else f"resolve{data.get('bracket_id', '')}"
    if part == "agreement" or part == "brackets":
        form_key = f"{part}{data.get('draft_id', '')}"
    if not await csrf_ok(request):
        error, status = _error(request), 403
    else:
        try:
            if part == "agenda":
                meetings.add_agenda_item(session, user, m.id, _agenda_spec(data, multi))
            elif part == "attendance":
                meetings.set_attendance(session, user, m.id, _attendance(data, multi))
            elif part == "agreement":
                draft_id, clauses = _agreement(data, multi)
                meetings.record_agreement(session, user, m.id, draft_id, clauses)
            elif part == "brackets":
                meetings.add_bracket(session, user, m.id, _bracket(data, multi))
            elif part == "resolve":
                choice = data.get("alternative", "")
                if choice == "":
                    raise Unprocessable(N_("Choose the alternative that is kept, or lift the brackets."))
                meetings.resolve_bracket(session, user, m.id, _num(data.get("bracket_id")) or 0,
                                         _num(choice))
            elif part == "convening":
                note = meetings.convening_note(session, user, m.id, _convening(data))
                return RedirectResponse(f"/notes/{note.id}", status_code=303)
            else:
                meetings.record_decision(session, user, m.id, _decision(data, multi))
            return RedirectResponse(f"/meetings/{m.id}?saved={part}#{ANCHORS[part]}", status_code=303)
        except AppError as exc:
            refused(session)
            error, status = _error(request, exc), exc.status_code
    m = meetings.visible_meeting(session, user, meeting_id)
    ctx = _meeting_ctx(request, session, user, m, forms={form_key: {**data, **{k: v for k, v in multi.items()
                                                                              if len(v) > 1 or k.endswith("states")
                                                                              or k in ("present", "clauses")}}},
                       errors={form_key: error})
    return render(request, "meeting.html", status_code=status, **ctx)


# --- a draft's approval: procedure, decisions, silence, final text, signatures ---------------------


def _meeting_day(m: Meeting) -> date:
    return m.starts_at.astimezone(meetings.zone(m.timezone)).date()


def _approval_ctx(request, session, user, draft, *, forms: dict | None = None, errors: dict | None = None) -> dict:
    lang = negotiate(request)
    _ = gettext_for(request)
    names = _body_names(request, session, lang)
    proc = meetings.procedure_json(session, draft)
    latest = drafts.latest_version(session, draft.id)
    agreement = _progress(session, draft, latest, _)
    silence = [meetings.silence_json(session, p, lang) for p in meetings.silence_procedures(session, draft.id)]
    running = next((s for s in silence if s["status"] == "running"), None)
    sig = meetings.signatures_json(session, user, draft.id)
    decisions = [{**meetings.decision_json(d), "label": _(DECISION_LABELS[d.kind]),
                  "meeting_date": _meeting_day(session.get(Meeting, d.meeting_id))}
                 for d in meetings.decisions_of(session, draft_id=draft.id)]
    iso = date.fromisoformat
    for s in sig["signatures"]:
        s["signed_on_date"] = iso(s["signed_on"])
    for k, name in (("entry_into_force", "eif_date"), ("expires_on", "expires_date"),
                    ("termination_notice_by", "notice_date"), ("renewal_reminder_on", "reminder_date")):
        sig[name] = iso(sig[k]) if sig.get(k) else None
    officer = is_secretariat(user)
    approval_next = [s for s in proc["next_steps"] if s in lifecycle.APPROVAL_STEPS]
    silence_notes = [n for n in notes_service.register_for(session, user) if n.kind == "silence" and n.draft_id == draft.id] \
        if officer else []
    steps = [{**s, "done": s["status"] in proc["done"], "body_name": names.get(s.get("body") or "", "")}
             for s in proc["steps"]]
    return dict(draft=draft, version=latest, proc=proc, steps=steps, agreement=agreement, silence=silence,
                running=running, sig=sig, decisions=decisions, officer=officer,
                can_object=running is not None and user.role == "delegate" and bool(user.state_iso3),
                approval_next=approval_next, silence_notes=silence_notes,
                can_finalise=officer and "final" in proc["next_steps"], silence_labels=SILENCE_LABELS,
                tday=lambda d: format_date(d, lang) if d else "", body_names=names,
                aar_step=next((st for st in proc["steps"] if st["status"] == "agreed_ad_referendum"), None),
                approved_step=next(st for st in proc["steps"] if st["status"] == "approved"),  # "4 марта 2026 года", "2026 жылғы 4 наурыз"
                forms=forms or {}, errors=errors or {}, saved=request.query_params.get("saved"))


@router.get("/drafts/{draft_id}/approval")
def approval_page(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    return render(request, "approval.html", **_approval_ctx(request, session, user, draft))


APPROVAL_PARTS = {"silence": "silence", "objection": "silence", "final": "final", "signatures": "signatures",
                  "procedure": "procedure", "terms": "terms"}
ENTRY_RULES = ("last_signature", "days_after_last_notification")


def _whole(raw: str | None, low: int, high: int, what: str, required: bool = True) -> int | None:
    """A whole number from ``low`` to ``high`` typed in a form; ``what`` says what it must be when it is not."""
    n = _num(raw)
    if n is None and not (raw or "").strip() and not required:
        return None
    if n is None or not low <= n <= high:
        raise Unprocessable(what)
    return n


def _terms(data: dict) -> dict:
    """The entry-into-force rule, term, notice, reminder and parties from the form (app.meetings.service.set_procedure
    checks what depends on the rule, e.g. the days a notification rule needs)."""
    rule = data.get("entry_rule", "")
    if rule not in ENTRY_RULES:
        raise Unprocessable(N_("Choose how the agreement enters into force."))
    return {
        "entry_rule": rule,
        "entry_days": _whole(data.get("entry_days"), 0, 3650, N_("The days after the last notification are a whole "
                                                               "number from 0 to 3650."), required=False),
        "term_years": _whole(data.get("term_years"), 1, 100, N_("The term is a whole number of years from 1 to 100.")),
        "notice_days": _whole(data.get("notice_days"), 0, 3650, N_("The notice of termination is a whole number of "
                                                                 "days from 0 to 3650.")),
        "reminder_days": _whole(data.get("reminder_days"), 0, 3650, N_("The renewal reminder is a whole number of "
                                                                     "days from 0 to 3650.")),
        "parties": [line.strip() for line in data.get("parties", "").splitlines() if line.strip()],
    }


def _steps(data: dict) -> list[dict]:
    """The approval steps from the form: the working level's agreement skipped, optional or required,
    then approval; each with the body that takes it."""
    aar = data.get("aar", "")
    if aar not in ("skip", "optional", "required"):
        raise Unprocessable(N_("Say whether the text is first agreed ad referendum."))
    steps = [] if aar == "skip" else [{"status": "agreed_ad_referendum", "required": aar == "required",
                                       "body": data.get("aar_body") or None}]
    return steps + [{"status": "approved", "required": True, "body": data.get("approved_body") or None}]


@router.post("/drafts/{draft_id}/approval/{part}")
async def approval_act(request: Request, session: DB, draft_id: int, part: str, user: User = Depends(web_user)):
    draft = visible_draft(session, user, draft_id)
    if part not in APPROVAL_PARTS:
        from ..errors import NotFound

        raise NotFound(code="no_route", path=request.url.path)
    if part != "objection":
        require_role(user, SECRETARIAT, {"silence": "start a silence procedure", "final": "make the text final",
                                         "signatures": "record signatures", "procedure": "change drafts",
                                         "terms": "change drafts"}[part])
    data, _multi = await _form(request)
    if not await csrf_ok(request):
        error, status = _error(request), 403
    else:
        try:
            if part == "silence":
                deadline = _when(data.get("deadline", ""), N_("Give the deadline as a date and a time."))
                meetings.start_silence(session, user, draft.id, deadline, data.get("step") or None,
                                       _num(data.get("note_id")))
            elif part == "procedure":
                meetings.set_procedure(session, user, draft.id, {"steps": _steps(data)})
            elif part == "terms":
                meetings.set_procedure(session, user, draft.id, _terms(data))
            elif part == "objection":
                meetings.object_to_silence(session, user, draft.id, data.get("reason", ""))
            elif part == "final":
                if data.get("confirm") != "yes":
                    raise Unprocessable(N_("Tick the box to confirm that the text becomes final."))
                drafts.transition(session, user, draft.id, "final", note=data.get("note", ""))
            else:
                meetings.record_signature(session, user, draft.id, {
                    "party": data.get("party", ""),
                    "signed_on": _day(data.get("signed_on", ""), N_("Give the date of signature.")),
                    "place": _required(data, "place", N_("Give the place of signature.")),
                    "signatory": _required(data, "signatory", N_("Give the name of the signatory.")),
                    "title": _required(data, "title", N_("Give the signatory's title.")),
                    "notified_on": _day(data.get("notified_on", ""), N_("The date of notification is not a date."),
                                        required=False)})
            return RedirectResponse(f"/drafts/{draft.id}/approval?saved={part}#{APPROVAL_PARTS[part]}",
                                    status_code=303)
        except AppError as exc:
            refused(session)
            error, status = _error(request, exc), exc.status_code
    draft = visible_draft(session, user, draft_id)
    return render(request, "approval.html", status_code=status,
                  **_approval_ctx(request, session, user, draft, forms={part: data}, errors={part: error}))


def _required(data: dict, name: str, message: str) -> str:
    value = data.get(name, "").strip()
    if not value:
        raise Unprocessable(message)
    return value

