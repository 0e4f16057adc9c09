from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ..core.word.naming import content_disposition
from ..deps import DB, CurrentUser
from ..errors import NotFound
from . import service

router = APIRouter(tags=["exports"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(data: bytes, name: str) -> Response:
    return Response(data, media_type=DOCX, headers={"Content-Disposition": content_disposition(name)})


def _csv(raw: str | None) -> list[str] | None:
    return [x.strip() for x in raw.split(",") if x.strip()] if raw else None


@router.get("/drafts/{draft_id}/export/{kind}.docx",
            summary="Word exports: signature, parallel, compilation, redline",
            description="`lang` (en, ru, kk): the reader's language of every word Concord adds (headings, status "
                        "words, marks, dates, state names); for the redline also the language of the text compared. "
                        "The compilation defaults to the version the proposals were made on. `edit`: a one-language "
                        "copy for editing (the text in `lang`, with the clause bookmarks). Downloads are named "
                        "`<short title>-v<version>-<kind>[-<lang>]-<date>.docx`.")
def export(session: DB, user: CurrentUser, draft_id: int, kind: str, version: int | None = None,
           langs: str | None = None, states: str | None = None,
           status: Annotated[list[str] | None, Query()] = None,
           from_clause: str | None = None, to_clause: str | None = None,
           from_: Annotated[int | None, Query(alias="from")] = None, to: int | None = None,
           lang: str | None = None, comments: bool = True) -> Response:
    if kind == "signature":
        return _docx(*service.signature(session, user, draft_id, version, lang))
    if kind == "edit":
        return _docx(*service.editing_copy(session, user, draft_id, version, lang))
    if kind == "parallel":
        return _docx(*service.parallel(session, user, draft_id, version, _csv(langs), lang))
    if kind == "compilation":
        return _docx(*service.compilation(session, user, draft_id, version, states=_csv(states), statuses=status,
                                          from_clause=from_clause, to_clause=to_clause, lang=lang))
    if kind == "redline":
        return _docx(*service.redline(session, user, draft_id, from_, to, lang, comments))
    raise NotFound(code="export_unknown", export=kind)
