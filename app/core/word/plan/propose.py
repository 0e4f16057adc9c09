"""Stage 5 of the .docx → proposals plan (read revisions → attribute → align → classify →
**plan**): the classified edits → the proposals to make (:class:`Change`), each with the
paragraph it comes from, and what was not made into one (:class:`~.classify.Skip`). Pure.

What becomes what:

- a changed paragraph → *replace* of its clause, ``proposed_text`` the accepted text (number
  label stripped), provided its rejected text equals the clause's current text; a change in a
  clause's head paragraph (a section heading, "For the ...:" of a signature block) changes the
  heading (``proposed_heading``);
- an inserted paragraph → *insert* of a new clause where it stands: after the preceding clause,
  before the following one when the preceding clause is the heading it opens, or as the last
  child of a section that has none; a number label typed in front of the text ("1.3<TAB>",
  "2.5 bis") chooses the level and is kept as the new clause's label;
- a deleted paragraph → *delete* (a clause deleted with all its sub-clauses is one deletion);
- the two halves of a move → *move* (plus a *replace* when the moved text was also changed);
- Word comments → the rationale of the proposal made from their paragraph; on an unchanged
  paragraph, a *comment* proposal on its clause; outside any clause, a general comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.core.clauses import edit
from app.core.clauses.tree import SECTION, Clause

from ..layout import HEAD, has_head
from ..tracked import DELETED, INSERTED, MOVED_FROM, MOVED_TO, UNCHANGED
from .align import Layout, Slot
from .classify import Classified, ClauseEdit, ClauseTree, Skip
from .revisions import Para
from .text import excerpt, norm, split_label


@dataclass
class Change:
    """A proposal to make: the fields of a proposal that a tracked change decides."""

    kind: str  # replace | insert | delete | move | comment (app.core.clauses.edit)
    clause_key: str | None = None
    proposed_text: str = ""
    proposed_heading: str | None = None
    proposed_label: str | None = None  # a number label typed in front of an inserted paragraph
    position: str | None = None  # insert, move: before | after | last_child of ``anchor_key`` / ``clause_key``
    anchor_key: str | None = None  # move: the clause it goes next to
    rationale: str = ""


@dataclass
class Planned:
    """A proposal to create, and the paragraph it comes from (1-based)."""

    paragraph: int
    change: Change


@dataclass
class Proposed:
    planned: list[Planned]  # in paragraph order
    skipped: list[Skip]


def shape(label: str) -> set[str]:
    """What kind of number a label is: "outline2" (1.2), "decimal" (1), "roman", "alpha" (both
    for "i.", "v."), with case."""
    s = label.strip().strip("()").strip().rstrip(".:)- \u2013\u2014").strip()
    low = s.lower()
    for word in ("article", "section", "art."):
        if low.startswith(word):
            return {"article"}
    if re.fullmatch(r"\d+(?:\.\d+)+", s):
        return {f"outline{s.count('.') + 1}"}
    if s.isdigit():
        return {"decimal", "outline1"}
    out = set()
    case = "upper" if s.isupper() else "lower"
    if re.fullmatch(r"[ivxlcdm]+", low):
        out.add("roman-" + case)
    if re.fullmatch(r"([a-z])\1?", low):
        out.add("alpha-" + case)
    return out


def new_lines(text: str, old_label: str) -> tuple[str, list[str]]:
    """(typed label, lines) of a paragraph's accepted text; the label is stripped the way
    the rejected text's was (a label where there was none only when followed by a TAB)."""
    lines = text.split("\n")
    label, rest = split_label(lines[0], tab_only=not old_label)
    if label:
        if not rest.strip() and len(lines) > 1:  # "Article 4" then a line break, then the heading
            lines = lines[1:]
        else:
            lines[0] = rest
    return label, lines


def old_lines_stripped(p: Para, slots: list[Slot]) -> tuple[str, list[str]] | None:
    """(label, lines) of a paragraph's rejected text with its typed number label removed, or
    None when a line does not equal the clause line it was matched to."""
    lines = list(p.old_lines)
    label = ""
    out: list[str] = []
    for n, (line, s) in enumerate(zip(lines, p.slots, strict=True)):
        if s is None:
            if line.strip():
                if n == 0:
                    lab, rest = split_label(line)
                    if lab and not rest.strip():  # a line that is just the label ("Article 4")
                        label = lab
                        continue
                return None
            out.append(line)
            continue
        want = norm(slots[s].text)
        if norm(line) == want:
            out.append(line)
            continue
        if n == 0:
            lab, rest = split_label(line)
            if lab and norm(rest) == want:
                label = lab
                out.append(rest)
                continue
        return None
    return label, out


def place(tree: ClauseTree, prev: str | None, nxt: str | None, label: str) -> tuple[str | None, str]:
    """(anchor clause, position) for new text standing between clauses ``prev`` and ``nxt``.

    Without a typed label: before ``nxt`` when it is the first sub-clause of ``prev`` (text
    right under a heading), as the last child of a section that has no sub-clauses, else after
    ``prev`` (at its level). A typed label ("1.3", "v.", "(c)") picks the level whose numbers
    look like it."""
    options: list[tuple[str, str, set[str] | None]] = []  # (anchor, position, shapes it fits)
    if prev is None:
        return (nxt, edit.BEFORE) if nxt else (None, edit.AFTER)
    c_prev = tree.index[prev]
    first_child = nxt is not None and tree.parent.get(nxt) == prev
    if first_child and nxt is not None:
        options.append((nxt, edit.BEFORE, shape(tree.index[nxt].number)))
    if c_prev.kind == SECTION and not c_prev.children:
        depth = len(tree.ancestors(prev)) + 2
        options.append((prev, edit.LAST_CHILD, {f"outline{depth}", "decimal", "alpha-lower", "roman-lower"}))
    for a in [prev, *tree.ancestors(prev)]:
        if nxt is None or not tree.contains(a, nxt):
            options.append((a, edit.AFTER, shape(tree.index[a].number)))
    if nxt is not None and not first_child:
        options.append((nxt, edit.BEFORE, shape(tree.index[nxt].number)))
    if label:
        want = shape(label)
        for anchor, position, shapes in options:
            if shapes and want & shapes:
                return anchor, position
    anchor, position, _ = options[0]
    return anchor, position


def _after_run(tree: ClauseTree, anchor: str, nxt: str | None) -> tuple[str, str]:
    """A placement equivalent to "after ``anchor``" that keeps several insertions in their order
    when applied one after the other: before the next sibling, or last child of the parent."""
    if nxt is not None and tree.parent.get(nxt) == tree.parent.get(anchor):
        return nxt, edit.BEFORE
    parent = tree.parent.get(anchor)
    if parent is not None and tree.index[parent].children[-1].key == anchor:
        return parent, edit.LAST_CHILD
    return anchor, edit.AFTER


def _replace(c: Clause, heading: str, text: str) -> Change:
    heading_changed = norm(heading) != norm(c.heading)
    return Change(kind=edit.REPLACE, clause_key=c.key, proposed_text=text,
                  proposed_heading=heading.strip() if heading_changed else None)


_SkipFn = Callable[..., None]


def _replacement(c: Clause, ce: ClauseEdit, lay: Layout, version: int, skip: _SkipFn,
                 where: Callable[[str], str]) -> Change | None:
    """The replace proposal for a clause whose paragraphs changed, or None (reported)."""
    slots = lay.slots
    mine = lay.by_clause[c.key]
    pos = {s: n for n, s in enumerate(mine)}
    replacement: dict[int, list[str] | None] = {}  # position in ``mine`` -> new lines (None: removed)
    label_changes: list[tuple[Para, str, str]] = []
    for p in ce.paras:
        if p.change == UNCHANGED:
            continue
        stripped = old_lines_stripped(p, slots)
        matched = [s for s in p.slots if s is not None]
        if p.approx or stripped is None or not matched:
            skip(p, f"The text of this paragraph before your changes does not match {where(c.key)} of version "
                    f"{version} (it may be from another version, or differ slightly): propose the change in "
                    "Concord instead.", c.key)
            return None
        old_label, _old = stripped
        span = [pos[s] for s in matched]
        if span != list(range(span[0], span[0] + len(span))):
            skip(p, f"The lines of this paragraph are not in the order of {where(c.key)}.", c.key)
            return None
        if p.change in (DELETED, MOVED_FROM):
            for n in span:
                replacement[n] = None
            continue
        new_label, new = new_lines(p.rev.new_text, old_label)
        if old_label != new_label and (old_label or new_label):
            label_changes.append((p, old_label, new_label))
        replacement[span[0]] = new
        for n in span[1:]:
            replacement[n] = None
    head: list[str] = []
    body: list[str] = []
    for n, s in enumerate(mine):
        slot = slots[s]
        if n not in replacement:
            (head if slot.role == HEAD else body).append(slot.text)
            continue
        lines = replacement[n]
        if lines is None:
            continue
        if slot.role == HEAD:
            heads = sum(1 for m in mine[n:] if slots[m].role == HEAD)
            head += lines[:heads]
            body += lines[heads:]
        else:
            body += lines
    heading = "\n".join(head) if has_head(c.kind, c.heading) else c.heading
    text = "\n".join(body)
    for p, old, new_label in label_changes:
        what = (f"from “{old}” to “{new_label}”" if old and new_label
                else (f"“{old}” removed" if old else f"“{new_label}” typed"))
        skip(p, f"The number label was changed ({what}); numbers are computed from the clause's place, so "
                "this is not an amendment and was ignored.", c.key)
    if norm(text) == norm(c.text) and norm(heading) == norm(c.heading):
        if not label_changes:
            skip(next(p for p in ce.paras if p.change != UNCHANGED),
                 f"The changes leave the wording of {where(c.key)} as it is (spacing or formatting only).", c.key)
        return None
    return _replace(c, heading, text)


def propose(paras: list[Para], cl: Classified, tree: ClauseTree, lay: Layout, *, version: int) -> Proposed:
    """Stage 5: the proposals ``cl``'s edits, insertions and comments make (and what was not
    made into one, after ``cl.skipped``), in paragraph order."""
    skipped: list[Skip] = list(cl.skipped)

    def skip(p: Para, reason: str, key: str | None = None) -> None:
        skipped.append(Skip(p.no, reason, key))

    where = tree.where
    para_key, edits, covered, moving, moved_keys = cl.para_key, cl.edits, cl.covered, cl.moving, cl.moved_keys
    gone_keys = cl.gone

    # Surviving neighbours of each paragraph, for placing insertions and moves.
    def anchor_at(i: int) -> str | None:
        key = para_key.get(i)
        if key is None or key in gone_keys or paras[i].change in (DELETED, MOVED_FROM):
            return None
        return key

    def neighbours(i: int, exclude: frozenset[str] | set[str] = frozenset()) -> tuple[str | None, str | None]:
        prev = next((k for j in range(i - 1, -1, -1) if (k := anchor_at(j)) and k not in exclude), None)
        nxt = next((k for j in range(i + 1, len(paras)) if (k := anchor_at(j)) and k not in exclude), None)
        return prev, nxt

    rationale: dict[str, list[str]] = {}  # clause key -> comment texts
    results: list[tuple[int, Change]] = []
    made_for: dict[str, Change] = {}  # clause key -> its first proposal here
    made_at: dict[int, Change] = {}  # new paragraph (inserted, moved to) -> its proposal

    # Replacements, deletions, moves.
    for key, ce in edits.items():
        if not ce.kind or key in covered:
            continue
        c = tree.index[key]
        if ce.kind == edit.DELETE:
            ch = Change(kind=edit.DELETE, clause_key=key)
            results.append((ce.first_para, ch))
            made_for.setdefault(key, ch)
        elif ce.kind == edit.MOVE:
            tos = [i for i, p in enumerate(paras) if p.change == MOVED_TO and p.move == ce.move]
            prev, nxt = neighbours(tos[0], exclude=moved_keys)
            label, lines = new_lines(paras[tos[0]].rev.new_text, "x")
            anchor, position = place(tree, prev, nxt, label)
            if anchor is None:
                skip(ce.paras[0], f"Where {where(key)} was moved to could not be placed among the clauses.", key)
                continue
            ch = Change(kind=edit.MOVE, clause_key=key, anchor_key=anchor, position=position)
            results.append((ce.first_para, ch))
            made_for.setdefault(key, ch)
            made_at.update((i, ch) for i in tos)
            # the moved text changed too?
            group = [k for k in moving if moving[k] == ce.move]
            if len(group) == 1 and not c.children:
                new = lines[:]
                for i in tos[1:]:
                    new += paras[i].rev.new_text.split("\n")
                heading, text = ((new[0], "\n".join(new[1:])) if has_head(c.kind, c.heading)
                                 else (c.heading, "\n".join(new)))
                if norm(text) != norm(c.text) or norm(heading) != norm(c.heading):
                    results.append((ce.first_para, _replace(c, heading, text)))
        else:
            made = _replacement(c, ce, lay, version, skip, where)
            if made is not None:
                results.append((ce.first_para, made))
                made_for.setdefault(key, made)

    # Insertions (and moveTo halves without their moveFrom), in runs between the same clauses.
    last_place: dict[tuple[str | None, str | None], list[tuple[str, str]]] = {}
    for i, p in enumerate(paras):
        if not (p.change == INSERTED or (p.change == MOVED_TO and p.move not in cl.paired)):
            continue
        text = p.rev.new_text
        if not text.strip():
            continue  # an empty paragraph: spacing, not an amendment
        if p.rev.table is not None:
            skip(p, "A paragraph added inside a table (the signature blocks) is not a clause; propose it in "
                    "Concord instead.")
            continue
        label, lines = new_lines(text, "x")
        body = "\n".join(lines).strip()
        if not body:
            skip(p, f"Only a number label was inserted (“{label}”); numbers are computed, so this is not an "
                    "amendment.")
            continue
        prev, nxt = neighbours(i)
        anchor, position = place(tree, prev, nxt, label)
        if anchor is None:
            skip(p, "The new paragraph could not be placed: no clause of the version around it was recognised.")
            continue
        # A second insertion at the same place must come after the first one.
        run = last_place.setdefault((prev, nxt), [])
        if run and (anchor, position) in run and position == edit.AFTER:
            anchor, position = _after_run(tree, anchor, nxt)
        run.append((anchor, position))
        ch = Change(kind=edit.INSERT, clause_key=anchor, position=position, proposed_text=body,
                    proposed_label=label or None)
        results.append((p.no, ch))
        made_at[i] = ch

    # Comments: the rationale of the proposal from their paragraph, else a comment proposal.
    general: list[tuple[int, str]] = []
    comment_para: dict[str, int] = {}
    for i, p in enumerate(paras):
        texts = []
        for cm in p.rev.comments:
            if cm.done:
                skip(p, f"A resolved comment was left out: “{excerpt(cm.text)}”.", para_key.get(i))
                continue
            if cm.text.strip():
                texts.append(cm.text.strip())
        if not texts:
            continue
        if i in made_at:
            ch = made_at[i]
            ch.rationale = "\n\n".join(filter(None, [ch.rationale, *texts]))
            continue
        on = para_key.get(i)
        if on is None:
            general += [(p.no, t) for t in texts]
            continue
        rationale.setdefault(on, []).extend(texts)
        comment_para.setdefault(on, p.no)
    for key, texts in rationale.items():
        joined = "\n\n".join(texts)
        target = made_for.get(key)
        if target is None and key in covered:
            # a comment on a sub-clause of a deleted/moved clause goes to that clause's proposal
            target = next((made_for[a] for a in tree.ancestors(key) if a in made_for), None)
        if target is not None:
            target.rationale = "\n\n".join(filter(None, [target.rationale, joined]))
        else:
            results.append((comment_para[key], Change(kind=edit.COMMENT, clause_key=key, rationale=joined)))
    for no, text in general:
        results.append((no, Change(kind=edit.COMMENT, rationale=text)))

    results.sort(key=lambda x: x[0])
    skipped.sort(key=lambda s: s.paragraph)
    return Proposed([Planned(no, ch) for no, ch in results], skipped)
