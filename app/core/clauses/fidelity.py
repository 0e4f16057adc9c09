"""Word fidelity of an import: the stored text says every word the source says.

An import must never change or lose a word silently. After parsing, the words of the source
(its markup aside: Markdown emphasis and heading marks, HTML tags, table pipes, which carry no
words) are compared with the words of the canonical text that would be stored. Every
difference must be one the parser made on purpose and listed in its
:class:`~app.core.clauses.parse.ParseReport` (page furniture dropped, the empty "Signature /
Date / Place" lines of a signature layout dropped, control characters removed); what is left
is *unexplained*, and an unexplained difference makes the import an error, not a draft.

Words are compared as multisets of word tokens (letters and digits, case kept), so that what
moves (signature blocks side by side become one block each) is not a difference, and
punctuation the canonical text normalises (spacing, line breaks) is not either.

Pure Python; linear in the size of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .messages import DROP_REASONS
from .parse import ParseReport, is_layout_line, strip_markup
from .render import render_text
from .tree import Document

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> Counter:
    return Counter(_WORD.findall(text))


@dataclass
class Fidelity:
    """The difference between source and stored words, after what the parser explains."""

    source_words: int
    stored_words: int
    dropped: list[dict] = field(default_factory=list)  # what the parser removed on purpose, with reasons
    repairs: list[dict] = field(default_factory=list)
    lost: dict[str, int] = field(default_factory=dict)  # unexplained: in the source, not stored
    added: dict[str, int] = field(default_factory=dict)  # unexplained: stored, not in the source

    @property
    def ok(self) -> bool:
        return not self.lost and not self.added

    def as_dict(self) -> dict:
        return {"ok": self.ok, "source_words": self.source_words, "stored_words": self.stored_words,
                "dropped": self.dropped, "repairs": self.repairs, "lost": self.lost, "added": self.added}

    def summary(self, limit: int = 12) -> str:
        """For an error message: the words that differ, most frequent first."""
        parts = []
        if self.lost:
            parts.append("missing from the stored text: " + _top(self.lost, limit))
        if self.added:
            parts.append("not in the source: " + _top(self.added, limit))
        return "; ".join(parts)


def _top(c: dict[str, int], limit: int) -> str:
    items = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    more = len(c) - len(items)
    out = ", ".join(f"“{w}”" + (f" ×{n}" if n > 1 else "") for w, n in items)
    return out + (f" and {more} more" if more > 0 else "")


def check(doc: Document, report: ParseReport) -> Fidelity:
    """Compare the source of ``report`` with the canonical text of ``doc``."""
    source = strip_markup(report.source)
    src = words(source)
    stored = words(render_text(doc))
    lost = src - stored
    added = stored - src
    dropped = list(report.dropped)
    # The layout lines of a signature block ("Signature: ____", "Date", "Place") are dropped by
    # the parser wherever it reads a signature layout: each such source line explains its words.
    if lost:
        seen = {d["line"] for d in dropped}
        for i, line in enumerate(source.split("\n"), start=1):
            cells = [" ".join(c.split()) for c in re.split(r"[|\t]", line) if c.strip()]
            if not cells or not all(is_layout_line(c) for c in cells):
                continue
            text = " ".join(cells)
            w = words(text)
            if w and not (w - lost) and i not in seen:
                dropped.append({"line": i, "text": text, "code": "signature_layout",
                                "reason": DROP_REASONS["signature_layout"]})
                lost = lost - w
    for d in report.dropped:
        lost = lost - words(d["text"])
    return Fidelity(source_words=sum(src.values()), stored_words=sum(stored.values()),
                    dropped=sorted(dropped, key=lambda d: d["line"]), repairs=list(report.repairs),
                    lost=dict(lost), added=dict(added))
