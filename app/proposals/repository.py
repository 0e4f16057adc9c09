"""Queries for proposals, windows, co-sponsors, anchor events and version provenance."""

from __future__ import annotations

from sqlalchemy import Select, and_, bindparam, false, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..errors import Conflict
from ..models import AnchorEvent, Cosponsor, Proposal, ProposalWindow, User, VersionChange


def latest_window(session: Session, draft_id: int) -> ProposalWindow | None:
    return session.scalar(select(ProposalWindow).where(ProposalWindow.draft_id == draft_id)
                          .order_by(ProposalWindow.id.desc()).limit(1))


def get(session: Session, proposal_id: int) -> Proposal | None:
    return session.get(Proposal, proposal_id)


def readable_proposals(user: User | None) -> Select:
    """The one readable statement for proposals (lists, single reads and exports start from it).

    A proposal is readable on a draft the user can read, once it has been submitted. Before that
    (status ``draft``, or withdrawn without ever being submitted) it belongs to its delegation:
    only delegates of its state, and of states it invited to co-sponsor it, read it. Not the
    secretariat, not translators, not admin.
    """
    from ..drafts.repository import readable_draft_ids

    if user is None:
        return select(Proposal).where(false())
    shown = and_(Proposal.status != "draft", Proposal.submitted_at.is_not(None))
    if user.role == "delegate" and user.state_iso3:
        invited = select(Cosponsor.proposal_id).where(Cosponsor.state_iso3 == user.state_iso3)
        shown = or_(shown, Proposal.state_iso3 == user.state_iso3, Proposal.id.in_(invited))
    return select(Proposal).where(Proposal.draft_id.in_(readable_draft_ids(user)), shown)


def readable(session: Session, user: User | None, proposal_id: int) -> Proposal | None:
    return session.scalar(readable_proposals(user).where(Proposal.id == proposal_id))


def list_for(session: Session, draft_id: int, user: User, *, state: str | None = None, status: list[str] | None = None,
             clause: str | None = None, version: int | None = None, anchor: str | None = None,
             kind: str | None = None, limit: int = 1000, offset: int = 0) -> list[Proposal]:
    q = _filtered(readable_proposals(user), draft_id, state=state, status=status, clause=clause, version=version,
                  anchor=anchor, kind=kind)
    return list(session.scalars(q.order_by(Proposal.id).limit(limit).offset(offset)))


def page_for(session: Session, draft_id: int, user: User, *, limit: int, offset: int = 0, **filters
             ) -> tuple[list[Proposal], int]:
    """One page of :func:`list_for` and how many there are in all, for the price of one narrow
    scan: the ids of every match (integers, in order: the total is their number), then the whole
    rows of the page's ids only. (Ordering the whole rows by id to keep ``limit`` of them read and
    sorted every match's texts, and the count scanned them all again.)"""
    q = _filtered(readable_proposals(user), draft_id, **filters).with_only_columns(Proposal.id)
    ids = list(session.scalars(q.order_by(Proposal.id)))
    page = ids[offset:offset + limit]
    if not page:
        return [], len(ids)
    rows = {p.id: p for p in session.scalars(select(Proposal).where(Proposal.id.in_(page)))}
    return [rows[i] for i in page if i in rows], len(ids)


def count_for(session: Session, draft_id: int, user: User, **filters) -> int:
    """How many proposals :func:`list_for` would list with no limit (the same readable statement)."""
    sub = _filtered(readable_proposals(user), draft_id, **filters).with_only_columns(Proposal.id).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def _filtered(q, draft_id: int, *, state: str | None = None, status: list[str] | None = None,
              clause: str | None = None, version: int | None = None, anchor: str | None = None,
              kind: str | None = None):
    q = q.where(Proposal.draft_id == draft_id)
    if state:
        q = q.where(Proposal.state_iso3 == state.upper())
    if status:
        q = q.where(Proposal.status.in_(status))
    if clause:
        q = q.where(or_(Proposal.clause_key == clause, Proposal.anchor_key == clause))
    if version is not None:
        q = q.where(Proposal.current_version == version)
    if anchor:
        q = q.where(Proposal.anchor_status == anchor)
    if kind:
        q = q.where(Proposal.kind == kind)
    return q


def _pending(draft_id: int, version: int):
    return (Proposal.draft_id == draft_id, Proposal.current_version == version,
            or_(Proposal.status.in_(("draft", "submitted")),
                Proposal.status.in_(("accepted", "accepted_modified")) & Proposal.consolidated_in.is_(None)))


def pending_on(session: Session, draft_id: int, version: int) -> list[Proposal]:
    """Proposals still to be carried to the next version: not decided, or accepted but not consolidated."""
    return list(session.scalars(select(Proposal).where(*_pending(draft_id, version)).order_by(Proposal.id)))


#: What re-anchoring reads of each pending proposal (app.proposals.service.reanchor).
PENDING_COLUMNS = ("id", "row_version", "kind", "clause_key", "anchor_key", "quoted_text", "quoted_heading",
                   "proposed_text", "patch")


def pending_rows_on(session: Session, draft_id: int, version: int) -> list:
    """The same proposals as :func:`pending_on`, as plain rows of :data:`PENDING_COLUMNS` (no ORM
    objects: re-anchoring 10,000 proposals neither builds nor flushes 10,000 instances)."""
    cols = [getattr(Proposal, c) for c in PENDING_COLUMNS]
    return list(session.execute(select(*cols).where(*_pending(draft_id, version)).order_by(Proposal.id)))


def update_proposals(session: Session, rows: list[dict], at) -> None:
    """Bulk UPDATE of proposals by id: each row is ``{"id", "row_version"`` (as read) ``, column: value...}``.

    One executemany per distinct set of columns; every row's ``row_version`` is checked and
    incremented as the ORM's version counter does (a proposal changed meanwhile is a 409) and
    ``updated_at`` is set. Instances of these proposals already in the session get the new values."""
    if not rows:
        return
    t = Proposal.__table__
    groups: dict[tuple[str, ...], list[dict]] = {}
    for r in rows:
        groups.setdefault(tuple(k for k in r if k not in ("id", "row_version")), []).append(r)
    for cols, group in groups.items():
        stmt = (update(t).where(t.c.id == bindparam("b_id"), t.c.row_version == bindparam("b_rv"))
                .values(row_version=bindparam("b_rv") + 1, updated_at=bindparam("b_at"),
                        **{c: bindparam(f"b_{c}") for c in cols}))
        params = [{"b_id": r["id"], "b_rv": r["row_version"], "b_at": at, **{f"b_{c}": r[c] for c in cols}}
                  for r in group]
        result = session.execute(stmt, params)
        if session.get_bind().dialect.supports_sane_multi_rowcount and result.rowcount != len(params):
            raise Conflict(code="consolidate_proposals_changed")
    by_id = {r["id"]: r for r in rows}
    for key in [k for k in session.identity_map.keys() if k[0] is Proposal and k[1][0] in by_id]:
        obj = session.identity_map.get(key)
        if obj is None:
            continue
        r = by_id[key[1][0]]
        for c, value in r.items():
            if c != "id":
                set_committed_value(obj, c, value)
        set_committed_value(obj, "row_version", r["row_version"] + 1)
        set_committed_value(obj, "updated_at", at)


def by_ids(session: Session, draft_id: int, ids: list[int]) -> list[Proposal]:
    if not ids:
        return []
    return list(session.scalars(select(Proposal).where(Proposal.draft_id == draft_id, Proposal.id.in_(ids))
                                .order_by(Proposal.id)))


def accepted_unconsolidated(session: Session, draft_id: int, version: int) -> list[Proposal]:
    return list(session.scalars(select(Proposal).where(
        Proposal.draft_id == draft_id, Proposal.current_version == version,
        Proposal.status.in_(("accepted", "accepted_modified")), Proposal.consolidated_in.is_(None),
    ).order_by(Proposal.id)))


def cosponsors(session: Session, proposal_ids: list[int]) -> dict[int, list[Cosponsor]]:
    out: dict[int, list[Cosponsor]] = {}
    if not proposal_ids:
        return out
    for c in session.scalars(select(Cosponsor).where(Cosponsor.proposal_id.in_(proposal_ids))
                             .order_by(Cosponsor.state_iso3)):
        out.setdefault(c.proposal_id, []).append(c)
    return out


def cosponsor(session: Session, proposal_id: int, iso3: str) -> Cosponsor | None:
    return session.get(Cosponsor, (proposal_id, iso3))


def anchor_events(session: Session, proposal_id: int) -> list[AnchorEvent]:
    return list(session.scalars(select(AnchorEvent).where(AnchorEvent.proposal_id == proposal_id)
                                .order_by(AnchorEvent.id)))


def insert_anchor_events(session: Session, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(AnchorEvent), rows)


def insert_version_changes(session: Session, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(VersionChange), rows)


def version_changes(session: Session, version_id: int) -> list[VersionChange]:
    return list(session.scalars(select(VersionChange).where(VersionChange.version_id == version_id)
                                .order_by(VersionChange.id)))
