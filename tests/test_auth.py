"""Login, tokens, roles and the 401/403/404 rules."""

from __future__ import annotations

from app.models import AuditEvent, AuthSession


def test_token_login_and_me(client, users):
    users.make("kaz@example.org", "delegate", state="KAZ")
    r = client.get("/api/v1/auth/me", headers=users.headers("kaz@example.org"))
    assert r.status_code == 200
    assert r.json()["role"] == "delegate" and r.json()["state"] == "KAZ"


def test_wrong_password_is_401_with_a_clear_message(client, users):
    users.make("a@example.org", "secretariat")
    r = client.post("/api/v1/auth/token", data={"username": "a@example.org", "password": "nope"})
    assert r.status_code == 401
    assert r.json()["detail"] == "Incorrect e-mail or password."
    r = client.post("/api/v1/auth/token", data={"username": "ghost@example.org", "password": "nope"})
    assert r.status_code == 401


def test_missing_form_fields_are_422_not_500(client):
    r = client.post("/api/v1/auth/token", data={})
    assert r.status_code == 422
    assert "username" in r.json()["detail"]


def test_anonymous_gets_401_everywhere(client):
    for path in ("/api/v1/drafts", "/api/v1/drafts/1", "/api/v1/member-states", "/api/v1/audit",
                 "/api/v1/drafts/1/versions/1"):
        r = client.get(path)
        assert r.status_code == 401, path
        assert r.json()["detail"]


def test_bad_token_is_401(client):
    r = client.get("/api/v1/drafts", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401
    assert "log in again" in r.json()["detail"]


def test_logout_revokes_the_token(client, users, db):
    tok = users.make("s@example.org", "secretariat")
    h = {"Authorization": f"Bearer {tok}"}
    assert client.post("/api/v1/auth/logout", headers=h).status_code == 204
    assert client.get("/api/v1/drafts", headers=h).status_code == 401
    assert db.query(AuthSession).filter(AuthSession.revoked_at.is_not(None)).count() == 1


def test_tokens_are_stored_hashed(client, users, db):
    tok = users.make("s@example.org", "secretariat")
    stored = [row.token_hash for row in db.query(AuthSession)]
    assert tok not in stored and len(stored) == 1 and len(stored[0]) == 64


def test_passwords_are_argon2id(users, db):
    from app.models import User

    users.make("s@example.org", "secretariat")
    u = db.query(User).filter_by(email="s@example.org").one()
    assert u.password_hash.startswith("$argon2id$")


def test_login_writes_an_audit_event(client, users, db):
    users.make("s@example.org", "secretariat")
    actions = [e.action for e in db.query(AuditEvent).order_by(AuditEvent.id)]
    assert "user.create" in actions and "auth.login" in actions


def test_member_states_in_three_languages(client, users):
    users.make("o@example.org", "observer")
    h = users.headers("o@example.org")
    names = {s["iso3"]: s["name"] for s in client.get("/api/v1/member-states?lang=ru", headers=h).json()}
    assert len(names) == 28
    assert names["KAZ"] == "Казахстан"
    kk = {s["iso3"]: s["name"] for s in client.get("/api/v1/member-states?lang=kk", headers=h).json()}
    assert kk["KAZ"] == "Қазақстан"
    en = {s["iso3"]: s["name"] for s in client.get("/api/v1/member-states", headers=h).json()}
    assert en["IND"] == "India"
    r = client.get("/api/v1/member-states?lang=xx", headers=h)
    assert r.status_code == 422 and "xx" in r.json()["detail"]


def test_user_creation_rules(engine):
    import pytest

    from app.accounts.service import create_user, ensure_member_states
    from app.db import transaction
    from app.errors import Conflict, Unprocessable

    with transaction(engine) as s:
        ensure_member_states(s)
        create_user(s, "d@example.org", "long-enough", "delegate", state="KAZ")
    for args, kw, exc in [
        (("x@example.org", "long-enough", "delegate"), {}, Unprocessable),  # no state
        (("x@example.org", "long-enough", "delegate"), {"state": "XXX"}, Unprocessable),
        (("x@example.org", "long-enough", "emperor"), {}, Unprocessable),
        (("x@example.org", "short", "observer"), {}, Unprocessable),
        (("not-an-email", "long-enough", "observer"), {}, Unprocessable),
        (("D@example.org", "long-enough", "observer"), {}, Conflict),
    ]:
        with pytest.raises(exc), transaction(engine) as s:
            create_user(s, *args, **kw)


def test_account_refusals_read_in_russian_and_kazakh(client, users, engine):
    import pytest

    from app.accounts.service import create_user, ensure_member_states
    from app.db import transaction
    from app.errors import AppError
    from tests.support.languages import assert_not_english

    users.make("reader@example.org", "observer")
    h = users.headers("reader@example.org")
    ru = client.get("/api/v1/member-states?lang=xx", headers={**h, "Accept-Language": "ru"})
    assert ru.status_code == 422 and ru.json()["code"] == "lang_unknown_use"
    assert ru.json()["detail"] == "Неизвестный язык «xx»; используйте один из: en, ru, kk."
    kk = client.get("/api/v1/member-states?lang=xx", headers={**h, "Accept-Language": "kk"})
    assert kk.json()["detail"] == "Белгісіз тіл «xx»; мыналардың бірін қолданыңыз: en, ru, kk."
    with transaction(engine) as s:
        ensure_member_states(s)
    cases = [
        (("x@example.org", "long-enough", "delegate"), {}, "ru", "Делегат должен быть привязан", {"state", "ISO"}),
        (("x@example.org", "long-enough", "delegate"), {"state": "XXX"}, "kk", "Белгісіз мүше мемлекет «XXX»",
         {"XXX", "ISO", "alpha", "KAZ"}),
        (("x@example.org", "short", "observer"), {}, "ru", "Пароль должен содержать не менее 8 знаков.", set()),
        (("x@example.org", "long-enough", "emperor"), {}, "kk", "Белгісіз рөл «emperor»; рөлдер: ",
         {"emperor", "admin", "secretariat", "translator", "delegate", "observer"}),
        (("not-an-email", "long-enough", "observer"), {}, "kk", "«not-an-email» — электрондық пошта",
         {"not", "email"}),
        (("reader@example.org", "long-enough", "observer"), {}, "ru", "Пользователь с адресом reader@example.org",
         {"reader", "example", "org"}),
    ]
    for args, kw, lang, sentence, keys in cases:
        with pytest.raises(AppError) as info, transaction(engine) as s:
            create_user(s, *args, **kw)
        assert info.value.message(lang).startswith(sentence), info.value.message(lang)
        assert_not_english(info.value.message(lang), keys)
