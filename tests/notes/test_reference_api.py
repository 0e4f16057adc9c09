"""Acceptance through the API: the facts of note NCT/CT/708 in, the three language versions out word for word."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from app.core.notes import note_text, render_note
from app.core.notes.data import reference_facts
from tests.core.test_notes_reference import normalize, reference_sections


def first_difference(expected: str, got: str) -> str:
    e, g = expected.split(), got.split()
    i = next((i for i, (a, b) in enumerate(zip(e, g, strict=False)) if a != b), min(len(e), len(g)))
    return f"differs at word {i}: expected {' '.join(e[i:i + 8])!r}, got {' '.join(g[i:i + 8])!r}"


@pytest.fixture
def reference_note(notes) -> dict:
    return notes.create()


def test_reference_facts_are_stored_as_entered(notes, reference_note):
    n = reference_note
    assert (n["number"], n["series"], n["kind"], n["status"]) == ("NCT/CT/708", "NCT/CT", "transmission", "draft")
    assert (n["date"], n["place"], n["draft_id"], n["version"]) == ("2024-06-12", "astana", notes.draft["id"], 1)
    assert n["facts"]["meetings"] == [{"body": "cica-swg", "date": "2024-06-25", "place": None},
                                      {"body": "cica-soc", "date": "2024-06-27", "place": None}]
    assert n["facts"]["enclosure_pages"] == 9
    assert n["facts"]["references"] == [{"note_id": None, "number": "NCT/CT/513", "date": "2024-04-18"},
                                        {"note_id": None, "number": "NCT/CT/569", "date": "2024-05-13"}]
    assert n["missing_forms"] == []


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_reference_note_word_for_word_through_the_api(notes, reference_note, lang):
    got = notes.text(reference_note["id"], lang)
    expected = normalize(reference_sections()[lang])
    assert normalize(got) == expected, f"{lang}: {first_difference(expected, normalize(got))}"
    # and exactly (line by line) what the core writes from the same facts
    assert got == note_text(render_note(reference_facts(), lang))


def test_json_with_lang_has_the_facts_and_the_text(notes, reference_note):
    body = notes.get(reference_note["id"], lang="ru").json()
    assert body["lang"] == "ru" and body["facts"]["title"] == "cica-unoct-mou"
    assert body["text"] == note_text(render_note(reference_facts(), "ru"))
    assert "text" not in notes.get(reference_note["id"]).json()


def test_html_has_the_same_words(notes, reference_note):
    r = notes.get(reference_note["id"], lang="kk", format="html")
    assert r.headers["content-type"].startswith("text/html")
    words = re.sub(r"<[^>]+>", " ", re.sub(r"<br>", " ", r.text.split("<body>", 1)[-1]))
    assert normalize(reference_sections()["kk"]) in normalize(words)


def test_text_without_lang_is_the_three_versions(notes, reference_note):
    text = notes.get(reference_note["id"], format="text").text
    parts = text.split("\f")
    assert parts == [note_text(render_note(reference_facts(), lang)) for lang in ("en", "ru", "kk")]


def test_docx_three_languages_and_one(client, notes, reference_note):
    r = client.get(f"/api/v1/notes/{reference_note['id']}.docx", headers=notes.officer)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert 'filename="note-NCT-CT-708.docx"' in r.headers["content-disposition"]
    paras = Document(io.BytesIO(r.content)).paragraphs
    breaks = [i for i, p in enumerate(paras) if p.paragraph_format.page_break_before]
    assert len(breaks) == 2
    parts = (paras[: breaks[0]], paras[breaks[0]: breaks[1]], paras[breaks[1]:])
    for part, lang in zip(parts, ("en", "ru", "kk"), strict=True):
        assert normalize(" ".join(p.text for p in part)) == normalize(reference_sections()[lang])

    r = client.get(f"/api/v1/notes/{reference_note['id']}.docx", headers=notes.officer, params={"lang": "ru"})
    assert r.status_code == 200 and 'filename="note-NCT-CT-708-ru.docx"' in r.headers["content-disposition"]
    doc = Document(io.BytesIO(r.content))
    assert normalize(" ".join(p.text for p in doc.paragraphs)) == normalize(reference_sections()["ru"])


def test_libreoffice_opens_the_docx(client, notes, reference_note, db_url):
    from tests.support.libreoffice import convert, require_soffice

    if not db_url.startswith("sqlite"):
        pytest.skip("one LibreOffice run is enough: the .docx does not depend on the database")
    require_soffice()
    data = client.get(f"/api/v1/notes/{reference_note['id']}.docx", headers=notes.officer).content
    text = convert(data, "txt").decode("utf-8")
    for lang in ("en", "ru", "kk"):
        assert normalize(reference_sections()[lang]) in normalize(text)


@pytest.mark.parametrize("params", [{"lang": "fr"}, {"lang": "fr", "format": "text"}, {"format": "pdf"}])
def test_unknown_language_or_format_is_422(notes, reference_note, params):
    r = notes.get(reference_note["id"], expect=422, **params)
    assert "fr" in r.json()["detail"] or "format" in r.json()["detail"]


def test_unknown_language_of_docx_is_422(client, notes, reference_note):
    r = client.get(f"/api/v1/notes/{reference_note['id']}.docx", headers=notes.officer, params={"lang": "de"})
    assert r.status_code == 422 and "'de'" in r.json()["detail"]
