from __future__ import annotations

import copy

import pytest

from app.core.notes.data import REFERENCE_NOTE

TEA = ("AGREEMENT ON TEA BETWEEN THE PARTIES\n\nWHEREAS the Parties consider that tea is good for friendly "
       "relations;\n\nHave agreed as follows:\n\nArticle 1\nTea\n\n1. The Parties shall drink tea together at "
       "every meeting.\n")


class Notes:
    """Drives the note register through the API, as the secretariat and the delegations would."""

    def __init__(self, client, users, officer, draft):
        self.c = client
        self.users = users
        self.officer = officer
        self.draft = draft

    def facts(self, **changes) -> dict:
        """The facts of note NCT/CT/708 on the CICA draft, as an API body, with some changed."""
        body = {**copy.deepcopy(REFERENCE_NOTE), "draft_id": self.draft["id"]}
        body.update(changes)
        return {k: v for k, v in body.items() if v is not None}

    def create(self, expect=201, who=None, **changes) -> dict:
        r = self.c.post("/api/v1/notes", headers=who or self.officer, json=self.facts(**changes))
        assert r.status_code == expect, r.text
        return r.json()

    def get(self, note_id, who=None, expect=200, **params):
        r = self.c.get(f"/api/v1/notes/{note_id}", headers=who or self.officer, params=params)
        assert r.status_code == expect, r.text
        return r

    def text(self, note_id, lang, who=None) -> str:
        r = self.get(note_id, who, lang=lang, format="text")
        assert r.headers["content-type"].startswith("text/plain")
        return r.text

    def etag(self, note_id) -> str:
        return self.get(note_id).headers["ETag"]

    def patch(self, note_id, expect=200, etag=None, **changes):
        headers = {**self.officer, "If-Match": etag or self.etag(note_id)}
        r = self.c.patch(f"/api/v1/notes/{note_id}", headers=headers, json=changes)
        assert r.status_code == expect, r.text
        return r.json()

    def issue(self, note_id, expect=200, who=None):
        r = self.c.post(f"/api/v1/notes/{note_id}/issue", headers=who or self.officer)
        assert r.status_code == expect, r.text
        return r.json()

    def name_forms(self, key) -> tuple[dict, str]:
        r = self.c.get(f"/api/v1/name-forms/{key}", headers=self.officer)
        assert r.status_code == 200, r.text
        return r.json(), r.headers["ETag"]

    def put_forms(self, key, kind, forms, expect=(200, 201), etag=None):
        headers = dict(self.officer)
        if etag:
            headers["If-Match"] = etag
        r = self.c.put(f"/api/v1/name-forms/{key}", headers=headers, json={"kind": kind, "forms": forms})
        assert r.status_code in (expect if isinstance(expect, tuple) else (expect,)), r.text
        return r

    def set_form(self, key, lang, form, text):
        """Change one form of an entity through the API (empty text: remove it)."""
        current, etag = self.name_forms(key)
        forms = copy.deepcopy(current["forms"])
        forms.setdefault(lang, {})[form] = text
        return self.put_forms(key, current["kind"], forms, expect=200, etag=etag)

    def other_draft(self, participants=None) -> int:
        """Another draft (by default every member state takes part); returns its id."""
        r = self.c.post("/api/v1/drafts", headers=self.officer, json={"text": TEA, "participants": participants})
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def delegate(self, iso3) -> dict:
        email = f"{iso3.lower()}-notes@example.org"
        if email not in self.users.tokens:
            self.users.make(email, "delegate", state=iso3)
        return self.users.headers(email)

    def role(self, role) -> dict:
        email = f"{role}-notes@example.org"
        if email not in self.users.tokens:
            self.users.make(email, role)
        return self.users.headers(email)


@pytest.fixture
def name_forms(engine, users):
    """The example name forms, loaded as `concord demo` loads them."""
    from app.db import transaction
    from app.notes.service import ensure_entities

    with transaction(engine) as s:
        ensure_entities(s)


@pytest.fixture
def notes(client, users, officer, cica_draft, name_forms) -> Notes:
    return Notes(client, users, officer, cica_draft)
