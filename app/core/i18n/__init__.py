"""Language rules for the three working languages (en, ru, kk).

Babel (CLDR) is the source of locale facts: month names, plural rules, list patterns.
What CLDR does not cover, or where diplomatic style is stricter than CLDR's defaults,
lives in one small module per language (:mod:`.en`, :mod:`.ru`, :mod:`.kk`), each with
the same interface:

``format_date(d, case="nominative") -> str``
    A date as written in notes: en "12 June 2024", ru "12 июня 2024 года",
    kk "2024 жылғы 12 маусым" (and, in Kazakh, inflected: ``case="attributive"``
    gives "2024 жылғы 12 маусымдағы", ``"locative"`` "2024 жылғы 12 маусымда").
``DATE_CASES``
    The cases ``format_date`` accepts.
``join_and(items, nouns=False) -> str``
    "A and B", "A, B and C" in the language's diplomatic style. ``nouns=True`` says the
    items are bare (uninflected) noun phrases: Kazakh then joins two of them with
    мен/бен/пен instead of және.

Gettext catalogs (the sentences) are in :mod:`.catalogs`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import date
from types import ModuleType

from babel import Locale

LANGUAGES: tuple[str, ...] = ("en", "ru", "kk")
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
#: Language tags for documents (w:lang in Word, lang= in HTML).
LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}


class UnsupportedLanguage(ValueError):
    def __init__(self, lang: str):
        super().__init__(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
        self.lang = lang


def rules(lang: str) -> ModuleType:
    """The rules module of a language (``app.core.i18n.en`` etc.)."""
    if lang not in LANGUAGES:
        raise UnsupportedLanguage(lang)
    return importlib.import_module(f"{__name__}.{lang}")


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UnsupportedLanguage(lang)
    return lang


def format_date(d: date, lang: str, case: str = "nominative") -> str:
    return rules(lang).format_date(d, case)


def join_and(items: Sequence[str], lang: str, nouns: bool = False) -> str:
    return rules(lang).join_and(items, nouns=nouns)


def plural_category(lang: str, n: int) -> str:
    """CLDR plural category of ``n`` ("one", "few", "many", "other") from Babel."""
    return Locale.parse(check_language(lang)).plural_form(n)


def apply_list_patterns(items: Sequence[str], patterns: dict[str, str]) -> str:
    """Join items with CLDR-style list patterns (keys "2", "start", "middle", "end")."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return patterns["2"].format(*items)
    result = patterns["end"].format(items[-2], items[-1])
    for item in reversed(items[1:-2]):
        result = patterns["middle"].format(item, result)
    return patterns["start"].format(items[0], result)


def cldr_list_patterns(lang: str) -> dict[str, str]:
    """Babel's "standard" list patterns for a language, as a plain dict."""
    return dict(Locale.parse(check_language(lang)).list_patterns["standard"])
