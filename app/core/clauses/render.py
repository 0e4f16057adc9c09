"""Canonical plain text of a clause tree.

The canonical text is what ``parse_text`` reads back to the same tree (same kinds, numbering
styles, headings and texts), so canonical text -> import -> canonical text is the identity.

Layout: one block per clause, blocks separated by one blank line, no indentation.
- title: its lines as they are (one block, single newlines inside);
- section: "<label> <heading>" ("1: Purpose", "ARTICLE 1 - Objective"); for the pattern
  "Article {}" the heading goes on its own line below the label;
- numbered paragraph / item: "<label> <text>";
- bulleted item: "- <text>" (the bullet as written);
- signature: "For the ...:" heading line, then its text lines.
"""

from __future__ import annotations

from .tree import BULLET, SECTION, SIGNATURE, Clause, Document, label, renumber


def clause_block(c: Clause) -> str:
    lab = label(c.num_pattern, c.core_number) if c.numbered else ""
    if c.num_style == BULLET:
        lab = c.num_pattern.strip() or "-"
    if c.kind == SECTION:
        if lab and c.heading:
            sep = "\n" if lab.lower().startswith("article") and not lab.rstrip().endswith(("-", "–", "—", ":", ".")) else " "
            head = f"{lab}{sep}{c.heading}"
        else:
            head = lab or c.heading
        return head if not c.text else f"{head}\n\n{c.text}"
    if c.kind == SIGNATURE:
        return "\n".join(x for x in (c.heading, c.text) if x)
    if lab:
        return f"{lab} {c.text}" if c.text else lab
    return c.text


def render_text(doc: Document) -> str:
    renumber(doc)
    blocks = [clause_block(c) for c in doc.walk()]
    return "\n\n".join(b for b in blocks if b) + "\n"
