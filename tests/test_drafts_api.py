"""Drafts, import, versions, trees, canonical text, translations, permissions and audit."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.models import AuditEvent, ClauseRow, Draft, Translation, Version

TEA = ("AGREEMENT ON TEA BETWEEN THE PARTIES\n\nWHEREAS the Parties consider that tea is good for friendly relations;\n\n"
       "Have agreed as follows:\n\nArticle 1\nTea\n\n1. The Parties shall drink tea together at every meeting.\n\n"
       "2. The Parties shall share tea with the other Member States.\n")


def _flat(nodes, out=None):
    out = [] if out is None else out
    for n in nodes:
        out.append(n)
        _flat(n["children"], out)
    return out


def test_import_reference_draft_has_the_right_structure(client, officer, cica_draft):
    tree = client.get(f"/api/v1/drafts/{cica_draft['id']}/versions/1", headers=officer).json()
    top = tree["clauses"]
    kinds = [n["kind"] for n in top]
    assert kinds[0] == "title"
    sections = [n for n in top if n["kind"] == "section"]
    assert [s["number"] for s in sections] == [str(i) for i in range(1, 13)]
    assert sections[0]["heading"] == "Purpose and Objectives of the MoU"
    recitals = [n for n in top if n["kind"] == "recital"]
    assert len(recitals) == 15
    assert recitals[0]["text"].startswith("WHEREAS the United Nations General Assembly adopted")
    assert any(r["text"].startswith("REAFFIRMING") for r in recitals)
    assert sum(1 for n in top if n["kind"] == "formula") == 1
    s1 = sections[0]
    assert [p["number"] for p in s1["children"]] == ["1.1", "1.2"]
    assert [i["number"] for i in s1["children"][1]["children"]] == ["i.", "ii.", "iii.", "iv."]
    s2 = sections[1]
    assert [p["number"] for p in s2["children"]] == [f"2.{i}" for i in range(1, 8)]
    items = s2["children"][0]["children"]
    assert [i["number"] for i in items] == ["i.", "ii.", "iii.", "iv.", "v.", "vi."]
    # the item broken in two by an earlier conversion is one clause again
    assert "in preventing and countering violent extremism" in items[0]["text"]
    assert "global, regional or national levels" in s2["children"][4]["text"]
    s3 = sections[2]
    assert [i["number"] for i in s3["children"][0]["children"]] == ["a.", "b."]
    kinds = [n["kind"] for n in _flat(top)]
    assert kinds.count("signature") == 2
    assert kinds.count("closing") == 1
    keys = [n["key"] for n in _flat(top)]
    assert len(keys) == len(set(keys))


def test_canonical_text_round_trips(client, officer, cica_draft):
    t1 = client.get(f"/api/v1/drafts/{cica_draft['id']}/versions/1/text", headers=officer).text
    r = client.post("/api/v1/drafts/import", headers=officer, files={"file": ("again.txt", t1.encode(), "text/plain")})
    assert r.status_code == 201
    t2 = client.get(f"/api/v1/drafts/{r.json()['id']}/versions/1/text", headers=officer).text
    assert t1 == t2
    v1 = client.get(f"/api/v1/drafts/{cica_draft['id']}/versions", headers=officer).json()[0]
    v2 = client.get(f"/api/v1/drafts/{r.json()['id']}/versions", headers=officer).json()[0]
    assert v1["hash"] == v2["hash"]  # same keys (c1..), same tree: same content hash


def test_create_from_json_and_list(client, officer):
    body = {"text": TEA,
            "participants": ["KAZ", "IND"]}
    r = client.post("/api/v1/drafts", headers=officer, json=body)
    assert r.status_code == 201, r.text
    d = r.json()
    assert d["participants"] == ["IND", "KAZ"] and d["latest_version"] == 1 and d["status"] == "drafting"
    assert r.headers["location"] == f"/api/v1/drafts/{d['id']}"
    assert [x["id"] for x in client.get("/api/v1/drafts", headers=officer).json()] == [d["id"]]


def test_input_schemas_refuse_status_and_owner_fields(client, officer):
    r = client.post("/api/v1/drafts", headers=officer, json={"text": "x", "status": "final"})
    assert r.status_code == 422 and "status" in r.json()["detail"]


@pytest.mark.parametrize("name,data,status,words", [
    ("empty.txt", b"", 422, "empty"),
    ("blank.txt", b"   \n\n  ", 422, "no text"),
    ("binary.txt", bytes(range(256)) * 4, 415, "binary"),
    ("latin1.txt", "Caf\xe9 agreement".encode("latin-1"), 415, "UTF-8"),
    ("doc.pdf", b"%PDF-1.4 ...", 415, ".txt, .md and .docx"),
    ("image.png", b"\x89PNG....", 415, "unsupported"),
    ("prose.txt", b"I went to the market and bought apples, pears and a loaf of bread.", 422, ""),
])
def test_bad_imports_get_a_clear_4xx_and_store_nothing(client, officer, db, name, data, status, words):
    r = client.post("/api/v1/drafts/import", headers=officer, files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == status, r.text
    assert words.lower() in r.json()["detail"].lower()
    assert db.query(Draft).count() == 0 and db.query(Version).count() == 0


@pytest.mark.parametrize("lang,words", [("ru", "не читается как соглашение"), ("kk", "келісім ретінде оқылмайды")])
def test_a_refused_import_is_explained_in_the_readers_language(client, officer, lang, words):
    prose = b"I went to the market and bought apples, pears and a loaf of bread, then walked home slowly " \
            b"along the river and met an old friend on the bridge."
    r = client.post("/api/v1/drafts/import", headers={**officer, "Accept-Language": lang},
                    files={"file": ("prose.txt", prose, "text/plain")})
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "parse_no_structure"
    assert words in r.json()["detail"]


def test_missing_version_and_unknown_language(client, officer, cica_draft):
    d = cica_draft["id"]
    r = client.get(f"/api/v1/drafts/{d}/versions/9", headers=officer)
    assert r.status_code == 404 and "no version 9" in r.json()["detail"]
    r = client.get(f"/api/v1/drafts/{d}/versions/1?lang=fr", headers=officer)
    assert r.status_code == 422 and "fr" in r.json()["detail"] and "kk" in r.json()["detail"]
    assert client.get("/api/v1/drafts/999", headers=officer).status_code == 404
    assert client.get(f"/api/v1/drafts/{d}/versions/abc", headers=officer).status_code == 422


def test_translations_missing_current_stale(client, officer, users, cica_draft, db, engine):
    d = cica_draft["id"]
    tr = {"Authorization": f"Bearer {users.make('tr@example.org', 'translator')}"}
    tree = client.get(f"/api/v1/drafts/{d}/versions/1?lang=ru", headers=tr).json()
    all_keys = [n["key"] for n in _flat(tree["clauses"])]
    assert set(tree["translations"]["missing"]) == set(all_keys)
    assert tree["translations"]["complete"] is False
    section = next(n for n in tree["clauses"] if n["kind"] == "section")
    para = section["children"][0]
    r = client.put(f"/api/v1/drafts/{d}/versions/1/clauses/{para['key']}/translations/ru", headers=tr,
                   json={"text": "Целью настоящего МоВ является ..."})
    assert r.status_code == 200 and r.json()["status"] == "current"
    tree = client.get(f"/api/v1/drafts/{d}/versions/1?lang=ru", headers=tr).json()
    assert para["key"] not in tree["translations"]["missing"]
    node = next(n for n in _flat(tree["clauses"]) if n["key"] == para["key"])
    assert node["text"].startswith("Целью") and node["translation"] == "current"
    text = client.get(f"/api/v1/drafts/{d}/versions/1/text?lang=ru", headers=tr)
    assert text.status_code == 200 and "Целью настоящего" in text.text
    assert "[translation missing]" in text.text
    assert para["key"] not in text.headers["X-Concord-Missing-Translations"].split(",")
    # a later version changes the English source: the translation becomes stale
    from app.db import transaction
    from app.drafts.service import load_document, store_version

    with transaction(engine) as s:
        draft = s.get(Draft, d)
        v1 = s.query(Version).filter_by(draft_id=d, number=1).one()
        doc = load_document(s, v1)
        doc.find(para["key"]).text += " Amended."
        store_version(s, draft, doc, label="v2", user=None, base_number=1)
    tree = client.get(f"/api/v1/drafts/{d}/versions/2?lang=ru", headers=tr).json()
    assert para["key"] in tree["translations"]["stale"]
    node = next(n for n in _flat(tree["clauses"]) if n["key"] == para["key"])
    assert node["translation"] == "stale" and node["text"].startswith("Целью")
    # version 1 still reads it as current
    tree1 = client.get(f"/api/v1/drafts/{d}/versions/1?lang=ru", headers=tr).json()
    assert para["key"] not in tree1["translations"]["stale"]


def test_translation_rules(client, officer, users, cica_draft):
    d = cica_draft["id"]
    tr = {"Authorization": f"Bearer {users.make('tr@example.org', 'translator')}"}
    kaz = {"Authorization": f"Bearer {users.make('kaz@example.org', 'delegate', state='KAZ')}"}
    key = client.get(f"/api/v1/drafts/{d}/versions/1", headers=tr).json()["clauses"][1]["key"]
    url = f"/api/v1/drafts/{d}/versions/1/clauses/{key}/translations"
    assert client.put(f"{url}/ru", headers=kaz, json={"text": "x"}).status_code == 403
    assert client.put(f"{url}/en", headers=tr, json={"text": "x"}).status_code == 422
    assert client.put(f"{url}/de", headers=tr, json={"text": "x"}).status_code == 422
    assert client.put(f"{url}/ru", headers=tr, json={"text": "  "}).status_code == 422
    r = client.put(f"/api/v1/drafts/{d}/versions/1/clauses/nope/translations/ru", headers=tr, json={"text": "x"})
    assert r.status_code == 404


def test_permissions_delegates_observers(client, officer, users, cica_draft):
    d = cica_draft["id"]
    kaz = {"Authorization": f"Bearer {users.make('kaz@example.org', 'delegate', state='KAZ')}"}
    obs = {"Authorization": f"Bearer {users.make('obs@example.org', 'observer')}"}
    # every member state participates by default: the delegate reads it
    assert client.get(f"/api/v1/drafts/{d}", headers=kaz).status_code == 200
    # an observer sees nothing until it is shared, and the draft's existence does not leak
    assert client.get(f"/api/v1/drafts/{d}", headers=obs).status_code == 404
    assert client.get("/api/v1/drafts", headers=obs).json() == []
    obs_id = client.get("/api/v1/auth/me", headers=obs).json()["id"]
    assert client.post(f"/api/v1/drafts/{d}/shares/{obs_id}", headers=kaz).status_code == 403
    assert client.post(f"/api/v1/drafts/{d}/shares/{obs_id}", headers=officer).status_code == 204
    assert client.get(f"/api/v1/drafts/{d}/versions/1", headers=obs).status_code == 200
    # delegates and observers cannot create, import or change drafts
    assert client.post("/api/v1/drafts", headers=kaz, json={"text": "x"}).status_code == 403
    r = client.post("/api/v1/drafts/import", headers=obs, files={"file": ("a.txt", b"WHEREAS x;", "text/plain")})
    assert r.status_code == 403
    etag = client.get(f"/api/v1/drafts/{d}", headers=officer).headers["etag"]
    assert client.patch(f"/api/v1/drafts/{d}", headers={**kaz, "If-Match": etag},
                        json={"title": "x"}).status_code == 403
    # restricting participants hides the draft from a non-participating delegate (404, not 403)
    r = client.patch(f"/api/v1/drafts/{d}", headers={**officer, "If-Match": etag}, json={"participants": ["IND"]})
    assert r.status_code == 200
    assert client.get(f"/api/v1/drafts/{d}", headers=kaz).status_code == 404
    assert client.get(f"/api/v1/drafts/{d}/versions/1/text", headers=kaz).status_code == 404
    assert client.get("/api/v1/audit", headers=kaz).status_code == 403


def test_patch_needs_if_match(client, officer, cica_draft):
    d = cica_draft["id"]
    r = client.patch(f"/api/v1/drafts/{d}", headers=officer, json={"short_title": "MoU"})
    assert r.status_code == 428
    etag = client.get(f"/api/v1/drafts/{d}", headers=officer).headers["etag"]
    r = client.patch(f"/api/v1/drafts/{d}", headers={**officer, "If-Match": etag}, json={"short_title": "MoU"})
    assert r.status_code == 200 and r.json()["short_title"] == "MoU"
    # the old ETag is now stale: 412, nothing changed
    r = client.patch(f"/api/v1/drafts/{d}", headers={**officer, "If-Match": etag}, json={"short_title": "Other"})
    assert r.status_code == 412
    assert client.get(f"/api/v1/drafts/{d}", headers=officer).json()["short_title"] == "MoU"
    r = client.patch(f"/api/v1/drafts/{d}", headers={**officer, "If-Match": r.headers.get("etag", "x")},
                     json={"status": "final"})
    assert r.status_code == 422


def test_versions_and_clauses_are_immutable_in_the_database(client, officer, cica_draft, engine):
    import sqlalchemy as sa

    for stmt in ("UPDATE versions SET label = 'x'", "DELETE FROM versions",
                 "UPDATE clauses SET text = 'changed'", "DELETE FROM clauses",
                 "UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(sa.exc.DBAPIError) as info, engine.begin() as conn:
            conn.execute(text(stmt))
        assert "insert-only" in str(info.value)


def test_every_change_is_audited_with_a_valid_chain(client, officer, cica_draft, db):
    r = client.get("/api/v1/audit", headers=officer).json()
    assert r["chain_valid"] is True
    actions = [e["action"] for e in r["events"]]
    assert "draft.create" in actions
    ev = next(e for e in r["events"] if e["action"] == "draft.create")
    assert ev["actor"] == "officer@example.org" and ev["object_id"] == str(cica_draft["id"])
    assert ev["at"].endswith("+00:00")
    # audit rows are written in the same transaction as the change: a refused change leaves none
    n = db.query(AuditEvent).count()
    client.post("/api/v1/drafts/import", headers=officer, files={"file": ("x.txt", b"", "text/plain")})
    assert db.query(AuditEvent).count() == n


def test_version_hash_and_keys(client, officer, cica_draft, db):
    v = db.query(Version).one()
    assert len(v.hash) == 64
    rows = db.query(ClauseRow).filter_by(version_id=v.id).order_by(ClauseRow.position).all()
    assert [r.key for r in rows] == [f"c{i}" for i in range(1, len(rows) + 1)]
    assert db.get(Draft, cica_draft["id"]).next_key_seq == len(rows) + 1
    assert db.query(Translation).count() == 0


def test_numbers_out_of_range_are_422_not_500(client, officer, cica_draft):
    d = cica_draft["id"]
    for path in (f"/api/v1/drafts/{d}/versions/99999999999999999999", "/api/v1/drafts/99999999999999999999",
                 "/api/v1/proposals/999999999999999999999"):
        r = client.get(path, headers=officer)
        assert r.status_code == 422 and "out of range" in r.json()["detail"], path
    r = client.get(f"/api/v1/drafts/{d}/export/compilation.docx?status=bogus", headers=officer)
    assert r.status_code == 422 and "bogus" in r.json()["detail"]
