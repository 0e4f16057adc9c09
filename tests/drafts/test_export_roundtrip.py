"""Concord's own exports import back unchanged (issue 9): a draft imported from a real text,
exported as its signature copy (.docx) and imported again through the .docx import path
(``POST /api/v1/drafts/import``) has the same tree, labels, headings and texts: parts,
chapters, sections, articles, annexes and signature blocks included."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent.parent / "data" / "corpus"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# a draft with every level: PART, CHAPTER, "ARTICLE 2 -", "Section 3:", "Article 3 bis",
# outline paragraphs, items, a closing formula, signatures and two annexes after them
LEVELS = """AGREEMENT ON COOPERATION

The Government of A and the Government of B,

Recalling their friendship,

Have agreed as follows:

PART I
GENERAL PROVISIONS

Article 1
Purpose

1. The Parties cooperate.

2. They meet:

(a) in spring;

(b) in autumn.

PART II

CHAPTER I
INSTITUTIONS

ARTICLE 2 - Council

The Council meets once a year.

Section 3: Secretariat

3.1 The Secretariat is in Astana.

3.2 It serves the Council.

Article 3 bis
Finance

The Parties share the costs.

IN WITNESS WHEREOF the undersigned have signed this Agreement.

For the Government of A:
Minister of Foreign Affairs

For the Government of B:
Minister of Foreign Affairs

ANNEX I
List of experts

1. Experts are named by the Parties.

2. Each Party names five.

Annex II
Forms

The forms are attached.
"""

TEXTS = [
    "levels",
    "bare",
    "intelsat-privileges-protocol-1978-ch1-2.md",  # CHAPTER I / Article 1
    "irena-statute-2009-excerpt.md",
    "isnar-headquarters-agreement-art12-18.md",  # articles from 12
    "cis-agreement-minsk-1991.md",
    "udhr-1948-ru-art22-25-lines.txt",  # Russian: "Статья 22"
    "alma-ata-declaration-1991-ocr.txt",  # signature blocks before any closing formula
    "ga-res-80-16-ict-security.txt",
    "onchocerciasis-fund-agreement-1992.md",  # bare-number sections with headings ("### 1 Joint ...")
]


#: sections labelled by a bare number and nothing else (the onchocerciasis agreement's "### 1"): in
#: Word the label is a paragraph of its own, "1", which plain text takes for a page number
BARE = """# Agreement on a fund for the control of a disease

The Parties to this Agreement have agreed as follows:

### 1

The Parties establish a fund for the programme, to which each of them contributes every year.

### 2

The fund is administered by the Committee, which reports to the Parties once a year on its use.

### 3

This Agreement enters into force on the day of its signature.

IN WITNESS WHEREOF the undersigned have signed this Agreement.
"""


def _source(name: str) -> tuple[str, bytes, str]:
    if name == "levels":
        return "levels.txt", LEVELS.encode(), "text/plain"
    if name == "bare":
        return "bare.md", BARE.encode(), "text/markdown"
    return name, (CORPUS / name).read_bytes(), "text/plain"


def _shape(nodes: list[dict]) -> list[tuple]:
    return [(c["kind"], c["label"] or "", c["heading"], c["text"], _shape(c.get("children", []))) for c in nodes]


@pytest.mark.parametrize("name", TEXTS)
def test_the_signature_copy_imports_back_to_the_same_tree(client, officer, name):
    filename, body, mime = _source(name)
    r = client.post("/api/v1/drafts/import", headers=officer, files={"file": (filename, body, mime)})
    assert r.status_code == 201, r.text
    d = r.json()["id"]
    tree = client.get(f"/api/v1/drafts/{d}/versions/1", headers=officer).json()["clauses"]
    sig = client.get(f"/api/v1/drafts/{d}/export/signature.docx", headers=officer)
    assert sig.status_code == 200, sig.text
    r = client.post("/api/v1/drafts/import", headers=officer, params={"dry_run": "true"},
                    files={"file": ("signature.docx", sig.content, DOCX)})
    assert r.status_code == 200, r.text
    back = r.json()["clauses"]
    if back and back[0]["kind"] == "title" and not any(c["kind"] == "title" for c in tree):
        back = back[1:]  # the copy prints the draft's title when the text has none
    assert _shape(back) == _shape(tree)
    assert r.json()["warnings"] == client.post(
        "/api/v1/drafts/import", headers=officer, params={"dry_run": "true"},
        files={"file": (filename, body, mime)}).json()["warnings"]


def test_parts_and_chapters_are_laid_out_as_articles_are():
    """A part's label and heading are centred, the heading on the line below ("PART I" /
    "GENERAL PROVISIONS"), so that the level reads back as the level it was."""
    import io

    from docx import Document as DocxDocument

    from app.core.clauses.parse import parse_text
    from app.core.word.exports import signature_docx
    from app.core.word.reader import docx_to_blocks

    data = signature_docx(parse_text(LEVELS), title="", version_label="v", final=True, text_hash=None)
    blocks = docx_to_blocks(data)
    assert "PART I\nGENERAL PROVISIONS" in blocks and "CHAPTER I\nINSTITUTIONS" in blocks and "PART II" in blocks
    paras = {p.text: p for p in DocxDocument(io.BytesIO(data)).paragraphs}
    assert paras["PART I\nGENERAL PROVISIONS"].alignment == 1  # centred
