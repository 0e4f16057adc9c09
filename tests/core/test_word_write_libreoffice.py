"""The Word exports in LibreOffice, the real client.

Few soffice runs, each batching every document (a run costs 2-3 s): accept/reject all
tracked changes, conversion to PDF, to text and back to .docx. Skipped when LibreOffice is
missing, except under CI=true where that is a failure.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.word import ooxml as ox
from app.core.word.exports import Party, compilation_docx, parallel_docx, signature_docx
from app.core.word.layout import document_paragraph_texts
from app.core.word.redline import redline_docx
from bench.word_bench import compare_by_key, compilation_rows, edit_document, make_document, parallel_rows
from tests.support import libreoffice as lo
from tests.support.ooxml_text import part_xml
from tests.support.word_samples import article_doc, hand_comparison, mou, tricky_versions

pytestmark = pytest.mark.libreoffice

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def _joined(paras: list[str]) -> list[str]:
    return lo.lines("\n".join(paras))


@pytest.fixture(scope="module")
def redlines():
    """(name, docx, expected accepted lines, expected rejected lines)."""
    comparison, old_order, old, new = hand_comparison()
    big_old = make_document(300, seed=11)
    big_new, moved = edit_document(big_old, 0.1, seed=11)
    big = compare_by_key(big_old, big_new, moved)
    t_old, t_new = tricky_versions()
    return [
        ("layout changes", redline_docx(compare_by_key(t_old, t_new), title="R", default_date=WHEN, old_doc=t_old,
                                      new_doc=t_new),
         _joined(document_paragraph_texts(t_new)), _joined(document_paragraph_texts(t_old))),
        ("hand, old order", redline_docx(comparison, title="R", default_date=WHEN, old_order=old_order),
         _joined(new), _joined(old)),
        ("hand, estimated order, comments", redline_docx(comparison, title="R", with_comments=True),
         _joined(new), _joined(old)),
        ("300 clauses, 10% edited",
         redline_docx(big, title="R", old_order=[c.key for c in big_old.walk()], with_comments=True,
                      old_doc=big_old, new_doc=big_new),
         _joined(document_paragraph_texts(big_new)), _joined(document_paragraph_texts(big_old))),
    ]


def test_accept_all_gives_the_new_text_and_reject_all_the_old(redlines):
    lo.require_uno()
    results = lo.revision_texts([data for _, data, _, _ in redlines])
    for (name, _, new, old), (accepted, rejected) in zip(redlines, results, strict=True):
        assert lo.lines(accepted) == new, name
        assert lo.lines(rejected) == old, name


@pytest.fixture(scope="module")
def exports():
    doc = mou()
    small = make_document(120, seed=5)
    names = {"en": "English", "ru": "Русский", "kk": "Қазақ тілі"}
    comparison, old_order, _, _ = hand_comparison()
    return {
        "signature draft": signature_docx(doc, title="MoU", version_label="Version 3 (12 June 2024)",
                                          final=False, text_hash=None),
        "signature final": signature_docx(doc, title="MoU", version_label="Version 3", final=True,
                                          text_hash="0123456789abcdef" * 4),
        "signature articles": signature_docx(article_doc(), title="Agreement", version_label="v1", final=False,
                                             text_hash=None, parties=[Party("Kazakhstan"), Party("India")]),
        "parallel": parallel_docx(parallel_rows(small), title="Parallel text", languages=["en", "ru", "kk"],
                                  language_names=names),
        "compilation": compilation_docx(compilation_rows(small, 150), title="Compilation of proposals",
                                        subtitle="Version 3", default_date=WHEN),
        "redline": redline_docx(comparison, title="Redline", old_order=old_order, with_comments=True),
    }


def test_every_export_converts_to_pdf(exports):
    pdfs = lo.convert_many(list(exports.values()), "pdf")
    for name, pdf in zip(exports, pdfs, strict=True):
        assert pdf.startswith(b"%PDF"), name
        assert len(pdf) > 5000, name
    if shutil.which("pdftotext") is None:
        return  # headers and footers are checked through the .docx round trip instead
    texts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, pdf in zip(exports, pdfs, strict=True):
            path = Path(tmp, "x.pdf")
            path.write_bytes(pdf)
            texts[name] = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                         check=True).stdout.decode()
    draft, final = texts["signature draft"], texts["signature final"]
    assert "DRAFT" in draft and "Version 3 (12 June 2024)" in draft
    assert "DRAFT" not in final and "0123456789abcdef" * 4 in final
    flat = " ".join(draft.split())
    assert "1.2 The Participants will pursue" in flat and "Совещание по взаимодействию" in flat
    assert "[Translation missing]" in texts["parallel"] and "Қазақ тілі" in texts["parallel"]
    assert "Co-sponsors:" in texts["compilation"]


def test_exports_as_text_in_libreoffice(exports):
    txts = dict(zip(exports, lo.convert_many(list(exports.values()), "txt"), strict=True))
    draft = lo.lines(txts["signature draft"].decode("utf-8-sig"))
    for expected in ("MEMORANDUM OF UNDERSTANDING", "1.2\tThe Participants will pursue the following main objectives:",
                     "ii.\tTo promote a comprehensive and balanced implementation,",
                     "For the United Nations Office of Counter-Terrorism:", "H.E. Mr. Kairat Sarybay"):
        assert expected in draft
    assert any(line.startswith("Signature: ___") for line in draft)
    assert sum(1 for line in draft if line.startswith(("Date: ___", "Place: ___"))) == 4
    articles = lo.lines(txts["signature articles"].decode("utf-8-sig"))
    assert articles[articles.index("Article 1") + 1] == "Objective"
    assert "For the Kazakhstan:" in articles and "For the India:" in articles  # columns from parties
    parallel = txts["parallel"].decode("utf-8-sig")
    assert "[Not up to date: the source text has changed]" in parallel
    compilation = txts["compilation"].decode("utf-8-sig")
    assert "(comment only)" in compilation


def test_libreoffice_keeps_revisions_bookmarks_headers_and_comments(exports):
    """Saved back to .docx by LibreOffice (as a delegation might): the revisions, the
    clause bookmarks, the header and footer and the comments are all still there."""
    names = ["redline", "signature draft", "signature final"]
    redline, draft, final = lo.convert_many([exports[n] for n in names], "docx")
    root = part_xml(redline)
    assert list(root.iter(ox.W_INS)) and list(root.iter(ox.W_DEL))
    marks = {el.get(ox.W_NAME) for el in root.iter(ox.W_BOOKMARK_START)}
    assert {"cl_c3", "cl_c9", "cl_c10", "cl_c11"} <= marks
    assert "word/comments.xml" in _names(redline)
    comments = "".join(part_xml(redline, "word/comments.xml").itertext())
    assert "To align with resolution 77/298." in comments
    expected = {f"cl_{c.key}" for c in mou().walk()}
    assert expected <= {el.get(ox.W_NAME) for el in part_xml(draft).iter(ox.W_BOOKMARK_START)}
    assert "DRAFT" in _part_texts(draft, "word/header") and "Version 3 (12 June 2024)" in _part_texts(draft, "word/header")
    assert "DRAFT" not in _part_texts(final, "word/header")
    assert "0123456789abcdef" * 4 in _part_texts(final, "word/footer")


def _names(data: bytes) -> list[str]:
    import zipfile
    from io import BytesIO

    return zipfile.ZipFile(BytesIO(data)).namelist()


def _part_texts(data: bytes, prefix: str) -> str:
    return " ".join("".join(part_xml(data, n).itertext()) for n in _names(data)
                    if n.startswith(prefix) and n.endswith(".xml"))


def test_labels_as_written_and_agreement_marks_in_libreoffice():
    """LibreOffice shows the labels as written and the agreement marks; its re-saved file still
    reads back to the plain text (it keeps Concord's style ids, so the marks stay marks)."""
    from app.core.clauses.parse import parse_text
    from app.core.word.reader import docx_to_blocks
    from tests.core.test_word_agreement import _marks
    from tests.core.test_word_labels import END, PRE, TEXTS

    house = parse_text(PRE + TEXTS["house separators"][0] + END)
    mixed = parse_text(PRE + TEXTS["mixed styles"][0] + END)
    doc = mou()
    marks, _, _ = _marks(doc)
    docs = [signature_docx(house, title="T", version_label="V", final=False, text_hash=None),
            signature_docx(mixed, title="T", version_label="V", final=False, text_hash=None),
            signature_docx(doc, title="MoU", version_label="V", final=False, text_hash=None, agreement=marks),
            signature_docx(doc, title="MoU", version_label="V", final=False, text_hash=None)]
    texts = [lo.lines(t.decode("utf-8")) for t in lo.convert_many(docs, "txt")]
    assert "ARTICLE 4 - Purpose" in texts[0] and "ARTICLE 5 – Scope" in texts[0]
    assert "Article I" in texts[1] and "Article 2" in texts[1] and "Article 1" not in texts[1]
    marked = "\n".join(texts[2])
    assert "(agreed ad referendum: Special Working Group, 25 June 2024)" in marked and "[will]" in marked
    assert "Alt 1: “will” (Kazakhstan, India)" in marked and "1 of 41 paragraphs agreed" in marked
    resaved = lo.convert_many(docs[2:], "docx")
    assert docx_to_blocks(resaved[0]) == docx_to_blocks(resaved[1])
