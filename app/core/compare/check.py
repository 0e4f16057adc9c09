"""Checking a comparison against the texts it was made from.

:func:`apply_comparison` replays a :class:`Comparison` on the old document: it verifies
that every entry's old side is what the old document says, and returns the new text it
describes. The property tests use it: replaying ``compare(old, new)`` on ``old`` must give
``new``.
"""

from __future__ import annotations

from app.core.clauses.tree import Document

from .model import DELETED, INSERTED, MODIFIED, Comparison
from .words import new_side, old_side

Texts = dict[str, tuple[str, str]]


class ComparisonMismatch(ValueError):
    """The comparison does not describe the old document it was replayed on."""


def apply_comparison(
    old: Document, comparison: Comparison, *, texts_old: Texts | None = None
) -> list[tuple[str, str, str]]:
    """Replay ``comparison`` on ``old``: the ``(kind, heading, text)`` of every clause of
    the new text, in reading order.

    Raises :class:`ComparisonMismatch` when an entry's old side (its old heading and text,
    or the old side of its word ops: equal + delete) differs from the old document, when an
    old clause is missing or appears twice, or when an unchanged entry carries an edit.
    The new side of each entry is rebuilt from its ops (equal + insert), not copied from
    ``new_text``, so the ops themselves are checked.
    """
    olds: dict[str, tuple[str, str, str]] = {}
    for c in old.walk():
        t = texts_old.get(c.key) if texts_old else None
        heading, text = t if t is not None else (c.heading, c.text)
        olds[c.key] = (c.kind, heading, text)

    seen: set[str] = set()
    out: list[tuple[str, str, str]] = []
    for e in comparison.clauses:
        if e.status == INSERTED:
            if e.old_key is not None or old_side(e.heading_ops) or old_side(e.text_ops):
                raise ComparisonMismatch(f"inserted clause {e.new_key} has an old side")
        else:
            if e.old_key not in olds:
                raise ComparisonMismatch(f"{e.old_key!r} is not a clause of the old text")
            if e.old_key in seen:
                raise ComparisonMismatch(f"old clause {e.old_key} appears twice")
            seen.add(e.old_key)
            _kind, heading, text = olds[e.old_key]
            if (e.old_heading, e.old_text) != (heading, text):
                raise ComparisonMismatch(f"old wording of {e.old_key} differs from the old text")
            if old_side(e.heading_ops) != heading or old_side(e.text_ops) != text:
                raise ComparisonMismatch(f"word ops of {e.old_key} do not rebuild its old wording")
        if e.status == DELETED:
            if new_side(e.heading_ops) or new_side(e.text_ops):
                raise ComparisonMismatch(f"deleted clause {e.old_key} has a new side")
            continue
        if e.status not in (MODIFIED, INSERTED) and any(op.op != "equal" for op in e.heading_ops + e.text_ops):
            raise ComparisonMismatch(f"{e.status} clause {e.key} carries an edit")
        new = (e.kind, new_side(e.heading_ops), new_side(e.text_ops))
        if new[1:] != (e.new_heading, e.new_text):
            raise ComparisonMismatch(f"word ops of {e.key} do not rebuild its new wording")
        out.append(new)
    missing = set(olds) - seen
    if missing:
        raise ComparisonMismatch(f"old clauses missing from the comparison: {sorted(missing)[:5]}")
    return out
