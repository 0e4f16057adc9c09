"""app.core.word.tracked: tracked changes, moves, paragraph-mark revisions and comments,
paragraph by paragraph, from OOXML written the way Word writes it."""

from __future__ import annotations

import io
import time

import docx

from app.core.word.reader import MarkRevision, Segment, TablePosition, docx_to_blocks
from app.core.word.tracked import read_comments, read_revisions
from tests.data.docx.make_samples import (
    DATE,
    bookmark,
    build_docx,
    comments,
    dele,
    ins,
    move_from,
    move_to,
    p,
    r,
    table,
)

D1 = "2024-05-14T09:30:00Z"
D2 = "2024-06-01T12:00:00Z"


def changes(body: str) -> list[tuple[str, str, str]]:
    return [(x.change, x.old_text, x.new_text) for x in read_revisions(build_docx(body))]


def test_segments_in_order_with_authors_and_dates():
    body = p(
        bookmark("cl_c17"),
        r("The Parties "),
        dele("shall", 1, "Kazakhstan", D1),
        ins("will", 2, "Kazakhstan", D1),
        r(" cooperate"),
        ins(" closely", 3, "Russian Federation", D2),
        r(" in "),
        dele("the field", 4, "Russian Federation", D2),
        r("."),
    )
    (rev,) = read_revisions(build_docx(body))
    assert rev.key == "c17"
    assert rev.old_text == "The Parties shall cooperate in the field."
    assert rev.new_text == "The Parties will cooperate closely in ."
    assert rev.tuples == [
        ("equal", "The Parties ", None, None),
        ("delete", "shall", "Kazakhstan", D1),
        ("insert", "will", "Kazakhstan", D1),
        ("equal", " cooperate", None, None),
        ("insert", " closely", "Russian Federation", D2),
        ("equal", " in ", None, None),
        ("delete", "the field", "Russian Federation", D2),
        ("equal", ".", None, None),
    ]
    assert rev.segments[1] == Segment("delete", "shall", "Kazakhstan", D1, "1", None)
    assert rev.change == "changed" and rev.has_revisions
    assert rev.authors == ["Kazakhstan", "Russian Federation"]
    assert rev.dates == [D1, D2]


def test_runs_split_by_formatting_are_merged_into_one_segment():
    body = p(
        r("Art"),
        "<w:r><w:rPr><w:b/></w:rPr><w:t>icle</w:t></w:r>",
        '<w:ins w:id="5" w:author="K" w:date="2024-01-01T00:00:00Z">'
        + r(" one")
        + "<w:r><w:rPr><w:i/></w:rPr><w:t> two</w:t></w:r></w:ins>",
    )
    (rev,) = read_revisions(build_docx(body))
    assert rev.tuples == [
        ("equal", "Article", None, None),
        ("insert", " one two", "K", "2024-01-01T00:00:00Z"),
    ]


def test_special_characters_inside_revisions():
    body = p(
        '<w:ins w:id="1" w:author="K" w:date="2024-01-01T00:00:00Z"><w:r><w:t>\u201cA\u201d</w:t><w:tab/>'
        "<w:noBreakHyphen/><w:br/></w:r></w:ins>",
        '<w:del w:id="2" w:author="K" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>\u2018b\u2019</w:delText>'
        "<w:tab/></w:r></w:del>",
        '<w:hyperlink r:id="rId3"><w:ins w:id="3" w:author="K" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:t>link</w:t></w:r></w:ins></w:hyperlink>",
    )
    (rev,) = read_revisions(build_docx(body))
    assert rev.new_text == "\u201cA\u201d\t\u2011\nlink"
    assert rev.old_text == "\u2018b\u2019\t"


def test_whole_paragraph_inserted_and_deleted():
    body = (
        p(r("Kept."))
        + p(ins("Inserted, own mark inserted (Word)."), mark="ins")
        + p(dele("Deleted with its mark."), mark="del")
        + p(r("End."))
    )
    assert changes(body) == [
        ("unchanged", "Kept.", "Kept."),
        ("inserted", "", "Inserted, own mark inserted (Word)."),
        ("deleted", "Deleted with its mark.", ""),
        ("unchanged", "End.", "End."),
    ]
    revs = read_revisions(build_docx(body))
    assert revs[1].mark == MarkRevision("insert", "Kazakhstan", DATE, "99", None)
    assert revs[1].authors == ["Kazakhstan"]


def test_paragraph_inserted_after_a_split_mark():
    """LibreOffice's way: the mark of the paragraph before is inserted, the new paragraph
    holds the original mark."""
    body = p(r("Two."), mark="ins") + p(ins("New one.")) + p(ins("New two.")) + p(r("Three."))
    assert changes(body) == [
        ("unchanged", "Two.", "Two."),
        ("inserted", "", "New one."),
        ("changed", "", "New two."),  # the only inserted mark was already used by "New one."
        ("unchanged", "Three.", "Three."),
    ]
    body = p(r("Two."), mark="ins") + p(ins("New one."), mark="ins") + p(ins("New two.")) + p(r("Three."))
    assert [c for c, _o, _n in changes(body)] == ["unchanged", "inserted", "inserted", "unchanged"]


def test_last_paragraph_deleted_through_the_previous_mark():
    """Word cannot delete the last paragraph mark of the body: the previous one is deleted."""
    body = p(r("Kept."), mark="del") + p(dele("Last."))
    assert changes(body) == [("unchanged", "Kept.", "Kept."), ("deleted", "Last.", "")]


def test_merged_and_split_paragraphs():
    body = (
        p(r("The Parties shall "), mark="del") + p(r("cooperate.")) + p(r("One. "), mark="ins") + p(r("Two."))
    )
    assert changes(body) == [
        ("merged", "The Parties shall ", "The Parties shall "),
        ("unchanged", "cooperate.", "cooperate."),
        ("split", "One. ", "One. "),
        ("unchanged", "Two.", "Two."),
    ]


def test_empty_paragraph_inserted_or_deleted():
    body = p(r("A.")) + p(mark="ins") + p(mark="del") + p(r("B."))
    assert [c for c, _o, _n in changes(body)] == ["unchanged", "inserted", "deleted", "unchanged"]


def test_moves_pair_by_name():
    body = (
        p(move_from("Moved paragraph.", "move1", rid=10), mark="moveFrom", mark_id=12)
        + p(r("Middle."))
        + p(move_to("Moved paragraph.", "move1", rid=20), mark="moveTo", mark_id=22)
        + p(r("Words "), move_from("here", "move2", rid=30), r(" stay "), move_to("there", "move2", rid=40))
    )
    revs = read_revisions(build_docx(body))
    assert [(x.change, x.move, x.old_text, x.new_text) for x in revs] == [
        ("moved_from", "move1", "Moved paragraph.", ""),
        ("unchanged", None, "Middle.", "Middle."),
        ("moved_to", "move1", "", "Moved paragraph."),
        ("changed", None, "Words here stay ", "Words  stay there"),
    ]
    assert revs[0].segments == [Segment("delete", "Moved paragraph.", "Kazakhstan", DATE, "11", "move1")]
    assert revs[0].mark.move == "move1"
    assert [(s.op, s.move) for s in revs[3].segments] == [
        ("equal", None),
        ("delete", "move2"),
        ("equal", None),
        ("insert", "move2"),
    ]


def test_move_text_written_with_deltext():
    body = p(
        '<w:moveFromRangeStart w:id="1" w:name="m9" w:author="K" w:date="2024-01-01T00:00:00Z"/>'
        '<w:moveFrom w:id="2" w:author="K" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:delText>gone</w:delText></w:r></w:moveFrom>"
        '<w:moveFromRangeEnd w:id="1"/>'
    )
    (rev,) = read_revisions(build_docx(body))
    assert rev.tuples == [("delete", "gone", "K", "2024-01-01T00:00:00Z")] and rev.segments[0].move == "m9"


def test_comments_anchored_in_their_paragraph():
    body = (
        p(
            bookmark("cl_c1"),
            r("The Parties shall cooperate in "),
            '<w:commentRangeStart w:id="0"/>',
            r("good faith"),
            '<w:commentRangeEnd w:id="0"/>',
            '<w:r><w:commentReference w:id="0"/></w:r>',
            r("."),
        )
        + p(r("Point comment"), '<w:r><w:commentReference w:id="1"/></w:r>')
        + '<w:commentRangeStart w:id="2"/>'  # a range opened between paragraphs
        + p(r("Spans "), ins("two"))
        + p(r("paragraphs"), '<w:commentRangeEnd w:id="2"/><w:r><w:commentReference w:id="2"/></w:r>')
        + p(r("No comment."))
    )
    parts = {
        "comments": comments(
            (0, "Kazakhstan", "Why \u201cgood faith\u201d?"), (1, "India", "Agree."), (2, "China", "Long.")
        )
    }
    revs = read_revisions(build_docx(body, parts=parts))
    assert [[(c.author, c.text, c.anchor) for c in x.comments] for x in revs] == [
        [("Kazakhstan", "Why \u201cgood faith\u201d?", "good faith")],
        [("India", "Agree.", "")],
        [("China", "Long.", "Spans two\nparagraphs")],
        [],
        [],
    ]
    assert revs[0].key == "c1" and revs[0].change == "unchanged"
    c = revs[0].comments[0]
    assert (c.id, c.date, c.initials, c.parent_id, c.done) == ("0", DATE, "X", None, False)


def test_comment_replies_and_resolution():
    body = p(
        '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>',
        r("text"),
        '<w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="1"/>',
        '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r>',
    )
    ext = (
        '<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        '<w15:commentEx w15:paraId="10000000" w15:done="1"/>'
        '<w15:commentEx w15:paraId="10000001" w15:paraIdParent="10000000" w15:done="0"/>'
        "</w15:commentsEx>"
    )
    data = build_docx(
        body,
        parts={"comments": comments((0, "A", "Question?"), (1, "B", "Answer.")), "commentsExtended": ext},
    )
    (rev,) = read_revisions(data)
    assert [(c.id, c.parent_id, c.done) for c in rev.comments] == [("0", None, True), ("1", "0", False)]
    assert [c.text for c in read_comments(data)] == ["Question?", "Answer."]


def test_multi_paragraph_comment_text():
    xml = (
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:comment w:id="3" w:author="K" w:date="2024-01-01T00:00:00Z">'
        "<w:p><w:r><w:annotationRef/></w:r><w:r><w:t>First line</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>second line</w:t></w:r></w:p></w:comment></w:comments>"
    )
    data = build_docx(p(r("x"), '<w:r><w:commentReference w:id="3"/></w:r>'), parts={"comments": xml})
    assert read_revisions(data)[0].comments[0].text == "First line\nsecond line"


def test_table_paragraph_revisions():
    body = table([[p(r("For "), dele("UNOCT"), ins("the United Nations")), p(r("For CICA"))]])
    revs = read_revisions(build_docx(body))
    assert [(x.table, x.old_text, x.new_text, x.change) for x in revs] == [
        (TablePosition(0, 0, 0, 1), "For UNOCT", "For the United Nations", "changed"),
        (TablePosition(0, 0, 1, 1), "For CICA", "For CICA", "unchanged"),
    ]


def test_tracked_table_row_insertion_and_deletion():
    rev_attrs = 'w:author="India" w:date="2024-01-01T00:00:00Z"'
    body = (
        "<w:tbl><w:tblPr/><w:tblGrid/>"
        f"<w:tr><w:tc>{p(r('kept'))}</w:tc></w:tr>"
        f'<w:tr><w:trPr><w:del w:id="1" {rev_attrs}/></w:trPr><w:tc>{p(dele("gone", 2))}</w:tc></w:tr>'
        f'<w:tr><w:trPr><w:ins w:id="3" {rev_attrs}/></w:trPr><w:tc>{p(ins("new", 4))}</w:tc></w:tr>'
        "</w:tbl>"
    )
    assert changes(body) == [("unchanged", "kept", "kept"), ("deleted", "gone", ""), ("inserted", "", "new")]
    assert read_revisions(build_docx(body))[1].mark == MarkRevision(
        "delete", "India", "2024-01-01T00:00:00Z", "1"
    )


def test_merge_does_not_cross_table_cells():
    body = table([[p(r("cell one"), mark="del"), p(r("cell two"))]])
    assert [c for c, _o, _n in changes(body)] == ["unchanged", "unchanged"]


def test_both_versions_where_python_docx_paragraph_text_has_neither():
    """Why this module exists: python-docx 1.2's paragraph.text skips w:ins and w:del alike."""
    data = build_docx(p(r("The Parties "), dele("shall"), ins("will"), r(" cooperate.")))
    (rev,) = read_revisions(data)
    assert (rev.old_text, rev.new_text) == ("The Parties shall cooperate.", "The Parties will cooperate.")
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text != rev.old_text


def test_reading_1200_paragraphs_with_100_changes_is_fast():
    from bench.word_read_bench import build_document

    data = build_document()
    timings = []
    for _ in range(3):  # best of three: the machine may be busy with other tests
        start = time.perf_counter()
        revs = read_revisions(data)
        timings.append(time.perf_counter() - start)
    elapsed = min(timings)
    assert len(revs) == 1200
    assert sum(1 for x in revs if x.change == "changed") == 100
    assert sum(len(x.comments) for x in revs) == 10
    assert [x.key for x in revs[:3]] == ["c0", "c1", "c2"]
    assert elapsed < 0.5  # about 30 ms on the development machine
    blocks = docx_to_blocks(data)
    assert len(blocks) == 1200 and blocks[0].startswith("1. ") and blocks[3].startswith("1.1 ")
