"""Web pages: login, the reader's home (what is due), a draft's version in a language.
Thin: parse input, call a service, render."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import UploadFile

from ..accounts import service as accounts
from ..accounts.permissions import is_secretariat, visible_draft
from ..accounts.security import new_token, same
from ..config import get_settings
from ..core.clauses.messages import shown
from ..deps import DB, SESSION_COOKIE
from ..drafts import reimport
from ..drafts import service as drafts
from ..errors import AppError, Forbidden, Unauthorized, Unprocessable
from ..models import User
from ..proposals import reads as proposal_reads
from ..proposals import service as proposals
from . import due
from .common import check_csrf, full_numbers, gettext_for, refusal_message, refused, render, web_user
from .i18n import negotiate, translations

router = APIRouter(include_in_schema=False)
PRELOGIN_COOKIE = "concord_prelogin"
EXPORTS = ("signature", "parallel", "compilation", "redline")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt="concord-login")


def _safe_next(next: str) -> str:
    return next if next.startswith("/") and not next.startswith("//") else "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    nonce = new_token()
    resp = render(request, "login.html", csrf=_serializer().dumps(nonce), next=_safe_next(next))
    resp.set_cookie(PRELOGIN_COOKIE, nonce, httponly=True, samesite="strict", secure=get_settings().secure_cookies,
                    max_age=3600)
    return resp


@router.post("/login")
def login(request: Request, session: DB, email: str = Form(""), password: str = Form(""),
          csrf_token: str = Form(""), next: str = Form("/")) -> Response:
    tr = translations(negotiate(request))
    try:
        nonce = _serializer().loads(csrf_token, max_age=3600)
    except BadSignature:
        nonce = None
    error = None
    if not nonce or not same(nonce, request.cookies.get(PRELOGIN_COOKIE, "")):
        error = tr.gettext("The login form had expired; please enter your password again.")
    else:
        try:
            user = accounts.authenticate(session, email, password)
        except Unauthorized:
            error = tr.gettext("Incorrect e-mail or password.")
    if error:
        new_nonce = new_token()
        resp: Response = render(request, "login.html", status_code=401 if nonce else 403, csrf=_serializer().dumps(new_nonce),
                      next=_safe_next(next), error=error, email=email)
        resp.set_cookie(PRELOGIN_COOKIE, new_nonce, httponly=True, samesite="strict",
                        secure=get_settings().secure_cookies, max_age=3600)
        return resp
    old = request.cookies.get(SESSION_COOKIE)
    if old:  # rotate: the session id changes at login
        found = accounts.resolve_token(session, old)
        if found:
            accounts.revoke(session, found[1], found[0])
    user.lang = negotiate(request)  # the language of this person's e-mails
    token, _ = accounts.open_session(session, user, "cookie")
    resp = RedirectResponse(_safe_next(next), status_code=303)
    resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=get_settings().secure_cookies,
                    max_age=get_settings().session_hours * 3600)
    resp.delete_cookie(PRELOGIN_COOKIE)
    return resp


@router.post("/logout")
async def logout(request: Request, session: DB, user: User = Depends(web_user)) -> RedirectResponse:
    await check_csrf(request)
    accounts.revoke(session, request.state.auth_session, user)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE)
    return resp


@router.get("/")
def home(request: Request, session: DB, user: User = Depends(web_user)) -> HTMLResponse:
    items: list[dict[str, Any]] = []
    for d in drafts.drafts_for(session, user):
        latest = drafts.latest_version(session, d.id)
        items.append({"draft": d, "latest": latest})
    lang = negotiate(request)
    return render(request, "drafts.html", drafts=items, can_import=is_secretariat(user),
                  due=due.what_is_due(session, user, [i["draft"] for i in items], lang),
                  notifications=_notifications(session, user, lang))


NOTIFICATIONS_SHOWN = 20


def _notifications(session, user: User, lang: str) -> list[dict]:
    """The reader's newest notifications (window opened, proposal decided, meeting convened,
    silence ...), each in the page's language; unread ones first."""
    from ..meetings import notify
    from ..meetings import service as meetings

    rows = meetings.notifications_for(session, user, limit=NOTIFICATIONS_SHOWN)
    out = [{**notify.notification_json(session, n, lang), "at": n.created_at} for n in rows]
    return sorted(out, key=lambda n: n["read"])


@router.post("/notifications/read")
async def notifications_read(request: Request, session: DB, user: User = Depends(web_user)) -> RedirectResponse:
    """Mark the reader's notifications as read (they stay listed, no longer as new)."""
    from ..meetings import service as meetings

    await check_csrf(request)
    meetings.mark_notifications_read(session, user)
    return RedirectResponse("/#notifications", status_code=303)


@router.get("/drafts/{draft_id}")
def draft_page(request: Request, session: DB, draft_id: int, v: int | None = None, lang: str | None = None,
               user: User = Depends(web_user)) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    lang = drafts.check_lang(draft, lang or (negotiate(request) if negotiate(request) in draft.languages else None))
    versions = drafts.versions(session, draft.id)
    version = drafts.get_version(session, draft, v) if v else versions[-1]
    doc = drafts.load_document(session, version)
    view = drafts.language_view(session, draft, doc, lang)
    numbers = full_numbers(doc)
    counts: dict[str, int] = {}
    for p in proposal_reads.list_for(session, draft.id, user, version=version.number):
        if p.clause_key and p.status != "withdrawn":
            counts[p.clause_key] = counts.get(p.clause_key, 0) + 1
    agreement = _agreement(session, draft, doc, numbers)
    rows, toc = [], []
    for c, _parent, depth in doc.walk_with_parent():
        heading, text = view.texts.get(c.key, (c.heading, c.text))
        rows.append({"c": c, "depth": depth, "heading": heading, "text": text, "status": view.status.get(c.key),
                     "full": numbers.get(c.key, ""), "proposals": counts.get(c.key, 0),
                     "agreement": agreement["shown"].get(c.key)})
        if c.kind == "section":
            toc.append({"key": c.key, "number": c.number, "heading": heading,
                        "lang": draft.authentic_lang if view.status.get(c.key) == "missing" else None})
    latest_n = versions[-1].number
    window_open = proposals.window_state(proposal_reads.latest_window(session, draft.id), latest_n)[0]
    _ = translations(negotiate(request)).gettext
    # "Initial text" in the reader's language; a typed label as typed
    labels = {v.number: (shown(v.label_code, v.label_params, v.label, gettext=_), None) for v in versions}
    return render(request, "draft.html", draft=draft, version=version, versions=versions, rows=rows, toc=toc,
                  version_labels=labels,
                  text_lang=lang, missing=view.missing, stale=view.stale, exports=EXPORTS,
                  can_propose=user.role == "delegate" and window_open and version.number == latest_n,
                  can_translate=user.role in ("translator", "secretariat", "admin"),
                  is_officer=is_secretariat(user), window_open=window_open, agreement=agreement,
                  can_reimport=is_secretariat(user) and draft.status not in drafts.LOCKED)


# --- a revised text as the next version (secretariat) -------------------------------------------


def _reimport_choices(session, user: User, draft) -> list:
    """Whom the upload form offers to attribute the file to; none: no form (not the secretariat,
    or the text is locked)."""
    if not is_secretariat(user) or draft.status in drafts.LOCKED:
        return []
    return reimport.choices(session, draft)


def _reimport_page(request: Request, session, user: User, draft, status_code: int = 200, **ctx) -> HTMLResponse:
    latest = drafts.latest_version(session, draft.id)
    ctx.setdefault("attributed_to", "")
    return render(request, "reimport.html", status_code=status_code, draft=draft, latest=latest,
                  choices=_reimport_choices(session, user, draft), **ctx)


@router.get("/drafts/{draft_id}/versions/import")
def reimport_form(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    reimport.authorize(session, user, draft_id)
    return _reimport_page(request, session, user, draft)


@router.post("/drafts/{draft_id}/versions/import")
async def reimport_upload(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    """Preview the uploaded file (``action=preview``, multipart with ``file``), or create the version
    from the file the preview carried back (``action=create``, ``source``: the file, base64)."""
    await check_csrf(request)
    form = await request.form()
    action = str(form.get("action") or "preview")
    attributed_to = str(form.get("attributed_to") or "")
    label = str(form.get("label") or "")[:300]
    raw_base = str(form.get("base_version") or "")
    base_version = int(raw_base) if raw_base.isdigit() else None
    name, data = "", b""
    _ = gettext_for(request)
    try:
        draft = await run_in_threadpool(reimport.authorize, session, user, draft_id)
        if action == "create":
            name = str(form.get("source_name") or "upload")[:300]
            try:
                data = base64.b64decode(str(form.get("source") or ""), validate=True)
            except (binascii.Error, ValueError):
                data = b""
            if not data:
                raise Unprocessable(_("Upload the file again: the preview's copy of it was lost."),
                                    code="reimport_form")
        else:
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise Unprocessable(_("Choose the file of the revised text (.txt, .md or .docx)."),
                                    code="reimport_form")
            from ..drafts.uploads import read_upload

            name = upload.filename
            try:
                data = await read_upload(upload)
            except AppError as exc:
                raise reimport.unreadable(exc, name) from None
        source = await run_in_threadpool(reimport.read_revised, data, name)
        kw = {"source_name": name, "attributed_to": attributed_to, "base_version": base_version, **source}
        if action == "create":
            out = await run_in_threadpool(lambda: reimport.import_next_version(session, user, draft_id, label=label,
                                                                               **kw))
            return RedirectResponse(f"/drafts/{draft_id}?v={out['version']['number']}&created=1", status_code=303)
        preview = await run_in_threadpool(lambda: reimport.preview(session, user, draft_id, **kw))
    except AppError as exc:
        refused(session)
        draft = visible_draft(session, user, draft_id)
        error = refusal_message(request, exc)
        if exc.msgid or exc.code == "reimport_form":  # coded, or this page's own: in the reader's language
            error = {**error, "detail": exc.message(negotiate(request)), "detail_lang": None}
        return _reimport_page(request, session, user, draft, status_code=exc.status_code, error=error,
                              attributed_to=attributed_to, label_value=label)
    return _reimport_page(request, session, user, draft, preview=preview, source=base64.b64encode(data).decode(),
                          source_name=name, attributed_to=attributed_to, label_value=label)


def _agreement(session, draft, doc, numbers: dict[str, str]) -> dict:
    """The version's agreement clause by clause (app/meetings): per clause agreed or open with its
    brackets, the progress ("41 of 58 paragraphs agreed") and the bracketed clauses; shown once
    anything has been recorded."""
    from ..meetings import service as meetings

    state = meetings.agreement_state(session, draft, doc)
    counted = [c for c in doc.walk() if meetings.counted(c)]
    agreed = sum(1 for c in counted if state[c.key]["status"] == "agreed")
    bracketed = [{"key": c.key, "number": numbers.get(c.key) or c.key} for c in counted if state[c.key]["brackets"]]
    recorded = agreed > 0 or bool(bracketed) or any(s["meeting_id"] for s in state.values())
    # per clause, only what the page marks: agreed, or its brackets (most clauses: nothing)
    shown = {c.key: state[c.key] for c in counted if recorded and (state[c.key]["status"] == "agreed"
                                                                   or state[c.key]["brackets"])}
    return {"shown": shown, "agreed": agreed, "total": len(counted), "bracketed": bracketed, "recorded": recorded}


__all__ = ["router", "Forbidden"]
