"""The secretariat's paperwork in the pages: notes verbales (create, preview in three languages,
issue, download), the audit log, and sharing a draft with an observer."""

from __future__ import annotations

import re

from app.models import DraftShare, Note
from tests.notes.conftest import name_forms  # noqa: F401  (fixture)
from tests.test_web_pages import _csrf, _login


def test_officer_registers_previews_and_issues_a_note(client, users, officer, cica_draft, name_forms, db):  # noqa: F811
    users.make("officer2@example.org", "secretariat")
    _login(client, "officer@example.org")
    page = client.get("/notes")
    assert page.status_code == 200 and '<select id="n-kind" name="kind" required>' in page.text
    token = _csrf(page.text)
    # a refusal keeps what was chosen
    r = client.post("/notes", data={"csrf_token": token, "kind": "transmission", "date": "2024-06-12",
                                    "place": "astana", "sender": "", "addressees": ["cica-member-states"]})
    assert r.status_code == 422 and '<option value="astana" selected>' in r.text
    assert db.query(Note).count() == 0
    r = client.post("/notes", data={"csrf_token": token, "kind": "transmission", "number": "NCT/CT/708",
                                    "date": "2024-06-12", "place": "astana", "sender": "cica-secretariat",
                                    "addressees": ["cica-member-states"], "title": "cica-unoct-mou",
                                    "draft_id": str(cica_draft["id"]), "enclosure_pages": "9",
                                    "meeting_body": "cica-swg", "meeting_date": "2024-06-25"},
                    follow_redirects=False)
    assert r.status_code == 303
    note_url = r.headers["location"]
    page = client.get(note_url)
    assert page.status_code == 200
    assert page.text.count('class="note note-transmission"') == 3  # en, ru and kk
    assert "12 июня 2024 года" in page.text and "2024 жылғы 12 маусым" in page.text
    assert re.search(r'href="/api/v1/notes/\d+\.docx\?lang=kk"', page.text)
    r = client.post(f"{note_url}/issue", data={"csrf_token": _csrf(page.text),
                                               "etag": re.search(r'name="etag" value="([^"]+)"', page.text)[1]
                                               .replace("&#34;", '"'), "confirm": "yes"}, follow_redirects=False)
    assert r.status_code == 303
    assert db.query(Note).one().status == "issued"
    assert 'action="' + note_url + '/issue"' not in client.get(note_url).text
    docx = client.get(re.search(r'href="(/api/v1/notes/\d+\.docx)"', page.text)[1])
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    home = client.get("/")
    assert "NCT/CT/708" not in home.text.split("Drafts")[0]  # issued: no longer due


def test_the_note_form_names_each_entity_in_the_readers_language(client, users, officer, name_forms):  # noqa: F811
    """A translator filling the form in Kazakh picks "Біріккен Ұлттар Ұйымының ..." from the list, not
    the key "unoct"; in English the English name."""
    _login(client, "officer@example.org")
    kk = client.get("/notes?ui=kk").text
    option = re.search(r'<option value="unoct"[^>]*>([^<]+)</option>', kk)[1]
    assert option.startswith("Біріккен Ұлттар Ұйымының") and "unoct" not in option
    en = client.get("/notes?ui=en").text
    assert re.search(r'<option value="unoct" >United Nations Office of Counter-Terrorism \(UNOCT\)</option>', en)


def test_audit_log_page_for_the_secretariat_only(client, users, officer, cica_draft):
    users.make("kaz@example.org", "delegate", state="KAZ")
    _login(client, "officer@example.org")
    page = client.get("/audit?ui=ru")
    assert page.status_code == 200 and ("draft.import" in page.text or "draft.create" in page.text)
    assert "Цепочка событий не нарушена." in page.text
    # what each event is about is named in Russian, the draft linked; the filter's choices too
    did = cica_draft["id"]
    assert re.search(rf'<td>Проект <a href="/drafts/{did}">{did}</a></td>', page.text)
    assert '<option value="proposal" >Предложение</option>' in page.text
    assert not re.search(r"<td>(draft|proposal|user) \d+</td>", page.text)
    _login(client, "kaz@example.org")
    assert client.get("/audit", headers={"accept": "text/html"}).status_code == 403


def test_officer_shares_a_draft_with_an_observer(client, users, officer, cica_draft, db):
    users.make("obs@example.org", "observer")
    _login(client, "obs@example.org")
    assert client.get(f"/drafts/{cica_draft['id']}", headers={"accept": "text/html"}).status_code == 404
    _login(client, "officer@example.org")
    page = client.get(f"/drafts/{cica_draft['id']}")
    r = client.post(f"/drafts/{cica_draft['id']}/share", data={"csrf_token": _csrf(page.text),
                                                                "email": "obs@example.org"}, follow_redirects=False)
    assert r.status_code == 303
    assert db.query(DraftShare).count() == 1
    _login(client, "obs@example.org")
    assert client.get(f"/drafts/{cica_draft['id']}").status_code == 200


def test_the_note_form_refuses_in_the_readers_language(client, users, officer, name_forms, db):  # noqa: F811
    """A Russian page that is sent without the kind of note says so in Russian, not in English."""
    from tests.support.languages import assert_not_english

    _login(client, "officer@example.org")
    page = client.get("/notes?ui=ru")
    r = client.post("/notes?ui=ru", data={"csrf_token": _csrf(page.text), "kind": "", "date": "2024-06-12",
                                          "place": "astana", "sender": "cica-secretariat",
                                          "addressees": ["cica-member-states"]})
    assert r.status_code == 422 and "Выберите вид ноты." in r.text
    assert "Choose the kind of note." not in r.text
    alert = re.search(r'<div class="error" role="alert">(.*?)</div>', r.text, re.S)[1]
    assert 'lang="en"' not in alert  # nothing in it is marked as left in English
    assert_not_english(re.sub(r"<[^>]+>", " ", alert))
    r = client.post("/notes?ui=kk", data={"csrf_token": _csrf(page.text), "kind": "transmission", "date": "",
                                          "place": "astana"})
    assert r.status_code == 422 and "Нотаның күнін көрсетіңіз." in r.text
    assert db.query(Note).count() == 0
