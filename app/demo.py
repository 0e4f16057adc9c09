"""Extra demo data that later capabilities add (notes, proposals); idempotent."""

from __future__ import annotations


def load_demo_extras(session, officer) -> None:
    _open_cica_for_proposals(session, officer)
    for name in ("app.notes.demo", "app.meetings.demo", "app.demo_translations"):
        try:
            module = __import__(name, fromlist=["load"])
        except ModuleNotFoundError:
            continue
        module.load(session, officer)


def _open_cica_for_proposals(session, officer) -> None:
    """Open the sample MoU for proposals for 30 days, so delegates can try the workflow."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from .models import Draft
    from .proposals import repository as proposals_repo
    from .proposals.service import open_window

    draft = session.scalar(select(Draft).where(Draft.source_name == "cica-unoct-mou-2024.md"))
    if draft is None or proposals_repo.latest_window(session, draft.id) is not None:
        return
    if not draft.short_title:
        draft.short_title = "UNOCT–CICA Secretariat MoU"
    open_window(session, officer, draft.id, datetime.now(UTC) + timedelta(days=30))
