"""Importing a new draft in the pages: the preview (tree with labels, numbering warnings, dropped
lines with their reasons, the fidelity check) stores nothing; "Create the draft" stores exactly
the previewed file; a tampered or missing file is refused in the reader's language."""

from __future__ import annotations

import html
import io
import re

from docx import Document as WordDocument

from app.models import Draft, DraftParticipant, Version
from tests.drafts.test_import_report import IRREGULAR
from tests.test_web_pages import _csrf, _login

HTML = {"accept": "text/html"}


def _text(page) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page.text)))


def _field(page, name) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page.text)[1])


def _preview(client, name, data, ui="en"):
    page = client.get("/drafts/import", headers=HTML)
    assert page.status_code == 200 and 'type="file"' in page.text
    return client.post(f"/drafts/import?ui={ui}", headers=HTML, data={"csrf_token": _csrf(page.text),
                                                                        "action": "preview"},
                       files={"file": (name, data, "text/plain")})


def test_preview_then_create_the_draft(client, officer, db):
    _login(client, "officer@example.org")
    home = client.get("/", headers=HTML)
    assert 'href="/drafts/import"' in home.text
    r = _preview(client, "agreement.txt", IRREGULAR.encode())
    assert r.status_code == 200, _text(r)[:2000]
    text = _text(r)
    assert "“4.” follows “2.”: the numbers skip (in sequence it would be “3.”)." in text
    assert "12 page number" in text  # the dropped line, its text and its reason
    assert re.search(r"Fidelity check: \d+ words in the file, \d+ in the stored text", text)
    outline = re.search(r'<ol class="plain outline">(.*?)</ol>', r.text, re.S)[1]
    assert "<strong>Article 3</strong>" in outline and "<strong>4.</strong>" in outline
    assert db.query(Draft).count() == 0  # a preview stores nothing
    # the same preview in Russian: the warnings and reasons in Russian
    ru = _text(_preview(client, "agreement.txt", IRREGULAR.encode(), ui="ru"))
    assert "«4.» идёт после «2.»: в нумерации пропуск" in ru and "номер страницы" in ru
    # create: the file previewed travels back with the form, signed
    token = _csrf(r.text)
    data = {"csrf_token": token, "action": "create", "payload": _field(r, "payload"), "sig": _field(r, "sig"),
            "name": "agreement.txt", "title": "Agreement on cooperation", "short_title": "Cooperation",
            "participants": ["KAZ", "IND"]}
    created = client.post("/drafts/import", headers=HTML, data=data, follow_redirects=False)
    assert created.status_code == 303, _text(created)[:2000]
    d = db.query(Draft).one()
    assert created.headers["location"] == f"/drafts/{d.id}?imported=1"
    assert d.title == "Agreement on cooperation" and d.short_title == "Cooperation"
    assert {p.state_iso3 for p in db.query(DraftParticipant).filter_by(draft_id=d.id)} == {"KAZ", "IND"}
    assert db.query(Version).filter_by(draft_id=d.id).count() == 1
    page = client.get(created.headers["location"], headers=HTML)
    assert "The Parties shall meet once a year." in page.text


def test_a_tampered_payload_or_a_missing_file_is_refused_and_nothing_is_stored(client, officer, db):
    _login(client, "officer@example.org")
    r = _preview(client, "agreement.txt", IRREGULAR.encode())
    payload = _field(r, "payload")
    other = _preview(client, "other.txt", IRREGULAR.replace("once a year", "twice a year").encode())
    bad = client.post("/drafts/import?ui=kk", headers=HTML, data={
        "csrf_token": _csrf(r.text), "action": "create", "payload": _field(other, "payload"), "sig": _field(r, "sig"),
        "name": "agreement.txt", "title": "Kept title"})
    assert bad.status_code == 422 and "Алдын ала қаралған файл бүтін қайтпады" in _text(bad)
    assert 'value="Kept title"' in bad.text  # what was typed is kept
    assert db.query(Draft).count() == 0
    assert payload != _field(other, "payload")
    r = client.post("/drafts/import?ui=ru", headers=HTML, data={"csrf_token": _csrf(r.text), "action": "preview"})
    assert r.status_code == 422 and "Выберите файл для импорта" in _text(r)
    r = _preview(client, "agreement.pdf", b"%PDF-1.4 nothing")
    assert r.status_code == 415 and db.query(Draft).count() == 0


def test_a_word_file_is_previewed_too(client, officer, db):
    _login(client, "officer@example.org")
    doc = WordDocument()
    for line in IRREGULAR.strip().split("\n\n"):
        doc.add_paragraph(line.replace("\n", " "))
    buf = io.BytesIO()
    doc.save(buf)
    r = _preview(client, "agreement.docx", buf.getvalue())
    assert r.status_code == 200, _text(r)[:2000]
    assert "agreement.docx:" in _text(r) and "<strong>4.</strong>" in r.text


def test_only_the_secretariat_imports(client, users, cica_draft):
    users.make("kaz@example.org", "delegate", state="KAZ")
    _login(client, "kaz@example.org")
    assert client.get("/drafts/import", headers=HTML).status_code == 403
    assert 'href="/drafts/import"' not in client.get("/", headers=HTML).text
