"""Who may do what. Every route asks one of these; nothing is allowed by default."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import Forbidden, NotFound
from ..models import Draft, DraftParticipant, DraftShare, User

SECRETARIAT = ("admin", "secretariat")
TRANSLATORS = ("admin", "secretariat", "translator")


def is_secretariat(user: User) -> bool:
    return user.role in SECRETARIAT


def require_role(user: User, roles: tuple[str, ...], what: str) -> None:
    if user.role not in roles:
        raise Forbidden(f"Your role ({user.role}) may not {what}.")


def can_view_draft(session: Session, user: User, draft: Draft) -> bool:
    if user.role in TRANSLATORS:
        return True
    if user.role == "delegate" and user.state_iso3:
        return session.scalar(select(DraftParticipant).where(
            DraftParticipant.draft_id == draft.id, DraftParticipant.state_iso3 == user.state_iso3)) is not None
    if user.role == "observer":
        return session.scalar(select(DraftShare).where(
            DraftShare.draft_id == draft.id, DraftShare.user_id == user.id)) is not None
    return False


def visible_draft(session: Session, user: User, draft_id: int) -> Draft:
    """The draft if this user may read it; 404 otherwise, so a restricted draft does not leak."""
    draft = session.get(Draft, draft_id)
    if draft is None or not can_view_draft(session, user, draft):
        raise NotFound(f"Draft {draft_id} not found.")
    return draft


def editable_draft(session: Session, user: User, draft_id: int) -> Draft:
    draft = visible_draft(session, user, draft_id)
    require_role(user, SECRETARIAT, "change drafts")
    return draft
