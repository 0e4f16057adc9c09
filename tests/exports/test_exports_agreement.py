"""Agreement clause by clause in the Word exports, through the API (issue 10, item 2): after a
meeting agreed some paragraphs ad referendum and put a word in square brackets with alternatives
attributed to states, the signature copy of the (non-final) version, the compilation and the
redline show what is agreed and what is bracketed, with the draft's progress; in Russian too."""

from __future__ import annotations

import pytest

from app.core.word import ooxml as ox
from app.core.word.reader import docx_to_blocks
from tests.meetings.conftest import Path
from tests.support.ooxml_text import paragraph_text, part_xml


@pytest.fixture
def path(flow, engine):
    from app.db import transaction
    from app.notes.service import ensure_entities

    with transaction(engine) as s:
        ensure_entities(s)
    p = Path(flow)
    p.bodies()
    return p


def _styled(data: bytes, style: str) -> list[str]:
    root = part_xml(data)
    return [paragraph_text(p) for p in root.iter(ox.W_P)
            if (s := p.find(f"{ox.W_PPR}/{ox.W_PSTYLE}")) is not None and s.get(ox.W_VAL) == style]


def _header(data: bytes) -> str:
    return "".join(part_xml(data, "word/header1.xml").itertext())


def _export(path: Path, kind: str, **params) -> bytes:
    r = path.c.get(f"/api/v1/drafts/{path.d}/export/{kind}.docx", headers=path.officer, params=params)
    assert r.status_code == 200, r.text
    return r.content


def test_exports_show_agreed_and_bracketed_clauses(path):
    flow = path.flow
    before = _export(path, "signature")
    assert not _styled(before, ox.STYLE_AGREED) and "paragraphs agreed" not in _header(before)  # nothing yet
    flow.two_versions()
    v2 = flow.latest()
    m = path.meeting("cica-swg", days=2, version=v2, title="First meeting of the Special Working Group")
    progress = path.agreement()
    total = progress["total"]
    keys = [c["key"] for c in progress["clauses"]]
    agreed = keys[:3]
    path.agree(m["id"], agreed)
    disputed = next(c for c in progress["clauses"] if c["key"] not in agreed
                    and " will " in _clause_text(flow, c["key"]))
    path.post(f"/api/v1/meetings/{m['id']}/brackets",
              {"draft_id": path.d, "clause_key": disputed["key"], "text": "will",
               "alternatives": [{"text": "will", "states": ["KAZ", "IND"]}, {"text": "shall", "states": ["CHN"]}]},
              expect=201)

    sig = _export(path, "signature")
    assert f"3 of {total} paragraphs agreed" in _header(sig)
    ok = _styled(sig, ox.STYLE_AGREED)
    assert len(ok) == 3 and all("(agreed ad referendum: First meeting of the Special Working Group" in t for t in ok)
    br = _styled(sig, ox.STYLE_BRACKETED)
    assert len(br) == 1 and "[will]" in br[0]
    notes = _styled(sig, ox.STYLE_NOTE)
    assert any("Alt 1: “will” (India, Kazakhstan)" in n and "Alt 2: “shall” (China)" in n for n in notes)
    assert any(f"3 of {total} paragraphs agreed" == n for n in notes)
    # the marks are not text: the marked copy reads as the plain one
    plain = path.c.get(f"/api/v1/drafts/{path.d}/export/edit.docx", headers=path.officer, params={"lang": "en"})
    assert docx_to_blocks(sig) == docx_to_blocks(plain.content)

    ru = _export(path, "signature", lang="ru")
    assert f"Согласовано пунктов: 3 из {total}" in _header(ru)
    assert any("согласовано ad referendum" in t for t in _styled(ru, ox.STYLE_AGREED))
    assert any("Alt 2: «shall» (Китай)" in n for n in _styled(ru, ox.STYLE_NOTE))

    # the compilation of proposals on version 2 marks the clauses it shows
    flow.open()
    flow.propose("IND", kind="replace", clause_key=disputed["key"], rationale="Binding.",
                 proposed_text=_clause_text(flow, disputed["key"]).replace(" will ", " shall ", 1))
    flow.propose("CHN", kind="comment", clause_key=agreed[0], rationale="Fine as it is.")
    comp = _export(path, "compilation")
    assert len(_styled(comp, ox.STYLE_BRACKETED)) == 1 and len(_styled(comp, ox.STYLE_AGREED)) == 1
    assert any(f"3 of {total} paragraphs agreed" == n for n in _styled(comp, ox.STYLE_NOTE))

    # the redline 1 -> 2 shows the status of version 2
    red = _export(path, "redline")
    assert f"3 of {total} paragraphs agreed" in _header(red)
    assert len(_styled(red, ox.STYLE_AGREED)) == 3 and len(_styled(red, ox.STYLE_BRACKETED)) == 1
    assert "[will]" in _styled(red, ox.STYLE_BRACKETED)[0]  # in the tracked text too, not only a style

    # the parallel text: the same marks in each language's cell, the progress and the legend
    par = _export(path, "parallel", lang="ru")
    assert f"Согласовано пунктов: 3 из {total}" in _header(par)
    agreed_cells = _styled(par, ox.STYLE_AGREED)
    languages = path.get(f"/api/v1/drafts/{path.d}")["languages"]
    assert len(agreed_cells) == 3 * len(languages) and all(
        "согласовано ad referendum" in t for t in agreed_cells)
    assert any("[will]" in t for t in _styled(par, ox.STYLE_BRACKETED))
    assert sum("Alt 2: «shall» (Китай)" in n for n in _styled(par, ox.STYLE_NOTE)) == 1


def _clause_text(flow, key: str) -> str:
    def walk(nodes):
        for x in nodes:
            yield x
            yield from walk(x["children"])

    return next(x["text"] for x in walk(flow.tree()["clauses"]) if x["key"] == key)
