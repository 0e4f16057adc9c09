"""The clause tree: plain data, numbering and hashing.

A draft's text is a tree of :class:`Clause` nodes under a :class:`Document` root.
Every clause has a stable ``key`` (never reused within a draft) and a number label
derived from its position among its numbered siblings and its numbering style.

Pure Python: no database, no web framework.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

# Kinds of clause, in the order they usually appear in an agreement.
TITLE = "title"
PARTY = "party"
RECITAL = "recital"
FORMULA = "formula"  # enacting formula: "NOW, THEREFORE ...", "Have agreed as follows:"
SECTION = "section"  # a numbered section or article, with a heading
PARAGRAPH = "paragraph"
ITEM = "item"
TEXT = "text"  # an unnumbered paragraph (a connector "and", a section body, ...)
CLOSING = "closing"  # "SIGNED in ...", "IN WITNESS WHEREOF ..."
SIGNATURE = "signature"  # one signature block; heading = "For the ...:"

KINDS = (TITLE, PARTY, RECITAL, FORMULA, SECTION, PARAGRAPH, ITEM, TEXT, CLOSING, SIGNATURE)

# Numbering styles: how the counter of a clause is written.
NONE = "none"
DECIMAL = "decimal"  # 1, 2, 3
OUTLINE = "outline"  # parent's core number + "." + n: 1.1, 1.2, 2.1.3
LOWER_ROMAN = "lower-roman"
UPPER_ROMAN = "upper-roman"
LOWER_ALPHA = "lower-alpha"
UPPER_ALPHA = "upper-alpha"
BULLET = "bullet"  # a bullet that carries no counter ("-", "•")

NUM_STYLES = (NONE, DECIMAL, OUTLINE, LOWER_ROMAN, UPPER_ROMAN, LOWER_ALPHA, UPPER_ALPHA, BULLET)


@dataclass
class Clause:
    """One node of the text tree.

    ``num_pattern`` is how the label is written around the counter, with ``{}`` for the
    counter: ``"{}:"`` (1: Purpose), ``"ARTICLE {} -"``, ``"Article {}"``, ``"{}."``,
    ``"({})"``, ``"{})"``, ``"{}"`` (1.1). ``number`` is filled by :func:`renumber`.
    """

    key: str
    kind: str
    text: str = ""
    heading: str = ""
    num_style: str = NONE
    num_pattern: str = ""
    children: list[Clause] = field(default_factory=list)
    number: str = ""  # derived, never identity
    core_number: str = ""  # the counter without decoration ("1.2", "ii", "a")

    @property
    def numbered(self) -> bool:
        return self.num_style not in (NONE, BULLET)

    def content_hash(self) -> str:
        """Hash of what the clause says (kind, heading, text); numbering excluded,
        so a clause that is only renumbered keeps its hash."""
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
    """Hash of the whole tree: structure, numbering styles and every clause's content."""
    h = hashlib.sha256()
    for c, parent, depth in doc.walk_with_parent():
        row = [c.key, parent.key if parent else None, depth, c.num_style, c.num_pattern, c.content_hash()]
        h.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


# --- numbering ---------------------------------------------------------------------------

_ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]


def to_roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int | None:
    s = s.lower()
    if not s or any(ch not in "ivxlcdm" for ch in s):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total if to_roman(total) == s else None


def to_alpha(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb (the legal convention of doubling)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    rep = (n - 1) // 26 + 1
    return letters[(n - 1) % 26] * rep


def from_alpha(s: str) -> int | None:
    s = s.lower()
    if not s or not s.isalpha() or not s.isascii() or len(set(s)) != 1:
        return None
    return (len(s) - 1) * 26 + (ord(s[0]) - ord("a") + 1)


def format_counter(style: str, n: int, parent_core: str = "") -> str:
    if style == DECIMAL:
        return str(n)
    if style == OUTLINE:
        return f"{parent_core}.{n}" if parent_core else str(n)
    if style == LOWER_ROMAN:
        return to_roman(n)
    if style == UPPER_ROMAN:
        return to_roman(n).upper()
    if style == LOWER_ALPHA:
        return to_alpha(n)
    if style == UPPER_ALPHA:
        return to_alpha(n).upper()
    return ""


def label(pattern: str, core: str) -> str:
    if not pattern:
        return core
    return pattern.replace("{}", core)


def display_number(pattern: str, core: str) -> str:
    """The number as people cite it: "1.2", "ii.", "ARTICLE 4", "(a)"; trailing
    separators such as ":" or " -" that only join a number to its heading are dropped."""
    text = label(pattern, core).strip()
    for sep in (" -", " –", " —", ":"):
        if text.endswith(sep):
            text = text[: -len(sep)].rstrip()
    return text


def renumber(doc: Document) -> Document:
    """Compute ``number`` and ``core_number`` of every clause from its position.

    Numbered siblings are counted per numbering style, so an unnumbered paragraph between
    two numbered ones does not break the count.
    """

    def rec(nodes: list[Clause], parent_core: str):
        counters: dict[tuple[str, str], int] = {}
        for c in nodes:
            if c.numbered:
                k = (c.num_style, c.num_pattern if c.num_style != OUTLINE else "")
                counters[k] = counters.get(k, 0) + 1
                c.core_number = format_counter(c.num_style, counters[k], parent_core)
                c.number = display_number(c.num_pattern, c.core_number)
            elif c.num_style == BULLET:
                c.core_number = ""
                c.number = c.num_pattern.strip()
            else:
                c.core_number = ""
                c.number = ""
            rec(c.children, c.core_number or parent_core)

    rec(doc.clauses, "")
    return doc


# --- serialisation to plain data -------------------------------------------------------------


def clause_to_dict(c: Clause) -> dict:
    return {
        "key": c.key,
        "kind": c.kind,
        "number": c.number,
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
        number=d.get("number", ""),
    )


def document_to_dicts(doc: Document) -> list[dict]:
    return [clause_to_dict(c) for c in doc.clauses]


def document_from_dicts(items: list[dict]) -> Document:
    return renumber(Document([clause_from_dict(d) for d in items]))


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
