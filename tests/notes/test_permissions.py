"""Who may read and change notes and name forms."""

from __future__ import annotations

import pytest


def ids(client, who, **params):
    r = client.get("/api/v1/notes", headers=who, params=params)
    assert r.status_code == 200, r.text
    return [n["id"] for n in r.json()]


def test_only_the_secretariat_registers_and_changes_notes(client, notes):
    for who in (notes.delegate("KAZ"), notes.role("translator"), notes.role("observer")):
        r = client.post("/api/v1/notes", headers=who, json=notes.facts())
        assert r.status_code == 403, r.text
        assert "may not register notes" in r.json()["detail"]
    n = notes.create()
    translator = notes.role("translator")
    r = client.patch(f"/api/v1/notes/{n['id']}", headers={**translator, "If-Match": notes.etag(n["id"])},
                     json={"enclosure_pages": 2})
    assert r.status_code == 403
    assert notes.issue(n["id"], who=translator, expect=403)
    admin = notes.role("admin")
    assert notes.create(number="NCT/CT/709", who=admin)["number"] == "NCT/CT/709"


def test_delegates_read_issued_notes_of_drafts_they_take_part_in(client, notes):
    ind_only = notes.other_draft(participants=["IND"])
    cica = notes.create()
    tea = notes.create(number="NCT/CT/709", draft_id=ind_only)
    kaz, ind = notes.delegate("KAZ"), notes.delegate("IND")
    # draft notes: nobody outside the secretariat sees them
    for who in (kaz, ind):
        notes.get(cica["id"], who=who, expect=404)
        assert ids(client, who) == []
    notes.issue(cica["id"])
    notes.issue(tea["id"])
    assert ids(client, kaz) == [cica["id"]]
    assert ids(client, ind) == [cica["id"], tea["id"]]
    r = notes.get(tea["id"], who=kaz, expect=404)
    assert r.json()["detail"] == f"Note {tea['id']} not found."
    assert client.get(f"/api/v1/notes/{tea['id']}.docx", headers=kaz).status_code == 404
    body = notes.get(cica["id"], who=kaz, lang="kk").json()
    assert body["status"] == "issued" and body["text"].startswith("Азиядағы өзара іс-қимыл")
    assert "missing_forms" not in body and "referred_by" not in body
    assert client.get(f"/api/v1/notes/{tea['id']}.docx", headers=ind, params={"lang": "en"}).status_code == 200
    # delegates cannot change an issued note they can read (403), nor see the register's next number
    r = client.patch(f"/api/v1/notes/{cica['id']}", headers={**kaz, "If-Match": "*"}, json={"enclosure_pages": 2})
    assert r.status_code == 403
    assert client.get("/api/v1/notes/next-number", headers=kaz).status_code == 403


def test_observers_read_issued_notes_of_drafts_shared_with_them(client, notes):
    n = notes.create()
    notes.issue(n["id"])
    observer = notes.role("observer")
    notes.get(n["id"], who=observer, expect=404)
    assert ids(client, observer) == []
    observer_id = client.get("/api/v1/auth/me", headers=observer).json()["id"]
    r = client.post(f"/api/v1/drafts/{notes.draft['id']}/shares/{observer_id}", headers=notes.officer)
    assert r.status_code == 204, r.text
    assert notes.get(n["id"], who=observer).json()["number"] == "NCT/CT/708"
    assert ids(client, observer) == [n["id"]]


def test_translators_read_everything_but_write_no_name_forms(client, notes):
    n = notes.create()
    translator = notes.role("translator")
    body = notes.get(n["id"], who=translator).json()
    assert body["status"] == "draft" and body["missing_forms"] == []
    assert ids(client, translator) == [n["id"]]
    assert client.get("/api/v1/notes/next-number", headers=translator).status_code == 200
    assert client.get("/api/v1/name-forms/astana", headers=translator).status_code == 200
    r = client.put("/api/v1/name-forms/astana", headers={**translator, "If-Match": "*"},
                   json={"kind": "place", "forms": {"en": {"nominative": "Nur-Sultan"}}})
    assert r.status_code == 403 and "may not edit name forms" in r.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/name-forms", "/api/v1/name-forms/astana"])
def test_delegates_do_not_read_the_name_forms(client, notes, path):
    assert client.get(path, headers=notes.delegate("KAZ")).status_code == 403


def test_anonymous_is_401(client, notes):
    n = notes.create()
    for path in ("/api/v1/notes", f"/api/v1/notes/{n['id']}", f"/api/v1/notes/{n['id']}.docx", "/api/v1/name-forms"):
        assert client.get(path).status_code == 401
