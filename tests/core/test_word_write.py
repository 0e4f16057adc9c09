"""Word writing: redline, signature copy, parallel table, compilation (no LibreOffice here;
see test_word_write_libreoffice.py for the real client)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from app.core.clauses.tree import SIGNATURE, Clause, Document, renumber
from app.core.compare.model import (
    DELETE,
    EQUAL,
    INSERT,
    MODIFIED,
    UNCHANGED,
    ClauseDiff,
    Comparison,
    WordOp,
)
from app.core.word import ooxml as ox
from app.core.word.exports import (
    CompilationRow,
    ParallelCell,
    ParallelRow,
    Party,
    ProposalRow,
    compilation_docx,
    parallel_docx,
    signature_docx,
)
from app.core.word.layout import clause_paragraph_texts, document_paragraph_texts
from app.core.word.redline import MOVE_SOURCE, MOVE_TARGET, NORMAL, ops_for, plan, redline_docx, word_ops
from bench.word_bench import compare_by_key, compilation_rows, edit_document, make_document, parallel_rows
from tests.support import libreoffice
from tests.support.ooxml_text import cell_text, paragraphs, part_names, part_xml
from tests.support.word_samples import article_doc, hand_comparison, mou, tricky_versions

WHEN = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
REVISION_TAGS = (ox.W_INS, ox.W_DEL, ox.W_MOVE_FROM, ox.W_MOVE_TO)


def _redline(**kw) -> bytes:
    comparison, old_order, _, _ = hand_comparison()
    kw.setdefault("old_order", old_order)
    return redline_docx(comparison, title="Redline", default_date=WHEN, **kw)


def _bookmarks(root) -> dict[str, str]:
    return {el.get(ox.W_NAME): el.get(ox.W_ID) for el in root.iter(ox.W_BOOKMARK_START)}


# --- the redline ---------------------------------------------------------------------------------


@pytest.mark.parametrize("with_order", [True, False])
def test_hand_redline_accepts_to_new_and_rejects_to_old(with_order):
    comparison, old_order, old, new = hand_comparison()
    data = redline_docx(comparison, title="R", default_date=WHEN, old_order=old_order if with_order else None)
    assert paragraphs(data, "accept") == new
    assert paragraphs(data, "reject") == old


@pytest.mark.parametrize("seed", range(1, 9))
@pytest.mark.parametrize("with_order", [True, False])
def test_random_redlines_accept_and_reject(seed, with_order):
    old = make_document(150, seed=seed)
    new, moved = edit_document(old, 0.15, seed=seed)
    comparison = compare_by_key(old, new, moved)
    order = [c.key for c in old.walk()] if with_order else None
    data = redline_docx(comparison, title="R", default_date=WHEN, old_order=order, old_doc=old, new_doc=new)
    assert paragraphs(data, "accept") == document_paragraph_texts(new)
    assert paragraphs(data, "reject") == document_paragraph_texts(old)


def test_tricky_layout_changes_accept_and_reject():
    old, new = tricky_versions()
    data = redline_docx(compare_by_key(old, new), title="R", old_order=[c.key for c in old.walk()], old_doc=old,
                        new_doc=new)
    assert paragraphs(data, "accept") == document_paragraph_texts(new)
    assert paragraphs(data, "reject") == document_paragraph_texts(old)
    assert "Article 3\nEntry into force" in document_paragraph_texts(new)


def test_old_order_finds_moves_the_comparison_did_not_flag():
    old = make_document(80, seed=4)
    new, moved = edit_document(old, 0.2, seed=4)
    assert moved
    comparison = compare_by_key(old, new, moved)
    for cd in comparison.clauses:  # a comparison engine that does not flag moves
        cd.moved = False
        if cd.status == "moved":
            cd.status = UNCHANGED
    data = redline_docx(comparison, title="R", old_order=[c.key for c in old.walk()], old_doc=old, new_doc=new)
    assert paragraphs(data, "reject") == document_paragraph_texts(old)
    assert paragraphs(data, "accept") == document_paragraph_texts(new)
    assert len(list(part_xml(data).iter(ox.W_MOVE_FROM_RANGE_START))) == len(moved)


def test_every_revision_has_unique_id_author_and_utc_date():
    root = part_xml(_redline())
    ids = []
    seen_authors = set()
    for el in root.iter(*REVISION_TAGS):
        ids.append(el.get(ox.W_ID))
        assert el.get(ox.W_AUTHOR)
        assert DATE_RE.match(el.get(ox.W_DATE)), el.get(ox.W_DATE)
        seen_authors.add((el.get(ox.W_AUTHOR), el.get(ox.W_DATE)))
    assert len(ids) > 20
    # ids are unique across revisions, bookmarks and range markers
    starts = [el.get(ox.W_ID) for el in root.iter(ox.W_BOOKMARK_START, ox.W_MOVE_FROM_RANGE_START,
                                                   ox.W_MOVE_TO_RANGE_START)]
    assert len(set(ids + starts)) == len(ids + starts)
    # provenance: author and date (converted to UTC); default author and date otherwise
    assert ("Kazakhstan", "2024-06-12T08:30:00Z") in seen_authors
    assert ("India", "2024-06-13T00:00:00Z") in seen_authors
    assert ("Secretariat", "2024-06-01T09:00:00Z") in seen_authors


def test_deleted_text_is_deltext_and_inserted_text_is_t():
    root = part_xml(_redline())
    for d in root.iter(ox.W_DEL):
        if d.getparent().tag == ox.W_RPR:
            continue
        assert list(d.iter(ox.W_T)) == []
        assert list(d.iter(ox.W_DEL_TEXT))
    for i in root.iter(ox.W_INS):
        assert list(i.iter(ox.W_DEL_TEXT)) == []
    for t in root.iter(ox.W_DEL_TEXT):
        assert any(a.tag == ox.W_DEL for a in t.iterancestors())


def _paragraph_of(root, bookmark: str):
    start = next(el for el in root.iter(ox.W_BOOKMARK_START) if el.get(ox.W_NAME) == bookmark)
    return start.getparent()


def _mark(p) -> str | None:
    rpr = p.find(f"{ox.W_PPR}/{ox.W_RPR}")
    if rpr is None:
        return None
    marks = [etree_local(el) for el in rpr if el.tag in REVISION_TAGS]
    return marks[0] if marks else None


def etree_local(el) -> str:
    return el.tag.split("}")[1]


def test_inserted_deleted_and_moved_paragraph_marks():
    root = part_xml(_redline())
    assert _mark(_paragraph_of(root, "cl_c9")) == "ins"  # inserted clause
    assert _mark(_paragraph_of(root, "cl_c5")) == "del"  # deleted clause
    assert _mark(_paragraph_of(root, "cl_c4")) == "moveTo"  # moved clause, new place
    assert _mark(_paragraph_of(root, "cl_c3")) is None  # modified in place
    # the inserted signature block: both its paragraphs' marks inserted
    sig = _paragraph_of(root, "cl_c11")
    assert _mark(sig) == "ins" and _mark(sig.getnext()) == "ins"
    # the section that gained a text: the new body paragraph is inserted
    assert _mark(_paragraph_of(root, "cl_c7").getnext()) == "ins"


def test_moves_are_named_ranges_around_movefrom_and_moveto():
    root = part_xml(_redline())
    for start_tag, end_tag, content_tag in (
        (ox.W_MOVE_FROM_RANGE_START, ox.W_MOVE_FROM_RANGE_END, ox.W_MOVE_FROM),
        (ox.W_MOVE_TO_RANGE_START, ox.W_MOVE_TO_RANGE_END, ox.W_MOVE_TO),
    ):
        starts = {el.get(ox.W_NAME): el for el in root.iter(start_tag)}
        assert set(starts) == {"move_c4", "move_c8"}
        ends = {el.get(ox.W_ID) for el in root.iter(end_tag)}
        assert {el.get(ox.W_ID) for el in starts.values()} == ends
        for el in starts.values():
            assert el.get(ox.W_AUTHOR) and DATE_RE.match(el.get(ox.W_DATE))
            assert el.getparent().find(content_tag) is not None
    # the moved-and-reworded clause: moved-to text with the added words as an insertion
    p = _paragraph_of(root, "cl_c8")
    assert [etree_local(el) for el in p if el.tag in REVISION_TAGS] == ["moveTo", "moveTo", "ins", "moveTo"]


def test_renumbering_deletes_the_old_label_and_inserts_the_new():
    root = part_xml(_redline())
    p = _paragraph_of(root, "cl_c10")
    dels = ["".join(d.itertext()) for d in p.iter(ox.W_DEL)]
    inss = ["".join(i.itertext()) for i in p.iter(ox.W_INS)]
    assert dels == ["3"] and inss == ["4"]
    p = _paragraph_of(root, "cl_c3")
    assert "".join(p.find(ox.W_DEL).itertext()) == "1.2"


def test_each_clause_is_bookmarked_once_and_bookmarks_are_paired():
    comparison, _, _, _ = hand_comparison()
    root = part_xml(_redline())
    marks = _bookmarks(root)
    assert set(marks) == {f"cl_{cd.key}" for cd in comparison.clauses}
    ends = [el.get(ox.W_ID) for el in root.iter(ox.W_BOOKMARK_END)]
    assert sorted(ends) == sorted(marks.values())
    for name in marks:
        assert ox.parse_bookmark(name) == (name[3:], None)


def test_comments_carry_the_rationale():
    data = _redline(with_comments=True)
    assert "word/comments.xml" in part_names(data)
    types = part_xml(data, "[Content_Types].xml")
    assert any(el.get("ContentType") == ox.CT_COMMENTS for el in types)
    rels = part_xml(data, "word/_rels/document.xml.rels")
    assert any(el.get("Type") == ox.RT_COMMENTS and el.get("Target").endswith("comments.xml") for el in rels)
    comments = part_xml(data, "word/comments.xml")
    texts = {c.get(ox.W_AUTHOR): "".join(c.itertext()) for c in comments.iter(ox.W_COMMENT)}
    assert "To align with resolution 77/298." in texts["Kazakhstan"]
    assert "Proposal 12" in texts["Kazakhstan"]
    assert "Редакционная правка." in texts["India"]
    ids = {c.get(ox.W_ID) for c in comments.iter(ox.W_COMMENT)}
    root = part_xml(data)
    for tag in (ox.W_COMMENT_RANGE_START, ox.W_COMMENT_RANGE_END, ox.W_COMMENT_REFERENCE):
        assert {el.get(ox.W_ID) for el in root.iter(tag)} == ids
    # comments change no text
    _, _, old, new = hand_comparison()
    assert paragraphs(data, "accept") == new and paragraphs(data, "reject") == old


def test_no_comments_part_by_default():
    assert "word/comments.xml" not in part_names(_redline())


def test_bad_ops_are_recomputed_and_word_ops_rebuild_both_texts():
    old, new = "The Parties shall cooperate, as appropriate.", "The Parties will cooperate closely."
    ops = word_ops(old, new)
    assert "".join(o.text for o in ops if o.op != INSERT) == old
    assert "".join(o.text for o in ops if o.op != DELETE) == new
    assert ops_for(old, new, [WordOp(EQUAL, "garbage")]) == ops
    good = [WordOp(EQUAL, "a "), WordOp(DELETE, "b"), WordOp(INSERT, "c")]
    assert ops_for("a b", "a c", good) == good
    cd = ClauseDiff(MODIFIED, "paragraph", "k1", "k1", "1", "1", old_text=old, new_text=new,
                    text_ops=[WordOp(INSERT, "nonsense")])
    data = redline_docx(Comparison([cd]), title="R")
    assert paragraphs(data, "accept") == [f"1\t{new}"]
    assert paragraphs(data, "reject") == [f"1\t{old}"]


def test_plan_puts_the_moved_from_copy_where_the_clause_stood():
    comparison, old_order, _, _ = hand_comparison()
    units = [(mode, cd.key) for mode, cd in plan(comparison.clauses, old_order)]
    keys = [k for _, k in units]
    assert units[keys.index("c2") + 1] == (MOVE_SOURCE, "c4")
    assert units[keys.index("c6") + 1] == (MOVE_SOURCE, "c8")
    assert (MOVE_TARGET, "c4") in units and (MOVE_TARGET, "c8") in units
    assert sum(1 for mode, _ in units if mode == NORMAL) == len(comparison.clauses) - 2


def test_text_with_line_breaks_tabs_and_control_characters():
    cd = ClauseDiff(MODIFIED, "text", "k1", "k1", old_text="Line one\nline\ttwo\x0b", new_text="Line one\nline 2")
    data = redline_docx(Comparison([cd]), title="R")
    assert paragraphs(data, "accept") == ["Line one\nline 2"]
    assert paragraphs(data, "reject") == ["Line one\nline\ttwo"]


def test_an_empty_comparison_is_still_a_document():
    body = part_xml(redline_docx(Comparison([]), title="Empty")).find(ox.W_BODY)
    assert [el.tag for el in body] == [ox.W_P, ox.W_SECT_PR]


def test_document_xml_uses_the_w_prefix():
    import zipfile
    from io import BytesIO

    xml = zipfile.ZipFile(BytesIO(_redline())).read("word/document.xml").decode()
    assert "ns0:" not in xml and "<w:p>" in xml


# --- the signature copy -----------------------------------------------------------------------


def _header_footer_text(data: bytes) -> tuple[str, str]:
    names = part_names(data)
    header = " ".join("".join(part_xml(data, n).itertext()) for n in names if re.match(r"word/header\d*\.xml", n))
    footer_parts = [part_xml(data, n) for n in names if re.match(r"word/footer\d*\.xml", n)]
    footer = " ".join("".join(f.itertext()) for f in footer_parts)
    return header, footer + " " + " ".join(
        "".join(el.itertext()) for f in footer_parts for el in f.iter(ox.W_INSTR_TEXT))


def test_signature_draft_layout():
    doc = mou()
    data = signature_docx(doc, title="MoU", version_label="Version 3 of 12 June 2024", final=False, text_hash="abc")
    header, footer = _header_footer_text(data)
    assert "DRAFT" in header and "Version 3 of 12 June 2024" in header
    assert "PAGE" in footer and "abc" not in footer
    root = part_xml(data)
    # every clause is bookmarked
    assert set(_bookmarks(root)) == {f"cl_{c.key}" for c in doc.walk()}
    texts = paragraphs(data)
    # numbers typed as text, a tab before the text
    assert "1.2\tThe Participants will pursue the following main objectives:" in texts
    assert "ii.\tTo promote a comprehensive and balanced implementation," in texts
    assert "1:\tPurpose and Objectives of the MoU" in texts  # the label as the source wrote it
    # hanging indents grow with depth
    ind = {}
    for key in ("c8", "c9", "c11"):
        p = _paragraph_of(root, f"cl_{key}")
        el = p.find(f"{ox.W_PPR}/{ox.W_IND}")
        ind[key] = (int(el.get(ox.W_LEFT)), int(el.get(ox.W_HANGING)))
    assert ind["c8"][0] - ind["c8"][1] < ind["c9"][0] - ind["c9"][1] < ind["c11"][0] - ind["c11"][1]
    # signature blocks: one table column per party, with lines to sign, date and place
    tables = list(root.iter(ox.W_TBL))
    assert len(tables) == 1
    cells = list(tables[0].iter(ox.W_TC))
    assert len(cells) == 2
    first = cell_text(cells[0])
    assert first.startswith("For the United Nations Office of Counter-Terrorism:\nH.E. Mr. Vladimir Voronkov\n")
    for label in ("Signature:", "Date:", "Place:"):
        assert label in first
    # the title block is centred and bold
    title = _paragraph_of(root, "cl_c1")
    assert title.find(f"{ox.W_PPR}/{ox.W_JC}").get(ox.W_VAL) == "center"
    assert title.find(f"{ox.W_R}/{ox.W_RPR}/{ox.W_B}") is not None


def test_signature_final_has_no_draft_mark_and_shows_the_hash():
    data = signature_docx(mou(), title="MoU", version_label="Version 3", final=True, text_hash="f" * 64)
    header, footer = _header_footer_text(data)
    assert "DRAFT" not in header and "Version 3" not in header
    assert "f" * 64 in footer and "PAGE" in footer


def test_signature_parties_fill_in_and_article_labels():
    doc = article_doc()
    doc.clauses.append(Clause("s1", SIGNATURE, heading="For the Republic of Kazakhstan:"))
    renumber(doc)
    parties = [Party("Republic of Kazakhstan", "Mr. A. Example", "Minister"),
               Party("Republic of India", "Ms. B. Example", "Ambassador")]
    data = signature_docx(doc, title="Agreement", version_label="v1", final=False, text_hash=None,
                          parties=parties)
    texts = paragraphs(data)
    assert "Agreement" in texts  # no TITLE clause: the title argument is the title block
    assert "Article 1\nObjective" in texts and "1.\tThe Parties shall cooperate." in texts
    root = part_xml(data)
    art = _paragraph_of(root, "cl_a1")
    assert art.find(f"{ox.W_PPR}/{ox.W_JC}").get(ox.W_VAL) == "center"
    cells = [cell_text(tc) for tc in root.iter(ox.W_TC)]
    assert len(cells) == 2
    assert "Mr. A. Example\nMinister" in cells[0]
    assert cells[1].startswith("For the Republic of India:\nMs. B. Example\nAmbassador")


def test_signature_many_parties_wrap_into_rows():
    doc = Document([Clause(f"s{i}", SIGNATURE, heading=f"For State {i}:", text=f"Name {i}") for i in range(5)])
    data = signature_docx(renumber(doc), title="T", version_label="v", final=True, text_hash=None)
    root = part_xml(data)
    rows = list(root.iter(ox.W_TR))
    assert len(rows) == 2 and len(list(rows[0].iter(ox.W_TC))) == 3
    assert len(_bookmarks(root)) == 5


# --- the parallel table ----------------------------------------------------------------------------


def test_parallel_marks_stale_and_missing_in_words_and_shading():
    rows = [
        ParallelRow("c1", "1", {"en": ParallelCell("Purpose", "Purpose", "current"), "ru": ParallelCell("Цель", status="stale"),
                                "kk": ParallelCell("", status="missing")}),
        ParallelRow("c2", "1.1", {"en": ParallelCell("The purpose."), "ru": ParallelCell("Цель меморандума."),
                                  "kk": ParallelCell("Мақсаты.")}),
    ]
    data = parallel_docx(rows, title="Parallel text", languages=["en", "ru", "kk"],
                         language_names={"en": "English", "ru": "Русский", "kk": "Қазақ тілі"})
    root = part_xml(data)
    trs = list(root.iter(ox.W_TR))
    assert len(trs) == 3
    assert trs[0].find(f"{ox.W_TR_PR}/{ox.W_TBL_HEADER}") is not None
    assert ["".join(tc.itertext()) for tc in trs[0].iter(ox.W_TC)] == ["English", "Русский", "Қазақ тілі"]
    cells = list(trs[1].iter(ox.W_TC))
    texts = [cell_text(tc) for tc in cells]
    assert texts[1].startswith("[Not up to date") and texts[1].endswith("1\tЦель")
    assert texts[2].startswith("[Translation missing]")
    fills = [tc.find(f"{ox.W_TC_PR}/{ox.W_SHD}") for tc in cells]
    assert fills[0] is None and fills[1] is not None and fills[2] is not None
    assert fills[1].get(ox.W_FILL) != fills[2].get(ox.W_FILL)
    assert "1.1\tЦель меморандума." in paragraphs(data)
    assert set(_bookmarks(root)) == {"cl_c1", "cl_c1__ru", "cl_c1__kk", "cl_c2", "cl_c2__ru", "cl_c2__kk"}
    sect = root.find(f"{ox.W_BODY}/{ox.W_SECT_PR}/{ox.w('pgSz')}")
    assert int(sect.get(ox.W_W)) > int(sect.get(ox.w("h")))  # three languages: landscape


def test_parallel_custom_status_labels():
    rows = [ParallelRow("c1", cells={"en": ParallelCell("A"), "ru": ParallelCell("Б", status="stale")})]
    data = parallel_docx(rows, title="T", languages=["en", "ru"], language_names={},
                         status_labels={"stale": "[Устарело]"})
    assert "[Устарело]" in paragraphs(data)


# --- the compilation -------------------------------------------------------------------------------


def _compilation_rows():
    return [
        CompilationRow("c9", "1.1", text="The purpose of this MoU is to provide a framework.", proposals=[
            ProposalRow(id=17, state="Kazakhstan", cosponsors=["India", "China"], action="replace",
                        ops=[WordOp(EQUAL, "The purpose of this MoU is to provide a "),
                             WordOp(INSERT, "non-legally binding "), WordOp(EQUAL, "framework.")],
                        rationale="Clarity.", status="submitted", recommendation="accept", date="2024-06-12"),
            ProposalRow(id=18, state="India", action="replace", text="The aim is a framework.", rationale="Shorter.",
                        status="submitted"),
            ProposalRow(id=19, state="China", action="delete", rationale="Not needed."),
            ProposalRow(id=20, state="Egypt", action="comment", rationale="A question."),
        ]),
        CompilationRow("c12", "2", "Scope", "Scope text.", proposals=[
            ProposalRow(id=21, state="Qatar", action="replace",
                        ops=[WordOp(EQUAL, "Scope "), WordOp(DELETE, "text"), WordOp(INSERT, "wording"),
                             WordOp(EQUAL, ".")]),
            ProposalRow(id=22, state="Iran", action="move", summary="Move after 3")]),
    ]


def test_compilation_layout_and_redlines():
    data = compilation_docx(_compilation_rows(), title="Compilation", subtitle="Version 3", default_date=WHEN)
    root = part_xml(data)
    sect = root.find(f"{ox.W_BODY}/{ox.W_SECT_PR}/{ox.w('pgSz')}")
    assert int(sect.get(ox.W_W)) > int(sect.get(ox.w("h"))) and sect.get(ox.w("orient")) == "landscape"
    trs = list(root.iter(ox.W_TR))
    assert len(trs) == 1 + 4 + 2
    # number and current text merged down over the clause's proposals
    merges = [tr.find(f"{ox.W_TC}/{ox.W_TC_PR}/{ox.w('vMerge')}") for tr in trs[1:5]]
    assert merges[0].get(ox.W_VAL) == "restart" and all(m.get(ox.W_VAL) is None for m in merges[1:])
    marks = _bookmarks(root)
    assert {"cl_c9", "cl_c9__p17", "cl_c9__p18", "cl_c9__p19", "cl_c12", "cl_c12__p21"} <= set(marks)

    def proposal(pid):
        return _paragraph_of(root, f"cl_c9__p{pid}" if pid < 21 else "cl_c12__p21")

    ins = proposal(17).find(ox.W_INS)
    assert ins.get(ox.W_AUTHOR) == "Kazakhstan" and ins.get(ox.W_DATE) == "2024-06-12T00:00:00Z"
    assert "".join(ins.itertext()) == "non-legally binding "
    p18 = proposal(18)
    assert p18.find(ox.W_DEL).get(ox.W_AUTHOR) == "India"
    assert p18.find(ox.W_DEL).get(ox.W_DATE) == "2024-06-01T09:00:00Z"
    assert "".join(proposal(19).find(ox.W_DEL).itertext()) == "The purpose of this MoU is to provide a framework."
    assert "".join(proposal(21).find(ox.W_INS).itertext()) == "wording"
    text = paragraphs(data)
    assert "(comment only)" in text and "Co-sponsors: India, China" in text and "Scope" in text
    assert "Move after 3" in text and "(no change to the text)" in text
    accepted = paragraphs(data, "accept")
    assert "The aim is a framework." in accepted
    assert "The purpose of this MoU is to provide a non-legally binding framework." in accepted


def test_compilation_bench_rows_are_consistent():
    doc = make_document(60, seed=3)
    rows = compilation_rows(doc, 50)
    data = compilation_docx(rows, title="C", subtitle="S")
    assert len(list(part_xml(data).iter(ox.W_TR))) == 1 + sum(len(r.proposals) for r in rows)


# --- helpers -------------------------------------------------------------------------------------


def test_bookmark_names_round_trip():
    assert ox.bookmark_name("c12") == "cl_c12"
    assert ox.bookmark_name("c12", "ru") == "cl_c12__ru"
    assert ox.parse_bookmark("cl_c12__p17") == ("c12", "p17")
    assert ox.key_from_bookmark("cl_c12__ru") == "c12"
    assert ox.key_from_bookmark("_GoBack") is None
    assert ox.bookmark_name("a-b c") == "cl_a_b_c"
    assert len(ox.bookmark_name("k" * 80)) == 40


def test_iso_dates():
    assert ox.iso_date("2024-06-12") == "2024-06-12T00:00:00Z"
    assert ox.iso_date("2024-06-12T10:30:00+02:00") == "2024-06-12T08:30:00Z"
    assert ox.iso_date("2024-06-12T10:30:00Z") == "2024-06-12T10:30:00Z"
    assert ox.iso_date(datetime(2024, 6, 12, 10, 30)) == "2024-06-12T10:30:00Z"
    assert DATE_RE.match(ox.iso_date(None))


def test_clause_paragraph_texts():
    assert clause_paragraph_texts("paragraph", "1.2", "", "Text") == ["1.2\tText"]
    assert clause_paragraph_texts("section", "3", "Scope", "") == ["3\tScope"]
    assert clause_paragraph_texts("section", "Article 3", "Scope", "Body") == ["Article 3\nScope", "Body"]
    assert clause_paragraph_texts("signature", "", "For X:", "Name") == ["For X:", "Name"]
    assert clause_paragraph_texts("recital", "", "", "WHEREAS") == ["WHEREAS"]


def test_parallel_bench_rows_build():
    doc = make_document(40, seed=5)
    data = parallel_docx(parallel_rows(doc), title="P", languages=["en", "ru"],
                         language_names={"en": "English", "ru": "Russian"})
    root = part_xml(data)
    assert len(list(root.iter(ox.W_TR))) == 41
    sect = root.find(f"{ox.W_BODY}/{ox.W_SECT_PR}/{ox.w('pgSz')}")
    assert int(sect.get(ox.W_W)) < int(sect.get(ox.w("h")))  # two languages: portrait


def test_missing_libreoffice_skips_or_fails_under_ci(monkeypatch):
    monkeypatch.setattr(libreoffice, "soffice_path", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="libreoffice-writer"):
        libreoffice.require_soffice()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        libreoffice.require_soffice()


def test_word_bench_runs():
    from bench.word_bench import run

    rows = run(repeat=1)
    assert [r[0] for r in rows] == ["signature_docx", "signature (python-docx API)", "parallel_docx (3 languages)",
                                    "redline_docx (5% edited)", "compilation_docx"]
    assert all(ms > 0 for _, ms, _ in rows)
