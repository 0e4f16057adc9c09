"""Comparisons of versions (and of a version with proposals applied), with provenance."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..accounts.permissions import visible_draft
from ..core.clauses.tree import Document
from ..core.compare.compare import MATCH_MODES, compare
from ..core.compare.model import Comparison
from ..core.word.labels import Labels
from ..core.word.naming import header_title
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import Unprocessable
from ..models import Draft, Proposal, User, Version
from ..proposals import repository as proposals_repo
from ..proposals import service as proposals


@dataclass
class Compared:
    draft: Draft
    comparison: Comparison
    old_doc: Document
    new_doc: Document
    title: str
    to_n: int | str = ""  # the version shown (for the download's name)
    span: str = ""  # e.g. "v1-v2", "v1-proposals-12-15"


def _texts(session: Session, draft: Draft, doc: Document, lang: str) -> dict[str, tuple[str, str]] | None:
    if lang == draft.authentic_lang:
        return None
    return drafts.language_view(session, draft, doc, lang).texts


def _view(session: Session, draft: Draft, doc: Document, lang: str):
    """(texts, translation status) of a version in ``lang``; (None, None) in the authentic language."""
    if lang == draft.authentic_lang:
        return None, None
    view = drafts.language_view(session, draft, doc, lang)
    return view.texts, view.status


def provenance(session: Session, draft: Draft, from_n: int, to_n: int, lang: str = "en") -> dict[str, list[dict]]:
    """key -> who changed it between the two versions (accepted proposals or the secretariat)."""
    out: dict[str, list[dict]] = {}
    states = {}
    secretariat = Labels(lang).secretariat
    for v in drafts_repo.versions(session, draft.id):
        if not (from_n < v.number <= to_n):
            continue
        for ch in proposals_repo.version_changes(session, v.id):
            p = session.get(Proposal, ch.proposal_id) if ch.proposal_id else None
            if ch.state_iso3 and ch.state_iso3 not in states:
                from ..accounts.repository import member_state

                ms = member_state(session, ch.state_iso3)
                states[ch.state_iso3] = ms.name(lang) if ms else ch.state_iso3
            out.setdefault(ch.clause_key, []).append({
                "proposal_id": ch.proposal_id, "state": ch.state_iso3,
                "author": states.get(ch.state_iso3, secretariat) if ch.state_iso3 else _party(ch) or secretariat,
                "date": ch.decided_at.isoformat() if ch.decided_at else None,
                "rationale": p.rationale if p else "", "change": ch.change, "version": v.number,
                "decision": p.status if p else "editorial",
            })
    return out


def _party(ch) -> str:
    """A revised text attributed to a party of the agreement (not a member state): its name."""
    who = (ch.details or {}).get("attributed_to") or {}
    return str(who.get("name") or "") if isinstance(who, dict) and who.get("kind") == "party" else ""


def compare_versions(session: Session, user: User, draft_id: int, from_n: int, to_n: int, *, lang: str | None,
                     match: str = "auto", to_draft_id: int | None = None) -> Compared:
    if match not in MATCH_MODES:
        raise Unprocessable(code="match_mode_unknown", modes=", ".join(MATCH_MODES))
    draft = visible_draft(session, user, draft_id)
    lang = drafts.check_lang(draft, lang)
    other = visible_draft(session, user, to_draft_id) if to_draft_id else draft
    if other is not draft:
        drafts.check_lang(other, lang)
    v_old = drafts.get_version(session, draft, from_n)
    v_new = drafts.get_version(session, other, to_n)
    old_doc, new_doc = drafts.load_document(session, v_old), drafts.load_document(session, v_new)
    texts_new, status_new = _view(session, other, new_doc, lang)
    cmp = compare(old_doc, new_doc, lang=lang, texts_old=_texts(session, draft, old_doc, lang),
                  texts_new=texts_new, match=match, translation_status=status_new,
                  source_lang=draft.authentic_lang,
                  from_label=_label(draft, v_old, lang), to_label=_label(other, v_new, lang))
    if other is draft and to_n > from_n:
        prov = provenance(session, draft, from_n, to_n, lang)
        for c in cmp.clauses:
            c.provenance = prov.get(c.new_key or c.old_key or "", [])
    return Compared(draft, cmp, old_doc, new_doc, header_title(draft.title, draft.short_title), to_n,
                    f"from-v{from_n}" if other is draft else f"v{from_n}-draft-{other.id}-v{to_n}")


def _label(draft: Draft, v: Version, lang: str = "en") -> str:
    return Labels(lang).version(v.number, v.label or "")


def preview_proposals(session: Session, user: User, draft_id: int, version_n: int, proposal_ids: list[int], *,
                      lang: str | None) -> Compared:
    """A version beside the same version with the chosen proposals applied (nothing stored)."""
    draft = visible_draft(session, user, draft_id)
    lang = drafts.check_lang(draft, lang)
    v = drafts.get_version(session, draft, version_n)
    chosen = []
    for pid in proposal_ids:
        p = proposals.get_visible(session, user, pid)
        if p.draft_id != draft.id:
            raise Unprocessable(code="preview_other_draft", id=pid)
        if p.current_version != v.number:
            raise Unprocessable(code="preview_other_version", id=pid, version=p.current_version, number=v.number)
        chosen.append(p)
    old_doc = drafts.load_document(session, v)
    new_doc = proposals.preview(session, user, draft, v, chosen)
    texts_old = _texts(session, draft, old_doc, lang)
    texts_new = None
    if texts_old is not None:
        texts_new = dict(texts_old)
        for p in chosen:  # a proposal may carry its own translation
            key = p.new_key or p.clause_key
            if p.translations.get(lang) and key:
                texts_new[key] = ("", p.translations[lang])
    cmp = compare(old_doc, new_doc, lang=lang, texts_old=texts_old, texts_new=texts_new, match="key",
                  source_lang=draft.authentic_lang, from_label=_label(draft, v, lang), to_label="with proposal(s) " + ", ".join(str(p.id) for p in chosen))
    by_key: dict[str, list[dict]] = {}
    for p in chosen:
        by_key.setdefault(p.clause_key or "", []).append(
            {"proposal_id": p.id, "state": p.state_iso3, "author": p.state_iso3, "rationale": p.rationale,
             "date": (p.decided_at or p.submitted_at or p.created_at).isoformat(), "decision": p.status})
    for c in cmp.clauses:
        c.provenance = by_key.get(c.new_key or c.old_key or "", [])
    return Compared(draft, cmp, old_doc, new_doc, header_title(draft.title, draft.short_title), v.number,
                    "proposals-" + "-".join(str(p.id) for p in chosen))
