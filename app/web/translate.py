"""The translator's page: the clauses of the current version whose translation is missing or
stale, the change in the source text since the translation was made, and a form to update or
confirm each one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from ..accounts.permissions import TRANSLATORS, require_role, visible_draft
from ..core.compare.words import word_diff
from ..deps import DB
from ..drafts import service as drafts
from ..drafts.service import text_hash
from ..errors import AppError
from ..models import User
from .common import (
    CSRF_STALE,
    csrf_ok,
    form_dict,
    full_numbers,
    gettext_for,
    refusal_message,
    refused,
    render,
    web_user,
)

router = APIRouter(include_in_schema=False)
PAGE = 40


def _source_texts(session, draft, versions) -> dict[str, tuple[str, str]]:
    """Every (heading, text) the authentic language has had, by source hash (older versions)."""
    out: dict[str, tuple[str, str]] = {}
    for v in versions[:-1]:
        for c in drafts.load_document(session, v).walk():
            out.setdefault(text_hash(c.heading, c.text), (c.heading, c.text))
    return out


def _ctx(request, session, user, draft, lang: str, show: str, forms: dict | None = None, errors=None,
         start: int = 0) -> dict:
    versions = drafts.versions(session, draft.id)
    latest = versions[-1]
    doc = drafts.load_document(session, latest)
    view = drafts.language_view(session, draft, doc, lang)
    numbers = full_numbers(doc)
    rows_by_key = {}
    for row in drafts.translations(session, draft.id, lang, [c.key for c in doc.walk()]):
        rows_by_key[row.clause_key] = row  # the newest last
    history = None
    items = []
    for c in doc.walk():
        status = view.status.get(c.key)
        if not (c.heading or c.text):
            continue
        if show != "all" and status not in ("missing", "stale"):
            continue
        item: dict[str, Any] = {"c": c, "status": status, "number": numbers.get(c.key, ""), "heading": "", "text": "",
                "source_change": None}
        if status in ("stale", "current"):
            t = rows_by_key.get(c.key)
            item["heading"], item["text"] = (t.heading, t.text) if t else ("", "")
            if status == "stale" and t is not None:
                history = history if history is not None else _source_texts(session, draft, versions)
                old = history.get(t.source_hash)
                if old is not None:
                    item["source_change"] = word_diff(old[1], c.text)
                    item["old_heading"] = old[0]
        f = (forms or {}).get(c.key)
        if f:
            item["heading"], item["text"] = f.get("heading", ""), f.get("text", "")
        items.append(item)
    items.sort(key=lambda it: {"stale": 0, "missing": 1}.get(it["status"], 2))  # out of date first: they mislead
    total = len(items)
    start = max(0, min(start, max(total - 1, 0)))
    items = items[start:start + PAGE]  # a long draft: a page of clauses at a time
    return dict(draft=draft, version=latest, lang_code=lang, items=items, total=total, start=start, page=PAGE, show=show, errors=errors or {},
                counts={"missing": len(view.missing), "stale": len(view.stale)})


@router.get("/drafts/{draft_id}/translate")
def translate_page(request: Request, session: DB, draft_id: int, lang: str | None = None, show: str = "todo",
                   start: int = 0, user: User = Depends(web_user)):
    draft = visible_draft(session, user, draft_id)
    require_role(user, TRANSLATORS, "translate clauses")  # the service's own rule: no form for anyone else
    lang = drafts.check_lang(draft, lang or (draft.working_langs[0] if draft.working_langs else None))
    return render(request, "translate.html", **_ctx(request, session, user, draft, lang, show, start=start))


@router.post("/drafts/{draft_id}/translate")
async def translate_save(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    data = await form_dict(request)
    draft = visible_draft(session, user, draft_id)
    lang = drafts.check_lang(draft, data.get("lang"))
    key = data.get("clause_key", "")
    show = data.get("show", "todo")
    if not await csrf_ok(request):
        err, status = {"general": gettext_for(request)(CSRF_STALE), "detail": "", "detail_lang": None}, 403
    else:
        try:
            version = drafts.current_version(session, draft.id)
            drafts.set_translation(session, user, draft, version, key, lang, data.get("heading", ""),
                                   data.get("text", ""))
            return RedirectResponse(f"/drafts/{draft.id}/translate?lang={lang}&show={show}&saved={key}#list",
                                    status_code=303)
        except AppError as exc:
            refused(session)
            err, status = refusal_message(request, exc), exc.status_code
    ctx = _ctx(request, session, user, draft, lang, "all" if show == "all" else "todo",
               forms={key: {"heading": data.get("heading", ""), "text": data.get("text", "")}}, errors={key: err})
    return render(request, "translate.html", status_code=status, **ctx)
