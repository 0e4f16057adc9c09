"""Before a draft becomes final: its signature copy must not open with "DRAFT"."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from ..core.clauses.tree import TITLE
from ..errors import Conflict
from ..models import Draft

#: a title that still says it is a draft, in the three languages
DRAFT_WORD = re.compile(r"^\W*(draft|проект|жоба)\b", re.IGNORECASE)


def draft_title_problem(title: str, title_block: list[str]) -> str | None:
    """What still reads "DRAFT ..." (the text's title block, else the draft's title), or None."""
    for text in [*title_block, title]:
        if text and DRAFT_WORD.match(text):
            return " ".join(text.split())[:80]
    return None


def require_final_title(session: Session, draft: Draft, to: str) -> None:
    """409 when a draft's text would be locked (approved, or final) while its title still reads
    "DRAFT ...": the final signature copy would open with it. Once locked it can no longer be
    changed, so the question is asked at the locking step. Asks for the final title (a version with the title
    block changed, and the draft's title)."""
    if to not in ("approved", "final") or draft.status in ("approved", "final", "signed", "in_force"):
        return  # asked when the text is about to be locked (approval locks it; final, if not approved)
    from ..drafts import repository as drafts_repo
    from ..drafts.service import load_document

    latest = drafts_repo.latest_version(session, draft.id)
    block = []
    if latest is not None:
        block = [c.text or c.heading for c in load_document(session, latest).walk() if c.kind == TITLE]
    found = draft_title_problem(draft.title, block[:1])
    if found is not None:
        raise Conflict(code="final_title_needed", found=found)
