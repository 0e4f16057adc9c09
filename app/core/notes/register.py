"""The note register's numbering, as pure functions.

A note number is ``<series>/<n>`` ("NCT/CT/708": series "NCT/CT", number 708). Numbers
are unique per series; the next free number is one more than the highest used in that
series (gaps left by cancelled notes are not reused). If the series pads its numbers with
zeros ("NCT/CT/007"), the next number keeps the widest padding seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SERIES = re.compile(r"^[^\s/]+(?:/[^\s/]+)*$")


class RegisterError(ValueError):
    """A bad series or number. Like the application's errors it carries a stable ``code`` and its
    ``params`` (their sentences are in app/errors/more_messages.py); ``str(exc)`` is the English text."""

    def __init__(self, message: str, *, code: str = "register_invalid", **params):
        super().__init__(message)
        self.code = code
        self.params = {"reason": message, **params} if code == "register_invalid" else params


def check_series(series: str) -> str:
    series = series.strip()
    if not series or not _SERIES.match(series) or series.split("/")[-1].isdigit():
        raise RegisterError(f"bad note series {series!r}: expected e.g. 'NCT/CT'", code="register_bad_series",
                            series=series)
    return series


def parse_number(number: str) -> tuple[str, int]:
    """("NCT/CT/708") -> ("NCT/CT", 708)."""
    series, sep, tail = number.strip().rpartition("/")
    if not sep or not tail.isdigit() or not series:
        raise RegisterError(f"bad note number {number!r}: expected <series>/<digits>", code="register_bad_number",
                            number=number)
    return check_series(series), int(tail)


def format_number(series: str, n: int, width: int = 0) -> str:
    if n < 1:
        raise RegisterError("note numbers start at 1", code="register_number_start")
    return f"{check_series(series)}/{n:0{width}d}"


def next_number(series: str, existing: Iterable[str]) -> str:
    """The next free number in ``series`` given the numbers already used (any series)."""
    series = check_series(series)
    highest, width = 0, 0
    for number in existing:
        try:
            s, n = parse_number(number)
        except RegisterError:
            continue
        if s != series:
            continue
        highest = max(highest, n)
        tail = number.strip().rpartition("/")[2]
        if tail.startswith("0"):
            width = max(width, len(tail))
    return format_number(series, highest + 1, width)


def is_taken(number: str, existing: Iterable[str]) -> bool:
    """Whether ``number`` is already used (compared as series + integer: 007 == 7)."""
    key = parse_number(number)
    for other in existing:
        try:
            if parse_number(other) == key:
                return True
        except RegisterError:
            continue
    return False
