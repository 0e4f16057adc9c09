"""Stage 4 of the .docx → proposals plan (read revisions → attribute → align → **classify** →
plan): the aligned paragraphs grouped by clause, and what happens to each clause.

- each paragraph in the old view belongs to the one clause its lines were matched to (the rest
  of a split paragraph to the clause of its first piece); a changed paragraph that holds several
  clauses, or matches none, is reported;
- per clause (:class:`ClauseEdit`): *replace* (some of its paragraphs changed), *delete* (all of
  them deleted), *move* (all of them moved by one move), or nothing (a split or joined
  paragraph, a partial move: reported);
- a clause deleted or moved takes its sub-clauses with it: one edit for the outermost clause,
  provided every sub-clause present went the same way (else reported and left alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.clauses import edit
from app.core.clauses.tree import Clause, Document

from ..tracked import DELETED, MERGED, MOVED_FROM, MOVED_TO, SPLIT, UNCHANGED
from .align import Slot
from .revisions import Para
from .text import excerpt


@dataclass
class Skip:
    """A paragraph (or one of its changes) that was not turned into a proposal, and why."""

    paragraph: int  # 1-based
    reason: str
    clause_key: str | None = None

    def json(self) -> dict:
        return {"paragraph": self.paragraph, "reason": self.reason, "clause_key": self.clause_key}


class ClauseTree:
    """Parent, order and subtree queries on the version's clause tree."""

    def __init__(self, doc: Document):
        self.index: dict[str, Clause] = {}
        self.parent: dict[str, str | None] = {}
        self.order: dict[str, int] = {}
        self.end: dict[str, int] = {}  # order of the last clause of the subtree
        for c, parent, _depth in doc.walk_with_parent():
            self.index[c.key] = c
            self.parent[c.key] = parent.key if parent else None
            self.order[c.key] = len(self.order)
        for key in reversed(list(self.order)):
            c = self.index[key]
            self.end[key] = max([self.order[key]] + [self.end[ch.key] for ch in c.children])

    def contains(self, outer: str, inner: str) -> bool:
        return self.order[outer] <= self.order[inner] <= self.end[outer]

    def ancestors(self, key: str) -> list[str]:
        out = []
        p = self.parent.get(key)
        while p is not None:
            out.append(p)
            p = self.parent.get(p)
        return out

    def label(self, key: str) -> str:
        c = self.index[key]
        return c.number or (c.heading[:40] if c.heading else key)

    def where(self, key: str) -> str:
        """The clause as a message names it: "clause 1.2", or "clause “Its text...”"."""
        c = self.index[key]
        return f"clause {c.number}" if c.number else f"clause “{excerpt(c.heading or c.text)}”"


@dataclass
class ClauseEdit:
    """What happens to one clause: ``kind`` replace | delete | move | "" (nothing, reported)."""

    key: str
    paras: list[Para]
    kind: str = ""
    move: str | None = None  # the move's name, for a move
    first_para: int = 0  # 1-based number of its first changed paragraph


@dataclass
class Classified:
    """Stage 4's output: the paragraphs by clause and each clause's edit."""

    by_clause: dict[str, list[Para]]  # clause key -> its paragraphs, in order
    para_key: dict[int, str]  # paragraph index -> its clause
    edits: dict[str, ClauseEdit]  # in document order
    paired: set[str | None]  # names of moves with both halves
    deleted: set[str] = field(default_factory=set)  # clauses deleted (with their sub-clauses)
    moving: dict[str, str] = field(default_factory=dict)  # outermost moved clause -> move name
    covered: set[str] = field(default_factory=set)  # clauses that go with a deleted or moved ancestor
    moved_keys: set[str] = field(default_factory=set)  # every clause moved (sub-clauses included)
    skipped: list[Skip] = field(default_factory=list)

    @property
    def gone(self) -> set[str]:
        """Clauses no longer where they were (deleted or moved)."""
        return self.deleted | self.moved_keys


def clause_keys(p: Para, slots: list[Slot]) -> list[str]:
    """The clauses a paragraph's matched lines belong to, in order."""
    out: list[str] = []
    for s in p.slots:
        if s is not None and slots[s].key not in out:
            out.append(slots[s].key)
    return out


def classify(paras: list[Para], tree: ClauseTree, slots: list[Slot], *, version: int) -> Classified:
    """Stage 4: aligned paragraphs (:func:`app.core.word.plan.align.align`) → :class:`Classified`."""
    skipped: list[Skip] = []

    def skip(p: Para, reason: str, key: str | None = None) -> None:
        skipped.append(Skip(p.no, reason, key))

    where = tree.where

    # Moves pair by name; an unpaired half is a plain deletion or insertion.
    from_names = {p.move for p in paras if p.change == MOVED_FROM}
    to_names = {p.move for p in paras if p.change == MOVED_TO}
    paired = from_names & to_names

    # Paragraphs by clause.
    by_clause: dict[str, list[Para]] = {}
    para_key: dict[int, str] = {}  # paragraph index -> its clause
    for i, p in enumerate(paras):
        if not p.in_old_view:
            continue
        if p.joined_to is not None:  # the rest of a split paragraph: the clause of its first piece
            if p.joined_to in para_key:
                para_key[i] = para_key[p.joined_to]
                by_clause[para_key[i]].append(p)
            continue
        keys = clause_keys(p, slots)
        if len(keys) == 1:
            by_clause.setdefault(keys[0], []).append(p)
            para_key[i] = keys[0]
        elif len(keys) > 1:
            para_key[i] = keys[0]
            if p.change != UNCHANGED:
                skip(p, "This paragraph holds the text of several clauses ("
                     + ", ".join(where(k) for k in keys) + "); change each clause in its own paragraph.", keys[0])
        elif p.change not in (UNCHANGED,) and (p.rev.old_text.strip() or p.rev.new_text.strip()):
            skip(p, f"This changed paragraph matches no clause of version {version}: its text before your "
                    "changes is not in the version (is the document a copy of another version?).")

    # What happens to each clause.
    edits: dict[str, ClauseEdit] = {}
    for key in tree.order:
        ps = by_clause.get(key)
        if not ps or all(p.change == UNCHANGED for p in ps):
            continue
        ce = ClauseEdit(key, ps, first_para=min(p.no for p in ps if p.change != UNCHANGED))
        edits[key] = ce
        bad = [p for p in ps if p.change in (SPLIT, MERGED)]
        if bad:
            for p in bad:
                what = "split in two" if p.change == SPLIT else "joined with the next one"
                skip(p, f"A paragraph of {where(key)} was {what}; Concord cannot tell which clause that "
                        "makes: propose the change in Concord instead.", key)
            continue
        moved = [p for p in ps if p.change == MOVED_FROM and p.move in paired]
        gone = [p for p in ps if p.change == DELETED or (p.change == MOVED_FROM and p.move not in paired)]
        if moved:
            names = {p.move for p in moved}
            if len(moved) != len(ps) or len(names) != 1:
                skip(moved[0], f"Only part of {where(key)} was moved; move the whole clause, or propose the "
                               "move in Concord.", key)
                continue
            ce.kind, ce.move = edit.MOVE, names.pop()
        elif len(gone) == len(ps):
            ce.kind = edit.DELETE
        else:
            ce.kind = edit.REPLACE

    # A clause deleted (or moved) takes its sub-clauses with it: one proposal for the outermost.
    out = Classified(by_clause, para_key, edits, paired, skipped=skipped)
    for key, ce in edits.items():
        if ce.kind not in (edit.DELETE, edit.MOVE) or key in out.covered:
            continue
        inner = [c.key for c in tree.index[key].walk()][1:]
        present = [k for k in inner if k in by_clause]
        if ce.kind == edit.DELETE:
            ok = all(k in edits and edits[k].kind == edit.DELETE for k in present)
        else:
            ok = all(k in edits and edits[k].kind == edit.MOVE and edits[k].move == ce.move for k in present)
        if not ok:
            kept = [tree.label(k) for k in present if not (k in edits and edits[k].kind == ce.kind)]
            what = "deleted" if ce.kind == edit.DELETE else "moved"
            skip(next(p for p in ce.paras if p.change != UNCHANGED),
                 f"{where(key)[0].upper()}{where(key)[1:]} was {what} but not its sub-clauses "
                 f"({', '.join(kept[:5])}{', ...' if len(kept) > 5 else ''}); a clause is {what} with its "
                 f"sub-clauses: {what[:-1]} them too, or propose it in Concord.", key)
            ce.kind = ""
            continue
        out.covered.update(inner)
        if ce.kind == edit.DELETE:
            out.deleted.add(key)
            out.deleted.update(inner)
        else:
            out.moving[key] = ce.move or ""
    out.moved_keys = {k for key in out.moving for k in [c.key for c in tree.index[key].walk()]}
    return out
