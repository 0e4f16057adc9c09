"""English and Russian rules, and the shared helpers (Babel plural rules, list patterns)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core import i18n
from app.core.i18n import en, ru


def test_english_dates():
    assert en.format_date(date(2024, 6, 12)) == "12 June 2024"
    assert en.format_date(date(2025, 3, 3), "genitive") == "3 March 2025"  # no cases in English


@pytest.mark.parametrize(
    ("month", "text"),
    [(1, "января"), (2, "февраля"), (3, "марта"), (4, "апреля"), (5, "мая"), (6, "июня"), (7, "июля"),
     (8, "августа"), (9, "сентября"), (10, "октября"), (11, "ноября"), (12, "декабря")],
)
def test_russian_dates_are_genitive_with_goda(month, text):
    assert ru.format_date(date(2025, month, 3)) == f"3 {text} 2025 года"


def test_russian_reference_dates():
    assert ru.format_date(date(2024, 6, 12)) == "12 июня 2024 года"
    assert ru.format_date(date(2024, 4, 18), "genitive") == "18 апреля 2024 года"
    with pytest.raises(ValueError):
        ru.format_date(date(2024, 4, 18), "locative")


def test_lists():
    assert en.join_and(["A", "B"]) == "A and B"
    assert en.join_and(["A", "B", "C"]) == "A, B and C"  # no serial comma (CLDR has one)
    assert ru.join_and(["A", "B"]) == "A и B"
    assert ru.join_and(["A", "B", "C"]) == "A, B и C"
    assert i18n.join_and(["A", "B", "C", "D"], "en") == "A, B, C and D"
    assert i18n.join_and([], "ru") == ""


@pytest.mark.parametrize(
    ("n", "category", "form"),
    [(1, "one", "лист"), (2, "few", "листа"), (4, "few", "листа"), (5, "many", "листов"), (11, "many", "листов"),
     (12, "many", "листов"), (21, "one", "лист"), (22, "few", "листа"), (25, "many", "листов"),
     (111, "many", "листов"), (0, "many", "листов")],
)
def test_russian_plurals_from_babel(n, category, form):
    assert i18n.plural_category("ru", n) == category
    assert ru.choose_plural(n, "лист", "листа", "листов") == form


def test_kazakh_and_english_plurals():
    assert [i18n.plural_category("kk", n) for n in (1, 2, 9)] == ["one", "other", "other"]
    assert [i18n.plural_category("en", n) for n in (1, 2)] == ["one", "other"]


def test_unsupported_language():
    with pytest.raises(i18n.UnsupportedLanguage):
        i18n.rules("de")
    with pytest.raises(i18n.UnsupportedLanguage):
        i18n.format_date(date(2024, 1, 1), "fr")


def test_every_language_module_has_the_same_interface():
    for lang in i18n.LANGUAGES:
        mod = i18n.rules(lang)
        assert mod.CODE == lang
        assert "nominative" in mod.DATE_CASES
        assert callable(mod.format_date) and callable(mod.join_and)
