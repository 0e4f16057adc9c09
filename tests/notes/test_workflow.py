"""Editing with If-Match until issued; issuing (refused on a missing name form); frozen after; audit."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.models import AuditEvent, Note


def test_patch_needs_if_match(client, notes):
    n = notes.create()
    url = f"/api/v1/notes/{n['id']}"
    r = client.patch(url, headers=notes.officer, json={"enclosure_pages": 10})
    assert r.status_code == 428 and "If-Match" in r.json()["detail"]
    etag = notes.etag(n["id"])
    r = client.patch(url, headers={**notes.officer, "If-Match": 'W/"note-1-99"'}, json={"enclosure_pages": 10})
    assert r.status_code == 412 and "changed by someone else" in r.json()["detail"]
    r = client.patch(url, headers={**notes.officer, "If-Match": etag}, json={"enclosure_pages": 10})
    assert r.status_code == 200, r.text
    assert r.json()["facts"]["enclosure_pages"] == 10 and r.headers["ETag"] != etag
    assert "on 10 p." in notes.text(n["id"], "en")
    # the old ETag is stale now, also for a change of references only
    r = client.patch(url, headers={**notes.officer, "If-Match": etag}, json={"references": []})
    assert r.status_code == 412
    notes.patch(n["id"], references=[])
    assert notes.get(n["id"]).json()["facts"]["references"] == []


def test_patch_changes_what_is_given_and_checks_the_whole(notes):
    n = notes.create()
    p = notes.patch(n["id"], kind="invitation", deadline="2024-07-01")
    assert (p["kind"], p["facts"]["deadline"], p["facts"]["enclosure_pages"]) == ("invitation", "2024-07-01", 9)
    assert "submit their proposals on the draft by 1 July 2024" in notes.text(n["id"], "en")
    r = notes.patch(n["id"], expect=422, deadline=None)
    assert "a deadline is required" in r["detail"]
    r = notes.patch(n["id"], expect=422, kind=None)
    assert "kind: cannot be null" in r["detail"]
    assert notes.get(n["id"]).json()["facts"]["deadline"] == "2024-07-01"  # nothing stored


def test_issue_freezes_the_note(client, notes, db):
    n = notes.create()
    etag = notes.etag(n["id"])
    r = client.post(f"/api/v1/notes/{n['id']}/issue", headers={**notes.officer, "If-Match": 'W/"note-1-0"'})
    assert r.status_code == 412
    r = client.post(f"/api/v1/notes/{n['id']}/issue", headers={**notes.officer, "If-Match": etag})
    assert r.status_code == 200, r.text
    issued = r.json()
    assert issued["status"] == "issued" and issued["issued_at"] and len(issued["issued_hash"]) == 64
    assert "missing_forms" not in issued
    r = notes.patch(n["id"], expect=409, enclosure_pages=3)
    assert "an issued note cannot be changed" in r["detail"]
    r = client.patch(f"/api/v1/notes/{n['id']}", headers=notes.officer, json={"enclosure_pages": 3})
    assert r.status_code == 409  # not 428: no ETag would help
    assert "already issued" in notes.issue(n["id"], expect=409)["detail"]
    # the database refuses changes to an issued note too
    with pytest.raises(sa.exc.DBAPIError, match="note is issued"):
        db.execute(sa.update(Note).where(Note.id == n["id"]).values(number="NCT/CT/1"))
    db.rollback()
    with pytest.raises(sa.exc.DBAPIError, match="note is issued"):
        db.execute(sa.text("DELETE FROM note_references WHERE note_id = :id"), {"id": n["id"]})
    db.rollback()


def test_an_issued_note_keeps_the_name_forms_it_was_issued_with(notes):
    n = notes.create()
    before = notes.text(n["id"], "ru")
    notes.issue(n["id"])
    notes.set_form("cica-swg", "ru", "genitive", "Специальной рабочей группы")
    assert notes.text(n["id"], "ru") == before
    draft = notes.create(number="NCT/CT/709")
    assert "заседаний Специальной рабочей группы 25 июня" in notes.text(draft["id"], "ru")


def test_a_missing_name_form_refuses_issuing_and_says_which(client, notes):
    n = notes.create()
    notes.set_form("cica-swg", "ru", "genitive", "")  # an officer empties a form
    forms, _ = notes.name_forms("cica-swg")
    assert "genitive" not in forms["forms"]["ru"]
    body = notes.get(n["id"]).json()
    assert [(m["entity"], m["lang"], m["form"]) for m in body["missing_forms"]] == [("cica-swg", "ru", "genitive")]

    r = client.post(f"/api/v1/notes/{n['id']}/issue", headers=notes.officer)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail.startswith("Note NCT/CT/708 cannot be issued: 1 name form(s) missing: ")
    assert ("Russian genitive form of body 'CICA Special Working Group' is missing (entity key 'cica-swg', "
            "forms['ru']['genitive'])") in detail
    assert r.json()["errors"] == [{"entity": "cica-swg", "entity_kind": "body", "lang": "ru", "form": "genitive",
                                   "message": "Russian genitive form of body 'CICA Special Working Group' is missing "
                                              "(entity key 'cica-swg', forms['ru']['genitive'])"}]
    assert notes.get(n["id"]).json()["status"] == "draft"
    # the Russian text cannot be written either (and who asks for it reads why in Russian); the others can
    r = notes.get(n["id"], expect=422, lang="ru", format="text")
    assert r.json()["code"] == "note_unwritable_in" and r.json()["params"]["language"] == "ru"
    assert r.json()["detail"].startswith("Ноту NCT/CT/708 нельзя составить: нет формы «родительный падеж»")
    assert "/api/v1/name-forms/cica-swg" in r.json()["detail"]
    assert client.get(f"/api/v1/notes/{n['id']}.docx", headers=notes.officer).status_code == 422
    notes.text(n["id"], "en")
    # filled in again: it can be issued
    notes.set_form("cica-swg", "ru", "genitive", "Специальной рабочей группы СВМДА")
    assert notes.issue(n["id"])["status"] == "issued"


def test_missing_forms_in_several_languages_are_all_named(client, notes):
    n = notes.create()
    notes.set_form("astana", "kk", "nominative", "")
    notes.set_form("cica-member-states", "en", "address_block", "")
    r = client.post(f"/api/v1/notes/{n['id']}/issue", headers=notes.officer)
    assert r.status_code == 422
    assert {(e["entity"], e["lang"], e["form"]) for e in r.json()["errors"]} == {
        ("astana", "kk", "nominative"), ("cica-member-states", "en", "address_block")}
    assert "2 name form(s) missing" in r.json()["detail"]


def test_every_change_writes_an_audit_event(client, notes, db):
    n = notes.create()
    notes.patch(n["id"], enclosure_pages=10)
    notes.issue(n["id"])
    notes.set_form("astana", "en", "nominative", "Astana City")
    events = client.get("/api/v1/audit", headers=notes.officer, params={"object_type": "note"}).json()
    assert events["chain_valid"] is True
    got = [(e["action"], e["object_id"]) for e in reversed(events["events"])]
    assert got == [("note.create", str(n["id"])), ("note.update", str(n["id"])), ("note.issue", str(n["id"]))]
    update = next(e for e in events["events"] if e["action"] == "note.update")
    assert update["details"] == {"number": "NCT/CT/708", "fields": ["enclosure_pages"]}
    issue = next(e for e in events["events"] if e["action"] == "note.issue")
    assert issue["details"]["hash"] == notes.get(n["id"]).json()["issued_hash"]
    forms = db.scalars(sa.select(AuditEvent).where(AuditEvent.object_type == "name_forms")
                       .order_by(AuditEvent.id)).all()
    assert [e.action for e in forms] == ["name_forms.load", "name_forms.update"]
    assert forms[-1].details == {"changed": {"en.nominative": ["Astana", "Astana City"]}}


def test_refused_changes_write_nothing(client, notes, db):
    n = notes.create()
    kaz = notes.delegate("KAZ")
    count = db.query(AuditEvent).count()
    notes.create(expect=409)
    notes.patch(n["id"], expect=422, place="nowhere")
    notes.issue(n["id"], who=kaz, expect=404)
    assert db.query(AuditEvent).count() == count


def test_a_missing_kazakh_form_refuses_issuing_in_the_readers_language(client, notes):
    """The officer's client in Kazakh reads which form is missing in Kazakh: the entity by its Kazakh
    name, its kind and the form named in Kazakh; in Russian likewise; English and the list unchanged."""
    from tests.support.languages import assert_not_english

    n = notes.create()
    notes.set_form("cica-swg", "kk", "genitive", "")
    forms = notes.name_forms("cica-swg")[0]["forms"]
    url = f"/api/v1/notes/{n['id']}/issue"
    kk = client.post(url, headers={**notes.officer, "Accept-Language": "kk"})
    assert kk.status_code == 422 and kk.json()["code"] == "note_forms_missing"
    detail = kk.json()["detail"]
    assert detail.startswith(f"NCT/CT/708 нотаны шығару мүмкін емес: атау формалары жетіспейді (1): "
                             f"«{forms['kk']['nominative']}» атауының (орган) «ілік септік» формасы жоқ "
                             f"(қазақ тілі; кілті 'cica-swg', forms['kk']['genitive'])"), detail
    keys = {"NCT", "cica", "swg", "forms", "genitive", "PUT", "api", "name", "key"}
    assert_not_english(detail, keys)
    ru = client.post(url, headers={**notes.officer, "Accept-Language": "ru"}).json()["detail"]
    assert (f"нет формы «родительный падеж» (язык: казахский) для названия «{forms['ru']['nominative']}» "
            "(орган; ключ 'cica-swg'") in ru, ru
    assert_not_english(ru, keys)
    en = client.post(url, headers=notes.officer).json()
    assert "Kazakh genitive form of body 'CICA Special Working Group' is missing" in en["detail"]
    assert [e["lang"] for e in en["errors"]] == ["kk"] and en["errors"][0]["message"].startswith("Kazakh genitive")
    assert notes.get(n["id"]).json()["status"] == "draft"


def test_bad_facts_and_numbers_are_refused_in_russian_and_kazakh(client, notes, db):
    from tests.support.languages import assert_not_english

    ru = client.post("/api/v1/notes", headers={**notes.officer, "Accept-Language": "ru"},
                     json=notes.facts(kind="invitation"))
    assert ru.status_code == 422 and ru.json()["code"] == "note_facts_invalid"
    assert ru.json()["detail"] == "Из этих данных нельзя составить ноту: нота NCT/CT/708 (приглашение): нужен срок."
    kk = client.post("/api/v1/notes", headers={**notes.officer, "Accept-Language": "kk"},
                     json=notes.facts(place="cica-soc", sender="astana"))
    assert kk.status_code == 422 and kk.json()["code"] == "note_invalid"
    assert "place: «cica-soc» — орын емес, орган" in kk.json()["detail"], kk.json()["detail"]
    assert "sender: «astana» — ұйым емес, орын" in kk.json()["detail"], kk.json()["detail"]
    assert_not_english(kk.json()["detail"], {"place", "sender", "cica", "soc", "astana"})
    assert kk.json()["errors"][0] == "place: 'cica-soc' is a body, not a place"  # programs: English, as before
    assert len(kk.json()["errors"]) == 2
    assert db.query(Note).count() == 0
    first = notes.create()
    kk = client.post("/api/v1/notes", headers={**notes.officer, "Accept-Language": "kk"}, json=notes.facts())
    assert kk.status_code == 409
    assert kk.json()["detail"] == (f"NCT/CT/708 нөмірі тізілімде бар (2024-06-12 күнгі {first['id']} нота); "
                                   "NCT/CT сериясындағы келесі бос нөмір — NCT/CT/709.")
    assert_not_english(kk.json()["detail"], {"NCT"})
    r = client.post(f"/api/v1/notes/{first['id']}/issue", headers=notes.officer)
    assert r.status_code == 200
    ru = client.post(f"/api/v1/notes/{first['id']}/issue", headers={**notes.officer, "Accept-Language": "ru"})
    assert ru.status_code == 409 and ru.json()["detail"].startswith("Нота NCT/CT/708 уже выпущена ")
    assert_not_english(ru.json()["detail"], {"NCT", "Asia", "Almaty", "UTC"})
