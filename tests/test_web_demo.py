"""The demo shows the three languages: the sample MoU has Russian and Kazakh demo translations of
several sections, one of them stale, and the pages show them."""

from __future__ import annotations

import re

from click.testing import CliRunner

from app import cli
from tests.test_cli import cli_db  # noqa: F401  (fixture)


def test_demo_loads_translations_one_stale_and_the_page_shows_them(cli_db):  # noqa: F811
    runner = CliRunner()
    assert runner.invoke(cli.main, ["db", "upgrade"]).exit_code == 0
    r = runner.invoke(cli.main, ["demo"])
    assert r.exit_code == 0, r.output
    assert runner.invoke(cli.main, ["demo"]).exit_code == 0  # idempotent

    from fastapi.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app()) as client:
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        client.post("/login", data={"email": "kaz@concord.test", "password": cli.DEMO_PASSWORD, "csrf_token": token})
        drafts = client.get("/").text
        d = re.search(r'href="/drafts/(\d+)">UNOCT–CICA', drafts).group(1)
        for lang, heading, stale in (("ru", "Цель и задачи МоВ", "Участники могут приглашать друг друга"),
                                     ("kk", "ӨТМ-нің мақсаты мен міндеттері", "Қатысушылар бір-бірін")):
            text = client.get(f"/drafts/{d}?lang={lang}").text
            assert heading in text
            stale_clause = re.search(r'<div class="clause[^"]*tr-stale"[^>]*>.*?</div>', text, re.S).group(0)
            assert stale in stale_clause
            assert text.count("tr-stale") == 1
        from app.db import transaction
        from app.models import Translation

        with transaction() as s:
            assert s.query(Translation).filter_by(lang="ru").count() == 8
