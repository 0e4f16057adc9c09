"""Agreement status in the Word exports (core): agreed ad referendum and bracketed clauses are
marked with styles (not only colour), the alternatives name their states, the progress line is in
the header; a final copy shows none of it; the marks are not part of the text when read back."""

from __future__ import annotations

from app.core.word import ooxml as ox
from app.core.word.agreement import (
    AGREED,
    BRACKETED,
    AgreementMarks,
    Alternative,
    BracketMark,
    ClauseMark,
    progress_line,
)
from app.core.word.exports import CompilationRow, ProposalRow, compilation_docx, signature_docx
from app.core.word.labels import Labels
from app.core.word.reader import docx_to_blocks, read_paragraphs
from app.core.word.tracked import read_revisions
from tests.support.ooxml_text import paragraph_text, part_xml
from tests.support.word_samples import mou


def _marks(doc, lang="en"):
    paras = [c for c in doc.walk() if c.text and c.kind == "paragraph"]
    agreed, disputed = paras[0], next(c for c in paras[1:] if " will " in c.text)
    marks = {agreed.key: ClauseMark(AGREED, meeting="Special Working Group, 25 June 2024"),
             disputed.key: ClauseMark(BRACKETED, brackets=(BracketMark("will", (
                 Alternative("Alt 1", "will", ("Kazakhstan", "India")), Alternative("Alt 2", "shall", ("China",)))),))}
    lab = Labels(lang)
    return AgreementMarks(marks.get, progress_line(lab, 1, 41), 1, 41), agreed, disputed


def _styled(root, style):
    return [p for p in root.iter(ox.W_P)
            if (s := p.find(f"{ox.W_PPR}/{ox.W_PSTYLE}")) is not None and s.get(ox.W_VAL) == style]


def _header(data):
    return "".join(part_xml(data, "word/header1.xml").itertext())


def test_signature_copy_of_a_draft_marks_agreed_and_bracketed_clauses():
    doc = mou()
    marks, agreed, disputed = _marks(doc)
    data = signature_docx(doc, title="MoU", version_label="Version 2", final=False, text_hash=None, agreement=marks)
    root = part_xml(data)
    assert "1 of 41 paragraphs agreed" in _header(data)
    ok = _styled(root, ox.STYLE_AGREED)
    assert len(ok) == 1 and paragraph_text(ok[0]).endswith(
        "(agreed ad referendum: Special Working Group, 25 June 2024)")
    assert agreed.text in paragraph_text(ok[0])
    br = _styled(root, ox.STYLE_BRACKETED)
    assert len(br) == 1 and "[will]" in paragraph_text(br[0])
    # the disputed words have a character style of their own (highlight and double underline)
    runs = [r for r in br[0].iter(ox.W_R) if (s := r.find(f"{ox.W_RPR}/{ox.W_RSTYLE}")) is not None
            and s.get(ox.W_VAL) == ox.STYLE_BRACKET]
    assert "".join(runs[0].itertext()) == "will"
    styles = part_xml(data, "word/styles.xml")
    bracket_style = next(s for s in styles.iter(ox.W_STYLE) if s.get(ox.W_STYLE_ID) == ox.STYLE_BRACKET)
    assert bracket_style.find(f"{ox.W_RPR}/{ox.W_U}").get(ox.W_VAL) == "double"  # not only a colour
    agreed_style = next(s for s in styles.iter(ox.W_STYLE) if s.get(ox.W_STYLE_ID) == ox.STYLE_AGREED)
    assert agreed_style.find(f"{ox.W_PPR}/{ox.w('pBdr')}") is not None  # a bar in the margin
    # the alternatives, each with its states, right below the clause
    notes = [paragraph_text(p) for p in _styled(root, ox.STYLE_NOTE)]
    alt = next(n for n in notes if "Alt 2" in n)
    assert "Alt 1: “will” (Kazakhstan, India)" in alt and "Alt 2: “shall” (China)" in alt
    body = list(root.find(ox.W_BODY).iter(ox.W_P))
    assert body.index(_styled(root, ox.STYLE_NOTE)[-1]) == body.index(br[0]) + 1
    assert any("bar in the margin" in n for n in notes)  # the legend


def test_the_marks_are_not_part_of_the_text():
    doc = mou()
    marks, _, _ = _marks(doc)
    plain = signature_docx(doc, title="MoU", version_label="V", final=False, text_hash=None)
    marked = signature_docx(doc, title="MoU", version_label="V", final=False, text_hash=None, agreement=marks)
    assert docx_to_blocks(marked) == docx_to_blocks(plain)
    assert [p.text for p in read_paragraphs(marked)] == [p.text for p in read_paragraphs(plain)]
    assert [(r.key, r.new_text) for r in read_revisions(marked)] == [(r.key, r.new_text) for r in read_revisions(plain)]


def test_a_final_copy_shows_no_agreement_marks():
    doc = mou()
    marks, _, _ = _marks(doc)
    data = signature_docx(doc, title="MoU", version_label="V", final=True, text_hash="abc", agreement=marks)
    root = part_xml(data)
    assert not _styled(root, ox.STYLE_AGREED) and not _styled(root, ox.STYLE_BRACKETED)
    assert not _styled(root, ox.STYLE_NOTE) and "agreed" not in "".join(root.itertext())


def test_compilation_marks_the_current_text_in_russian():
    doc = mou()
    marks, agreed, disputed = _marks(doc, "ru")
    rows = [CompilationRow(disputed.key, disputed.number, "", disputed.text,
                           [ProposalRow(3, "Китай", text=disputed.text.replace("will", "shall", 1))]),
            CompilationRow(agreed.key, agreed.number, "", agreed.text, [ProposalRow(4, "Индия", action="comment")])]
    data = compilation_docx(rows, title="MoU", subtitle="S", labels=Labels("ru"), agreement=marks)
    root = part_xml(data)
    text = "\n".join(paragraph_text(p) for p in root.iter(ox.W_P))
    assert "Согласовано пунктов: 1 из 41" in text
    assert "согласовано ad referendum" in text and "[will]" in text
    assert "Alt 2: «shall» (China)" in text
    assert len(_styled(root, ox.STYLE_AGREED)) == 1 and len(_styled(root, ox.STYLE_BRACKETED)) == 1
