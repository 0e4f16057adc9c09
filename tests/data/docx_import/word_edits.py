"""Tracked changes written into an existing .docx the way Word writes them, for the import tests.

:class:`TrackedEdits` opens a .docx (python-docx for the package, lxml for the body) and
records edits as OOXML revisions: ``w:ins``/``w:del`` (``w:delText``) inside a paragraph,
paragraph-mark revisions (``w:pPr/w:rPr/w:ins|w:del``) for whole paragraphs, paired
``w:moveFrom``/``w:moveTo`` ranges for moves, and Word comments (``word/comments.xml``).
Paragraph numbers count every body paragraph from 0 as first loaded (table cells included),
so they are the ``ParagraphRevision.index`` of :func:`app.core.word.tracked.read_revisions`;
edits never renumber them: a paragraph added is numbered after all of them (``last``).

Deterministic and fast (milliseconds): no Word client involved. The LibreOffice round trip
(tests/proposals/test_docx_roundtrip_libreoffice.py) checks the same paths with a real client.
"""

from __future__ import annotations

import copy
import io

import docx
from lxml import etree

from app.core.word import ooxml as ox

W_P = ox.W_P
W_R = ox.W_R
W_T = ox.W_T
W_PPR = ox.W_PPR
W_RPR = ox.W_RPR
W_DEL_TEXT = ox.W_DEL_TEXT


class TrackedEdits:
    """Tracked edits on a .docx; :meth:`bytes` gives the edited document."""

    def __init__(self, data: bytes, *, author: str = "Kazakhstan Delegation", date: str = "2024-06-20T10:00:00Z"):
        self.doc = docx.Document(io.BytesIO(data))
        self.body = self.doc.element.body
        self.paras: list[etree._Element] = list(self.body.iter(W_P))
        self.rev = ox.Rev(author, date)
        self.ids = ox.IdAllocator(9000)
        self.comments: list[ox.Comment] = []
        self._moves = 0
        self.last = -1  # the number given to the last paragraph added (after all original ones)

    # -- finding ------------------------------------------------------------------------------

    def text(self, n: int) -> str:
        out = []
        for el in self.paras[n].iter(W_T, ox.W_TAB, ox.W_BR):
            if el.getparent().tag != W_R:  # tab stops in w:pPr are not text
                continue
            out.append((el.text or "") if el.tag == W_T else ("\t" if el.tag == ox.W_TAB else "\n"))
        return "".join(out)

    def find(self, start: str) -> int:
        """The first paragraph whose text starts with ``start``."""
        for n in range(len(self.paras)):
            if self.text(n).startswith(start):
                return n
        raise ValueError(f"no paragraph starts with {start!r}")

    # -- edits ----------------------------------------------------------------------------------

    def _split(self, n: int, old: str) -> tuple[etree._Element, etree._Element | None, etree._Element]:
        """Split the run holding ``old`` (within one w:t) into before / old / after runs; returns
        (the run of ``old``, its rPr, the paragraph) with the three runs in place."""
        p = self.paras[n]
        for t in p.iter(W_T):
            if t.text and old in t.text:
                break
        else:
            raise ValueError(f"{old!r} not in one text element of paragraph {n}: {self.text(n)!r}")
        r = t.getparent()
        rpr = r.find(W_RPR)
        at = t.text.index(old)
        before, after = t.text[:at], t.text[at + len(old):]
        kids = [c for c in r if c.tag != W_RPR]
        i = kids.index(t)
        parent = r.getparent()
        pos = parent.index(r)
        parent.remove(r)
        runs = []
        for items in (kids[:i] + ([before] if before else []), [old], ([after] if after else []) + kids[i + 1:]):
            run = etree.Element(W_R)
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            for item in items:
                if isinstance(item, str):
                    el = etree.SubElement(run, W_T)
                    el.text = item
                    if item != item.strip():
                        el.set(ox.XML_SPACE, "preserve")
                else:
                    run.append(item)
            runs.append(run)
        mid = runs[1]
        for run in reversed([x for x in runs if len([c for c in x if c.tag != W_RPR])]):
            parent.insert(pos, run)
        return mid, rpr, parent

    def replace(self, n: int, old: str, new: str) -> TrackedEdits:
        """Delete ``old`` (first occurrence, within one run) and insert ``new`` in its place."""
        mid, rpr, parent = self._split(n, old)
        pos = parent.index(mid)
        parent.remove(mid)
        dl = etree.Element(ox.W_DEL, {ox.W_ID: self.ids(), ox.W_AUTHOR: self.rev.author, ox.W_DATE: self.rev.date})
        dl.append(_as_deleted(mid))
        parent.insert(pos, dl)
        if new:
            ins = etree.Element(ox.W_INS, {ox.W_ID: self.ids(), ox.W_AUTHOR: self.rev.author, ox.W_DATE: self.rev.date})
            run = etree.SubElement(ins, W_R)
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            ox._fill_run(run, new, False)
            parent.insert(pos + 1, ins)
        return self

    def untracked(self, n: int, old: str, new: str) -> TrackedEdits:
        """Change the text without tracking (the document then differs from the version)."""
        for t in self.paras[n].iter(W_T):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                return self
        raise ValueError(f"{old!r} not in paragraph {n}")

    def _new_paragraph(self, after: int, kind: str) -> etree._Element:
        src = self.paras[after]
        p = etree.Element(W_P)
        ppr = src.find(W_PPR)
        ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(W_PPR)
        for old in ppr.findall(W_RPR):
            ppr.remove(old)
        rpr = etree.SubElement(ppr, W_RPR)
        etree.SubElement(rpr, ox.REVISION_TAGS[kind], {ox.W_ID: self.ids(), ox.W_AUTHOR: self.rev.author,
                                                      ox.W_DATE: self.rev.date})
        p.append(ppr)
        # after the last paragraph already inserted after ``after``
        anchor = src
        while anchor.getnext() is not None and anchor.getnext().get("inserted-here") == str(after):
            anchor = anchor.getnext()
        anchor.addnext(p)
        p.set("inserted-here", str(after))
        self.paras.append(p)  # numbered after all the original paragraphs
        self.last = len(self.paras) - 1
        return p

    def insert_after(self, n: int, text: str) -> TrackedEdits:
        """A new paragraph (formatted like paragraph ``n``) after it; several stay in order."""
        p = self._new_paragraph(n, ox.INS)
        ox.revised_run(p, ox.INS, text, self.rev, self.ids)
        return self

    def delete(self, n: int) -> TrackedEdits:
        """Delete the whole paragraph, its mark included."""
        p = self.paras[n]
        _wrap_runs(p, etree.Element(ox.W_DEL, {ox.W_ID: self.ids(), ox.W_AUTHOR: self.rev.author,
                                               ox.W_DATE: self.rev.date}), deleted=True)
        ox.mark_paragraph(p, ox.DEL, self.rev, self.ids)
        return self

    def move(self, n: int | list[int], after: int, *, changed: tuple[str, str] | None = None) -> TrackedEdits:
        """Move paragraph ``n`` (or the paragraphs ``n``, one move) to just after paragraph
        ``after``: w:moveFrom ranges where they were, w:moveTo where they go, one name.
        ``changed=(old, new)``: the moved text is also edited (w:del/w:ins inside the moveTo)."""
        self._moves += 1
        name = f"move{self._moves}"
        for src_n in [n] if isinstance(n, int) else n:
            src = self.paras[src_n]
            runs = [copy.deepcopy(r) for r in src if r.tag == W_R]
            rid_from, rid_to = self.ids(), self.ids()
            box = etree.Element(ox.W_MOVE_FROM, {ox.W_ID: self.ids(), ox.W_AUTHOR: self.rev.author,
                                                 ox.W_DATE: self.rev.date})
            _wrap_runs(src, box, deleted=False)
            box.addprevious(etree.Element(ox.W_MOVE_FROM_RANGE_START, {
                ox.W_ID: rid_from, ox.W_NAME: name, ox.W_AUTHOR: self.rev.author, ox.W_DATE: self.rev.date}))
            box.addnext(etree.Element(ox.W_MOVE_FROM_RANGE_END, {ox.W_ID: rid_from}))
            ox.mark_paragraph(src, ox.MOVE_FROM, self.rev, self.ids)
            dst = self._new_paragraph(after, ox.MOVE_TO)
            ox.move_range_start(dst, ox.MOVE_TO, rid_to, name, self.rev)
            box = ox.revision(dst, ox.MOVE_TO, self.rev, self.ids)
            for r in runs:
                box.append(r)
            ox.move_range_end(dst, ox.MOVE_TO, rid_to)
            if changed is not None:
                self.replace(self.last, *changed)
                _hoist(box, self.ids)
        return self

    def comment(self, n: int, text: str) -> TrackedEdits:
        """A Word comment on the whole paragraph."""
        ident = str(len(self.comments))
        p = self.paras[n]
        ppr = p.find(W_PPR)
        ox.comment_range_start(p, ident, index=1 if ppr is not None else 0)
        ox.comment_range_end(p, ident)
        self.comments.append(ox.Comment(ident, self.rev.author, self.rev.date, text, "KZ"))
        return self

    def bytes(self) -> bytes:
        for p in self.body.iter(W_P):
            p.attrib.pop("inserted-here", None)
        ox.add_comments_part(self.doc, self.comments)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _as_deleted(run: etree._Element) -> etree._Element:
    for t in run.iter(W_T):
        t.tag = W_DEL_TEXT
    return run


def _hoist(box: etree._Element, ids: ox.IdAllocator) -> None:
    """w:del/w:ins inside a w:moveTo become its siblings (the moveTo split around them), as Word
    writes an edit made to moved text."""
    parent = box.getparent()
    at = parent.index(box)
    parent.remove(box)
    out: list[etree._Element] = []
    current = None
    for child in list(box):
        if child.tag in (ox.W_DEL, ox.W_INS):
            out.append(child)
            current = None
            continue
        if current is None:
            current = etree.Element(box.tag, dict(box.attrib))
            current.set(ox.W_ID, ids())
            out.append(current)
        current.append(child)
    for n, el in enumerate(out):
        parent.insert(at + n, el)


def _wrap_runs(p: etree._Element, box: etree._Element, *, deleted: bool) -> None:
    """Move every run of the paragraph into ``box`` (in place of the first one)."""
    runs = [r for r in p if r.tag == W_R]
    if not runs:
        p.append(box)
        return
    runs[0].addprevious(box)
    for r in runs:
        box.append(_as_deleted(r) if deleted else r)
