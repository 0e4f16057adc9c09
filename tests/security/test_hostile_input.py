"""Hostile input at the edge: NUL and control characters, oversized bodies, too many clauses."""

from __future__ import annotations

import io
import json
import zipfile

import pytest


def _etag(client, officer, d):
    return client.get(f"/api/v1/drafts/{d}", headers=officer).headers["ETag"]


def test_a_control_character_in_a_title_does_not_break_the_word_exports(flow, engine):
    """A title with U+000B stored (e.g. by an older version or a script): every export still works."""
    from sqlalchemy import update

    from app.db import transaction
    from app.models import Draft

    with transaction(engine) as s:
        s.execute(update(Draft).where(Draft.id == flow.d).values(title="MoU\x0bbetween\x07 CICA and UNOCT",
                                                                   short_title="MoU\x0b"))
    flow.open()
    p = flow.propose("KAZ", kind="replace", clause_key=flow.clause("1.1")["key"],
                     proposed_text="Cooperation\x0b is voluntary.", expect=(422, 201)[0])
    assert p["code"] == "control_character"
    p = flow.propose("KAZ", kind="replace", clause_key=flow.clause("1.1")["key"], proposed_text="Voluntary.")
    flow.decide(p["id"])
    flow.consolidate()
    for kind in ("signature", "parallel", "compilation", "redline"):
        r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/{kind}.docx", headers=flow.officer)
        assert r.status_code == 200, (kind, r.text)
        xml = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode()
        assert "\x0b" not in xml and "\x07" not in xml


@pytest.mark.parametrize("bad,code", [("\x00", "nul_character"), ("\x0b", "control_character"),
                                      ("\ud800", "control_character")])
def test_nul_and_control_characters_are_refused_with_a_clear_422(client, officer, cica_draft, bad, code):
    d = cica_draft["id"]
    as_json = {**officer, "Content-Type": "application/json"}
    r = client.patch(f"/api/v1/drafts/{d}", headers={**as_json, "If-Match": _etag(client, officer, d)},
                     content=json.dumps({"title": f"MoU{bad}2024"}))
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code and r.json()["params"]["field"] == "title"
    r = client.post("/api/v1/drafts", headers=as_json, content=json.dumps({"text": f"AGREEMENT\n\n1. One{bad}two.\n"}))
    assert r.status_code == 422 and r.json()["code"] == code and r.json()["params"]["field"] == "text"
    if bad != "\ud800":  # a lone surrogate cannot be put in a URL
        r = client.get("/api/v1/drafts", headers=officer, params={"q": f"a{bad}"})
        assert r.status_code == 422 and r.json()["code"] == code
    assert client.get(f"/api/v1/drafts/{d}", headers=officer).json()["title"] == cica_draft["title"]


def test_the_error_is_in_the_readers_language(client, officer, cica_draft):
    d = cica_draft["id"]
    r = client.patch(f"/api/v1/drafts/{d}", headers={**officer, "If-Match": _etag(client, officer, d),
                                                     "Accept-Language": "ru"}, json={"title": "MoU\x00"})
    assert r.status_code == 422 and "символ NUL" in r.json()["detail"]
    r = client.patch(f"/api/v1/drafts/{d}?lang=kk", headers={**officer, "If-Match": _etag(client, officer, d)},
                     json={"title": "MoU\x00"})
    assert "NUL таңбасы" in r.json()["detail"]


def test_a_draft_may_not_hold_more_clauses_than_the_setting(client, officer, monkeypatch):
    from app.config import get_settings

    monkeypatch.setattr(get_settings(), "max_clauses_per_draft", 50)
    head = "AGREEMENT\n\nWHEREAS the Parties wish to cooperate;\n\nHave agreed as follows:\n\nArticle 1\nScope\n\n"
    text = head + "".join(f"{i}. Paragraph number {i}.\n\n" for i in range(1, 80))
    r = client.post("/api/v1/drafts/import", headers=officer, files={"file": ("big.md", text.encode(), "text/markdown")})
    assert r.status_code == 413, r.text
    assert r.json()["code"] == "too_many_clauses" and r.json()["params"]["limit"] == 50
    assert client.get("/api/v1/drafts", headers=officer).json() == []
    small = head + "".join(f"{i}. Paragraph number {i}.\n\n" for i in range(1, 20))
    assert client.post("/api/v1/drafts", headers=officer, json={"text": small}).status_code == 201


def test_an_oversized_json_body_is_refused_before_it_is_read(client, officer):
    big = b'{"text": "' + b"a" * (13 * 1024 * 1024) + b'"}'
    r = client.post("/api/v1/drafts", headers={**officer, "Content-Type": "application/json"}, content=big)
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"
    # anonymous: a small cap, answered before authentication
    r = client.post("/api/v1/drafts", headers={"Content-Type": "application/json"}, content=b"{" + b" " * 100_000 + b"}")
    assert r.status_code == 413
    r = client.post("/api/v1/auth/token", data={"username": "x" * 20_000, "password": "y"})
    assert r.status_code == 413


def test_an_anonymous_streamed_body_is_cut_off_at_the_cap(app):
    """300 MiB sent in chunks without Content-Length: the server reads no more than the cap."""
    import asyncio

    from app.config import get_settings

    chunk = b"x" * (1024 * 1024)
    sent = 0
    messages: list[dict] = []

    async def receive():
        nonlocal sent
        sent += 1
        return {"type": "http.request", "body": chunk, "more_body": sent < 300}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "path": "/api/v1/drafts/import", "raw_path": b"/api/v1/drafts/import", "query_string": b"",
             "headers": [(b"content-type", b"multipart/form-data; boundary=xyz"),
                         (b"transfer-encoding", b"chunked")],
             "client": ("127.0.0.1", 1234), "server": ("testserver", 80), "scheme": "http", "root_path": ""}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    assert start["status"] == 413
    assert sent * len(chunk) <= get_settings().max_anonymous_body_bytes + len(chunk)
    # a Content-Length over the cap: refused without reading anything
    sent, messages[:] = 0, []
    scope["headers"] = [(b"content-type", b"application/json"), (b"content-length", str(300 << 20).encode())]
    asyncio.run(app(scope, receive, send))
    assert messages[0]["status"] == 413 and sent == 0
