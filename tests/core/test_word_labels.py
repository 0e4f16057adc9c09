"""Number labels as written in every Word export, and back.

A text imported with "ARTICLE 4 -" / "ARTICLE 5 –" (the house separator), "Article I" then
"Article 2" (mixed styles), articles starting at 12, or "2.5 bis" is exported with exactly those
labels: in the signature copy, the parallel text, the compilation and the redline, never a number
recomputed from the clause's place. The signature copy imports back (reader + parser) to the same
labels.
"""

from __future__ import annotations

import pytest

from app.core.clauses.parse import parse_blocks, parse_text
from app.core.clauses.tree import OUTLINE, PARAGRAPH, SECTION, Clause, Document, number_clauses
from app.core.word.exports import (
    CompilationRow,
    ParallelCell,
    ParallelRow,
    ProposalRow,
    compilation_docx,
    parallel_docx,
    signature_docx,
)
from app.core.word.layout import written_label
from app.core.word.reader import docx_to_blocks, read_paragraphs
from app.core.word.redline import redline_docx
from bench.word_bench import compare_by_key
from tests.support.ooxml_text import paragraphs

PRE = ("MEMORANDUM OF UNDERSTANDING BETWEEN THE PARTIES\n\nThe Parties, considering the need for cooperation "
       "in many fields of common interest,\n\nHave agreed as follows:\n\n")
END = ("\n\nDone at Astana on 12 June 2024 in two originals, each in English and Russian, both texts being "
       "equally authentic.\n\nFor the Government of A:\n\nFor the Government of B:\n")

TEXTS = {
    "house separators": ("ARTICLE 4 - Purpose\n\nThe purpose is cooperation in many fields.\n\n"
                         "ARTICLE 5 – Scope\n\nThe scope is wide and covers every field.",
                         ["ARTICLE 4 -", "ARTICLE 5 –"]),
    "mixed styles": ("Article I\nDefinitions\n\nText one of the article here.\n\n"
                     "Article 2\nScope\n\nText two of the article here.",
                     ["Article I", "Article 2"]),
    "starts at 12": ("Article 12\nFinal provisions\n\nText twelve of the article.\n\n"
                     "Article 13\nAmendments\n\nText thirteen of the article.",
                     ["Article 12", "Article 13"]),
    "bis": ("Article 16\nDuration\n\nThis agreement lasts five years.\n\n"
            "Article 16 bis\nRenewal\n\nIt is renewed unless terminated.\n\n"
            "Article 17\nEntry into force\n\nIt enters into force on signature.",
            ["Article 16", "Article 16 bis", "Article 17"]),
}


def _doc(name: str) -> Document:
    body, _ = TEXTS[name]
    return parse_text(PRE + body + END)


def _labels(doc: Document) -> list[str]:
    return [c.label for c in doc.walk() if c.kind == SECTION]


def _paragraph_bis() -> Document:
    """Paragraphs "2.5", "2.5 bis" (inserted in negotiation), "2.6" under a section "2"."""
    def para(key, label, text):
        return Clause(key, PARAGRAPH, text, num_style=OUTLINE, num_pattern="{}", label=label)

    section = Clause("c1", SECTION, heading="Cooperation", num_style="decimal", num_pattern="{}:", label="2:",
                     children=[para("c2", "2.5", "The Parties exchange views."),
                               para("c3", "2.5 bis", "They meet once a year."),
                               para("c4", "2.6", "They report.")])
    return number_clauses(Document([section]))


@pytest.mark.parametrize("name", list(TEXTS))
def test_import_keeps_the_labels_as_written(name):
    assert _labels(_doc(name)) == TEXTS[name][1]


@pytest.mark.parametrize("name", list(TEXTS))
def test_signature_copy_prints_the_labels_and_reads_back_to_them(name):
    doc = _doc(name)
    want = TEXTS[name][1]
    data = signature_docx(doc, title="T", version_label="Version 1", final=False, text_hash=None)
    texts = [p.text for p in read_paragraphs(data)]
    heads = [t for t in texts if t.lower().startswith("article")]
    assert [h.split(" Purpose")[0].split(" Scope")[0].split("\n")[0] for h in heads] == want
    if name == "house separators":  # the separator and the heading on the line, as the source had them
        assert "ARTICLE 4 - Purpose" in texts and "ARTICLE 5 – Scope" in texts
    else:
        assert all(h.split("\n")[0] in want for h in heads)
    back = parse_blocks(docx_to_blocks(data))
    assert _labels(back) == want
    assert [c.heading for c in back.walk() if c.kind == SECTION] == \
           [c.heading for c in doc.walk() if c.kind == SECTION]


def test_paragraph_bis_label_in_every_export():
    doc = _paragraph_bis()
    assert [written_label(c) for c in doc.walk()] == ["2:", "2.5", "2.5 bis", "2.6"]
    sig = paragraphs(signature_docx(doc, title="T", version_label="V", final=False, text_hash=None))
    assert "2:\tCooperation" in sig and "2.5 bis\tThey meet once a year." in sig and "2.6\tThey report." in sig
    rows = [ParallelRow(c.key, written_label(c), {"en": ParallelCell(c.text, c.heading)}, d)
            for c, _, d in doc.walk_with_parent()]
    par = paragraphs(parallel_docx(rows, title="T", languages=["en"], language_names={"en": "English"}))
    assert "2.5 bis\tThey meet once a year." in par
    comp = compilation_docx([CompilationRow("c3", "2.5 bis", "", "They meet once a year.",
                                            [ProposalRow(1, "Kazakhstan", text="They meet twice a year.")])],
                            title="T", subtitle="S")
    assert "2.5 bis" in paragraphs(comp)


def test_redline_prints_both_texts_labels_as_written():
    old = _doc("house separators")
    new = old.copy()
    art5 = [c for c in new.walk() if c.kind == SECTION][1]
    art5.children[0].text += " It includes training."
    number_clauses(new)
    data = redline_docx(compare_by_key(old, new), title="R", old_doc=old, new_doc=new,
                        old_order=[c.key for c in old.walk()])
    accepted = paragraphs(data, "accept")
    assert "ARTICLE 4 - Purpose" in accepted and "ARTICLE 5 – Scope" in accepted
    assert "The scope is wide and covers every field. It includes training." in accepted
    assert not any(t.startswith("ARTICLE 4\n") or t.startswith("ARTICLE 5\n") for t in accepted)
    # without the texts the redline has only the numbers as cited ("ARTICLE 4"): the separator would be lost
    bare = paragraphs(redline_docx(compare_by_key(old, new), title="R"), "accept")
    assert "ARTICLE 4 - Purpose" not in bare


def test_bis_paragraph_redline_keeps_its_label():
    old = _paragraph_bis()
    new = old.copy()
    new.find("c3").text = "They meet twice a year."
    data = redline_docx(compare_by_key(old, new), title="R", old_doc=old, new_doc=new)
    assert "2.5 bis\tThey meet twice a year." in paragraphs(data, "accept")
    assert "2.5 bis\tThey meet once a year." in paragraphs(data, "reject")
