"""What is due for the reader, from what exists now: windows closing, the reader's state's
proposals and what became of them, invitations to co-sponsor, proposals awaiting a decision,
stale or missing translations, notes still to issue."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..accounts.permissions import is_secretariat
from ..drafts import service as drafts
from ..models import Draft, User
from ..proposals import reads as proposal_reads
from ..proposals import service as proposals


def what_is_due(session: Session, user: User, visible: list[Draft], lang: str) -> dict:
    out: dict = {"windows": [], "mine": [], "invitations": [], "awaiting": [], "translations": [], "notes": []}
    officer = is_secretariat(user)
    for d in visible:
        latest = drafts.latest_version(session, d.id)
        if latest is None:
            continue
        w = proposal_reads.latest_window(session, d.id)
        if w is not None and proposals.window_state(w, latest.number)[0]:
            out["windows"].append({"draft": d, "deadline": w.deadline, "version": w.version_number})
        if user.role == "delegate" and user.state_iso3:
            for p in proposal_reads.list_for(session, d.id, user, state=user.state_iso3):
                out["mine"].append({"draft": d, "p": p})
            live = proposal_reads.list_for(session, d.id, user, status=["submitted", "draft"])
            sponsors = proposal_reads.cosponsors(session, [p.id for p in live])
            for p in live:
                for c in sponsors.get(p.id, []):
                    if c.state_iso3 == user.state_iso3 and c.status == "invited":
                        out["invitations"].append({"draft": d, "p": p})
        if officer:
            n = len(proposal_reads.list_for(session, d.id, user, status=["submitted"]))
            if n:
                out["awaiting"].append({"draft": d, "count": n})
        if officer or user.role == "translator":
            doc = drafts.load_document(session, latest)
            for tl in d.working_langs:
                view = drafts.language_view(session, d, doc, tl)
                if view.stale or view.missing:
                    out["translations"].append({"draft": d, "lang": tl, "stale": len(view.stale),
                                                "missing": len(view.missing)})
    if officer:
        from ..notes import service as notes_service

        out["notes"] = [n for n in notes_service.register_for(session, user) if n.status != "issued"]
    out["ahead"] = _approval_path(session, user, lang)
    out["any"] = any(out[k] for k in ("windows", "mine", "invitations", "awaiting", "translations", "notes", "ahead"))
    return out


def _approval_path(session: Session, user: User, lang: str) -> list[dict]:
    """Meetings ahead, silence deadlines and agreements expiring (app.meetings.service.due), with the
    bodies named in the reader's language."""
    from ..meetings import service as meetings
    from ..notes import service as notes_service

    items = [x for x in meetings.due(session, user, lang, 365) if x["kind"] != "window_closes"]
    names: dict[str, str] = {}
    for x in items:
        key = x.get("body")
        if key and key not in names:
            e = notes_service.name_forms(session, key)
            forms = e.forms if e else {}
            names[key] = (forms.get(lang) or {}).get("nominative") or (forms.get("en") or {}).get("nominative") or key
        x["body_name"] = names.get(key or "", "")
    return items
