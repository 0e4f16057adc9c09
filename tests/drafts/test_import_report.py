"""Importing a text keeps its numbers as written, says what is irregular and what it dropped,
and refuses to change words silently (issue 9)."""

from __future__ import annotations

from pathlib import Path

from app.core.clauses import fidelity
from app.core.clauses.parse import parse_text_report

CORPUS = Path(__file__).parent.parent / "data" / "corpus"

IRREGULAR = """AGREEMENT ON COOPERATION

The Parties have agreed as follows:

Article 3
Scope

1. This Agreement applies to the exchange of information.

2. The Parties shall cooperate.

4. The Parties shall meet once a year.

Article 5
Final provisions

12

This Agreement shall enter into force on the date of its signature.

DONE at Astana on 1 June 2024.
"""


def _upload(client, headers, name, text, **params):
    return client.post("/api/v1/drafts/import", headers=headers, params=params,
                       files={"file": (name, text.encode(), "text/plain")})


def test_a_preview_shows_labels_warnings_and_dropped_lines_and_stores_nothing(client, officer):
    before = client.get("/api/v1/drafts", headers=officer).json()
    r = _upload(client, officer, "agreement.txt", IRREGULAR, dry_run="true")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dry_run"] is True and body["fidelity"]["ok"] is True
    sections = [c for c in body["clauses"] if c["kind"] == "section"]
    assert [s["label"] for s in sections] == ["Article 3", "Article 5"]  # as written, not 1 and 2
    assert [c["number"] for c in sections[0]["children"]] == ["1.", "2.", "4."]
    codes = {(w["code"], w["label"]) for w in body["warnings"]}
    assert ("start", "Article 3") in codes and ("skip", "4.") in codes and ("skip", "Article 5") in codes
    assert all(w["message"] for w in body["warnings"])
    (page,) = body["dropped"]
    assert page["text"] == "12" and page["reason"] == "page number" and page["line"] == 17
    assert client.get("/api/v1/drafts", headers=officer).json() == before  # nothing stored


def test_an_import_keeps_the_numbers_and_reports_them(client, officer):
    r = _upload(client, officer, "agreement.txt", IRREGULAR)
    assert r.status_code == 201, r.text
    assert {w["code"] for w in r.json()["import_report"]["warnings"]} >= {"start", "skip"}
    d = r.json()["id"]
    tree = client.get(f"/api/v1/drafts/{d}/versions/1", headers=officer).json()["clauses"]
    assert [c["label"] for c in tree if c["kind"] == "section"] == ["Article 3", "Article 5"]
    text = client.get(f"/api/v1/drafts/{d}/versions/1/text", headers=officer).text
    assert "Article 3\nScope" in text and "\n4. The Parties shall meet" in text and "\n12\n" not in text


def test_an_excerpt_from_a_real_convention_keeps_its_article_numbers(client, officer):
    src = (CORPUS / "vienna-diplomatic-relations-art6-12-lines.txt").read_text(encoding="utf-8")
    r = _upload(client, officer, "vienna.txt", src, dry_run="true")
    assert r.status_code == 200, r.text
    labels = [c["label"] for c in r.json()["clauses"] if c["kind"] == "section"]
    assert labels[0] == "Article 6" and labels[-1] == "Article 12"
    assert [w["code"] for w in r.json()["warnings"]][:1] == ["start"]


def test_the_fidelity_check_finds_words_the_tree_lost():
    doc, report = parse_text_report(IRREGULAR)
    assert fidelity.check(doc, report).ok
    doc.clauses[-1].text = doc.clauses[-1].text.replace("Astana", "")  # a word the stored text lost
    f = fidelity.check(doc, report)
    assert not f.ok and f.lost == {"Astana": 1} and "“Astana”" in f.summary()


def test_the_import_report_speaks_the_readers_language_with_codes(client, officer):
    """The numbering warnings and the reasons of the dropped lines come with codes, their texts
    in the reader's language (Accept-Language or ?lang=), in the preview and the import."""
    en = _upload(client, officer, "agreement.txt", IRREGULAR, dry_run="true").json()
    ru = client.post("/api/v1/drafts/import", headers={**officer, "Accept-Language": "ru"}, params={"dry_run": "true"},
                     files={"file": ("agreement.txt", IRREGULAR.encode(), "text/plain")}).json()
    kk = _upload(client, officer, "agreement.txt", IRREGULAR, dry_run="true", lang="kk").json()
    assert [w["code"] for w in ru["warnings"]] == [w["code"] for w in en["warnings"]]
    skip = next(w for w in ru["warnings"] if w["code"] == "skip" and w["label"] == "4.")
    assert skip["message"] == "«4.» идёт после «2.»: в нумерации пропуск (по порядку было бы «3.»)."
    assert next(w for w in en["warnings"] if w["label"] == "4.")["message"].startswith("“4.” follows “2.”")
    assert [(d["code"], d["reason"]) for d in ru["dropped"]] == [("page_number", "номер страницы")]
    assert [(d["code"], d["reason"]) for d in kk["dropped"]] == [("page_number", "бет нөмірі")]
    assert [(d["code"], d["reason"]) for d in en["dropped"]] == [("page_number", "page number")]
    r = client.post("/api/v1/drafts/import", headers={**officer, "Accept-Language": "ru"},
                    files={"file": ("agreement.txt", IRREGULAR.encode(), "text/plain")})
    assert r.status_code == 201, r.text
    report = r.json()["import_report"]
    assert report["dropped"][0]["reason"] == "номер страницы"
    assert any(w["message"].startswith("«Article 3»") for w in report["warnings"])


def test_every_code_of_an_import_report_has_its_text_in_each_language():
    from app.core.clauses.messages import DROP_REASONS, WARNING_MESSAGES, reason_text, warning_message

    for lang in ("ru", "kk"):
        for code in WARNING_MESSAGES:
            w = {"code": code, "label": "4.", "previous": "2.", "expected": "3."}
            assert warning_message(w, lang) != warning_message(w, "en") and "«4.»" in warning_message(w, lang)
        for code, msgid in DROP_REASONS.items():
            assert reason_text({"code": code}, lang) not in ("", msgid), (lang, code)


def test_the_report_of_a_revised_text_speaks_the_readers_language(client, officer):
    d = _upload(client, officer, "agreement.txt", IRREGULAR).json()["id"]
    revised = IRREGULAR.replace("The Parties shall cooperate.", "The Parties shall cooperate closely.")
    r = client.post(f"/api/v1/drafts/{d}/versions/import", headers={**officer, "Accept-Language": "kk"},
                    params={"dry_run": "true"}, files={"file": ("revised.txt", revised.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    report = r.json()["import_report"]
    assert [(x["code"], x["reason"]) for x in report["dropped"]] == [("page_number", "бет нөмірі")]
    assert any(w["code"] == "skip" and "өткізіп алу" in w["message"] for w in report["warnings"])
