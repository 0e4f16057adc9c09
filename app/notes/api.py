"""The notes API: the register (`/notes`), rendering (text, HTML, Word) and the name forms (`/name-forms`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import HTMLResponse, PlainTextResponse
from sqlalchemy.orm import Session

from ..accounts.permissions import TRANSLATORS
from ..core.i18n import LANGUAGES
from ..core.notes import note_html, note_text
from ..deps import DB, CurrentUser
from ..models import Note, NoteEntity, User, Version
from . import repository as repo
from . import service
from .schemas import NOT_NULL_IN_PATCH, NameFormsIn, NoteIn, NotePatch

router = APIRouter(tags=["notes"])

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- JSON shapes ------------------------------------------------------------------------------


def note_json(session: Session, note: Note) -> dict:
    """The note as stored: register data, the facts (names by entity key) and its references."""
    refs = repo.references(session, note.id)
    version = session.get(Version, note.version_id) if note.version_id else None
    references = [{"note_id": r.ref_note_id, "number": r.number, "date": r.date.isoformat()} for r in refs]
    return {
        "id": note.id, "number": note.number, "series": note.series, "kind": note.kind, "status": note.status,
        "date": note.date.isoformat(), "place": note.place_key,
        "draft_id": note.draft_id, "version": version.number if version else None,
        "facts": {"kind": note.kind, "number": note.number, "date": note.date.isoformat(), "place": note.place_key,
                  **note.facts, "references": references},
        "issued_at": note.issued_at.isoformat() if note.issued_at else None,
        "issued_hash": note.issued_hash,
        "created_at": note.created_at.isoformat(), "updated_at": note.updated_at.isoformat(),
    }


def _one(session: Session, user: User, note: Note, response: Response, lang: str | None = None) -> dict:
    response.headers["ETag"] = service.etag(note)
    out = note_json(session, note)
    if user.role in TRANSLATORS:
        out["referred_by"] = [{"id": n.id, "number": n.number, "date": n.date.isoformat(), "status": n.status}
                              for n in repo.referred_by(session, note.id)]
        if note.status == "draft":
            out["missing_forms"] = service.missing_for(session, note)
    if lang:
        out["lang"] = lang
        out["text"] = note_text(service.rendered(session, note, (lang,))[0])
    return out


def entity_json(e: NoteEntity) -> dict:
    return {"key": e.key, "kind": e.kind, "label": service.entity_of(e).label, "forms": e.forms,
            "updated_at": e.updated_at.isoformat()}


def _filename(note: Note, lang: str | None, ext: str) -> str:
    name = "note-" + "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in note.number)
    return f"{name}-{lang}.{ext}" if lang else f"{name}.{ext}"


# --- name forms -------------------------------------------------------------------------------

@router.get("/name-forms", summary="Entities (organisations, bodies, places, titles...) with their name forms")
def list_name_forms(session: DB, user: CurrentUser, kind: str | None = None) -> list[dict]:
    return [entity_json(e) for e in service.list_entities(session, user, kind)]


@router.get("/name-forms/{key}", summary="One entity's name forms: {lang: {form: text}}")
def get_name_forms(session: DB, user: CurrentUser, key: str, response: Response) -> dict:
    e = service.get_entity(session, user, key)
    response.headers["ETag"] = service.entity_etag(e)
    return entity_json(e)


@router.put("/name-forms/{key}", summary="Create (without If-Match) or replace (If-Match) an entity's forms",
            responses={201: {"description": "created (the key was new)"}})
def put_name_forms(session: DB, user: CurrentUser, key: str, body: NameFormsIn, response: Response,
                   if_match: Annotated[str | None, Header()] = None) -> dict:
    e, created = service.put_entity(session, user, key, body.kind, body.forms, if_match)
    if created:
        response.status_code = 201
        response.headers["Location"] = f"/api/v1/name-forms/{e.key}"
    response.headers["ETag"] = service.entity_etag(e)
    return entity_json(e)


# --- the register -----------------------------------------------------------------------------

@router.post("/notes", status_code=201, summary="Register a note (a draft until issued); number optional")
def create_note(session: DB, user: CurrentUser, body: NoteIn, response: Response) -> dict:
    note = service.create_note(session, user, body.model_dump())
    response.headers["Location"] = f"/api/v1/notes/{note.id}"
    return _one(session, user, note, response)


@router.get("/notes", summary="The register, filtered by series, draft, kind and status")
def list_notes(session: DB, user: CurrentUser, series: str | None = None, draft: int | None = None,
               kind: str | None = None, status: Literal["draft", "issued"] | None = None,
               limit: Annotated[int, Query(ge=1, le=5000)] = 1000, offset: Annotated[int, Query(ge=0)] = 0
               ) -> list[dict]:
    notes = repo.list_for(session, user, series=series, draft_id=draft, kind=kind, status=status, limit=limit,
                          offset=offset)
    return [note_json(session, n) for n in notes]


@router.get("/notes/next-number", summary="The next free number of a series of the register")
def next_free_number(session: DB, user: CurrentUser, series: str = service.DEFAULT_SERIES) -> dict:
    series, number = service.next_free_number(session, user, series)
    return {"series": series, "number": number}


@router.get("/notes/{note_id}.docx", summary="The note as Word: en, ru and kk one after another, or one `lang`")
def get_note_docx(session: DB, user: CurrentUser, note_id: int, lang: str | None = None) -> Response:
    note = service.get_visible(session, user, note_id)
    langs = (service.check_lang(lang),) if lang else LANGUAGES
    data = service.docx_bytes(session, note, langs)
    return Response(data, media_type=DOCX, headers={
        "Content-Disposition": f'attachment; filename="{_filename(note, lang, "docx")}"',
        "ETag": service.etag(note)})


@router.get("/notes/{note_id}", summary="A note: its facts (json), or the note written out (text, html)")
def get_note(session: DB, user: CurrentUser, note_id: int, response: Response, lang: str | None = None,
             fmt: Annotated[Literal["json", "text", "html"], Query(alias="format")] = "json"):
    note = service.get_visible(session, user, note_id)
    lang = service.check_lang(lang) if lang is not None else None
    if fmt == "json":
        return _one(session, user, note, response, lang)
    notes = service.rendered(session, note, (lang,) if lang else LANGUAGES)
    headers = {"ETag": service.etag(note)}
    if fmt == "html":
        return HTMLResponse(note_html(notes, standalone=True), headers=headers)
    return PlainTextResponse("\f".join(note_text(n) for n in notes), headers=headers)


@router.patch("/notes/{note_id}", summary="Change a draft note; needs If-Match with the ETag from GET")
def patch_note(session: DB, user: CurrentUser, note_id: int, body: NotePatch, response: Response,
               if_match: Annotated[str | None, Header()] = None) -> dict:
    note = service.update_note(session, user, note_id, body.model_dump(exclude_unset=True), if_match,
                               NOT_NULL_IN_PATCH)
    return _one(session, user, note, response)


@router.post("/notes/{note_id}/issue", summary="Issue the note: it is frozen from then on")
def issue_note(session: DB, user: CurrentUser, note_id: int, response: Response,
               if_match: Annotated[str | None, Header()] = None) -> dict:
    note = service.issue_note(session, user, note_id, if_match)
    return _one(session, user, note, response)
