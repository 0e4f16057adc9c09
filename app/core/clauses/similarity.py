"""Word similarity of two clauses, shared by the comparison's matcher (core/compare) and the
matching of a revised text to its version (core/clauses/match.py)."""

from __future__ import annotations

from collections import Counter


def dice(a: Counter, b: Counter) -> float:
    """Dice coefficient of two word multisets: 2·|a ∩ b| / (|a| + |b|), 0 for two empty ones."""
    total = a.total() + b.total()
    if not total:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    inter = 0
    for w, k in a.items():
        m = b.get(w)
        if m:
            inter += k if k < m else m
    return 2.0 * inter / total
