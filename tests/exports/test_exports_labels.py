"""Number labels as written, through the API: a text imported with "ARTICLE 4 -" and
"ARTICLE 5 –", "Article I" then "Article 2", articles from 12, or "Article 16 bis" is exported
with exactly those labels in the signature copy, the parallel text, the compilation and the
redline, and its signature copy imports back to the same labels."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document as DocxDocument

from app.core.word.reader import read_paragraphs

PRE = ("MEMORANDUM OF UNDERSTANDING BETWEEN THE PARTIES\n\nThe Parties, considering the need for cooperation "
       "in many fields of common interest,\n\nHave agreed as follows:\n\n")
END = ("\n\nDone at Astana on 12 June 2024 in two originals, each in English and Russian, both texts being "
       "equally authentic.\n\nFor the Government of Kazakhstan:\n\nFor the Government of India:\n")

CASES = {
    "house": ("ARTICLE 4 - Purpose\n\nThe Parties will cooperate in many fields.\n\n"
              "ARTICLE 5 – Scope\n\nThe scope is wide and covers every field.",
              ["ARTICLE 4 -", "ARTICLE 5 –"], ["ARTICLE 4 - Purpose", "ARTICLE 5 – Scope"]),
    "mixed": ("Article I\nDefinitions\n\nThe Parties will use these terms.\n\n"
              "Article 2\nScope\n\nThe scope is wide and covers every field.",
              ["Article I", "Article 2"], ["Article I\nDefinitions", "Article 2\nScope"]),
    "from 12": ("Article 12\nFinal provisions\n\nThe Parties will settle disputes amicably.\n\n"
                "Article 13\nAmendments\n\nThe scope is wide and covers every field.",
                ["Article 12", "Article 13"], ["Article 12\nFinal provisions", "Article 13\nAmendments"]),
    "bis": ("Article 16\nDuration\n\nThe Parties will apply it for five years.\n\n"
            "Article 16 bis\nRenewal\n\nThe scope is wide and covers every field.",
            ["Article 16", "Article 16 bis"], ["Article 16\nDuration", "Article 16 bis\nRenewal"]),
}


def _import(client, officer, name: str, body: bytes, mime: str) -> dict:
    r = client.post("/api/v1/drafts/import", headers=officer, files={"file": (name, body, mime)})
    assert r.status_code == 201, r.text
    return r.json()


def _sections(client, officer, draft_id: int, n: int = 1) -> list[dict]:
    tree = client.get(f"/api/v1/drafts/{draft_id}/versions/{n}", headers=officer).json()
    return [c for c in tree["clauses"] if c["kind"] == "section"]


def _texts(data: bytes) -> list[str]:
    return [p.text for p in read_paragraphs(data)]


def _export(client, officer, draft_id: int, kind: str, **params) -> bytes:
    r = client.get(f"/api/v1/drafts/{draft_id}/export/{kind}.docx", headers=officer, params=params)
    assert r.status_code == 200, r.text
    return r.content


@pytest.mark.parametrize("case", list(CASES))
def test_every_export_prints_the_labels_as_written(client, officer, users, case):
    body, labels, heads = CASES[case]
    d = _import(client, officer, f"{case}.txt", (PRE + body + END).encode(), "text/plain")["id"]
    sections = _sections(client, officer, d)
    assert [s["label"] for s in sections] == labels

    # signature copy: the head lines as written, and it imports back to the same labels
    sig = _export(client, officer, d, "signature")
    texts = _texts(sig)
    for head in heads:
        assert head in texts
    back = _import(client, officer, "signature.docx", sig,
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert [s["label"] for s in _sections(client, officer, back["id"])] == labels

    # parallel text
    par = _export(client, officer, d, "parallel", langs="en")
    cells = [p.text for t in DocxDocument(io.BytesIO(par)).tables for row in t.rows for c in row.cells
             for p in c.paragraphs]
    for label, s in zip(labels, sections, strict=True):
        assert f"{label}\t{s['heading']}" in cells

    # a proposal on the second article's text; the compilation's number column shows its label
    r = client.post(f"/api/v1/drafts/{d}/window", headers=officer,
                    json={"deadline": (datetime.now(UTC) + timedelta(days=7)).isoformat()})
    assert r.status_code == 201, r.text
    users.make("kaz@example.org", "delegate", state="KAZ")
    kaz = users.headers("kaz@example.org")
    target = sections[1]["children"][0]
    r = client.post(f"/api/v1/drafts/{d}/proposals", headers=kaz,
                    json={"kind": "replace", "clause_key": target["key"], "submit": True, "rationale": "Narrower.",
                          "proposed_text": target["text"].replace("every field", "the fields listed")})
    assert r.status_code == 201, r.text
    comp = _export(client, officer, d, "compilation")
    first_cells = [row.cells[0].text for t in DocxDocument(io.BytesIO(comp)).tables for row in t.rows]
    assert labels[1] in first_cells or any(c.startswith(labels[1] + " (") for c in first_cells)

    # the redline of version 1 -> 2 (the proposal accepted) keeps every label as written
    pid = r.json()["id"]
    etag = client.get(f"/api/v1/proposals/{pid}", headers=officer).headers["ETag"]
    r = client.post(f"/api/v1/proposals/{pid}/decide", headers={**officer, "If-Match": etag},
                    json={"decision": "accepted", "reason": "Agreed."})
    assert r.status_code == 200, r.text
    r = client.post(f"/api/v1/drafts/{d}/versions", headers=officer, json={"base_version": 1})
    assert r.status_code == 201, r.text
    red = _export(client, officer, d, "redline")
    red_texts = _texts(red)  # the accepted view
    for head in heads:
        assert head in red_texts
    assert any("the fields listed" in t for t in red_texts)
