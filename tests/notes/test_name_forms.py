"""Name forms as data an officer edits: list, read, create, replace (If-Match), validation."""

from __future__ import annotations

import pytest

from app.core.notes.data import ENTITIES
from app.models import NoteEntity


def test_the_example_entities_are_loaded(client, notes):
    r = client.get("/api/v1/name-forms", headers=notes.officer)
    assert r.status_code == 200
    got = {e["key"]: e for e in r.json()}
    assert set(got) == set(ENTITIES)
    assert got["cica-soc"]["forms"] == ENTITIES["cica-soc"]["forms"]
    assert got["cica-secretariat"]["label"] == "CICA Secretariat"
    places = client.get("/api/v1/name-forms", headers=notes.officer, params={"kind": "place"}).json()
    assert [e["key"] for e in places] == ["almaty", "astana"]


def test_get_one_with_etag_and_404(client, notes):
    r = client.get("/api/v1/name-forms/astana", headers=notes.officer)
    assert r.status_code == 200 and r.headers["ETag"].startswith('W/"name-forms-astana-')
    assert r.json()["forms"]["ru"] == {"nominative": "город Астана", "prepositional": "городе Астане"}
    r = client.get("/api/v1/name-forms/nowhere", headers=notes.officer)
    assert r.status_code == 404 and "nowhere" in r.json()["detail"]


def test_replacing_needs_if_match(client, notes):
    url = "/api/v1/name-forms/astana"
    current, etag = notes.name_forms("astana")
    body = {"kind": "place", "forms": {**current["forms"], "en": {"nominative": "Astana City"}}}
    r = client.put(url, headers=notes.officer, json=body)
    assert r.status_code == 428 and "If-Match" in r.json()["detail"]
    r = client.put(url, headers={**notes.officer, "If-Match": 'W/"name-forms-astana-99"'}, json=body)
    assert r.status_code == 412
    r = client.put(url, headers={**notes.officer, "If-Match": etag}, json=body)
    assert r.status_code == 200 and r.json()["forms"]["en"] == {"nominative": "Astana City"}
    assert r.headers["ETag"] != etag
    n = notes.create()
    assert "Astana City, 12 June 2024" in notes.text(n["id"], "en")


def test_creating_new_name_forms(client, notes, db):
    body = {"kind": "place", "forms": {"en": {"nominative": "  Bishkek "}, "ru": {"nominative": "город Бишкек",
                                                                            "prepositional": "городе Бишкеке"},
                                       "kk": {"nominative": "Бішкек қаласы", "locative": "Бішкек қаласында"}}}
    r = client.put("/api/v1/name-forms/bishkek", headers=notes.officer, json=body)
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == "/api/v1/name-forms/bishkek"
    assert r.json()["forms"]["en"] == {"nominative": "Bishkek"}  # texts are stripped
    assert db.query(NoteEntity).filter_by(key="bishkek").one().kind == "place"
    # If-Match on something that does not exist yet
    r = client.put("/api/v1/name-forms/osh", headers={**notes.officer, "If-Match": "*"}, json=body)
    assert r.status_code == 412
    n = notes.create(place="bishkek")
    assert notes.text(n["id"], "ru").rstrip().splitlines()[-5] == "город Бишкек, 12 июня 2024 года"


@pytest.mark.parametrize("key, body, message", [
    ("astana2", {"kind": "place", "forms": {"fr": {"nominative": "Astana"}}}, "unknown language 'fr'"),
    ("astana2", {"kind": "place", "forms": {"ru": {"vocative": "Астана"}}}, "forms.ru: unknown form 'vocative'"),
    ("astana2", {"kind": "place", "forms": {"en": {"nominative": "Astana\nCity"}}},
     "forms.en.nominative: only the letterhead and address_block forms take several lines"),
    ("astana2", {"kind": "city", "forms": {}}, "kind"),
    ("astana2", {"kind": "place", "forms": {"en": {"nominative": 3}}}, "forms.en.nominative"),
    ("Astana 2", {"kind": "place", "forms": {}}, "'Astana 2' is not a usable key"),
])
def test_bad_name_forms_are_422(client, notes, db, key, body, message):
    r = client.put(f"/api/v1/name-forms/{key}", headers=notes.officer, json=body)
    assert r.status_code == 422 and message in r.json()["detail"], r.text
    assert db.query(NoteEntity).filter_by(key=key).count() == 0


def test_multi_line_forms_keep_their_lines(notes):
    notes.set_form("cica-member-states", "en", "address_block", " MEMBER STATES \n  OF CICA ")
    forms, _ = notes.name_forms("cica-member-states")
    assert forms["forms"]["en"]["address_block"] == "MEMBER STATES\nOF CICA"
    n = notes.create()
    assert notes.text(n["id"], "en").endswith("Astana, 12 June 2024\n\nMEMBER STATES\nOF CICA\n")


def test_an_unchanged_put_writes_no_audit_event(client, notes):
    current, etag = notes.name_forms("almaty")
    r = notes.put_forms("almaty", "place", current["forms"], expect=200, etag=etag)
    assert r.headers["ETag"] == etag
    events = client.get("/api/v1/audit", headers=notes.officer, params={"action": "name_forms.update"}).json()
    assert events["events"] == []


def test_bad_name_forms_are_refused_in_russian_and_kazakh(client, notes, db):
    from app.core.notes import FORMS
    from tests.support.languages import assert_not_english

    body = {"kind": "place", "forms": {"fr": {"nominative": "Astana"}, "ru": {"vocative": "Астана"}}}
    kk = client.put("/api/v1/name-forms/astana2", headers={**notes.officer, "Accept-Language": "kk"}, json=body)
    assert kk.status_code == 422 and kk.json()["code"] == "name_forms_invalid"
    assert kk.json()["detail"].startswith("Атау формаларын сақтау мүмкін емес: белгісіз тіл «fr» (күтілетіні: en, ru, "
                                          "kk); forms.ru: белгісіз форма «vocative» (күтілетіні: nominative, ")
    assert_not_english(kk.json()["detail"], set(FORMS) | {"forms", "vocative"})
    ru = client.put("/api/v1/name-forms/Astana 2", headers={**notes.officer, "Accept-Language": "ru"},
                    json={"kind": "place", "forms": {}})
    assert ru.status_code == 422 and ru.json()["detail"].startswith("«Astana 2» не годится как ключ")
    assert_not_english(ru.json()["detail"], {"Astana", "cica", "soc"})
    missing = client.get("/api/v1/name-forms/nowhere", headers={**notes.officer, "Accept-Language": "kk"})
    assert missing.status_code == 404 and missing.json()["detail"] == "«nowhere» атау формалары жоқ."
    assert db.query(NoteEntity).filter(NoteEntity.key.in_(["astana2", "Astana 2"])).count() == 0
