"""Agreement status in the Word exports (core): agreed ad referendum and bracketed clauses are
marked with styles (not only colour), the alternatives name their states, the progress line is in
the header; a final copy shows none of it; the marks are not part of the text when read back."""

from __future__ import annotations

import pytest

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


# --- the parallel text and the redline (issue 11) ------------------------------------------------


def _parallel(doc, marks, lang="en"):
    from app.core.word.exports import ParallelCell, ParallelRow, parallel_docx

    rows = [ParallelRow(c.key, c.number, {"en": ParallelCell(c.text, c.heading),
                                          "ru": ParallelCell("Русский текст: " + c.text, c.heading)}, depth)
            for c, _, depth in doc.walk_with_parent() if c.text or c.heading]
    return parallel_docx(rows, title="MoU", languages=["en", "ru"], language_names={"en": "English", "ru": "Русский"},
                         labels=Labels(lang), version_label="Version 2", agreement=marks, authentic="en")


def test_parallel_text_marks_agreed_and_bracketed_clauses_in_every_language_column():
    doc = mou()
    marks, agreed, disputed = _marks(doc)
    data = _parallel(doc, marks)
    root = part_xml(data)
    assert "1 of 41 paragraphs agreed" in _header(data)
    ok = [paragraph_text(p) for p in _styled(root, ox.STYLE_AGREED)]
    assert len(ok) == 2 and all(t.endswith("(agreed ad referendum: Special Working Group, 25 June 2024)") for t in ok)
    br = [paragraph_text(p) for p in _styled(root, ox.STYLE_BRACKETED)]
    assert len(br) == 2 and all("[will]" in t for t in br)  # both cells carry the English passage here
    notes = [paragraph_text(p) for p in _styled(root, ox.STYLE_NOTE)]
    # the progress and the legend above the table, the alternatives once (under the authentic text)
    assert notes[0] == "1 of 41 paragraphs agreed" and "bar in the margin" in notes[1]
    assert sum("Alt 2: “shall” (China)" in n for n in notes) == 1
    cells = [tc for tc in root.iter(ox.W_TC) if any(b.get(ox.w("name")) == ox.bookmark_name(disputed.key)
                                                     for b in tc.iter(ox.W_BOOKMARK_START))]
    assert len(cells) == 1 and any("Alt 1" in paragraph_text(p) for p in cells[0].iter(ox.W_P))


def test_parallel_text_marks_in_russian_and_none_when_final():
    from app.core.word.exports import ParallelCell, ParallelRow, parallel_docx

    doc = mou()
    marks, _, _ = _marks(doc, "ru")
    data = _parallel(doc, marks, "ru")
    text = "\n".join(paragraph_text(p) for p in part_xml(data).iter(ox.W_P))
    assert "Согласовано пунктов: 1 из 41" in _header(data) and "согласовано ad referendum" in text
    assert "Alt 2: «shall» (China)" in text
    rows = [ParallelRow(c.key, c.number, {"en": ParallelCell(c.text, c.heading)}) for c in doc.walk() if c.text]
    final = parallel_docx(rows, title="MoU", languages=["en"], language_names={}, final=True, agreement=marks)
    assert not _styled(part_xml(final), ox.STYLE_AGREED) and "agreed" not in "".join(part_xml(final).itertext())


def _redline_with_brackets():
    from app.core.word.redline import redline_docx
    from bench.word_bench import compare_by_key

    old = mou()
    new = old.copy()
    marks, _agreed, disputed = _marks(new)
    changed = new.find(disputed.key)
    changed.text = "In addition, " + changed.text  # changed, and still in dispute
    cmp = compare_by_key(old, new)
    plain = redline_docx(cmp, title="R", old_doc=old, new_doc=new)
    marked = redline_docx(cmp, title="R", old_doc=old, new_doc=new, agreement=marks)
    return old, new, disputed, plain, marked


def test_redline_brackets_the_disputed_words_in_the_tracked_text():
    _old, new, disputed, plain, marked = _redline_with_brackets()
    root = part_xml(marked)
    (p,) = _styled(root, ox.STYLE_BRACKETED)
    assert "[will]" in paragraph_text(p)
    runs = [r for r in p.iter(ox.W_R) if (s := r.find(f"{ox.W_RPR}/{ox.W_RSTYLE}")) is not None
            and s.get(ox.W_VAL) == ox.STYLE_BRACKET]
    assert "".join("".join(r.itertext()) for r in runs) == "will"
    assert any(r.getparent().tag == ox.W_INS for r in p.iter(ox.W_R))  # the change is still tracked
    # the marks are not text: accepting or rejecting every change reads as without them
    assert [(r.old_text, r.new_text) for r in read_revisions(marked)] == [
        (r.old_text, r.new_text) for r in read_revisions(plain)]


@pytest.mark.libreoffice
def test_libreoffice_opens_the_marked_parallel_text_and_redline():
    from tests.support.libreoffice import convert_many, require_soffice

    require_soffice()
    doc = mou()
    marks, _, _ = _marks(doc, "ru")
    *_, marked = _redline_with_brackets()
    par, red = (t.decode("utf-8") for t in convert_many([_parallel(doc, marks, "ru"), marked], "txt"))
    assert "[will]" in par and "согласовано ad referendum" in par and "Alt 2: «shall» (China)" in par
    assert "[will]" in red and "In addition" in red, red[:500]


def test_final_copy_states_entry_into_force_and_term_in_each_language():
    from datetime import date

    from app.core.word.exports import DAYS_AFTER_LAST_NOTIFICATION, Term

    doc = mou()
    known = Term(entry_into_force=date(2025, 7, 3), term_years=5, expires_on=date(2030, 7, 2), notice_days=60,
                 notice_by=date(2030, 5, 3), reminder_on=date(2030, 4, 3))
    pending = Term(DAYS_AFTER_LAST_NOTIFICATION, 30, term_years=2, notice_days=61)

    def notes(lang, term):
        data = signature_docx(doc, title="MoU", version_label="V", final=True, text_hash="abc", labels=Labels(lang),
                              term=term)
        root = part_xml(data)
        assert docx_to_blocks(data) == docx_to_blocks(
            signature_docx(doc, title="MoU", version_label="V", final=True, text_hash="abc", labels=Labels(lang)))
        out = [paragraph_text(p) for p in _styled(root, ox.STYLE_NOTE)]
        body = list(root.find(ox.W_BODY))
        assert body.index(next(p for p in _styled(root, ox.STYLE_NOTE))) > body.index(
            next(iter(root.iter(ox.W_TBL))))  # after the signatures
        return out

    assert notes("en", known) == ["Entry into force and term", "Entry into force: 3 July 2025", "Term: 5 years",
                                  "Expires on: 2 July 2030", "Notice of termination: at least 60 days before expiry",
                                  "Last day for notice of termination: 3 May 2030", "Renewal reminder: 3 April 2030"]
    ru = notes("ru", known)
    assert ru[:3] == ["Вступление в силу и срок действия", "Вступление в силу: 3 июля 2025 года", "Срок действия: 5 лет"]
    kk = notes("kk", known)
    assert "Күшіне енуі: 2025 жылғы 3 шілде" in kk and "Қолданылу мерзімі: 5 жыл" in kk
    assert notes("ru", pending)[1:3] == [
        "Вступление в силу: через 30 дней после последнего уведомления о ратификации (дата пока не известна)",
        "Срок действия: 2 года"]
    assert "Notice of termination: at least 61 days before expiry" in notes("en", pending)
