"""What every page module shares: templates, rendering in the reader's language, the signed-in
user, CSRF checks and small view helpers. Page modules import from here, never from each other."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from ..accounts import service as accounts
from ..accounts.security import same
from ..config import get_settings
from ..core.clauses.tree import Document
from ..deps import DB, SESSION_COOKIE
from ..errors import AppError, Unauthorized
from ..models import User
from .i18n import LANG_COOKIE, UI_LANGS, negotiate, translations
from .labels import COMPARE_LABELS, N_

HERE = __file__.rsplit("/", 1)[0]
templates = Jinja2Templates(directory=f"{HERE}/templates")


def gettext_for(request: Request):
    return translations(negotiate(request)).gettext


def query_with(request: Request, **changes) -> str:
    """The page's own query string with some parameters changed (None removes one)."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    items += [(k, str(v)) for k, v in changes.items() if v is not None]
    return "?" + urlencode(items) if items else "?"


def render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    lang = negotiate(request)
    tr = translations(lang)
    tz = ZoneInfo(get_settings().display_timezone)

    def when(dt: datetime | None) -> str:
        if dt is None:
            return ""
        return format_datetime(dt.astimezone(tz), "medium", locale=lang)

    def day(dt) -> str:
        if dt is None:
            return ""
        return format_date(dt.astimezone(tz) if isinstance(dt, datetime) else dt, "long", locale=lang)

    def dlang(draft) -> Markup:
        """`` lang="en"`` for an element holding a draft's title when the page is in another language."""
        own = getattr(draft, "authentic_lang", None) or "en"
        return Markup(f' lang="{escape(own)}"') if own != lang else Markup("")

    def dtitle(draft) -> Markup:
        """A draft's title as typed (in its authentic language), marked with that language when the page's differs."""
        text = getattr(draft, "short_title", None) or getattr(draft, "title", "")
        attr = dlang(draft)
        return Markup(f"<span{attr}>{escape(text)}</span>") if attr else escape(text)

    ctx.update(request=request, lang=lang, ui_langs=UI_LANGS, _=tr.gettext, ngettext=tr.ngettext, when=when,
               day=day, tzname=get_settings().display_timezone, dtitle=dtitle, dlang=dlang,
               lang_link=lambda code: query_with(request, ui=code), state_name=lambda iso3: state_name(iso3, lang))
    ctx.setdefault("user", getattr(request.state, "web_user_view", None))
    ctx.setdefault("csrf", getattr(request.state, "web_csrf", ""))
    resp = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if request.query_params.get("ui") in UI_LANGS:
        resp.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True,
                        secure=get_settings().secure_cookies)
    return resp


def state_name(iso3: str, lang: str) -> str:
    """A member state's name in the reader's language (CLDR), its code when unknown."""
    from ..accounts.states import CICA_MEMBER_STATES, territory_name

    iso2 = CICA_MEMBER_STATES.get(iso3)
    return territory_name(iso2, lang) if iso2 else iso3


def login_redirect(request: Request) -> RedirectResponse:
    """To the login page, coming back to this very page, its query string included."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)


def error_page(request: Request, status: int, detail: str, exc: AppError | None = None) -> Response:
    if status == 401:
        return login_redirect(request)
    if exc is not None and exc.msgid:  # a coded error: its catalog sentence, its words translated too
        return render(request, "error.html", status_code=status, status=status, detail=exc.message(negotiate(request)))
    return render(request, "error.html", status_code=status, status=status, detail=gettext_for(request)(detail))


def web_user(request: Request, session: DB) -> User:
    token = request.cookies.get(SESSION_COOKIE)
    found = accounts.resolve_token(session, token) if token else None
    if found is None:
        raise Unauthorized()
    user, row = found
    request.state.auth_session = row
    # plain values for the page frame: an error page may render after the transaction ended
    request.state.web_user_view = SimpleNamespace(label=user.label, role=user.role, state_iso3=user.state_iso3,
                                                  id=user.id)
    request.state.web_csrf = row.csrf_token
    return user


def require_delegate(user: User) -> None:
    """A form only a member state's delegate can send (a proposal, an import of tracked changes):
    anyone else is refused the form itself, not shown one the service would refuse."""
    from ..errors import Forbidden

    if user.role != "delegate" or not user.state_iso3:
        raise Forbidden(code="delegates_propose_only")


def require_own_proposal(user: User, state_iso3: str) -> None:
    """The edit and withdraw forms of a proposal are its own state's delegates' only (as the service says)."""
    from ..errors import Forbidden

    if user.role != "delegate" or user.state_iso3 != state_iso3:
        raise Forbidden(code="delegates_only", state=state_iso3)


async def csrf_ok(request: Request) -> bool:
    """Whether the form carries this session's CSRF token (a form from an older tab or an earlier
    session does not): callers that hold the user's text render it again instead of losing it."""
    form = await request.form()
    row = getattr(request.state, "auth_session", None)
    sent = str(form.get("csrf_token") or "")
    return row is not None and bool(sent) and same(sent, row.csrf_token)


async def check_csrf(request: Request) -> None:
    from ..errors import Forbidden

    if not await csrf_ok(request):
        raise Forbidden(code="csrf_failed")


CSRF_STALE = N_("This form was opened before your session changed (in another tab, or before you logged in again), "
                 "so nothing was done. Your text is kept below: check it and send it again.")


def refused(session: Session) -> None:
    """A service refused the step: undo whatever it flushed before the form is shown again."""
    session.rollback()


async def form_dict(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}


def compare_labels(request: Request) -> dict[str, str]:
    tr = translations(negotiate(request))
    return {k: tr.gettext(v) for k, v in COMPARE_LABELS.items()}


def full_numbers(doc: Document) -> dict[str, str]:
    """Each clause's number as people cite it: "1.1 (i)", not just "i."."""
    out: dict[str, str] = {}
    for c, parent, _depth in doc.walk_with_parent():
        up = out.get(parent.key, "") if parent is not None else ""
        core = c.core_number or ""
        if not core:
            out[c.key] = ""  # an unnumbered clause is named by its kind and words, not its parent's number
        elif not up or (("." in core) and core.startswith(up.split(" ")[0].rstrip(".") + ".")):
            out[c.key] = core
        elif "." in core and "." not in up:
            out[c.key] = core
        else:
            out[c.key] = f"{up} ({core})"
    return out


def clause_label(c, numbers: dict[str, str], _) -> str:
    """How a clause is named in a link or a list: its full number, else its kind and first words."""
    n = numbers.get(c.key) or ""
    if n:
        return n
    words = (c.heading or c.text or "").split()
    return f"{_(c.kind)} «{' '.join(words[:6])}{'…' if len(words) > 6 else ''}»"


def refusal_message(request: Request, exc: AppError) -> dict:
    """A refusal as the page shows it: a general sentence and the service's own explanation, both in
    the reader's language (a coded error is rendered from the ``errors`` catalog with its params; a
    plain one not in any catalog stays in English and is marked as such)."""
    _ = gettext_for(request)
    general = {
        409: _("This could not be done: the draft or the proposal changed meanwhile, or the step is not allowed "
               "now. Nothing was stored; your text is kept below."),
        412: _("Someone changed this proposal since you opened it. Nothing was stored; your text is kept below: "
               "compare it with the current one and save again."),
        422: _("Something in the form needs correcting. Nothing was stored; your text is kept below."),
        403: _("You may not do this. Nothing was stored."),
    }.get(exc.status_code, _("This could not be done. Nothing was stored; your text is kept below."))
    if exc.msgid:  # a coded error (app/errors): its sentence and its words in the reader's language
        return {"general": general, "detail": exc.message(negotiate(request)), "detail_lang": None}
    translated = exc.message(negotiate(request))  # a plain sentence: translated only if a catalog knows it
    if translated == exc.detail:
        translated = _(exc.detail)
    return {"general": general, "detail": translated, "detail_lang": "en" if translated == exc.detail else None}
