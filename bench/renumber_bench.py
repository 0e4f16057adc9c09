"""Renumbering with cross-references on the generated 1,200-clause draft ("Article 1" style).

Every fifth paragraph gets a reference ("as provided in paragraph 2 of Article 40",
"Article 12(3)"), an article is inserted after Article 3 (so Article 4 .. 100 move by one),
and the renumbering rewrites every reference. Beside it, the naive way a person would take in
a word processor: find-and-replace each old article number by the new one, highest first,
over the whole text; its row says how many references it got wrong (a find-and-replace also
hits "Article 51 of the Charter" and numbers that only look like article numbers).
"""

from __future__ import annotations

import random
import re

from bench.generate import generate_draft
from bench.timing import Row, median_ms


def _with_references(seed: int = 2):
    from app.core.clauses.parse import parse_text
    from app.core.clauses.tree import Clause, number_clauses

    doc = parse_text(generate_draft(seed=seed))
    rng = random.Random(7)
    articles = [c for c in doc.clauses if c.kind == "section" and c.numbered]
    n_refs = 0
    for i, c in enumerate(p for p in doc.walk() if p.kind == "paragraph"):
        if i % 5 == 0:
            a = rng.randrange(1, len(articles) + 1)
            c.text += f" as provided in paragraph 1 of Article {a} and Article {rng.randrange(1, len(articles) + 1)}(1)"
            n_refs += 2
        if i % 50 == 0:
            c.text += " and in Article 51 of the Charter of the United Nations"
            n_refs += 1
    at = doc.clauses.index(articles[2]) + 1
    doc.clauses.insert(at, Clause(key="cNEW", kind=articles[2].kind, heading="Inserted",
                                  num_style=articles[2].num_style, num_pattern=articles[2].num_pattern))
    number_clauses(doc)
    return doc, n_refs


def _concord(doc):
    from app.core.clauses import refs
    from app.core.clauses.tree import renumber_labels

    new, table = renumber_labels(doc)
    found = refs.rewrite_document(doc, new, "en")
    return new, table, found


def _find_and_replace(doc, table):
    """Each old article number replaced by the new one in the whole text, highest first."""
    from app.core.clauses.render import render_text

    text = render_text(doc)
    for _key, old, new in sorted(table, key=lambda r: -int(re.sub(r"\D", "", r[1]) or 0)):
        if old.startswith("Article ") and " bis" not in old:
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return text


def run() -> list[Row]:
    doc, n_refs = _with_references()
    new, table, found = _concord(doc)
    updated = sum(r.status == "updated" for r in found)
    external = sum(r.status == "external" for r in found)
    rows: list[Row] = [
        (f"renumber + rewrite cross-references, {len(doc)} clauses, {n_refs} references (core)",
         median_ms(lambda: _concord(doc), runs=5), f"target ≤ 500 ms; {updated} updated, {external} external kept"),
    ]
    naive_ms = median_ms(lambda: _find_and_replace(doc, table), runs=5)
    # how wrong the naive text is: the Charter's Article 51 changed, among others
    naive = _find_and_replace(doc, table)
    wrong = naive.count("Article 52 of the Charter")
    rows.append((f"  naive: find-and-replace of {len(table)} article numbers over the text", naive_ms,
                 f"baseline; {wrong} references to the Charter's Article 51 wrongly changed"))
    return rows
