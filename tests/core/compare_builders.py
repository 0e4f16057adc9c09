"""Small builders of clause trees for the comparison tests (no parser involved)."""

from __future__ import annotations

from app.core.clauses.tree import (
    DECIMAL,
    ITEM,
    LOWER_ALPHA,
    OUTLINE,
    PARAGRAPH,
    SECTION,
    TEXT,
    Clause,
    Document,
    renumber,
)


def sec(key: str, heading: str, *children: Clause, text: str = "") -> Clause:
    return Clause(key, SECTION, text=text, heading=heading, num_style=DECIMAL, num_pattern="Article {}",
                  children=list(children))


def para(key: str, text: str, *children: Clause) -> Clause:
    return Clause(key, PARAGRAPH, text=text, num_style=OUTLINE, num_pattern="{}", children=list(children))


def item(key: str, text: str) -> Clause:
    return Clause(key, ITEM, text=text, num_style=LOWER_ALPHA, num_pattern="({})")


def txt(key: str, text: str) -> Clause:
    return Clause(key, TEXT, text=text)


def doc(*clauses: Clause) -> Document:
    return renumber(Document(list(clauses)))


def rekey(d: Document, prefix: str = "n") -> Document:
    """A copy with unrelated keys, as if imported separately."""
    new = d.copy()
    for i, c in enumerate(new.walk(), 1):
        c.key = f"{prefix}{i}"
    return new


def contents(d: Document) -> list[tuple[str, str, str]]:
    return [(c.kind, c.heading, c.text) for c in d.walk()]


def depths(d: Document) -> list[int]:
    return [depth for _, _, depth in d.walk_with_parent()]


def statuses(comparison) -> list[tuple[str | None, str | None, str]]:
    return [(e.old_key, e.new_key, e.status) for e in comparison.clauses]


def by_old(comparison, key: str):
    return next(e for e in comparison.clauses if e.old_key == key)


def by_new(comparison, key: str):
    return next(e for e in comparison.clauses if e.new_key == key)


# Sentences long enough to be told apart by their words.
A = "The Parties shall exchange information on terrorist threats in accordance with their national law."
B = "Each Party shall designate a focal point for the implementation of this Memorandum."
C = "The Secretariat shall report annually to the Council on the progress of joint activities."
D = "Nothing in this Memorandum shall be construed as a waiver of privileges and immunities."
E = "This Memorandum shall enter into force on the date of its signature by both Parties."
F = "Any dispute concerning the interpretation of this Memorandum shall be settled amicably."
