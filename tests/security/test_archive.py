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
