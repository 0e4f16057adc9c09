"""The one number-label grammar (app/core/clauses/labels.py): reading a label as written,
its kind and style, and writing one."""

from __future__ import annotations

import pytest

from app.core.clauses import labels as L
from app.core.clauses.labels import LabelKind, NumStyle


@pytest.mark.parametrize(
    ("line", "raw", "kind", "style", "value", "rest"),
    [
        ("Article 12 Privileges", "Article 12", LabelKind.WORD, NumStyle.DECIMAL, 12, "Privileges"),
        ("ARTICLE 4 – Purpose", "ARTICLE 4 –", LabelKind.WORD, NumStyle.DECIMAL, 4, "Purpose"),
        ("Article XIII bis", "Article XIII bis", LabelKind.WORD, NumStyle.UPPER_ROMAN, 13, ""),
        ("Статья 1 Цели", "Статья 1", LabelKind.WORD, NumStyle.DECIMAL, 1, "Цели"),
        ("1-бап. Мақсаты", "1-бап.", LabelKind.WORD, NumStyle.DECIMAL, 1, "Мақсаты"),
        ("PART II", "PART II", LabelKind.PART, NumStyle.UPPER_ROMAN, 2, ""),
        ("IV", "IV", LabelKind.WORD, NumStyle.UPPER_ROMAN, 4, ""),
        ("2.5 bis The Parties", "2.5 bis", LabelKind.NUM, NumStyle.OUTLINE, 5, "The Parties"),
        ("1: Definitions", "1:", LabelKind.COLON, NumStyle.DECIMAL, 1, "Definitions"),
        ("(a) the first", "(a)", LabelKind.NUM, NumStyle.LOWER_ALPHA, 1, "the first"),
        ("(a)To promote", "(a)", LabelKind.NUM, NumStyle.LOWER_ALPHA, 1, "To promote"),
        ("б) второй", "б)", LabelKind.NUM, NumStyle.CYRILLIC_ALPHA, 2, "второй"),
        ("(iv) the fourth", "(iv)", LabelKind.NUM, NumStyle.LOWER_ROMAN, 4, "the fourth"),
    ],
)
def test_a_label_is_read_as_written(line, raw, kind, style, value, rest):
    found = L.read_label(line)
    assert found is not None
    lab, after = found
    assert (lab.raw, lab.kind, lab.readings[0].style, lab.readings[0].value, after) == (raw, kind, style, value, rest)


@pytest.mark.parametrize("line", ["Article 5 of this Agreement", "U.S. law applies", "2024 was a year",
                                  "100.00 dollars", "в случае", "I have the honour"])
def test_text_that_only_looks_like_a_label_is_none(line):
    assert L.read_label(line) is None


def test_i_reads_both_as_roman_one_and_as_the_ninth_letter():
    lab, _ = L.read_label("i. first")
    assert [(r.style, r.value) for r in lab.readings] == [(NumStyle.LOWER_ROMAN, 1), (NumStyle.LOWER_ALPHA, 9)]
    lab, _ = L.read_label("c. third")  # a single letter other than i reads first as a letter
    assert lab.readings[0] == (NumStyle.LOWER_ALPHA, 3, "{}.", "")


def test_writing_a_label_and_citing_it():
    assert L.write_label("ARTICLE {} -", "4") == "ARTICLE 4 -"
    assert L.cited("ARTICLE 4 -") == "ARTICLE 4"
    assert L.core_of("ARTICLE 4 bis -", "ARTICLE {} -") == "4 bis"
    assert L.format_counter(NumStyle.OUTLINE, 3, "2") == "2.3"
    assert L.format_counter(NumStyle.CYRILLIC_ALPHA, 2) == "б"
    assert L.format_counter(NumStyle.LOWER_ALPHA, 27) == "aa"
    assert L.written_number(L.read_label("1.3 text")[0].readings[0]) == "1.3"
    assert L.label_value("(iv)", NumStyle.LOWER_ROMAN, "({})") == 4
    assert L.label_value("2.5 bis", NumStyle.OUTLINE, "{}") == 5


@pytest.mark.parametrize(("number", "value"), [("4.2", 2), ("(iv)", 4), ("c", 3), ("Article XII", 12), ("x", 10)])
def test_ordinal_of_a_cited_number(number, value):
    assert L.label_ordinal(number) == value


@pytest.mark.parametrize(
    ("text", "shapes"),
    [("1", {"decimal", "outline1"}), ("1.2", {"outline2"}), ("1.2.", {"outline2"}), ("(iv)", {"roman-lower"}),
     ("i.", {"roman-lower", "alpha-lower"}), ("Article 4", {"article"}), ("PART II", {"article"}),
     ("IV", {"roman-upper"}), ("а)", {"cyrillic"}), ("2.5 bis", {"outline2"}), ("the text", set())],
)
def test_label_shapes(text, shapes):
    assert L.label_shapes(text) == shapes


def test_the_tree_keeps_the_names_it_always_exported():
    from app.core.clauses import tree

    assert tree.NumStyle is NumStyle and tree.to_roman(14) == "xiv" and tree.cited("1:") == "1"


def test_a_section_of_an_article_keeps_its_outline_number_as_written():
    lab, rest = L.read_label("Section 1.01. Definitions")
    assert (lab.raw, lab.kind, rest) == ("Section 1.01.", LabelKind.WORD, "Definitions")
    r = lab.readings[0]
    assert L.write_label(r.pattern, L.format_counter(r.style, r.value)) == "Section 1.01."
    assert L.write_label(r.pattern, L.format_counter(r.style, 2)) == "Section 1.02."
    assert L.read_label("Nr. 26.530Paris, 7 December") is None  # a document number, glued to its text


def test_a_bare_number_is_a_label_only_as_a_heading_of_its_own():
    assert L.read_label("1") is None
    lab, rest = L.read_heading_number("1 Joint Programme Committee (JPC)")
    assert (lab.raw, lab.kind, lab.readings[0].pattern, rest) == ("1", LabelKind.WORD, "{}", "Joint Programme Committee (JPC)")
    assert L.read_heading_number("1 of the Parties shall pay") is None
