from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from pydantic import BaseModel

from ..accounts import repository as repo
from ..accounts import service
from ..deps import DB, CurrentUser
from ..errors import Unprocessable

router = APIRouter(tags=["accounts"])


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


@router.post("/auth/token", response_model=Token, summary="Log in: form username (e-mail) and password",
             responses={401: {"description": "wrong e-mail or password (recorded)"},
                        429: {"description": "too many failed logins for the account or address; see Retry-After"}})
def login(request: Request, session: DB, username: Annotated[str, Form()], password: Annotated[str, Form()]):
    from ..errors import Unauthorized
    from ..main import error_response

    try:
        user = service.authenticate(session, username, password,
                                    address=request.client.host if request.client else None)
    except Unauthorized as exc:  # answered, not raised: the failure recorded above is committed
        return error_response(request, exc)
    lang = _accepted_language(request.headers.get("accept-language", ""))
    if lang:
        user.lang = lang  # the language of this person's e-mails
    token, _ = service.open_session(session, user, "bearer")
    return Token(access_token=token)


def _accepted_language(header: str) -> str | None:
    """The first of en, ru, kk that an Accept-Language header names, if any."""
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower().split("-")[0]
        if tag in ("en", "ru", "kk"):
            return tag
    return None


@router.post("/auth/logout", status_code=204, summary="Revoke the token used for this request")
def logout(session: DB, user: CurrentUser, request_: Request) -> None:
    row = request_.state.auth_session
    service.revoke(session, row, user)


class Me(BaseModel):
    id: int
    email: str
    role: str
    state: str | None
    display_name: str


@router.get("/auth/me", response_model=Me)
def me(user: CurrentUser) -> Me:
    return Me(id=user.id, email=user.email, role=user.role, state=user.state_iso3, display_name=user.display_name)


class MemberStateOut(BaseModel):
    iso3: str
    iso2: str
    name: str


@router.get("/member-states", response_model=list[MemberStateOut])
def member_states(session: DB, user: CurrentUser, lang: Annotated[str, Query()] = "en") -> list[MemberStateOut]:
    if lang not in ("en", "ru", "kk"):
        raise Unprocessable(code="lang_unknown_use", lang=lang, langs="en, ru, kk")
    return [MemberStateOut(iso3=s.iso3, iso2=s.iso2, name=s.name(lang)) for s in repo.member_states(session)]
