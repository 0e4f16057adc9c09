"""Comparison of two versions of a text: clause matching, word diffs, JSON and HTML.

Public API::

    compare(old, new, *, lang="en", texts_old=None, texts_new=None, match="auto",
            from_label="", to_label="") -> Comparison
    to_json(comparison) -> dict
    render_inline(comparison, *, labels=None) -> str
    render_side_by_side(comparison, *, labels=None) -> str
    REDLINE_CSS
    word_diff(old, new) -> list[WordOp]
    make_patch(old, new) -> str
    apply_patch(patch_text, text, *, fuzzy=False) -> tuple[str, bool]
    apply_comparison(old, comparison, *, texts_old=None) -> list[tuple[str, str, str]]

The result contract (Comparison, ClauseDiff, WordOp, statuses) is in ``model.py``.
"""

from .check import ComparisonMismatch, apply_comparison
from .compare import compare
from .html import REDLINE_CSS, render_inline, render_side_by_side
from .serialize import to_json
from .words import apply_patch, make_patch, word_diff

__all__ = [
    "REDLINE_CSS",
    "ComparisonMismatch",
    "apply_comparison",
    "apply_patch",
    "compare",
    "make_patch",
    "render_inline",
    "render_side_by_side",
    "to_json",
    "word_diff",
]
