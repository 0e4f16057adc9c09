"""The `concord` command on a real SQLite database."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from app import cli
from app.config import get_settings


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("CONCORD_DATABASE_URL", url)
    get_settings.cache_clear()
    from app.db import dispose_engines

    yield url
    dispose_engines()
    get_settings.cache_clear()


def test_upgrade_demo_is_idempotent_and_import(cli_db, tmp_path):
    runner = CliRunner()
    r = runner.invoke(cli.main, ["db", "upgrade"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli.main, ["demo"])
    assert r.exit_code == 0, r.output
    assert "loaded sample cica-unoct-mou-2024.md" in r.output
    assert "secretariat@concord.test" in r.output
    r = runner.invoke(cli.main, ["demo"])
    assert r.exit_code == 0 and "loaded sample" not in r.output
    # the sample MoU is open for proposals (once), and the reference note is in the register
    import sqlalchemy as sa

    engine = sa.create_engine(cli_db)
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM proposal_windows")).scalar() == 1
        assert c.execute(sa.text("SELECT number FROM notes")).scalars().all() == ["NCT/CT/708"]
    engine.dispose()
    f = tmp_path / "tea.md"
    f.write_text("AGREEMENT ON TEA BETWEEN THE PARTIES\n\nWHEREAS the Parties consider that tea is good for "
                 "friendly relations;\n\nHave agreed as follows:\n\nARTICLE 1 - Tea\n\n1. The Parties shall drink "
                 "tea together at every meeting.\n\n2. The Parties shall share tea with others.\n", encoding="utf-8")
    r = runner.invoke(cli.main, ["import", str(f)])
    assert r.exit_code == 0, r.output
    assert "version 1" in r.output


def test_users_create_and_errors(cli_db):
    runner = CliRunner()
    runner.invoke(cli.main, ["db", "upgrade"])
    r = runner.invoke(cli.main, ["users", "create", "d@example.org", "--role", "delegate", "--state", "KAZ",
                                 "--password", "long-enough"])
    assert r.exit_code == 0 and "KAZ" in r.output
    r = runner.invoke(cli.main, ["users", "create", "d@example.org", "--role", "observer", "--password", "long-enough"])
    assert r.exit_code == 2 and "already exists" in r.output
    r = runner.invoke(cli.main, ["users", "create", "e@example.org", "--role", "delegate", "--password", "long-enough"])
    assert r.exit_code == 2 and "member state" in r.output
