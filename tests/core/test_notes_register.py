"""Note numbers: unique per series, next free number (pure functions the register builds on)."""

from __future__ import annotations

import pytest

from app.core.notes.register import RegisterError, format_number, is_taken, next_number, parse_number


def test_parse_and_format():
    assert parse_number("NCT/CT/708") == ("NCT/CT", 708)
    assert parse_number(" NCT/CT/007 ") == ("NCT/CT", 7)
    assert format_number("NCT/CT", 709) == "NCT/CT/709"
    assert format_number("NCT/CT", 8, width=3) == "NCT/CT/008"
    for bad in ("708", "NCT/CT/", "NCT/CT/7a", "/708", "NCT CT/5"):
        with pytest.raises(RegisterError):
            parse_number(bad)
    with pytest.raises(RegisterError):
        format_number("NCT/CT", 0)


def test_next_number_in_a_series():
    existing = ["NCT/CT/513", "NCT/CT/569", "NCT/CT/708", "NCT/ADM/900", "garbage", "NCT/CT/abc"]
    assert next_number("NCT/CT", existing) == "NCT/CT/709"
    assert next_number("NCT/ADM", existing) == "NCT/ADM/901"
    assert next_number("NCT/LEG", existing) == "NCT/LEG/1"
    assert next_number("NCT/CT", []) == "NCT/CT/1"
    assert next_number("NCT/CT", iter(["NCT/CT/2", "NCT/CT/10"])) == "NCT/CT/11"  # numeric, not string order


def test_gaps_are_not_reused_and_padding_is_kept():
    assert next_number("NCT/CT", ["NCT/CT/1", "NCT/CT/5"]) == "NCT/CT/6"
    assert next_number("S", ["S/007", "S/008"]) == "S/009"
    assert next_number("S", ["S/099"]) == "S/100"


def test_series_is_validated():
    for bad in ("", "  ", "NCT/CT/", "NCT/12", "A B"):
        with pytest.raises(RegisterError):
            next_number(bad, [])


def test_is_taken():
    assert is_taken("NCT/CT/708", ["NCT/CT/708"])
    assert is_taken("NCT/CT/0708", ["NCT/CT/708"])
    assert not is_taken("NCT/CT/709", ["NCT/CT/708", "junk"])
    assert not is_taken("NCT/ADM/708", ["NCT/CT/708"])
