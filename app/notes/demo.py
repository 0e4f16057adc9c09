"""Demo data for notes (called by `concord demo`; idempotent).

Loads the example name forms (app.core.notes.data.ENTITIES) that are missing, and
registers and issues note NCT/CT/708 of 12 June 2024 on the CICA sample draft, with its
two earlier notes (NCT/CT/513, NCT/CT/569) as outside references: the register does not
hold their facts.
"""

from __future__ import annotations

import copy

from sqlalchemy.orm import Session

from ..core.notes.data import REFERENCE_NOTE
from ..core.notes.register import parse_number
from ..models import Note, User
from . import repository as repo
from . import service
from .schemas import NoteIn

SAMPLE_DRAFT = "cica-unoct-mou-2024.md"


def load(session: Session, officer: User | None) -> Note | None:
    """Name forms, then the reference note (created and issued once). Returns the note, if any."""
    service.ensure_entities(session, officer)
    series, seq = parse_number(REFERENCE_NOTE["number"])
    existing = repo.by_number(session, series, seq)
    if existing is not None:
        return existing
    draft = repo.draft_by_source(session, SAMPLE_DRAFT)
    if draft is None or officer is None:
        return None
    spec = NoteIn.model_validate({**copy.deepcopy(REFERENCE_NOTE), "draft_id": draft.id}).model_dump()
    note = service.create_note(session, officer, spec)
    return service.issue_note(session, officer, note.id)
