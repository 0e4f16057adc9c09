"""Web pages through the HTTP client: login with a server-side session, CSRF, languages."""

from __future__ import annotations

import re

from app.models import AuthSession
from tests.conftest import PASSWORD


def _login(client, email):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token, "next": "/"},
                       follow_redirects=False)


def test_login_sets_a_server_side_session_cookie(client, users, cica_draft, db):
    users.make("kaz@example.org", "delegate", state="KAZ")
    r = _login(client, "kaz@example.org")
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "concord_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    home = client.get("/")
    assert home.status_code == 200 and "UNITED NATIONS OFFICE" in home.text.upper()
    assert db.query(AuthSession).filter_by(kind="cookie").count() == 1


def test_anonymous_page_redirects_to_login(client):
    r = client.get("/", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_login_form_without_csrf_is_refused(client, users):
    users.make("a@example.org", "secretariat")
    r = client.post("/login", data={"email": "a@example.org", "password": PASSWORD, "csrf_token": "forged"},
                    headers={"accept": "text/html"})
    assert r.status_code == 403


def test_wrong_password_shows_the_form_again_in_russian(client, users):
    users.make("a@example.org", "secretariat")
    page = client.get("/login?ui=ru")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/login", data={"email": "a@example.org", "password": "wrong", "csrf_token": token})
    assert r.status_code == 401
    assert "Неверный адрес электронной почты или пароль." in r.text


def test_logout_needs_csrf_and_revokes(client, users, db):
    users.make("a@example.org", "secretariat")
    _login(client, "a@example.org")
    r = client.post("/logout", data={"csrf_token": "wrong"}, headers={"accept": "text/html"})
    assert r.status_code == 403
    page = client.get("/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/", headers={"accept": "text/html"}, follow_redirects=False).status_code == 303
    assert db.query(AuthSession).filter(AuthSession.revoked_at.is_not(None)).count() == 1


def test_cookie_session_cannot_write_the_api_without_csrf_header(client, users, cica_draft):
    users.make("a@example.org", "secretariat")
    _login(client, "a@example.org")
    r = client.post("/api/v1/drafts", json={"text": "WHEREAS x;"})
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]


def test_draft_page_in_kazakh_marks_missing_translations(client, users, cica_draft):
    users.make("a@example.org", "secretariat")
    _login(client, "a@example.org")
    r = client.get(f"/drafts/{cica_draft['id']}?lang=kk&ui=kk")
    assert r.status_code == 200
    assert "аудармасы жоқ" in r.text  # "translation missing", in Kazakh
    assert "Purpose and Objectives of the MoU" in r.text
    r = client.get(f"/drafts/{cica_draft['id']}?lang=fr", headers={"accept": "text/html"})
    assert r.status_code == 422 and "fr" in r.text


def test_accept_language_negotiation(client, users, cica_draft):
    users.make("a@example.org", "secretariat")
    _login(client, "a@example.org")
    r = client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert "Проекты" in r.text
