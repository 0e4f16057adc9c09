"""Pages for the secretariat's paperwork: notes verbales (create, preview in three languages,
issue, download), the audit log, and sharing a draft with an observer."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup

from ..accounts import service as accounts_service
from ..accounts.permissions import SECRETARIAT, require_role
from ..audit.service import list_events, verify_chain
from ..core.notes.model import KINDS
from ..core.notes.render import note_html
from ..deps import DB
from ..drafts import service as drafts
from ..errors import AppError, Unprocessable
from ..models import User
from ..notes import service as notes
from .common import check_csrf, form_dict, refusal_message, refused, render, web_user
from .i18n import negotiate
from .labels import AUDIT_OBJECTS

router = APIRouter(include_in_schema=False)
LANGS = ("en", "ru", "kk")


def _entities(session, user) -> dict[str, list]:
    out: dict[str, list] = {}
    for e in notes.list_entities(session, user):
        out.setdefault(e.kind, []).append(e)
    return out


def entity_name(entity, lang: str) -> tuple[str, str | None]:
    """What a select shows for a named thing: its name in the reader's language (nominative, else the
    short form), else its English name marked ``en``, else its key (marked as not a language: ``zxx``)."""
    for code in (lang, "en"):
        forms = (entity.forms or {}).get(code) or {}
        text = forms.get("nominative") or forms.get("short_nominative")
        if text:
            return text, (None if code == lang else code)
    return entity.key, "zxx"


def _notes_ctx(request, session, user, form: dict) -> dict:
    lang = negotiate(request)
    return dict(register=notes.register_for(session, user), kinds=KINDS, entities=_entities(session, user),
                drafts=drafts.drafts_for(session, user), form=form, ename=lambda e: entity_name(e, lang))


@router.get("/notes")
def notes_page(request: Request, session: DB, user: User = Depends(web_user)):
    require_role(user, SECRETARIAT + ("translator",), "work with the register of notes")
    return render(request, "notes.html", **_notes_ctx(request, session, user, {"date": dt.date.today().isoformat()}))


def _spec(form: dict, addressees: list[str]) -> dict:
    def date(name):
        try:
            return dt.date.fromisoformat(form[name]) if form.get(name) else None
        except ValueError as exc:
            raise Unprocessable(code="form_date_invalid", field=name) from exc

    spec = {"kind": form.get("kind", ""), "date": date("date"), "place": form.get("place", ""),
            "sender": form.get("sender", ""), "addressees": addressees, "title": form.get("title") or None,
            "references": [], "meetings": [], "agenda": [], "enclosure_style": "abbreviated",
            "number": form.get("number") or None, "series": form.get("series") or None,
            "deadline": date("deadline"),
            "enclosure_pages": int(form["enclosure_pages"]) if form.get("enclosure_pages", "").isdigit() else None,
            "draft_id": int(form["draft_id"]) if form.get("draft_id", "").isdigit() else None, "version": None}
    if spec["kind"] not in KINDS:
        raise Unprocessable(code="note_kind_needed")
    if spec["date"] is None:
        raise Unprocessable(code="note_date_needed")
    if form.get("meeting_body") and form.get("meeting_date"):
        spec["meetings"] = [{"body": form["meeting_body"], "date": date("meeting_date"), "place": None}]
    return spec


@router.post("/notes")
async def create(request: Request, session: DB, user: User = Depends(web_user)):
    await check_csrf(request)
    form = await request.form()
    data = await form_dict(request)
    addressees = [str(a) for a in form.getlist("addressees") if str(a)]
    try:
        require_role(user, SECRETARIAT, "register notes")  # before the form's checks: no 422 for a reader
        note = notes.create_note(session, user, _spec(data, addressees))
    except AppError as exc:
        refused(session)
        ctx = _notes_ctx(request, session, user, {**data, "addressees": addressees})
        return render(request, "notes.html", status_code=exc.status_code, error=refusal_message(request, exc), **ctx)
    return RedirectResponse(f"/notes/{note.id}", status_code=303)


@router.get("/notes/{note_id}")
def note_page(request: Request, session: DB, note_id: int, user: User = Depends(web_user)):
    note = notes.get_visible(session, user, note_id)
    previews, error = [], None
    try:
        rendered = notes.rendered(session, note, LANGS)
        previews = [(r.lang, Markup(note_html(r))) for r in rendered]
    except AppError as exc:
        refused(session)
        error = refusal_message(request, exc)
        note = notes.get_visible(session, user, note_id)
    return render(request, "note.html", note=note, previews=previews, error=error,
                  missing=notes.missing_for(session, note) if note.status != "issued" else [],
                  etag=notes.etag(note), can_issue=user.role in SECRETARIAT and note.status != "issued")


@router.post("/notes/{note_id}/issue")
async def issue(request: Request, session: DB, note_id: int, user: User = Depends(web_user)):
    await check_csrf(request)
    data = await form_dict(request)
    try:
        notes.issue_note(session, user, note_id, data.get("etag"))
    except AppError as exc:
        refused(session)
        note = notes.get_visible(session, user, note_id)
        return render(request, "note.html", status_code=exc.status_code, note=note, previews=[],
                      error=refusal_message(request, exc), missing=notes.missing_for(session, note),
                      etag=notes.etag(note), can_issue=True)
    return RedirectResponse(f"/notes/{note_id}", status_code=303)


@router.get("/audit")
def audit_page(request: Request, session: DB, user: User = Depends(web_user), object_type: str | None = None,
               action: str | None = None, before: int | None = None):
    require_role(user, SECRETARIAT, "read the audit log")
    events = list_events(session, object_type=object_type or None, action=action or None, limit=100,
                         before_id=before)
    return render(request, "audit.html", events=events, chain_valid=verify_chain(session),
                  object_type=object_type or "", action=action or "", audit_objects=AUDIT_OBJECTS,
                  older=events[-1].id if len(events) == 100 else None)


@router.post("/drafts/{draft_id}/share")
async def share(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    await check_csrf(request)
    data = await form_dict(request)
    observer = accounts_service.user_by_email(session, data.get("email", "").strip().lower())
    drafts.share_draft(session, user, draft_id, observer.id if observer is not None else 0)
    return RedirectResponse(f"/drafts/{draft_id}?shared=1", status_code=303)
