"""Comparison through the API: versions, languages, previews of proposals, formats, redlines in Word."""

from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument


@pytest.fixture
def two_versions(flow):
    """Version 2 of the CICA draft: 1.1 reworded (KAZ), a clause inserted in 2 (IND), 2.3 deleted (CHN)."""
    return flow, flow.two_versions()


def test_json_comparison_clause_by_clause_with_provenance(two_versions):
    flow, (a, b, c) = two_versions
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=1&to=2", headers=flow.h["IND"])
    assert r.status_code == 200
    body = r.json()
    assert body["matched_by"] == "key"
    counts = body["counts"]
    assert counts["modified"] == 1 and counts["inserted"] == 1 and counts["deleted"] == 1
    assert counts["renumbered"] == 0  # labels are text: deleting 2.3 moves no other number
    mod = next(x for x in body["clauses"] if x["status"] == "modified")
    assert ["delete", "non-legally binding"] in mod["text_ops"] and ["insert", "voluntary"] in mod["text_ops"]
    assert mod["provenance"][0]["state"] == "KAZ" and mod["provenance"][0]["rationale"] == "Clearer wording."
    ins = next(x for x in body["clauses"] if x["status"] == "inserted")
    assert ins["provenance"][0]["state"] == "IND"
    assert ins["new_number"] == "2.7 bis"  # inserted during negotiation: no other label moves


def test_comparison_in_russian_uses_the_translations(two_versions, users):
    flow, _ = two_versions
    tr = {"Authorization": f"Bearer {users.make('tr@example.org', 'translator')}"}
    c11 = flow.clause("1.1", 1)
    flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c11['key']}/translations/ru", headers=tr,
               json={"text": "Целью настоящего МоВ является создание юридически не обязывающей основы."})
    flow.c.put(f"/api/v1/drafts/{flow.d}/versions/2/clauses/{c11['key']}/translations/ru", headers=tr,
               json={"text": "Целью настоящего МоВ является создание добровольной основы."})
    body = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=1&to=2&lang=ru", headers=tr).json()
    entry = next(x for x in body["clauses"] if x["key"] == c11["key"])
    assert entry["status"] == "modified" and body["lang"] == "ru"
    assert ["insert", "добровольной"] in entry["text_ops"]
    assert any(op == "delete" and "юридически не обязывающей" in t for op, t in entry["text_ops"])


def test_preview_of_a_proposal(flow):
    flow.open()
    c12 = flow.clause("1.2")
    p = flow.propose("KAZ", kind="replace", clause_key=c12["key"],
                     proposed_text=c12["text"].replace("main objectives", "principal objectives"))
    body = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=1&proposals={p['id']}", headers=flow.h["IND"]).json()
    assert body["counts"]["modified"] == 1
    entry = next(x for x in body["clauses"] if x["status"] == "modified")
    assert ["insert", "principal"] in entry["text_ops"] and entry["provenance"][0]["proposal_id"] == p["id"]
    # nothing was stored: still one version
    assert flow.latest() == 1
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=1&proposals=abc", headers=flow.officer)
    assert r.status_code == 422


def test_html_formats_are_accessible(two_versions):
    flow, _ = two_versions
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=1&to=2&format=html", headers=flow.officer)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<ins" in r.text and "<del" in r.text and "Inserted" in r.text and "Deleted" in r.text
    side = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=1&to=2&format=html&view=side", headers=flow.officer)
    assert "<table" in side.text and "<caption" in side.text


def test_bad_comparison_requests(two_versions):
    flow, _ = two_versions
    base = f"/api/v1/drafts/{flow.d}/compare"
    assert flow.c.get(f"{base}?from=1&to=9", headers=flow.officer).status_code == 404
    assert flow.c.get(f"{base}?from=1", headers=flow.officer).status_code == 422
    assert flow.c.get(f"{base}?from=1&to=2&format=pdf", headers=flow.officer).status_code == 422
    assert flow.c.get(f"{base}?from=1&to=2&lang=de", headers=flow.officer).status_code == 422
    assert flow.c.get(f"{base}?from=1&to=2&match=magic", headers=flow.officer).status_code == 422
    assert flow.c.get(f"{base}?from=1&to=2").status_code == 401


def test_separately_imported_versions_are_matched_by_similarity(client, officer, sample_text):
    """The same agreement imported twice, the second time with 1.1 moved after 1.2 and reworded: the clause
    is matched by content, not shown as deleted and inserted."""
    r1 = client.post("/api/v1/drafts", headers=officer, json={"text": sample_text})
    moved = sample_text.replace("- 1.1 The purpose of this MoU is to provide a non-legally binding framework, which "
                                "sets out the scope and modalities of the cooperation between UNOCT and the CICA "
                                "Secretariat.\n", "")
    moved = moved.replace("2: Areas of Cooperation", "- 1.3 The purpose of this MoU is to provide a voluntary "
                          "framework, which sets out the scope and modalities of the cooperation between UNOCT and "
                          "the CICA Secretariat.\n\n2: Areas of Cooperation")
    r2 = client.post("/api/v1/drafts", headers=officer, json={"text": moved})
    d1, d2 = r1.json()["id"], r2.json()["id"]
    body = client.get(f"/api/v1/drafts/{d1}/compare?from=1&to=1&to_draft={d2}&match=similarity", headers=officer).json()
    assert body["matched_by"] == "similarity"
    entry = next(x for x in body["clauses"] if "voluntary framework" in x["new_text"])
    assert entry["status"] == "modified" and entry["moved"] is True
    assert body["counts"]["deleted"] == 0 and body["counts"]["inserted"] == 0


def _docx_paragraph_texts(data: bytes) -> list[str]:
    return [p.text for p in DocxDocument(io.BytesIO(data)).paragraphs]


def test_word_redline_accept_and_reject_in_libreoffice(two_versions):
    from tests.support.libreoffice import (
        accept_all_text,
        lines,
        reject_all_text,
        require_soffice,
        require_uno,
    )

    flow, _ = two_versions
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/redline.docx?from=1&to=2", headers=flow.officer)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    xml = __import__("zipfile").ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode()
    assert 'w:author="Kazakhstan"' in xml and 'w:author="India"' in xml and 'w:author="China"' in xml
    assert "<w:delText" in xml
    require_soffice()
    require_uno()
    new_text = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/2/text", headers=flow.officer).text
    old_text = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/1/text", headers=flow.officer).text
    accepted = " ".join(" ".join(lines(accept_all_text(r.content))).split())
    rejected = " ".join(" ".join(lines(reject_all_text(r.content))).split())
    assert "voluntary framework" in accepted and "non-legally binding" not in accepted
    assert "may exchange staff" in accepted and "may invite one another" not in accepted
    assert "non-legally binding" in rejected and "may exchange staff" not in rejected
    assert "may invite one another" in rejected
    # every word of each version is there, in order, once the numbers are set aside
    def words(t):
        return [w for w in t.split() if not any(ch.isdigit() for ch in w)]
    assert words(accepted) == words(" ".join(x for x in new_text.split()))
    assert words(rejected) == words(" ".join(x for x in old_text.split()))


def test_a_translation_not_updated_is_never_shown_unchanged(two_versions, users):
    """1.1 was reworded in English for version 2 (KAZ) and its Russian text made from version 1 was not
    updated: the Russian comparison says so, in JSON, HTML and the Word redline, with the English change."""
    flow, _ = two_versions
    tr = {"Authorization": f"Bearer {users.make('tr@example.org', 'translator')}"}
    c11 = flow.clause("1.1", 1)
    ru = "Целью настоящего МоВ является создание юридически не обязывающей основы."
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c11['key']}/translations/ru", headers=tr,
                   json={"text": ru})
    assert r.status_code in (200, 201), r.text
    base = f"/api/v1/drafts/{flow.d}/compare?from=1&to=2&lang=ru"
    body = flow.c.get(base, headers=flow.officer).json()
    entry = next(x for x in body["clauses"] if x["key"] == c11["key"])
    assert entry["status"] == "source_changed" and entry["source_changed"] is True
    assert entry["translation"] == "stale" and entry["old_text"] == entry["new_text"] == ru
    assert ["delete", "non-legally binding"] in entry["source_text_ops"]
    assert ["insert", "voluntary"] in entry["source_text_ops"]
    assert body["counts"]["source_changed"] == 1 and body["source_lang"] == "en"
    assert not any(x["key"] == c11["key"] for x in body["clauses"] if x["status"] == "unchanged")
    # in English the same clause is simply modified
    en = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=1&to=2", headers=flow.officer).json()
    assert en["counts"]["source_changed"] == 0
    assert next(x for x in en["clauses"] if x["key"] == c11["key"])["status"] == "modified"
    # HTML: the badge in Russian, the English change beside the Russian text, the summary counts it
    html = flow.c.get(base + "&format=html", headers=flow.officer).text
    assert "Изменено в английском тексте; русский текст ещё не обновлён" in html
    row = html[html.index(f'data-key="{c11["key"]}"'):]
    row = row[:row.index("</div>\n<div") if "</div>\n<div" in row else len(row)]
    assert ru in row and 'lang="en"' in row and "voluntary" in row and "<del" in row
    assert 'data-status="source_changed">Изменено в английском тексте; русский текст ещё не обновлён: 1' in html
    side = flow.c.get(base + "&format=html&view=side", headers=flow.officer).text
    assert "voluntary" in side and "cmp-badge-source_changed" in side
    # Word: a comment on the clause says so, with the English before and after; author in Russian
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/redline.docx?from=1&to=2&lang=ru&comments=false",
                   headers=flow.officer)
    z = __import__("zipfile").ZipFile(io.BytesIO(r.content))
    comments = z.read("word/comments.xml").decode()
    assert "Изменено в английском тексте; русский текст ещё не обновлён" in comments
    assert "voluntary" in comments and "non-legally binding" in comments
    assert 'w:author="Секретариат"' in comments
    assert "ru" in r.headers["content-disposition"] and "redline" in r.headers["content-disposition"]


def test_rejecting_a_redline_with_comments_gives_the_old_version_exactly(flow):
    """A moved clause, an inserted one and a deleted one, each with its proposal's rationale as a Word
    comment: rejecting every change in LibreOffice leaves the old version, with no empty paragraph where
    a comment stood; accepting every change gives the new one."""
    from tests.support.libreoffice import (
        accept_all_text,
        lines,
        reject_all_text,
        require_soffice,
        require_uno,
    )

    flow.open()
    c12, c23, c25, c31 = (flow.clause(n) for n in ("1.2", "2.3", "2.5", "3.1"))
    ps = [flow.propose("KAZ", kind="move", clause_key=c25["key"], anchor_key=c31["key"], position="after",
                       rationale="Belongs with 3."),
          flow.propose("IND", kind="insert", clause_key=c12["key"], position="after",
                       proposed_text="The Participants may exchange staff.", rationale="Staff exchanges."),
          flow.propose("CHN", kind="delete", clause_key=c23["key"], rationale="Redundant.")]
    for p in ps:
        flow.decide(p["id"])
    flow.consolidate()
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/redline.docx?from=1&to=2&comments=true", headers=flow.officer)
    assert b"word/comments.xml" in r.content
    require_soffice()
    require_uno()
    old_text = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/1/text", headers=flow.officer).text
    new_text = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/2/text", headers=flow.officer).text
    rejected = [x for x in reject_all_text(r.content).split("\n")]
    accepted = [x for x in accept_all_text(r.content).split("\n")]

    def body(paras):  # the paragraphs from the first clause on, numbers aside, empty ones kept
        return [" ".join(w for w in p.split() if not any(ch.isdigit() for ch in w)) for p in paras]

    def expected(text):
        return [" ".join(w for w in x.split() if not any(ch.isdigit() for ch in w)) for x in lines(text)]

    got_rejected = [x for x in body(rejected)]
    assert "" not in got_rejected[:-1], [n for n, x in enumerate(got_rejected) if not x]
    assert [x for x in got_rejected if x] == [x for x in expected(old_text) if x]
    assert [x for x in body(accepted) if x] == [x for x in expected(new_text) if x]


def test_bad_comparison_requests_are_refused_in_russian_and_kazakh(two_versions):
    from tests.support.languages import assert_not_english

    flow, _ = two_versions
    base = f"/api/v1/drafts/{flow.d}/compare"
    kk = flow.c.get(f"{base}?from=1", headers={**flow.officer, "Accept-Language": "kk"})
    assert kk.status_code == 422 and kk.json()["code"] == "compare_to_needed"
    assert kk.json()["detail"] == ("`to` (нұсқа нөмірі) немесе `proposals` (қарап шығатын ұсыныстардың id-лері) "
                                   "көрсетіңіз.")
    assert_not_english(kk.json()["detail"], {"proposals"})
    ru = flow.c.get(f"{base}?from=1&to=2&match=magic", headers={**flow.officer, "Accept-Language": "ru"})
    assert ru.status_code == 422 and ru.json()["detail"].startswith("match должен быть одним из: ")
    assert_not_english(ru.json()["detail"], {"match", "auto", "key", "similarity", "number"})
    kk = flow.c.get(f"{base}?from=1&proposals=1,x", headers={**flow.officer, "Accept-Language": "kk"})
    assert kk.status_code == 422 and kk.json()["code"] == "proposal_ids_invalid"
    assert_not_english(kk.json()["detail"], {"proposals"})
    en = flow.c.get(f"{base}?from=1", headers=flow.officer).json()
    assert en["detail"] == "Give `to` (a version number) or `proposals` (ids to preview)."
