"""Kazakh rules: suffixes by vowel harmony and final sound, dates, the мен/бен/пен particle, lists."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale

from app.core.i18n import kk

# month -> (locative, attributive, dative) as written after "2025 жылғы 3 ..."
MONTHS = {
    1: ("қаңтарда", "қаңтардағы", "қаңтарға"),
    2: ("ақпанда", "ақпандағы", "ақпанға"),
    3: ("наурызда", "наурыздағы", "наурызға"),
    4: ("сәуірде", "сәуірдегі", "сәуірге"),
    5: ("мамырда", "мамырдағы", "мамырға"),
    6: ("маусымда", "маусымдағы", "маусымға"),
    7: ("шілдеде", "шілдедегі", "шілдеге"),
    8: ("тамызда", "тамыздағы", "тамызға"),
    9: ("қыркүйекте", "қыркүйектегі", "қыркүйекке"),
    10: ("қазанда", "қазандағы", "қазанға"),
    11: ("қарашада", "қарашадағы", "қарашаға"),
    12: ("желтоқсанда", "желтоқсандағы", "желтоқсанға"),
}


def test_babel_kk_months_are_lowercase_nominative():
    months = Locale.parse("kk").months["format"]["wide"]
    assert [months[m] for m in range(1, 13)] == [
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
        "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
    ]


@pytest.mark.parametrize("month", range(1, 13))
def test_dates_in_every_month(month):
    d = date(2025, month, 3)
    nominative = kk.format_date(d)
    locative, attributive, dative = MONTHS[month]
    assert nominative.startswith("2025 жылғы 3 ")
    assert kk.format_date(d, "locative") == f"2025 жылғы 3 {locative}"
    assert kk.format_date(d, "attributive") == f"2025 жылғы 3 {attributive}"
    assert kk.format_date(d, "dative") == f"2025 жылғы 3 {dative}"


def test_dates_from_the_design_and_reference():
    assert kk.format_date(date(2024, 6, 12)) == "2024 жылғы 12 маусым"
    assert kk.format_date(date(2024, 4, 18), "attributive") == "2024 жылғы 18 сәуірдегі"
    assert kk.format_date(date(2024, 5, 13), "attributive") == "2024 жылғы 13 мамырдағы"
    assert kk.format_date(date(2024, 6, 25), "locative") == "2024 жылғы 25 маусымда"
    assert kk.format_date(date(2025, 3, 3), "attributive") == "2025 жылғы 3 наурыздағы"


def test_unknown_case_is_an_error():
    with pytest.raises(ValueError, match="unknown Kazakh case"):
        kk.format_date(date(2024, 6, 12), "vocative")


@pytest.mark.parametrize(
    ("word", "case", "expected"),
    [
        # harmony (back/front) x final sound (vowel, sonorant, nasal, ж/з, voiceless)
        ("қала", "locative", "қалада"), ("шілде", "locative", "шілдеде"),
        ("кітап", "locative", "кітапта"), ("мектеп", "locative", "мектепте"),
        ("қала", "dative", "қалаға"), ("үй", "dative", "үйге"), ("ақ", "dative", "аққа"),
        ("бек", "dative", "бекке"), ("су", "dative", "суға"),
        ("адам", "ablative", "адамнан"), ("жер", "ablative", "жерден"), ("мектеп", "ablative", "мектептен"),
        ("тау", "ablative", "таудан"), ("күз", "ablative", "күзден"),
        ("қала", "genitive", "қаланың"), ("адам", "genitive", "адамның"), ("жол", "genitive", "жолдың"),
        ("сөз", "genitive", "сөздің"), ("кітап", "genitive", "кітаптың"), ("ай", "genitive", "айдың"),
        ("қала", "accusative", "қаланы"), ("адам", "accusative", "адамды"), ("кітап", "accusative", "кітапты"),
        ("қалам", "instrumental", "қаламмен"), ("орақ", "instrumental", "орақпен"),
        ("қыз", "instrumental", "қызбен"), ("әке", "instrumental", "әкемен"),
        ("сәуір", "attributive", "сәуірдегі"), ("қыркүйек", "attributive", "қыркүйектегі"),
        ("клуб", "locative", "клубта"),
    ],
)
def test_suffixes(word, case, expected):
    assert kk.inflect(word, case) == expected


@pytest.mark.parametrize(
    ("n", "word"),
    [(0, "нөл"), (1, "бір"), (3, "үш"), (10, "он"), (20, "жиырма"), (100, "жүз"), (513, "үш"), (1000, "мың"),
     (2024, "төрт"), (2000, "мың"), (1100, "жүз"), (3_000_000, "миллион"), (90, "тоқсан")],
)
def test_numerals_read_aloud(n, word):
    assert kk.numeral_last_word(n) == word


def test_numbers_take_the_suffix_of_the_numeral_after_a_hyphen():
    assert kk.inflect("5", "dative") == "5-ке"
    assert kk.inflect("10", "locative") == "10-да"
    assert kk.inflect("6", "locative") == "6-да"
    assert kk.inflect("2024", "locative") == "2024-те"
    assert kk.inflect("1", "ablative") == "1-ден"


@pytest.mark.parametrize(
    ("first", "particle"),
    [("Асан", "мен"), ("алтын", "мен"), ("қала", "мен"), ("ауыл", "мен"), ("күз", "бен"), ("қыз", "бен"),
     ("орақ", "пен"), ("күміс", "пен"), ("3", "пен"), ("10", "мен"), ("5", "пен"),
     ("№NCT/CT/513", "мен"), ("2024 жылғы 18 сәуірдегі №NCT/CT/513", "мен"), ("UNOCT", "мен"),
     ("Кеңесінің (Азия Кеңесінің)", "мен"), ("Хатшылығы", "мен")],
)
def test_and_particle(first, particle):
    assert kk.and_particle(first) == particle


def test_lists():
    assert kk.join_and([]) == ""
    assert kk.join_and(["A"]) == "A"
    assert kk.join_and(["Асан", "Үсен"], nouns=True) == "Асан мен Үсен"
    assert kk.join_and(["күз", "жаз"], nouns=True) == "күз бен жаз"
    assert kk.join_and(["орақ", "балға"], nouns=True) == "орақ пен балға"
    assert kk.join_and(["тобының", "комитетінің"]) == "тобының және комитетінің"
    # CLDR kk has no conjunction for three or more ("A, B, C"); diplomatic style writes және
    assert kk.join_and(["A", "B", "C"], nouns=True) == "A, B және C"
    assert kk.join_and(["A", "B", "C", "D"]) == "A, B, C және D"


def test_not_a_kazakh_word():
    with pytest.raises(ValueError):
        kk.sound_class("UN")
