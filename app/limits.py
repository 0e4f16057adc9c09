"""What one version of a draft may hold (settings ``max_clauses_per_draft``, ``max_clause_chars``).

Checked where every version is stored (import, create, consolidation), so that no draft can
grow into something whose exports cost the server minutes and gigabytes.
"""

from __future__ import annotations

from .config import get_settings
from .errors import TooLarge


def check_document(doc) -> None:
    """Refuse (413) a document with too many clauses or an oversized clause."""
    s = get_settings()
    count = len(doc)
    if count > s.max_clauses_per_draft:
        raise TooLarge(code="too_many_clauses", limit=s.max_clauses_per_draft, count=count)
    for c in doc.walk():
        size = len(c.text or "") + len(c.heading or "")
        if size > s.max_clause_chars:
            raise TooLarge(code="text_too_long", limit=s.max_clause_chars, key=c.key, count=size)
