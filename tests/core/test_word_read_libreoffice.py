"""Round trip through a real Word client: LibreOffice (headless, driven over UNO) edits a
.docx with change tracking on; app.core.word.tracked must read back exactly those edits,
and agree with LibreOffice's own "accept all" / "reject all" and list numbering.

Needs libreoffice-writer and python3-uno: skipped when missing, failed under CI=true.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.core.word.reader import docx_to_blocks, read_paragraphs
from app.core.word.safety import check_docx
from app.core.word.tracked import read_comments, read_revisions
from tests.data.docx.make_samples import build_docx, level, numbering, p, r, styles
from tests.support.libreoffice import convert_many, lines, revision_texts
from tests.support.lo_track import Edit, edit_many_with_tracking, edit_with_tracking, require_lo_tracking

pytestmark = pytest.mark.libreoffice

KZ = "Kazakhstan Delegation"
IN = "India Delegation"
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

BASE = [
    ("title", "MEMORANDUM OF UNDERSTANDING"),
    ("c1", "The Participants shall cooperate in \u201cgood faith\u201d."),
    ("c2", "The Participants shall exchange information."),
    ("c3", "This paragraph will be deleted."),
    ("c4", "Each Participant bears its own costs."),
    ("c5", "This Memorandum enters into force on signature."),
]


def base_document() -> bytes:
    """A python-docx document whose paragraphs carry "cl_<key>" bookmarks."""
    d = docx.Document()
    for i, (key, text) in enumerate(BASE):
        para = d.add_heading(text, 1) if i == 0 else d.add_paragraph(text)
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(i))
        start.set(qn("w:name"), f"cl_{key}")
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(i))
        para._p.insert(1 if para._p.pPr is not None else 0, start)
        para._p.append(end)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def edited() -> bytes:
    require_lo_tracking()
    first = edit_with_tracking(
        base_document(),
        [
            Edit.replace(1, "shall", "will"),
            Edit.comment(1, "Why \u201cgood faith\u201d?", "\u201cgood faith\u201d"),
            Edit.insert_after(2, "The Participants shall meet annually."),
            Edit.delete(3),
            Edit.replace(4, "its own costs", "their own costs"),
            Edit.delete(5),
        ],
        author=KZ,
        initials="KZ",
    )
    # A second delegation edits the result: revisions by two authors.
    return edit_with_tracking(
        first,
        [Edit.replace(0, "UNDERSTANDING", "UNDERSTANDING (MoU)"), Edit.comment(0, "Title agreed.")],
        author=IN,
        initials="IN",
    )


def test_libreoffice_output_is_an_acceptable_docx(edited):
    check_docx(edited)


def test_read_revisions_gives_exactly_the_edits(edited):
    revs = read_revisions(edited)
    assert [(x.key, x.change, x.old_text, x.new_text) for x in revs] == [
        ("title", "changed", "MEMORANDUM OF UNDERSTANDING", "MEMORANDUM OF UNDERSTANDING (MoU)"),
        ("c1", "changed", BASE[1][1], "The Participants will cooperate in \u201cgood faith\u201d."),
        ("c2", "unchanged", BASE[2][1], BASE[2][1]),
        (None, "inserted", "", "The Participants shall meet annually."),
        ("c3", "deleted", BASE[3][1], ""),
        ("c4", "changed", BASE[4][1], "Each Participant bears their own costs."),
        ("c5", "deleted", BASE[5][1], ""),
    ]
    title, c1, _c2, new, c3, c4, c5 = revs
    assert c1.tuples[0] == ("equal", "The Participants ", None, None)
    assert [(op, text, who) for op, text, who, _when in c1.tuples if op != "equal"] == [
        ("delete", "shall", KZ),
        ("insert", "will", KZ),
    ]
    assert title.authors == [IN]
    for rev in (c1, new, c3, c4, c5):
        assert rev.authors == [KZ]
        assert rev.dates and all(ISO.fullmatch(d) for d in rev.dates)
    assert new.mark is None and revs[2].mark is not None and revs[2].mark.op == "insert"
    assert c3.mark is not None and c3.mark.op == "delete"


def test_comments_come_back_on_their_paragraphs(edited):
    revs = read_revisions(edited)
    assert [(c.author, c.initials, c.text, c.anchor) for c in revs[1].comments] == [
        (KZ, "KZ", "Why \u201cgood faith\u201d?", "\u201cgood faith\u201d")
    ]
    assert [(c.author, c.text) for c in revs[0].comments] == [(IN, "Title agreed.")]
    assert revs[0].comments[0].anchor.endswith("(MoU)")
    assert all(not x.comments for x in revs[2:])
    assert sorted(c.text for c in read_comments(edited)) == ["Title agreed.", "Why \u201cgood faith\u201d?"]
    assert all(ISO.fullmatch(c.date or "") for c in read_comments(edited))


def test_reader_agrees_with_libreoffice_accept_and_reject_all(edited):
    accepted, rejected = revision_texts([edited])[0]
    revs = read_revisions(edited)
    assert docx_to_blocks(edited) == lines(accepted)
    assert [x.new_text for x in revs if x.change not in ("deleted", "moved_from")] == lines(accepted)
    assert [x.old_text for x in revs if x.change not in ("inserted", "moved_to")] == lines(rejected)
    paras = read_paragraphs(edited)
    assert [x.key for x in paras] == ["title", "c1", "c2", None, "c3", "c4", "c5"]
    assert paras[0].style == "Heading 1"


LEGAL = numbering(
    {
        1: [
            level(0, "decimal", "%1."),
            level(1, "decimal", "%1.%2"),
            level(2, "lowerLetter", "%3)"),
            level(3, "lowerRoman", "(%4)"),
        ],
        2: [level(0, "upperRoman", "Article %1"), level(1, "upperLetter", "%2.", start=3)],
    },
    {1: 1, 2: 2, 3: (2, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>')},
)


def test_numbering_labels_agree_with_libreoffice():
    """LibreOffice renders the same labels as we compute. (LibreOffice 7.4 ignores
    w:lvlRestart="0" and w:isLgl, which the reader implements as the standard says; they are
    covered in test_word_read.py.)"""
    require_lo_tracking()
    body = "".join(
        p(r(text), num=num, ilvl=ilvl)
        for text, num, ilvl in [
            ("Purpose", 1, 0),
            ("first", 1, 1),
            ("second", 1, 1),
            ("item", 1, 2),
            ("item", 1, 2),
            ("sub", 1, 3),
            ("sub", 1, 3),
            ("sub", 1, 3),
            ("sub", 1, 3),
            ("unnumbered", None, None),
            ("Scope", 1, 0),
            ("first again", 1, 1),
            ("item again", 1, 2),
            ("Final", 2, 0),
            ("x", 2, 1),
            ("y", 2, 1),
            ("Next", 2, 0),
            ("restarted", 3, 0),
            ("z", 3, 1),
        ]
    )
    d = docx.Document()
    for text in ("Purpose", "Scope", "Definitions"):
        d.add_paragraph(text, style="List Number")
    buf = io.BytesIO()
    d.save(buf)
    docs = [build_docx(body, parts={"numbering": LEGAL, "styles": styles()}), buf.getvalue()]
    # A numbered paragraph inserted with tracking takes the next number when accepted.
    docs += edit_many_with_tracking([(buf.getvalue(), [Edit.insert_after(0, "Inserted item")])])
    texts = convert_many(docs, "txt")
    for data, text in zip(docs[:2], texts[:2], strict=True):
        assert docx_to_blocks(data) == [line.strip() for line in lines(text.decode("utf-8-sig"))]
    assert docx_to_blocks(docs[0])[:4] == ["1. Purpose", "1.1 first", "1.2 second", "a) item"]
    accepted, _rejected = revision_texts([docs[2]])[0]
    assert docx_to_blocks(docs[2]) == [line.strip() for line in lines(accepted)]
    assert docx_to_blocks(docs[2]) == ["1. Purpose", "2. Inserted item", "3. Scope", "4. Definitions"]
