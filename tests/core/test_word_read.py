"""app.core.word.reader: paragraphs with tracked changes resolved both ways, automatic
numbering labels, styles, bookmarks and tables; docx_to_blocks for the draft importer."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_BREAK

from app.core.word.reader import TablePosition, docx_to_blocks, format_number, read_paragraphs
from tests.data.docx.make_samples import (
    bookmark,
    build_docx,
    dele,
    ins,
    level,
    numbering,
    p,
    r,
    styles,
    table,
)


def texts(data: bytes) -> list[str]:
    return [para.accepted_text for para in read_paragraphs(data)]


# -- text ------------------------------------------------------------------------------------------


def test_every_character_kept():
    body = p(
        r("\u201cMoU\u201d \u2018Participants\u2019\u00a0\u2014 "),  # smart quotes, nbsp, em dash
        r("a", "<w:tab/>"),
        r("b", "<w:br/>"),
        r("c", '<w:br w:type="page"/>'),
        r("counter", "<w:noBreakHyphen/>"),
        r("terrorism", "<w:softHyphen/>"),
        '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>',
        r("  two  spaces  "),
        r("Қазақстан Республикасы, Российская Федерация"),
    )
    (para,) = read_paragraphs(build_docx(body))
    assert para.accepted_text == (
        "\u201cMoU\u201d \u2018Participants\u2019\u00a0\u2014 a\tb\nc\ncounter\u2011terrorism\u00ad"
        "\uf0b7  two  spaces  Қазақстан Республикасы, Российская Федерация"
    )
    assert para.rejected_text == para.accepted_text
    assert not para.has_changes


def test_hyperlinks_fields_content_controls_and_smart_tags_are_read_through():
    body = p(
        r("See "),
        '<w:hyperlink r:id="rId9"><w:r><w:t>www.un.org</w:t></w:r></w:hyperlink>',
        r(", page "),
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>',
        r(", "),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF cl_c17 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>paragraph 4</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        r(", "),
        "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>Astana</w:t></w:r></w:sdtContent></w:sdt>",
        '<w:smartTag w:uri="urn:x" w:element="date"><w:r><w:t> 17 June</w:t></w:r></w:smartTag>',
        '<w:customXml w:element="x"><w:r><w:t> 2006</w:t></w:r></w:customXml>',
        '<w:r><w:drawing><wp:inline xmlns:wp="urn:wp"><wp:docPr id="1" name="logo"/></wp:inline></w:drawing></w:r>',
        '<w:r><w:footnoteReference w:id="2"/></w:r>',
        "<m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath>",
    )
    (para,) = read_paragraphs(build_docx(body))
    assert para.accepted_text == "See www.un.org, page 7, paragraph 4, Astana 17 June 2006x=1"


def test_nested_field_instruction_is_dropped():
    body = p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        "<w:r><w:instrText> IF </w:instrText></w:r>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>hidden</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:r><w:instrText> = 1 "yes" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        r("yes"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        r(" after"),
    )
    assert texts(build_docx(body)) == ["yes after"]


def test_accepted_and_rejected_text():
    body = p(r("The Parties "), dele("shall"), ins("will"), r(" cooperate"), ins(" closely"), r("."))
    (para,) = read_paragraphs(build_docx(body))
    assert para.accepted_text == para.text == "The Parties will cooperate closely."
    assert para.rejected_text == "The Parties shall cooperate."
    assert para.has_changes


def test_text_inserted_then_deleted_is_in_neither_version():
    body = p(
        r("A"),
        '<w:ins w:id="1" w:author="X" w:date="2024-01-01T00:00:00Z">'
        '<w:del w:id="2" w:author="Y" w:date="2024-01-02T00:00:00Z">'
        "<w:r><w:delText>ghost</w:delText></w:r></w:del></w:ins>",
        r("B"),
    )
    (para,) = read_paragraphs(build_docx(body))
    assert para.accepted_text == para.rejected_text == "AB"


def test_paragraph_mark_revisions():
    body = p(ins("New."), mark="ins") + p(dele("Old."), mark="del") + p(r("Kept."))
    paras = read_paragraphs(build_docx(body))
    assert [(x.mark_inserted, x.mark_deleted) for x in paras] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    assert [(x.accepted_text, x.rejected_text) for x in paras] == [
        ("New.", ""),
        ("", "Old."),
        ("Kept.", "Kept."),
    ]


# -- styles, bookmarks, tables ------------------------------------------------------------------------


def test_styles_and_bookmarks():
    body = (
        bookmark("cl_title", 1)
        + p(r("MEMORANDUM OF UNDERSTANDING"), style="Heading1")
        + p(bookmark("_GoBack", 2), bookmark("cl_c17", 3), r("The Parties shall cooperate."))
        + p(r("Unbookmarked."))
    )
    paras = read_paragraphs(build_docx(body, parts={"styles": styles()}))
    assert [(x.style_id, x.style) for x in paras] == [
        ("Heading1", "Heading 1"),
        ("Normal", "Normal"),
        ("Normal", "Normal"),
    ]
    assert [x.bookmarks for x in paras] == [["cl_title"], ["_GoBack", "cl_c17"], []]
    assert [x.key for x in paras] == ["title", "c17", None]


def test_table_paragraphs_are_flagged_in_order():
    nested = table([[p(r("inner"))]])
    body = (
        p(r("before"))
        + table([[p(r("r0c0")), p(r("r0c1a")) + p(r("r0c1b"))], [p(r("r1c0")) + nested, p(r("r1c1"))]])
        + p(r("after"))
        + table([[p(r("second"))]])
    )
    paras = read_paragraphs(build_docx(body))
    assert [(x.accepted_text, x.table) for x in paras] == [
        ("before", None),
        ("r0c0", TablePosition(0, 0, 0, 1)),
        ("r0c1a", TablePosition(0, 0, 1, 1)),
        ("r0c1b", TablePosition(0, 0, 1, 1)),
        ("r1c0", TablePosition(0, 1, 0, 1)),
        ("inner", TablePosition(1, 0, 0, 2)),
        ("r1c1", TablePosition(0, 1, 1, 1)),
        ("after", None),
        ("second", TablePosition(2, 0, 0, 1)),
    ]
    assert [x.index for x in paras] == list(range(9))


# -- numbering ----------------------------------------------------------------------------------------

LEGAL = numbering(
    {
        1: [
            level(0, "decimal", "%1."),
            level(1, "decimal", "%1.%2"),
            level(2, "lowerLetter", "%3)"),
            level(3, "lowerRoman", "(%4)"),
        ],
        2: [level(0, "upperRoman", "Article %1"), level(1, "upperLetter", "%2.")],
        3: [level(0, "bullet", "\uf0b7"), level(1, "bullet", "o")],
    },
    {1: 1, 2: 2, 3: 3},
)


def labels(body: str, parts: dict[str, str] | None = None) -> list[tuple[str | None, str]]:
    paras = read_paragraphs(build_docx(body, parts=parts or {"numbering": LEGAL, "styles": styles()}))
    return [(x.label, x.accepted_text) for x in paras]


def test_multilevel_labels_by_counting():
    body = (
        p(r("Purpose"), num=1, ilvl=0)
        + p(r("first"), num=1, ilvl=1)
        + p(r("second"), num=1, ilvl=1)
        + p(r("item"), num=1, ilvl=2)
        + p(r("item"), num=1, ilvl=2)
        + p(r("sub"), num=1, ilvl=3)
        + p(r("sub"), num=1, ilvl=3)
        + p(r("sub"), num=1, ilvl=3)
        + p(r("sub"), num=1, ilvl=3)
        + p(r("unnumbered"))
        + p(r("Scope"), num=1, ilvl=0)
        + p(r("first again"), num=1, ilvl=1)
        + p(r("item again"), num=1, ilvl=2)
        + p(r("no ilvl: level 0"), num=1)
    )
    assert [lab for lab, _ in labels(body)] == [
        "1.",
        "1.1",
        "1.2",
        "a)",
        "b)",
        "(i)",
        "(ii)",
        "(iii)",
        "(iv)",
        None,
        "2.",
        "2.1",
        "a)",
        "3.",
    ]


def test_upper_formats_bullets_and_independent_lists():
    body = (
        p(r("A"), num=2, ilvl=0)
        + p(r("x"), num=2, ilvl=1)
        + p(r("y"), num=2, ilvl=1)
        + p(r("dot"), num=3, ilvl=0)
        + p(r("circle"), num=3, ilvl=1)
        + p(r("B"), num=2, ilvl=0)
        + p(r("1"), num=1, ilvl=0)
        + p(r("C"), num=2, ilvl=0)
        + p(r("removed"), num=0, ilvl=0)
    )
    assert [lab for lab, _ in labels(body)] == [
        "Article I",
        "A.",
        "B.",
        "\u2022",
        "o",
        "Article II",
        "1.",
        "Article III",
        None,
    ]


def test_start_values_overrides_and_restarts():
    nums = numbering(
        {
            1: [
                level(0, "decimal", "%1.", start=5),
                level(1, "lowerLetter", "(%2)", extra='<w:lvlRestart w:val="0"/>'),
            ],
            2: [level(0, "decimal", "%1.", start=1), level(1, "decimal", "%1.%2", extra="<w:isLgl/>")],
            4: [level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2", extra="<w:isLgl/>")],
        },
        {
            1: 1,
            2: 2,
            3: (2, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
            4: 4,
        },
    )
    body = (
        p(r("five"), num=1, ilvl=0)
        + p(r("a"), num=1, ilvl=1)
        + p(r("six"), num=1, ilvl=0)
        + p(r("b (lvlRestart 0: never restarts)"), num=1, ilvl=1)
        + p(r("one"), num=2, ilvl=0)
        + p(r("two"), num=2, ilvl=0)
        + p(r("restarted by startOverride"), num=3, ilvl=0)
        + p(r("continues"), num=3, ilvl=0)
        + p(r("shares abstractNum 2"), num=2, ilvl=0)
        + p(r("I"), num=4, ilvl=0)
        + p(r("legal"), num=4, ilvl=1)
    )
    got = [lab for lab, _ in labels(body, {"numbering": nums})]
    assert got == ["5.", "(a)", "6.", "(b)", "1.", "2.", "1.", "2.", "3.", "I.", "1.1"]


def test_numbering_from_paragraph_style():
    nums = numbering({7: [level(0, "decimal", "ARTICLE %1"), level(1, "decimal", "%1.%2.")]}, {9: 7})
    sty = styles(
        '<w:style w:type="paragraph" w:styleId="Article"><w:name w:val="Article"/>'
        '<w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/><w:basedOn w:val="Article"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="9"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ClauseChild"><w:name w:val="Clause child"/>'
        '<w:basedOn w:val="Clause"/></w:style>'
    )
    body = (
        p(r("Purpose"), style="Article")
        + p(r("first"), style="Clause")
        + p(r("second"), style="ClauseChild")
        + p(r("Scope"), style="Article")
        + p(r("first"), style="Clause")
    )
    got = labels(body, {"numbering": nums, "styles": sty})
    assert [lab for lab, _ in got] == ["ARTICLE 1", "1.1.", "1.2.", "ARTICLE 2", "2.1."]


def test_deleted_paragraphs_do_not_take_a_number_inserted_ones_do():
    body = (
        p(r("one"), num=1, ilvl=0)
        + p(dele("two (deleted)"), num=1, ilvl=0, mark="del")
        + p(r("three"), num=1, ilvl=0)
        + p(ins("new"), num=1, ilvl=0, mark="ins")
        + p(r("four"), num=1, ilvl=0)
    )
    assert labels(body) == [("1.", "one"), (None, ""), ("2.", "three"), ("3.", "new"), ("4.", "four")]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "decimal", "1"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (4, "lowerRoman", "iv"),
        (1994, "upperRoman", "MCMXCIV"),
        (3, "decimalZero", "03"),
        (22, "ordinal", "22nd"),
        (3, "none", ""),
        (3, "chineseCounting", "3"),
    ],
)
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_python_docx_list_styles():
    d = docx.Document()
    d.add_paragraph("Purpose", style="List Number")
    d.add_paragraph("Scope", style="List Number")
    d.add_paragraph("a bullet", style="List Bullet")
    run = d.add_paragraph("line one").add_run()
    run.add_break(WD_BREAK.LINE)
    run.add_text("line two")
    buf = io.BytesIO()
    d.save(buf)
    paras = read_paragraphs(buf.getvalue())
    assert [(x.label, x.style) for x in paras] == [
        ("1.", "List Number"),
        ("2.", "List Number"),
        ("\u2022", "List Bullet"),
        (None, "Normal"),
    ]
    assert paras[3].accepted_text == "line one\nline two"


# -- docx_to_blocks --------------------------------------------------------------------------------------


def test_blocks_prefix_automatic_numbers_and_keep_typed_ones():
    body = (
        p(r("MEMORANDUM OF UNDERSTANDING"), style="Heading1")
        + p()
        + p(r("   "))
        + p(r("Purpose"), num=1, ilvl=0)
        + p(r("The Participants shall cooperate."), num=1, ilvl=1)
        + p(r("2. Typed number stays as typed."))
        + p(r("in the field of "), dele("terrorism"), ins("counter-terrorism"), num=1, ilvl=2)
        + table([[p(r("For UNOCT:")), p(r("For the CICA Secretariat:"))]])
    )
    assert docx_to_blocks(build_docx(body, parts={"numbering": LEGAL, "styles": styles()})) == [
        "MEMORANDUM OF UNDERSTANDING",
        "1. Purpose",
        "1.1 The Participants shall cooperate.",
        "2. Typed number stays as typed.",
        "a) in the field of counter-terrorism",
        "For UNOCT:",
        "For the CICA Secretariat:",
    ]


def test_blocks_join_paragraphs_whose_mark_is_deleted():
    body = (
        p(r("The Parties shall "), mark="del", num=1, ilvl=0)
        + p(r("cooperate."), num=1, ilvl=0)
        + p(dele("Removed entirely."), mark="del", num=1, ilvl=0)
        + p(r("Next."), num=1, ilvl=0)
    )
    assert docx_to_blocks(build_docx(body, parts={"numbering": LEGAL})) == [
        "1. The Parties shall cooperate.",
        "2. Next.",
    ]


def test_blocks_keep_a_numbered_paragraph_with_no_text():
    # "Статья 13" shown by Word from the numbering alone, the article's text below
    body = p(num=1, ilvl=0) + p(r("Every one has the right."), num=1, ilvl=1) + p(num=1, ilvl=0) + p()
    assert docx_to_blocks(build_docx(body, parts={"numbering": LEGAL})) == ["1.", "1.1 Every one has the right.", "2."]


def test_blocks_of_an_empty_document():
    assert docx_to_blocks(build_docx("")) == []
