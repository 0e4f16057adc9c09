from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from ..core.compare.html import REDLINE_CSS, render_inline, render_side_by_side, render_summary
from ..core.compare.serialize import to_json
from ..core.word.labels import compare_labels
from ..core.word.naming import content_disposition
from ..deps import DB, CurrentUser
from ..errors import Unprocessable
from . import service

router = APIRouter(tags=["comparison"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ids(raw: str | None) -> list[int]:
    if not raw:
        return []
    try:
        return [int(x) for x in raw.split(",") if x.strip()]
    except ValueError as exc:
        raise Unprocessable(code="proposal_ids_invalid") from exc


def lean_json(cmp, *, changes_only: bool = False) -> dict:
    """The comparison's JSON without repeating unchanged text: where a clause's text (or heading)
    is the same on both sides its ops are ``[]`` (read ``new_text``); ``changes_only`` leaves the
    unchanged clauses out altogether (``counts`` still counts them; ``omitted`` says how many)."""
    out = to_json(cmp)
    kept = []
    for c in out["clauses"]:
        if changes_only and c["status"] == "unchanged":
            continue
        for ops in ("text_ops", "heading_ops"):
            if all(op == "equal" for op, _ in c[ops]):
                c[ops] = []
        kept.append(c)
    out["omitted"] = len(out["clauses"]) - len(kept)
    out["clauses"] = kept
    return out


def render(compared: service.Compared, fmt: str, view: str, comments: bool, changes_only: bool = False) -> Response:
    cmp = compared.comparison
    if fmt == "json":
        from fastapi.responses import JSONResponse

        return JSONResponse(lean_json(cmp, changes_only=changes_only))
    if fmt == "html":
        labels = compare_labels(cmp.lang, cmp.source_lang)
        body = render_summary(cmp, labels=labels) + (
            render_side_by_side(cmp, labels=labels) if view == "side" else render_inline(cmp, labels=labels))
        title = f"{compared.title}: {cmp.from_label} → {cmp.to_label}"
        from html import escape

        page = (f'<!doctype html><html lang="{cmp.lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
                f"<style>{REDLINE_CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>")
        return HTMLResponse(page)
    if fmt == "docx":
        from ..exports.service import redline_file

        data, name = redline_file(compared, comments)
        return Response(data, media_type=DOCX, headers={"Content-Disposition": content_disposition(name)})
    raise Unprocessable(code="compare_format_unknown", format=fmt)


@router.get("/drafts/{draft_id}/compare",
            summary="Compare two versions clause by clause (or a version with proposals applied)",
            description="JSON (`format=json`): every clause with its status, old and new text and the word "
                        "changes (`text_ops`, `heading_ops`). Unchanged text is not repeated: where the text is "
                        "the same on both sides its ops are `[]`. `changes_only=true` leaves unchanged clauses "
                        "out (`counts` still counts them, `omitted` says how many were left out). Responses are "
                        "compressed when the client sends `Accept-Encoding: gzip`.")
def compare_versions(session: DB, user: CurrentUser, draft_id: int, request: Request,
                     from_: Annotated[int, Query(alias="from")],
                     to: int | None = None, lang: str | None = None,
                     format: Annotated[str, Query(pattern="^(json|html|docx)$")] = "json",
                     view: Annotated[str, Query(pattern="^(inline|side)$")] = "inline",
                     match: str = "auto", proposals: str | None = None,
                     to_draft: int | None = None, comments: bool = False, changes_only: bool = False) -> Response:
    ids = _ids(proposals)
    if not ids and to is not None and to_draft is None and format == "json":
        return _cached_json(request, session, user, draft_id, from_, to, lang, match, changes_only)
    if ids:
        compared = service.preview_proposals(session, user, draft_id, from_, ids, lang=lang)
    else:
        if to is None:
            raise Unprocessable(code="compare_to_needed")
        compared = service.compare_versions(session, user, draft_id, from_, to, lang=lang, match=match,
                                            to_draft_id=to_draft)
    return render(compared, format, view, comments, changes_only)


def _cached_json(request: Request, session, user, draft_id: int, from_n: int, to_n: int, lang: str | None,
                 match: str, changes_only: bool) -> Response:
    """A comparison of two stored versions, as JSON: computed once per what it is made of
    (app/readcache.py); visibility and the arguments are checked first, every time."""
    from .. import readcache
    from ..accounts.permissions import visible_draft
    from ..drafts import service as drafts

    draft = visible_draft(session, user, draft_id)
    text_lang = drafts.check_lang(draft, lang)
    a, b = drafts.get_version(session, draft, from_n), drafts.get_version(session, draft, to_n)
    key = ("compare", readcache.version_key(session, a), readcache.version_key(session, b), text_lang, match,
           changes_only, readcache.translations_marker(session, draft.id, text_lang)
           if text_lang != draft.authentic_lang else None,
           str(readcache.provenance_marker(session, draft.id, from_n, to_n)))
    hit = readcache.CACHE.get(key)
    if hit is None:
        compared = service.compare_versions(session, user, draft_id, from_n, to_n, lang=lang, match=match)
        hit = readcache.CACHE.put(key, readcache.dumps(lean_json(compared.comparison, changes_only=changes_only)))
    return readcache.respond(request, hit)
