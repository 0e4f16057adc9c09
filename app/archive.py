"""A draft's whole history in one file, and back (``concord export-archive`` / ``import-archive``).

The archive is a zip of JSON-lines files, one per table, in this order (parents first):

    users  note_entities  drafts  draft_participants  draft_shares  draft_procedures  versions
    clauses  translations  proposal_windows  proposals  proposal_cosponsors  proposal_anchor_events
    version_changes  notes  note_references  bodies  meetings  agenda_items  attendance
    meeting_decisions  clause_agreements  brackets  silence_procedures  silence_objections
    signatures  audit_events

(each ``<table>.jsonl``), one row per line (column name → value; datetimes in ISO 8601 with
their offset), and ``manifest.json``: the format version, the draft id, and for every file its
row count and SHA-256. What belongs to the draft:

- its own rows, and the rows hanging from them (clauses of its versions, co-sponsors and
  anchor events of its proposals, references of its notes, objections to its silence procedures);
- its notes (``notes.draft_id``) and the convening notes of its meetings; the meetings that
  have it on their agenda, decided on it or bracketed or agreed its clauses, with their bodies
  and attendance, but only its own agenda items; the whole register of names (``note_entities``,
  which notes name by key) and of bodies, which are small;
- ``users``: only the accounts the rows refer to (password hashes included, so that restored
  accounts still log in). Member states are reloaded from Concord's own list;
- ``audit_events``: the events about the draft, its proposals, versions' clauses, notes and
  meetings, each with its original ``prev_hash`` and ``hash`` (so each can be checked against
  its own content). A restored database has its own chain: each archived event is appended to
  it as an ``archive.event`` whose details hold the original row, and is exported as that
  original row again.

A link to a row outside the archive (a note referring to another draft's note, a meeting
convened by another draft's note) is written as null; the reference keeps its number and date.
Notifications (per reader, rendered when read) are not part of a draft's history.

Import goes into an empty database (schema migrated, no drafts): every hash in the manifest
is checked first, then every audit event's hash against its content; rows keep their ids, and
after the import the draft is exported again and must give the same files (else nothing is
committed). Archives of format 1 (without notes, meetings and audit events) are read too.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Date, Table, false, func, insert, or_, select, text, update
from sqlalchemy.orm import Session

from .errors import Conflict, NotFound, Unprocessable
from .models import Base, Draft, UTCDateTime

FORMAT = "concord-draft-archive/2"
READABLE = {"concord-draft-archive/1", FORMAT}
ORDER = ("users", "note_entities", "drafts", "draft_participants", "draft_shares", "draft_procedures", "versions",
         "clauses", "translations", "proposal_windows", "proposals", "proposal_cosponsors", "proposal_anchor_events",
         "version_changes", "notes", "note_references", "bodies", "meetings", "agenda_items", "attendance",
         "meeting_decisions", "clause_agreements", "brackets", "silence_procedures", "silence_objections",
         "signatures", "audit_events")
WRAPPED = "archive.event"  # an archived audit event appended to a restored database's own chain


def _t(name: str) -> Table:
    return Base.metadata.tables[name]


def _plain(value):
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    return value


def _rows(session: Session, table: Table, where: ColumnElement[bool]) -> list[dict]:
    cols = list(table.columns)
    order = [c for c in table.primary_key.columns]
    q = select(*cols).where(where).order_by(*order)
    return [{c.name: _plain(v) for c, v in zip(cols, r, strict=True)} for r in session.execute(q)]


def _ids(rows: list[dict], column: str = "id") -> set:
    return {r[column] for r in rows if r.get(column) is not None}


def _audit_rows(session: Session, draft_id: int, out: dict[str, list[dict]]) -> list[dict]:
    t = _t("audit_events")
    about = {"draft": {str(draft_id)}, "proposal": {str(i) for i in _ids(out["proposals"])},
             "note": {str(i) for i in _ids(out["notes"])}, "meeting": {str(i) for i in _ids(out["meetings"])}}
    where = or_(*[(t.c.object_type == kind) & t.c.object_id.in_(ids) for kind, ids in about.items() if ids],
                (t.c.object_type == "clause") & t.c.object_id.like(f"{draft_id}:%"))
    rows = _rows(session, t, where)
    return [r["details"]["original"] if r["action"] == WRAPPED else r for r in rows]


def collect(session: Session, draft_id: int) -> dict[str, list[dict]]:
    if session.get(Draft, draft_id) is None:
        raise NotFound(code="draft_not_found", id=draft_id)
    t = _t

    def of_draft(name: str) -> list[dict]:
        return _rows(session, t(name), t(name).c.draft_id == draft_id)

    def where_in(name: str, column: str, ids: set) -> list[dict]:
        return _rows(session, t(name), t(name).c[column].in_(ids) if ids else false())

    out: dict[str, list[dict]] = {}
    for name in ("drafts",):
        out[name] = _rows(session, t(name), t(name).c.id == draft_id)
    for name in ("draft_participants", "draft_shares", "draft_procedures", "versions", "translations",
                 "proposal_windows", "proposals", "agenda_items", "meeting_decisions", "clause_agreements",
                 "brackets", "silence_procedures", "signatures"):
        out[name] = of_draft(name)
    out["clauses"] = where_in("clauses", "version_id", _ids(out["versions"]))
    out["version_changes"] = where_in("version_changes", "version_id", _ids(out["versions"]))
    out["proposal_cosponsors"] = where_in("proposal_cosponsors", "proposal_id", _ids(out["proposals"]))
    out["proposal_anchor_events"] = where_in("proposal_anchor_events", "proposal_id", _ids(out["proposals"]))
    out["silence_objections"] = where_in("silence_objections", "procedure_id", _ids(out["silence_procedures"]))
    meeting_ids = set().union(*(_ids(out[n], "meeting_id") for n in ("agenda_items", "meeting_decisions",
                                                                    "clause_agreements", "brackets")))
    out["meetings"] = where_in("meetings", "id", meeting_ids)
    out["attendance"] = where_in("attendance", "meeting_id", meeting_ids)
    out["bodies"] = _rows(session, t("bodies"), t("bodies").c.id.isnot(None))
    out["note_entities"] = _rows(session, t("note_entities"), t("note_entities").c.id.isnot(None))
    note_ids = set(session.scalars(select(t("notes").c.id).where(t("notes").c.draft_id == draft_id)))
    convening = _ids(out["meetings"], "convening_note_id")
    if convening:  # a meeting's convening note, unless it belongs to another draft
        note_ids |= set(session.scalars(select(t("notes").c.id).where(
            t("notes").c.id.in_(convening), or_(t("notes").c.draft_id.is_(None), t("notes").c.draft_id == draft_id))))
    out["notes"] = where_in("notes", "id", note_ids)
    out["note_references"] = where_in("note_references", "note_id", note_ids)
    _cut_outside_links(out)
    out["audit_events"] = _audit_rows(session, draft_id, out)
    user_ids = set()
    for name, rows in out.items():
        for c in t(name).columns if name != "audit_events" else ():
            if any(fk.column.table.name == "users" for fk in c.foreign_keys):
                user_ids |= _ids(rows, c.name)
    out["users"] = where_in("users", "id", user_ids)
    return out


def _cut_outside_links(out: dict[str, list[dict]]) -> None:
    """Nullable links to rows the archive does not hold become null (the row keeps its own data)."""
    for name, rows in out.items():
        for c in _t(name).columns:
            for fk in c.foreign_keys:
                target = fk.column.table.name
                if c.nullable and target in out and target != "users" and fk.column.name == "id":
                    held = _ids(out[target])
                    for r in rows:
                        if r.get(c.name) is not None and r[c.name] not in held:
                            r[c.name] = None


def _jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows).encode("utf-8")


def export_archive(session: Session, draft_id: int) -> bytes:
    data = collect(session, draft_id)
    files = {f"{name}.jsonl": _jsonl(data[name]) for name in ORDER}
    manifest = {"format": FORMAT, "draft_id": draft_id,
                "files": {n: {"rows": len(data[n[:-6]]), "sha256": hashlib.sha256(b).hexdigest()}
                          for n, b in files.items()}}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
        for name, body in files.items():
            z.writestr(name, body)
    return buf.getvalue()


def read_archive(data: bytes) -> tuple[dict, dict[str, list[dict]]]:
    """The manifest and the rows, after checking every file against its hash."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        manifest = json.loads(z.read("manifest.json"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
            raise ValueError("manifest.json has no files")
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        why = ("archive_not_zip" if isinstance(exc, zipfile.BadZipFile)
               else "archive_no_manifest" if isinstance(exc, KeyError) else "archive_bad_manifest")
        raise Unprocessable(code="archive_unreadable", reason=Unprocessable(code=why)) from exc
    if manifest.get("format") not in READABLE:
        raise Unprocessable(code="archive_format_unknown", format=repr(manifest.get("format")), expected=FORMAT)
    rows: dict[str, list[dict]] = {}
    for name in ORDER:
        entry = manifest["files"].get(f"{name}.jsonl")
        if entry is None and manifest["format"] != FORMAT:
            rows[name] = []  # an older format: the table was not archived then
            continue
        try:
            body = z.read(f"{name}.jsonl")
        except KeyError as exc:
            raise Unprocessable(code="archive_file_missing", name=name) from exc
        if entry is None or hashlib.sha256(body).hexdigest() != entry["sha256"]:
            raise Unprocessable(code="archive_file_damaged", name=name)
        rows[name] = [json.loads(line) for line in body.decode("utf-8").splitlines() if line]
        if len(rows[name]) != entry["rows"]:
            raise Unprocessable(code="archive_rows_mismatch", name=name, count=len(rows[name]), expected=entry["rows"])
    _check_audit(rows["audit_events"])
    return manifest, rows


def _check_audit(events: list[dict]) -> None:
    """Every archived audit event still matches its own hash (its content was not edited)."""
    from .audit.service import _event_hash

    for ev in events:
        want = _event_hash(ev["prev_hash"], ev["at"], ev["actor"], ev["action"], ev["object_type"],
                           ev["object_id"], ev["details"])
        if want != ev["hash"]:
            raise Unprocessable(code="archive_event_altered", id=ev["id"])


def _typed(table: Table, row: dict) -> dict:
    out = {}
    for c in table.columns:
        v = row.get(c.name)
        if v is not None and isinstance(c.type, UTCDateTime):
            v = datetime.fromisoformat(v)
        elif v is not None and isinstance(c.type, Date):
            v = date.fromisoformat(v)
        out[c.name] = v
    return out


def import_archive(session: Session, data: bytes) -> int:
    """Restore an archive into an empty database (flush only); returns the draft id."""
    from .accounts.service import ensure_member_states
    from .audit.service import record

    manifest, rows = read_archive(data)
    if session.scalar(select(func.count()).select_from(_t("drafts"))):
        raise Conflict(code="archive_not_empty")
    ensure_member_states(session)
    issued: dict[Any, tuple[str, Any]] = {}
    for name in ORDER:
        if name == "audit_events":
            continue
        table = _t(name)
        items = [_typed(table, r) for r in rows[name]]
        if name in ("users", "note_entities"):
            column = "email" if name == "users" else "key"
            existing = set(session.scalars(select(table.c[column])))
            items = [r for r in items if r[column] not in existing]
        merged = {}
        if name == "proposals":  # a proposal may be merged into a later one: link them afterwards
            merged = {r["id"]: (r["merged_into_id"], r["updated_at"]) for r in items if r.get("merged_into_id")}
            items = [{**r, "merged_into_id": None} for r in items]
        if name == "notes":  # an issued note takes no references: issue it again after them
            issued = {r["id"]: (r["status"], r["updated_at"]) for r in items if r["status"] == "issued"}
            items = [{**r, "status": "draft"} if r["id"] in issued else r for r in items]
        if items:
            session.execute(insert(table), items)
        for pid, (target, updated_at) in merged.items():  # keep updated_at: it is part of the history
            session.execute(update(table).where(table.c.id == pid).values(merged_into_id=target,
                                                                          updated_at=updated_at))
        if name == "note_references" and issued:
            notes = _t("notes")
            for nid, (status, updated_at) in issued.items():
                session.execute(update(notes).where(notes.c.id == nid).values(status=status, updated_at=updated_at))
    if session.get_bind().dialect.name == "postgresql":
        for name in ORDER:
            table = _t(name)
            if "id" in table.c and list(table.primary_key.columns) == [table.c.id] and name != "audit_events":
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                     f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"))
    for ev in rows["audit_events"]:  # appended to this database's own chain, the original kept whole
        record(session, None, WRAPPED, ev["object_type"], ev["object_id"], {"original": ev})
    session.flush()
    draft_id = manifest["draft_id"]
    _, check = read_archive(export_archive(session, draft_id))
    for name in ORDER:
        if name in ("users", "note_entities"):
            continue
        if check[name] != rows[name]:
            diff = next((f"{k}: {a.get(k)!r} != {b.get(k)!r}" for a, b in zip(check[name], rows[name], strict=False)
                         for k in a if a.get(k) != b.get(k)), "row count")
            raise Conflict(code="archive_restore_differs", name=name, diff=diff)
    record(session, None, "archive.import", "draft", draft_id,
           {"files": {n: e["sha256"] for n, e in manifest["files"].items()}})
    return draft_id


def write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
