"""A revised text becomes the next version (issue 9): POST /api/v1/drafts/{id}/versions/import.

Driven through the API as the secretariat does it: read the current text, edit it as the
counterpart would, upload it (preview first), then read the new version and the comparison."""

from __future__ import annotations

import io

import pytest

from app.models import AuditEvent, Version

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _text(flow, n=None):
    return flow.c.get(f"/api/v1/drafts/{flow.d}/versions/{n or flow.latest()}/text", headers=flow.officer).text


def _upload(flow, text, *, name="revised.txt", who=None, dry_run=False, lang=None, **form):
    headers = dict(who or flow.officer)
    if lang:
        headers["Accept-Language"] = lang
    data = {k: str(v) for k, v in form.items()}
    return flow.c.post(f"/api/v1/drafts/{flow.d}/versions/import", headers=headers,
                       params={"dry_run": "true"} if dry_run else None, data=data,
                       files={"file": (name, text if isinstance(text, bytes) else text.encode(), "text/plain")})


def _walk(nodes):
    for x in nodes:
        yield x
        yield from _walk(x["children"])


def _keys(tree):
    return {x["key"]: x for x in _walk(tree["clauses"])}


def _revision(flow):
    """The counterpart's file: 1.1 reworded, 2.3 deleted, a paragraph 2.8 added at the end of 2."""
    c11, c27, c23 = flow.clause("1.1"), flow.clause("2.7"), flow.clause("2.3")
    text = _text(flow)
    assert c11["text"] in text and c27["text"] in text
    text = text.replace(c11["text"], c11["text"].replace("non-legally binding", "voluntary"))
    text = text.replace(f"2.3 {c23['text']}\n\n", "")
    text = text.replace(f"2.7 {c27['text']}\n\n", f"2.7 {c27['text']}\n\n2.8 The Participants may second staff "
                        "to each other's offices for periods agreed in writing.\n\n")
    return text, c11, c27, c23


def test_a_revised_text_becomes_the_next_version_with_its_keys_kept(flow, db):
    before = _keys(flow.tree(1))
    text, c11, _c22, c23 = _revision(flow)
    r = _upload(flow, text, base_version=1)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["version"]["number"] == 2 and body["version"]["base_number"] == 1
    assert r.headers["Location"] == f"/api/v1/drafts/{flow.d}/versions/2"
    m = body["matching"]
    assert (m["edited"], m["inserted"], m["deleted"]) == (1, 1, 1)
    assert m["kept"] == len(before) - 2
    assert [e["key"] for e in m["clauses"]["edited"]] == [c11["key"]]
    assert [e["key"] for e in m["clauses"]["deleted"]] == [c23["key"]]
    assert body["import_report"]["fidelity"]["ok"] is True
    assert body["attributed_to"] == {"kind": "secretariat", "name": "secretariat", "state": None}
    after = _keys(flow.tree(2))
    assert after[c11["key"]]["text"].startswith(c11["text"].split("non-legally")[0])
    assert "voluntary" in after[c11["key"]]["text"]
    assert c23["key"] not in after
    (new_key,) = set(after) - set(before)
    assert after[new_key]["label"] == "2.8" and int(new_key[1:]) > max(int(k[1:]) for k in before)
    # every other clause is the same clause, same key, same wording
    for key, clause in after.items():
        if key not in (new_key, c11["key"]):
            assert (clause["heading"], clause["text"]) == (before[key]["heading"], before[key]["text"])
    # the comparison with version 1 shows exactly what the file changed
    cmp = flow.c.get(f"/api/v1/drafts/{flow.d}/compare", headers=flow.officer,
                     params={"from": 1, "to": 2, "format": "json"}).json()
    changed = {(c["status"], c["key"]) for c in cmp["clauses"] if c["status"] not in ("unchanged", "renumbered")}
    assert changed == {("modified", c11["key"]), ("inserted", new_key), ("deleted", c23["key"])}
    audit = db.query(AuditEvent).filter_by(action="version.import").one()
    assert audit.details["version"] == 2 and audit.details["matching"]["edited"] == 1


def test_the_preview_shows_the_matching_and_stores_nothing(flow, db):
    text, c11, _c22, _c23 = _revision(flow)
    r = _upload(flow, text, dry_run=True)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dry_run"] is True and body["base_version"] == 1 and body["next_version"] == 2
    assert body["unchanged"] is False
    assert (body["matching"]["edited"], body["matching"]["inserted"], body["matching"]["deleted"]) == (1, 1, 1)
    assert body["matching"]["clauses"]["edited"][0]["key"] == c11["key"]
    assert c11["key"] in {c["key"] for c in _walk(body["clauses"])}
    assert flow.latest() == 1 and db.query(Version).filter_by(draft_id=flow.d).count() == 1
    assert db.query(AuditEvent).filter_by(action="version.import").count() == 0
    # the real import makes the version the preview announced
    r2 = _upload(flow, text, base_version=body["base_version"])
    assert r2.status_code == 201 and r2.json()["version"]["hash"] == body["hash"]


def test_the_import_report_lists_numbering_warnings_and_dropped_lines(flow):
    text = _text(flow).replace("\n\n3: General principles", "\n\n17\n\n3: General principles")
    text = text.replace("\n2.4 ", "\n2.9 ")
    r = _upload(flow, text, base_version=1)
    assert r.status_code == 201, r.text
    report = r.json()["import_report"]
    assert any(d["text"] == "17" and d["reason"] == "page number" for d in report["dropped"])
    assert any(w["code"] == "skip" and w["label"] == "2.9" for w in report["warnings"])
    assert r.json()["matching"]["relabelled"] == 1 and r.json()["matching"]["edited"] == 0


def test_pending_proposals_are_reanchored_as_after_a_consolidation(flow):
    flow.open()
    c11, c21, c23 = flow.clause("1.1"), flow.clause("2.1"), flow.clause("2.3")
    untouched = flow.propose("KAZ", kind="replace", clause_key=c21["key"],
                             proposed_text=c21["text"] + " Additional words.")
    on_edited = flow.propose("IND", kind="replace", clause_key=c11["key"],
                             proposed_text=c11["text"].replace("CICA Secretariat", "Secretariat of CICA"))
    on_deleted = flow.propose("CHN", kind="replace", clause_key=c23["key"],
                              proposed_text=c23["text"].replace("may", "shall"))
    text, *_ = _revision(flow)
    r = _upload(flow, text, base_version=1)
    assert r.status_code == 201, r.text
    assert r.json()["reanchored"] == {"carried": 1, "applied": 1, "needs_attention": 0, "orphaned": 1}
    assert flow.get(untouched["id"])["anchor"]["status"] == "carried"
    applied = flow.get(on_edited["id"])
    assert applied["current_version"] == 2 and applied["anchor"]["status"] == "applied"
    assert "voluntary" in applied["quoted_text"] and "Secretariat of CICA" in applied["proposed_text"]
    assert flow.get(on_deleted["id"])["anchor"]["status"] == "orphaned"
    # the window of version 1 closed with the new version, as after a consolidation
    assert flow.c.get(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer).json()["open"] is False


def test_attributed_to_a_participating_state_or_a_party(flow, db):
    text, c11, *_ = _revision(flow)
    r = _upload(flow, text, base_version=1, attributed_to="kaz")
    assert r.status_code == 201, r.text
    assert r.json()["attributed_to"] == {"kind": "state", "name": "KAZ", "state": "KAZ"}
    changes = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/2/changes", headers=flow.officer).json()
    assert {(c["clause_key"], c["change"], c["state"]) for c in changes} >= {(c11["key"], "replace", "KAZ")}
    assert all(c["state"] == "KAZ" and c["proposal_id"] is None for c in changes)
    party = "United Nations Office of Counter-Terrorism"
    r = _upload(flow, text.replace("voluntary", "non-binding"), base_version=2, attributed_to=party.upper())
    assert r.status_code == 201, r.text
    assert r.json()["attributed_to"]["kind"] == "party" and r.json()["attributed_to"]["name"] == party
    assert party in r.json()["version"]["label"]
    cmp = flow.c.get(f"/api/v1/drafts/{flow.d}/compare?from=2&to=3&format=json", headers=flow.officer).json()
    authors = {p["author"] for c in cmp["clauses"] for p in c["provenance"] if p.get("version") == 3}
    assert authors == {party}  # the comparison and the redline name the party, not "Secretariat"


@pytest.mark.parametrize("lang, words", [("en", "neither a party nor a participant"),
                                         ("ru", "не является ни стороной"), ("kk", "тарапы да")])
def test_an_unknown_attribution_is_refused_in_the_readers_language(flow, db, lang, words):
    text, *_ = _revision(flow)
    r = _upload(flow, text, base_version=1, attributed_to="Atlantis", lang=lang)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "reimport_unknown_attribution"
    assert words in r.json()["detail"] and "Atlantis" in r.json()["detail"] and "KAZ" in r.json()["detail"]
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1


def test_no_change_at_all_is_a_422_and_the_preview_says_unchanged(flow, db):
    text = _text(flow)
    preview = _upload(flow, text, dry_run=True)
    assert preview.status_code == 200 and preview.json()["unchanged"] is True
    assert preview.json()["matching"]["kept"] == preview.json()["clause_count"]
    r = _upload(flow, text, base_version=1, lang="ru")
    assert r.status_code == 422 and r.json()["code"] == "reimport_no_change"
    assert "совпадает с версией 1" in r.json()["detail"]
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1


def test_refusals_store_nothing(flow, db, users):
    text, *_ = _revision(flow)
    users.make("kaz-officer@example.org", "delegate", state="KAZ")
    r = _upload(flow, text, base_version=1, who=users.headers("kaz-officer@example.org"))
    assert r.status_code == 403
    r = _upload(flow, text)  # no base_version
    assert r.status_code == 422 and r.json()["code"] == "reimport_base_required"
    r = _upload(flow, text, base_version=7)
    assert r.status_code == 409 and r.json()["code"] == "reimport_stale_base"
    r = _upload(flow, b"%PDF-1.4 binary", base_version=1, name="revised.pdf", lang="kk")
    assert r.status_code == 415 and r.json()["code"] == "reimport_unreadable"
    assert "файлын қайта қаралған мәтін ретінде оқу мүмкін болмады" in r.json()["detail"]
    r = _upload(flow, b"\x00\x01\x02binary" * 50, base_version=1)
    assert r.status_code == 415 and r.json()["code"] == "reimport_unreadable"
    r = _upload(flow, b"", base_version=1)
    assert r.status_code == 422 and r.json()["code"] == "reimport_unreadable"
    r = _upload(flow, b"just some words", base_version=1)
    assert r.status_code == 422 and r.json()["code"] == "reimport_unreadable"
    assert flow.c.post(f"/api/v1/drafts/{flow.d}/versions/import", headers=flow.officer,
                       files={"file": ("x.txt", text.encode(), "text/plain")}, data={"base_version": "x"}
                       ).status_code == 422
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1
    assert db.query(AuditEvent).filter_by(action="version.import").count() == 0


def test_a_later_version_made_in_between_refuses_the_stale_file(flow):
    text, *_ = _revision(flow)
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.4")["key"])
    flow.decide(p["id"])
    flow.consolidate()
    r = _upload(flow, text, base_version=1)
    assert r.status_code == 409 and r.json()["code"] == "reimport_stale_base"
    assert "version 2 is now the current one" in r.json()["detail"]


@pytest.mark.parametrize("status", ["final"])
def test_a_locked_draft_refuses_a_revised_text(flow, db, engine, status):
    from app.db import transaction
    from app.models import Draft

    with transaction(engine) as s:
        s.get(Draft, flow.d).status = status
    text, *_ = _revision(flow)
    r = _upload(flow, text, base_version=1, lang="ru")
    assert r.status_code == 409 and r.json()["code"] == "reimport_locked"
    assert "зафиксирован" in r.json()["detail"]
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1


def test_a_word_file_becomes_the_next_version(flow):
    docx = pytest.importorskip("docx")
    text, c11, *_ = _revision(flow)
    document = docx.Document()
    for block in text.split("\n\n"):
        document.add_paragraph(block.replace("\n", " ") if not block.startswith("**") else block)
    buf = io.BytesIO()
    document.save(buf)
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/import", headers=flow.officer, params={"dry_run": "true"},
                    files={"file": ("revised.docx", buf.getvalue(), DOCX)})
    assert r.status_code == 200, r.text
    m = r.json()["matching"]
    assert c11["key"] in [e["key"] for e in m["clauses"]["edited"]]
    assert m["deleted"] >= 1 and m["inserted"] >= 1
