"""The redline: a comparison drawn as real Word tracked changes.

- a modified clause: word-level ``w:ins`` / ``w:del`` (``w:delText``) runs in its paragraphs;
- an inserted clause: runs in ``w:ins`` and every paragraph mark inserted
  (``w:pPr/w:rPr/w:ins``); a deleted clause likewise with ``w:del``;
- a moved clause: ``w:moveFrom`` (the old wording, where it stood) and ``w:moveTo`` (the new
  wording, where it stands), each inside ``w:moveFromRangeStart/End`` /
  ``w:moveToRangeStart/End`` named ``move_<key>``, paragraph marks moved too; words added
  while moving are ``w:ins`` inside the moved-to text;
- a new number label (renumbering): the old label deleted, the new one inserted.

Every revision carries a unique ``w:id``, ``w:author`` (the proposal's author from the
clause's provenance, else ``default_author``) and ``w:date`` (UTC). With
``with_comments=True`` each proposal's rationale becomes a Word comment on the clause.

Each clause (new key; old key for deletions) is wrapped in the bookmark ``cl_<key>``;
accepting every change leaves the new version laid out as
:func:`app.core.word.layout.clause_paragraph_texts`, rejecting every change the old one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from difflib import SequenceMatcher

from lxml import etree

from app.core.clauses.labels import label_ordinal
from app.core.clauses.tree import TITLE, Document, number_clauses
from app.core.compare.model import (
    DELETE,
    DELETED,
    EQUAL,
    INSERT,
    INSERTED,
    MOVED,
    SOURCE_CHANGED,
    ClauseDiff,
    Comparison,
    WordOp,
)

from . import ooxml as ox
from .agreement import AgreementMarks, add_styles, bracket_runs, legend_lines, mark_clause, note_paragraph
from .labels import PROPOSAL_NO, Labels
from .layout import has_head, label_sep, written_label
from .writer import (
    body_format,
    body_of,
    footer_page_number,
    head_format,
    header_line,
    header_text,
    new_document,
    short_connector,
    to_bytes,
    wrap_bookmark,
)

# --- word operations ----------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|[^\W_]+|_+|[^\w\s]", re.UNICODE)


def word_ops(old: str, new: str) -> list[WordOp]:
    """A word-level diff of two texts (fallback when a comparison carries no usable ops)."""
    if old == new:
        return [WordOp(EQUAL, old)] if old else []
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    ops: list[WordOp] = []
    sm = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            ops.append(WordOp(EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp(DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp(INSERT, "".join(b[j1:j2])))
    return merge_ops(ops)


def merge_ops(ops: Sequence[WordOp]) -> list[WordOp]:
    """Drop empty ops and join neighbours of the same kind."""
    out: list[WordOp] = []
    for op in ops:
        if not op.text:
            continue
        if out and out[-1].op == op.op:
            out[-1] = WordOp(op.op, out[-1].text + op.text)
        else:
            out.append(WordOp(op.op, op.text))
    return out


def ops_for(old: str, new: str, ops: Sequence[WordOp] | None) -> list[WordOp]:
    """``ops`` if they turn ``old`` into ``new`` exactly, else a fresh :func:`word_ops`."""
    if ops:
        src = "".join(o.text for o in ops if o.op in (EQUAL, DELETE))
        dst = "".join(o.text for o in ops if o.op in (EQUAL, INSERT))
        if src == old and dst == new and all(o.op in (EQUAL, INSERT, DELETE) for o in ops):
            return merge_ops(ops)
    return word_ops(old, new)


def write_ops(p: etree._Element, ops: Sequence[WordOp], rev: ox.Rev, ids: ox.IdAllocator, *,
              bold: bool = False, equal_kind: str | None = None, keep_deleted: bool = True,
              **props) -> None:
    """Append ``ops`` to paragraph ``p``: EQUAL as plain runs (or inside ``equal_kind``,
    e.g. ``MOVE_TO``), INSERT in ``w:ins``, DELETE in ``w:del`` (skipped when
    ``keep_deleted`` is False)."""
    for op in ops:
        if op.op == EQUAL:
            ox.revised_run(p, equal_kind, op.text, rev, ids, bold=bold, **props)
        elif op.op == INSERT:
            ox.revised_run(p, ox.INS, op.text, rev, ids, bold=bold, **props)
        elif keep_deleted:
            ox.revised_run(p, ox.DEL, op.text, rev, ids, bold=bold, **props)


# --- where moved clauses stood -------------------------------------------------------------------

NORMAL = "normal"
MOVE_SOURCE = "move_from"
MOVE_TARGET = "move_to"

#: the value of a number's last counter, whatever its style (the label grammar's)
_ordinal = label_ordinal


def _is_moved(cd: ClauseDiff) -> bool:
    return bool(cd.old_key) and cd.status not in (INSERTED, DELETED) and (cd.status == MOVED or cd.moved)


def _estimate_old_order(diffs: list[ClauseDiff], moved: set[int]) -> list[str]:
    """Without the old reading order: keep the comparison's order for everything that did
    not move and put each moved clause among its old siblings by its old number."""
    order = [i for i, cd in enumerate(diffs) if cd.old_key and cd.status != INSERTED and i not in moved]

    def subtree_end(pos: int) -> int:
        depth = diffs[order[pos]].depth
        pos += 1
        while pos < len(order) and diffs[order[pos]].depth > depth:
            pos += 1
        return pos

    for m in sorted(moved, key=lambda i: (_ordinal(diffs[i].old_number) or 0, i)):
        cd = diffs[m]
        mine = _ordinal(cd.old_number)
        sibs = [pos for pos, i in enumerate(order)
                if diffs[i].old_parent_key == cd.old_parent_key and diffs[i].depth == cd.depth]
        target = None
        if mine is not None:
            for pos in sibs:
                theirs = _ordinal(diffs[order[pos]].old_number)
                if theirs is not None and theirs > mine:
                    target = pos
                    break
        if target is None:
            if sibs:
                target = subtree_end(sibs[-1])
            else:
                parent = next((pos for pos, i in enumerate(order) if diffs[i].old_key == cd.old_parent_key), None)
                target = len(order) if parent is None else subtree_end(parent)
        order.insert(target, m)
    return [diffs[i].old_key for i in order]  # type: ignore[misc]


def plan(diffs: list[ClauseDiff], old_order: Sequence[str] | None = None) -> list[tuple[str, ClauseDiff]]:
    """The units to draw, in document order: ``(NORMAL | MOVE_SOURCE | MOVE_TARGET, diff)``.

    A clause is drawn as a move when the comparison says so (status MOVED or
    ``moved=True``) or, given ``old_order`` (old keys in the old reading order), when its
    place in the reading order changed. Its ``w:moveFrom`` copy goes right after the clause
    that preceded it in the old text.
    """
    moved = {i for i, cd in enumerate(diffs) if _is_moved(cd)}
    present = {cd.old_key: i for i, cd in enumerate(diffs) if cd.old_key and cd.status != INSERTED}
    if old_order is None:
        old_order = _estimate_old_order(diffs, moved)
    else:
        # the flagged moves aside, whatever is out of the old reading order moved too
        flagged = {diffs[i].old_key for i in moved}
        old_seq = [k for k in old_order if k in present and k not in flagged]
        new_seq = [cd.old_key for cd in diffs if cd.old_key and cd.status != INSERTED and cd.old_key not in flagged]
        kept: set[str] = set()
        for block in SequenceMatcher(None, old_seq, new_seq, autojunk=False).get_matching_blocks():
            kept.update(new_seq[block.b:block.b + block.size])  # type: ignore[arg-type]
        for k, i in present.items():
            if k not in kept and k not in flagged and diffs[i].status != DELETED:
                moved.add(i)
    after: dict[int, list[int]] = defaultdict(list)  # unit index -> moved sources drawn after it
    anchor = -1
    placed: set[int] = set()
    for k in old_order:
        i = present.get(k)
        if i is None:
            continue
        if i in moved:
            if i not in placed:
                after[anchor].append(i)
                placed.add(i)
        else:
            anchor = i
    for i in sorted(moved - placed):  # old place unknown: just before the new one
        after[i - 1].append(i)
    units: list[tuple[str, ClauseDiff]] = [(MOVE_SOURCE, diffs[j]) for j in after[-1]]
    for i, cd in enumerate(diffs):
        units.append((MOVE_TARGET if i in moved else NORMAL, cd))
        units.extend((MOVE_SOURCE, diffs[j]) for j in after[i])
    return units


# --- drawing ---------------------------------------------------------------------------------


class _Redline:
    def __init__(self, body: etree._Element, default: ox.Rev, with_comments: bool, labels: Labels | None = None,
                 comparison: Comparison | None = None, old_labels: Mapping[str, str] | None = None,
                 new_labels: Mapping[str, str] | None = None, marks: AgreementMarks | None = None):
        self.labels = labels or Labels("en")
        self.old_labels = old_labels or {}
        self.new_labels = new_labels or {}
        self.marks = marks
        self.comparison = comparison
        self.body = body
        self.default = default
        self.ids = ox.IdAllocator()
        self.with_comments = with_comments
        self.comments: list[ox.Comment] = []
        self.bookmarks: set[str] = set()

    # number labels as written (the comparison carries the numbers as cited)
    def old_label(self, cd: ClauseDiff) -> str:
        return self.old_labels.get(cd.old_key or "", cd.old_number) if cd.old_key else cd.old_number

    def new_label(self, cd: ClauseDiff) -> str:
        return self.new_labels.get(cd.new_key or "", cd.new_number) if cd.new_key else cd.new_number

    # who and when
    def rev_for(self, cd: ClauseDiff) -> ox.Rev:
        if not cd.provenance:
            return self.default
        first = cd.provenance[0]
        author = str(first.get("author") or "") or self.default.author
        date = first.get("date")
        try:
            stamp = ox.iso_date(date) if date else self.default.date
        except (TypeError, ValueError):
            stamp = self.default.date
        return ox.Rev(author, stamp)

    # paragraphs
    def _para(self, fmt: dict, mark_kind: str | None, rev: ox.Rev) -> etree._Element:
        mark = (mark_kind, rev, self.ids) if mark_kind else None
        return ox.paragraph(self.body, mark=mark, **fmt)

    def _label(self, p, kind: str, old: str, new: str, rev: ox.Rev, bold: bool,
               whole: str | None = None) -> None:
        """The number label and its separator. ``whole``: the revision kind of the whole
        clause (label written in it), else old -> new as a deletion plus an insertion."""
        if whole is not None:
            num = old if whole in ox.REMOVING_KINDS else new
            if num:
                ox.revised_run(p, whole, num + label_sep(kind, num), rev, self.ids, bold=bold)
            return
        if old == new:
            if new:
                ox.run(p, new + label_sep(kind, new), bold=bold)
            return
        sep_old, sep_new = label_sep(kind, old), label_sep(kind, new)
        if old and new and sep_old == sep_new:
            ox.revised_run(p, ox.DEL, old, rev, self.ids, bold=bold)
            ox.revised_run(p, ox.INS, new, rev, self.ids, bold=bold)
            ox.run(p, sep_new, bold=bold)
            return
        if old:
            ox.revised_run(p, ox.DEL, old + sep_old, rev, self.ids, bold=bold)
        if new:
            ox.revised_run(p, ox.INS, new + sep_new, rev, self.ids, bold=bold)

    def whole(self, cd: ClauseDiff, kind_of_rev: str, rev: ox.Rev) -> list[etree._Element]:
        """The clause entirely inserted, deleted, moved from or moved to: each paragraph's
        mark and all its runs (label included) in one revision of ``kind_of_rev``."""
        old_side = kind_of_rev in ox.REMOVING_KINDS
        number = self.old_label(cd) if old_side else self.new_label(cd)
        heading = cd.old_heading if old_side else cd.new_heading
        text = cd.old_text if old_side else cd.new_text
        kind = cd.kind
        deleted = kind_of_rev == ox.DEL
        ids = self.ids
        paras = []
        if has_head(kind, heading):
            p = self._para(head_format(kind, number, cd.depth), kind_of_rev, rev)
            box = ox.revision(p, kind_of_rev, rev, ids)
            ox.run(box, number + label_sep(kind, number) + heading if number else heading,
                   bold=True, deleted=deleted)
            paras.append(p)
            if text:
                q = self._para(body_format(kind, "", cd.depth, head_number=number), kind_of_rev, rev)
                ox.run(ox.revision(q, kind_of_rev, rev, ids), text, deleted=deleted)
                paras.append(q)
        else:
            p = self._para(self._body_fmt(kind, number, text, cd.depth), kind_of_rev, rev)
            box = ox.revision(p, kind_of_rev, rev, ids)
            ox.run(box, number + label_sep(kind, number) + text if number else text,
                   bold=kind == TITLE, deleted=deleted)
            paras.append(p)
        return paras

    @staticmethod
    def _body_fmt(kind: str, number: str, text: str, depth: int) -> dict:
        if not number and short_connector(kind, text, depth):
            return {"align": "center"}
        return body_format(kind, number, depth)

    def moved_to(self, cd: ClauseDiff, rev: ox.Rev) -> list[etree._Element]:
        """The new wording where it now stands: moved-to runs, with any words added in the
        same change as insertions (words removed show in the moved-from copy)."""
        kind = cd.kind
        if has_head(kind, cd.old_heading) != has_head(kind, cd.new_heading):
            return self.whole(cd, ox.MOVE_TO, rev)
        paras = []
        mt = ox.MOVE_TO

        def content(p, old, new, ops, bold):
            if old == new:
                if new:
                    ox.revised_run(p, mt, new, rev, self.ids, bold=bold)
            else:
                write_ops(p, ops_for(old, new, ops), rev, self.ids, bold=bold, equal_kind=mt,
                          keep_deleted=False)

        if has_head(kind, cd.new_heading):
            p = self._para(head_format(kind, self.new_label(cd), cd.depth), mt, rev)
            self._label(p, kind, self.old_label(cd), self.new_label(cd), rev, True, whole=mt)
            content(p, cd.old_heading, cd.new_heading, cd.heading_ops, True)
            paras.append(p)
            if cd.new_text:
                q = self._para(body_format(kind, "", cd.depth, head_number=self.new_label(cd)), mt, rev)
                content(q, cd.old_text if cd.old_text else "", cd.new_text, cd.text_ops, False)
                paras.append(q)
        else:
            p = self._para(self._body_fmt(kind, self.new_label(cd), cd.new_text, cd.depth), mt, rev)
            self._label(p, kind, self.old_label(cd), self.new_label(cd), rev, False, whole=mt)
            content(p, cd.old_text, cd.new_text, cd.text_ops, kind == TITLE)
            paras.append(p)
        return paras

    def changed(self, cd: ClauseDiff, rev: ox.Rev) -> list[etree._Element]:
        """A clause in place: unchanged, renumbered or modified."""
        kind = cd.kind
        if has_head(kind, cd.old_heading) != has_head(kind, cd.new_heading):
            # the layout itself changes: old paragraphs out, new ones in
            return self.whole(cd, ox.DEL, rev) + self.whole(cd, ox.INS, rev)
        number = self.new_label(cd) or self.old_label(cd)
        paras = []
        if has_head(kind, cd.new_heading):
            p = self._para(head_format(kind, number, cd.depth), None, rev)
            self._label(p, kind, self.old_label(cd), self.new_label(cd), rev, True)
            self._content(p, cd.old_heading, cd.new_heading, cd.heading_ops, rev, True)
            paras.append(p)
            if cd.old_text or cd.new_text:
                mark = None if (cd.old_text and cd.new_text) else (ox.INS if cd.new_text else ox.DEL)
                q = self._para(body_format(kind, "", cd.depth, head_number=number), mark, rev)
                self._content(q, cd.old_text, cd.new_text, cd.text_ops, rev, False)
                paras.append(q)
        else:
            text = cd.new_text or cd.old_text
            p = self._para(self._body_fmt(kind, number, text, cd.depth), None, rev)
            self._label(p, kind, self.old_label(cd), self.new_label(cd), rev, False)
            self._content(p, cd.old_text, cd.new_text, cd.text_ops, rev, kind == TITLE)
            paras.append(p)
        return paras

    def _content(self, p, old: str, new: str, ops, rev: ox.Rev, bold: bool) -> None:
        if old == new:
            if new:
                ox.run(p, new, bold=bold)
            return
        write_ops(p, ops_for(old, new, ops), rev, self.ids, bold=bold)

    # annotations
    def comment(self, cd: ClauseDiff, paras: list[etree._Element], rev: ox.Rev, whole: str | None = None) -> None:
        for entry in cd.provenance:
            rationale = str(entry.get("rationale") or "").strip()
            if not rationale:
                continue
            author = str(entry.get("author") or "") or rev.author
            try:
                date = ox.iso_date(entry["date"]) if entry.get("date") else rev.date
            except (TypeError, ValueError):
                date = rev.date
            head = []
            if entry.get("proposal_id") is not None:
                head.append(self.labels(PROPOSAL_NO, id=entry["proposal_id"]))
            if entry.get("state") and entry.get("state") != author:
                head.append(str(entry["state"]))
            text = (" — ".join(head) + ": " if head else "") + rationale
            ident = self.ids()
            first = paras[0]
            ox.comment_range_start(first, ident, index=1 if first[0].tag == ox.W_PPR else 0)
            self._comment_end(paras[-1], ident, rev, whole)
            self.comments.append(ox.Comment(ident, author, date, text, ox.initials_of(str(entry.get("state") or author))))

    def _comment_end(self, p: etree._Element, ident: str, rev: ox.Rev, whole: str | None) -> None:
        """The comment's end and reference. In a paragraph that is entirely one revision
        (inserted, deleted, moved), the reference run is inside that revision too: rejecting
        (or accepting) it then removes the whole paragraph, leaving no empty one behind."""
        if whole is None:
            ox.comment_range_end(p, ident)
            return
        etree.SubElement(p, ox.W_COMMENT_RANGE_END, {ox.W_ID: ident})
        box = ox.revision(p, whole, rev, self.ids)
        r = etree.SubElement(box, ox.W_R)
        etree.SubElement(r, ox.W_COMMENT_REFERENCE, {ox.W_ID: ident})

    def source_note(self, cd: ClauseDiff, paras: list[etree._Element]) -> None:
        """A translation not updated after its authentic text changed: a comment on the clause
        saying so, with the authentic wording before and after (tracked changes stay the
        translation's own, so accepting or rejecting them still gives either version)."""
        cmp = self.comparison
        source_lang = cmp.source_lang if cmp else ""
        lang = cmp.lang if cmp else self.labels.lang

        def side(ops, keep) -> str:
            return "".join(o.text for o in ops if o.op in keep)

        old = "\n".join(x for x in (side(cd.source_heading_ops, (EQUAL, DELETE)),
                                     side(cd.source_text_ops, (EQUAL, DELETE))) if x)
        new = "\n".join(x for x in (side(cd.source_heading_ops, (EQUAL, INSERT)),
                                     side(cd.source_text_ops, (EQUAL, INSERT))) if x)
        lines = [self.labels.source_changed(source_lang, lang)]
        lines.append(f"{cmp.from_label if cmp and cmp.from_label else '—'}: {old}")
        lines.append(f"{cmp.to_label if cmp and cmp.to_label else '—'}: {new}")
        ident = self.ids()
        first = paras[0]
        ox.comment_range_start(first, ident, index=1 if first[0].tag == ox.W_PPR else 0)
        ox.comment_range_end(paras[-1], ident)
        author = self.labels.secretariat
        self.comments.append(ox.Comment(ident, author, self.default.date, "\n".join(lines), ox.initials_of(author)))

    def bookmark(self, paras: list[etree._Element], key: str | None) -> None:
        if not key or not paras:
            return
        name = ox.bookmark_name(key)
        if name in self.bookmarks:
            return
        self.bookmarks.add(name)
        wrap_bookmark(paras, name, self.ids)

    def move_range(self, paras: list[etree._Element], kind: str, name: str, rev: ox.Rev) -> None:
        ident = self.ids()
        first = paras[0]
        ox.move_range_start(first, kind, ident, name, rev, index=1 if first[0].tag == ox.W_PPR else 0)
        ox.move_range_end(paras[-1], kind, ident)

    def draw(self, mode: str, cd: ClauseDiff) -> None:
        rev = self.rev_for(cd)
        move_name = ox.bookmark_name(cd.old_key or cd.key).replace(ox.BOOKMARK_PREFIX, "move_", 1)
        if mode == MOVE_SOURCE:
            paras = self.whole(cd, ox.MOVE_FROM, rev)
            self.move_range(paras, ox.MOVE_FROM, move_name, rev)
            return
        whole = None
        if mode == MOVE_TARGET:
            paras = self.moved_to(cd, rev)
            self.move_range(paras, ox.MOVE_TO, move_name, rev)
            whole = ox.MOVE_TO
        elif cd.status == INSERTED:
            paras = self.whole(cd, ox.INS, rev)
            whole = ox.INS
        elif cd.status == DELETED:
            paras = self.whole(cd, ox.DEL, rev)
            whole = ox.DEL
        else:
            paras = self.changed(cd, rev)
        if self.with_comments:
            self.comment(cd, paras, rev, whole)
        if cd.status == SOURCE_CHANGED and paras:
            self.source_note(cd, paras)
        if self.marks is not None and cd.status != DELETED and cd.new_key:
            mark = self.marks(cd.new_key)
            if mark is not None and mark.brackets:
                # the disputed words in square brackets in the tracked text itself (body first)
                for q in reversed(paras):
                    if bracket_runs(q, mark.brackets):
                        break
            mark_clause(paras, mark, self.labels)
        self.bookmark(paras, cd.new_key if cd.status != DELETED else cd.old_key)

    def finish(self) -> None:
        """A revised mark on the very last paragraph cannot join a following one: end the
        body with a plain empty paragraph then."""
        last = self.body[-1] if len(self.body) else None
        if last is not None and last.tag == ox.W_P:
            rpr = last.find(f"{ox.W_PPR}/{ox.W_RPR}")
            if rpr is not None and any(el.tag in ox.REVISION_TAGS.values() for el in rpr):
                ox.paragraph(self.body)


def redline_docx(comparison: Comparison, *, title: str, default_author: str = "Secretariat",
                 default_date: datetime | None = None, with_comments: bool = False,
                 old_order: Sequence[str] | None = None, lang: str | None = None,
                 old_doc: Document | None = None, new_doc: Document | None = None,
                 agreement: AgreementMarks | None = None) -> bytes:
    """The comparison as a .docx with tracked changes (see the module docstring).

    ``old_order``: the old version's clause keys in reading order (``[c.key for c in
    old_doc.walk()]``). It places each moved clause's moved-from copy exactly where it
    stood, and finds moves the comparison did not flag (e.g. a clause carried along with a
    moved parent). Without it, moved-from copies are placed by their old number among
    their old siblings.

    ``lang``: the reader's language of the words Concord adds (default: the comparison's).
    A clause whose authentic text changed while its translation did not (``SOURCE_CHANGED``)
    carries a comment saying so, with the authentic wording before and after.

    ``old_doc`` / ``new_doc``: the two texts compared; their number labels are printed as
    written ("ARTICLE 4 -", "2.5 bis"; the comparison itself carries the numbers as cited).
    ``agreement``: the new text's agreement status (:mod:`app.core.word.agreement`): agreed
    clauses and bracketed ones in their styles, alternatives with their states, the progress
    line in the header and above the text. Not for a final text.
    """
    labels = Labels(lang or comparison.lang)
    doc = new_document(title=title)
    span = " → ".join(x for x in (comparison.from_label, comparison.to_label) if x)
    header_text(doc, title, span)
    if agreement is not None:
        add_styles(doc)
        if agreement.progress:
            header_line(doc, agreement.progress)
    footer_page_number(doc)
    body = body_of(doc)
    if agreement is not None:
        for line in legend_lines(agreement, labels):
            note_paragraph(body, line)

    def written(d: Document | None) -> dict[str, str]:
        return {c.key: written_label(c) for c in number_clauses(d).walk()} if d is not None else {}

    drawer = _Redline(body, ox.Rev(default_author, ox.iso_date(default_date)), with_comments, labels, comparison,
                      written(old_doc), written(new_doc), agreement)
    for mode, cd in plan(list(comparison.clauses), old_order):
        drawer.draw(mode, cd)
    drawer.finish()
    renumbering_note(drawer, comparison)
    if drawer.comments:
        ox.add_comments_part(doc, drawer.comments)
    return to_bytes(doc)


def renumbering_note(drawer: _Redline, comparison: Comparison) -> None:
    """The table of old -> new numbers, as a comment on the first paragraph, one row a line
    ("2 bis → 3"). A comment, not body text: accepting all changes still gives the new version
    exactly and rejecting them the old one, and Concord's importers do not read it as text.
    Written with the other comments (``with_comments``)."""
    rows = comparison.renumbering()
    first = next((p for p in drawer.body.iter(ox.W_P)), None)
    if not rows or first is None or not drawer.with_comments:
        return
    lab = drawer.labels
    text = "\n".join([f"{lab('Renumbering')}: {lab('Old number')} → {lab('New number')}"]
                      + [f"{r['old']} → {r['new']}" for r in rows])
    ident = drawer.ids()
    ox.comment_range_start(first, ident, index=1 if len(first) and first[0].tag == ox.W_PPR else 0)
    ox.comment_range_end(first, ident)
    rev = drawer.default
    drawer.comments.append(ox.Comment(ident, rev.author, rev.date, text, ox.initials_of(rev.author)))
