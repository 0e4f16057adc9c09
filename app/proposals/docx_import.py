"""A Word document with tracked changes → draft proposals of the delegate's state (the service).

``POST /api/v1/drafts/{id}/proposals/import`` (multipart ``file``). A delegate edits the
current version in Word or LibreOffice with Track Changes on (Concord's own signature.docx
export, the one-language copy for editing, or the delegation's own copy of the text) and
uploads it; every tracked change of theirs becomes a *draft* proposal of their state
(``source="docx"``), for them to review before submitting.

The planning is the core's, in named stages (:mod:`app.core.word.plan`: read revisions →
attribute → align → classify → plan; pure, each tested on its own). This module is the service
around it:

- :func:`read` — the core's safety checks as HTTP refusals (415, 413);
- :func:`attribution` — who is who (member states and the secretariat in every language, from
  the database) for the core's attribution stage;
- :func:`plan` — the core's plan as :class:`~app.proposals.service.NewProposal` objects;
- :func:`import_docx` — permissions, the proposal window, a translated copy recognised,
  validation against the version, a second upload of the same changes answered with the first
  upload's proposals, and storage through :func:`app.proposals.service.create_proposal`, all in
  the request's transaction (all or nothing).

Reported, not guessed (``skipped``): a change whose rejected text does not match the clause's
current text (an older version, or a copy matched only approximately), a change only to a
typed number label (numbers are computed), changed paragraphs that match no clause or span
several, split and joined paragraphs, paragraphs added inside the signature table, a clause
deleted without its sub-clauses, resolved comments, and anything the version refuses
(:func:`app.proposals.service.validate_against`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..accounts.permissions import visible_draft
from ..audit.service import record
from ..config import get_settings
from ..core.clauses import edit
from ..core.clauses.tree import Document
from ..core.i18n import LANGUAGES
from ..core.word import plan as core_plan
from ..core.word.attribute import REASON_CONCORD, REASON_OTHER_STATE, Authors, Excluded
from ..core.word.labels import Labels
from ..core.word.plan.align import MIN_COVERAGE, base_lines
from ..core.word.plan.attribute import own_changes
from ..core.word.plan.classify import Skip
from ..core.word.plan.revisions import has_tracked_changes
from ..core.word.plan.text import loose, norm, split_label
from ..core.word.safety import DocumentTooLarge, UnsupportedDocument
from ..core.word.tracked import ParagraphRevision, read_revisions
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import MESSAGES, AppError, Forbidden, TooLarge, Unprocessable, UnsupportedMedia
from ..models import Draft, Proposal, User
from . import repository as repo
from . import service

NO_TRACKED_CHANGES = MESSAGES["docx_no_tracked_changes"]


@dataclass
class Planned:
    """A proposal to create, and the paragraph it comes from (1-based)."""

    paragraph: int
    proposal: service.NewProposal


@dataclass
class Plan:
    planned: list[Planned]
    skipped: list[Skip]
    coverage: float = 1.0  # share of the document's lines found in the version
    lines: int = 0  # non-empty lines of the document before the changes

    @property
    def unrelated(self) -> bool:
        """The document is not a copy of the version (nothing was planned)."""
        return self.coverage < MIN_COVERAGE


def to_proposal(change: core_plan.Change, version: int) -> service.NewProposal:
    return service.NewProposal(kind=change.kind, clause_key=change.clause_key, proposed_text=change.proposed_text,
                               proposed_heading=change.proposed_heading, proposed_label=change.proposed_label,
                               position=change.position, anchor_key=change.anchor_key, rationale=change.rationale,
                               base_version=version, source="docx")


def plan(revs: list[ParagraphRevision], doc: Document, *, version: int) -> Plan:
    """The core's plan (:func:`app.core.word.plan.plan`) of ``revs`` against ``doc`` (version
    ``version``), as proposals of this service. Pure."""
    result = core_plan.plan(revs, doc, version=version)
    return Plan([Planned(x.paragraph, to_proposal(x.change, version)) for x in result.planned],
                result.skipped, result.coverage, result.lines)


@contextmanager
def _refusals() -> Iterator[None]:
    """The Word core's refusals as HTTP errors (415 not a .docx / macros / template / zip bomb,
    413 too large)."""
    try:
        yield
    except DocumentTooLarge as exc:
        raise TooLarge(str(exc)) from exc
    except UnsupportedDocument as exc:
        raise UnsupportedMedia(str(exc)) from exc


def read(data: bytes) -> list[ParagraphRevision]:
    """The paragraphs and their tracked changes; unacceptable files are refused with the Word
    core's message (415, 413)."""
    with _refusals():
        return read_revisions(data, max_bytes=get_settings().max_upload_bytes)


@dataclass
class ImportResult:
    version: int
    created: list[tuple[Proposal, int]]  # (proposal, 1-based paragraph)
    skipped: list[Skip]
    excluded: list[Excluded] = field(default_factory=list)  # other people's changes, left out
    already: list[tuple[Proposal, int]] = field(default_factory=list)  # made by an earlier upload
    lang: str | None = None  # the document's language when it is a translation (a one-language copy)

    @property
    def duplicate(self) -> bool:
        """The same changes were uploaded before: nothing new was stored."""
        return not self.created and bool(self.already)


def excluded_json(e: Excluded) -> dict:
    who = e.author or "?"
    what = "comment" if e.what == "comment" else "tracked change"
    if e.reason == REASON_CONCORD:
        why = f"A {what} by “{who}” was written by Concord (the secretariat), not by your delegation."
    elif e.reason == REASON_OTHER_STATE:
        why = (f"A {what} by “{who}” is another member state's ({e.state}); it is not made into a proposal "
               "of your state.")
    else:
        why = f"A {what} by “{who}” is already in the version (Concord's redline of an accepted proposal)."
    return {**e.json(), "detail": why}


def attribution(session: Session, user: User, doc: Document) -> tuple[Authors, set[str]]:
    """The attribution stage's inputs: who is who (member-state and secretariat names in every
    language) and the version's lines (to tell a change already in it)."""
    from ..accounts.repository import member_states

    states = {m.iso3: [m.name(lang) for lang in LANGUAGES] for m in member_states(session)}
    secretariat = {Labels(lang).secretariat for lang in LANGUAGES} | {"Secretariat"}
    return Authors(states, secretariat, user.state_iso3 or ""), base_lines(doc)


def attribute(data: bytes, revs: list[ParagraphRevision], authors: Authors, base: set[str]
              ) -> tuple[list[ParagraphRevision], list[Excluded]]:
    """The uploader's own changes only (:func:`app.core.word.plan.attribute.own_changes`)."""
    with _refusals():
        found = own_changes(data, revs, authors, base, max_bytes=get_settings().max_upload_bytes)
    return found.revisions, found.excluded


def _translated_copy(session: Session, draft: Draft, doc: Document, revs: list[ParagraphRevision],
                     version: int) -> tuple[str, Plan] | None:
    """(language, plan) when the document is a copy of the version's text in a working
    language (the one-language copy for editing, ``export/edit.docx?lang=ru``)."""
    for lang in draft.languages:
        if lang == draft.authentic_lang:
            continue
        view = drafts.language_view(session, draft, doc, lang)
        translated = doc.copy()
        for c in translated.walk():
            c.heading, c.text = view.texts.get(c.key, (c.heading, c.text))
        result = plan(revs, translated, version=version)
        if not result.unrelated:
            return lang, result
    return None


def in_language(np: service.NewProposal, lang: str) -> service.NewProposal:
    """A proposal planned on the text in ``lang`` (not the authentic language). Deletions,
    moves and comments are the same in any language; new wording is recorded in its language
    (``translations``) as a comment on the clause for the secretariat, who sees it beside the
    authentic text it would change (the proposal's quoted text) and words it in the authentic
    language when deciding: a text in Russian never becomes the English text by itself."""
    from ..core.i18n import LANGUAGE_NAMES

    if np.kind not in (edit.REPLACE, edit.INSERT):
        return np
    name = LANGUAGE_NAMES.get(lang, lang)
    words = "\n".join(x for x in ((np.proposed_heading or "").strip(), np.proposed_text.strip()) if x)
    if np.kind == edit.REPLACE:
        note = f"Proposed wording in {name}: “{words}”"
    else:
        note = f"A new clause proposed in {name} ({(np.position or 'after').replace('_', ' ')} this clause): “{words}”"
    return service.NewProposal(kind=edit.COMMENT, clause_key=np.clause_key,
                               rationale="\n\n".join(x for x in (note, np.rationale) if x),
                               translations={lang: words}, base_version=np.base_version, source="docx")


def _same(p: Proposal, np: service.NewProposal) -> bool:
    return (p.kind == np.kind and (p.clause_key or None) == (np.clause_key or None)
            and (p.position or None) == (np.position or None) and (p.anchor_key or None) == (np.anchor_key or None)
            and norm(p.proposed_text or "") == norm(np.proposed_text or "")
            and norm(p.proposed_heading or "") == norm(np.proposed_heading or "")
            and (np.kind != "comment" or norm(p.rationale) == norm(np.rationale or "")))


def authorize(session: Session, user: User, draft_id: int) -> Draft:
    """Only a delegate (403) of a state taking part in the draft (404 otherwise), while the
    current version is open for proposals (409)."""
    if user.role != "delegate" or not user.state_iso3:
        raise Forbidden(code="delegates_import_only")
    draft = visible_draft(session, user, draft_id)
    latest = drafts_repo.max_version_number(session, draft.id)
    service.require_window(repo.latest_window(session, draft.id), latest)
    return draft


def import_docx(session: Session, user: User, draft: Draft, data: bytes, *, filename: str = "") -> ImportResult:
    """Stages 1-5 for an authorised delegate (:func:`authorize`). Flushes only; the request
    commits. Any refusal leaves nothing stored."""
    revs = read(data)
    if not has_tracked_changes(revs):
        raise Unprocessable(code="docx_no_tracked_changes")
    version = drafts_repo.latest_version(session, draft.id)
    doc = drafts.load_document(session, version)
    authors, base_lines = attribution(session, user, doc)
    revs, excluded = attribute(data, revs, authors, base_lines)
    if not has_tracked_changes(revs):
        raise Unprocessable(code="docx_all_others", extra=[excluded_json(e) for e in excluded])
    result = plan(revs, doc, version=version.number)
    lang = None
    if result.unrelated:
        found = _translated_copy(session, draft, doc, revs, version.number)
        if found is not None:
            lang, result = found
    if result.unrelated:
        raise Unprocessable(code="docx_unrelated", version=version.number, coverage=round(result.coverage * 100))
    skipped = list(result.skipped)
    if lang is not None:
        for item in result.planned:
            item.proposal = in_language(item.proposal, lang)
    ready: list[Planned] = []
    for item in result.planned:
        try:
            service.validate_against(doc, item.proposal)
        except AppError as exc:
            key = item.proposal.clause_key
            skipped.append(Skip(item.paragraph, exc.detail, key))
            continue
        ready.append(item)
    skipped.sort(key=lambda s: s.paragraph)
    if not ready:
        raise Unprocessable(code="docx_nothing_made", extra=[s.json() for s in skipped])
    # the same changes uploaded again: answer with the proposals the first upload made
    earlier = [p for p in repo.list_for(session, draft.id, user, state=user.state_iso3, version=version.number,
                                        limit=100_000)
               if p.source == "docx" and p.status != "withdrawn"]
    already: list[tuple[Proposal, int]] = []
    fresh: list[Planned] = []
    for item in ready:
        match = next((p for p in earlier if _same(p, item.proposal)), None)
        if match is not None:
            earlier.remove(match)
            already.append((match, item.paragraph))
        else:
            fresh.append(item)
    if not fresh:
        return ImportResult(version.number, [], skipped, excluded, already, lang)
    created = [(service.create_proposal(session, user, draft.id, item.proposal, doc=doc), item.paragraph)
               for item in fresh]
    kinds: dict[str, int] = {}
    for p, _no in created:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    record(session, user, "proposal.import", "draft", draft.id,
           {"version": version.number, "state": user.state_iso3, "file": filename[:200], "created": len(created),
            "kinds": kinds, "skipped": len(skipped), "proposals": [p.id for p, _ in created],
            "excluded": len(excluded), "already": [p.id for p, _ in already]})
    return ImportResult(version.number, created, skipped, excluded, already, lang)


__all__ = ["NO_TRACKED_CHANGES", "ImportResult", "Plan", "Planned", "Skip", "authorize", "has_tracked_changes",
           "import_docx", "loose", "norm", "plan", "read", "split_label"]
