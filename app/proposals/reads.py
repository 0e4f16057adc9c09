"""The proposals service's reads for the pages: the window, the proposals a reader may see, their
co-sponsors, what a consolidation would take. Page handlers call these (and app.proposals.service
for every change), never the repository.

Kept apart from app/proposals/service.py, which holds the workflow's writes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import Cosponsor, Proposal, ProposalWindow, User
from . import repository as repo


def latest_window(session: Session, draft_id: int) -> ProposalWindow | None:
    return repo.latest_window(session, draft_id)


def list_for(session: Session, draft_id: int, user: User, **filters) -> list[Proposal]:
    """The proposals of a draft ``user`` may see (a delegation's drafts only for itself); filters as
    the repository's ``list_for`` (state, status, clause, version, anchor, kind, limit, offset)."""
    return repo.list_for(session, draft_id, user, **filters)


def cosponsors(session: Session, proposal_ids: list[int]) -> dict[int, list[Cosponsor]]:
    return repo.cosponsors(session, proposal_ids)


def accepted_unconsolidated(session: Session, draft_id: int, version: int) -> list[Proposal]:
    """The accepted proposals on ``version`` not yet part of a consolidated version."""
    return repo.accepted_unconsolidated(session, draft_id, version)
