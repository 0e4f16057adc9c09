"""A draft's history goes to one file and comes back, equal, into an empty database."""

from __future__ import annotations

import json
import shutil
import uuid
import zipfile

import sqlalchemy as sa
from click.testing import CliRunner

from app import cli
from app.config import get_settings


def _run(db_url, monkeypatch, *args):
    monkeypatch.setenv("CONCORD_DATABASE_URL", db_url)
    get_settings.cache_clear()
    from app.db import dispose_engines

    try:
        return CliRunner().invoke(cli.main, list(args))
    finally:
        dispose_engines()
        get_settings.cache_clear()


def _empty_database(request, db_url, tmp_path):
    if db_url.startswith("sqlite"):
        path = tmp_path / "restored.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}", lambda: None
    from tests.conftest import _pg_admin_url, _pg_url_for

    name = f"concord_r_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{request.getfixturevalue("pg_template")}"')

    def drop():
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return _pg_url_for(name), drop


def test_export_and_import_a_draft_archive(request, flow, db_url, tmp_path, monkeypatch):
    flow.open()
    a = flow.propose("KAZ", kind="replace", clause_key=flow.clause("1.1")["key"], proposed_text="Voluntary.")
    b = flow.propose("IND", kind="replace", clause_key=flow.clause("1.1")["key"], proposed_text="Voluntary!")
    flow.decide(a["id"])
    flow.decide(b["id"], "merged", merged_into=a["id"], reason="Merged.")
    flow.propose("CHN", submit=False, kind="delete", clause_key=flow.clause("2.3")["key"])
    flow.consolidate()
    archive = tmp_path / "draft.zip"
    out = _run(db_url, monkeypatch, "export-archive", str(flow.d), "-o", str(archive))
    assert out.exit_code == 0, out.output
    z = zipfile.ZipFile(archive)
    manifest = json.loads(z.read("manifest.json"))
    assert manifest["files"]["versions.jsonl"]["rows"] == 2
    assert manifest["files"]["proposals.jsonl"]["rows"] == 3

    target, drop = _empty_database(request, db_url, tmp_path)
    try:
        out = _run(target, monkeypatch, "import-archive", str(archive))
        assert out.exit_code == 0, out.output
        assert "verified" in out.output
        again = tmp_path / "again.zip"
        assert _run(target, monkeypatch, "export-archive", str(flow.d), "-o", str(again)).exit_code == 0
        m2 = json.loads(zipfile.ZipFile(again).read("manifest.json"))
        audit = m2["files"].pop("audit_events.jsonl")
        assert audit["rows"] == manifest["files"].pop("audit_events.jsonl")["rows"] + 1  # and the restore's own
        assert m2 == manifest  # the same rows, byte for byte
        # into a database that already holds a draft: refused
        out = _run(target, monkeypatch, "import-archive", str(archive))
        assert out.exit_code == 2 and "empty database" in out.output
    finally:
        drop()


def test_a_damaged_archive_is_refused(flow, db_url, tmp_path, monkeypatch):
    archive = tmp_path / "draft.zip"
    assert _run(db_url, monkeypatch, "export-archive", str(flow.d), "-o", str(archive)).exit_code == 0
    src = zipfile.ZipFile(archive)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        for name in src.namelist():
            body = src.read(name)
            if name == "clauses.jsonl":
                body = body.replace(b"\"text\": \"", b"\"text\": \"X", 1)
            z.writestr(name, body)
    out = _run(db_url, monkeypatch, "import-archive", str(bad))
    assert out.exit_code == 2 and "clauses.jsonl does not match" in out.output


def _whole_history(flow):
    """A draft with proposals, a new version, an issued note that refers to another of its notes,
    a meeting with the draft on its agenda and a clause agreed there."""
    from app.db import transaction
    from app.notes.service import ensure_entities
    from tests.meetings.conftest import Path
    from tests.notes.conftest import Notes

    with transaction(flow.users.engine) as s:
        ensure_entities(s)
    flow.open()
    a = flow.propose("KAZ", kind="replace", clause_key=flow.clause("1.1")["key"], proposed_text="Voluntary.")
    flow.decide(a["id"])
    flow.consolidate()
    notes = Notes(flow.c, flow.users, flow.officer, flow.draft)
    first = notes.create(number="NCT/CT/513", date="2024-04-18", references=[])
    second = notes.create(references=[{"number": "NCT/CT/513", "date": "2024-04-18"}])
    notes.issue(first["id"])
    notes.issue(second["id"])
    path = Path(flow)
    path.bodies()
    m = path.meeting()
    path.agree(m["id"], [flow.clause("1.1")["key"]])
    return first, second, m


def test_the_archive_holds_notes_meetings_and_audit_events_and_restores_them(request, flow, db_url, tmp_path,
                                                                                 monkeypatch):
    first, second, meeting = _whole_history(flow)
    archive = tmp_path / "draft.zip"
    assert _run(db_url, monkeypatch, "export-archive", str(flow.d), "-o", str(archive)).exit_code == 0
    z = zipfile.ZipFile(archive)
    manifest = json.loads(z.read("manifest.json"))
    assert manifest["format"] == "concord-draft-archive/2"
    rows = {n[:-6]: [json.loads(x) for x in z.read(n).decode().splitlines()] for n in z.namelist() if n != "manifest.json"}
    assert {n["id"] for n in rows["notes"]} == {first["id"], second["id"]}
    assert all(n["status"] == "issued" for n in rows["notes"])
    assert [r["ref_note_id"] for r in rows["note_references"]] == [first["id"]]
    assert [m["id"] for m in rows["meetings"]] == [meeting["id"]]
    assert len(rows["agenda_items"]) == 1 and len(rows["clause_agreements"]) == 1
    actions = [e["action"] for e in rows["audit_events"]]
    for wanted in ("draft.create", "proposal.create", "proposal.decide", "version.consolidate", "note.issue",
                   "meeting.create"):
        assert wanted in actions, (wanted, actions)
    assert "auth.login" not in actions  # not about the draft

    target, drop = _empty_database(request, db_url, tmp_path)
    try:
        out = _run(target, monkeypatch, "import-archive", str(archive))
        assert out.exit_code == 0, out.output
        again = tmp_path / "again.zip"
        assert _run(target, monkeypatch, "export-archive", str(flow.d), "-o", str(again)).exit_code == 0
        z2 = zipfile.ZipFile(again)
        for name in z.namelist():
            if name not in ("manifest.json", "audit_events.jsonl"):
                assert z2.read(name) == z.read(name), name
        # the restored chain holds the archived events (as they were) and then the restore itself
        restored = [json.loads(x) for x in z2.read("audit_events.jsonl").decode().splitlines()]
        assert restored[:-1] == rows["audit_events"] and restored[-1]["action"] == "archive.import"
        out = _run(target, monkeypatch, "audit", "verify")
        assert out.exit_code == 0, out.output
        engine = sa.create_engine(target)
        with engine.connect() as c:
            status = dict(c.execute(sa.text("SELECT id, status FROM notes")).all())
        engine.dispose()
        assert status == {first["id"]: "issued", second["id"]: "issued"}
    finally:
        drop()


def test_an_archive_with_an_altered_audit_event_is_refused(request, flow, db_url, tmp_path, monkeypatch):
    """Editing an event and fixing the manifest's hash is not enough: each event carries its own hash."""
    import hashlib

    flow.open()
    flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    archive = tmp_path / "draft.zip"
    assert _run(db_url, monkeypatch, "export-archive", str(flow.d), "-o", str(archive)).exit_code == 0
    src = zipfile.ZipFile(archive)
    manifest = json.loads(src.read("manifest.json"))
    events = [json.loads(x) for x in src.read("audit_events.jsonl").decode().splitlines()]
    assert any(e["action"] == "proposal.create" for e in events)
    for e in events:
        if e["action"] == "proposal.create":
            e["actor"] = "someone else"
    body = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in events).encode()
    manifest["files"]["audit_events.jsonl"]["sha256"] = hashlib.sha256(body).hexdigest()
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as z:
        for name in src.namelist():
            z.writestr(name, {"manifest.json": json.dumps(manifest).encode(), "audit_events.jsonl": body}.get(
                name, src.read(name)))
    target, drop = _empty_database(request, db_url, tmp_path)
    try:
        out = _run(target, monkeypatch, "import-archive", str(bad))
        assert out.exit_code == 2 and "does not match its hash" in out.output, out.output
        engine = sa.create_engine(target)
        with engine.connect() as c:
            assert c.execute(sa.text("SELECT count(*) FROM drafts")).scalar() == 0
        engine.dispose()
    finally:
        drop()
