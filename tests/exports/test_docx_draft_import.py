"""A .docx of a new agreement becomes a draft (typed numbers or Word's automatic numbering);
hostile files are refused with a clear 413/415 and nothing is stored."""

from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument

from app.models import Draft
from tests.data.docx import make_samples as ms

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(client, headers, name, data):
    return client.post("/api/v1/drafts/import", headers=headers, files={"file": (name, data, DOCX_TYPE)})


def test_docx_with_typed_numbers(client, officer):
    doc = DocxDocument()
    for text in ["AGREEMENT ON CULTURAL COOPERATION", "The Parties,",
                 "RECOGNIZING the value of cultural exchange between their peoples;",
                 "Have agreed as follows:", "ARTICLE 1 - Objective",
                 "1. The Parties shall promote cooperation in culture and the arts.",
                 "2. The Parties shall encourage exchanges of artists, in particular:",
                 "(a) joint exhibitions;", "(b) festivals.", "ARTICLE 2 - Final provisions",
                 "This Agreement shall enter into force on the date of its signature.",
                 "DONE at Astana on 1 March 2025 in two originals in the English language."]:
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    r = _upload(client, officer, "culture.docx", buf.getvalue())
    assert r.status_code == 201, r.text
    tree = client.get(f"/api/v1/drafts/{r.json()['id']}/versions/1", headers=officer).json()["clauses"]
    sections = [c for c in tree if c["kind"] == "section"]
    assert [(s["number"], s["heading"]) for s in sections] == [("ARTICLE 1", "Objective"),
                                                              ("ARTICLE 2", "Final provisions")]
    paras = sections[0]["children"]
    assert [p["number"] for p in paras] == ["1.", "2."]
    assert [i["number"] for i in paras[1]["children"]] == ["(a)", "(b)"]
    assert any(c["kind"] == "recital" for c in tree) and any(c["kind"] == "closing" for c in tree)


def test_docx_with_automatic_numbering(client, officer):
    numbering = ms.numbering({1: [ms.level(0, "decimal", "%1."), ms.level(1, "decimal", "%1.%2"),
                                  ms.level(2, "lowerLetter", "(%3)")]}, {5: 1})
    body = "".join([
        ms.p(ms.r("MEMORANDUM OF UNDERSTANDING ON WATER")),
        ms.p(ms.r("WHEREAS the Participants share rivers and lakes;")),
        ms.p(ms.r("CONSIDERING the need to manage them together;")),
        ms.p(ms.r("Have agreed as follows:")),
        ms.p(ms.r("Purpose"), num=5, ilvl=0),
        ms.p(ms.r("The Participants will exchange data on water levels."), num=5, ilvl=1),
        ms.p(ms.r("The Participants will hold annual consultations on:"), num=5, ilvl=1),
        ms.p(ms.r("floods;"), num=5, ilvl=2),
        ms.p(ms.r("droughts."), num=5, ilvl=2),
        ms.p(ms.r("Final provisions"), num=5, ilvl=0),
        ms.p(ms.r("This MoU takes effect on signature."), num=5, ilvl=1),
    ])
    data = ms.build_docx(body, parts={"numbering": numbering, "styles": ms.styles()})
    r = _upload(client, officer, "water.docx", data)
    assert r.status_code == 201, r.text
    text = client.get(f"/api/v1/drafts/{r.json()['id']}/versions/1/text", headers=officer).text
    assert "1. Purpose" in text and "1.1 The Participants will exchange data" in text
    assert "(a) floods;" in text and "2.1 This MoU takes effect" in text
    tree = client.get(f"/api/v1/drafts/{r.json()['id']}/versions/1", headers=officer).json()["clauses"]
    sections = [c for c in tree if c["kind"] == "section"]
    assert [s["heading"] for s in sections] == ["Purpose", "Final provisions"]
    assert [i["number"] for i in sections[0]["children"][1]["children"]] == ["(a)", "(b)"]


@pytest.mark.parametrize("name,maker,status,words", [
    ("renamed.docx", lambda: b"%PDF-1.7\n" + b"x" * 100, 415, "PDF"),
    ("macro.docx", lambda: ms.build_docx(ms.p(ms.r("x")),
                                         main_type="application/vnd.ms-word.document.macroEnabled.main+xml"), 415,
     "macro"),
    ("template.docx", lambda: ms.build_docx(ms.p(ms.r("x")), main_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")), 415, "template"),
    ("bomb.docx", lambda: ms.zip_bomb(entries=40, mib_each=16), None, ""),
    ("old.docx", lambda: ms.ole("WordDocument"), 415, ".doc"),
])
def test_hostile_word_files_are_refused(client, officer, db, name, maker, status, words):
    r = _upload(client, officer, name, maker())
    if status is None:
        assert r.status_code in (413, 415), r.text
    else:
        assert r.status_code == status, r.text
        assert words.lower() in r.json()["detail"].lower()
    assert db.query(Draft).count() == 0


def test_upload_size_limit_is_413(client, officer, db):
    from app.config import get_settings

    big = b"PK\x03\x04" + b"\0" * (get_settings().max_upload_bytes + 10)
    r = _upload(client, officer, "huge.docx", big)
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    assert db.query(Draft).count() == 0
