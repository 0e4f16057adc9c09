"""The register: numbers (next free, unique per series), references to earlier notes, filters, bad facts."""

from __future__ import annotations

import pytest

from app.models import Note, NoteReference


def test_next_number_and_default_number(client, notes):
    r = client.get("/api/v1/notes/next-number", headers=notes.officer, params={"series": "NCT/CT"})
    assert r.status_code == 200 and r.json() == {"series": "NCT/CT", "number": "NCT/CT/1"}
    notes.create()  # NCT/CT/708
    assert client.get("/api/v1/notes/next-number", headers=notes.officer).json()["number"] == "NCT/CT/709"
    n = notes.create(number=None, date="2024-06-20")
    assert n["number"] == "NCT/CT/709"
    n = notes.create(number=None, series="NCT/LEG", date="2024-06-20")
    assert n["number"] == "NCT/LEG/1"
    assert client.get("/api/v1/notes/next-number", headers=notes.officer,
                      params={"series": "NCT/CT"}).json()["number"] == "NCT/CT/710"
    r = client.get("/api/v1/notes/next-number", headers=notes.officer, params={"series": "NCT/CT/7"})
    assert r.status_code == 422 and "series" in r.json()["detail"]


def test_a_number_is_unique_in_its_series(client, notes, db):
    first = notes.create()
    r = client.post("/api/v1/notes", headers=notes.officer, json=notes.facts(date="2024-06-13"))
    assert r.status_code == 409
    assert r.json()["detail"] == (f"Number NCT/CT/708 is already in the register (note {first['id']} of 2024-06-12); "
                                  "the next free number in NCT/CT is NCT/CT/709.")
    # the same number written with zeros is the same number
    assert client.post("/api/v1/notes", headers=notes.officer, json=notes.facts(number="NCT/CT/0708")).status_code == 409
    # another series may use it
    notes.create(number="NCT/LEG/708")
    assert db.query(Note).count() == 2


def test_the_database_refuses_a_duplicate_number(notes, engine):
    import sqlalchemy as sa

    from app.db import transaction

    n = notes.create()
    with pytest.raises(sa.exc.IntegrityError), transaction(engine) as s:
        row = s.get(Note, n["id"])
        s.add(Note(number="NCT/CT/708", series="NCT/CT", seq=708, kind=row.kind, date=row.date,
                   place_key=row.place_key, facts=row.facts, status="draft"))


def test_renumbering_to_a_taken_number_is_409(notes):
    notes.create()
    other = notes.create(number="NCT/CT/710", date="2024-06-20")
    r = notes.patch(other["id"], expect=409, number="NCT/CT/708")
    assert "already in the register" in r["detail"]
    assert notes.patch(other["id"], number="NCT/CT/709")["number"] == "NCT/CT/709"


@pytest.mark.parametrize("number", ["708", "NCT/CT/", "NCT/CT/7a", "NCT CT/708"])
def test_bad_numbers_are_422(notes, number):
    r = notes.create(expect=422, number=number)
    assert "number" in r["detail"].lower()


def test_references_to_register_notes_take_number_and_date_from_the_register(notes, db):
    first = notes.create(number="NCT/CT/513", date="2024-04-18", references=[], meetings=[])
    second = notes.create(number="NCT/CT/569", date="2024-05-13", references=[], meetings=[])
    note = notes.create(references=[{"note_id": first["id"]}, {"number": "NCT/CT/569", "date": "2024-05-13"}])
    # the outside-looking reference to NCT/CT/569 is linked to the register note
    assert note["facts"]["references"] == [
        {"note_id": first["id"], "number": "NCT/CT/513", "date": "2024-04-18"},
        {"note_id": second["id"], "number": "NCT/CT/569", "date": "2024-05-13"},
    ]
    assert "No. NCT/CT/513 of 18 April 2024 and No. NCT/CT/569 of 13 May 2024" in notes.text(note["id"], "en")
    # a draft note refers to what the register says now
    notes.patch(first["id"], number="NCT/CT/514", date="2024-04-19")
    assert "No. NCT/CT/514 of 19 April 2024 and" in notes.text(note["id"], "en")
    assert [x["number"] for x in notes.get(first["id"]).json()["referred_by"]] == ["NCT/CT/708"]
    # issuing needs the notes it refers to issued first
    r = notes.issue(note["id"], expect=409)
    assert "refers to NCT/CT/514, NCT/CT/569, not issued yet; issue them first" in r["detail"]
    notes.issue(first["id"])
    notes.issue(second["id"])
    issued = notes.issue(note["id"])
    assert issued["facts"]["references"][0] == {"note_id": first["id"], "number": "NCT/CT/514", "date": "2024-04-19"}
    assert [r.number for r in db.query(NoteReference).filter_by(note_id=note["id"]).order_by("position")] == [
        "NCT/CT/514", "NCT/CT/569"]


@pytest.mark.parametrize("refs, message", [
    ([{"note_id": 999}], "references[0]: there is no note 999 in the register"),
    ([{"number": "NCT/CT/800", "date": "2024-07-01"}], "is later than this note (2024-06-12)"),
    ([{"number": "NCT/CT/513", "date": "2024-04-18"}, {"number": "NCT/CT/513", "date": "2024-04-18"}],
     "references[1]: note NCT/CT/513 is referred to twice"),
])
def test_bad_references_are_422(notes, refs, message):
    r = notes.create(expect=422, references=refs)
    assert message in r["detail"], r["detail"]


def test_reference_dates_must_agree_with_the_register_and_a_note_cannot_refer_to_itself(notes):
    notes.create(number="NCT/CT/513", date="2024-04-18", references=[], meetings=[])
    r = notes.create(expect=422, references=[{"number": "NCT/CT/513", "date": "2024-04-17"}])
    assert "note NCT/CT/513 is in the register dated 2024-04-18, not 2024-04-17" in r["detail"]
    n = notes.create()
    r = notes.patch(n["id"], expect=422, references=[{"note_id": n["id"]}])
    assert "a note cannot refer to itself" in r["detail"]
    r = notes.create(expect=422, number="NCT/CT/1", references=[{"note_id": 1, "number": "NCT/CT/1", "date": "2024-01-01"}])
    assert "either note_id" in r["detail"]


@pytest.mark.parametrize("changes, message", [
    ({"kind": "invitation"}, "a deadline is required"),
    ({"kind": "silence", "deadline": "2024-07-01"}, "meetings are not used"),
    ({"kind": "convening", "references": []}, "exactly 1 meeting(s) expected, got 2"),
    ({"place": "moscow"}, "place: there are no name forms 'moscow'"),
    ({"place": "cica-soc"}, "place: 'cica-soc' is a body, not a place"),
    ({"meetings": [{"body": "astana", "date": "2024-06-25"}]}, "meetings[0].body: 'astana' is a place, not a body"),
    ({"draft_id": None}, "draft_id: a transmission note concerns a draft"),
    ({"draft_id": 999}, "draft_id: there is no draft 999"),
    ({"version": 7}, "version: draft"),
    ({"deadline": "2024-06-01"}, "deadline: 2024-06-01 is before the note's date (2024-06-12)"),
    ({"addressees": []}, "the note has no addressee"),
    ({"enclosure_pages": 0}, "enclosure_pages"),
    ({"date": "12 June 2024"}, "date"),
    ({"kind": "memo"}, "kind"),
    ({"colour": "blue"}, "colour"),
])
def test_bad_facts_are_422_and_nothing_is_stored(notes, db, changes, message):
    r = notes.create(expect=422, **changes)
    assert message in r["detail"], r["detail"]
    assert db.query(Note).count() == 0


def test_a_convening_note_needs_no_draft(notes):
    n = notes.create(kind="convening", draft_id=None, references=[],
                     meetings=[{"body": "cica-soc", "date": "2024-10-01", "place": "almaty"}])
    assert n["draft_id"] is None and n["version"] is None
    assert "will be held on 1 October 2024 in Almaty" in notes.text(n["id"], "en")


def test_list_filters(client, users, notes):
    tea = notes.other_draft()
    a = notes.create()
    b = notes.create(number="NCT/CT/709", kind="invitation", deadline="2024-07-01", draft_id=tea)
    c = notes.create(number="NCT/LEG/3", kind="convening", draft_id=None, references=[],
                     meetings=[{"body": "cica-soc", "date": "2024-10-01"}])

    def ids(**params):
        r = client.get("/api/v1/notes", headers=notes.officer, params=params)
        assert r.status_code == 200, r.text
        return [n["id"] for n in r.json()]

    assert ids() == [a["id"], b["id"], c["id"]]
    assert ids(series="NCT/CT") == [a["id"], b["id"]]
    assert ids(draft=tea) == [b["id"]]
    assert ids(kind="convening") == [c["id"]]
    assert ids(status="issued") == []
