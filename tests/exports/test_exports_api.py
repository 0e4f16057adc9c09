"""Word exports through the API: signature copy, parallel text, compilation table."""

from __future__ import annotations

import io
import zipfile

from docx import Document as DocxDocument


def _xml(data: bytes, part: str = "word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(part).decode("utf-8")


def _parts(data: bytes, prefix: str = "word/") -> str:
    z = zipfile.ZipFile(io.BytesIO(data))
    return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.startswith(prefix) and
                    n.endswith(".xml"))


def test_signature_copy_draft_then_final(flow):
    d = flow.d
    r = flow.c.get(f"/api/v1/drafts/{d}/export/signature.docx", headers=flow.h["KAZ"])
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    header = _parts(r.content, "word/header")
    assert "DRAFT" in header and "Version 1" in header
    doc = DocxDocument(io.BytesIO(r.content))
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("1.1\t") for t in texts)  # numbers are typed as text, then a tab
    assert len(doc.tables) >= 1  # the signature table
    table_text = " ".join(c.text for row in doc.tables[-1].rows for c in row.cells)
    assert "For the United Nations Office of Counter-Terrorism" in table_text and "Signature" in table_text
    # approval locks the text: not while the title still reads "DRAFT ...", the final copy would open with it
    r2 = flow.c.post(f"/api/v1/drafts/{d}/transition", headers=flow.officer, json={"to": "under_review"})
    assert r2.status_code == 200, r2.text
    r2 = flow.c.post(f"/api/v1/drafts/{d}/transition", headers=flow.officer, json={"to": "approved"})
    assert r2.status_code == 409 and "still reads “DRAFT" in r2.json()["detail"]
    title = next(x for x in flow.tree()["clauses"] if x["kind"] == "title")
    final_title = title["text"].split("\n", 1)[1] if "\n" in title["text"] else title["text"].replace("DRAFT", "", 1)
    flow.consolidate(editorial=[{"kind": "replace", "key": title["key"], "text": final_title.strip()}])
    etag = flow.c.get(f"/api/v1/drafts/{d}", headers=flow.officer).headers["etag"]
    r2 = flow.c.patch(f"/api/v1/drafts/{d}", headers={**flow.officer, "If-Match": etag},
                      json={"title": "Memorandum of Understanding between UNOCT and the CICA Secretariat"})
    assert r2.status_code == 200, r2.text
    for step in ("approved", "final"):
        r2 = flow.c.post(f"/api/v1/drafts/{d}/transition", headers=flow.officer, json={"to": step})
        assert r2.status_code == 200, r2.text
    final = flow.c.get(f"/api/v1/drafts/{d}/export/signature.docx", headers=flow.officer)
    v = flow.c.get(f"/api/v1/drafts/{d}/versions", headers=flow.officer).json()[-1]
    assert "DRAFT" not in _parts(final.content, "word/header") and v["hash"] in _parts(final.content, "word/footer")
    assert not DocxDocument(io.BytesIO(final.content)).paragraphs[0].text.upper().startswith("DRAFT")
    # a final text is locked: no new window, no consolidation
    assert flow.c.post(f"/api/v1/drafts/{d}/window", headers=flow.officer,
                       json={"deadline": "2099-01-01T00:00:00Z"}).status_code == 409
    r = flow.c.post(f"/api/v1/drafts/{d}/transition", headers=flow.officer, json={"to": "drafting"})
    assert r.status_code == 409 and "next steps: signed" in r.json()["detail"]


def test_parallel_text_marks_missing_and_stale(flow, users):
    tr = {"Authorization": f"Bearer {users.make('tr@example.org', 'translator')}"}
    c11 = flow.clause("1.1")
    flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c11['key']}/translations/ru", headers=tr,
               json={"text": "Целью настоящего МоВ является ..."})
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/parallel.docx", headers=flow.officer)
    assert r.status_code == 200
    doc = DocxDocument(io.BytesIO(r.content))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert len(header) >= 3 and "Русский" in " ".join(header)
    body = " ".join(c.text for row in table.rows for c in row.cells)
    assert "Целью настоящего МоВ" in body and "Translation missing" in body
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/parallel.docx?langs=en,fr", headers=flow.officer)
    assert r.status_code == 422


def test_compilation_table_with_filters(flow):
    flow.open()
    c11, c21, c31 = flow.clause("1.1"), flow.clause("2.1"), flow.clause("3.1")
    a = flow.propose("KAZ", kind="replace", clause_key=c11["key"], rationale="Clearer.",
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    flow.act(a["id"], "invite", flow.h["KAZ"], states=["IND"])
    flow.act(a["id"], "accept-invitation", flow.h["IND"])
    flow.propose("CHN", kind="delete", clause_key=c21["key"], rationale="Too long.")
    flow.propose("IND", kind="comment", clause_key=c31["key"], rationale="We support 3.1.")
    flow.propose("IND", submit=False, kind="delete", clause_key=c31["key"])  # a draft: never compiled
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx", headers=flow.officer)
    assert r.status_code == 200
    xml = _xml(r.content)
    assert "w:orient=\"landscape\"" in xml
    assert 'w:author="Kazakhstan"' in xml and "voluntary" in xml and "<w:delText" in xml
    doc = DocxDocument(io.BytesIO(r.content))
    text = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Kazakhstan" in text and "India" in text and "Clearer." in text and "We support 3.1." in text
    assert text.count("Too long.") == 1
    only = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?states=CHN", headers=flow.officer)
    text = " ".join(c.text for t in DocxDocument(io.BytesIO(only.content)).tables for row in t.rows for c in row.cells)
    assert "Too long." in text and "Clearer." not in text
    ranged = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?from_clause=2&to_clause=3",
                        headers=flow.officer)
    text = " ".join(c.text for t in DocxDocument(io.BytesIO(ranged.content)).tables for row in t.rows
                    for c in row.cells)
    assert "Too long." in text and "We support 3.1." in text and "Clearer." not in text
    assert flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?from_clause=99",
                      headers=flow.officer).status_code == 422


def test_unknown_export_and_redline_with_one_version(flow):
    assert flow.c.get(f"/api/v1/drafts/{flow.d}/export/poster.docx", headers=flow.officer).status_code == 404
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/redline.docx", headers=flow.officer)
    assert r.status_code == 422 and "only one" in r.json()["detail"]


def test_every_export_opens_in_libreoffice(flow):
    from tests.support.libreoffice import convert_many, require_soffice

    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text="The purpose is cooperation.")
    flow.decide(p["id"])
    flow.consolidate()
    docs = {kind: flow.c.get(f"/api/v1/drafts/{flow.d}/export/{kind}.docx", headers=flow.officer).content
            for kind in ("signature", "parallel", "redline")}
    docs["compilation"] = flow.c.get(f"/api/v1/drafts/{flow.d}/export/compilation.docx?version=1",
                                     headers=flow.officer).content
    require_soffice()
    pdfs = convert_many(list(docs.values()), "pdf")
    for kind, pdf in zip(docs, pdfs, strict=True):
        assert pdf[:5] == b"%PDF-", kind
        assert len(pdf) > 2000, kind


def test_export_refusals_read_in_russian_and_kazakh(flow):
    from tests.support.languages import assert_not_english

    base = f"/api/v1/drafts/{flow.d}/export"
    ru = flow.c.get(f"{base}/redline.docx", headers={**flow.officer, "Accept-Language": "ru"})
    assert ru.status_code == 422 and ru.json()["code"] == "redline_one_version"
    assert ru.json()["detail"].startswith("Для сравнения с правкой нужны две версии")
    assert_not_english(ru.json()["detail"], {"from"})
    kk = flow.c.get(f"{base}/poster.docx", headers={**flow.officer, "Accept-Language": "kk"})
    assert kk.status_code == 404 and kk.json()["detail"].startswith("Экспорттың белгісіз түрі «poster»")
    assert_not_english(kk.json()["detail"], {"poster", "signature", "parallel", "compilation", "redline", "edit"})
    kk = flow.c.get(f"{base}/compilation.docx?from_clause=99", headers={**flow.officer, "Accept-Language": "kk"})
    assert kk.status_code == 422 and kk.json()["detail"] == ("1 нұсқада «99» ережесі жоқ (нөмірін, мысалы 2.1, "
                                                             "немесе кілтін көрсетіңіз).")
    ru = flow.c.get(f"{base}/signature.docx?lang=xx", headers={**flow.officer, "Accept-Language": "ru"})
    assert ru.status_code == 422 and ru.json()["detail"] == "Неизвестный язык «xx»; используйте один из: en, ru, kk."
    en = flow.c.get(f"{base}/redline.docx", headers=flow.officer).json()["detail"]
    assert en == "A redline needs two versions: this draft has only one (give `from` and `to`)."
