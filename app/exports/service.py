"""Word exports of a draft: signature copy, parallel text, compilation of proposals."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..accounts.permissions import visible_draft
from ..accounts.repository import member_states
from ..core.compare.words import word_diff
from ..core.word.exports import compilation_docx, parallel_docx, signature_docx
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import NotFound, Unprocessable
from ..models import Draft, User, Version
from ..proposals import repository as proposals_repo

FINAL_STATUSES = ("final", "signed", "in_force")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def _version(session: Session, draft: Draft, number: int | None) -> Version:
    if number is None:
        v = drafts_repo.latest_version(session, draft.id)
        if v is None:
            raise NotFound(f"Draft {draft.id} has no version.")
        return v
    return drafts.get_version(session, draft, number)


def signature(session: Session, user: User, draft_id: int, number: int | None) -> tuple[bytes, str]:
    draft = visible_draft(session, user, draft_id)
    v = _version(session, draft, number)
    latest = drafts_repo.latest_version(session, draft.id)
    final = draft.status in FINAL_STATUSES and v.number == latest.number
    doc = drafts.load_document(session, v)
    data = signature_docx(doc, title=draft.title, version_label=f"Version {v.number}" + (f" — {v.label}" if v.label else ""),
                          final=final, text_hash=v.hash if final else None)
    return data, f"{_slug(draft)}-v{v.number}-{'signature' if final else 'draft'}.docx"


def parallel(session: Session, user: User, draft_id: int, number: int | None, langs: list[str] | None
             ) -> tuple[bytes, str]:
    draft = visible_draft(session, user, draft_id)
    v = _version(session, draft, number)
    langs = langs or draft.languages
    for lang in langs:
        drafts.check_lang(draft, lang)
    doc = drafts.load_document(session, v)
    views = {lang: drafts.language_view(session, draft, doc, lang) for lang in langs}
    rows = []
    for c in doc.walk():
        if not (c.text or c.heading):
            continue
        cells = {}
        for lang, view in views.items():
            heading, text = view.texts.get(c.key, (c.heading, c.text))
            status = view.status.get(c.key, "current")
            cells[lang] = {"text": "" if status == "missing" else text,
                           "heading": "" if status == "missing" else heading,
                           "status": "current" if status == "source" else status}
        rows.append({"key": c.key, "number": c.number, "cells": cells})
    data = parallel_docx(rows, title=draft.title, languages=langs,
                         language_names={lang: LANGUAGE_NAMES.get(lang, lang) for lang in langs})
    return data, f"{_slug(draft)}-v{v.number}-parallel.docx"


DEFAULT_STATUSES = ("submitted", "accepted", "accepted_modified", "rejected", "merged", "noted")


def compilation(session: Session, user: User, draft_id: int, number: int | None, *, states: list[str] | None,
                statuses: list[str] | None, from_clause: str | None, to_clause: str | None, lang: str = "en"
                ) -> tuple[bytes, str]:
    draft = visible_draft(session, user, draft_id)
    v = _version(session, draft, number)
    doc = drafts.load_document(session, v)
    order = [c for c in doc.walk()]
    start, end = 0, len(order) - 1
    if from_clause or to_clause:
        by_ref = {}
        for i, c in enumerate(order):
            by_ref.setdefault(c.key, i)
            if c.number:
                by_ref.setdefault(c.number, i)
        for ref in (from_clause, to_clause):
            if ref and ref not in by_ref:
                raise Unprocessable(f"No clause '{ref}' in version {v.number} (give a number such as 2.1 or a key).")
        start = by_ref[from_clause] if from_clause else 0
        end = by_ref[to_clause] if to_clause else len(order) - 1
        if end < start:
            raise Unprocessable("The clause range is backwards.")
        # a range ending on a section takes the whole section
        last = order[end]
        end += sum(1 for _ in last.walk()) - 1
    in_range = {c.key for c in order[start:end + 1]}
    names = {m.iso3: m.name(lang) for m in member_states(session)}
    from ..models import PROPOSAL_STATUSES

    wanted = list(statuses or DEFAULT_STATUSES)
    unknown = [x for x in wanted if x not in PROPOSAL_STATUSES]
    if unknown:
        raise Unprocessable(f"Unknown status {', '.join(unknown)}; use: {', '.join(PROPOSAL_STATUSES)}.")
    ps = proposals_repo.list_for(session, draft.id, user, status=wanted, version=v.number, limit=100_000)
    if states:
        ps = [p for p in ps if p.state_iso3 in {s.upper() for s in states}]
    sponsors = proposals_repo.cosponsors(session, [p.id for p in ps])
    by_clause: dict[str, list] = {}
    for p in ps:
        key = p.clause_key or ""
        if key and key not in in_range:
            continue
        by_clause.setdefault(key, []).append(p)
    rows = []
    general = by_clause.pop("", [])
    if general and not (from_clause or to_clause):
        rows.append({"key": "general", "number": "", "heading": "General comments", "text": "",
                     "proposals": [_proposal_row(p, "", names, sponsors) for p in general]})
    for c in order[start:end + 1]:
        if c.key in by_clause:
            rows.append({"key": c.key, "number": c.number, "heading": c.heading, "text": c.text,
                         "proposals": [_proposal_row(p, c.text, names, sponsors) for p in by_clause[c.key]]})
    subtitle = f"Proposals of Member States on version {v.number}" + (f" ({v.label})" if v.label else "")
    data = compilation_docx(rows, title=draft.title, subtitle=subtitle)
    return data, f"{_slug(draft)}-v{v.number}-compilation.docx"


def _proposal_row(p, current: str, names: dict[str, str], sponsors) -> dict:
    summary = ""
    if p.kind == "insert":
        summary = f"New clause, {p.position.replace('_', ' ') if p.position else 'after'} this one"
        ops = [{"op": "insert", "text": p.proposed_text}]
    elif p.kind == "move":
        summary = f"Move {p.position or 'after'} clause {p.anchor_key}"
        ops = None
    elif p.kind == "replace":
        ops = [{"op": o.op, "text": o.text} for o in word_diff(current, p.proposed_text)]
    else:
        ops = None
    rec = {"accepted": "accept", "accepted_modified": "accept as modified", "rejected": "reject",
           "merged": f"merged into proposal {p.merged_into_id}", "noted": "note"}.get(p.status, "")
    if p.status == "accepted_modified" and p.modified_text:
        rec += f": “{p.modified_text}”"
    row = {"id": p.id, "state": names.get(p.state_iso3, p.state_iso3),
           "cosponsors": [names.get(c.state_iso3, c.state_iso3) for c in sponsors.get(p.id, [])
                          if c.status == "accepted"],
           "action": p.kind, "summary": summary, "rationale": p.rationale, "status": p.status.replace("_", " "),
           "recommendation": rec + (f" — {p.decision_reason}" if p.decision_reason else ""),
           "date": (p.submitted_at or p.created_at).isoformat()}
    if ops is not None:
        row["ops"] = ops
    return row


def _slug(draft: Draft) -> str:
    import re

    base = draft.short_title or "draft"
    return re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower() or "draft"
