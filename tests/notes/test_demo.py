"""`concord demo` loads the name forms and issues note NCT/CT/708 on the CICA draft, once."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.repository import user_by_email
from app.core.notes import note_text, render_note
from app.core.notes.data import ENTITIES, reference_facts
from app.db import transaction
from app.models import AuditEvent, Note, NoteEntity
from app.notes import demo


def load(engine, email="officer@example.org"):
    with transaction(engine) as s:
        note = demo.load(s, user_by_email(s, email))
        return note.id if note else None


def counts(db):
    return (db.scalar(select(func.count()).select_from(Note)), db.scalar(select(func.count()).select_from(NoteEntity)),
            db.scalar(select(func.count()).select_from(AuditEvent)))


def test_demo_is_idempotent(client, engine, db, officer, cica_draft):
    first = load(engine)
    once = counts(db)
    assert once[:2] == (1, len(ENTITIES))
    assert load(engine) == first
    assert counts(db) == once  # nothing added, not even an audit event

    note = client.get(f"/api/v1/notes/{first}", headers=officer).json()
    assert (note["number"], note["status"], note["draft_id"], note["kind"]) == (
        "NCT/CT/708", "issued", cica_draft["id"], "transmission")
    for lang in ("en", "ru", "kk"):
        r = client.get(f"/api/v1/notes/{first}", headers=officer, params={"lang": lang, "format": "text"})
        assert r.text == note_text(render_note(reference_facts(), lang))


def test_demo_keeps_an_officers_corrections(client, engine, db, officer, cica_draft):
    load(engine)
    r = client.get("/api/v1/name-forms/almaty", headers=officer)
    r = client.put("/api/v1/name-forms/almaty", headers={**officer, "If-Match": r.headers["ETag"]},
                   json={"kind": "place", "forms": {"en": {"nominative": "Almaty City"}}})
    assert r.status_code == 200
    load(engine)
    assert client.get("/api/v1/name-forms/almaty", headers=officer).json()["forms"] == {
        "en": {"nominative": "Almaty City"}}


def test_demo_without_the_sample_draft_loads_the_name_forms_only(engine, db, officer):
    assert load(engine) is None
    assert load(engine) is None
    assert counts(db)[:2] == (0, len(ENTITIES))
