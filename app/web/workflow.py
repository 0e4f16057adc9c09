"""Pages for proposals and comparisons: delegates propose, edit, submit, withdraw and co-sponsor;
officers filter, decide, manage the proposal window and consolidate the next version.

Nothing typed is lost: a form the service refuses (window closed, text changed, decision refused,
stale ETag, a CSRF token from an older tab) is shown again with the user's text, after the
transaction is rolled back, with a message in the user's language."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape

from ..accounts.permissions import SECRETARIAT, is_secretariat, require_role, visible_draft
from ..compare import service as compare_service
from ..core.clauses import edit
from ..core.clauses.messages import shown
from ..core.compare.html import REDLINE_CSS, render_inline, render_renumbering, render_side_by_side
from ..core.compare.words import word_diff
from ..deps import DB
from ..drafts import service as drafts
from ..errors import AppError, Conflict, NotFound, Unprocessable
from ..models import DECISIONS, User
from ..proposals import reads as proposal_reads
from ..proposals import service as proposals
from .common import (
    CSRF_STALE,
    check_csrf,
    clause_label,
    compare_labels,
    csrf_ok,
    form_dict,
    full_numbers,
    gettext_for,
    refusal_message,
    refused,
    render,
    require_delegate,
    require_own_proposal,
    web_user,
)
from .i18n import negotiate
from .labels import N_

router = APIRouter(include_in_schema=False)
KIND_CHOICES = ("replace", "insert_after", "insert_before", "delete", "move", "comment")
LONG_TEXT = 150  # clauses: beyond this a comparison shows the changes only unless asked otherwise
DECIDED_MEANWHILE = N_("Its current state is shown below; if your decision still stands, record it again as a "
                       "change of the decision, with its reason.")
STATUSES = ("draft", "submitted", "withdrawn", "accepted", "accepted_modified", "rejected", "merged", "noted",
            "superseded")


@router.get("/assets/redline.css")
def redline_css() -> Response:
    return Response(REDLINE_CSS, media_type="text/css")


# --- comparison ------------------------------------------------------------------------------


@router.get("/drafts/{draft_id}/compare")
def compare_page(request: Request, session: DB, draft_id: int, user: User = Depends(web_user),
                 lang: str | None = None, view: str = "inline", to: int | None = None,
                 only: str | None = None) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    versions = drafts.versions(session, draft.id)
    to = to or versions[-1].number
    raw_from = request.query_params.get("from")
    try:
        from_n = int(raw_from) if raw_from else max(1, to - 1)
    except ValueError as exc:
        raise Unprocessable(code="from_not_a_number") from exc
    compared = compare_service.compare_versions(session, user, draft.id, from_n, to, lang=lang)
    labels = compare_labels(request)
    cmp = compared.comparison
    only = only if only in ("changes", "all") else ("changes" if len(cmp.clauses) > LONG_TEXT else "all")
    shown = dataclasses.replace(cmp, clauses=[c for c in cmp.clauses if c.status != "unchanged"]) \
        if only == "changes" else cmp
    body = render_side_by_side(shown, labels=labels) if view == "side" else render_inline(shown, labels=labels)
    body = render_renumbering(cmp, labels=labels) + body  # the old -> new table first
    return render(request, "compare.html", draft=draft, versions=versions, from_n=from_n, to_n=to,
                  text_lang=cmp.lang, view=view, counts=cmp.counts(), body=Markup(body), only=only)


# --- the proposals list (everyone), decisions and the window (officers) ------------------------


def _describe(p, numbers: dict[str, str], index: dict, _) -> str:
    """What a proposal does, in plain words: "Insert a new clause after 2.1 (i)"."""
    n = numbers.get(p.clause_key or "", "") or (p.clause_key or "")
    if p.kind == "replace":
        return _("New wording for %(clause)s") % {"clause": n}
    if p.kind == "insert":
        where = {"before": _("Insert a new clause before %(clause)s"), "after": _("Insert a new clause after %(clause)s"),
                 "last_child": _("Add a new clause at the end of %(clause)s")}[p.position or "after"]
        return where % {"clause": n}
    if p.kind == "delete":
        return _("Delete %(clause)s") % {"clause": n}
    if p.kind == "move":
        to = numbers.get(p.anchor_key or "", "") or (p.anchor_key or "")
        where = _("Move %(clause)s before %(target)s") if p.position == "before" else \
            _("Move %(clause)s after %(target)s")
        return where % {"clause": n, "target": to}
    return _("Comment on %(clause)s") % {"clause": n} if p.clause_key else _("General comment")


def _window(request, session, draft, latest) -> dict:
    """The proposal window, its deadline written in the reader's language."""
    w = proposal_reads.latest_window(session, draft.id)
    return proposals.window_json(w, latest.number, negotiate(request))


def _rows(session, user, items, numbers, index, _):
    sponsors = proposal_reads.cosponsors(session, [p.id for p in items])
    rows = []
    for p in items:
        ops = word_diff(p.quoted_text, p.proposed_text) if p.kind == "replace" else []
        mine = user.role == "delegate" and user.state_iso3 == p.state_iso3
        invited = next((c for c in sponsors.get(p.id, []) if user.role == "delegate"
                        and c.state_iso3 == user.state_iso3), None)
        rows.append({"p": p, "ops": ops, "sponsors": sponsors.get(p.id, []), "mine": mine, "invited": invited,
                     "what": _describe(p, numbers, index, _), "etag": proposals.etag(p),
                     "note": (shown(p.anchor_note_code, p.anchor_note_params, p.anchor_note, gettext=_), None),
                     "decidable": p.status == "submitted"
                     and p.consolidated_in is None,
                     "redecidable": p.status in DECISIONS and p.consolidated_in is None})
    return rows


def _conflicts(session, user, draft, doc, version_n: int, numbers) -> list[dict]:
    live = proposal_reads.list_for(session, draft.id, user, status=["submitted", "accepted", "accepted_modified"],
                                   version=version_n)
    by_clause: dict[str, list] = {}
    for p in live:
        if p.kind != "comment" and p.clause_key:
            by_clause.setdefault(p.clause_key, []).append(p)
    index = doc.index()
    out = []
    for key, ps in by_clause.items():
        if len(ps) < 2:
            continue
        c = index.get(key)
        out.append({"key": key, "number": numbers.get(key, key), "text": c.text if c else "", "proposals": ps,
                    "conflicts": edit.conflicts([proposals.change_of(p) for p in ps], doc)})
    return out


def _proposals_ctx(request, session, user, draft, *, filters: dict | None = None) -> dict:
    _ = gettext_for(request)
    filters = filters or {}
    latest = drafts.current_version(session, draft.id)
    versions = drafts.versions(session, draft.id)
    doc = drafts.load_document(session, latest)
    numbers = full_numbers(doc)
    index = doc.index()
    version_f = filters.get("version")
    items = proposal_reads.list_for(session, draft.id, user, clause=filters.get("clause") or None,
                                    state=filters.get("state") or None,
                                    status=[filters["status"]] if filters.get("status") else None,
                                    version=int(version_f) if version_f and version_f.isdigit() else None)
    window = _window(request, session, draft, latest)
    officer = is_secretariat(user)
    return dict(draft=draft, version=latest, versions=versions, rows=_rows(session, user, items, numbers, index, _),
                window=window, clauses=[c for c in doc.walk()], numbers=numbers, filters=filters,
                states=sorted({p.state_iso3 for p in proposal_reads.list_for(session, draft.id, user)}),
                statuses=STATUSES, decisions=DECISIONS, can_decide=officer,
                participants=drafts.participants(session, draft.id),
                conflicts=_conflicts(session, user, draft, doc, latest.number, numbers) if officer else [],
                label=lambda c: clause_label(c, numbers, _), form_for={}, errors={})


@router.get("/drafts/{draft_id}/proposals")
def proposals_page(request: Request, session: DB, draft_id: int, user: User = Depends(web_user),
                   clause: str | None = None, state: str | None = None, status: str | None = None,
                   version: str | None = None, propose: str | None = None):
    draft = visible_draft(session, user, draft_id)
    if propose:  # the old address of the form
        return RedirectResponse(f"/drafts/{draft.id}/propose?clause={propose}", status_code=303)
    filters = {"clause": clause or "", "state": state or "", "status": status or "", "version": version or ""}
    return render(request, "proposals.html", **_proposals_ctx(request, session, user, draft, filters=filters))


def _back(p) -> RedirectResponse:
    return RedirectResponse(f"/drafts/{p.draft_id}/proposals#p{p.id}", status_code=303)


@router.post("/proposals/{proposal_id}/decide")
async def decide(request: Request, session: DB, proposal_id: int, user: User = Depends(web_user)):
    data = await form_dict(request)
    p = proposals.get_visible(session, user, proposal_id)
    draft = visible_draft(session, user, p.draft_id)
    error = None
    if not await csrf_ok(request):
        error = {"general": gettext_for(request)(CSRF_STALE), "detail": "", "detail_lang": None}
        status = 403
    else:
        try:
            merged = data.get("merged_into", "")
            # the form carries the ETag of the proposal as it was shown: a decision taken meanwhile by
            # someone else is a 412, not a silent overwrite; changing a decision is its own act
            proposals.decide(session, user, proposal_id, decision=data.get("decision", ""),
                             reason=data.get("reason", ""), modified_text=data.get("modified_text") or None,
                             merged_into=int(merged) if merged.isdigit() else None,
                             if_match=data.get("etag") or None, require_if_match=True,
                             redecide=data.get("redecide") == "yes")
            return _back(p)
        except AppError as exc:
            refused(session)
            error, status = refusal_message(request, exc), exc.status_code
            if status == 412:  # the general sentence says it all, in the reader's language
                error["detail"] = gettext_for(request)(DECIDED_MEANWHILE)
                error["detail_lang"] = None
    ctx = _proposals_ctx(request, session, user, visible_draft(session, user, draft.id))
    ctx["form_for"] = {proposal_id: data}
    ctx["errors"] = {proposal_id: error}
    return render(request, "proposals.html", status_code=status, **ctx)


@router.get("/proposals/{proposal_id}/withdraw")
def withdraw_confirm(request: Request, session: DB, proposal_id: int, user: User = Depends(web_user)):
    p = proposals.get_visible(session, user, proposal_id)
    require_own_proposal(user, p.state_iso3)
    draft = visible_draft(session, user, p.draft_id)
    doc = drafts.load_document(session, drafts.current_version(session, draft.id))
    numbers = full_numbers(doc)
    return render(request, "withdraw.html", draft=draft, p=p,
                  what=_describe(p, numbers, doc.index(), gettext_for(request)))


@router.post("/drafts/{draft_id}/window/{action}")
async def window(request: Request, session: DB, draft_id: int, action: str, user: User = Depends(web_user)):
    await check_csrf(request)
    data = await form_dict(request)
    draft = visible_draft(session, user, draft_id)
    try:  # the role first: a delegate is not asked to tick a box they may not tick
        require_role(user, SECRETARIAT, "change the proposal window")
        if action in ("open", "extend"):
            try:
                deadline = datetime.fromisoformat(data.get("deadline", ""))
            except ValueError as exc:
                raise Unprocessable(code="deadline_format") from exc
            if action == "open":
                proposals.open_window(session, user, draft.id, deadline)
            else:
                proposals.extend_window(session, user, draft.id, deadline)
        elif action == "close":
            if data.get("confirm") != "yes":
                raise Unprocessable(code="window_close_confirm")
            proposals.close_window(session, user, draft.id)
        else:
            raise NotFound(code="page_action_unknown", action=action)
    except AppError as exc:
        refused(session)
        ctx = _proposals_ctx(request, session, user, visible_draft(session, user, draft_id))
        return render(request, "proposals.html", status_code=exc.status_code, window_error=refusal_message(request, exc),
                      window_form=data, **ctx)
    return RedirectResponse(f"/drafts/{draft.id}/proposals#window", status_code=303)


# --- proposing (delegates) -------------------------------------------------------------------


def _propose_ctx(request, session, user, draft, clause_key: str | None, form: dict) -> dict:
    _ = gettext_for(request)
    latest = drafts.current_version(session, draft.id)
    doc = drafts.load_document(session, latest)
    numbers = full_numbers(doc)
    target = doc.find(clause_key) if clause_key else None
    window = _window(request, session, draft, latest)
    preview = None
    if target is not None and form.get("proposed_text") and form.get("kind", "replace") == "replace":
        preview = word_diff(target.text, form["proposed_text"])
    return dict(draft=draft, version=latest, target=target, clauses=list(doc.walk()), numbers=numbers,
                window=window, form=form, kinds=KIND_CHOICES, preview=preview,
                label=lambda c: clause_label(c, numbers, _), target_label=clause_label(target, numbers, _)
                if target is not None else "")


@router.get("/drafts/{draft_id}/propose")
def propose_form(request: Request, session: DB, draft_id: int, clause: str | None = None, kind: str | None = None,
                 rationale: str = "", proposed_text: str | None = None,
                 user: User = Depends(web_user)) -> HTMLResponse:
    draft = visible_draft(session, user, draft_id)
    require_delegate(user)
    kind = kind if kind in KIND_CHOICES else "replace"
    ctx = _propose_ctx(request, session, user, draft, clause, {"kind": kind, "rationale": rationale})
    if ctx["target"] is not None:  # typed text carried over from another clause wins over the clause's own
        ctx["form"].update(proposed_text=ctx["target"].text if proposed_text is None else proposed_text,
                           proposed_heading=ctx["target"].heading, quoted_text=ctx["target"].text)
    return render(request, "propose.html", **ctx)


def _new_proposal(data: dict) -> proposals.NewProposal:
    choice = data.get("kind") or "replace"
    kind = {"insert_after": "insert", "insert_before": "insert"}.get(choice, choice)
    heading = data.get("proposed_heading")
    return proposals.NewProposal(
        kind=kind, clause_key=data.get("clause_key") or None,
        quoted_text=data.get("quoted_text") if kind in ("replace", "delete") and "quoted_text" in data else None,
        proposed_text=data.get("proposed_text", "") if kind in ("replace", "insert") else "",
        proposed_heading=heading if kind == "replace" and heading and heading != data.get("quoted_heading") else None,
        position={"insert_after": "after", "insert_before": "before"}.get(choice) or
        (data.get("position") or "after" if kind == "move" else None),
        anchor_key=data.get("anchor_key") or None if kind == "move" else None,
        rationale=data.get("rationale", ""), submit=data.get("action") == "submit", source="web")


@router.post("/drafts/{draft_id}/propose")
@router.post("/drafts/{draft_id}/proposals")
async def propose(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    data = await form_dict(request)
    draft = visible_draft(session, user, draft_id)
    key = data.get("clause_key") or None
    error, status = None, 200
    if not await csrf_ok(request):
        error, status = {"general": gettext_for(request)(CSRF_STALE), "detail": "", "detail_lang": None}, 403
    elif data.get("action") != "preview":
        try:
            p = proposals.create_proposal(session, user, draft.id, _new_proposal(data))
            return _back(p)
        except AppError as exc:
            refused(session)
            error, status = refusal_message(request, exc), exc.status_code
    ctx = _propose_ctx(request, session, user, draft, key, data)
    return render(request, "propose.html", status_code=status, error=error, **ctx)


@router.post("/drafts/{draft_id}/propose/preview")
async def propose_preview(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    """The live preview: the clause's current text against the typed wording, as a redline fragment."""
    await check_csrf(request)
    data = await form_dict(request)
    draft = visible_draft(session, user, draft_id)
    require_delegate(user)
    doc = drafts.load_document(session, drafts.current_version(session, draft.id))
    c = doc.find(data.get("clause_key", ""))
    if c is None:
        raise NotFound(code="clause_not_current")
    _ = gettext_for(request)
    return HTMLResponse(_redline_html(word_diff(c.text, data.get("proposed_text", "")), _))


def _redline_html(ops, _) -> str:
    out = []
    for op in ops:
        t = escape(op.text)
        if op.op == "insert":
            out.append(f'<ins><span class="sr">{escape(_("[insertion start]"))} </span>{t}'
                       f'<span class="sr"> {escape(_("[insertion end]"))}</span></ins>')
        elif op.op == "delete":
            out.append(f'<del><span class="sr">{escape(_("[deletion start]"))} </span>{t}'
                       f'<span class="sr"> {escape(_("[deletion end]"))}</span></del>')
        else:
            out.append(str(t))
    return "".join(out)


@router.get("/proposals/{proposal_id}/edit")
def edit_form(request: Request, session: DB, proposal_id: int, user: User = Depends(web_user)):
    p = proposals.get_visible(session, user, proposal_id)
    require_own_proposal(user, p.state_iso3)
    draft = visible_draft(session, user, p.draft_id)
    form = {"proposed_text": p.proposed_text, "proposed_heading": p.proposed_heading or "", "rationale": p.rationale,
            "etag": proposals.etag(p)}
    return render(request, "edit_proposal.html", draft=draft, p=p, form=form)


@router.post("/proposals/{proposal_id}/edit")
async def edit_save(request: Request, session: DB, proposal_id: int, user: User = Depends(web_user)):
    data = await form_dict(request)
    p = proposals.get_visible(session, user, proposal_id)
    draft = visible_draft(session, user, p.draft_id)
    if not await csrf_ok(request):
        error, status = {"general": gettext_for(request)(CSRF_STALE), "detail": "", "detail_lang": None}, 403
    else:
        changes = {"rationale": data.get("rationale", "")}
        if p.kind in ("replace", "insert"):
            changes["proposed_text"] = data.get("proposed_text", "")
        if p.kind == "replace" and data.get("proposed_heading"):
            changes["proposed_heading"] = data["proposed_heading"]
        try:
            proposals.edit_proposal(session, user, proposal_id, changes, data.get("etag"))
            return _back(p)
        except AppError as exc:
            refused(session)
            error, status = refusal_message(request, exc), exc.status_code
    p = proposals.get_visible(session, user, proposal_id)
    current = {"proposed_text": p.proposed_text, "rationale": p.rationale}
    data["etag"] = proposals.etag(p)  # the next save is against what is stored now
    return render(request, "edit_proposal.html", status_code=status, draft=draft, p=p, form=data, error=error,
                  current=current)


@router.get("/drafts/{draft_id}/proposals/import")
def import_form(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    draft = visible_draft(session, user, draft_id)
    require_delegate(user)
    return render(request, "import_proposals.html", draft=draft)


@router.post("/drafts/{draft_id}/proposals/import")
async def import_upload(request: Request, session: DB, draft_id: int, file: UploadFile = File(...),
                        user: User = Depends(web_user)):
    await check_csrf(request)
    from ..drafts.uploads import read_upload
    from ..proposals import docx_import

    try:
        draft = docx_import.authorize(session, user, draft_id)
        data = await read_upload(file)
        result = docx_import.import_docx(session, user, draft, data, filename=file.filename or "")
    except AppError as exc:
        refused(session)
        draft = visible_draft(session, user, draft_id)
        return render(request, "import_proposals.html", status_code=exc.status_code, draft=draft,
                      error=refusal_message(request, exc), skipped=exc.extra if isinstance(exc.extra, list) else [])
    return render(request, "import_proposals.html", draft=draft, created=[p for p, _n in result.created],
                  skipped=[s.json() for s in result.skipped])


# --- consolidation (officers) ----------------------------------------------------------------


def _consolidate_ctx(request, session, user, draft, picked: list[int] | None, lang: str | None):
    latest = drafts.current_version(session, draft.id)
    doc = drafts.load_document(session, latest)
    numbers = full_numbers(doc)
    _ = gettext_for(request)
    accepted = proposal_reads.accepted_unconsolidated(session, draft.id, latest.number)
    chosen = [p for p in accepted if picked is None or p.id in picked]
    body, found = None, []
    changing = [p for p in chosen if p.kind != "comment"]
    if changing:
        found = edit.conflicts([proposals.change_of(p) for p in changing], doc)
        if not found:
            compared = compare_service.preview_proposals(session, user, draft.id, latest.number,
                                                         [p.id for p in changing], lang=lang)
            cmp = compared.comparison
            changed = dataclasses.replace(cmp, clauses=[c for c in cmp.clauses if c.status != "unchanged"])
            body = Markup(render_inline(changed, labels=compare_labels(request)))  # the changes only
    return dict(draft=draft, version=latest, accepted=accepted, picked={p.id for p in chosen}, body=body,
                in_lang=lambda c: shown(c.get("code"), c.get("params"), c.get("reason", ""), gettext=_),
                conflicts=found, numbers=numbers, text_lang=lang or draft.authentic_lang,
                what={p.id: _describe(p, numbers, doc.index(), _) for p in accepted})


@router.get("/drafts/{draft_id}/consolidate")
def consolidate_page(request: Request, session: DB, draft_id: int, user: User = Depends(web_user),
                     lang: str | None = None):
    draft = visible_draft(session, user, draft_id)
    from ..accounts.permissions import SECRETARIAT, require_role

    require_role(user, SECRETARIAT, "consolidate versions")
    raw = request.query_params.getlist("pick")
    picked = [int(x) for x in raw if x.isdigit()] if "picked" in request.query_params else None
    return render(request, "consolidate.html", **_consolidate_ctx(request, session, user, draft, picked, lang),
                  label_value="")


@router.post("/drafts/{draft_id}/consolidate")
async def consolidate(request: Request, session: DB, draft_id: int, user: User = Depends(web_user)):
    await check_csrf(request)
    form = await request.form()
    picked = [int(str(x)) for x in form.getlist("pick") if str(x).isdigit()]
    label = str(form.get("label") or "")
    draft = visible_draft(session, user, draft_id)
    try:
        require_role(user, SECRETARIAT, "consolidate versions")
        if not picked:
            raise Unprocessable(code="pick_accepted_needed")
        version, _summary = proposals.consolidate(session, user, draft.id, base_version=int(str(form.get("base") or 0)),
                                                  proposal_ids=picked, editorial=[], label=label)
    except AppError as exc:
        refused(session)
        draft = visible_draft(session, user, draft_id)
        ctx = _consolidate_ctx(request, session, user, draft, picked, None)
        if isinstance(exc, Conflict) and isinstance(exc.extra, list):
            ctx["conflicts"] = exc.extra
        return render(request, "consolidate.html", status_code=exc.status_code, error=refusal_message(request, exc),
                      label_value=label, **ctx)
    return RedirectResponse(f"/drafts/{draft.id}?v={version.number}&created=1", status_code=303)


# declared last: its path would otherwise catch /proposals/{id}/edit and the like
@router.post("/proposals/{proposal_id}/{action}")
async def act(request: Request, session: DB, proposal_id: int, action: str, user: User = Depends(web_user)):
    await check_csrf(request)
    data = await form_dict(request)
    if action == "submit":
        p = proposals.submit(session, user, proposal_id)
    elif action == "withdraw":
        if data.get("confirm") != "yes":
            return RedirectResponse(f"/proposals/{proposal_id}/withdraw", status_code=303)
        p = proposals.withdraw(session, user, proposal_id)
    elif action == "invite":
        form = await request.form()
        states = [str(s) for s in form.getlist("states") if str(s).strip()]
        if not states:
            raise Unprocessable(code="invite_states_needed")
        proposals.invite(session, user, proposal_id, states)
        p = proposals.get_visible(session, user, proposal_id)
    elif action in ("accept-invitation", "decline-invitation"):
        proposals.respond(session, user, proposal_id, accept=action == "accept-invitation")
        p = proposals.get_visible(session, user, proposal_id)
    else:
        raise NotFound(code="page_action_unknown", action=action)
    return _back(p)
