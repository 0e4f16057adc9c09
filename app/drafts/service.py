"""Drafts, immutable versions, clause trees and translations: the workflow rules."""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..accounts import repository as accounts_repo
from ..accounts.permissions import TRANSLATORS, editable_draft, require_role
from ..audit.service import record
from ..core import lifecycle
from ..core.clauses import fidelity
from ..core.clauses.parse import ParseError, parse_blocks_report, parse_text_report
from ..core.clauses.render import render_text
from ..core.clauses.tree import (
    TITLE,
    Clause,
    Document,
    KeyAllocator,
    content_hash,
    number_clauses,
    numbering_warnings,
    text_hash,
)
from ..errors import Conflict, NotFound, Unprocessable
from ..exports.final_title import require_final_title
from ..models import Draft, DraftParticipant, DraftProcedure, DraftShare, Translation, User, Version, utcnow
from . import repository as repo

KNOWN_LANGS = {"en": "English", "ru": "Russian", "kk": "Kazakh"}


# --- versions ---------------------------------------------------------------------------


def document_rows(doc: Document, version_id: int) -> list[dict]:
    """The rows of ``doc``'s clauses as stored (one dict per clause, in document order), each
    clause's content hash computed once (store_version hashes the version from these rows)."""
    return [{"version_id": version_id, "key": c.key, "parent_key": parent.key if parent else None,
             "position": pos, "depth": depth, "kind": c.kind, "num_style": c.num_style,
             "num_pattern": c.num_pattern, "label": c.label or "", "heading": c.heading, "text": c.text,
             "content_hash": content_hash(c.kind, c.heading, c.text)}
            for pos, (c, parent, depth) in enumerate(doc.walk_with_parent())]


def rows_hash(rows: list[dict]) -> str:
    """The version hash (app.core.clauses.tree.version_hash) from :func:`document_rows`' rows,
    without hashing every clause's content a second time."""
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps([r["key"], r["parent_key"], r["depth"], r["num_style"], r["num_pattern"], r["label"],
                             r["content_hash"]], ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def store_version(session: Session, draft: Draft, doc: Document, *, label: str, user: User | None,
                  base_number: int | None = None, number: int | None = None, label_code: str = "",
                  label_params: dict | None = None) -> Version:
    """Insert a new immutable version (flush only). Keys in ``doc`` must come from the draft's allocator.

    ``label`` is what a person typed; a label Concord writes is ``label_code`` with its params
    (app/core/clauses/messages.py STORED_TEXTS), stored with its English text as ``label``.

    The clauses go in with one multi-row INSERT (``session.execute(insert(ClauseRow), rows)``)."""
    from ..limits import check_document

    check_document(doc)  # 413 past the configured size of a draft
    number_clauses(doc, draft.numbering_policy or "bis")
    rows = document_rows(doc, 0)
    number = number or repo.max_version_number(session, draft.id) + 1
    if label_code:
        from ..core.clauses.messages import stored_text

        label = stored_text(label_code, label_params)[:300]
    v = Version(draft_id=draft.id, number=number, label=label, label_code=label_code, label_params=label_params,
                hash=rows_hash(rows), clause_count=len(rows),
                base_number=base_number, created_by_id=user.id if user else None, created_at=utcnow())
    session.add(v)
    session.flush()
    max_seq = 0
    for r in rows:
        r["version_id"] = v.id
        max_seq = max(max_seq, KeyAllocator.seq_of(r["key"]))
    repo.insert_clauses(session, rows)
    if max_seq >= draft.next_key_seq:
        draft.next_key_seq = max_seq + 1
    draft.updated_at = utcnow()
    session.flush()
    return v


def load_document(session: Session, version: Version) -> Document:
    nodes: dict[str, Clause] = {}
    roots: list[Clause] = []
    for key, parent_key, kind, num_style, num_pattern, lab, heading, text, _h in repo.clause_rows(session, version.id):
        c = Clause(key=key, kind=kind, text=text, heading=heading, num_style=num_style, num_pattern=num_pattern,
                   label=lab)
        nodes[key] = c
        (nodes[parent_key].children if parent_key else roots).append(c)
    return number_clauses(Document(roots))


def get_version(session: Session, draft: Draft, number: int) -> Version:
    v = repo.version(session, draft.id, number)
    if v is None:
        raise NotFound(code="version_not_found", id=draft.id, number=number)
    return v


# --- languages and translations -----------------------------------------------------------


def check_lang(draft: Draft, lang: str | None) -> str:
    lang = (lang or draft.authentic_lang).strip().lower()
    if lang not in draft.languages:
        known = ", ".join(draft.languages)
        raise Unprocessable(code="draft_lang_unknown", lang=lang, known=known)
    return lang


@dataclass
class LangView:
    """A version's text in one language: per clause (heading, text, status)."""

    lang: str
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)  # current | stale | missing | source

    @property
    def missing(self) -> list[str]:
        return [k for k, s in self.status.items() if s == "missing"]

    @property
    def stale(self) -> list[str]:
        return [k for k, s in self.status.items() if s == "stale"]


def language_view(session: Session, draft: Draft, doc: Document, lang: str) -> LangView:
    view = LangView(lang=lang)
    if lang == draft.authentic_lang:
        for c in doc.walk():
            view.texts[c.key] = (c.heading, c.text)
            view.status[c.key] = "source"
        return view
    by_key: dict[str, list[Translation]] = {}
    keys = [c.key for c in doc.walk()]
    for t in repo.translations(session, draft.id, lang, keys):
        by_key.setdefault(t.clause_key, []).append(t)
    for c in doc.walk():
        if not (c.heading or c.text):
            view.texts[c.key] = ("", "")
            view.status[c.key] = "current"
            continue
        rows = by_key.get(c.key, [])
        src = text_hash(c.heading, c.text)
        current = [t for t in rows if t.source_hash == src]
        if current:
            t = current[-1]
            view.texts[c.key] = (t.heading, t.text)
            view.status[c.key] = "current"
        elif rows:
            t = rows[-1]
            view.texts[c.key] = (t.heading, t.text)
            view.status[c.key] = "stale"
        else:
            view.texts[c.key] = (c.heading, c.text)
            view.status[c.key] = "missing"
    return view


def set_translation(session: Session, user: User, draft: Draft, version: Version, key: str, lang: str,
                    heading: str, text: str) -> tuple[Translation, str]:
    require_role(user, TRANSLATORS, "translate clauses")
    lang = check_lang(draft, lang)
    if lang == draft.authentic_lang:
        raise Unprocessable(code="authentic_not_translation", lang=lang)
    doc = load_document(session, version)
    clause = doc.find(key)
    if clause is None:
        raise NotFound(code="version_clause_unknown", number=version.number, key=key)
    if clause.text and not text.strip():
        raise Unprocessable(code="translation_empty")
    if clause.heading and not heading.strip():
        raise Unprocessable(code="translation_heading_needed")
    t = Translation(draft_id=draft.id, clause_key=key, lang=lang, heading=heading.strip(), text=text.strip(),
                    source_hash=text_hash(clause.heading, clause.text), created_by_id=user.id, created_at=utcnow())
    session.add(t)
    session.flush()
    record(session, user, "translation.set", "clause", f"{draft.id}:{key}",
           {"lang": lang, "version": version.number})
    return t, "current"


# --- trees and text for readers -------------------------------------------------------------


def tree_json(doc: Document, view: LangView) -> list[dict]:
    def node(c: Clause) -> dict:
        heading, text = view.texts.get(c.key, (c.heading, c.text))
        out = {"key": c.key, "kind": c.kind, "number": c.number, "label": c.label or "", "heading": heading,
               "text": text,
               "children": [node(ch) for ch in c.children]}
        if view.status.get(c.key) not in (None, "source"):
            out["translation"] = view.status[c.key]
        return out

    return [node(c) for c in doc.clauses]


def text_in_lang(doc: Document, view: LangView) -> str:
    if view.status and all(s == "source" for s in view.status.values()):
        return render_text(doc)
    translated = doc.copy()
    for c in translated.walk():
        heading, text = view.texts.get(c.key, (c.heading, c.text))
        if view.status.get(c.key) == "missing":
            text = f"[translation missing] {text}" if text else text
        c.heading, c.text = heading, text
    return render_text(translated)


# --- drafts -------------------------------------------------------------------------------


def _title_from(doc: Document) -> str:
    for c in doc.clauses:
        if c.kind == TITLE and c.text:
            return " ".join(line.strip() for line in c.text.splitlines() if line.strip())[:500]
    return ""


def read_import(*, text: str | None = None, blocks: list[str] | None = None, new_key=None) -> tuple[Document, dict]:
    """Parse an agreement and check that the stored text would say every word of the source.

    Returns the tree and the import report (``warnings``: numbering irregularities, kept as
    written; ``dropped``/``repairs``: what the parser removed on purpose, with reasons and source
    lines; ``fidelity``). A difference in words the parser cannot explain is a 422: an error, not
    a draft."""
    try:
        if blocks is not None:
            doc, parsed = parse_blocks_report(blocks, new_key)
        else:
            doc, parsed = parse_text_report(text or "", new_key)
    except ParseError as exc:
        raise Unprocessable(code=exc.code, **exc.params) from exc
    fid = fidelity.check(doc, parsed)
    if not fid.ok:
        raise Unprocessable(code="import_unexplained", summary=fid.summary())
    report = {"warnings": [w.as_dict() for w in numbering_warnings(doc)], "dropped": fid.dropped,
              "repairs": fid.repairs,
              "fidelity": {"source_words": fid.source_words, "stored_words": fid.stored_words, "ok": True}}
    return doc, report


def import_preview(user: User, *, text: str | None = None, blocks: list[str] | None = None,
                   source_name: str = "") -> dict:
    """What an import would store, and its report; nothing is stored (``dry_run``)."""
    require_role(user, ("admin", "secretariat"), "import drafts")
    doc, report = read_import(text=text, blocks=blocks, new_key=KeyAllocator())
    view = LangView(lang="en", texts={c.key: (c.heading, c.text) for c in doc.walk()},
                    status={c.key: "source" for c in doc.walk()})
    kinds: dict[str, int] = {}
    for c in doc.walk():
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    return {"dry_run": True, "source": source_name, "title": _title_from(doc), "clause_count": len(doc),
            "kinds": kinds, "clauses": tree_json(doc, view), "text": render_text(doc), **report}


_IMPORT_REPORTS: weakref.WeakKeyDictionary[Draft, dict] = weakref.WeakKeyDictionary()


def import_report(draft: Draft) -> dict | None:
    """The import report of a draft created in this request (what the numbering and the reader found)."""
    return _IMPORT_REPORTS.get(draft)


def create_draft(session: Session, user: User, *, text: str | None = None, blocks: list[str] | None = None,
                 title: str = "", short_title: str = "", authentic_lang: str = "en",
                 working_langs: list[str] | None = None, participants: list[str] | None = None,
                 source_name: str = "", label: str = "") -> tuple[Draft, Version]:
    """A new draft and its version 1, labelled ``label`` or, by default, "Initial text" (in the reader's language)."""
    require_role(user, ("admin", "secretariat"), "create drafts")
    langs = [authentic_lang] + list(working_langs if working_langs is not None else ["ru", "kk"])
    for lang in langs:
        if lang not in KNOWN_LANGS:
            raise Unprocessable(code="lang_unknown_known", lang=lang, known=", ".join(KNOWN_LANGS))
    allocate = KeyAllocator()
    doc, report = read_import(text=text, blocks=blocks, new_key=allocate)
    states = participants
    if states is None:
        states = [s.iso3 for s in accounts_repo.member_states(session)]
    for iso3 in states:
        if accounts_repo.member_state(session, iso3) is None:
            raise Unprocessable(code="state_unknown", state=iso3)
    draft = Draft(title=(title or _title_from(doc) or source_name or "Untitled draft")[:500],
                  short_title=short_title[:200], authentic_lang=authentic_lang,
                  working_langs=[lang for lang in langs[1:] if lang != authentic_lang],
                  status="drafting", next_key_seq=allocate.next_seq, source_name=source_name[:300],
                  created_by_id=user.id, created_at=utcnow(), updated_at=utcnow())
    session.add(draft)
    session.flush()
    for iso3 in sorted({s.upper() for s in states}):
        session.add(DraftParticipant(draft_id=draft.id, state_iso3=iso3))
    version = store_version(session, draft, doc, label=label, user=user, number=1,
                            label_code="" if label else "version_initial")
    _IMPORT_REPORTS[draft] = report  # not stored: the edge shows it once
    record(session, user, "draft.create", "draft", draft.id,
           {"title": draft.title, "source": source_name, "version": 1, "clauses": version.clause_count,
            "hash": version.hash})
    return draft, version


def etag(draft: Draft) -> str:
    return f'W/"draft-{draft.id}-{draft.row_version}"'


def check_if_match(draft: Draft, if_match: str | None) -> None:
    from ..preconditions import check_if_match as check

    check(etag(draft), if_match, what=f"draft {draft.id}")


def update_draft(session: Session, user: User, draft_id: int, changes: dict, if_match: str | None) -> Draft:
    draft = editable_draft(session, user, draft_id)
    check_if_match(draft, if_match)
    before = {k: getattr(draft, k) for k in changes if hasattr(draft, k)}
    if "working_langs" in changes:
        for lang in changes["working_langs"]:
            if lang not in KNOWN_LANGS:
                raise Unprocessable(code="lang_unknown", lang=lang)
        changes["working_langs"] = [lang for lang in changes["working_langs"] if lang != draft.authentic_lang]
    participants = changes.pop("participants", None)
    for k, v in changes.items():
        setattr(draft, k, v)
    if participants is not None:
        for iso3 in participants:
            if accounts_repo.member_state(session, iso3) is None:
                raise Unprocessable(code="state_unknown", state=iso3)
        current = set(repo.participants(session, draft.id))
        wanted = {p.upper() for p in participants}
        for iso3 in wanted - current:
            session.add(DraftParticipant(draft_id=draft.id, state_iso3=iso3))
        for iso3 in current - wanted:
            session.delete(session.get(DraftParticipant, (draft.id, iso3)))
        draft.updated_at = utcnow()
    session.flush()
    record(session, user, "draft.update", "draft", draft.id,
           {"changed": {k: [str(before.get(k)), str(v)] for k, v in changes.items()},
            **({"participants": sorted(participants)} if participants is not None else {})})
    return draft


def share_draft(session: Session, user: User, draft_id: int, observer_id: int) -> None:
    draft = editable_draft(session, user, draft_id)
    observer = session.get(User, observer_id)
    if observer is None or observer.role != "observer":
        raise Unprocessable(code="share_observers_only")
    if session.get(DraftShare, (draft.id, observer.id)) is None:
        session.add(DraftShare(draft_id=draft.id, user_id=observer.id))
        session.flush()
        record(session, user, "draft.share", "draft", draft.id, {"observer": observer.email})



# --- lifecycle ------------------------------------------------------------------------------

LOCKED = lifecycle.LOCKED  # approved, final, signed, in_force: no window, no consolidation


def procedure_of(session: Session, draft_id: int) -> lifecycle.Procedure:
    """The draft's approval steps (app.core.lifecycle); the default when none were configured."""
    row = repo.procedure(session, draft_id)
    return lifecycle.Procedure.from_dicts(row.steps if row is not None else None)


def transition_refusal(session: Session, exc: lifecycle.TransitionRefused) -> Conflict:
    """The lifecycle's refusal as a coded 409: statuses and steps are translated when rendered, and the
    body that takes the missing step is named in the reader's language (its name forms)."""
    from ..errors import Localized
    from ..notes import repository as notes_repo

    params = dict(exc.params)
    message = None
    if exc.body:
        entity = notes_repo.entity(session, exc.body)
        forms = entity.forms if entity is not None else {}
        params["body"] = Localized({lang: (forms.get(lang) or {}).get("nominative") or exc.body
                                    for lang in ("en", "ru", "kk")})
        message = "transition_missing_step_by"
    return Conflict(code=exc.code, message=message, **params,
                    extra={"status": exc.current, "to": exc.to, "missing_step": exc.missing,
                           "next_steps": list(exc.allowed)})


def move(session: Session, actor: User | None, draft: Draft, to: str, *, note: str = "",
         meeting_id: int | None = None, details: dict | None = None) -> Draft:
    """Move ``draft`` to ``to`` if its lifecycle allows it (409 naming the missing step otherwise).

    ``actor`` None is the system (a deadline acting by itself). Approval records the locked
    text's hash. Flush only; one audit event with the meeting it came from.
    """
    if to not in lifecycle.STATUSES:
        raise Unprocessable(code="unknown_status", status=to, known=", ".join(lifecycle.STATUSES))
    require_final_title(session, draft, to)
    try:
        lifecycle.check(procedure_of(session, draft.id), draft.status, to)
    except lifecycle.TransitionRefused as exc:
        raise transition_refusal(session, exc) from None
    before = draft.status
    draft.status = to
    draft.updated_at = utcnow()
    session.flush()
    latest = repo.latest_version(session, draft.id)
    if to == "approved" and latest is not None:
        _record_approval(session, draft, latest)
    record(session, actor, "draft.status", "draft", draft.id,
           {"from": before, "to": to, "note": note, "version": latest.number if latest else None,
            "meeting_id": meeting_id, **(details or {}),
            **({"hash": latest.hash} if to in ("approved", "final") and latest else {})})
    return draft


def _record_approval(session: Session, draft: Draft, latest: Version) -> None:
    """Approval locks the text: keep the version and hash that were approved (app.models.DraftProcedure)."""
    row = repo.procedure(session, draft.id)
    if row is None:
        row = DraftProcedure(draft_id=draft.id, steps=lifecycle.Procedure().to_dicts(), parties=[])
        session.add(row)
    row.approved_version, row.approved_hash, row.updated_at = latest.number, latest.hash, utcnow()
    session.flush()


def transition(session: Session, user: User, draft_id: int, to: str, note: str = "") -> Draft:
    """Move a draft along its lifecycle (secretariat); ``approved`` and ``final`` lock the text."""
    draft = editable_draft(session, user, draft_id)
    return move(session, user, draft, to, note=note)


def require_unlocked(draft: Draft) -> None:
    if draft.status in LOCKED:
        raise Conflict(code="text_locked", status=draft.status)


# --- reads: what the pages show (they call the service, never the repository) ----------------------


def latest_version(session: Session, draft_id: int) -> Version | None:
    return repo.latest_version(session, draft_id)


def current_version(session: Session, draft_id: int) -> Version:
    """The draft's latest version, which every draft has (version 1 from its creation)."""
    return repo.current_version(session, draft_id)


def existing_version(session: Session, draft_id: int, number: int) -> Version:
    """Version ``number`` of a draft, known to exist (named by an agenda item, a procedure)."""
    return repo.existing_version(session, draft_id, number)


def versions(session: Session, draft_id: int) -> list[Version]:
    """The versions of a draft, oldest first."""
    return repo.versions(session, draft_id)


def version(session: Session, draft_id: int, number: int) -> Version | None:
    """Version ``number`` of a draft, or None (:func:`get_version` is the 404 for a reader's request)."""
    return repo.version(session, draft_id, number)


def drafts_for(session: Session, user: User) -> list[Draft]:
    """The drafts ``user`` may read."""
    return repo.list_drafts_for(session, user)


def participants(session: Session, draft_id: int) -> list[str]:
    """The member states taking part in a draft (ISO3)."""
    return repo.participants(session, draft_id)


def translations(session: Session, draft_id: int, lang: str, keys: list[str] | None = None) -> list[Translation]:
    return repo.translations(session, draft_id, lang, keys)
