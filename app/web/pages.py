"""Web pages: login, drafts, a version in a language. Thin: parse input, call a service, render."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..accounts import service as accounts
from ..accounts.permissions import is_secretariat, visible_draft
from ..accounts.security import new_token, same
from ..config import get_settings
from ..deps import DB, SESSION_COOKIE
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import Forbidden, Unauthorized
from ..models import User
from .i18n import LANG_COOKIE, UI_LANGS, negotiate, translations

HERE = __file__.rsplit("/", 1)[0]
templates = Jinja2Templates(directory=f"{HERE}/templates")
router = APIRouter(include_in_schema=False)
PRELOGIN_COOKIE = "concord_prelogin"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt="concord-login")


def render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    lang = negotiate(request)
    tr = translations(lang)
    tz = ZoneInfo(get_settings().display_timezone)

    def when(dt: datetime | None) -> str:
        if dt is None:
            return ""
        return format_datetime(dt.astimezone(tz), "medium", locale=lang)

    ctx.update(request=request, lang=lang, ui_langs=UI_LANGS, _=tr.gettext, ngettext=tr.ngettext, when=when,
               tzname=get_settings().display_timezone)
    ctx.setdefault("user", getattr(request.state, "web_user_view", None))
    ctx.setdefault("csrf", getattr(request.state, "web_csrf", ""))
    resp = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if request.query_params.get("ui") in UI_LANGS:
        resp.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True,
                        secure=get_settings().secure_cookies)
    return resp


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    if status == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return render(request, "error.html", status_code=status, status=status, detail=detail)


def web_user(request: Request, session: DB) -> User:
    token = request.cookies.get(SESSION_COOKIE)
    found = accounts.resolve_token(session, token) if token else None
    if found is None:
        raise Unauthorized()
    user, row = found
    request.state.auth_session = row
    # plain values for the page frame: an error page may render after the transaction ended
    request.state.web_user_view = SimpleNamespace(label=user.label, role=user.role, state_iso3=user.state_iso3)
    request.state.web_csrf = row.csrf_token
    return user


async def check_csrf(request: Request) -> None:
    form = await request.form()
    row = getattr(request.state, "auth_session", None)
    sent = str(form.get("csrf_token") or "")
    if row is None or not sent or not same(sent, row.csrf_token):
        raise Forbidden("Missing or wrong CSRF token; reload the page and try again.")


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    nonce = new_token()
    resp = render(request, "login.html", csrf=_serializer().dumps(nonce), next=next if next.startswith("/") else "/")
    resp.set_cookie(PRELOGIN_COOKIE, nonce, httponly=True, samesite="strict", secure=get_settings().secure_cookies,
                    max_age=3600)
    return resp


@router.post("/login")
def login(request: Request, session: DB, email: str = Form(""), password: str = Form(""),
          csrf_token: str = Form(""), next: str = Form("/")) -> HTMLResponse:
    try:
        nonce = _serializer().loads(csrf_token, max_age=3600)
    except BadSignature:
        nonce = None
    if not nonce or not same(nonce, request.cookies.get(PRELOGIN_COOKIE, "")):
        raise Forbidden("The login form has expired; reload the page and try again.")
    try:
        user = accounts.authenticate(session, email, password,
                                     address=request.client.host if request.client else None)
    except Unauthorized:
        tr = translations(negotiate(request))
        new_nonce = new_token()
        resp = render(request, "login.html", status_code=401, csrf=_serializer().dumps(new_nonce), next=next,
                      error=tr.gettext("Incorrect e-mail or password."), email=email)
        resp.set_cookie(PRELOGIN_COOKIE, new_nonce, httponly=True, samesite="strict",
                        secure=get_settings().secure_cookies, max_age=3600)
        return resp
    old = request.cookies.get(SESSION_COOKIE)
    if old:  # rotate: the session id changes at login
        found = accounts.resolve_token(session, old)
        if found:
            accounts.revoke(session, found[1], found[0])
    token, _ = accounts.open_session(session, user, "cookie")
    resp = RedirectResponse(next if next.startswith("/") and not next.startswith("//") else "/", status_code=303)
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
    items = []
    for d in drafts_repo.list_drafts_for(session, user):
        latest = drafts_repo.latest_version(session, d.id)
        items.append({"draft": d, "latest": latest})
    return render(request, "drafts.html", drafts=items, can_import=is_secretariat(user))


@router.get("/drafts/{draft_id}")
def draft_page(request: Request, session: DB, draft_id: int, v: int | None = None, lang: str | None = None,
               user: User = Depends(web_user)) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    lang = drafts.check_lang(draft, lang)
    versions = drafts_repo.versions(session, draft.id)
    version = drafts.get_version(session, draft, v) if v else versions[-1]
    doc = drafts.load_document(session, version)
    view = drafts.language_view(session, draft, doc, lang)
    rows = []
    for c, _parent, depth in doc.walk_with_parent():
        heading, text = view.texts.get(c.key, (c.heading, c.text))
        rows.append({"c": c, "depth": depth, "heading": heading, "text": text, "status": view.status.get(c.key)})
    from ..proposals import repository as proposals_repo
    from ..proposals.service import window_state

    window_open = window_state(proposals_repo.latest_window(session, draft.id), versions[-1].number)[0]
    return render(request, "draft.html", draft=draft, version=version, versions=versions, rows=rows,
                  text_lang=lang, missing=view.missing, stale=view.stale,
                  can_propose=user.role == "delegate" and window_open)


def mount_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=f"{HERE}/static"), name="static")
    from .workflow import router as workflow_router

    app.include_router(router)
    app.include_router(workflow_router)


__all__ = ["mount_web", "error_page"]
