"""Errors carry a stable code, their data, and a message in the reader's language; 422 bodies
match the OpenAPI schema; plain-text errors keep working."""

from __future__ import annotations

from app.errors import Conflict, NotFound


def test_plain_text_errors_keep_working():
    exc = Conflict("Proposal 3 is withdrawn.")
    assert exc.detail == "Proposal 3 is withdrawn." and exc.status_code == 409 and exc.code == "conflict"
    assert exc.body("ru") == {"detail": "Proposal 3 is withdrawn.", "code": "conflict"}
    coded = NotFound(code="draft_not_found", id=7)
    assert coded.detail == "Draft 7 not found." and coded.message("ru") == "Проект 7 не найден."
    assert coded.message("kk") == "7 жобасы табылмады."


def test_not_found_in_the_readers_language(client, officer):
    r = client.get("/api/v1/drafts/999", headers=officer)
    assert r.status_code == 404
    assert r.json() == {"detail": "Draft 999 not found.", "code": "draft_not_found", "params": {"id": 999}}
    r = client.get("/api/v1/drafts/999?lang=ru", headers=officer)
    assert r.json()["detail"] == "Проект 999 не найден."
    r = client.get("/api/v1/drafts/999", headers={**officer, "Accept-Language": "kk, ru;q=0.5"})
    assert r.json()["detail"] == "999 жобасы табылмады." and r.json()["code"] == "draft_not_found"


def test_auth_and_permission_errors_are_coded(client, users):
    r = client.get("/api/v1/drafts", headers={"Authorization": "Bearer nonsense", "Accept-Language": "ru"})
    assert r.status_code == 401 and r.json()["code"] == "token_invalid"
    assert r.json()["detail"] == "Ваш токен недействителен или истёк; войдите снова."
    users.make("kaz@example.org", "delegate", state="KAZ")
    r = client.get("/api/v1/audit", headers=users.headers("kaz@example.org"))
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden"
    assert r.json()["params"] == {"role": "delegate", "what": "read the audit log"}


def test_validation_errors_match_the_openapi_schema(client, officer):
    r = client.post("/api/v1/drafts", headers={**officer, "Accept-Language": "ru"}, json={"title": 5})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "validation" and body["detail"].startswith("Неверный запрос: ")
    assert {"loc", "msg", "type"} <= set(body["errors"][0]) and isinstance(body["errors"][0]["loc"], list)
    schema = client.get("/openapi.json").json()
    op = schema["paths"]["/api/v1/drafts"]["post"]
    ref = op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    err = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert set(err["required"]) == {"detail", "code"}
    assert set(body) <= set(err["properties"])
    assert err["properties"]["detail"]["type"] == "string"
    for status in ("401", "403", "404", "409", "412", "428"):
        assert status in op["responses"], status


def test_validation_problems_read_in_the_readers_language(client, users):
    """A delegate's client in Russian or Kazakh that sends a malformed proposal reads what is wrong
    with each field in its language, not Pydantic's English; programs keep the structured list."""
    import re

    users.make("kaz@example.org", "delegate", state="KAZ")
    h = users.headers("kaz@example.org")
    body = {"kind": "replace", "clause_key": 5, "unexpected": 1}
    ru = client.post("/api/v1/drafts/1/proposals", headers={**h, "Accept-Language": "ru"}, json=body).json()
    assert ru["code"] == "validation"
    assert "clause_key: должно быть текстом" in ru["detail"], ru["detail"]
    kk = client.post("/api/v1/drafts/1/proposals", headers={**h, "Accept-Language": "kk"}, json=body).json()
    assert "clause_key: мәтін болуы керек" in kk["detail"], kk["detail"]
    for detail in (ru["detail"], kk["detail"]):  # the only Latin words left are the field names
        words = set(re.findall(r"[A-Za-z_]{3,}", detail))
        assert words <= {"clause_key", "unexpected", "kind", "proposed_text", "base_version"}, detail
    assert {e["type"] for e in ru["errors"]} >= {"string_type"} and "Input should be" in ru["params"]["errors"]
    en = client.post("/api/v1/drafts/1/proposals", headers=h, json={"kind": "replace", "clause_key": "x" * 5000})
    assert en.status_code == 422 and "should have at most" in en.json()["detail"], en.json()["detail"]
