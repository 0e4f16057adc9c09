"""Changes to a clause tree: replace, insert, delete, move. Pure functions on plain data.

Used by consolidation (apply a set of accepted changes to version n to build n+1) and by
previews (a version with one proposal applied). Keys of existing clauses never change; an
inserted clause gets a new key from the draft's allocator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.errors.messages import AppErrorLike

from .tree import (
    BULLET,
    DECIMAL,
    ITEM,
    LOWER_ALPHA,
    OUTLINE,
    PARAGRAPH,
    SECTION,
    TEXT,
    Clause,
    Document,
    NumberingPolicy,
    number_clauses,
    renumber,
)

REPLACE = "replace"
INSERT = "insert"
DELETE = "delete"
MOVE = "move"
COMMENT = "comment"
CHANGE_KINDS = (REPLACE, INSERT, DELETE, MOVE, COMMENT)

BEFORE = "before"
AFTER = "after"
LAST_CHILD = "last_child"
POSITIONS = (BEFORE, AFTER, LAST_CHILD)


class EditError(AppErrorLike, ValueError):
    """A change that cannot be applied to this tree: a ``code`` (``EDIT_REASONS`` in
    :mod:`.messages`) with its ``params``; ``str()`` is the English sentence and
    ``message(lang)`` the sentence in the reader's language (an error param renders it so)."""

    def __init__(self, code: str, **params):
        from .messages import edit_reason

        self.code = code
        self.params = params
        super().__init__(edit_reason(code, params))

    def message(self, lang: str = "en") -> str:
        from .messages import edit_reason

        return edit_reason(self.code, self.params, lang)


@dataclass
class Change:
    kind: str  # replace | insert | delete | move | comment
    key: str | None = None  # the clause changed (replace, delete, move) or the anchor (insert)
    text: str = ""
    heading: str | None = None  # None: keep the heading
    anchor: str | None = None  # move: where to (insert uses ``key`` as its anchor)
    position: str = AFTER
    clause_kind: str | None = None  # insert: the new clause's kind (default: like its siblings)
    label: str | None = None  # insert: the label as the proposer wrote it ("2.5 bis"); None: by policy
    new_key: str | None = None  # insert: filled when applied
    ref: object = None  # who asked for it (a proposal id, "editorial"): carried through
    extra: dict = field(default_factory=dict)


def _locate(doc: Document) -> dict[str, tuple[list[Clause], Clause | None]]:
    """key -> (the sibling list it stands in, its parent)."""
    where: dict[str, tuple[list[Clause], Clause | None]] = {}

    def rec(nodes: list[Clause], parent: Clause | None):
        for n in nodes:
            where[n.key] = (nodes, parent)
            rec(n.children, n)

    rec(doc.clauses, None)
    return where


def _child_style(parent: Clause | None, siblings: list[Clause], kind: str | None) -> tuple[str, str, str]:
    """(kind, num_style, num_pattern) for a new clause among ``siblings`` under ``parent``."""
    like = next((s for s in reversed(siblings) if kind is None or s.kind == kind), None)
    if like is not None:
        return like.kind, like.num_style, like.num_pattern
    if parent is None:
        return kind or TEXT, "none", ""
    if parent.kind == SECTION:
        return kind or PARAGRAPH, OUTLINE, "{}"
    if parent.kind in (PARAGRAPH, ITEM):
        return kind or ITEM, LOWER_ALPHA, "({})"
    return kind or TEXT, "none", ""


def _insert_at(doc: Document, where, anchor: str, position: str, node: Clause) -> None:
    if anchor not in where:
        raise EditError("edit_not_in_version", clause=anchor)
    siblings, _parent = where[anchor]
    if position == LAST_CHILD:
        target = next(s for s in siblings if s.key == anchor)
        target.children.append(node)
        return
    idx = next(i for i, s in enumerate(siblings) if s.key == anchor)
    siblings.insert(idx if position == BEFORE else idx + 1, node)


def new_clause_for(doc: Document, anchor: str, position: str, *, key: str, text: str, heading: str = "",
                   clause_kind: str | None = None) -> Clause:
    where = _locate(doc)
    if anchor not in where:
        raise EditError("edit_not_in_version", clause=anchor)
    siblings, parent = where[anchor]
    if position == LAST_CHILD:
        parent = next(s for s in siblings if s.key == anchor)
        siblings = parent.children
    else:
        anchor_node = next(s for s in siblings if s.key == anchor)
        if clause_kind is None or clause_kind == anchor_node.kind:
            return Clause(key=key, kind=anchor_node.kind, text=text, heading=heading,
                          num_style=anchor_node.num_style, num_pattern=anchor_node.num_pattern)
    kind, style, pattern = _child_style(parent, siblings, clause_kind)
    if kind == SECTION and style not in (DECIMAL, BULLET) and not heading:
        heading = ""
    return Clause(key=key, kind=kind, text=text, heading=heading, num_style=style, num_pattern=pattern)


def apply_changes(doc: Document, changes: list[Change], new_key: Callable[[], str],
                  policy: str = NumberingPolicy.BIS) -> Document:
    """Apply ``changes`` in order to a copy of ``doc``; returns the new tree.

    Existing clauses keep their labels as written; an inserted clause is labelled by
    ``policy`` ("2.5 bis" after "2.5" by default; see :func:`~.tree.number_clauses`).

    Raises :class:`EditError` when a change refers to a clause that is not there.
    """
    out = doc.copy()
    where: dict | None = None
    for ch in changes:
        if ch.kind == COMMENT:
            continue
        if ch.key is None:
            raise EditError("edit_no_clause", kind=ch.kind)
        if ch.kind == REPLACE:  # rewording keeps every clause where it is: reuse the index
            where = where if where is not None else _locate(out)
            where_now = where
        else:  # the shape changes: find places afresh, now and next time
            where_now, where = _locate(out), None
        if ch.kind == REPLACE:
            if ch.key not in where_now:
                raise EditError("edit_not_in_version", clause=ch.key)
            node = next(s for s in where_now[ch.key][0] if s.key == ch.key)
            node.text = ch.text
            if ch.heading is not None:
                node.heading = ch.heading
        elif ch.kind == DELETE:
            if ch.key not in where_now:
                raise EditError("edit_not_in_version", clause=ch.key)
            siblings = where_now[ch.key][0]
            siblings[:] = [s for s in siblings if s.key != ch.key]
        elif ch.kind == INSERT:
            ch.new_key = ch.new_key or new_key()
            node = new_clause_for(out, ch.key, ch.position, key=ch.new_key, text=ch.text, heading=ch.heading or "",
                                  clause_kind=ch.clause_kind)
            if ch.label and node.num_style != "none":
                node.label = ch.label
            _insert_at(out, where_now, ch.key, ch.position, node)
        elif ch.kind == MOVE:
            if ch.key not in where_now:
                raise EditError("edit_not_in_version", clause=ch.key)
            if ch.anchor is None or ch.anchor not in where_now:
                raise EditError("edit_move_target_missing", clause=ch.anchor or "")
            if ch.anchor == ch.key:
                raise EditError("edit_move_self")
            siblings = where_now[ch.key][0]
            node = next(s for s in siblings if s.key == ch.key)
            if any(c.key == ch.anchor for c in node.walk()):
                raise EditError("edit_move_inside")
            siblings[:] = [s for s in siblings if s.key != ch.key]
            _insert_at(out, _locate(out), ch.anchor, ch.position, node)
        else:
            raise EditError("edit_unknown_kind", kind=ch.kind)
    if policy == NumberingPolicy.POSITION:
        return renumber(out)
    return number_clauses(out, policy)


def touched_keys(ch: Change) -> set[str]:
    """The existing clauses a change depends on (for conflict detection)."""
    keys = {ch.key} if ch.key else set()
    if ch.anchor:
        keys.add(ch.anchor)
    return keys


def conflicts(changes: list[Change], doc: Document) -> list[dict]:
    """Pairs of changes that cannot both be applied: same clause changed in incompatible ways,
    or a change anchored to a clause another change deletes."""
    out: list[dict] = []
    deleted: dict[str, Change] = {}
    replaced: dict[str, Change] = {}
    moved: dict[str, Change] = {}
    index = doc.index()
    for ch in changes:
        if ch.kind == COMMENT:
            continue
        if ch.key is None:
            out.append({"refs": [ch.ref], "clause": None, "reason": "the change names no clause",
                        "code": "conflict_no_clause", "params": {}})
            continue
        if ch.key not in index:
            out.append({"refs": [ch.ref], "clause": ch.key, "reason": f"clause {ch.key} is not in the base version",
                        "code": "conflict_not_in_base", "params": {"clause": ch.key}})
            continue
        if ch.kind == DELETE:
            if ch.key in deleted:
                continue  # two proposals to delete the same clause agree
            deleted[ch.key] = ch
        elif ch.kind == REPLACE:
            prev = replaced.get(ch.key)
            if prev is not None and (prev.text, prev.heading) != (ch.text, ch.heading):
                out.append({"refs": [prev.ref, ch.ref], "clause": ch.key,
                            "reason": "two different new wordings for the same clause",
                            "code": "conflict_two_wordings", "params": {}})
            replaced.setdefault(ch.key, ch)
        elif ch.kind == MOVE:
            prev = moved.get(ch.key)
            if prev is not None and (prev.anchor, prev.position) != (ch.anchor, ch.position):
                out.append({"refs": [prev.ref, ch.ref], "clause": ch.key,
                            "reason": "the same clause moved to two different places",
                            "code": "conflict_two_places", "params": {}})
            moved.setdefault(ch.key, ch)
    for key, d in deleted.items():
        # a deleted clause (or one inside it) cannot also be reworded, moved or used as an anchor
        gone = {c.key for c in index[key].walk()}
        for ch in changes:
            if ch is d or ch.kind == COMMENT or (ch.kind == DELETE and ch.key in gone):
                continue
            hit = touched_keys(ch) & gone
            if hit:
                what = {REPLACE: "rewords", MOVE: "moves", INSERT: "inserts next to"}.get(ch.kind, "changes")
                out.append({"refs": [d.ref, ch.ref], "clause": sorted(hit)[0],
                            "reason": f"one deletes clause {sorted(hit)[0]}, the other {what} it",
                            "code": f"conflict_delete_{what.split()[0]}", "params": {"clause": sorted(hit)[0]}})
    return out
