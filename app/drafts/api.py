from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict

from ..accounts.permissions import visible_draft
from ..core.clauses.messages import localise_report
from ..deps import DB, CurrentUser
from ..models import Draft
from . import repository as repo
from . import service
from .schemas import DraftCreate, DraftOut, DraftPatch, TranslationIn, TranslationOut, VersionOut
from .uploads import decode_text, docx_blocks, kind_of, read_upload

router = APIRouter(tags=["drafts"])


def draft_out(session, draft: Draft) -> DraftOut:
    latest = repo.latest_version(session, draft.id)
    return DraftOut(id=draft.id, title=draft.title, short_title=draft.short_title, status=draft.status,
                    authentic_lang=draft.authentic_lang, languages=draft.languages,
                    participants=repo.participants(session, draft.id),
                    latest_version=latest.number if latest else None,
                    created_at=draft.created_at, updated_at=draft.updated_at)


def version_out(v) -> VersionOut:
    return VersionOut(number=v.number, label=v.label, hash=v.hash, clause_count=v.clause_count,
                      base_number=v.base_number, created_at=v.created_at)


@router.get("/drafts", response_model=list[DraftOut])
def list_drafts(session: DB, user: CurrentUser) -> list[DraftOut]:
    return [draft_out(session, d) for d in repo.list_drafts_for(session, user)]


@router.post("/drafts", response_model=DraftOut, status_code=201)
def create_draft(session: DB, user: CurrentUser, body: DraftCreate, response: Response) -> DraftOut:
    draft, _ = service.create_draft(session, user, text=body.text, title=body.title, short_title=body.short_title,
                                    authentic_lang=body.authentic_lang, working_langs=body.working_langs,
                                    participants=body.participants, source_name="api")
    response.headers["Location"] = f"/api/v1/drafts/{draft.id}"
    response.headers["ETag"] = service.etag(draft)
    return draft_out(session, draft)


@router.post("/drafts/import", response_model=DraftOut, status_code=201,
             summary="Import a draft from a .txt, .md or .docx file (multipart field `file`)")
async def import_draft(session: DB, user: CurrentUser, response: Response, request: Request,
                       file: Annotated[UploadFile, File()],
                       dry_run: Annotated[bool, Query(description=(
                           "preview only: the tree, the numbering warnings and what the import drops, "
                           "with reasons and source lines; nothing is stored (200)"))] = False) -> DraftOut | JSONResponse:
    from ..accounts.permissions import SECRETARIAT, require_role

    require_role(user, SECRETARIAT, "import drafts")
    name = file.filename or "upload"
    kind = kind_of(name)
    data = await read_upload(file)
    if dry_run:
        def preview() -> dict:
            if kind == "docx":
                return service.import_preview(user, blocks=docx_blocks(data), source_name=name)
            return service.import_preview(user, text=decode_text(data, name), source_name=name)

        return JSONResponse(localise_report(await run_in_threadpool(preview), _reader_lang(request)))
    out = await run_in_threadpool(_import_draft, session, user, response, name, kind, data)  # off the event loop
    out.import_report = localise_report(out.import_report, _reader_lang(request))
    return out


def _reader_lang(request: Request) -> str:
    """The language the import's warnings and reasons are given in (?lang=, Accept-Language)."""
    from ..main import request_lang

    return request_lang(request)


def _import_draft(session, user, response: Response, name: str, kind: str, data: bytes) -> DraftOut:
    if kind == "docx":
        draft, _ = service.create_draft(session, user, blocks=docx_blocks(data), source_name=name)
    else:
        draft, _ = service.create_draft(session, user, text=decode_text(data, name), source_name=name)
    response.headers["Location"] = f"/api/v1/drafts/{draft.id}"
    response.headers["ETag"] = service.etag(draft)
    out = draft_out(session, draft)
    out.import_report = service.import_report(draft)
    return out


@router.post("/drafts/{draft_id}/versions/import", status_code=201,
             summary="A revised text (.txt, .md or .docx, multipart field `file`) becomes the next version",
             description="The counterpart's whole revised text becomes the next version of this draft: its clauses "
                         "are matched to the current version by structure and wording, so unchanged, edited, moved "
                         "and relabelled clauses keep their keys and new ones get fresh keys; pending proposals are "
                         "re-anchored as after a consolidation; `GET /compare?from=n&to=n+1` then shows what the file "
                         "changed. Form fields: `base_version` (the current version, which the file was previewed "
                         "against: required unless `dry_run`; 409 if another version was made since), "
                         "`attributed_to` (empty or `secretariat`: an editorial change; or a party's name or a "
                         "participant's ISO3 code; 422 otherwise), `label`. Answers 201 with `version`, "
                         "`import_report` (numbering `warnings`, `dropped`, `repairs`, `fidelity`, as a draft "
                         "import), `matching` (kept, edited, inserted, deleted, moved, relabelled, with the clauses) "
                         "and `reanchored`. `?dry_run=true`: 200 with the same report, the matching and the tree; "
                         "nothing is stored. Nothing is stored on any refusal either: 403 not the secretariat, 404, "
                         "409 text locked or stale `base_version`, 413/415/422 unreadable file, 422 no change at all.")
async def import_version(session: DB, user: CurrentUser, draft_id: int, response: Response, request: Request,
                         file: Annotated[UploadFile, File()],
                         base_version: Annotated[int | None, Form(ge=1)] = None,
                         attributed_to: Annotated[str, Form(max_length=300)] = "",
                         label: Annotated[str, Form(max_length=300)] = "",
                         dry_run: Annotated[bool, Query(description="preview only; nothing is stored (200)")] = False
                         ) -> dict:
    from ..errors import AppError
    from . import reimport
    from .uploads import read_upload

    await run_in_threadpool(reimport.authorize, session, user, draft_id)  # 404/403/409 before reading the file
    name = file.filename or "upload"
    try:
        data = await read_upload(file)
    except AppError as exc:  # too large, empty: the same refusal, coded and translated
        raise reimport.unreadable(exc, name) from None

    lang = _reader_lang(request)

    def work():  # parsing and matching take long on a large text: off the event loop
        source = reimport.read_revised(data, name)
        kw = {"source_name": name, "attributed_to": attributed_to, "base_version": base_version, **source}
        if dry_run:
            out = reimport.preview(session, user, draft_id, **kw)
            return JSONResponse({**out, "import_report": localise_report(out.get("import_report"), lang)})
        out = reimport.import_next_version(session, user, draft_id, label=label, **kw)
        out["import_report"] = localise_report(out.get("import_report"), lang)
        response.headers["Location"] = f"/api/v1/drafts/{draft_id}/versions/{out['version']['number']}"
        return out

    return await run_in_threadpool(work)


@router.get("/drafts/{draft_id}", response_model=DraftOut)
def get_draft(session: DB, user: CurrentUser, draft_id: int, response: Response) -> DraftOut:
    draft = visible_draft(session, user, draft_id)
    response.headers["ETag"] = service.etag(draft)
    return draft_out(session, draft)


@router.patch("/drafts/{draft_id}", response_model=DraftOut,
              summary="Change a draft's metadata; needs If-Match with the ETag from GET")
def patch_draft(session: DB, user: CurrentUser, draft_id: int, body: DraftPatch, response: Response,
                if_match: Annotated[str | None, Header()] = None) -> DraftOut:
    draft = service.update_draft(session, user, draft_id, body.model_dump(exclude_unset=True), if_match)
    response.headers["ETag"] = service.etag(draft)
    return draft_out(session, draft)


@router.get("/drafts/{draft_id}/versions", response_model=list[VersionOut])
def list_versions(session: DB, user: CurrentUser, draft_id: int) -> list[VersionOut]:
    draft = visible_draft(session, user, draft_id)
    return [version_out(v) for v in repo.versions(session, draft.id)]


class RenumberIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base_version: int
    label: str = ""


class RenumberedOut(BaseModel):
    key: str
    old: str
    new: str


class ReferenceOut(BaseModel):
    key: str
    lang: str
    field: str
    original: str
    replacement: str
    status: str
    context: str
    target: str | None = None
    reason: str = ""


class ReferencesOut(BaseModel):
    counts: dict[str, int]
    items: list[ReferenceOut]


class RenumberOut(BaseModel):
    draft_id: int
    base_version: int
    dry_run: bool
    renumbered: list[RenumberedOut]
    references: ReferencesOut
    translations: dict[str, dict]
    warnings_before: list[dict]
    warnings_after: list[dict]
    version: dict | None = None
    reanchored: dict | None = None


@router.post("/drafts/{draft_id}/versions/renumber", response_model=RenumberOut, status_code=201,
             summary="Renumber: a new version whose labels follow position, cross-references updated in every "
                     "language (dry_run=true: the preview, nothing stored, 200)")
def renumber(session: DB, user: CurrentUser, draft_id: int, body: RenumberIn, response: Response,
             dry_run: Annotated[bool, Query(description="preview only: the old -> new table, the references "
                                                        "and what could not be resolved; nothing is stored")] = False
             ) -> RenumberOut:
    from . import renumber as renumbering

    out = renumbering.renumber(session, user, draft_id, base_version=body.base_version, label=body.label,
                               dry_run=dry_run)
    if dry_run:
        response.status_code = 200
    else:
        response.headers["Location"] = f"/api/v1/drafts/{draft_id}/versions/{out['version']['number']}"
    return RenumberOut(**out)


@router.get("/drafts/{draft_id}/versions/{number}", summary="A version as a clause tree, in a language")
def get_version_tree(session: DB, user: CurrentUser, draft_id: int, number: int, request: Request,
                     lang: Annotated[str | None, Query()] = None) -> Response:
    from .. import readcache

    draft = visible_draft(session, user, draft_id)
    lang = service.check_lang(draft, lang)
    v = service.get_version(session, draft, number)
    key = ("tree", readcache.version_key(session, v), lang,
           readcache.translations_marker(session, draft.id, lang) if lang != draft.authentic_lang else None)
    hit = readcache.CACHE.get(key)
    if hit is None:
        hit = readcache.CACHE.put(key, readcache.dumps(_tree_out(session, draft, v, lang)))
    return readcache.respond(request, hit)


def _tree_out(session, draft, v, lang: str) -> dict:
    doc = service.load_document(session, v)
    view = service.language_view(session, draft, doc, lang)
    out = {"draft_id": draft.id, "number": v.number, "label": v.label, "hash": v.hash,
           "created_at": v.created_at.isoformat(), "lang": lang, "clause_count": v.clause_count,
           "clauses": service.tree_json(doc, view)}
    if lang != draft.authentic_lang:
        out["translations"] = {"missing": view.missing, "stale": view.stale,
                               "complete": not view.missing and not view.stale}
    return out


@router.get("/drafts/{draft_id}/versions/{number}/text", response_class=PlainTextResponse,
            summary="A version as canonical plain text")
def get_version_text(session: DB, user: CurrentUser, draft_id: int, number: int, response: Response,
                     lang: Annotated[str | None, Query()] = None) -> PlainTextResponse:
    draft = visible_draft(session, user, draft_id)
    lang = service.check_lang(draft, lang)
    v = service.get_version(session, draft, number)
    doc = service.load_document(session, v)
    view = service.language_view(session, draft, doc, lang)
    headers = {"X-Concord-Version-Hash": v.hash}
    if view.missing:
        headers["X-Concord-Missing-Translations"] = ",".join(view.missing)
    if view.stale:
        headers["X-Concord-Stale-Translations"] = ",".join(view.stale)
    return PlainTextResponse(service.text_in_lang(doc, view), headers=headers)


@router.put("/drafts/{draft_id}/versions/{number}/clauses/{key}/translations/{lang}", response_model=TranslationOut)
def put_translation(session: DB, user: CurrentUser, draft_id: int, number: int, key: str, lang: str,
                    body: TranslationIn) -> TranslationOut:
    draft = visible_draft(session, user, draft_id)
    v = service.get_version(session, draft, number)
    t, status = service.set_translation(session, user, draft, v, key, lang, body.heading, body.text)
    return TranslationOut(key=key, lang=t.lang, heading=t.heading, text=t.text, status=status,
                          source_hash=t.source_hash)


@router.post("/drafts/{draft_id}/shares/{user_id}", status_code=204, summary="Share a draft with an observer")
def share(session: DB, user: CurrentUser, draft_id: int, user_id: int) -> None:
    service.share_draft(session, user, draft_id, user_id)


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: str
    note: str = ""


@router.post("/drafts/{draft_id}/transition", response_model=DraftOut,
             summary="Move the draft along its lifecycle (e.g. approved → final, which locks the text)")
def transition(session: DB, user: CurrentUser, draft_id: int, body: TransitionIn, response: Response) -> DraftOut:
    draft = service.transition(session, user, draft_id, body.to, body.note)
    response.headers["ETag"] = service.etag(draft)
    return draft_out(session, draft)
