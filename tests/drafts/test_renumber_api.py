"""Renumbering as the secretariat does it: a preview, then a new version whose labels follow
position, with cross-references rewritten in English and Russian, pending proposals carried
over, and refusals that say why (on SQLite and PostgreSQL)."""

from __future__ import annotations


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n["children"])


def _with_inserted_section(flow):
    """Version 2: a section inserted after section 2 (it is labelled "2 bis"), and a pending
    KAZ proposal on 4.1; a Russian translation of 2.7, which cites paragraph 4."""
    flow.open()
    s2 = flow.section("2")
    ins = flow.propose("IND", kind="insert", clause_key=s2["key"], position="after", proposed_heading="Reporting",
                       proposed_text="The Participants will report on their cooperation annually.",
                       rationale="Accountability.")
    flow.decide(ins["id"])
    flow.consolidate()
    c27 = flow.clause("2.7")
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/versions/2/clauses/{c27['key']}/translations/ru", headers=flow.translator,
                   json={"heading": "", "text": "Сотрудничество Участников в рамках настоящего МоВ и любые "
                                                "договоренности, заключенные в соответствии с пунктом 4, "
                                                "регулируются их правилами."})
    assert r.status_code == 200, r.text
    flow.open()  # the window for version 2
    c41 = flow.clause("4.1")
    pending = flow.propose("KAZ", kind="replace", clause_key=c41["key"], rationale="Shorter.",
                           proposed_text=c41["text"].replace("Where the Participants agree", "If the Participants agree", 1))
    return pending


def test_preview_then_renumber_updates_labels_references_and_translations(flow, users):
    users.make("tr@example.org", "translator")
    flow.translator = users.headers("tr@example.org")
    pending = _with_inserted_section(flow)
    assert [s["number"] for s in flow.tree(2)["clauses"] if s["kind"] == "section"][1:5] == ["2", "2 bis", "3", "4"]

    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber?dry_run=true", headers=flow.officer,
                    json={"base_version": 2})
    assert r.status_code == 200, r.text
    preview = r.json()
    assert preview["version"] is None
    table = [(x["old"], x["new"]) for x in preview["renumbered"]]
    assert table[:3] == [("2 bis", "3"), ("3", "4"), ("3.1", "4.1")]
    updated = [x for x in preview["references"]["items"] if x["status"] == "updated"]
    assert {(x["lang"], x["original"], x["replacement"]) for x in updated} >= {("en", "4", "5"), ("en", "4.1", "5.1"),
                                                                               ("ru", "4", "5")}
    assert flow.latest() == 2  # the preview stores nothing

    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber", headers=flow.officer,
                    json={"base_version": 2, "label": "Renumbered for the final text"})
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["version"]["number"] == 3 and r.headers["Location"].endswith("/versions/3")
    assert out["reanchored"]["carried"] + out["reanchored"]["applied"] >= 1
    v3 = flow.tree(3)
    assert [s["number"] for s in v3["clauses"] if s["kind"] == "section"][1:5] == ["2", "3", "4", "5"]
    texts = [n["text"] for n in _walk(v3["clauses"])]
    assert any("pursuant to paragraph 5, will be subject to" in t for t in texts)
    assert any("referred to in sub-paragraph 5.1 may address" in t for t in texts)
    # the Russian text followed and is still current (not shown as stale)
    ru = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/3?lang=ru", headers=flow.officer).json()
    node = next(n for n in _walk(ru["clauses"]) if n["number"] == "2.7")
    assert "в соответствии с пунктом 5," in node["text"] and node["translation"] == "current"
    # the delegation's pending proposal now stands on version 3, on the clause now numbered 5.1
    p = flow.get(pending["id"], who=flow.h["KAZ"])
    assert p["current_version"] == 3
    # the change record says it was editorial, per clause
    changes = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/3/changes", headers=flow.officer).json()
    assert {c["change"] for c in changes} == {"renumber", "references"} and all(c["editorial"] for c in changes)


def test_renumber_refusals_are_clear_and_store_nothing(flow):
    headers_ru = {**flow.officer, "Accept-Language": "ru"}
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber", headers=headers_ru, json={"base_version": 1})
    assert r.status_code == 422 and r.json()["code"] == "renumber_nothing"
    assert "перенумеровывать нечего" in r.json()["detail"]
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber", headers=flow.officer, json={"base_version": 7})
    assert r.status_code == 409 and r.json()["code"] == "renumber_stale_base"
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber", headers=flow.h["KAZ"], json={"base_version": 1})
    assert r.status_code == 403
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber", headers=flow.officer, json={"base": 1})
    assert r.status_code == 422
    assert flow.latest() == 1


def test_comparison_shows_the_old_to_new_table(flow, users):
    users.make("tr@example.org", "translator")
    flow.translator = users.headers("tr@example.org")
    _with_inserted_section(flow)
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber", headers=flow.officer, json={"base_version": 2})
    assert r.status_code == 201, r.text
    cmp = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=2&to=3&format=json", headers=flow.officer).json()
    table = [(x["old"], x["new"]) for x in cmp["renumbering"]]
    assert table[:2] == [("2 bis", "3"), ("3", "4")]
    html = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=2&to=3&format=html", headers=flow.officer).text
    assert "2 bis" in html and "Renumbering" in html


def test_the_word_redline_carries_the_table_and_uploads_back_without_false_proposals(flow, users):
    import io
    import re
    import zipfile

    users.make("tr@example.org", "translator")
    flow.translator = users.headers("tr@example.org")
    _with_inserted_section(flow)
    assert flow.c.post(f"/api/v1/drafts/{flow.d}/versions/renumber", headers=flow.officer,
                       json={"base_version": 2}).status_code == 201
    r = flow.c.get(f"/api/v1/drafts/{flow.d}/export/redline.docx?from=2&to=3&lang=ru", headers=flow.h["KAZ"])
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        comments = z.read("word/comments.xml").decode()
    lines = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", comments)
    assert "Перенумерация: Прежний номер → Новый номер" in lines and "2 bis → 3" in lines and "3 → 4" in lines
    flow.open()
    up = flow.c.post(f"/api/v1/drafts/{flow.d}/proposals/import", headers=flow.h["KAZ"],
                     files={"file": ("redline.docx", r.content,
                                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")})
    # Concord's own changes are not the delegation's, and the table is not read as text to propose
    assert up.status_code == 422 and "nothing was stored" in up.json()["detail"], up.text
    assert all(e["reason"] == "concord" for e in up.json()["errors"])
