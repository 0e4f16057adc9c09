"""The audit chain is verified incrementally, its head is signed, and `concord audit verify`
reports the first broken link: a rewritten or truncated chain is detected."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from app import cli
from app.audit.service import _event_hash
from app.config import get_settings


def _drop_guard(engine):
    """What an attacker with the application's database role can do: remove the insert-only trigger."""
    with engine.begin() as c:
        if engine.dialect.name == "sqlite":
            c.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_update")
            c.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_delete")
        else:
            c.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_insert_only ON audit_events")


def _rows(engine):
    with engine.connect() as c:
        return [dict(r._mapping) for r in c.execute(text("SELECT * FROM audit_events ORDER BY id"))]


def _rehash_from(engine, first_id):
    """Recompute every hash from ``first_id`` on, as a careful attacker would."""
    from sqlalchemy.orm import Session

    from app.models import AuditEvent

    with Session(bind=engine) as s:
        prev = ""
        for ev in s.query(AuditEvent).order_by(AuditEvent.id):
            if ev.id >= first_id:
                h = _event_hash(prev, ev.at.isoformat(), ev.actor, ev.action, ev.object_type, ev.object_id,
                                ev.details)
                s.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :i"),
                          {"p": prev, "h": h, "i": ev.id})
                prev = h
            else:
                prev = ev.hash
        s.commit()


def _verify(db_url, monkeypatch, *args):
    monkeypatch.setenv("CONCORD_DATABASE_URL", db_url)
    get_settings.cache_clear()
    from app.db import dispose_engines

    try:
        return CliRunner().invoke(cli.main, ["audit", "verify", *args])
    finally:
        dispose_engines()
        get_settings.cache_clear()


@pytest.fixture
def history(client, officer, cica_draft):
    d = cica_draft["id"]
    for i in range(3):
        tag = client.get(f"/api/v1/drafts/{d}", headers=officer).headers["ETag"]
        assert client.patch(f"/api/v1/drafts/{d}", headers={**officer, "If-Match": tag},
                            json={"short_title": f"MoU {i}"}).status_code == 200
    return d


def test_a_valid_chain_is_verified_incrementally(client, officer, history, db_url, monkeypatch):
    r = client.get("/api/v1/audit", headers=officer).json()
    assert r["chain_valid"] is True
    # every event was written on a verified head: GET /audit recomputes nothing
    assert r["verification"]["checked"] == 0 and r["verification"]["events"] >= 5
    out = _verify(db_url, monkeypatch)
    assert out.exit_code == 0, out.output
    assert "audit chain valid" in out.output


def test_a_rewritten_chain_is_detected(client, officer, history, engine, db_url, monkeypatch):
    _drop_guard(engine)
    rows = _rows(engine)
    victim = rows[2]["id"]
    with engine.begin() as c:
        c.execute(text("UPDATE audit_events SET actor = 'someone.else@example.org' WHERE id = :i"), {"i": victim})
    # without recomputing the hashes: the full check names the first broken link
    out = _verify(db_url, monkeypatch)
    assert out.exit_code == 1 and f"BROKEN at event {victim}" in out.output
    # with every hash recomputed: the chain holds together, but no longer matches the signed head
    _rehash_from(engine, victim)
    assert client.get("/api/v1/audit", headers=officer).json()["chain_valid"] is False
    out = _verify(db_url, monkeypatch)
    assert out.exit_code == 1 and "signed head" in out.output


def test_a_truncated_chain_is_detected(client, officer, history, engine, db_url, monkeypatch):
    _drop_guard(engine)
    last = _rows(engine)[-1]["id"]
    with engine.begin() as c:
        c.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": last})
    r = client.get("/api/v1/audit", headers=officer).json()
    assert r["chain_valid"] is False and r["verification"]["broken_at"] == last
    out = _verify(db_url, monkeypatch)
    assert out.exit_code == 1 and "deleted" in out.output
