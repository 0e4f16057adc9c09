"""English rules.

- Dates: day, month, year ("12 June 2024"), Babel's month names. English has no cases:
  every case gives the same text.
- Lists: "A and B", "A, B and C". CLDR's English end pattern has a serial comma
  ("A, B, and C"); UN and British diplomatic style does not use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from babel.dates import format_date as babel_format_date

from . import apply_list_patterns, cldr_list_patterns

CODE = "en"
DATE_CASES = ("nominative",)


def format_date(d: date, case: str = "nominative") -> str:
    # English has no grammatical case; any case asks for the same written date.
    return babel_format_date(d, "d MMMM y", locale="en")


@cache
def _patterns() -> dict[str, str]:
    patterns = cldr_list_patterns("en")
    patterns["end"] = patterns["2"]  # no serial comma
    return patterns


def join_and(items: Sequence[str], nouns: bool = False) -> str:
    return apply_list_patterns(items, _patterns())
