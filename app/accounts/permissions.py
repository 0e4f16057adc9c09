"""Who may do what. Every route asks one of these; nothing is allowed by default."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..core.enums import Role
from ..errors import Forbidden, NotFound
from ..models import Draft, User

SECRETARIAT = (Role.ADMIN, Role.SECRETARIAT)
TRANSLATORS = (Role.ADMIN, Role.SECRETARIAT, Role.TRANSLATOR)


def is_secretariat(user: User) -> bool:
    return user.role in SECRETARIAT


def require_role(user: User, roles: tuple[str, ...], what: str) -> None:
    if user.role not in roles:
        raise Forbidden(code="role_forbidden", role=user.role, what=what)


def can_view_draft(session: Session, user: User, draft: Draft) -> bool:
    from ..drafts.repository import readable_draft

    return readable_draft(session, user, draft.id) is not None


def visible_draft(session: Session, user: User, draft_id: int) -> Draft:
    """The draft if this user may read it; 404 otherwise, so a restricted draft does not leak."""
    from ..drafts.repository import readable_draft

    draft = readable_draft(session, user, draft_id)
    if draft is None:
        raise NotFound(code="draft_not_found", id=draft_id)
    return draft


def editable_draft(session: Session, user: User, draft_id: int) -> Draft:
    draft = visible_draft(session, user, draft_id)
    require_role(user, SECRETARIAT, "change drafts")
    return draft
