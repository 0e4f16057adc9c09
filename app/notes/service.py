"""The note register and the name forms: the workflow rules over the pure core (app.core.notes).

A note is entered as facts with names by entity key; the service checks them (numbers,
entities and their kinds, the draft and version, references, dates), lets the core check
that they make a note of their kind, and stores them. A draft note can be changed (If-Match)
until it is issued; issuing checks that every name form the three language versions need is
there, then freezes the note together with a copy of the name forms it was written with.

Services only flush; the request (or CLI command) commits. Every change writes an audit
event in the same transaction.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..accounts.permissions import SECRETARIAT, TRANSLATORS, require_role
from ..audit.service import record
from ..core.i18n import LANGUAGES, UnsupportedLanguage, check_language
from ..core.notes import (
    FORMS,
    KIND_RULES,
    Entity,
    MissingForm,
    NoteError,
    NoteFacts,
    RegisterError,
    RenderedNote,
    entities_from_dict,
    entities_to_dict,
    missing_forms,
    next_number,
    note_docx,
    note_text,
    parse_number,
    render_note,
)
from ..core.notes.data import ENTITIES
from ..core.notes.register import check_series
from ..drafts import repository as drafts_repo
from ..errors import Conflict, NotFound, PreconditionFailed, Unprocessable
from ..errors.more_messages import term_params
from ..models import ENTITY_KINDS, Draft, Note, NoteEntity, User, Version, utcnow
from . import repository as repo

DEFAULT_SERIES = "NCT/CT"
#: the facts kept in Note.facts (kind, number, date and place are columns; references are rows)
FACT_FIELDS = ("sender", "addressees", "title", "meetings", "enclosure_pages", "deadline", "agenda",
               "enclosure_style")
#: which kinds of entity each place in the facts takes
SLOT_KINDS: dict[str, tuple[str, ...]] = {
    "place": ("place",),
    "sender": ("organisation",),
    "addressees": ("addressee", "organisation"),
    "title": ("title",),
    "meetings.body": ("body",),
    "meetings.place": ("place",),
    "agenda": ("agenda item",),
}
MULTILINE_FORMS = ("letterhead", "address_block")
ENTITY_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_REGISTER_LOCK = 0x0C0C0A0E  # PostgreSQL advisory lock serialising new numbers of the register


# --- name forms ---------------------------------------------------------------------------------


def entity_of(row: NoteEntity) -> Entity:
    return Entity(kind=row.kind, key=row.key, forms=copy.deepcopy(row.forms or {}))


def entity_etag(row: NoteEntity) -> str:
    return f'W/"name-forms-{row.key}-{row.row_version}"'


def list_entities(session: Session, user: User, kind: str | None = None) -> list[NoteEntity]:
    require_role(user, TRANSLATORS, "read the name forms")
    return [e for e in repo.entities(session) if kind is None or e.kind == kind]


def get_entity(session: Session, user: User, key: str) -> NoteEntity:
    require_role(user, TRANSLATORS, "read the name forms")
    row = repo.entity(session, key)
    if row is None:
        raise NotFound(code="name_forms_not_found", key=key)
    return row


def clean_forms(forms: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Check languages and form names; strip the texts and drop empty ones (an empty text removes a form)."""
    problems: list[Unprocessable] = []
    out: dict[str, dict[str, str]] = {}
    for lang, by_form in forms.items():
        if lang not in LANGUAGES:
            problems.append(Unprocessable(code="forms_lang_unknown", lang=lang, langs=", ".join(LANGUAGES)))
            continue
        kept: dict[str, str] = {}
        for form, value in by_form.items():
            if form not in FORMS:
                problems.append(Unprocessable(code="forms_form_unknown", lang=lang, form=form, forms=", ".join(FORMS)))
                continue
            value = "\n".join(line.strip() for line in value.strip().splitlines()).strip()
            if "\n" in value and form not in MULTILINE_FORMS:
                first, second = MULTILINE_FORMS
                problems.append(Unprocessable(code="forms_multiline", lang=lang, form=form, first=first,
                                              second=second))
                continue
            if value:
                kept[form] = value
        if kept:
            out[lang] = kept
    if problems:
        raise Unprocessable(code="name_forms_invalid", problems=problems, extra=[p.detail for p in problems])
    return out


def _forms_diff(before: dict, after: dict) -> dict[str, list[str | None]]:
    changed: dict[str, list[str | None]] = {}
    for lang in sorted(set(before) | set(after)):
        old, new = before.get(lang, {}), after.get(lang, {})
        for form in sorted(set(old) | set(new)):
            if old.get(form) != new.get(form):
                changed[f"{lang}.{form}"] = [old.get(form), new.get(form)]
    return changed


def put_entity(session: Session, user: User, key: str, kind: str, forms: dict[str, dict[str, str]],
               if_match: str | None) -> tuple[NoteEntity, bool]:
    """Create (no If-Match) or replace (If-Match) an entity's forms. Returns (row, created)."""
    require_role(user, SECRETARIAT, "edit name forms")
    if not ENTITY_KEY.match(key):
        raise Unprocessable(code="entity_key_unusable", key=key)
    if kind not in ENTITY_KINDS:
        raise Unprocessable(code="entity_kind_unknown", value=kind, kinds=", ".join(ENTITY_KINDS))
    clean = clean_forms(forms)
    row = repo.entity(session, key, for_update=True)
    if row is None:
        if if_match:
            raise PreconditionFailed(code="name_forms_not_yet", key=key)
        now = utcnow()
        row = NoteEntity(key=key, kind=kind, forms=clean, created_at=now, updated_at=now)
        session.add(row)
        try:
            session.flush()
        except IntegrityError as exc:
            raise Conflict(code="name_forms_raced", key=key) from exc
        record(session, user, "name_forms.create", "name_forms", key, {"kind": kind, "forms": clean})
        return row, True
    from ..preconditions import check_if_match

    check_if_match(entity_etag(row), if_match, what=f"the name forms '{key}'")
    changed: dict[str, Any] = _forms_diff(row.forms or {}, clean)
    if kind != row.kind:
        changed["kind"] = [row.kind, kind]
    if not changed:
        return row, False
    row.kind, row.forms, row.updated_at = kind, clean, utcnow()
    session.flush()
    record(session, user, "name_forms.update", "name_forms", key, {"changed": changed})
    return row, False


def ensure_entities(session: Session, actor: User | None = None) -> int:
    """Load the example name forms of app.core.notes.data.ENTITIES that are missing (idempotent).

    Keys already present are left alone, so an officer's corrections survive a reload.
    """
    present = repo.entity_keys(session)
    added = []
    now = utcnow()
    for key, d in ENTITIES.items():
        if key in present:
            continue
        session.add(NoteEntity(key=key, kind=d["kind"], forms=clean_forms(copy.deepcopy(d["forms"])),
                               created_at=now, updated_at=now))
        added.append(key)
    if added:
        session.flush()
        record(session, actor, "name_forms.load", "name_forms", "*", {"added": added})
    return len(added)


# --- who may read and change notes ------------------------------------------------------------


def can_read(session: Session, user: User, note: Note) -> bool:
    """Secretariat and translators: every note. Others: issued notes of drafts they can read."""
    return repo.readable(session, user, note.id) is not None


def get_visible(session: Session, user: User, note_id: int, *, for_update: bool = False) -> Note:
    note = repo.readable(session, user, note_id, for_update=for_update)
    if note is None:
        raise NotFound(code="note_not_found", id=note_id)
    return note


def _editable(session: Session, user: User, note_id: int) -> Note:
    note = get_visible(session, user, note_id, for_update=True)
    require_role(user, SECRETARIAT, "change notes")
    return note


def etag(note: Note) -> str:
    return f'W/"note-{note.id}-{note.row_version}"'


def check_if_match(note: Note, if_match: str | None, *, required: bool = True) -> None:
    from ..preconditions import check_if_match as check

    check(etag(note), if_match, what=f"note {note.number}", required=required)


# --- from input to checked facts --------------------------------------------------------------


@dataclass
class Prepared:
    """Checked input: the core's facts plus what the register stores beside them."""

    facts: NoteFacts
    series: str
    seq: int
    draft: Draft | None
    version: Version | None
    references: list[dict]  # rows of NoteReference: ref_note_id, number, date

    @property
    def stored_facts(self) -> dict:
        d = self.facts.to_dict()
        return {k: d[k] for k in FACT_FIELDS}


def _lock_register(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _REGISTER_LOCK})


def _entity_slots(spec: dict) -> list[tuple[str, str, str]]:
    """(where, slot, key) of every name in the facts."""
    slots = [("place", "place", spec["place"]), ("sender", "sender", spec["sender"])]
    slots += [(f"addressees[{i}]", "addressees", k) for i, k in enumerate(spec.get("addressees") or [])]
    if spec.get("title"):
        slots.append(("title", "title", spec["title"]))
    for i, m in enumerate(spec.get("meetings") or []):
        slots.append((f"meetings[{i}].body", "meetings.body", m["body"]))
        if m.get("place"):
            slots.append((f"meetings[{i}].place", "meetings.place", m["place"]))
    slots += [(f"agenda[{i}]", "agenda", k) for i, k in enumerate(spec.get("agenda") or [])]
    return slots


def core_error(exc: NoteError | RegisterError) -> Unprocessable:
    """An error of the notes core (a bad number, facts that make no note, a missing form) as a coded
    error: its sentence, and the words and nested errors in it, in the reader's language."""
    params = {k: (core_error(v) if isinstance(v, (NoteError, RegisterError))
                  else [core_error(x) for x in v] if isinstance(v, list) and v
                  and all(isinstance(x, (NoteError, RegisterError)) for x in v) else v)
              for k, v in exc.params.items()}
    return Unprocessable(code=exc.code, **term_params(params))


def _number(session: Session, spec: dict, note: Note | None) -> tuple[str, str, int]:
    number, series = spec.get("number"), spec.get("series")
    try:
        if not number:
            series = check_series(series or DEFAULT_SERIES)
            number = next_number(series, repo.numbers_in_series(session, series))
    except RegisterError as exc:
        raise Unprocessable(code="note_series_invalid", reason=core_error(exc)) from None
    number = number.strip()
    try:
        found_series, seq = parse_number(number)
    except RegisterError as exc:
        reason = (core_error(exc) if exc.code == "register_bad_number"
                  else Unprocessable(code="note_number_bad_series", number=number, reason=core_error(exc)))
        raise Unprocessable(code="note_number_invalid", reason=reason) from None
    if series and series.strip() != found_series:
        raise Unprocessable(code="note_number_not_in_series", number=number, series=series)
    taken = repo.by_number(session, found_series, seq)
    if taken is not None and (note is None or taken.id != note.id):
        free = next_number(found_series, repo.numbers_in_series(session, found_series))
        raise Conflict(code="note_number_taken", number=number, id=taken.id, date=taken.date.isoformat(),
                       series=found_series, free=free)
    return number, found_series, seq


def prepare(session: Session, spec: dict, note: Note | None = None) -> Prepared:
    """Check the input (the shape of schemas.NoteIn, dates as date objects) against the register."""
    number, series, seq = _number(session, spec, note)
    problems: list[Unprocessable] = []
    kind = spec["kind"]
    rule = KIND_RULES.get(kind)
    if rule is None:
        raise Unprocessable(code="note_kind_unknown", value=kind)

    slots = _entity_slots(spec)
    rows = {e.key: e for e in repo.entities(session, [key for _, _, key in slots])}
    for where, slot, key in slots:
        row = rows.get(key)
        if row is None:
            problems.append(Unprocessable(code="note_slot_no_forms", where=where, key=key))
        elif row.kind not in SLOT_KINDS[slot]:
            problems.append(Unprocessable(code="note_slot_wrong_kind", where=where, key=key,
                                          **term_params({"found": row.kind, "wanted": SLOT_KINDS[slot]})))

    draft = version = None
    if spec.get("draft_id") is not None:
        draft = session.get(Draft, spec["draft_id"])
        if draft is None:
            problems.append(Unprocessable(code="note_no_draft", id=spec["draft_id"]))
        elif spec.get("version") is not None:
            version = drafts_repo.version(session, draft.id, spec["version"])
            if version is None:
                problems.append(Unprocessable(code="note_version_missing", id=draft.id, number=spec["version"]))
        else:
            version = drafts_repo.latest_version(session, draft.id)
    elif spec.get("version") is not None:
        problems.append(Unprocessable(code="note_version_without_draft"))
    elif rule.needs_title:
        problems.append(Unprocessable(code="note_draft_needed", **term_params({"note_kind": kind})))

    refs: list[dict] = []
    for i, r in enumerate(spec.get("references") or []):
        where = f"references[{i}]"
        if r.get("note_id") is not None:
            other = repo.get(session, r["note_id"])
            if other is None:
                problems.append(Unprocessable(code="note_ref_unknown", where=where, id=r["note_id"]))
                continue
        else:
            other = None
            try:
                other = repo.by_number(session, *parse_number(r["number"]))
            except RegisterError:
                pass  # not a number of the register's form: an outside note
            if other is not None and other.date != r["date"]:
                problems.append(Unprocessable(code="note_ref_date_mismatch", where=where, number=other.number,
                                              date=other.date.isoformat(), given=r["date"].isoformat()))
                continue
        if other is not None and note is not None and other.id == note.id:
            problems.append(Unprocessable(code="note_ref_self", where=where))
            continue
        ref: dict[str, Any] = ({"ref_note_id": other.id, "number": other.number, "date": other.date}
                               if other is not None
                               else {"ref_note_id": None, "number": r["number"].strip(), "date": r["date"]})
        if ref["date"] > spec["date"]:
            problems.append(Unprocessable(code="note_ref_later", where=where, number=ref["number"],
                                          date=ref["date"].isoformat(), own=spec["date"].isoformat()))
        if any(x["number"] == ref["number"] for x in refs):
            problems.append(Unprocessable(code="note_ref_twice", where=where, number=ref["number"]))
        refs.append(ref)

    if spec.get("deadline") is not None and spec["deadline"] < spec["date"]:
        problems.append(Unprocessable(code="note_deadline_before", deadline=spec["deadline"].isoformat(),
                                      date=spec["date"].isoformat()))
    if problems:
        raise Unprocessable(code="note_invalid", problems=problems, extra=[p.detail for p in problems])

    d = {
        "kind": kind, "number": number, "date": spec["date"], "place": spec["place"], "sender": spec["sender"],
        "addressees": spec.get("addressees") or [], "title": spec.get("title"),
        "references": [{"number": r["number"], "date": r["date"]} for r in refs],
        "meetings": [{"body": m["body"], "date": m["date"], "place": m.get("place")}
                     for m in spec.get("meetings") or []],
        "enclosure_pages": spec.get("enclosure_pages"), "deadline": spec.get("deadline"),
        "agenda": spec.get("agenda") or [], "enclosure_style": spec.get("enclosure_style") or "abbreviated",
    }
    try:
        facts = NoteFacts.from_dict(d, {k: entity_of(e) for k, e in rows.items()})
    except NoteError as exc:
        raise Unprocessable(code="note_facts_invalid", reason=core_error(exc)) from None
    return Prepared(facts=facts, series=series, seq=seq, draft=draft, version=version, references=refs)


def _apply(note: Note, p: Prepared) -> None:
    f = p.facts
    note.number, note.series, note.seq = f.number, p.series, p.seq
    note.kind, note.date, note.place_key = f.kind, f.date, f.place.key
    note.draft_id = p.draft.id if p.draft else None
    note.version_id = p.version.id if p.version else None
    note.facts = p.stored_facts


def _flush_number(session: Session, note: Note) -> None:
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent request took the number between the check and the insert
        raise Conflict(code="note_number_raced", number=note.number) from exc


# --- create, change, issue ----------------------------------------------------------------------


def create_note(session: Session, user: User, spec: dict) -> Note:
    """Register a new draft note (``spec``: the fields of schemas.NoteIn)."""
    require_role(user, SECRETARIAT, "register notes")
    _lock_register(session)
    p = prepare(session, spec)
    now = utcnow()
    note = Note(status="draft", created_by_id=user.id, created_at=now, updated_at=now)
    _apply(note, p)
    session.add(note)
    _flush_number(session, note)
    repo.replace_references(session, note.id, p.references)
    record(session, user, "note.create", "note", note.id,
           {"number": note.number, "kind": note.kind, "date": note.date.isoformat(), "draft_id": note.draft_id,
            "version": p.version.number if p.version else None,
            "number_proposed": not spec.get("number")})
    return note


def spec_of(session: Session, note: Note) -> dict:
    """The stored note in the shape of its input (what a PATCH is applied to)."""
    f = note.facts or {}
    version = session.get(Version, note.version_id) if note.version_id else None
    return {
        "number": note.number, "kind": note.kind, "date": note.date, "place": note.place_key,
        "sender": f.get("sender"), "addressees": list(f.get("addressees") or []), "title": f.get("title"),
        "references": [{"note_id": r.ref_note_id} if r.ref_note_id else {"number": r.number, "date": r.date}
                       for r in repo.references(session, note.id)],
        "meetings": [{"body": m["body"], "date": date.fromisoformat(m["date"]), "place": m.get("place")}
                     for m in f.get("meetings") or []],
        "enclosure_pages": f.get("enclosure_pages"),
        "deadline": date.fromisoformat(f["deadline"]) if f.get("deadline") else None,
        "agenda": list(f.get("agenda") or []), "enclosure_style": f.get("enclosure_style") or "abbreviated",
        "draft_id": note.draft_id, "version": version.number if version else None,
    }


def update_note(session: Session, user: User, note_id: int, changes: dict, if_match: str | None,
                not_null: tuple[str, ...] = ()) -> Note:
    note = _editable(session, user, note_id)
    if note.status != "draft":
        raise Conflict(code="note_issued_unchangeable", number=note.number, when=note.issued_at)
    check_if_match(note, if_match)
    nulls = [k for k in not_null if k in changes and changes[k] is None]
    if nulls:
        raise Unprocessable(code="note_fields_not_null", fields=", ".join(nulls))
    spec = spec_of(session, note)
    before = copy.deepcopy(spec)
    if "draft_id" in changes and changes["draft_id"] != spec["draft_id"] and "version" not in changes:
        spec["version"] = None  # another draft: its latest version unless one is given
    spec.update(changes)
    if "number" in changes:
        _lock_register(session)
    p = prepare(session, spec, note)
    _apply(note, p)
    note.updated_at = utcnow()  # the row changes (and its ETag) even when only references did
    _flush_number(session, note)
    repo.replace_references(session, note.id, p.references)
    after = spec_of(session, note)
    changed = sorted(k for k in after if before[k] != after[k])
    record(session, user, "note.update", "note", note.id, {"number": note.number, "fields": changed})
    return note


def issue_note(session: Session, user: User, note_id: int, if_match: str | None = None) -> Note:
    """Freeze the note: refused (422) while a name form is missing, (409) when already issued."""
    note = _editable(session, user, note_id)
    check_if_match(note, if_match, required=False)
    if note.status == "issued":
        raise Conflict(code="note_already_issued", number=note.number, when=note.issued_at)
    refs = repo.references(session, note.id)
    others = repo.notes_by_id(session, [r.ref_note_id for r in refs if r.ref_note_id])
    pending = [o.number for o in others.values() if o.status != "issued"]
    if pending:
        raise Conflict(code="note_refs_pending_one" if len(pending) == 1 else "note_refs_pending",
                       number=note.number, pending=", ".join(sorted(pending)))
    for r in refs:  # copy the register's number and date once more: they are frozen from now on
        if r.ref_note_id:
            r.number, r.date = others[r.ref_note_id].number, others[r.ref_note_id].date
    session.flush()
    facts = note_facts(session, note)
    missing = unique_missing(missing_forms(facts))
    if missing:
        raise Unprocessable(code="note_forms_missing", number=note.number, count=len(missing),
                            missing=[core_error(m) for m in missing], extra=[missing_json(m) for m in missing])
    texts = [note_text(render_note(facts, lang)) for lang in LANGUAGES]
    note.entities = entities_to_dict(_entities_of(facts))
    note.issued_hash = hashlib.sha256("\f".join(texts).encode("utf-8")).hexdigest()
    note.status = "issued"
    note.issued_at = utcnow()
    note.issued_by_id = user.id
    note.updated_at = note.issued_at
    session.flush()
    record(session, user, "note.issue", "note", note.id,
           {"number": note.number, "hash": note.issued_hash, "entities": sorted(note.entities)})
    return note


def next_free_number(session: Session, user: User, series: str | None) -> tuple[str, str]:
    require_role(user, TRANSLATORS, "read the note register")
    try:
        series = check_series(series or DEFAULT_SERIES)
    except RegisterError as exc:
        raise Unprocessable(code="note_series_invalid", reason=core_error(exc)) from None
    return series, next_number(series, repo.numbers_in_series(session, series))


# --- rendering ------------------------------------------------------------------------------------


def _entities_of(facts: NoteFacts) -> list[Entity]:
    found: dict[str, Entity] = {}
    for e in (facts.place, facts.sender, *facts.addressees, facts.title, *facts.agenda,
              *(m.body for m in facts.meetings), *(m.place for m in facts.meetings)):
        if e is not None:
            found.setdefault(e.key, e)
    return list(found.values())


def note_facts(session: Session, note: Note) -> NoteFacts:
    """The core's facts of a stored note: issued notes with the forms they were issued with."""
    refs = repo.references(session, note.id)
    if note.status == "issued":
        entities = entities_from_dict(copy.deepcopy(note.entities or {}))
        ref_dicts = [{"number": r.number, "date": r.date} for r in refs]
    else:
        others = repo.notes_by_id(session, [r.ref_note_id for r in refs if r.ref_note_id])
        ref_dicts = [{"number": others[r.ref_note_id].number, "date": others[r.ref_note_id].date}
                     if r.ref_note_id in others else {"number": r.number, "date": r.date} for r in refs]
        keys = [key for _, _, key in _entity_slots(spec_of(session, note))]
        entities = {e.key: entity_of(e) for e in repo.entities(session, keys)}
    d = {**(note.facts or {}), "kind": note.kind, "number": note.number, "date": note.date,
         "place": note.place_key, "references": ref_dicts}
    try:
        return NoteFacts.from_dict(d, entities)
    except NoteError as exc:
        raise Unprocessable(code="note_unwritable", number=note.number, reason=core_error(exc)) from None


def unique_missing(missing: list[MissingForm]) -> list[MissingForm]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for m in missing:
        k = (m.entity.key, m.lang, m.case)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


def missing_json(m: MissingForm) -> dict:
    return {"entity": m.entity.key, "entity_kind": m.entity.kind, "lang": m.lang, "form": m.case,
            "message": str(m)}


def _missing_form_error(note: Note, exc: MissingForm) -> Unprocessable:
    return Unprocessable(code="note_unwritable_in", number=note.number, **term_params({"language": exc.lang}),
                         missing=core_error(exc), key=exc.entity.key, extra=[missing_json(exc)])


def check_lang(lang: str) -> str:
    try:
        return check_language(lang.strip().lower())
    except UnsupportedLanguage as exc:
        raise Unprocessable(code="note_lang_unsupported", lang=lang, langs=", ".join(LANGUAGES)) from exc


def rendered(session: Session, note: Note, langs: tuple[str, ...]) -> list[RenderedNote]:
    facts = note_facts(session, note)
    try:
        return [render_note(facts, lang) for lang in langs]
    except MissingForm as exc:
        raise _missing_form_error(note, exc) from None


def docx_bytes(session: Session, note: Note, langs: tuple[str, ...]) -> bytes:
    facts = note_facts(session, note)
    try:
        return note_docx(facts, langs)
    except MissingForm as exc:
        raise _missing_form_error(note, exc) from None


def missing_for(session: Session, note: Note) -> list[dict]:
    """Name forms a draft note still lacks (what issuing it would complain about)."""
    return [missing_json(m) for m in unique_missing(missing_forms(note_facts(session, note)))]


# --- reads: what the pages show (they call the service, never the repository) ----------------------


def name_forms(session: Session, key: str) -> NoteEntity | None:
    """The name forms of ``key`` (a body, a place, a state...): public words, no permission needed."""
    return repo.entity(session, key)


def all_name_forms(session: Session) -> list[NoteEntity]:
    return repo.entities(session)


def register_for(session: Session, user: User, **filters) -> list[Note]:
    """The notes of the register ``user`` may read (see the repository's ``list_for`` for the filters)."""
    return repo.list_for(session, user, **filters)
