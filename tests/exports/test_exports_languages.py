"""The exports a document officer would sign off, in each of the three languages.

Compilation: every proposal shows what it changes (a heading too), places are clause numbers
(never internal keys), numbers are unambiguous where labels repeat ("1.2 (iv)"), the default
version is the one the proposals were made on. Parallel text: the header of the other exports,
items indented under their paragraph. Headers carry the short title; downloads are named for
what they are; every word Concord adds comes from the catalogs (?lang=).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import pytest
from docx import Document as DocxDocument

from app.core.word import ooxml as ox


def _parts(data: bytes, prefix: str) -> str:
    z = zipfile.ZipFile(io.BytesIO(data))
    return " ".join(z.read(n).decode() for n in z.namelist() if n.startswith(prefix) and n.endswith(".xml"))


def _cells(data: bytes) -> str:
    doc = DocxDocument(io.BytesIO(data))
    return "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)


def _item(flow, parent_number, label):
    return next(x for x in flow.clause(parent_number)["children"] if x["number"] == label)


def _proposals(flow):
    flow.open()
    s2, c12 = flow.section("2"), flow.clause("1.2")
    iv = _item(flow, "1.2", "iv.")
    c23 = flow.clause("2.3")
    flow.propose("KAZ", kind="replace", clause_key=s2["key"], proposed_heading="Areas and Forms of Cooperation",
                 proposed_text=s2["text"], rationale="Wider.")
    flow.propose("IND", kind="insert", clause_key=c23["key"], position="after",
                 proposed_text="The Participants may exchange staff.", rationale="Staff.")
    flow.propose("CHN", kind="replace", clause_key=iv["key"], proposed_text=iv["text"].replace("complement", "support"),
                 rationale="Softer.")
    flow.propose("KAZ", kind="move", clause_key=c12["key"], anchor_key=c23["key"], position="after", rationale="Order.")
    return s2, iv, c23


def test_compilation_shows_every_proposal_with_clause_numbers(flow):
    s2, iv, c23 = _proposals(flow)
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx", headers=flow.officer)
    assert r.status_code == 200
    text = _cells(r.content)
    xml = _parts(r.content, "word/document")
    # the heading proposal shows the new heading as a tracked insertion, not "no change to the text"
    assert text.count("(no change to the text)") == 1  # the move only
    assert "Heading:" in text and "Forms" in xml and 'w:author="Kazakhstan"' in xml
    # places as clause numbers, never keys
    assert "New clause after 2.3" in text and "Move after 2.3" in text
    assert not re.search(r"\bc\d+\b", text)
    # an item is cited with its paragraph
    assert "1.2 (iv)" in text
    # the status column in words
    assert "submitted" in text and "submitted_" not in text
    # the header: the short title (one line), not the five-line title block
    header = _parts(r.content, "word/header")
    assert "MEMORANDUM OF UNDERSTANDING" not in header or len(re.sub("<[^>]+>", "", header)) < 200
    cd = r.headers["content-disposition"]
    today = datetime.now(UTC).date().isoformat()
    assert "-v1-compilation-" in cd and today in cd and "redline.docx" not in cd


def test_compilation_in_russian_and_kazakh(flow):
    _proposals(flow)
    ru = _cells(flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?lang=ru", headers=flow.officer).content)
    for words in ("Действующий текст", "Предложено", "Обоснование", "Статус", "представлено", "Заголовок:",
                  "Новое положение после 2.3", "Казахстан"):
        assert words in ru, words
    assert "Proposed by" not in ru and "submitted" not in ru
    ru_doc = _parts(flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?lang=ru",
                               headers=flow.officer).content, "word/document")
    assert "Предложения государств-членов к версии 1" in ru_doc and re.search(r"\d+ [а-я]+ \d{4} года", ru_doc)
    kk = _cells(flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?lang=kk", headers=flow.officer).content)
    for words in ("Қолданыстағы мәтін", "Ұсынған", "Негіздеме", "ұсынылды", "Қазақстан"):
        assert words in kk, words
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?lang=de", headers=flow.officer)
    assert r.status_code == 422


def test_compilation_defaults_to_the_version_the_proposals_were_made_on(flow):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"], rationale="Clearer.",
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    flow.decide(p["id"])
    flow.consolidate()
    assert flow.latest() == 2
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx", headers=flow.officer)
    text = _cells(r.content)
    assert "voluntary" in _parts(r.content, "word/document") and "accepted" in text
    assert "-v1-compilation-" in r.headers["content-disposition"]
    chosen = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?version=2", headers=flow.officer)
    assert "-v2-compilation-" in chosen.headers["content-disposition"]
    assert "Kazakhstan" not in _cells(chosen.content)


def test_parallel_text_has_the_draft_header_and_indents_items(flow):
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/parallel.docx?lang=ru", headers=flow.officer)
    assert r.status_code == 200
    header = _parts(r.content, "word/header")
    assert "ПРОЕКТ" in header and "Версия 1" in header
    assert "[Перевод отсутствует]" in _cells(r.content)
    assert "-v1-parallel-ru-" in r.headers["content-disposition"]
    doc = DocxDocument(io.BytesIO(r.content))

    def left_indent(start: str) -> int:
        for row in doc.tables[0].rows:
            p = row.cells[0].paragraphs[-1]
            if p.text.startswith(start):
                ind = p._p.find(f"{ox.W_PPR}/{ox.W_IND}")
                return int(ind.get(ox.w("left")) or ind.get(ox.w("start")) or 0) if ind is not None else 0
        raise AssertionError(start)

    assert left_indent("iv.\tTo complement") > left_indent("1.2\t")


def test_signature_copy_in_russian(flow):
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/signature.docx?lang=ru", headers=flow.officer)
    header = _parts(r.content, "word/header")
    assert "ПРОЕКТ" in header and "Версия 1" in header
    assert "Подпись:" in _cells(r.content) and "Место:" in _cells(r.content)
    assert "-v1-draft-ru-" in r.headers["content-disposition"]


def test_a_one_language_copy_for_editing(flow, users):
    tr = {"Authorization": f"Bearer {users.make('tr@example.org', 'translator')}"}
    c11 = flow.clause("1.1")
    ru = "Целью настоящего МоВ является создание юридически не обязывающей основы сотрудничества."
    flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c11['key']}/translations/ru", headers=tr,
               json={"text": ru})
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/edit.docx?lang=ru", headers=flow.h["KAZ"])
    assert r.status_code == 200 and "-v1-edit-ru-" in r.headers["content-disposition"]
    doc = DocxDocument(io.BytesIO(r.content))
    para = next(p for p in doc.paragraphs if p.text.startswith("1.1\t"))
    assert para.text == f"1.1\t{ru}"
    assert f'w:name="cl_{c11["key"]}"' in _parts(r.content, "word/document")
    assert "ПРОЕКТ" in _parts(r.content, "word/header")
    assert flow.c.get(f"/api/v1/drafts/{flow.d}/export/edit.docx?lang=de", headers=flow.officer).status_code == 422


def test_proposing_in_russian_through_a_one_language_copy(flow, users):
    """A delegate edits the Russian copy for editing: the new wording is recorded in Russian (never as
    the English text), beside the authentic text it would change; a deletion is a deletion."""
    from tests.data.docx_import.word_edits import TrackedEdits

    flow.open()
    tr = {"Authorization": f"Bearer {users.make('tr@example.org', 'translator')}"}

    def walk(nodes):
        for x in nodes:
            yield x
            yield from walk(x["children"])

    for n, c in enumerate(walk(flow.tree()["clauses"])):
        if c["text"] or c["heading"]:
            body = {"text": f"Русский текст положения номер {n} настоящего меморандума." if c["text"] else "",
                    "heading": f"Заголовок {n}" if c["heading"] else ""}
            r = flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c['key']}/translations/ru", headers=tr,
                           json=body)
            assert r.status_code in (200, 201), r.text
    c11, c23 = flow.clause("1.1"), flow.clause("2.3")
    data = flow.c.get(f"/api/v1/drafts/{flow.d}/export/edit.docx?lang=ru", headers=flow.h["KAZ"]).content
    ed = TrackedEdits(data, author="Aliya Delegate")
    ed.replace(ed.find("1.1\t"), "Русский", "Новый")
    ed.delete(ed.find("2.3\t"))
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals/import", headers=flow.h["KAZ"],
                    files={"file": ("ru.docx", ed.bytes(), "application/octet-stream")})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["lang"] == "ru"
    got = {p["kind"]: p for p in body["created"]}
    assert set(got) == {"comment", "delete"}
    ru = got["comment"]
    assert ru["clause_key"] == c11["key"] and ru["translations"]["ru"].startswith("Новый текст положения")
    assert ru["quoted_text"] == c11["text"]  # the authentic text it would change
    assert "Proposed wording in Russian" in ru["rationale"]
    assert got["delete"]["clause_key"] == c23["key"]
    # the English text is untouched by it: nothing in Russian can be consolidated into it by accident
    assert "Новый" not in ru["proposed_text"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_export_in_russian_and_kazakh_opens_in_libreoffice(flow):
    """LibreOffice reads each export (one soffice run) and shows Concord's words in the reader's language."""
    from tests.support.libreoffice import convert_many, require_soffice

    require_soffice()
    _proposals(flow)
    want = []
    for lang, words in (("ru", ("Место", "Предложено", "Подпись", "[Перевод отсутствует]")),
                        ("kk", ("Орны", "Ұсынған", "Қолы", "[Аударма жоқ]"))):
        for kind, word in zip(("signature", "compilation", "signature", "parallel"), words, strict=True):
            r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/{kind}.docx?lang={lang}", headers=flow.officer)
            assert r.status_code == 200
            want.append((r.content, word))
    texts = convert_many([d for d, _ in want], "txt")
    for (_data, word), text in zip(want, texts, strict=True):
        assert word in text.decode("utf-8"), word
