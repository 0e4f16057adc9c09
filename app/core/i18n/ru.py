"""Russian rules.

- Dates: Babel's "d MMMM y" uses CLDR's format-context month names, which are the
  genitive ("12 июня 2024"); diplomatic style spells the year out: "12 июня 2024 года".
  A full date is written the same in every syntactic position ("от 18 апреля 2024 года",
  "до 3 марта 2025 года", "состоится 25 июня 2024 года"), so every case gives that text.
- Lists: CLDR's patterns already match diplomatic usage: "A и B", "A, B и C".
- Plurals: CLDR categories one / few / many (Babel); gettext catalogs carry the same
  rule in their Plural-Forms header (a test keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from babel.dates import format_date as babel_format_date

from . import apply_list_patterns, cldr_list_patterns, plural_category

CODE = "ru"
DATE_CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")


def format_date(d: date, case: str = "nominative") -> str:
    if case not in DATE_CASES:
        raise ValueError(f"unknown Russian case {case!r} for a date")
    return babel_format_date(d, "d MMMM y", locale="ru") + " года"


@cache
def _patterns() -> dict[str, str]:
    return cldr_list_patterns("ru")


def join_and(items: Sequence[str], nouns: bool = False) -> str:
    return apply_list_patterns(items, _patterns())


def choose_plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the form for a written count: 1 лист, 2 листа, 5 листов (CLDR via Babel)."""
    category = plural_category("ru", n)
    return {"one": one, "few": few}.get(category, many)
