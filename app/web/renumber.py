"""The secretariat's renumbering page: the preview (old -> new numbers, every cross-reference
that will change, what cannot be resolved, translations to check), then "Create version n+1"."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from ..accounts.permissions import is_secretariat, visible_draft
from ..deps import DB
from ..drafts import renumber as renumbering
from ..drafts import service as drafts
from ..errors import AppError, Forbidden
from ..models import User
from .common import CSRF_STALE, csrf_ok, form_dict, gettext_for, refusal_message, refused, render, web_user

router = APIRouter(include_in_schema=False)


def _preview(session, user, draft) -> dict:
    latest = drafts.current_version(session, draft.id)
    out = renumbering.renumber(session, user, draft.id, base_version=latest.number, dry_run=True)
    items = out["references"]["items"]
    return dict(draft=draft, version=latest, plan=out,
                updated=[r for r in items if r["status"] == "updated"],
                problems=[r for r in items if r["status"] in ("unresolved", "ambiguous")],
                external=[r for r in items if r["status"] == "external"])


@router.get("/drafts/{draft_id}/renumber")
def renumber_page(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    draft = visible_draft(session, user, draft_id)
    if not is_secretariat(user):
        raise Forbidden(code="forbidden")
    return render(request, "renumber.html", **_preview(session, user, draft), label_value="")


@router.post("/drafts/{draft_id}/renumber")
async def renumber_create(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    data = await form_dict(request)
    draft = visible_draft(session, user, draft_id)
    label = data.get("label", "").strip()
    if not await csrf_ok(request):
        err, status = {"general": gettext_for(request)(CSRF_STALE), "detail": "", "detail_lang": None}, 403
    else:
        try:
            base = int(data.get("base") or 0)
            out = renumbering.renumber(session, user, draft.id, base_version=base, label=label)
            n = out["version"]["number"]
            return RedirectResponse(f"/drafts/{draft.id}?v={n}&created=1", status_code=303)
        except AppError as exc:
            refused(session)
            err, status = refusal_message(request, exc), exc.status_code
        except ValueError:
            _ = gettext_for(request)
            err, status = {"general": _("The form is incomplete; reload the page."),
                           "detail": "", "detail_lang": None}, 422
    return render(request, "renumber.html", status_code=status, error=err, label_value=label,
                  **_preview(session, user, draft))
