"""Cross-references follow a renumbering, in English, Russian and Kazakh; what cannot be
resolved is reported, and references to other instruments are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.clauses import refs, tree
from app.core.clauses.parse import parse_text
from app.core.clauses.tree import Clause

ROOT = Path(__file__).resolve().parents[2]

AGREEMENT = """AGREEMENT BETWEEN THE REPUBLIC OF ALPHA AND THE REPUBLIC OF BETA

The Parties have agreed as follows:

Article 1
Definitions

1. In this Agreement the terms in Article 3(2) have the meaning given there.

2. Paragraph 1 applies subject to paragraph 2 of Article 2 and to Article 51 of the Charter of the United Nations.

Article 2
Scope

1. This Agreement covers the matters in Articles 1 and 3.

2. The Parties apply paragraph 1 of this Article and paragraph 14.

Article 3
Cooperation

1. The Parties cooperate.

2. The Parties exchange information under Article 2, paragraph 1.

DONE at Astana on 1 May 2024.
"""


def _insert_after(doc, clause, key="cNEW", heading="New article"):
    siblings = doc.clauses
    siblings.insert(siblings.index(clause) + 1, Clause(key=key, kind=clause.kind, heading=heading,
                                                       num_style=clause.num_style, num_pattern=clause.num_pattern))
    tree.number_clauses(doc)
    return doc


@pytest.fixture
def renumbered():
    doc = parse_text(AGREEMENT)
    first = next(c for c in doc.clauses if c.kind == "section")
    _insert_after(doc, first)
    assert [c.number for c in doc.clauses if c.kind == "section"] == ["Article 1", "Article 1 bis", "Article 2",
                                                                     "Article 3"]
    new, table = tree.renumber_labels(doc)
    assert [(old, n) for _, old, n in table] == [("Article 1 bis", "Article 2"), ("Article 2", "Article 3"),
                                                 ("Article 3", "Article 4")]
    return doc, new


def _texts(doc):
    return {c.key: c.text for c in doc.walk()}


def test_english_references_follow_the_new_article_numbers(renumbered):
    old, new = renumbered
    found = refs.rewrite_document(old, new, "en")
    texts = [c.text for c in new.walk()]
    assert "In this Agreement the terms in Article 4(2) have the meaning given there." in texts
    assert ("Paragraph 1 applies subject to paragraph 2 of Article 3 and to Article 51 of the Charter of the "
            "United Nations.") in texts
    assert "This Agreement covers the matters in Articles 1 and 4." in texts
    assert "The Parties exchange information under Article 3, paragraph 1." in texts
    by_status = {}
    for r in found:
        by_status.setdefault(r.status, []).append(r.original)
    assert by_status["external"] == ["51"]  # the Charter's article is not this text's
    assert by_status["unresolved"] == ["14"]  # reported, not guessed
    assert "2(2)" not in texts


def test_a_reference_inside_an_article_means_that_articles_paragraph(renumbered):
    old, new = renumbered
    found = refs.rewrite_document(old, new, "en")
    para1 = next(r for r in found if r.context.startswith("Paragraph 1 applies"))
    assert para1.status == "unchanged"
    assert old.find(para1.target).text.startswith("In this Agreement")  # Article 1's own paragraph 1


def test_russian_references_follow_with_their_case_endings(renumbered):
    old, new = renumbered
    texts = [("c4", "", "1. В настоящем Соглашении термины пункта 2 статьи 3 имеют указанное там значение."),
             ("c5", "", "2. Пункт 1 применяется с учетом статьи 51 Устава Организации Объединенных Наций и "
                        "статей 1 и 3."),
             ("c11", "", "2. Стороны обмениваются информацией согласно пункту 1 настоящей статьи и пункту 1 "
                         "статьи 2.")]
    changed, found = refs.rewrite_texts(old, new, "ru", texts)
    assert changed["c4"][1] == "1. В настоящем Соглашении термины пункта 2 статьи 4 имеют указанное там значение."
    assert changed["c5"][1].endswith("статьи 51 Устава Организации Объединенных Наций и статей 1 и 4.")
    assert changed["c11"][1].endswith("согласно пункту 1 настоящей статьи и пункту 1 статьи 3.")
    assert [r.original for r in found if r.status == "external"] == ["51"]


def test_kazakh_references_put_the_number_first(renumbered):
    old, new = renumbered
    texts = [("c4", "", "1. Осы Келісімде 3-баптың 2-тармағындағы терминдер сонда берілген мағынаға ие."),
             ("c5", "", "2. 1-тармақ БҰҰ Жарғысының 51-бабын және 1 және 3-баптарды ескере отырып қолданылады."),
             ("c11", "", "2. Тараптар осы баптың 1-тармағына және 2-баптың 1-тармағына сәйкес ақпарат алмасады.")]
    changed, found = refs.rewrite_texts(old, new, "kk", texts)
    assert changed["c4"][1].startswith("1. Осы Келісімде 4-баптың 2-тармағындағы")
    assert "Жарғысының 51-бабын және 1 және 4-баптарды" in changed["c5"][1]
    assert "осы баптың 1-тармағына және 3-баптың 1-тармағына" in changed["c11"][1]
    assert [r.original for r in found if r.status == "external"] == ["51"]


def test_the_mou_sample_paragraph_references_follow_an_inserted_section():
    doc = parse_text((ROOT / "drafts" / "cica-unoct-mou-2024.md").read_text(encoding="utf-8"))
    sections = [c for c in doc.clauses if c.kind == "section"]
    _insert_after(doc, sections[1], heading="Reporting")  # a new section 3: old 3.. become 4..
    new, table = tree.renumber_labels(doc)
    assert ("cNEW", "2 bis", "3") in table
    found = refs.rewrite_document(doc, new, "en")
    texts = " ".join(c.text for c in new.walk())
    assert "pursuant to paragraph 5, will be subject to" in texts  # was paragraph 4
    assert "referred to in sub-paragraph 5.1 may address" in texts  # was 4.1
    assert "In accordance with paragraph 6 above" in texts  # was 5
    assert "In accordance with paragraphs 1 and 2 conceptualizing" in texts  # before the insertion: unchanged
    assert not [r for r in found if r.status in ("unresolved", "ambiguous")]


def test_an_ambiguous_reference_is_reported_not_guessed():
    doc = parse_text(AGREEMENT.replace("The Parties have agreed as follows:",
                                       "Considering paragraph 2, the Parties have agreed as follows:"))
    first = next(c for c in doc.clauses if c.kind == "section")
    _insert_after(doc, first)
    new, _ = tree.renumber_labels(doc)
    found = refs.rewrite_document(doc, new, "en")
    amb = [r for r in found if r.status == "ambiguous"]
    assert [r.original for r in amb] == ["2"] and "3 clauses are numbered 2" in amb[0].reason
    assert any(c.text.startswith("Considering paragraph 2,") for c in new.walk())


def test_nothing_renumbered_nothing_rewritten():
    doc = parse_text(AGREEMENT)
    new, table = tree.renumber_labels(doc)
    assert table == []
    found = refs.rewrite_document(doc, new, "en")
    assert _texts(new) == _texts(doc)
    assert {r.status for r in found} <= {"unchanged", "external", "unresolved"}
