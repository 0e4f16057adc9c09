"""`concord demo` loads the CICA bodies; `concord serve` on SQLite runs the worker in its process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from app import cli
from app.config import get_settings

ROOT = Path(__file__).resolve().parents[2]
TEA = ("AGREEMENT ON TEA BETWEEN THE PARTIES\n\nWHEREAS the Parties consider that tea is good;\n\n"
       "Have agreed as follows:\n\nArticle 1\nTea\n\n1. The Parties shall drink tea together.\n")


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("CONCORD_DATABASE_URL", url)
    monkeypatch.setenv("CONCORD_PASSWORD_TIME_COST", "1")
    monkeypatch.setenv("CONCORD_PASSWORD_MEMORY_KIB", "1024")
    get_settings.cache_clear()
    from app.db import dispose_engines

    yield url
    dispose_engines()
    get_settings.cache_clear()


def test_demo_creates_the_three_cica_bodies_once(cli_db):
    runner = CliRunner()
    assert runner.invoke(cli.main, ["db", "upgrade"]).exit_code == 0
    for _ in range(2):
        r = runner.invoke(cli.main, ["demo"])
        assert r.exit_code == 0, r.output
    engine = sa.create_engine(cli_db)
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT key FROM bodies ORDER BY rank")).scalars().all() == [
            "cica-swg", "cica-soc", "cica-mc"]
        steps = c.execute(sa.text("SELECT steps FROM draft_procedures")).scalars().all()
    engine.dispose()
    assert len(steps) == 1 and "cica-swg" in steps[0]


def test_serve_on_sqlite_acts_on_a_deadline_by_itself(cli_db, free_tcp_port):
    runner = CliRunner()
    assert runner.invoke(cli.main, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(cli.main, ["demo"]).exit_code == 0
    env = {**os.environ, "CONCORD_DATABASE_URL": cli_db, "CONCORD_WORKER_INTERVAL": "0.2", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", str(free_tcp_port)], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{free_tcp_port}/api/v1"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/member-states", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        tok = httpx.post(f"{base}/auth/token", data={"username": "secretariat@concord.test",
                                                     "password": cli.DEMO_PASSWORD}).json()["access_token"]
        h = {"Authorization": f"Bearer {tok}"}
        d = httpx.post(f"{base}/drafts", headers=h, json={"text": TEA}).json()
        assert httpx.post(f"{base}/drafts/{d['id']}/transition", headers=h, json={"to": "under_review"}).is_success
        deadline = (datetime.now(UTC) + timedelta(seconds=5)).isoformat()
        r = httpx.post(f"{base}/drafts/{d['id']}/silence", headers=h, json={"deadline": deadline, "step": "approved"})
        assert r.status_code == 201, r.text
        status = None
        for _ in range(100):
            status = httpx.get(f"{base}/drafts/{d['id']}", headers=h).json()["status"]
            if status == "approved":
                break
            time.sleep(0.2)
        assert status == "approved"
    finally:
        server.terminate()
        out = server.communicate(timeout=20)[0]
    assert "the job worker runs in this process" in out
