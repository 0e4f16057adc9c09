from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Header, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from ..accounts.permissions import SECRETARIAT, require_role, visible_draft
from ..admission import read_turn, received_at, write_turn
from ..core.compare.words import word_diff
from ..deps import DB, CurrentUser, credentials_sent, current_user
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import NotFound
from ..models import Proposal, User
from ..readcache import dumps
from . import repository as repo
from . import service
from .schemas import ConsolidateIn, DecisionIn, InviteIn, ProposalIn, ProposalPatch, WindowIn, WindowPatch

router = APIRouter(tags=["proposals"])


def proposal_json(p: Proposal, sponsors=None, *, full: bool = False, session: Session | None = None,
                  diff: list | None = None) -> dict:
    """``diff``: the word diff of a replacement when the caller has it already."""
    out = {
        "id": p.id, "draft_id": p.draft_id, "state": p.state_iso3, "kind": p.kind, "clause_key": p.clause_key,
        "position": p.position, "anchor_key": p.anchor_key, "new_clause_kind": p.new_clause_kind,
        "base_version": p.base_version, "current_version": p.current_version,
        "quoted_text": p.quoted_text, "proposed_text": p.proposed_text, "proposed_heading": p.proposed_heading,
        "proposed_label": p.proposed_label,
        "rationale": p.rationale, "translations": p.translations or {}, "status": p.status,
        "anchor": {"status": p.anchor_status, "note": p.anchor_note},
        "decision": None if p.decided_at is None else {
            "decision": p.status, "reason": p.decision_reason, "modified_text": p.modified_text,
            "merged_into": p.merged_into_id, "meeting": p.meeting_ref, "decided_at": p.decided_at.isoformat()},
        "consolidated_in": p.consolidated_in, "new_key": p.new_key, "source": p.source,
        "cosponsors": [{"state": c.state_iso3, "status": c.status} for c in (sponsors or [])],
        "created_at": p.created_at.isoformat(),
        "submitted_at": p.submitted_at.isoformat() if p.submitted_at else None,
    }
    if full:
        out["patch"] = p.patch
        if p.kind == "replace":
            out["diff"] = diff if diff is not None else [[op.op, op.text]
                                                         for op in word_diff(p.quoted_text, p.proposed_text)]
        if session is not None:
            out["history"] = [{"from_version": e.from_version, "to_version": e.to_version, "result": e.result,
                               "note": e.note, "old_text": e.old_text, "new_text": e.new_text, "at": e.at.isoformat()}
                              for e in repo.anchor_events(session, p.id)]
    return out


def _one(session: Session | None, p: Proposal, response: Response | None = None, *, new: bool = False) -> dict:
    """``new``: created in this request, so it has no co-sponsors and no history to read yet."""
    if response is not None:
        response.headers["ETag"] = service.etag(p)
    if new:
        return {**proposal_json(p, [], full=True), "history": []}
    assert session is not None
    return proposal_json(p, repo.cosponsors(session, [p.id]).get(p.id, []), full=True, session=session)


# --- window -------------------------------------------------------------------------------

def request_lang(request: Request) -> str:
    from ..main import request_lang as lang_of  # (app.main imports the routers)

    return lang_of(request)


@router.get("/drafts/{draft_id}/window", summary="Whether the draft is open for proposals, and until when")
def get_window(request: Request, session: DB, user: CurrentUser, draft_id: int) -> dict:
    draft = visible_draft(session, user, draft_id)
    return service.window_json(repo.latest_window(session, draft.id), drafts_repo.max_version_number(session, draft.id),
                               request_lang(request))


@router.post("/drafts/{draft_id}/window", status_code=201, summary="Open the current version for proposals")
def open_window(request: Request, session: DB, user: CurrentUser, draft_id: int, body: WindowIn) -> dict:
    w = service.open_window(session, user, draft_id, body.deadline, body.version)
    return service.window_json(w, w.version_number, request_lang(request))


@router.patch("/drafts/{draft_id}/window", summary="Extend (or shorten) the deadline")
def extend_window(request: Request, session: DB, user: CurrentUser, draft_id: int, body: WindowPatch) -> dict:
    w = service.extend_window(session, user, draft_id, body.deadline)
    return service.window_json(w, w.version_number, request_lang(request))


@router.post("/drafts/{draft_id}/window/close", summary="Close the window now")
def close_window(request: Request, session: DB, user: CurrentUser, draft_id: int) -> dict:
    w = service.close_window(session, user, draft_id)
    return service.window_json(w, w.version_number, request_lang(request))


# --- proposals ------------------------------------------------------------------------------

ARRIVAL = ("**Deadline:** what counts is the instant the request *arrived* at the server, not when it was "
           "processed: a proposal sent before the deadline is in time even if the server, busy with the rush of "
           "the last minutes, stores it after the deadline has passed. That instant is its `submitted_at`.")


@router.post("/drafts/{draft_id}/proposals", status_code=201, summary="Propose an amendment for your state",
             description="Creates a proposal of the delegate's state as its draft, or submits it at once with "
                         "`submit: true`. Only the clauses it names are read, whatever the size of the draft.\n\n"
                         + ARRIVAL, dependencies=[Depends(credentials_sent)])
async def create(draft_id: int, body: ProposalIn, response: Response, request: Request) -> dict:
    # Two phases (app/admission.py): everything that only reads (who asks, the window, the clause,
    # the patch) in a reader slot; then the writer's turn checks the window again, inserts, commits.
    np, at = service.NewProposal(**body.model_dump()), received_at(request)

    def prepare(session: Session) -> tuple[User, service.PreparedProposal, list | None]:
        user = current_user(request, session)
        prepared = service.prepare_proposal(session, user, draft_id, np, at=at)
        v = prepared.values  # the answer's word diff, here too: not in the writer's turn, not on the event loop
        diff = ([[op.op, op.text] for op in word_diff(v["quoted_text"], v["proposed_text"])]
                if v["kind"] == "replace" else None)
        return user, prepared, diff

    user, prepared, diff = await read_turn(request, prepare, for_write=True)
    p = await write_turn(request, lambda session: service.store_proposal(session, user, prepared))
    response.headers["Location"] = f"/api/v1/proposals/{p.id}"
    response.headers["ETag"] = service.etag(p)
    return {**proposal_json(p, [], full=True, diff=diff), "history": []}


@router.get("/drafts/{draft_id}/proposals", summary="Proposals, filtered by state, status, clause, version",
            response_model=list[dict],
            description="One page of the proposals, oldest first (`limit`, `offset`). The body is the list of the "
                        "page; the headers say how many there are in all (`X-Total-Count`), the page's `X-Limit` "
                        "and `X-Offset`, and where the next page is (`Link: <...>; rel=\"next\"`, absent on the "
                        "last page), so a client never silently misses proposals.")
def list_proposals(session: DB, user: CurrentUser, draft_id: int, request: Request,
                   state: str | None = None,
                   status: Annotated[list[str] | None, Query()] = None, clause: str | None = None,
                   version: int | None = None, anchor: str | None = None, kind: str | None = None,
                   limit: Annotated[int, Query(ge=1, le=5000)] = 1000, offset: Annotated[int, Query(ge=0)] = 0
                   ) -> Response:
    draft = visible_draft(session, user, draft_id)
    items, total = repo.page_for(session, draft.id, user, state=state, status=status, clause=clause,
                                 version=version, anchor=anchor, kind=kind, limit=limit, offset=offset)
    headers = {"X-Total-Count": str(total), "X-Limit": str(limit), "X-Offset": str(offset)}
    if offset + len(items) < total:
        nxt = request.url.include_query_params(limit=limit, offset=offset + limit)
        headers["Link"] = f'<{nxt.path}?{nxt.query}>; rel="next"'
    sponsors = repo.cosponsors(session, [p.id for p in items])
    # plain dicts of strings and numbers: encoded at once (FastAPI's generic encoder would walk
    # them again, which cost more than reading the page)
    body = dumps([proposal_json(p, sponsors.get(p.id, [])) for p in items])
    return Response(body, media_type="application/json", headers=headers)


@router.get("/drafts/{draft_id}/proposals/conflicts",
            summary="Clauses with more than one live proposal, side by side, with the conflicts between them")
def conflicts(session: DB, user: CurrentUser, draft_id: int, version: int | None = None) -> list[dict]:
    from ..core.clauses import edit

    require_role(user, SECRETARIAT, "review conflicting proposals")
    draft = visible_draft(session, user, draft_id)
    v = drafts_repo.version(session, draft.id, version) if version else drafts_repo.latest_version(session, draft.id)
    if v is None:
        raise NotFound(code="version_not_found", id=draft.id, number=version)
    doc = drafts.load_document(session, v)
    index = doc.index()
    live = repo.list_for(session, draft.id, user, status=["submitted", "accepted", "accepted_modified"],
                         version=v.number)
    by_clause: dict[str, list[Proposal]] = {}
    for p in live:
        if p.kind == "comment" or not p.clause_key:
            continue
        by_clause.setdefault(p.clause_key, []).append(p)
    sponsors = repo.cosponsors(session, [p.id for p in live])
    out = []
    for key, ps in by_clause.items():
        if len(ps) < 2:
            continue
        c = index.get(key)
        found = edit.conflicts([service.change_of(p) for p in ps], doc)
        out.append({"clause_key": key, "number": c.number if c else "", "text": c.text if c else "",
                    "proposals": [proposal_json(p, sponsors.get(p.id, [])) for p in ps], "conflicts": found})
    return out


@router.get("/proposals/{proposal_id}")
def get_proposal(session: DB, user: CurrentUser, proposal_id: int, response: Response) -> dict:
    return _one(session, service.get_visible(session, user, proposal_id), response)


@router.patch("/proposals/{proposal_id}", summary="Edit your delegation's draft proposal (needs If-Match)")
def patch_proposal(session: DB, user: CurrentUser, proposal_id: int, body: ProposalPatch, response: Response,
                   if_match: Annotated[str | None, Header()] = None) -> dict:
    p = service.edit_proposal(session, user, proposal_id, body.model_dump(exclude_unset=True), if_match)
    return _one(session, p, response)


@router.post("/proposals/{proposal_id}/submit", summary="Submit your delegation's draft proposal",
             description="Shares a draft proposal with every participating state.\n\n" + ARRIVAL)
def submit(session: DB, user: CurrentUser, proposal_id: int, response: Response, request: Request) -> dict:
    return _one(session, service.submit(session, user, proposal_id, at=received_at(request)), response)


@router.post("/proposals/{proposal_id}/withdraw", summary="Withdraw your delegation's proposal")
def withdraw(session: DB, user: CurrentUser, proposal_id: int, response: Response) -> dict:
    return _one(session, service.withdraw(session, user, proposal_id), response)


@router.post("/proposals/{proposal_id}/invite", summary="Invite states to co-sponsor your delegation's proposal")
def invite(session: DB, user: CurrentUser, proposal_id: int, body: InviteIn, response: Response) -> dict:
    service.invite(session, user, proposal_id, body.states)
    return _one(session, service.get_visible(session, user, proposal_id), response)


@router.post("/proposals/{proposal_id}/accept-invitation", summary="Co-sponsor a proposal you were invited to")
def accept_invitation(session: DB, user: CurrentUser, proposal_id: int, response: Response) -> dict:
    service.respond(session, user, proposal_id, True)
    return _one(session, service.get_visible(session, user, proposal_id), response)


@router.post("/proposals/{proposal_id}/decline-invitation", summary="Decline an invitation to co-sponsor")
def decline_invitation(session: DB, user: CurrentUser, proposal_id: int, response: Response) -> dict:
    service.respond(session, user, proposal_id, False)
    return _one(session, service.get_visible(session, user, proposal_id), response)


@router.post("/proposals/{proposal_id}/decide", summary="Decide a submitted proposal (the secretariat)",
             description="Needs `If-Match` with the proposal's ETag (428 without it, 412 if it changed since it "
                         "was read); a decided proposal is decided again only with `redecide: true` (409 "
                         "otherwise).")
def decide(session: DB, user: CurrentUser, proposal_id: int, body: DecisionIn, response: Response,
           if_match: Annotated[str | None, Header()] = None) -> dict:
    p = service.decide(session, user, proposal_id, decision=body.decision, reason=body.reason,
                       modified_text=body.modified_text, modified_heading=body.modified_heading,
                       merged_into=body.merged_into, meeting=body.meeting, if_match=if_match,
                       require_if_match=True, redecide=body.redecide)
    return _one(session, p, response)


@router.post("/proposals/{proposal_id}/{action}", include_in_schema=False)
def unknown_action(user: CurrentUser, proposal_id: int, action: str) -> None:
    raise NotFound(code="proposal_action_unknown", action=action)


# --- consolidation --------------------------------------------------------------------------

@router.post("/drafts/{draft_id}/versions", status_code=201,
             summary="Consolidate the next version from accepted proposals and editorial changes")
def consolidate(session: DB, user: CurrentUser, draft_id: int, body: ConsolidateIn, response: Response) -> dict:
    v, summary = service.consolidate(session, user, draft_id, base_version=body.base_version,
                                     proposal_ids=body.proposals, editorial=[e.model_dump() for e in body.editorial],
                                     label=body.label)
    response.headers["Location"] = f"/api/v1/drafts/{draft_id}/versions/{v.number}"
    return {"number": v.number, "label": v.label, "hash": v.hash, "base_number": v.base_number,
            "clause_count": v.clause_count, "reanchored": summary}


@router.get("/drafts/{draft_id}/versions/{number}/changes",
            summary="Which proposal (and state) changed which clause of a consolidated version")
def version_changes(session: DB, user: CurrentUser, draft_id: int, number: int) -> list[dict]:
    draft = visible_draft(session, user, draft_id)
    v = drafts.get_version(session, draft, number)
    return [{"clause_key": c.clause_key, "change": c.change, "proposal_id": c.proposal_id, "state": c.state_iso3,
             "decided_at": c.decided_at.isoformat() if c.decided_at else None, "editorial": c.proposal_id is None}
            for c in repo.version_changes(session, v.id)]



# --- import from Word (tracked changes) -------------------------------------------------------

@router.post("/drafts/{draft_id}/proposals/import", status_code=201,
             summary="Turn a Word document with tracked changes into draft proposals of your state",
             description="Multipart field `file`: a .docx edited with Track Changes on (Concord's signature.docx "
                         "export or the delegation's own copy). Every tracked change against the current version "
                         "becomes a proposal of the delegate's state with status `draft` and source `docx`; Word "
                         "comments become rationales. Answers 201 `{created: [proposal...], skipped: [{paragraph, "
                         "reason, clause_key}], excluded: [{paragraph, author, state, date, reason, detail}], version}` "
                         "(paragraphs numbered from 1, tables included). Tracked changes and comments by Concord "
                         "(the secretariat, member states as its redline names them), by other member states, or "
                         "already in the version are not proposals: they are listed in `excluded`. The same "
                         "changes uploaded again answer 200 with `duplicate: true` and the earlier proposals in "
                         "`already_imported`; nothing new is stored. Nothing "
                         "is stored on any error: 403 not a delegate, 404 draft not shared with the state, 409 "
                         "window closed, 413 too large, 415 not an acceptable .docx (PDF, macros, template, zip "
                         "bomb), 422 no tracked changes or none usable.")
async def import_proposals_docx(session: DB, user: CurrentUser, draft_id: int,
                                file: Annotated[UploadFile, File()], response: Response) -> dict:
    from ..drafts.uploads import read_upload
    from . import docx_import

    draft = await run_in_threadpool(docx_import.authorize, session, user, draft_id)
    data = await read_upload(file)

    def work() -> dict:  # parsing and planning take long on a large document: off the event loop
        result = docx_import.import_docx(session, user, draft, data, filename=file.filename or "")
        if result.duplicate:
            response.status_code = 200  # uploaded before: nothing new stored
        return {"created": [{**proposal_json(p), "paragraph": no} for p, no in result.created],
                "already_imported": [{**proposal_json(p), "paragraph": no} for p, no in result.already],
                "duplicate": result.duplicate, "lang": result.lang or draft.authentic_lang,
                "excluded": [docx_import.excluded_json(e) for e in result.excluded],
                "skipped": [s.json() for s in result.skipped], "version": result.version}

    return await run_in_threadpool(work)
