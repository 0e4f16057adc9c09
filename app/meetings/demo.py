"""Demo data of the approval path: the three CICA bodies and the MoU's procedure (idempotent)."""

from __future__ import annotations

from sqlalchemy import select

from ..models import Body, Draft, NoteEntity, utcnow
from . import repository as repo
from . import service

MINISTERIAL_COUNCIL = {
    "en": {"nominative": "CICA Ministerial Council"},
    "ru": {"nominative": "Совет министров иностранных дел СВМДА",
           "genitive": "Совета министров иностранных дел СВМДА",
           "instrumental": "Советом министров иностранных дел СВМДА"},
    "kk": {"nominative": "Азия Кеңесі Сыртқы істер министрлері кеңесі",
           "genitive": "Азия Кеңесі Сыртқы істер министрлері кеңесінің"},
}
BODIES = (("cica-swg", 1, None), ("cica-soc", 2, None), ("cica-mc", 3, MINISTERIAL_COUNCIL))
CICA_STEPS = [{"status": "agreed_ad_referendum", "required": True, "body": "cica-swg"},
              {"status": "approved", "required": True, "body": "cica-soc"}]


def load(session, officer) -> None:
    from ..notes.service import ensure_entities

    ensure_entities(session, officer)
    for key, rank, forms in BODIES:
        if repo.body_by_key(session, key) is not None:
            continue
        if session.scalar(select(NoteEntity).where(NoteEntity.key == key)) is None:
            service.create_body(session, officer, key, rank, forms)
        else:
            session.add(Body(key=key, rank=rank, created_at=utcnow()))
            session.flush()
    draft = session.scalar(select(Draft).where(Draft.source_name == "cica-unoct-mou-2024.md"))
    if draft is not None and service.procedure_row(session, draft) is None:
        service.set_procedure(session, officer, draft.id, {"steps": CICA_STEPS})
