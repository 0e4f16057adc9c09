"""Pages for comparing versions and for proposals: delegates propose, officers decide."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from ..accounts.permissions import is_secretariat, visible_draft
from ..compare import service as compare_service
from ..core.compare.html import REDLINE_CSS, render_inline, render_side_by_side
from ..core.compare.words import word_diff
from ..deps import DB
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import Conflict, Unprocessable
from ..models import User
from ..proposals import repository as proposals_repo
from ..proposals import service as proposals
from .i18n import negotiate, translations
from .labels import COMPARE_LABELS
from .pages import check_csrf, render, web_user

router = APIRouter(include_in_schema=False)


def _labels(request: Request) -> dict[str, str]:
    tr = translations(negotiate(request))
    return {k: tr.gettext(v) for k, v in COMPARE_LABELS.items()}


@router.get("/drafts/{draft_id}/compare")
def compare_page(request: Request, session: DB, draft_id: int, user: User = Depends(web_user),
                 lang: str | None = None, view: str = "inline", to: int | None = None) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    versions = drafts_repo.versions(session, draft.id)
    to = to or versions[-1].number
    raw_from = request.query_params.get("from")
    try:
        from_n = int(raw_from) if raw_from else max(1, to - 1)
    except ValueError as exc:
        raise Unprocessable("`from` is a version number.") from exc
    compared = compare_service.compare_versions(session, user, draft.id, from_n, to, lang=lang)
    labels = _labels(request)
    body = render_side_by_side(compared.comparison, labels=labels) if view == "side" else \
        render_inline(compared.comparison, labels=labels)
    return render(request, "compare.html", draft=draft, versions=versions, from_n=from_n, to_n=to,
                  text_lang=compared.comparison.lang, view=view, counts=compared.comparison.counts(),
                  body=Markup(body), css=Markup(REDLINE_CSS))


def _proposal_rows(session, user, draft, items):
    sponsors = proposals_repo.cosponsors(session, [p.id for p in items])
    rows = []
    for p in items:
        ops = word_diff(p.quoted_text, p.proposed_text) if p.kind == "replace" else []
        rows.append({"p": p, "ops": ops, "sponsors": sponsors.get(p.id, []),
                     "mine": user.role == "delegate" and user.state_iso3 == p.state_iso3})
    return rows


@router.get("/drafts/{draft_id}/proposals")
def proposals_page(request: Request, session: DB, draft_id: int, user: User = Depends(web_user),
                   clause: str | None = None, state: str | None = None, status: str | None = None,
                   propose: str | None = None) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    latest = drafts_repo.latest_version(session, draft.id)
    doc = drafts.load_document(session, latest)
    items = proposals_repo.list_for(session, draft.id, user, clause=clause, state=state,
                                    status=[status] if status else None)
    window = proposals.window_json(proposals_repo.latest_window(session, draft.id), latest.number)
    target = doc.find(propose) if propose else None
    return render(request, "proposals.html", draft=draft, version=latest, rows=_proposal_rows(session, user, draft, items),
                  window=window, clauses=[c for c in doc.walk() if c.text],
                  can_propose=user.role == "delegate", can_decide=is_secretariat(user), target=target,
                  form={}, clause_filter=clause, numbers={c.key: c.number for c in doc.walk()})


@router.post("/drafts/{draft_id}/proposals")
async def propose(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    await check_csrf(request)
    form = await request.form()
    data = {k: str(form.get(k) or "") for k in ("clause_key", "quoted_text", "proposed_text", "rationale", "kind",
                                                "action")}
    draft = visible_draft(session, user, draft_id)
    try:
        p = proposals.create_proposal(session, user, draft.id, proposals.NewProposal(
            kind=data["kind"] or "replace", clause_key=data["clause_key"] or None,
            quoted_text=data["quoted_text"] if data["kind"] in ("replace", "delete", "") else None,
            proposed_text=data["proposed_text"], rationale=data["rationale"], submit=data["action"] == "submit",
            source="web"))
    except (Conflict, Unprocessable) as exc:
        # keep what the delegate wrote: show the form again with their text and the current one
        latest = drafts_repo.latest_version(session, draft.id)
        doc = drafts.load_document(session, latest)
        items = proposals_repo.list_for(session, draft.id, user)
        return render(request, "proposals.html", status_code=exc.status_code, draft=draft, version=latest,
                      rows=_proposal_rows(session, user, draft, items),
                      window=proposals.window_json(proposals_repo.latest_window(session, draft.id), latest.number),
                      clauses=[c for c in doc.walk() if c.text], can_propose=True, can_decide=False,
                      target=doc.find(data["clause_key"]) if data["clause_key"] else None, form=data,
                      error=exc.detail, clause_filter=None, numbers={c.key: c.number for c in doc.walk()})
    return RedirectResponse(f"/drafts/{draft.id}/proposals#p{p.id}", status_code=303)


@router.post("/proposals/{proposal_id}/{action}")
async def act(request: Request, session: DB, proposal_id: int, action: str, user: User = Depends(web_user)):
    await check_csrf(request)
    form = await request.form()
    if action == "submit":
        p = proposals.submit(session, user, proposal_id)
    elif action == "withdraw":
        p = proposals.withdraw(session, user, proposal_id)
    elif action == "decide":
        p = proposals.decide(session, user, proposal_id, if_match=str(form.get("etag") or "") or None,
                             require_if_match=True,
                             redecide=bool(form.get("redecide")), decision=str(form.get("decision") or ""),
                             reason=str(form.get("reason") or ""),
                             modified_text=str(form.get("modified_text") or "") or None)
    else:
        raise Unprocessable(f"Unknown action '{action}'.")
    return RedirectResponse(f"/drafts/{p.draft_id}/proposals#p{p.id}", status_code=303)
