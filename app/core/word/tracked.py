"""Tracked changes and comments of a .docx, paragraph by paragraph.

:func:`read_revisions` reports, for every body paragraph (table cells included, in document
order): the clause key of its "cl_<key>" bookmark, its text when all changes are rejected
(``old_text``) and accepted (``new_text``), the ordered :class:`~app.core.word.reader.Segment`
list it is made of (equal / insert / delete, each with author, date, revision id and, for
moves, the move name that pairs the two halves), the revision of its paragraph mark, what
happened to the paragraph as a whole (``change``), and the Word comments anchored in it.

``change`` is one of:

- "unchanged": no tracked change in the paragraph;
- "changed": text inserted and/or deleted inside a paragraph that exists in both versions;
- "inserted": a new paragraph: its content is all inserted (or it is empty) and its paragraph
  mark, or the mark just before it, is a tracked insertion; it is absent when rejected;
- "deleted": a removed paragraph: its content is all deleted and its mark, or the mark just
  before it, is a tracked deletion; it is absent when accepted;
- "moved_from" / "moved_to": the two halves of a paragraph moved with tracking on
  (``move`` gives the name that pairs them);
- "merged": its paragraph mark is deleted but text remains: when accepted, it runs on into
  the next paragraph (two paragraphs merged);
- "split": its paragraph mark is inserted but it had text before: when rejected, it runs on
  into the next paragraph (one paragraph split in two).

Built on the single lxml walk of :mod:`app.core.word.walk` (as :mod:`app.core.word.reader` is);
:func:`walk` reads revisions and comments at once. python-docx's
``paragraph.text`` (which drops tracked text) is not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from . import ooxml as ox
from .ooxml import DELETE, EQUAL, INSERT
from .walk import MarkRevision, RawParagraph, Segment, TablePosition, Walker, clause_key, load

__all__ = [
    "Comment",
    "MarkRevision",
    "ParagraphRevision",
    "Segment",
    "TablePosition",
    "read_comments",
    "read_revisions",
]

UNCHANGED = "unchanged"
CHANGED = "changed"
INSERTED = "inserted"
DELETED = "deleted"
MOVED_FROM = "moved_from"
MOVED_TO = "moved_to"
MERGED = "merged"
SPLIT = "split"



@dataclass(frozen=True)
class Comment:
    """A Word comment (word/comments.xml)."""

    id: str
    author: str | None
    date: str | None
    initials: str | None
    text: str  # the comment's text (its paragraphs joined with "\n", tracked changes accepted)
    anchor: str = ""  # the commented text in the document (accepted view); "" for a point comment
    parent_id: str | None = None  # the comment this one replies to (word/commentsExtended.xml)
    done: bool = False  # marked resolved


@dataclass
class ParagraphRevision:
    """One body paragraph's tracked changes and comments."""

    index: int  # position among all body paragraphs (as in reader.read_paragraphs)
    key: str | None  # Concord clause key from a "cl_<key>" bookmark, if any
    old_text: str  # all changes rejected
    new_text: str  # all changes accepted
    segments: list[Segment]
    change: str = UNCHANGED  # see the module docstring
    mark: MarkRevision | None = None  # revision of the paragraph mark itself
    move: str | None = None  # for moved_from/moved_to: the move name pairing the two
    comments: list[Comment] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # revision authors, in order of appearance
    dates: list[str] = field(default_factory=list)  # revision dates, sorted, distinct
    bookmarks: list[str] = field(default_factory=list)
    table: TablePosition | None = None

    @property
    def has_revisions(self) -> bool:
        return self.change != UNCHANGED

    @property
    def tuples(self) -> list[tuple[str, str, str | None, str | None]]:
        """The segments as (op, text, author, date)."""
        return [(s.op, s.text, s.author, s.date) for s in self.segments]


def _comment_text(el: etree._Element) -> tuple[str, str | None]:
    """(text, w14:paraId of its last paragraph) of one w:comment."""
    walker = Walker()
    walker.walk_block(el)
    text = "\n".join(raw.text(True) for raw in walker.paragraphs)
    last = None
    for p in el.iter(ox.W_P):
        last = p.get(ox.W14_PARA_ID) or last
    return text, last


def _comments(
    root: etree._Element | None, ext: etree._Element | None, anchors: dict[str, list[str]]
) -> dict[str, Comment]:
    if root is None:
        return {}
    parents: dict[str, tuple[str | None, bool]] = {}
    if ext is not None:
        for ex in ext.iter(ox.W15_COMMENT_EX):
            pid = ex.get(ox.W15_PARA_ID)
            if pid:
                parents[pid] = (ex.get(ox.W15_PARA_ID_PARENT), ex.get(ox.W15_DONE) in ("1", "true", "on"))
    raw: list[tuple[str, str | None, str | None, str | None, str, str | None]] = []
    para_to_comment: dict[str, str] = {}
    for el in root.iter(ox.W_COMMENT):
        cid = el.get(ox.W_ID)
        if cid is None:
            continue
        text, para_id = _comment_text(el)
        raw.append((cid, el.get(ox.W_AUTHOR), el.get(ox.W_DATE), el.get(ox.W_INITIALS), text, para_id))
        if para_id:
            para_to_comment[para_id] = cid
    out = {}
    for cid, author, date, initials, text, para_id in raw:
        parent_para, done = parents.get(para_id or "", (None, False))
        out[cid] = Comment(
            id=cid,
            author=author,
            date=date,
            initials=initials,
            text=text,
            anchor="".join(anchors.get(cid, ())).rstrip("\n"),
            parent_id=para_to_comment.get(parent_para) if parent_para else None,
            done=done,
        )
    return out


def _classify(raws: list[RawParagraph], old: list[str], new: list[str]) -> list[tuple[str, str | None]]:
    """(change, move name) of each paragraph; see the module docstring."""
    n = len(raws)

    def mark_op(i: int) -> str | None:
        m = raws[i].mark
        return m.op if m is not None else None

    def sibling_before(i: int) -> bool:
        return i > 0 and raws[i - 1].container == raws[i].container

    def sibling_after(i: int) -> bool:
        return i + 1 < n and raws[i + 1].container == raws[i].container

    added = [False] * n
    removed = [False] * n
    for i in range(n):
        own, prev = mark_op(i), mark_op(i - 1) if sibling_before(i) else None
        if own == INSERT and old[i] == "":
            added[i] = True
        elif own == DELETE and new[i] == "":
            removed[i] = True
        elif own is None and prev == INSERT and old[i] == "":
            added[i] = True
        elif own is None and prev == DELETE and new[i] == "":
            removed[i] = True

    out: list[tuple[str, str | None]] = []
    for i, raw in enumerate(raws):
        segs = raw.segments
        if added[i] or removed[i]:
            op = INSERT if added[i] else DELETE
            moves = {s[5] for s in segs if s[0] == op}
            if raw.mark is not None and raw.mark.op == op:
                moves.add(raw.mark.move)
            if moves and None not in moves and len(moves) == 1:
                out.append((MOVED_TO if added[i] else MOVED_FROM, moves.pop()))
            else:
                out.append((INSERTED if added[i] else DELETED, None))
            continue
        op = mark_op(i)
        if op == DELETE and sibling_after(i) and not removed[i + 1]:
            out.append((MERGED, None))
        elif op == INSERT and sibling_after(i) and not added[i + 1]:
            out.append((SPLIT, None))
        elif any(s[0] != EQUAL for s in segs):
            out.append((CHANGED, None))
        else:
            out.append((UNCHANGED, None))
    return out


@dataclass
class TrackedDocument:
    """What :func:`walk` reads: every paragraph's revisions and all comments (in the order of
    ``word/comments.xml``)."""

    revisions: list[ParagraphRevision]
    comments: list[Comment]


_COMMENT_PARTS = (ox.REL_COMMENTS, ox.REL_COMMENTS_EXTENDED)


def walk(data: bytes, **limits: float) -> TrackedDocument:
    """Read a .docx's tracked changes and comments in one walk of the body (the public entry
    point of this module: :func:`read_revisions` and :func:`read_comments` are its halves).

    Raises :class:`~app.core.word.safety.UnsupportedDocument` or
    :class:`~app.core.word.safety.DocumentTooLarge` for files that are not acceptable .docx;
    ``limits`` are :func:`~app.core.word.safety.check_docx`'s (``max_bytes=...``).
    """
    doc = load(data, related=_COMMENT_PARTS, limits=limits)
    raws = doc.raws
    comments = _comments(
        doc.parts.get(ox.REL_COMMENTS), doc.parts.get(ox.REL_COMMENTS_EXTENDED), doc.walker.comment_anchor
    )
    return TrackedDocument(_revisions(raws, comments), list(comments.values()))


def _revisions(raws: list[RawParagraph], comments: dict[str, Comment]) -> list[ParagraphRevision]:
    # A comment belongs to the paragraph where its range starts, else where it is referenced.
    anchored: dict[int, list[str]] = {}
    placed: set[str] = set()
    for raw in raws:
        for cid in raw.comment_starts:
            if cid in comments and cid not in placed:
                placed.add(cid)
                anchored.setdefault(raw.index, []).append(cid)
    for raw in raws:
        for cid in raw.comment_refs:
            if cid in comments and cid not in placed:
                placed.add(cid)
                anchored.setdefault(raw.index, []).append(cid)

    old = [raw.text(False) for raw in raws]
    new = [raw.text(True) for raw in raws]
    kinds = _classify(raws, old, new)
    out = []
    for i, raw in enumerate(raws):
        segments = [Segment(s[0], s[1], s[2], s[3], s[4], s[5]) for s in raw.segments]
        authors: list[str] = []
        dates: set[str] = set()
        revs = [s for s in segments if s.op != EQUAL]
        for who, when in [(s.author, s.date) for s in revs] + (
            [(raw.mark.author, raw.mark.date)] if raw.mark is not None else []
        ):
            if who and who not in authors:
                authors.append(who)
            if when:
                dates.add(when)
        change, move = kinds[i]
        out.append(
            ParagraphRevision(
                index=raw.index,
                key=clause_key(raw.bookmarks),
                old_text=old[i],
                new_text=new[i],
                segments=segments,
                change=change,
                mark=raw.mark,
                move=move,
                comments=[comments[cid] for cid in anchored.get(raw.index, ())],
                authors=authors,
                dates=sorted(dates),
                bookmarks=raw.bookmarks,
                table=raw.table,
            )
        )
    return out


def read_revisions(data: bytes, **limits: float) -> list[ParagraphRevision]:
    """Every body paragraph's tracked changes and comments, in document order (see :func:`walk`)."""
    return walk(data, **limits).revisions


def read_comments(data: bytes, **limits: float) -> list[Comment]:
    """All Word comments of the document, in the order of word/comments.xml (see :func:`walk`)."""
    return walk(data, **limits).comments


__all__ += ["CHANGED", "DELETED", "INSERTED", "MERGED", "MOVED_FROM", "MOVED_TO", "SPLIT", "UNCHANGED",
            "TrackedDocument", "walk"]
