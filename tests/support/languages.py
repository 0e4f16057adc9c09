"""What a refusal in Russian or Kazakh may still hold in Latin letters: keys, field names, codes."""

from __future__ import annotations

import re


def latin_words(text: str) -> set[str]:
    """The words of three or more Latin letters in ``text`` (an English sentence leaves many)."""
    return set(re.findall(r"[A-Za-z_]{3,}", text))


def assert_not_english(text: str, allowed: set[str] | frozenset[str] = frozenset()) -> None:
    """``text`` is in Cyrillic but for ``allowed`` (keys, field names, codes) and has no English sentence."""
    assert re.search(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]{3,}", text), text
    left = latin_words(text) - set(allowed)
    assert not left, f"English left in {text!r}: {sorted(left)}"
