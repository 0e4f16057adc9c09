"""The comparison result: plain data shared by the JSON/HTML output and the Word redline.

Contract between app/core/compare (which fills it) and app/core/word (which draws it).
Fields may be added; none may be renamed or removed without updating both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

UNCHANGED = "unchanged"
MODIFIED = "modified"
INSERTED = "inserted"
DELETED = "deleted"
MOVED = "moved"  # position changed, text unchanged (a moved clause whose text also changed is MODIFIED with moved=True)
RENUMBERED = "renumbered"  # only its number changed
# In a comparison of translations: the authentic text changed but this language's text did not
# (its translation was not updated). Never shown as "unchanged": see ``ClauseDiff.source_*``.
SOURCE_CHANGED = "source_changed"


@dataclass
class WordOp:
    op: str  # EQUAL | INSERT | DELETE
    text: str


@dataclass
class ClauseDiff:
    status: str
    kind: str
    old_key: str | None = None
    new_key: str | None = None
    old_number: str = ""
    new_number: str = ""
    old_heading: str = ""
    new_heading: str = ""
    old_text: str = ""
    new_text: str = ""
    depth: int = 0  # depth in the tree where it stands in the document being shown
    old_parent_key: str | None = None
    new_parent_key: str | None = None
    moved: bool = False
    renumbered: bool = False
    heading_ops: list[WordOp] = field(default_factory=list)
    text_ops: list[WordOp] = field(default_factory=list)
    similarity: float | None = None  # set when matched by content rather than by key
    # who changed it: filled by the service from the proposals' provenance, e.g.
    # [{"proposal_id": 12, "author": "Kazakhstan", "state": "KAZ", "date": "2024-06-12T...", "rationale": "..."}]
    provenance: list[dict] = field(default_factory=list)
    # split and merge (see app/core/compare/compare.py): on an INSERTED clause whose text
    # was taken out of an old clause that is still there (MODIFIED), that old clause's key;
    # on a DELETED clause whose text went into a surviving new clause, that clause's key.
    split_from: str | None = None
    merged_into: str | None = None
    # a comparison of translations (texts given in another language than the document's own):
    # did the authentic text change, its word ops, and the new side's translation status
    # ("current" | "stale" | "missing" | "" when not known)
    source_changed: bool = False
    source_heading_ops: list[WordOp] = field(default_factory=list)
    source_text_ops: list[WordOp] = field(default_factory=list)
    translation: str = ""

    @property
    def key(self) -> str:
        return self.new_key or self.old_key or ""


@dataclass
class Comparison:
    clauses: list[ClauseDiff]  # in reading order: the new text's order, deletions where they stood
    lang: str = "en"
    from_label: str = ""
    to_label: str = ""
    matched_by: str = "key"  # "key" or "similarity"
    source_lang: str = ""  # the authentic language, when ``lang`` is a translation

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.clauses:
            out[c.status] = out.get(c.status, 0) + 1
        return out

    def renumbering(self) -> list[dict[str, str]]:
        """The table of old -> new numbers: every clause in both versions whose number
        changed, in reading order (what a renumbering did, or what insertions shifted)."""
        return [{"key": c.new_key or c.old_key or "", "old": c.old_number, "new": c.new_number}
                for c in self.clauses
                if c.renumbered and c.old_key and c.new_key and c.old_number and c.new_number
                and c.old_number != c.new_number]
