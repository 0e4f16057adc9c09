"""A draft's whole history in one file, and back (``concord export-archive`` / ``import-archive``).

The archive is a zip of JSON-lines files, one per table, in this order (parents first):

    users.jsonl  drafts.jsonl  draft_participants.jsonl  draft_shares.jsonl  versions.jsonl
    clauses.jsonl  translations.jsonl  proposal_windows.jsonl  proposals.jsonl
    proposal_cosponsors.jsonl  proposal_anchor_events.jsonl  version_changes.jsonl

one row per line (column name → value; datetimes in ISO 8601 with their offset), and
``manifest.json``: the format version, the draft id, and for every file its row count and
SHA-256. ``users.jsonl`` holds only the accounts the rows refer to (password hashes included,
so that restored accounts still log in). Member states are reloaded from Concord's own list.

Import goes into an empty database (schema migrated, no drafts): every hash in the manifest
is checked first, rows keep their ids, and after the import the draft is exported again and
must give the same files (else nothing is committed).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from .errors import Conflict, NotFound, Unprocessable
from .models import Base, Draft, UTCDateTime

FORMAT = "concord-draft-archive/1"
ORDER = ("users", "drafts", "draft_participants", "draft_shares", "versions", "clauses", "translations",
         "proposal_windows", "proposals", "proposal_cosponsors", "proposal_anchor_events", "version_changes")
USER_COLUMNS = ("created_by_id", "opened_by_id", "author_id", "decided_by_id", "user_id")


def _t(name: str) -> Table:
    return Base.metadata.tables[name]


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _rows(session: Session, table: Table, where) -> list[dict]:
    cols = list(table.columns)
    order = [c for c in table.primary_key.columns]
    q = select(*cols).where(where).order_by(*order)
    return [{c.name: _plain(v) for c, v in zip(cols, r, strict=True)} for r in session.execute(q)]


def collect(session: Session, draft_id: int) -> dict[str, list[dict]]:
    if session.get(Draft, draft_id) is None:
        raise NotFound(code="draft_not_found", id=draft_id)
    t = _t
    versions = select(t("versions").c.id).where(t("versions").c.draft_id == draft_id)
    proposals = select(t("proposals").c.id).where(t("proposals").c.draft_id == draft_id)
    out = {
        "drafts": _rows(session, t("drafts"), t("drafts").c.id == draft_id),
        "draft_participants": _rows(session, t("draft_participants"), t("draft_participants").c.draft_id == draft_id),
        "draft_shares": _rows(session, t("draft_shares"), t("draft_shares").c.draft_id == draft_id),
        "versions": _rows(session, t("versions"), t("versions").c.draft_id == draft_id),
        "clauses": _rows(session, t("clauses"), t("clauses").c.version_id.in_(versions)),
        "translations": _rows(session, t("translations"), t("translations").c.draft_id == draft_id),
        "proposal_windows": _rows(session, t("proposal_windows"), t("proposal_windows").c.draft_id == draft_id),
        "proposals": _rows(session, t("proposals"), t("proposals").c.draft_id == draft_id),
        "proposal_cosponsors": _rows(session, t("proposal_cosponsors"),
                                     t("proposal_cosponsors").c.proposal_id.in_(proposals)),
        "proposal_anchor_events": _rows(session, t("proposal_anchor_events"),
                                        t("proposal_anchor_events").c.proposal_id.in_(proposals)),
        "version_changes": _rows(session, t("version_changes"), t("version_changes").c.version_id.in_(versions)),
    }
    user_ids = sorted({r[c] for rows in out.values() for r in rows for c in USER_COLUMNS if r.get(c) is not None})
    out["users"] = _rows(session, t("users"), t("users").c.id.in_(user_ids)) if user_ids else []
    return out


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
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unprocessable(f"Not a Concord draft archive: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise Unprocessable(f"Unknown archive format {manifest.get('format')!r}; expected {FORMAT}.")
    rows: dict[str, list[dict]] = {}
    for name in ORDER:
        entry = manifest["files"].get(f"{name}.jsonl")
        body = z.read(f"{name}.jsonl")
        if entry is None or hashlib.sha256(body).hexdigest() != entry["sha256"]:
            raise Unprocessable(f"{name}.jsonl does not match the manifest's hash: the archive is damaged.")
        rows[name] = [json.loads(line) for line in body.decode("utf-8").splitlines() if line]
        if len(rows[name]) != entry["rows"]:
            raise Unprocessable(f"{name}.jsonl has {len(rows[name])} rows, the manifest says {entry['rows']}.")
    return manifest, rows


def _typed(table: Table, row: dict) -> dict:
    out = {}
    for c in table.columns:
        v = row.get(c.name)
        if v is not None and isinstance(c.type, UTCDateTime):
            v = datetime.fromisoformat(v)
        out[c.name] = v
    return out


def import_archive(session: Session, data: bytes) -> int:
    """Restore an archive into an empty database (flush only); returns the draft id."""
    from .accounts.service import ensure_member_states

    manifest, rows = read_archive(data)
    if session.scalar(select(func.count()).select_from(_t("drafts"))):
        raise Conflict("The database already holds drafts; restore an archive into an empty database.")
    ensure_member_states(session)
    for name in ORDER:
        table = _t(name)
        items = [_typed(table, r) for r in rows[name]]
        if name == "users":
            existing = set(session.scalars(select(table.c.email)))
            items = [r for r in items if r["email"] not in existing]
        merged = {}
        if name == "proposals":  # a proposal may be merged into a later one: link them afterwards
            merged = {r["id"]: (r["merged_into_id"], r["updated_at"]) for r in items if r.get("merged_into_id")}
            items = [{**r, "merged_into_id": None} for r in items]
        if items:
            session.execute(insert(table), items)
        for pid, (target, updated_at) in merged.items():  # keep updated_at: it is part of the history
            session.execute(update(table).where(table.c.id == pid).values(merged_into_id=target,
                                                                          updated_at=updated_at))
    if session.get_bind().dialect.name == "postgresql":
        for name in ORDER:
            table = _t(name)
            if "id" in table.c and list(table.primary_key.columns) == [table.c.id]:
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                     f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"))
    session.flush()
    draft_id = manifest["draft_id"]
    again = export_archive(session, draft_id)
    _, check = read_archive(again)
    for name in ORDER:
        if name == "users":
            continue
        if check[name] != rows[name]:
            diff = next((f"{k}: {a.get(k)!r} != {b.get(k)!r}" for a, b in zip(check[name], rows[name], strict=False)
                         for k in a if a.get(k) != b.get(k)), "row count")
            raise Conflict(f"The restored {name} differ from the archive ({diff}); nothing was restored.")
    from .audit.service import record

    record(session, None, "archive.import", "draft", draft_id,
           {"files": {n: e["sha256"] for n, e in manifest["files"].items()}})
    return draft_id


def write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
