"""The clause tree: plain data, number labels and hashing.

A draft's text is a tree of :class:`Clause` nodes under a :class:`Document` root.
Every clause has a stable ``key`` (never reused within a draft) and a **number label as
written** (``label``: "1.2", "ii.", "ARTICLE 4 -", "2.5 bis"). The label is part of the text:
kept as the source wrote it, stored, shown and exported as it is, never recomputed behind
anyone's back (ADR: DESIGN.md, "numbers are data").

What position would give is still computed, for two uses only:

- a *check* (:func:`numbering_warnings`): where the labels skip, repeat, restart, mix styles
  or begin mid-way, the import and the renumbering preview say so;
- the *editorial act* of renumbering (:func:`renumber_labels`), which the secretariat asks
  for explicitly and which makes a new version.

A clause inserted during negotiation has no label yet (``label is None``) until
:func:`number_clauses` gives it one by the draft's policy: "bis" (the default: "2.5 bis"
after "2.5", then "2.5 ter", so that no other label moves) or "position".

Pure Python: no database, no web framework.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

# the number-label grammar lives in .labels; its names are kept here for the modules that
# import them from the tree
from .labels import (  # noqa: F401
    _ADVERB_SUFFIX,
    CYRILLIC_LETTERS,
    LATIN_ADVERBS,
    NumStyle,
    cited,
    core_of,
    display_number,
    format_counter,
    from_alpha,
    from_cyrillic,
    from_roman,
    label,
    label_value,
    to_alpha,
    to_cyrillic,
    to_roman,
)


class ClauseKind(StrEnum):
    """Kinds of clause, in the order they usually appear in an agreement."""

    TITLE = "title"
    PARTY = "party"
    RECITAL = "recital"
    FORMULA = "formula"  # enacting formula: "NOW, THEREFORE ...", "Have agreed as follows:"
    PART = "part"  # a part, chapter or annex above the articles ("PART II", "Chapter IV", "ANNEX")
    SECTION = "section"  # a numbered section or article, with a heading
    PARAGRAPH = "paragraph"
    ITEM = "item"
    TEXT = "text"  # an unnumbered paragraph (a connector "and", a section body, ...)
    CLOSING = "closing"  # "SIGNED in ...", "IN WITNESS WHEREOF ..."
    SIGNATURE = "signature"  # one signature block; heading = "For the ...:"


class NumberingPolicy(StrEnum):
    """How a clause inserted during negotiation is labelled."""

    BIS = "bis"  # "2.5 bis", "2.5 ter": no other label moves, references stay valid
    POSITION = "position"  # labels follow position at once (the whole list is renumbered)


TITLE, PARTY, RECITAL, FORMULA, PART, SECTION, PARAGRAPH, ITEM, TEXT, CLOSING, SIGNATURE = ClauseKind
KINDS = tuple(ClauseKind)
(NONE, DECIMAL, OUTLINE, LOWER_ROMAN, UPPER_ROMAN, LOWER_ALPHA, UPPER_ALPHA, CYRILLIC_ALPHA,
 BULLET) = NumStyle
NUM_STYLES = tuple(NumStyle)


@dataclass
class Clause:
    """One node of the text tree.

    ``label`` is the number label as written ("1: ", "ARTICLE 4 -", "Article 13 bis", "(a)",
    "2.5 bis"; a bullet's own character; "" for an unnumbered clause; ``None`` for a clause
    inserted during negotiation that has no label yet). ``number`` is the label as people
    cite it (separators that only join it to its heading dropped) and ``core_number`` the
    counter without decoration ("1.2", "ii", "4 bis"); both are filled by
    :func:`number_clauses` from the label.

    ``num_style`` and ``num_pattern`` say how the counter is written, with ``{}`` for the
    counter in the pattern: ``"{}:"``, ``"ARTICLE {} -"``, ``"Article {}"``, ``"{}."``,
    ``"({})"``, ``"{})"``, ``"{}"`` (1.1). They serve the check and the renumbering.
    """

    key: str
    kind: str
    text: str = ""
    heading: str = ""
    num_style: str = NONE
    num_pattern: str = ""
    children: list[Clause] = field(default_factory=list)
    label: str | None = None  # as written: data, never identity
    number: str = ""  # derived from label
    core_number: str = ""  # derived from label

    @property
    def numbered(self) -> bool:
        return self.num_style not in (NONE, BULLET)

    def content_hash(self) -> str:
        """Hash of what the clause says (kind, heading, text); the label excluded, so a
        clause that is only renumbered keeps its hash (the version hash covers labels)."""
        return content_hash(self.kind, self.heading, self.text)

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()

    def copy(self) -> Clause:
        return Clause(
            key=self.key,
            kind=self.kind,
            text=self.text,
            heading=self.heading,
            num_style=self.num_style,
            num_pattern=self.num_pattern,
            children=[c.copy() for c in self.children],
            label=self.label,
            number=self.number,
            core_number=self.core_number,
        )


@dataclass
class Document:
    """A whole text: the top-level clauses in order."""

    clauses: list[Clause] = field(default_factory=list)

    def walk(self) -> Iterator[Clause]:
        for c in self.clauses:
            yield from c.walk()

    def walk_with_parent(self) -> Iterator[tuple[Clause, Clause | None, int]]:
        """Yield (clause, parent or None, depth) in document order."""

        def rec(nodes: list[Clause], parent: Clause | None, depth: int):
            for n in nodes:
                yield n, parent, depth
                yield from rec(n.children, n, depth + 1)

        yield from rec(self.clauses, None, 0)

    def index(self) -> dict[str, Clause]:
        return {c.key: c for c in self.walk()}

    def find(self, key: str) -> Clause | None:
        for c in self.walk():
            if c.key == key:
                return c
        return None

    def parent_of(self, key: str) -> Clause | None:
        for c, parent, _ in self.walk_with_parent():
            if c.key == key:
                return parent
        return None

    def copy(self) -> Document:
        return Document([c.copy() for c in self.clauses])

    def version_hash(self) -> str:
        return version_hash(self)

    def __len__(self) -> int:
        return sum(1 for _ in self.walk())


def content_hash(kind: str, heading: str, text: str) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([kind, heading, text], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def text_hash(heading: str, text: str) -> str:
    """Hash of the source-language wording a translation is made from."""
    h = hashlib.sha256()
    h.update(json.dumps([heading, text], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def version_hash(doc: Document) -> str:
    """Hash of the whole tree: structure, number labels, numbering styles and every clause's
    content. Labels are text: a renumbered version has a hash of its own."""
    h = hashlib.sha256()
    for c, parent, depth in doc.walk_with_parent():
        row = [c.key, parent.key if parent else None, depth, c.num_style, c.num_pattern, c.label or "",
               c.content_hash()]
        h.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


# --- numbering ---------------------------------------------------------------------------


def positional_labels(doc: Document) -> dict[str, tuple[str, str]]:
    """What position would give every numbered clause: key -> (core, label).

    Numbered siblings are counted per numbering style and pattern, so an unnumbered
    paragraph between two numbered ones does not break the count; an outline number builds
    on its parent's counter *as written* ("4" -> "4.1"), so a check compares each list with
    its own parent and one slip is reported once, not down the whole tree."""
    out: dict[str, tuple[str, str]] = {}

    def rec(nodes: list[Clause], parent_core: str):
        counters: dict[tuple[str, str], int] = {}
        for c in nodes:
            if c.numbered:
                k = (c.num_style, c.num_pattern if c.num_style != OUTLINE else "")
                counters[k] = counters.get(k, 0) + 1
                core = format_counter(c.num_style, counters[k], parent_core)
                out[c.key] = (core, label(c.num_pattern, core))
            written = core_of(c.label, c.num_pattern) if c.label and c.numbered else ""
            rec(c.children, written or (out[c.key][0] if c.key in out else "") or parent_core)

    rec(doc.clauses, "")
    return out


def _bis_label(previous: Clause, taken: set[str]) -> str:
    """The label of a clause inserted after ``previous``: "2.5" -> "2.5 bis", then
    "2.5 ter" when "2.5 bis" is taken; "ARTICLE 4 -" -> "ARTICLE 4 bis -"."""
    core = _ADVERB_SUFFIX.sub("", core_of(previous.label or "", previous.num_pattern))
    for adverb in LATIN_ADVERBS:
        candidate = label(previous.num_pattern, f"{core} {adverb}") if "{}" in previous.num_pattern \
            else f"{core} {adverb}"
        if cited(candidate) not in taken:
            return candidate
    return label(previous.num_pattern, f"{core} {len(taken) + 1}")


def number_clauses(doc: Document, policy: str = NumberingPolicy.BIS) -> Document:
    """Fill ``number`` and ``core_number`` of every clause from its label as written.

    A numbered clause without a label yet (inserted during negotiation) first gets one by
    ``policy``: after a labelled sibling of its list, that sibling's label with "bis", "ter",
    ... (nothing else moves); first in its list, or with the "position" policy, the label
    its position gives. Labels already written are never changed here. A tree with no labels
    at all (plain data from elsewhere) is thus labelled by position throughout."""
    expected: dict[str, tuple[str, str]] | None = None
    by_position: set[str] = set()  # labelled by position in this pass

    def rec(nodes: list[Clause]):
        nonlocal expected
        taken = {cited(c.label) for c in nodes if c.label}
        previous: dict[tuple[str, str], Clause] = {}
        for c in nodes:
            if c.label is None:
                if c.num_style == BULLET:
                    c.label = c.num_pattern.strip() or "-"
                elif not c.numbered:
                    c.label = ""
                else:
                    prev = previous.get((c.num_style, c.num_pattern))
                    if prev is not None and policy == NumberingPolicy.BIS and prev.key not in by_position:
                        c.label = _bis_label(prev, taken)
                    else:
                        if expected is None:
                            expected = positional_labels(doc)
                        c.label = expected.get(c.key, ("", ""))[1]
                        by_position.add(c.key)
                    taken.add(cited(c.label))
            if c.numbered:
                c.core_number = core_of(c.label, c.num_pattern)
                c.number = cited(c.label)
                previous[(c.num_style, c.num_pattern)] = c
            else:
                c.core_number = ""
                c.number = c.label.strip() if c.num_style == BULLET else ""
            rec(c.children)

    rec(doc.clauses)
    return doc


@dataclass
class NumberingWarning:
    """One irregularity of the labels as written, against what position would give.

    ``code``: ``skip`` (a number left out), ``repeat`` (the same number twice), ``restart``
    (a list starts again at 1), ``start`` (a list begins mid-way, as an excerpt does),
    ``style`` (the list changes style, "Article I" then "Article 2"), ``other``."""

    code: str
    key: str
    label: str
    expected: str
    previous: str = ""

    def message(self) -> str:
        where = f"“{self.label}”"
        if self.code == "skip":
            return f"{where} follows “{self.previous}”: the numbers skip (in sequence it would be “{self.expected}”)."
        if self.code == "repeat":
            return f"{where} repeats the number of “{self.previous}” before it."
        if self.code == "restart":
            return f"{where}: the numbering starts again after “{self.previous}”."
        if self.code == "start":
            return f"{where}: the list begins mid-way (its first number would be “{self.expected}”)."
        if self.code == "style":
            return f"{where} is written in another numbering style than “{self.previous}” before it."
        return f"{where} does not follow “{self.previous}” (in sequence it would be “{self.expected}”)."

    def as_dict(self) -> dict:
        return {"code": self.code, "key": self.key, "label": self.label, "expected": self.expected,
                "previous": self.previous, "message": self.message()}


def _value(c: Clause) -> int | None:
    return label_value(c.label or "", c.num_style, c.num_pattern, c.core_number)


def numbering_warnings(doc: Document) -> list[NumberingWarning]:
    """Where the labels as written are irregular, and how: each list is read in order and
    each label compared with the one before it, so one slip is reported once.

    Only a report: nothing is changed. A clause labelled "bis"/"ter" after its base number is
    regular (that is how negotiations insert), and so is a bullet."""
    out: list[NumberingWarning] = []

    def rec(nodes: list[Clause], parent_core: str):
        previous: dict[str, Clause] = {}  # by pattern: the last numbered sibling of that list
        for c in nodes:
            if c.numbered and c.label is not None:
                slot = c.num_pattern if c.num_style != OUTLINE else ""
                w = _check_one(c, previous.get(slot), parent_core)
                if w is not None:
                    out.append(w)
                previous[slot] = c
            rec(c.children, (core_of(c.label, c.num_pattern) if c.label and c.numbered else "") or parent_core)

    rec(doc.clauses, "")
    return out


def _check_one(c: Clause, prev: Clause | None, parent_core: str) -> NumberingWarning | None:
    written = cited(c.label or "")
    core = core_of(c.label or "", c.num_pattern)
    if prev is None:
        want = label(c.num_pattern, format_counter(c.num_style, 1, parent_core))
        if cited(want) == written or _ADVERB_SUFFIX.search(core):
            return None
        return NumberingWarning("start", c.key, written, cited(want))
    prev_label = cited(prev.label or "")
    if prev.num_style != c.num_style:
        return NumberingWarning("style", c.key, written, "", prev_label)
    if _ADVERB_SUFFIX.search(core):
        return None  # "2.5 bis" after "2.5" (or after "2.5 bis"): an insertion, regular
    value, pv = _value(c), _value(prev)
    want = cited(label(c.num_pattern, format_counter(c.num_style, (pv or 0) + 1, parent_core)))
    if c.num_style == OUTLINE and parent_core and not core.startswith(parent_core + "."):
        return NumberingWarning("other", c.key, written, want, prev_label)
    if value is None or pv is None or value == pv + 1:
        return None
    if value == 1:
        return NumberingWarning("restart", c.key, written, want, prev_label)
    if value == pv:
        return NumberingWarning("repeat", c.key, written, want, prev_label)
    if value > pv + 1:
        return NumberingWarning("skip", c.key, written, want, prev_label)
    return NumberingWarning("other", c.key, written, want, prev_label)


def renumber_labels(doc: Document) -> tuple[Document, list[tuple[str, str, str]]]:
    """The editorial act: a copy of ``doc`` whose labels follow position.

    Returns the new tree and the table of what changed, in document order:
    ``(key, old number, new number)``. Bullets and unnumbered clauses keep what they have.
    Cross-references in the text are the caller's next step (:mod:`.refs`)."""
    out = doc.copy()
    number_clauses(out)
    expected = _positional_after_relabel(out)
    table: list[tuple[str, str, str]] = []
    for c in out.walk():
        if c.numbered and c.key in expected:
            new = expected[c.key]
            if cited(new) != cited(c.label or ""):
                table.append((c.key, cited(c.label or ""), cited(new)))
                c.label = new
    number_clauses(out)
    return out, table


def _positional_after_relabel(doc: Document) -> dict[str, str]:
    """Positional labels where each outline list builds on its parent's *new* counter."""
    out: dict[str, str] = {}

    def rec(nodes: list[Clause], parent_core: str):
        counters: dict[tuple[str, str], int] = {}
        for c in nodes:
            core = ""
            if c.numbered:
                k = (c.num_style, c.num_pattern if c.num_style != OUTLINE else "")
                counters[k] = counters.get(k, 0) + 1
                core = format_counter(c.num_style, counters[k], parent_core)
                out[c.key] = label(c.num_pattern, core)
            rec(c.children, core or parent_core)

    rec(doc.clauses, "")
    return out


def renumber(doc: Document) -> Document:
    """Label every clause of ``doc`` by its position, in place (the renumbering without the
    table): for trees built as plain data, where position is all there is to go by."""
    new = _positional_after_relabel(doc)
    for c in doc.walk():
        if c.numbered:
            c.label = new.get(c.key, "")
        elif c.num_style == BULLET:
            c.label = c.num_pattern.strip() or "-"
        else:
            c.label = ""
    return number_clauses(doc)


# --- serialisation to plain data -------------------------------------------------------------


def clause_to_dict(c: Clause) -> dict:
    return {
        "key": c.key,
        "kind": c.kind,
        "number": c.number,
        "label": c.label,
        "heading": c.heading,
        "text": c.text,
        "num_style": c.num_style,
        "num_pattern": c.num_pattern,
        "children": [clause_to_dict(ch) for ch in c.children],
    }


def clause_from_dict(d: dict) -> Clause:
    return Clause(
        key=d["key"],
        kind=d["kind"],
        text=d.get("text", ""),
        heading=d.get("heading", ""),
        num_style=d.get("num_style", NONE),
        num_pattern=d.get("num_pattern", ""),
        children=[clause_from_dict(ch) for ch in d.get("children", [])],
        label=d.get("label"),
    )


def document_to_dicts(doc: Document) -> list[dict]:
    return [clause_to_dict(c) for c in doc.clauses]


def document_from_dicts(items: list[dict]) -> Document:
    return number_clauses(Document([clause_from_dict(d) for d in items]))


class KeyAllocator:
    """Hands out clause keys that are never reused within a draft: ``c1``, ``c2``, ..."""

    def __init__(self, next_seq: int = 1):
        self.next_seq = next_seq

    def __call__(self) -> str:
        key = f"c{self.next_seq}"
        self.next_seq += 1
        return key

    @staticmethod
    def seq_of(key: str) -> int:
        if key.startswith("c") and key[1:].isdigit():
            return int(key[1:])
        return 0
