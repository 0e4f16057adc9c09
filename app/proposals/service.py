"""Amendments: the proposal window, proposals, co-sponsors, decisions, consolidation, re-anchoring.

Services only flush; the request (or CLI command) commits. Every step writes an audit event
in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..accounts import repository as accounts_repo
from ..accounts.permissions import SECRETARIAT, require_role, visible_draft
from ..audit.service import record
from ..config import get_settings
from ..core.clauses import edit
from ..core.clauses.messages import edit_reason, stored_text
from ..core.clauses.tree import Clause, Document, KeyAllocator
from ..core.compare.model import DELETE, EQUAL, INSERT, WordOp
from ..core.compare.words import apply_patch, make_patch, new_dmp, word_diff
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import Conflict, Forbidden, NotFound, Unprocessable, Word
from ..models import DECISIONS, Cosponsor, Draft, Proposal, ProposalWindow, User, Version, utcnow
from . import repository as repo

EDITABLE_FIELDS = ("proposed_text", "proposed_heading", "rationale", "translations")


# --- the proposal window ---------------------------------------------------------------------


def _aware(dt: datetime) -> datetime:
    """Deadlines given without a zone are read in the secretariat's time zone."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ZoneInfo(get_settings().display_timezone))
    return dt.astimezone(UTC)


def local_time(dt: datetime, lang: str = "en") -> str:
    tz = get_settings().display_timezone
    return f"{format_datetime(dt.astimezone(ZoneInfo(tz)), 'd MMMM y, HH:mm', locale=lang)} ({tz})"


def window_refusal(window: ProposalWindow | None, latest: int, at: datetime | None = None) -> Conflict | None:
    """Why a submission made at ``at`` (when its request arrived; default now) is refused, as a coded
    error (None: the window is open)."""
    now = at or utcnow()
    if window is None:
        return Conflict(code="window_not_open")
    if window.closed_at is not None and window.closed_at <= now:
        return Conflict(code="window_closed", when=window.closed_at)
    if window.deadline <= now:
        return Conflict(code="window_deadline_passed", when=window.deadline)
    if window.version_number != latest:
        return Conflict(code="window_version_moved", version=window.version_number, latest=latest)
    return None


def window_state(window: ProposalWindow | None, latest: int, at: datetime | None = None) -> tuple[bool, str]:
    """(open?, why not, in English) for a submission made at ``at`` (default now)."""
    why = window_refusal(window, latest, at)
    return why is None, why.detail if why is not None else ""


def require_window(window: ProposalWindow | None, latest: int, at: datetime | None = None) -> None:
    """Refuse (409, the window's own code) unless the window is open; the reader is told nothing was stored."""
    why = window_refusal(window, latest, at)
    if why is not None:
        raise Conflict(code=why.code, message="window_refused", reason=why, **why.params)


def window_json(window: ProposalWindow | None, latest: int, lang: str = "en") -> dict:
    """The window for programs and pages: ``reason_code`` (why it is not open, for programs) and
    ``reason`` and ``deadline_local`` in ``lang``."""
    if window is None:
        why = Conflict(code="window_not_open")
        return {"open": False, "reason_code": why.code, "reason": why.message(lang)}
    refusal = window_refusal(window, latest)
    out = {"open": refusal is None, "version": window.version_number, "deadline": window.deadline.isoformat(),
           "deadline_local": local_time(window.deadline, lang), "opened_at": window.opened_at.isoformat(),
           "closed_at": window.closed_at.isoformat() if window.closed_at else None}
    if refusal is not None:
        out["reason_code"] = refusal.code
        out["reason"] = refusal.message(lang)
    return out


def open_window(session: Session, user: User, draft_id: int, deadline: datetime, version: int | None = None
                ) -> ProposalWindow:
    draft = visible_draft(session, user, draft_id)
    require_role(user, SECRETARIAT, "open drafts for proposals")
    drafts.require_unlocked(draft)
    latest = drafts_repo.max_version_number(session, draft.id)
    version = version or latest
    if version != latest:
        raise Conflict(code="window_version_not_current", latest=latest, version=version)
    deadline = _aware(deadline)
    if deadline <= utcnow():
        raise Unprocessable(code="deadline_past")
    current = repo.latest_window(session, draft.id)
    if current is not None and window_state(current, latest)[0]:
        raise Conflict(code="window_already_open", version=current.version_number, deadline=current.deadline)
    w = ProposalWindow(draft_id=draft.id, version_number=version, deadline=deadline, opened_at=utcnow(),
                       opened_by_id=user.id)
    session.add(w)
    previous = draft.status
    if draft.status != "open":  # through the lifecycle (app.core.lifecycle): 409 if this draft cannot open
        drafts.move(session, user, draft, "open", note=f"window opened on version {version}")
    session.flush()
    record(session, user, "window.open", "draft", draft.id,
           {"version": version, "deadline": deadline.isoformat(), "status_before": previous})
    _notify(session, draft.id, "window.open", "window_opened", {"version": version, "deadline": deadline})
    return w


def _notify(session: Session, draft_id: int, event: str, message: str, params: dict,
            states: list[str] | None = None) -> None:
    """Queue the event for the delegates concerned (app.meetings.notify: stored, shown, e-mailed
    when SMTP is configured). Window messages say nothing of anyone's proposals."""
    from ..meetings.notify import notify_draft

    notify_draft(session, draft_id, event, message, params, states=states)


def _current_window(session: Session, user: User, draft_id: int) -> tuple[Draft, ProposalWindow]:
    draft = visible_draft(session, user, draft_id)
    require_role(user, SECRETARIAT, "change the proposal window")
    w = repo.latest_window(session, draft.id)
    if w is None or w.closed_at is not None:
        raise Conflict(code="window_none_open")
    return draft, w


def extend_window(session: Session, user: User, draft_id: int, deadline: datetime) -> ProposalWindow:
    draft, w = _current_window(session, user, draft_id)
    deadline = _aware(deadline)
    if deadline <= utcnow():
        raise Unprocessable(code="new_deadline_past")
    old = w.deadline
    w.deadline = deadline
    if draft.status != "open":
        drafts.move(session, user, draft, "open", note="window extended")
    session.flush()
    record(session, user, "window.extend", "draft", draft.id,
           {"from": old.isoformat(), "to": deadline.isoformat(), "version": w.version_number})
    _notify(session, draft.id, "window.extend", "window_extended", {"version": w.version_number, "deadline": deadline})
    return w


def close_window(session: Session, user: User, draft_id: int) -> ProposalWindow:
    draft, w = _current_window(session, user, draft_id)
    w.closed_at = utcnow()
    if draft.status == "open":
        drafts.move(session, user, draft, "under_review", note="window closed")
    session.flush()
    record(session, user, "window.close", "draft", draft.id, {"version": w.version_number})
    _notify(session, draft.id, "window.close", "window_closed", {"version": w.version_number})
    return w


def _require_open(session: Session, draft: Draft, at: datetime | None = None) -> int:
    latest = drafts_repo.max_version_number(session, draft.id)
    require_window(repo.latest_window(session, draft.id), latest, at)
    return latest


# --- proposals -------------------------------------------------------------------------------


def _delegate_state(user: User) -> str:
    if user.role != "delegate" or not user.state_iso3:
        raise Forbidden(code="delegates_propose_only")
    return user.state_iso3


def can_see(session: Session, user: User, p: Proposal) -> bool:
    return repo.readable(session, user, p.id) is not None


def get_visible(session: Session, user: User, proposal_id: int) -> Proposal:
    """The proposal if this user may read it (see repository.readable_proposals); 404 otherwise."""
    p = repo.readable(session, user, proposal_id)
    if p is None:
        raise NotFound(code="proposal_not_found", id=proposal_id)
    return p


def _own(session: Session, user: User, proposal_id: int) -> Proposal:
    p = get_visible(session, user, proposal_id)
    if user.role != "delegate" or user.state_iso3 != p.state_iso3:
        raise Forbidden(code="delegates_only", state=p.state_iso3)
    return p


@dataclass
class NewProposal:
    kind: str
    clause_key: str | None = None
    quoted_text: str | None = None
    proposed_text: str = ""
    proposed_heading: str | None = None
    proposed_label: str | None = None
    position: str | None = None
    anchor_key: str | None = None
    new_clause_kind: str | None = None
    rationale: str = ""
    translations: dict | None = None
    base_version: int | None = None
    submit: bool = False
    source: str = "api"


def _norm(text: str) -> str:
    return " ".join((text or "").split())


class DocumentClauses:
    """The clauses a proposal is checked against, from a version's tree already loaded."""

    def __init__(self, doc: Document):
        self._index = doc.index()

    def get(self, key: str) -> Clause | None:
        return self._index.get(key)

    def within(self, key: str, root: Clause) -> bool:
        return any(c.key == key for c in root.walk())

    def label(self, clause: Clause) -> str:
        return clause.number or clause.key


class VersionClauses:
    """The same from the database, one clause at a time: checking a proposal reads the clauses it
    names (and, for a move, the target's ancestors), never the whole version. The whole tree is
    read only to number a clause in an error message."""

    def __init__(self, session: Session, version: Version):
        self.session, self.version = session, version
        self._doc: Document | None = None

    def get(self, key: str) -> Clause | None:
        row = drafts_repo.clause_row(self.session, self.version.id, key)
        if row is None:
            return None
        return Clause(key=row.key, kind=row.kind, text=row.text, heading=row.heading, num_style=row.num_style,
                      num_pattern=row.num_pattern)

    def within(self, key: str, root: Clause) -> bool:
        seen = set()
        while key is not None and key not in seen:
            if key == root.key:
                return True
            seen.add(key)
            key = drafts_repo.parent_key(self.session, self.version.id, key)
        return False

    def label(self, clause: Clause) -> str:
        if self._doc is None:
            self._doc = drafts.load_document(self.session, self.version)
        found = self._doc.index().get(clause.key)
        return (found.number if found else "") or clause.key


def validate_against(doc: Document, np: NewProposal) -> tuple[str, str]:
    """Check a proposal against its base version; returns (quoted_text, quoted_heading)."""
    return validate_clauses(DocumentClauses(doc), np)


def validate_clauses(index: DocumentClauses | VersionClauses, np: NewProposal) -> tuple[str, str]:
    """Check a proposal against the clauses of its base version; returns (quoted_text, quoted_heading)."""
    if np.kind not in edit.CHANGE_KINDS:
        raise Unprocessable(code="proposal_kind_unknown", kind=np.kind, kinds=", ".join(edit.CHANGE_KINDS))
    if np.kind == edit.COMMENT and not np.clause_key:
        if not np.rationale.strip():
            raise Unprocessable(code="comment_text_needed")
        return "", ""
    if not np.clause_key:
        raise Unprocessable(code="clause_key_needed")
    clause = index.get(np.clause_key)
    if clause is None:
        raise Unprocessable(code="proposal_clause_unknown", key=np.clause_key)
    if np.quoted_text is not None and _norm(np.quoted_text) != _norm(clause.text):
        raise Conflict(code="quoted_text_mismatch", clause=index.label(clause))
    if np.kind == edit.REPLACE:
        if not np.proposed_text.strip() and not (np.proposed_heading or "").strip():
            raise Unprocessable(code="wording_empty")
        if _norm(np.proposed_text) == _norm(clause.text) and (np.proposed_heading is None
                                                                 or np.proposed_heading == clause.heading):
            raise Unprocessable(code="wording_unchanged")
    elif np.kind == edit.INSERT:
        if np.position not in edit.POSITIONS:
            raise Unprocessable(code="insert_position_needed")
        if not np.proposed_text.strip():
            raise Unprocessable(code="new_clause_empty")
        if np.new_clause_kind and np.new_clause_kind not in ("section", "paragraph", "item", "text", "recital"):
            raise Unprocessable(code="new_clause_kind_invalid", kind=np.new_clause_kind)
    elif np.kind == edit.MOVE:
        if np.position not in edit.POSITIONS:
            raise Unprocessable(code="move_position_needed")
        target = index.get(np.anchor_key or "")
        if target is None:
            raise Unprocessable(code="move_anchor_unknown", key=np.anchor_key)
        if index.within(target.key, clause):
            raise Unprocessable(code="move_into_itself")
    elif np.kind == edit.COMMENT and not np.rationale.strip():
        raise Unprocessable(code="comment_text_needed")
    return clause.text, clause.heading


def _check_translations(draft: Draft, translations: dict | None) -> dict:
    out = {}
    for lang, text in (translations or {}).items():
        if lang not in draft.working_langs:
            raise Unprocessable(code="translation_lang_not_working", lang=lang, langs=", ".join(draft.working_langs))
        if not isinstance(text, str):
            raise Unprocessable(code="translations_not_texts")
        out[lang] = text
    return out


@dataclass
class PreparedProposal:
    """A proposal checked against its version and ready to insert (:func:`prepare_proposal`)."""

    draft_id: int
    version: int
    state: str
    at: datetime | None
    submit: bool
    values: dict


def prepare_proposal(session: Session, user: User, draft_id: int, np: NewProposal,
                     doc: Document | None = None, at: datetime | None = None) -> PreparedProposal:
    """Every check and computation of a new proposal that only reads: who may propose, the window
    (at ``at``), the clause it names, the quoted text, the patch. Nothing is written."""
    iso3 = _delegate_state(user)
    draft = visible_draft(session, user, draft_id)
    latest_n = _require_open(session, draft, at)
    if np.base_version is not None and np.base_version != latest_n:
        raise Conflict(code="proposal_base_stale", latest=latest_n, base=np.base_version)
    if doc is not None:
        quoted, quoted_heading = validate_against(doc, np)
    else:
        quoted, quoted_heading = validate_clauses(
            VersionClauses(session, drafts_repo.version(session, draft.id, latest_n)), np)
    values = dict(
        draft_id=draft.id, state_iso3=iso3, author_id=user.id, base_version=latest_n, current_version=latest_n,
        kind=np.kind, clause_key=np.clause_key, position=np.position if np.kind in (edit.INSERT, edit.MOVE) else None,
        anchor_key=np.anchor_key if np.kind == edit.MOVE else None,
        new_clause_kind=np.new_clause_kind if np.kind == edit.INSERT else None,
        quoted_text=quoted, quoted_heading=quoted_heading,
        proposed_text=np.proposed_text.strip() if np.kind in (edit.REPLACE, edit.INSERT) else "",
        proposed_heading=np.proposed_heading if np.kind in (edit.REPLACE, edit.INSERT) else None,
        proposed_label=(" ".join(np.proposed_label.split()) or None) if np.kind == edit.INSERT and np.proposed_label
        else None,
        patch=make_patch(quoted, np.proposed_text.strip()) if np.kind == edit.REPLACE else "",
        translations=_check_translations(draft, np.translations), rationale=np.rationale.strip(),
        status="submitted" if np.submit else "draft", submitted_at=(at or utcnow()) if np.submit else None,
        anchor_status="current", source=np.source,
    )
    return PreparedProposal(draft.id, latest_n, iso3, at, np.submit, values)


def store_proposal(session: Session, user: User, prep: PreparedProposal, *, recheck: bool = True) -> Proposal:
    """Insert a prepared proposal and its audit events. ``recheck``: it was prepared in another
    transaction (a reader's, before the writer's turn), so what may have changed since is checked
    again: the window (closed, or a new version current); the clause's text cannot change, a
    version being immutable."""
    if recheck:
        latest = drafts_repo.max_version_number(session, prep.draft_id)
        require_window(repo.latest_window(session, prep.draft_id), latest, prep.at)
        if latest != prep.version:
            raise Conflict(code="proposal_base_stale", latest=latest, base=prep.version)
    now = utcnow()
    p = Proposal(**prep.values, created_at=now, updated_at=now)
    session.add(p)
    session.flush()
    record(session, user, "proposal.create", "proposal", p.id,
           {"draft": prep.draft_id, "state": prep.state, "kind": p.kind, "clause": p.clause_key,
            "version": prep.version})
    if prep.submit:  # stored as submitted at once (one write less), recorded as both steps
        record(session, user, "proposal.submit", "proposal", p.id, {"draft": prep.draft_id, "state": prep.state})
    return p


def create_proposal(session: Session, user: User, draft_id: int, np: NewProposal,
                    doc: Document | None = None, at: datetime | None = None) -> Proposal:
    """Create one proposal of the delegate's state, in one transaction. ``doc``: the current
    version's tree when the caller has it loaded already (a bulk import); otherwise only the
    clauses concerned are read. ``at``: when the request arrived, the instant the deadline is
    checked against. The API splits the same steps around the writer's turn (app/admission.py)."""
    return store_proposal(session, user, prepare_proposal(session, user, draft_id, np, doc, at), recheck=False)


def _submit(session: Session, user: User, draft: Draft, p: Proposal, at: datetime | None = None) -> None:
    if p.status != "draft":
        raise Conflict(code="submit_not_draft", id=p.id, status=p.status)
    latest = _require_open(session, draft, at)
    if p.current_version != latest:
        raise Conflict(code="submit_version_stale", id=p.id, version=p.current_version, latest=latest)
    if p.anchor_status in ("needs_attention", "orphaned"):
        raise Conflict(code="submit_anchor_first", id=p.id, anchor=Word(p.anchor_status))
    p.status = "submitted"
    p.submitted_at = at or utcnow()
    session.flush()
    record(session, user, "proposal.submit", "proposal", p.id, {"draft": draft.id, "state": p.state_iso3})


def submit(session: Session, user: User, proposal_id: int, at: datetime | None = None) -> Proposal:
    p = _own(session, user, proposal_id)
    _submit(session, user, session.get(Draft, p.draft_id), p, at)
    return p


def withdraw(session: Session, user: User, proposal_id: int) -> Proposal:
    p = _own(session, user, proposal_id)
    if p.status not in ("draft", "submitted"):
        raise Conflict(code="withdraw_too_late", id=p.id, status=p.status)
    p.status = "withdrawn"
    session.flush()
    record(session, user, "proposal.withdraw", "proposal", p.id, {"state": p.state_iso3})
    return p


def edit_proposal(session: Session, user: User, proposal_id: int, changes: dict, if_match: str | None) -> Proposal:
    p = _own(session, user, proposal_id)
    check_etag(p, if_match)
    if p.status != "draft" and p.anchor_status != "needs_attention":
        raise Conflict(code="edit_not_draft", id=p.id, status=p.status)
    draft = session.get(Draft, p.draft_id)
    if "translations" in changes:
        changes["translations"] = _check_translations(draft, changes["translations"])
    for k, v in changes.items():
        if k not in EDITABLE_FIELDS:
            raise Unprocessable(code="field_not_editable", field=k)
        setattr(p, k, v.strip() if isinstance(v, str) else v)
    if p.anchor_status == "needs_attention" or "proposed_text" in changes:
        version = drafts_repo.version(session, p.draft_id, p.current_version)
        np = NewProposal(kind=p.kind, clause_key=p.clause_key, proposed_text=p.proposed_text,
                         proposed_heading=p.proposed_heading, position=p.position, anchor_key=p.anchor_key,
                         rationale=p.rationale)
        p.quoted_text, p.quoted_heading = validate_clauses(VersionClauses(session, version), np)
        if p.kind == edit.REPLACE:
            p.patch = make_patch(p.quoted_text, p.proposed_text)
        if p.anchor_status == "needs_attention":
            p.anchor_status, p.anchor_note, p.anchor_note_code, p.anchor_note_params = "current", "", "", None
    session.flush()
    record(session, user, "proposal.edit", "proposal", p.id, {"fields": sorted(changes)})
    return p


def etag(p: Proposal) -> str:
    return f'W/"proposal-{p.id}-{p.row_version}"'


def check_etag(p: Proposal, if_match: str | None) -> None:
    from ..preconditions import check_if_match

    check_if_match(etag(p), if_match, what=f"proposal {p.id}")


# --- co-sponsors ----------------------------------------------------------------------------


def invite(session: Session, user: User, proposal_id: int, states: list[str]) -> list[Cosponsor]:
    p = _own(session, user, proposal_id)
    if p.status not in ("draft", "submitted"):
        raise Conflict(code="invite_too_late", id=p.id, status=p.status)
    participants = set(drafts_repo.participants(session, p.draft_id))
    out = []
    for iso3 in {s.upper() for s in states}:
        if accounts_repo.member_state(session, iso3) is None:
            raise Unprocessable(code="state_unknown", state=iso3)
        if iso3 == p.state_iso3:
            raise Unprocessable(code="cosponsor_own")
        if iso3 not in participants:
            raise Unprocessable(code="state_not_participant", state=iso3)
        if repo.cosponsor(session, p.id, iso3) is None:
            c = Cosponsor(proposal_id=p.id, state_iso3=iso3, status="invited", invited_at=utcnow())
            session.add(c)
            out.append(c)
    session.flush()
    record(session, user, "proposal.invite", "proposal", p.id, {"states": sorted(c.state_iso3 for c in out)})
    return out


def respond(session: Session, user: User, proposal_id: int, accept: bool) -> Cosponsor:
    iso3 = _delegate_state(user)
    p = get_visible(session, user, proposal_id)
    c = repo.cosponsor(session, p.id, iso3)
    if c is None:
        raise Forbidden(code="cosponsor_not_invited", state=iso3, id=p.id)
    if p.status in ("withdrawn", "rejected", "merged", "superseded"):
        raise Conflict(code="proposal_is", id=p.id, status=p.status)
    c.status = "accepted" if accept else "declined"
    c.responded_at = utcnow()
    session.flush()
    record(session, user, "proposal.cosponsor." + c.status, "proposal", p.id, {"state": iso3})
    return c


# --- decisions -----------------------------------------------------------------------------


def decide(session: Session, user: User, proposal_id: int, *, decision: str, reason: str,
           modified_text: str | None = None, modified_heading: str | None = None, merged_into: int | None = None,
           meeting: str = "", if_match: str | None = None, require_if_match: bool = False,
           redecide: bool = False) -> Proposal:
    """Decide a submitted proposal. The edges (API, pages) require If-Match with the ETag read (428
    without, 412 if it changed); changing an earlier decision is an explicit act (``redecide``),
    recorded with its own reason."""
    require_role(user, SECRETARIAT, "decide on proposals")
    p = get_visible(session, user, proposal_id)
    from ..preconditions import check_if_match

    check_if_match(etag(p), if_match, what=f"proposal {p.id}", required=require_if_match)
    if decision not in DECISIONS:
        raise Unprocessable(code="decision_choice_unknown", decision=decision, decisions=", ".join(DECISIONS))
    if p.status not in ("submitted",) + DECISIONS:
        raise Conflict(code="decide_not_submitted", id=p.id, status=p.status)
    previous = p.status if p.status in DECISIONS else None
    if previous and not redecide:
        raise Conflict(code="already_decided", id=p.id, status=p.status)
    if p.consolidated_in is not None:
        raise Conflict(code="already_consolidated", id=p.id, version=p.consolidated_in)
    if not reason.strip():
        raise Unprocessable(code="decision_reason_needed")
    if p.kind == edit.COMMENT and decision in ("accepted", "accepted_modified"):
        raise Unprocessable(code="comment_no_text_change")
    if decision in ("accepted", "accepted_modified") and p.anchor_status in ("needs_attention", "orphaned"):
        raise Conflict(code="accept_anchor_first", id=p.id, anchor=Word(p.anchor_status))
    if decision == "accepted_modified":
        if p.kind not in (edit.REPLACE, edit.INSERT):
            raise Unprocessable(code="modify_kind_refused")
        if not (modified_text or "").strip():
            raise Unprocessable(code="modified_text_needed")
    p.merged_into_id = None
    if decision == "merged":
        other = repo.get(session, merged_into or 0)
        if other is None or other.draft_id != p.draft_id or other.id == p.id:
            raise Unprocessable(code="merged_into_needed")
        if other.status in ("withdrawn", "rejected", "merged"):
            raise Conflict(code="merge_target_closed", id=other.id, status=other.status)
        p.merged_into_id = other.id
    p.status = decision
    p.decision_reason = reason.strip()
    p.modified_text = modified_text.strip() if decision == "accepted_modified" and modified_text else None
    p.modified_heading = modified_heading if decision == "accepted_modified" else None
    p.meeting_ref = meeting.strip()
    p.decided_by_id = user.id
    p.decided_at = utcnow()
    session.flush()
    record(session, user, "proposal.decide", "proposal", p.id,
           {"decision": decision, "reason": p.decision_reason, "merged_into": p.merged_into_id,
            "meeting": p.meeting_ref, **({"redecided_from": previous} if previous else {})})
    # the state that made it and the states that co-sponsor it; a decided proposal was submitted
    sponsors = [c.state_iso3 for c in repo.cosponsors(session, [p.id]).get(p.id, []) if c.status == "accepted"]
    _notify(session, p.draft_id, "proposal.decide", "proposal_" + decision,
            {"proposal": p.id, "state": p.state_iso3, "merged_into": p.merged_into_id},
            states=[p.state_iso3, *sponsors])
    return p


# --- consolidation ---------------------------------------------------------------------------


def change_of(p: Proposal) -> edit.Change:
    text = p.modified_text if p.status == "accepted_modified" and p.modified_text is not None else p.proposed_text
    heading = p.modified_heading if p.status == "accepted_modified" and p.modified_heading is not None \
        else p.proposed_heading
    if p.kind == edit.MOVE:
        return edit.Change(kind=p.kind, key=p.clause_key, anchor=p.anchor_key, position=p.position or edit.AFTER,
                           ref=p.id)
    return edit.Change(kind=p.kind, key=p.clause_key, text=text, heading=heading, position=p.position or edit.AFTER,
                       clause_kind=p.new_clause_kind, label=p.proposed_label, ref=p.id)


def editorial_change(d: dict) -> edit.Change:
    kind = d.get("kind")
    if kind not in (edit.REPLACE, edit.INSERT, edit.DELETE, edit.MOVE):
        raise Unprocessable(code="editorial_kind_unknown", kind=str(kind))
    if kind in (edit.INSERT, edit.MOVE) and d.get("position") not in edit.POSITIONS:
        raise Unprocessable(code="editorial_position_needed")
    return edit.Change(kind=kind, key=d.get("key"), text=(d.get("text") or "").strip(), heading=d.get("heading"),
                       anchor=d.get("anchor"), position=d.get("position") or edit.AFTER,
                       clause_kind=d.get("clause_kind"), label=d.get("label"), ref="editorial")


def preview(session: Session, user: User, draft: Draft, version: Version, proposals: list[Proposal]) -> Document:
    """The version as it would read with these proposals applied (nothing is stored)."""
    doc = drafts.load_document(session, version)
    changes = [change_of(p) for p in proposals if p.kind != edit.COMMENT]
    found = edit.conflicts(changes, doc)
    if found:
        raise Conflict(code="proposals_not_together", extra=found)
    try:
        return edit.apply_changes(doc, changes, KeyAllocator(draft.next_key_seq), draft.numbering_policy)
    except edit.EditError as exc:
        raise Conflict(code="proposal_not_applicable", number=version.number, reason=exc) from exc


def consolidate(session: Session, user: User, draft_id: int, *, base_version: int, proposal_ids: list[int] | None,
                editorial: list[dict], label: str) -> tuple[Version, dict]:
    require_role(user, SECRETARIAT, "consolidate versions")
    draft = visible_draft(session, user, draft_id)
    drafts.require_unlocked(draft)
    if session.get_bind().dialect.name == "postgresql":
        session.refresh(draft, with_for_update=True)  # serialise consolidations of one draft
    latest = drafts_repo.latest_version(session, draft.id)
    if latest.number != base_version:
        raise Conflict(code="consolidate_stale_base", latest=latest.number, created=latest.created_at, base=base_version)
    if proposal_ids is None:
        chosen = repo.accepted_unconsolidated(session, draft.id, base_version)
    else:
        chosen = repo.by_ids(session, draft.id, proposal_ids)
        missing = sorted(set(proposal_ids) - {p.id for p in chosen})
        if missing:
            raise Unprocessable(code="not_draft_proposals", ids=", ".join(map(str, missing)))
    problems = []
    for p in chosen:
        if p.status not in ("accepted", "accepted_modified"):
            problem = ("consolidate_not_accepted", {"id": p.id, "status": p.status})
        elif p.consolidated_in is not None:
            problem = ("consolidate_already_in", {"id": p.id, "n": p.consolidated_in})
        elif p.current_version != base_version:
            problem = ("consolidate_other_version", {"id": p.id, "n": p.current_version})
        elif p.anchor_status in ("needs_attention", "orphaned"):
            problem = (f"consolidate_{p.anchor_status}", {"id": p.id})
        else:
            continue
        problems.append({"refs": [p.id], "code": problem[0], "params": problem[1],
                         "reason": edit_reason(problem[0], problem[1])})
    if problems:
        raise Conflict(code="consolidate_problems", extra=problems)
    changes = [change_of(p) for p in chosen if p.kind != edit.COMMENT] + [editorial_change(d) for d in editorial]
    if not changes:
        raise Unprocessable(code="nothing_to_consolidate")
    base_doc = drafts.load_document(session, latest)
    found = edit.conflicts(changes, base_doc)
    if found:
        raise Conflict(code="changes_conflict", count=len(found), extra=found)
    allocator = KeyAllocator(draft.next_key_seq)
    try:
        new_doc = edit.apply_changes(base_doc, changes, allocator, draft.numbering_policy)
    except edit.EditError as exc:
        raise Conflict(code="change_not_applicable", reason=exc) from exc
    if new_doc.version_hash() == latest.hash:
        raise Unprocessable(code="consolidate_no_change")
    try:
        with session.begin_nested():
            version = drafts.store_version(session, draft, new_doc, label=label,
                                           label_code="" if label else "version_consolidated",
                                           user=user, base_number=base_version)
    except IntegrityError as exc:
        raise Conflict(code="consolidate_raced", number=base_version + 1) from exc
    draft.next_key_seq = max(draft.next_key_seq, allocator.next_seq)
    by_id = {p.id: p for p in chosen}
    rows = []
    new_keys: dict[int, str] = {}
    for ch in changes:
        p = by_id.get(ch.ref) if isinstance(ch.ref, int) else None
        rows.append({"version_id": version.id, "clause_key": ch.new_key or ch.key, "change": ch.kind,
                     "proposal_id": p.id if p else None, "state_iso3": p.state_iso3 if p else None,
                     "decided_at": p.decided_at if p else utcnow(),
                     "details": {"editorial": p is None}})
        if p is not None and ch.new_key:
            new_keys[p.id] = ch.new_key
    # one bulk UPDATE (checked against each row_version) instead of one UPDATE per proposal
    repo.update_proposals(session, [{"id": p.id, "row_version": p.row_version, "consolidated_in": version.number,
                                     "new_key": new_keys.get(p.id, p.new_key)} for p in chosen], at=utcnow())
    repo.insert_version_changes(session, rows)
    window = repo.latest_window(session, draft.id)
    if window is not None and window.closed_at is None:
        window.closed_at = utcnow()
        _notify(session, draft.id, "window.close", "window_closed", {"version": window.version_number})
    if draft.status == "open":
        drafts.move(session, user, draft, "under_review", note=f"version {version.number} consolidated")
    session.flush()
    summary = reanchor(session, draft, base_doc, new_doc, base_version, version.number)
    record(session, user, "version.consolidate", "draft", draft.id,
           {"version": version.number, "base": base_version, "label": version.label, "hash": version.hash,
            "proposals": sorted(by_id), "editorial": len(editorial), "reanchored": summary})
    return version, summary


class _Pending:
    """A pending proposal as re-anchoring reads it (repository.PENDING_COLUMNS), not an ORM object."""

    __slots__ = repo.PENDING_COLUMNS

    def __init__(self, row):
        for name, value in zip(repo.PENDING_COLUMNS, row, strict=True):
            setattr(self, name, value)


def _unchanged(p: _Pending, old_index: dict, new_index: dict) -> Clause | None:
    """Fast path: the clause a replacement or deletion targets is exactly as it was (text and
    heading), and so is the text the proposal quoted; then the proposal is carried as it is and
    nothing needs normalising or re-applying. Returns the clause in the new version."""
    if p.kind not in (edit.REPLACE, edit.DELETE) or not p.clause_key:
        return None
    old_c, new_c = old_index.get(p.clause_key), new_index.get(p.clause_key)
    if old_c is None or new_c is None:
        return None
    if (new_c.text == old_c.text == p.quoted_text) and (new_c.heading == old_c.heading == p.quoted_heading):
        return new_c
    return None


def reanchor(session: Session, draft: Draft, old: Document, new: Document, from_n: int, to_n: int) -> dict:
    """Carry every still-pending proposal from version ``from_n`` to ``to_n``; never drop one.

    Reads the pending proposals as plain rows and writes them back with one bulk UPDATE per kind
    of result and one multi-row INSERT of anchor events; a proposal whose clause did not change
    is carried without touching its patch."""
    old_index, new_index = old.index(), new.index()
    counts = {"carried": 0, "applied": 0, "needs_attention": 0, "orphaned": 0}
    events, updates = [], []
    now = utcnow()
    for row in repo.pending_rows_on(session, draft.id, from_n):
        p = _Pending(row)
        old_text = p.quoted_text
        same = _unchanged(p, old_index, new_index)
        if same is not None:
            result, coded, new_text = "carried", None, same.text
        else:
            result, coded, new_text = _reanchor_one(p, old_index, new_index, to_n)
        code, params = coded or ("", None)
        note = stored_text(code, params) if code else ""
        events.append({"proposal_id": p.id, "from_version": from_n, "to_version": to_n, "result": result,
                       "note": note, "old_text": old_text, "new_text": new_text, "at": now})
        counts[result] += 1
        upd = {"id": p.id, "row_version": p.row_version, "current_version": to_n, "anchor_status": result,
               "anchor_note": note, "anchor_note_code": code, "anchor_note_params": params}
        if result == "applied":
            upd.update(quoted_text=p.quoted_text, proposed_text=p.proposed_text, patch=p.patch)
        updates.append(upd)
    repo.update_proposals(session, updates, at=now)
    repo.insert_anchor_events(session, events)
    session.flush()
    return counts


def _reanchor_one(p: Proposal | _Pending, old_index, new_index, to_n: int
                  ) -> tuple[str, tuple[str, dict] | None, str]:
    """(result, the note for the delegate as (code, params) of core/clauses/messages.STORED_TEXTS or
    None, the clause's text in the new version); updates ``p`` when its amendment was re-applied
    to changed text (the caller stores it)."""
    if p.kind == edit.COMMENT and not p.clause_key:
        return "carried", None, ""
    key = p.clause_key
    new_c = new_index.get(key)
    if new_c is None:
        num = old_index[key].number if key in old_index else key
        return "orphaned", ("anchor_deleted", {"clause": num or key, "n": to_n}), ""
    if p.kind == edit.MOVE and p.anchor_key not in new_index:
        return "orphaned", ("anchor_move_target_deleted", {"clause": p.anchor_key, "n": to_n}), ""
    if p.kind in (edit.INSERT, edit.MOVE, edit.COMMENT):
        return "carried", None, new_c.text
    if _norm(new_c.text) == _norm(p.quoted_text) and new_c.heading == p.quoted_heading:
        return "carried", None, new_c.text
    label = new_c.number or key
    if p.kind == edit.DELETE:
        return "needs_attention", ("anchor_delete_changed", {"clause": label, "n": to_n}), new_c.text
    patched, clean = apply_patch(p.patch, new_c.text)
    if clean and new_c.heading == p.quoted_heading:
        p.quoted_text = new_c.text
        p.proposed_text = patched
        p.patch = make_patch(new_c.text, patched)
        return "applied", ("anchor_applied", {"clause": label, "n": to_n}), new_c.text
    return "needs_attention", ("anchor_conflict", {"clause": label, "n": to_n}), new_c.text


# --- the stored patch as word operations ---------------------------------------------------

_DMP_OPS = {0: EQUAL, 1: INSERT, -1: DELETE}


def ops_from_patch(patch_text: str, old: str, new: str) -> list[WordOp] | None:
    """The word operations turning ``old`` into ``new`` read from the stored patch (made by
    ``make_patch(old, new)`` from the word diff), without diffing again: between the hunks the
    text is unchanged, inside them the patch has the word diff's own operations. None when
    the patch was not made from these two texts (then diff them)."""
    if not patch_text or old == new:
        return None
    try:
        patches = new_dmp().patch_fromText(patch_text)
    except ValueError:
        return None
    ops: list[list] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1][1] += text
        else:
            ops.append([op, text])

    # Hunk k applies to the text with hunks 1..k-1 applied: its start1 is in that text, which
    # from there on is ``old`` shifted by what the earlier hunks inserted minus what they deleted.
    edits: list[tuple[int, int, str]] = []  # (position in old, dmp op, text), in order
    shift = 0
    for patch in patches:
        at = patch.start1
        for op, text in patch.diffs:
            if op == 1:
                edits.append((at - shift, 1, text))
            else:
                if op == -1:
                    edits.append((at - shift, -1, text))
                at += len(text)
        shift += sum(len(t) if op == 1 else -len(t) for op, t in patch.diffs if op)
    pos = 0
    for where, op, text in edits:
        if where < pos:
            return None
        add(EQUAL, old[pos:where])
        pos = where
        if op == -1:
            if old[pos:pos + len(text)] != text:
                return None
            add(DELETE, text)
            pos += len(text)
        else:
            add(INSERT, text)
    add(EQUAL, old[pos:])
    out = [WordOp(op, text) for op, text in ops]
    if "".join(o.text for o in out if o.op != INSERT) != old or "".join(o.text for o in out if o.op != DELETE) != new:
        return None
    return out


def proposal_word_ops(p: Proposal, current: str) -> list[WordOp]:
    """A replacement's word operations against ``current`` (its clause in the version shown):
    from the stored patch when the proposal was made on (or re-anchored to) that text, else diffed."""
    if p.quoted_text == current:
        ops = ops_from_patch(p.patch, current, p.proposed_text)
        if ops is not None:
            return ops
    return word_diff(current, p.proposed_text)
