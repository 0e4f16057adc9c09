"""Failed logins are throttled and recorded; every response carries the security headers;
production refuses the development key; a router that fails to import stops the start."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD


def _login(client, email, password, ip=None):
    return client.post("/api/v1/auth/token", data={"username": email, "password": password})


def test_failed_logins_are_throttled_per_account_with_retry_after(client, users, db):
    from app.models import AuditEvent, LoginFailure

    users.make("kaz@example.org", "delegate", state="KAZ")
    for _ in range(5):
        r = _login(client, "kaz@example.org", "wrong password")
        assert r.status_code == 401 and r.json()["code"] == "login_failed"
    assert db.query(LoginFailure).filter_by(email="kaz@example.org").count() == 5
    assert db.query(AuditEvent).filter_by(action="auth.login_failed").count() == 5
    # now even the right password waits: the account is throttled
    r = _login(client, "kaz@example.org", PASSWORD)
    assert r.status_code == 429 and r.json()["code"] == "login_throttled"
    wait = int(r.headers["Retry-After"])
    assert 1 <= wait <= 901 and str(wait) in r.json()["detail"]
    r = client.post("/api/v1/auth/token?lang=ru", data={"username": "kaz@example.org", "password": PASSWORD})
    assert "Слишком много неудачных попыток входа" in r.json()["detail"]
    # another account is not affected
    users.make("ind@example.org", "delegate", state="IND")
    assert _login(client, "ind@example.org", PASSWORD).status_code == 200


def test_failed_logins_are_throttled_per_address(client, users, monkeypatch):
    from app.config import get_settings

    monkeypatch.setattr(get_settings(), "login_max_failures_per_address", 3)
    users.make("ind@example.org", "delegate", state="IND")
    for i in range(3):
        assert _login(client, f"nobody{i}@example.org", "x").status_code == 401
    r = _login(client, "ind@example.org", PASSWORD)  # the same address (the test client's)
    assert r.status_code == 429 and "Retry-After" in r.headers


def test_security_headers_on_pages_api_and_errors(client, officer):
    for r in (client.get("/login"), client.get("/api/v1/drafts", headers=officer),
              client.get("/api/v1/nothing-here"), client.get("/api/v1/drafts")):
        h = r.headers
        csp = h["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in h  # not in development
    assert client.get("/api/v1/drafts", headers=officer).headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script():
    from pathlib import Path

    import app.web

    for path in (Path(app.web.__file__).parent / "templates").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>" not in text and " on" + "click=" not in text and "style=\"" not in text, path.name


def test_production_with_the_default_secret_refuses_to_start(engine, monkeypatch):
    from app.config import get_settings
    from app.main import create_app

    s = get_settings()
    monkeypatch.setattr(s, "environment", "production")
    with pytest.raises(RuntimeError, match="CONCORD_SECRET_KEY"):
        create_app(engine)
    monkeypatch.setattr(s, "secret_key", "x" * 40)
    app = create_app(engine)
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        assert "max-age=" in c.get("/login").headers["strict-transport-security"]


def test_a_router_that_fails_to_import_stops_the_start(engine, monkeypatch):
    import sys

    from app.main import create_app

    monkeypatch.setitem(sys.modules, "app.compare.api", None)  # as if its import failed
    with pytest.raises(ImportError):
        create_app(engine)
