"""A revised text becomes the next version of a draft (issue 9, "A revised text becomes the next version").

The counterpart organisation or a facilitator sends back a whole revised text; the secretariat
uploads it (``POST /api/v1/drafts/{id}/versions/import``, and the form on the draft page):

1. the file is read as a draft import reads it (:mod:`.uploads`, :func:`.service.read_import`):
   the same numbering warnings, dropped lines and word-fidelity check (a difference in words
   the parser cannot explain refuses the file);
2. its clauses are matched to the current version's (:func:`app.core.clauses.match.match`):
   unchanged, edited, relabelled and moved clauses keep their keys, new ones get fresh keys of
   the draft's scheme (``drafts.next_key_seq``), clauses that are gone disappear;
3. the new version is stored as the secretariat's editorial change, or attributed to a named
   party or participating state (``attributed_to``): one ``version_changes`` row per clause the
   file changed, as a consolidation records them, so the comparison and the redline say who;
4. pending proposals are re-anchored exactly as after a consolidation
   (:func:`app.proposals.service.reanchor`), the open proposal window closes and an ``open``
   draft goes ``under_review``, as after a consolidation;
5. one audit event (``version.import``).

``dry_run`` (:func:`preview`) does 1 and 2 and stores nothing.

Refusals, all before anything is stored: 404 the draft is not visible; 403 not the
secretariat; 409 the text is locked (approved, final, signed, in force); 409 the version the
file was checked against (``base_version``) is no longer the current one, or another import
or consolidation made the next version first; 415/413/422 the file cannot be read; 422 the
file says exactly what the current version says (**no change is a 422**, as a consolidation
that changes nothing is: the request is well-formed but there is nothing to make a version
of); 422 ``attributed_to`` names neither a party nor a participant. Like a consolidation
(``POST /drafts/{id}/versions`` takes ``base_version``, not If-Match), a real import needs
``base_version``: the version the secretariat previewed the file against, so that a file
checked against version 3 cannot silently undo a version 4 made in between.

Services only flush; the request commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..accounts.permissions import SECRETARIAT, require_role, visible_draft
from ..audit.service import record
from ..core.clauses.match import Matched, match
from ..core.clauses.render import render_text
from ..core.clauses.tree import Document, KeyAllocator, number_clauses
from ..errors import AppError, Conflict, Unprocessable
from ..models import Draft, User, Version, utcnow
from . import repository as repo
from . import service as drafts

SECRETARIAT_NAMES = ("", "secretariat", "the secretariat")
EXCERPT = 160


# --- who the new version is attributed to ------------------------------------------------------


@dataclass
class Attribution:
    """``kind``: ``secretariat`` (an editorial change), ``state`` (a participating member state,
    by ISO3) or ``party`` (a party of the agreement, as named in the draft)."""

    kind: str
    name: str
    state: str | None = None

    def json(self) -> dict:
        return {"kind": self.kind, "name": self.name, "state": self.state}


def attribution(session: Session, draft: Draft, value: str | None) -> Attribution:
    """Read ``attributed_to``: empty or "secretariat", an ISO3 code of a participant, or the
    name of a party (the draft's procedure parties, else its signature blocks). 422 otherwise."""
    from ..meetings.service import parties_of

    wanted = " ".join((value or "").split())
    if wanted.casefold() in SECRETARIAT_NAMES:
        return Attribution("secretariat", "secretariat")
    participants = repo.participants(session, draft.id)
    if wanted.upper() in participants:
        return Attribution("state", wanted.upper(), wanted.upper())
    parties = [p for p in parties_of(session, draft) if p not in participants]
    for party in parties:
        if " ".join(party.split()).casefold() == wanted.casefold():
            return Attribution("party", party)
    allowed = ", ".join(["secretariat", *parties, *participants])
    raise Unprocessable(code="reimport_unknown_attribution", value=wanted[:200], allowed=allowed)


def choices(session: Session, draft: Draft) -> list[Attribution]:
    """Whom the form offers: the secretariat, the parties, the participating states."""
    from ..meetings.service import parties_of

    participants = repo.participants(session, draft.id)
    return ([Attribution("secretariat", "secretariat")]
            + [Attribution("party", p) for p in parties_of(session, draft) if p not in participants]
            + [Attribution("state", iso3, iso3) for iso3 in participants])


# --- reading the file ---------------------------------------------------------------------------


def unreadable(exc: AppError, name: str) -> AppError:
    """The upload's own refusal (free English text) as a coded, translated one, same status."""
    err = AppError(code="reimport_unreadable", name=name[:200], reason=exc.message("en"),
                   status_code=exc.status_code, extra=exc.extra)
    err.headers = exc.headers
    return err


def read_revised(data: bytes, name: str) -> dict:
    """The file as ``text`` or Word ``blocks`` (the keyword arguments of :func:`preview`)."""
    from .uploads import decode_text, docx_blocks, kind_of

    try:
        if kind_of(name) == "docx":
            return {"blocks": docx_blocks(data)}
        return {"text": decode_text(data, name)}
    except AppError as exc:
        raise unreadable(exc, name) from None


def authorize(session: Session, user: User, draft_id: int) -> Draft:
    """404 / 403 / 409 before the file is even read."""
    draft = visible_draft(session, user, draft_id)
    require_role(user, SECRETARIAT, "import a revised text as the next version")
    if draft.status in drafts.LOCKED:
        raise Conflict(code="reimport_locked", status=draft.status)
    return draft


# --- matching -----------------------------------------------------------------------------------


@dataclass
class Plan:
    draft: Draft
    latest: Version
    old: Document
    matched: Matched
    report: dict
    attributed: Attribution
    unchanged: bool


def _plan(session: Session, user: User, draft: Draft, *, text: str | None, blocks: list[str] | None,
          source_name: str, attributed_to: str | None, base_version: int | None) -> Plan:
    latest = repo.current_version(session, draft.id)
    if base_version is not None and base_version != latest.number:
        raise Conflict(code="reimport_stale_base", base=base_version, latest=latest.number)
    attributed = attribution(session, draft, attributed_to)
    scratch = iter(range(1, 10**9))
    try:
        new, report = drafts.read_import(text=text, blocks=blocks, new_key=lambda: f"new{next(scratch)}")
    except AppError as exc:
        raise unreadable(exc, source_name or "upload") from None
    old = drafts.load_document(session, latest)
    matched = match(old, new, KeyAllocator(draft.next_key_seq))
    number_clauses(matched.doc, draft.numbering_policy or "bis")
    unchanged = matched.doc.version_hash() == latest.hash or (
        matched.unchanged and render_text(matched.doc.copy()) == render_text(old.copy()))
    return Plan(draft, latest, old, matched, report, attributed, unchanged)


def _entry(c, old_c=None, similarity: float | None = None) -> dict:
    text = " ".join((c.heading + " " + c.text).split())
    out = {"key": c.key, "kind": c.kind, "number": c.number,
           "excerpt": text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")}
    if old_c is not None:
        out["old_number"] = old_c.number
    if similarity is not None:
        out["similarity"] = similarity
    return out


def matching_json(m: Matched, old: Document) -> dict:
    """The counts, and the clauses behind them (key, number, an excerpt) for a reader to check."""
    new_index, old_index = m.doc.index(), old.index()
    return {**m.counts(), "clauses": {
        "edited": [_entry(new_index[k], old_index[k], m.similarity.get(k)) for k in m.edited],
        "inserted": [_entry(new_index[k]) for k in m.inserted],
        "deleted": [_entry(old_index[k]) for k in m.deleted],
        "moved": [_entry(new_index[k], old_index[k]) for k in m.moved],
        "relabelled": [_entry(new_index[k], old_index[k]) for k in m.relabelled],
    }}


def preview(session: Session, user: User, draft_id: int, *, text: str | None = None,
            blocks: list[str] | None = None, source_name: str = "", attributed_to: str | None = None,
            base_version: int | None = None) -> dict:
    """What :func:`import_next_version` would make of the file; nothing is stored (``dry_run``)."""
    from ..proposals import repository as proposals_repo

    draft = authorize(session, user, draft_id)
    plan = _plan(session, user, draft, text=text, blocks=blocks, source_name=source_name,
                 attributed_to=attributed_to, base_version=base_version)
    doc = plan.matched.doc
    view = drafts.LangView(lang=draft.authentic_lang, texts={c.key: (c.heading, c.text) for c in doc.walk()},
                           status={c.key: "source" for c in doc.walk()})
    return {"dry_run": True, "draft_id": draft.id, "source": source_name, "base_version": plan.latest.number,
            "next_version": plan.latest.number + 1, "unchanged": plan.unchanged, "hash": doc.version_hash(),
            "clause_count": len(doc), "attributed_to": plan.attributed.json(), "import_report": plan.report,
            "matching": matching_json(plan.matched, plan.old),
            "pending_proposals": len(proposals_repo.pending_on(session, draft.id, plan.latest.number)),
            "clauses": drafts.tree_json(doc, view)}


def default_label(attributed: Attribution, source_name: str) -> tuple[str, dict]:
    """The label Concord gives a revised text, as a code and params (core/clauses/messages.STORED_TEXTS)."""
    who = "" if attributed.kind == "secretariat" else "_of"
    file = "_file" if source_name else ""
    return f"version_revised{who}{file}", {"who": attributed.name, "file": source_name[:200]}


def import_next_version(session: Session, user: User, draft_id: int, *, text: str | None = None,
                        blocks: list[str] | None = None, source_name: str = "", attributed_to: str | None = None,
                        base_version: int | None = None, label: str = "") -> dict:
    """Store the revised text as the next version (flush only); see the module's docstring."""
    from ..proposals import repository as proposals_repo
    from ..proposals.service import reanchor

    draft = authorize(session, user, draft_id)
    if base_version is None:
        raise Unprocessable(code="reimport_base_required", latest=repo.max_version_number(session, draft.id))
    if session.get_bind().dialect.name == "postgresql":
        session.refresh(draft, with_for_update=True)  # serialise new versions of one draft (as consolidate)
        if draft.status in drafts.LOCKED:
            raise Conflict(code="reimport_locked", status=draft.status)
    plan = _plan(session, user, draft, text=text, blocks=blocks, source_name=source_name,
                 attributed_to=attributed_to, base_version=base_version)
    if plan.unchanged:
        raise Unprocessable(code="reimport_no_change", number=plan.latest.number)
    m, latest = plan.matched, plan.latest
    try:
        with session.begin_nested():
            code, params = ("", None) if label.strip() else default_label(plan.attributed, source_name)
            version = drafts.store_version(session, draft, m.doc, label=label.strip()[:300], label_code=code,
                                           label_params=params, user=user, base_number=latest.number)
    except IntegrityError as exc:
        raise Conflict(code="reimport_race", number=latest.number + 1) from exc
    now = utcnow()
    details = {"editorial": plan.attributed.kind == "secretariat", "source": "import", "file": source_name[:300],
               "attributed_to": plan.attributed.json()}
    proposals_repo.insert_version_changes(session, [
        {"version_id": version.id, "clause_key": key, "change": change, "proposal_id": None,
         "state_iso3": plan.attributed.state, "decided_at": now, "details": details}
        for key, change in m.changes()])
    window = proposals_repo.latest_window(session, draft.id)
    if window is not None and window.closed_at is None:
        window.closed_at = now
    if draft.status == "open":
        drafts.move(session, user, draft, "under_review", note=f"version {version.number} imported from a revised text")
    session.flush()
    summary = reanchor(session, draft, plan.old, m.doc, latest.number, version.number)
    matching = matching_json(m, plan.old)
    record(session, user, "version.import", "draft", draft.id,
           {"version": version.number, "base": latest.number, "label": version.label, "hash": version.hash,
            "file": source_name, "attributed_to": plan.attributed.json(),
            "matching": {k: v for k, v in matching.items() if k != "clauses"}, "reanchored": summary,
            "warnings": len(plan.report["warnings"]), "dropped": len(plan.report["dropped"])})
    return {"draft_id": draft.id,
            "version": {"number": version.number, "label": version.label, "hash": version.hash,
                        "base_number": version.base_number, "clause_count": version.clause_count,
                        "created_at": version.created_at.isoformat()},
            "attributed_to": plan.attributed.json(), "import_report": plan.report, "matching": matching,
            "reanchored": summary,
            "compare": f"/api/v1/drafts/{draft.id}/compare?from={latest.number}&to={version.number}"}
