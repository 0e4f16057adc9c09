"""Renumbering: the secretariat's explicit editorial act (DESIGN.md, "numbers are data").

It makes the next version of a draft in which the labels follow position, with the
cross-references in the text rewritten to match ("paragraph 4 of this MoU" -> "paragraph 5"),
in the authentic language and in every translation of the draft. A reference that cannot be
resolved is reported, never guessed. The preview (``dry_run``) computes all of it and stores
nothing. Pending proposals are re-anchored as after a consolidation; the comparison and the
redline of the two versions show the table of old -> new numbers.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..accounts.permissions import SECRETARIAT, require_role, visible_draft
from ..audit.service import record
from ..core.clauses import refs
from ..core.clauses.tree import numbering_warnings, renumber_labels, text_hash
from ..errors import Conflict, Unprocessable
from ..models import Translation, User, utcnow
from . import repository as repo
from . import service


def _summary(found: list[refs.Reference]) -> dict:
    counts = dict.fromkeys((refs.UPDATED, refs.UNCHANGED, refs.UNRESOLVED, refs.AMBIGUOUS, refs.EXTERNAL), 0)
    for r in found:
        counts[r.status] += 1
    return {"counts": counts, "items": [r.as_dict() for r in found if r.status != refs.UNCHANGED]}


def plan(session: Session, draft, base) -> dict:
    """Everything the renumbering would do to version ``base`` (nothing stored)."""
    old = service.load_document(session, base)
    new, table = renumber_labels(old)
    index = old.index()
    found = refs.rewrite_document(old, new, draft.authentic_lang)
    new_index = new.index()
    translations: dict[str, dict] = {}
    rows: list[dict] = []
    for lang in draft.languages:
        if lang == draft.authentic_lang:
            continue
        view = service.language_view(session, draft, old, lang)
        texts = [(k, h, t) for k, (h, t) in view.texts.items() if view.status.get(k) in ("current", "stale")]
        changed, lang_refs = refs.rewrite_texts(old, new, lang, texts)
        found.extend(lang_refs)
        needs_review = []
        for key, (heading, text) in changed.items():
            c_new = new_index[key]
            was_current = view.status[key] == "current"
            rows.append({"clause_key": key, "lang": lang, "heading": heading, "text": text,
                         "source_hash": text_hash(c_new.heading, c_new.text) if was_current else None,
                         "was_current": was_current})
        for c_new in new.walk():  # the English changed, the translation could not follow: say so
            c_old = index[c_new.key]
            if (view.status.get(c_new.key) == "current" and c_new.key not in changed
                    and (c_old.heading, c_old.text) != (c_new.heading, c_new.text)):
                needs_review.append(c_new.number or c_new.key)
        translations[lang] = {"updated": len(changed), "needs_review": needs_review}
    return {"old": old, "new": new, "table": table, "references": found, "translation_rows": rows,
            "translations": translations}


def renumber(session: Session, user: User, draft_id: int, *, base_version: int, label: str = "",
             dry_run: bool = False) -> dict:
    require_role(user, SECRETARIAT, "renumber a draft")
    draft = visible_draft(session, user, draft_id)
    service.require_unlocked(draft)
    if not dry_run and session.get_bind().dialect.name == "postgresql":
        session.refresh(draft, with_for_update=True)  # one new version of a draft at a time
    latest = repo.current_version(session, draft.id)
    if latest.number != base_version:
        raise Conflict(code="renumber_stale_base", number=latest.number, base=base_version)
    p = plan(session, draft, latest)
    old, new, table = p["old"], p["new"], p["table"]
    out = {
        "draft_id": draft.id, "base_version": latest.number, "dry_run": dry_run,
        "renumbered": [{"key": k, "old": o, "new": n} for k, o, n in table],
        "references": _summary(p["references"]),
        "translations": p["translations"],
        "warnings_before": [w.as_dict() for w in numbering_warnings(old)],
        "warnings_after": [w.as_dict() for w in numbering_warnings(new)],
        "version": None, "reanchored": None,
    }
    if not table:
        if dry_run:
            return out
        raise Unprocessable(code="renumber_nothing", number=latest.number)
    if dry_run:
        return out
    try:
        with session.begin_nested():
            version = service.store_version(session, draft, new, label=label,
                                            label_code="" if label else "version_renumbered", user=user,
                                            base_number=latest.number)
    except IntegrityError as exc:
        raise Conflict(code="renumber_raced", number=latest.number + 1) from exc
    old_index = old.index()
    now = utcnow()
    changes = [{"version_id": version.id, "clause_key": k, "change": "renumber", "proposal_id": None,
                "state_iso3": None, "decided_at": now, "details": {"editorial": True, "old": o, "new": n}}
               for k, o, n in table]
    for c in new.walk():
        o = old_index[c.key]
        if (o.heading, o.text) != (c.heading, c.text):
            changes.append({"version_id": version.id, "clause_key": c.key, "change": "references",
                            "proposal_id": None, "state_iso3": None, "decided_at": now,
                            "details": {"editorial": True}})
    from ..proposals import repository as proposals_repo
    from ..proposals.service import reanchor

    proposals_repo.insert_version_changes(session, changes)
    for row in p["translation_rows"]:
        source_hash = row["source_hash"]
        if source_hash is None:  # a stale translation stays stale: keep the source it was made from
            prev = [t for t in repo.translations(session, draft.id, row["lang"], [row["clause_key"]])]
            source_hash = prev[-1].source_hash if prev else ""
        session.add(Translation(draft_id=draft.id, clause_key=row["clause_key"], lang=row["lang"],
                                heading=row["heading"], text=row["text"], source_hash=source_hash,
                                created_by_id=user.id, created_at=now))
    session.flush()
    out["reanchored"] = reanchor(session, draft, old, new, latest.number, version.number)
    out["version"] = {"number": version.number, "label": version.label, "hash": version.hash,
                      "base_number": version.base_number, "clause_count": version.clause_count}
    counts = out["references"]["counts"]
    record(session, user, "version.renumber", "draft", draft.id,
           {"version": version.number, "base": latest.number, "hash": version.hash,
            "renumbered": [[k, o, n] for k, o, n in table], "references": counts,
            "translations": {lang: t["updated"] for lang, t in p["translations"].items()}})
    return out
