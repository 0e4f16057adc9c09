"""Stage 1 of the .docx → proposals plan (**read revisions** → attribute → align → classify →
plan): the core's paragraph revisions (:func:`app.core.word.tracked.read_revisions`) as the
planner sees them (:class:`Para`).

- a whole paragraph moved *and* edited is still a move (its paragraph mark or a moved segment
  names the move);
- a paragraph split in two is one paragraph when the changes are rejected (its pieces' rejected
  text is joined on the first piece);
- moves written without Word's range markers (LibreOffice), and a block deleted in one place and
  typed again in another, are paired into one named move (:func:`pair_moves`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..ooxml import INSERT
from ..tracked import DELETED, INSERTED, MOVED_FROM, MOVED_TO, SPLIT, UNCHANGED, ParagraphRevision
from .text import loose


@dataclass
class Para:
    """A paragraph of the uploaded document as the importer sees it."""

    rev: ParagraphRevision
    change: str  # the core's change kind, with moves recognised by their name (see :func:`change_of`)
    move: str | None  # the move name pairing moved_from and moved_to
    old_lines: list[str]  # the rejected text, line by line (lines are w:br inside the paragraph)
    slots: list[int | None] = field(default_factory=list)  # per old line: the slot it is, if matched (stage 3)
    approx: bool = False  # matched by similarity only
    joined_to: int | None = None  # the rest of a split paragraph: the index of its first piece

    @property
    def no(self) -> int:
        """1-based paragraph number, counting every body paragraph (tables included)."""
        return self.rev.index + 1

    @property
    def in_old_view(self) -> bool:
        return self.change not in (INSERTED, MOVED_TO)


def has_tracked_changes(revs: list[ParagraphRevision]) -> bool:
    """Whether any paragraph has a tracked change of its text or a comment."""
    return any(r.change != UNCHANGED or r.comments for r in revs)


def change_of(rev: ParagraphRevision) -> tuple[str, str | None]:
    """(change, move name). A whole paragraph moved *and* edited mixes move and plain revisions,
    which the core reports as inserted/deleted (or split): its paragraph mark (w:moveFrom/
    w:moveTo in w:pPr/w:rPr) or a moved segment still names the move."""
    mark = rev.mark
    if mark is not None and mark.move:
        return (MOVED_TO if mark.op == INSERT else MOVED_FROM), mark.move
    if rev.change in (INSERTED, DELETED):
        name = next((s.move for s in rev.segments if s.move), None)
        if name:
            return (MOVED_TO if rev.change == INSERTED else MOVED_FROM), name
    return rev.change, rev.move


def join_splits(revs: list[ParagraphRevision]) -> list[Para]:
    """The paragraphs, with their rejected text in lines. A paragraph split in two (its mark
    inserted) is one paragraph when the changes are rejected: its pieces' rejected text is
    joined on the first piece, the others have none (``joined_to`` the first)."""
    out = []
    head: Para | None = None
    for rev in revs:
        change, move = change_of(rev)
        lines = rev.old_text.split("\n") if change not in (INSERTED, MOVED_TO) else []
        p = Para(rev, change, move, lines, [None] * len(lines))
        if head is not None and change != MOVED_TO and change != INSERTED:
            joined = "\n".join(head.old_lines) + rev.old_text
            head.old_lines = joined.split("\n")
            head.slots = [None] * len(head.old_lines)
            p.old_lines, p.slots, p.joined_to = [], [], head.rev.index
            if change != SPLIT:
                head = None  # the chain ends with the first piece whose mark was not inserted
        elif change == SPLIT:
            head = p
        else:
            head = None
        out.append(p)
    return out


def pair_moves(paras: list[Para]) -> None:
    """Moves written without Word's range markers (LibreOffice writes ``w:moveFrom`` /
    ``w:moveTo`` without ``w:moveFromRangeStart``, so each half has a name of its own), and a
    paragraph deleted in one place and typed again in another: a block of consecutive
    moved-away (or deleted) paragraphs whose text is exactly a block of moved-here (or
    inserted) paragraphs elsewhere is one move; its halves get one name. Word's named moves
    are left as they are."""
    from_names = {p.move for p in paras if p.change == MOVED_FROM}
    to_names = {p.move for p in paras if p.change == MOVED_TO}
    paired = from_names & to_names

    def blocks(changes: tuple[str, ...], text_of: Callable[[Para], str]) -> list[list[int]]:
        out: list[list[int]] = []
        for i, p in enumerate(paras):
            loose_ok = p.change in changes and p.move not in paired and (p.change not in (DELETED, INSERTED)
                                                                         or len(text_of(p).split()) >= 3)
            if loose_ok and text_of(p).strip():
                if out and out[-1][-1] == i - 1:
                    out[-1].append(i)
                else:
                    out.append([i])
        return out

    def old_of(p: Para) -> str:
        return p.rev.old_text

    def new_of(p: Para) -> str:
        return p.rev.new_text

    away = blocks((MOVED_FROM, DELETED), old_of)
    here = blocks((MOVED_TO, INSERTED), new_of)
    used: set[int] = set()
    for a in away:
        sig = [loose(old_of(paras[i])) for i in a]
        for n, b in enumerate(here):
            if n in used or len(b) != len(a):
                continue
            if [loose(new_of(paras[i])) for i in b] != sig:
                continue
            if all(paras[i].change == DELETED for i in a) and all(paras[i].change == INSERTED for i in b) and \
                    len(a) == 1 and len(sig[0].split()) < 3:
                continue
            used.add(n)
            name = f"paired-{paras[a[0]].no}-{paras[b[0]].no}"
            for i in a:
                paras[i].change, paras[i].move = MOVED_FROM, name
            for i in b:
                paras[i].change, paras[i].move = MOVED_TO, name
            break


def paragraphs(revs: list[ParagraphRevision]) -> list[Para]:
    """Stage 1: the paragraph revisions → :class:`Para` (split paragraphs joined, moves paired)."""
    paras = join_splits(revs)
    pair_moves(paras)
    return paras
