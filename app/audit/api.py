from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..accounts.permissions import SECRETARIAT, require_role
from ..deps import DB, CurrentUser
from .service import list_events, verify

router = APIRouter(tags=["audit"])


@router.get("/audit", summary="The audit log, newest first (secretariat)")
def audit(session: DB, user: CurrentUser, object_type: str | None = None, object_id: str | None = None,
          action: str | None = None, before_id: int | None = None,
          limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict:
    require_role(user, SECRETARIAT, "read the audit log")
    events = list_events(session, object_type=object_type, object_id=object_id, action=action, limit=limit,
                         before_id=before_id)
    check = verify(session)  # incremental: the signed head and the events not yet verified
    return {"chain_valid": check.valid, "verification": check.json(),
            "events": [{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
                        "object_type": e.object_type, "object_id": e.object_id, "details": e.details,
                        "hash": e.hash, "prev_hash": e.prev_hash} for e in events]}
