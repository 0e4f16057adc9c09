"""Canonical plain text of a clause tree.

The canonical text is what ``parse_text`` reads back to the same tree (same kinds, numbering
styles, headings and texts), so canonical text -> import -> canonical text is the identity.

Layout: one block per clause, blocks separated by one blank line, no indentation.
- title: its lines as they are (one block, single newlines inside);
- section (and part): "<label> <heading>" ("1: Purpose", "ARTICLE 1 - Objective"), the label
  as written; for the pattern "Article {}" the heading goes on its own line below the label;
  a section numbered by a bare number ("1", as a Markdown heading numbers it) is written as
  the Markdown heading "### 1 <heading>", the only form in which a bare number is a label;
- numbered paragraph / item: "<label> <text>";
- bulleted item: "- <text>" (the bullet as written);
- signature: "For the ...:" heading line, then its text lines.
"""

from __future__ import annotations

from .tree import BULLET, DECIMAL, PART, SECTION, SIGNATURE, Clause, Document, number_clauses


def clause_block(c: Clause) -> str:
    lab = (c.label or "") if c.numbered else ""
    if c.num_style == BULLET:
        lab = (c.label or c.num_pattern).strip() or "-"
    if c.kind in (SECTION, PART):
        if lab and c.heading:
            sep = "\n" if lab.lower().startswith("article") and not lab.rstrip().endswith(("-", "–", "—", ":", ".")) else " "
            head = f"{lab}{sep}{c.heading}"
        else:
            head = lab or c.heading
        if c.num_pattern == "{}" and c.num_style == DECIMAL:
            head = f"### {head}"  # a bare number is a label only as a heading of its own ("### 1")
        return head if not c.text else f"{head}\n\n{c.text}"
    if c.kind == SIGNATURE:
        return "\n".join(x for x in (c.heading, c.text) if x)
    if lab:
        return f"{lab} {c.text}" if c.text else lab
    return c.text


def render_text(doc: Document) -> str:
    number_clauses(doc)
    blocks = [clause_block(c) for c in doc.walk()]
    return "\n\n".join(b for b in blocks if b) + "\n"
