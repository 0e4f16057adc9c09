"""Who made each tracked change of an uploaded .docx, and which of them are the uploader's.

A stage of the .docx → proposals pipeline (read revisions → **attribute** → align → classify
→ plan). It reads every revision's ``w:author`` and ``w:date``
(:class:`~app.core.word.reader.Segment`, :class:`~app.core.word.reader.MarkRevision`) and
sorts its author into one of:

- ``CONCORD``: the secretariat, as Concord's redline writes it ("Secretariat", "Секретариат",
  "Хатшылық", ...);
- ``OTHER_STATE``: another member state, by its name in any language, its ISO code, or a name
  that contains either ("India Delegation");
- ``OWN_NAME``: exactly the uploader's state name or code: how Concord's redline credits the
  uploader's *accepted* proposals, or the delegation's own Word user name;
- ``OWN``: anyone else (a person's name, "Unknown Author"): the uploader.

What is not the uploader's is taken as already there: :func:`foreign_revisions` lists the
revision ids to accept before planning (so the text the uploader edited is the text with them
accepted) and :class:`Excluded` entries that say whose they were and why they are not
proposals. An ``OWN_NAME`` change counts as the uploader's new change unless accepting it gives
text the base version already has (``in_base``), rejecting it does not: then it is Concord's
redline of a proposal already consolidated.

:func:`accept_revisions` accepts the chosen revisions in the package itself (``w:ins`` /
``w:moveTo`` unwrapped, ``w:del`` / ``w:moveFrom`` removed, paragraph marks resolved), so the
reader and the planner see the document as the uploader found it. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from lxml import etree

from . import ooxml as ox
from .ooxml import DELETE, EQUAL, INSERT
from .safety import parse_xml
from .tracked import ParagraphRevision

CONCORD = "concord"
OTHER_STATE = "other_state"
OWN_NAME = "own_name"
OWN = "own"

REASON_CONCORD = "concord"  # written by Concord (the secretariat)
REASON_OTHER_STATE = "other_state"  # another member state's change
REASON_IN_BASE = "in_base"  # already in the base version (Concord's redline of an accepted proposal)


@dataclass(frozen=True)
class Author:
    name: str
    kind: str  # CONCORD | OTHER_STATE | OWN_NAME | OWN
    state: str | None = None  # ISO3 of the member state, when known


class Authors:
    """Sorts revision authors (see the module docstring).

    ``states``: ISO3 → its names (every language); ``secretariat``: the secretariat's names;
    ``own``: the uploader's ISO3."""

    def __init__(self, states: Mapping[str, Iterable[str]], secretariat: Iterable[str], own: str):
        self.own = own.upper()
        self._secretariat = {_fold(n) for n in secretariat if n}
        self._exact: dict[str, str] = {}
        self._names: list[tuple[str, str]] = []
        for iso3, names in states.items():
            self._exact[_fold(iso3)] = iso3.upper()
            for n in names:
                if n:
                    self._exact[_fold(n)] = iso3.upper()
                    self._names.append((_fold(n), iso3.upper()))
        self._names.sort(key=lambda x: -len(x[0]))
        self._cache: dict[str, Author] = {}

    def __call__(self, name: str | None) -> Author:
        name = name or ""
        if name not in self._cache:
            self._cache[name] = self._classify(name)
        return self._cache[name]

    def _classify(self, name: str) -> Author:
        f = _fold(name)
        if not f:
            return Author(name, OWN, self.own)
        if f in self._secretariat:
            return Author(name, CONCORD)
        iso3 = self._exact.get(f)
        if iso3 is not None:
            return Author(name, OWN_NAME if iso3 == self.own else OTHER_STATE, iso3)
        words = set(f.replace("-", " ").replace("_", " ").split())
        for n, iso3 in self._names:
            if n in f or iso3.lower() in words:
                return Author(name, OWN if iso3 == self.own else OTHER_STATE, iso3)
        for iso3 in set(self._exact.values()):
            if iso3.lower() in words:
                return Author(name, OWN if iso3 == self.own else OTHER_STATE, iso3)
        if any(n in f for n in self._secretariat):
            return Author(name, CONCORD)
        return Author(name, OWN, self.own)


def _fold(text: str) -> str:
    return " ".join((text or "").split()).casefold()


@dataclass
class Excluded:
    """Tracked changes (or a comment) of one paragraph that are not the uploader's proposals."""

    paragraph: int  # 1-based, as in the import's report
    author: str
    reason: str  # REASON_*
    state: str | None = None
    date: str | None = None
    what: str = "change"  # change | comment
    text: str = ""

    def json(self) -> dict:
        return {"paragraph": self.paragraph, "author": self.author, "state": self.state, "date": self.date,
                "reason": self.reason, "what": self.what, "text": self.text}


Rid = tuple[str, str]  # (w:id, w:author): ids alone may repeat when several tools edited a file


def _rid(x) -> Rid:
    return (x.id or "", x.author or "")


def _view(rev: ParagraphRevision, accepted: set[Rid]) -> str:
    """The paragraph's text with the revisions ``accepted`` accepted and all others rejected."""
    out = []
    for s in rev.segments:
        if s.op == EQUAL:
            out.append(s.text)
        elif s.op == INSERT and _rid(s) in accepted:
            out.append(s.text)
        elif s.op == DELETE and _rid(s) not in accepted:
            out.append(s.text)
    return "".join(out)


def foreign_revisions(revs: list[ParagraphRevision], authors: Authors,
                      in_base: Callable[[str], bool]) -> tuple[set[Rid], list[Excluded]]:
    """((id, author) of the revisions that are not the uploader's, what was left out and why).

    ``in_base(text)``: does the base version contain this paragraph text (any clause line)?"""
    accept: set[Rid] = set()
    excluded: list[Excluded] = []
    for rev in revs:
        by_author: dict[str, list] = {}
        for s in rev.segments:
            if s.op != EQUAL and s.id is not None:
                by_author.setdefault(s.author or "", []).append(s)
        mark = rev.mark
        if mark is not None and mark.id is not None:
            by_author.setdefault(mark.author or "", []).append(mark)
        foreign: set[Rid] = set()
        own_named: dict[str, list] = {}
        for name, items in by_author.items():
            a = authors(name)
            ids = {_rid(x) for x in items}
            if a.kind in (CONCORD, OTHER_STATE):
                foreign |= ids
                excluded.append(Excluded(rev.index + 1, name, REASON_CONCORD if a.kind == CONCORD else REASON_OTHER_STATE,
                                         a.state, _first_date(items), text=_changed_text(items)))
            elif a.kind == OWN_NAME:
                own_named[name] = items
        for name, items in own_named.items():
            ids = {_rid(x) for x in items}
            with_them, without = _view(rev, foreign | ids), _view(rev, foreign)
            if _contained(rev, mark, ids, with_them, without, in_base):
                foreign |= ids
                excluded.append(Excluded(rev.index + 1, name, REASON_IN_BASE, authors(name).state,
                                         _first_date(items), text=_changed_text(items)))
        accept |= foreign
    return accept, excluded


def _contained(rev: ParagraphRevision, mark, ids: set[Rid], with_them: str, without: str,
               in_base: Callable[[str], bool]) -> bool:
    mark_op = mark.op if mark is not None and _rid(mark) in ids else None
    if mark_op == DELETE and not with_them.strip():
        return not in_base(without)  # the paragraph is gone from the base version already
    if mark_op == INSERT and not without.strip():
        return in_base(with_them)  # the new paragraph is in the base version already
    if not with_them.strip() and without.strip():
        return not in_base(without)
    return in_base(with_them) and not in_base(without)


def _first_date(items) -> str | None:
    dates = sorted(x.date for x in items if getattr(x, "date", None))
    return dates[0] if dates else None


def _changed_text(items) -> str:
    text = " ".join(" ".join(getattr(x, "text", "").split()) for x in items if getattr(x, "text", ""))
    return text if len(text) <= 80 else text[:79] + "…"


def concord_comment(text: str) -> bool:
    """Does a comment read as Concord's redline writes a proposal's rationale ("Proposal 12 —
    KAZ: ...", in any of the languages)?"""
    from app.core.i18n import LANGUAGES

    from .labels import PROPOSAL_NO, Labels

    head = text.strip()
    for lang in LANGUAGES:
        pattern = Labels(lang)(PROPOSAL_NO)
        before, _, after = pattern.partition("{id}")
        if before and head.startswith(before) and head[len(before):].split(" ", 1)[0].rstrip(":—").isdigit():
            return True
        if not before and after and head.split(" ", 1)[0].isdigit() and head.split(" ", 1)[-1].startswith(
                after.strip()):
            return True
    return False


def foreign_comments(revs: list[ParagraphRevision], authors: Authors,
                     is_concords: Callable[[str], bool] = concord_comment) -> list[Excluded]:
    """Comments written by Concord (the secretariat, or a member state's name on a rationale as
    Concord's redline writes it) or by another member state: taken out of ``revs`` (in place)
    and listed. A comment under the uploader's own state name is theirs unless it reads as
    Concord's (``is_concords``)."""
    out: list[Excluded] = []
    for rev in revs:
        keep = []
        for cm in rev.comments:
            a = authors(cm.author)
            if a.kind == OWN or (a.kind == OWN_NAME and not is_concords(cm.text)):
                keep.append(cm)
                continue
            reason = {CONCORD: REASON_CONCORD, OTHER_STATE: REASON_OTHER_STATE}.get(a.kind, REASON_IN_BASE)
            out.append(Excluded(rev.index + 1, cm.author or "", reason, a.state, cm.date, "comment",
                                " ".join(cm.text.split())[:80]))
        rev.comments = keep
    return out


# --- accepting revisions in the package -------------------------------------------------------------

_INLINE_KEEP = (ox.W_INS, ox.W_MOVE_TO)
_INLINE_DROP = (ox.W_DEL, ox.W_MOVE_FROM)


def accept_revisions(data: bytes, ids: set[Rid]) -> bytes:
    """The package with the revisions whose ``(w:id, w:author)`` is in ``ids`` accepted (see the module
    docstring); every other part is copied as it is."""
    if not ids:
        return data
    zin = zipfile.ZipFile(io.BytesIO(data))
    root = parse_xml(zin.read("word/document.xml"), part="word/document.xml")
    _accept_in(root, ids)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, xml if info.filename == "word/document.xml" else zin.read(info.filename))
    return out.getvalue()


def _accept_in(root: etree._Element, ids: set[Rid]) -> None:
    marks_deleted: list[etree._Element] = []
    for el in list(root.iter(*_INLINE_KEEP, *_INLINE_DROP)):
        if (el.get(ox.W_ID) or "", el.get(ox.W_AUTHOR) or "") not in ids:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == ox.W_RPR and parent.getparent() is not None and parent.getparent().tag == ox.W_PPR:
            parent.remove(el)  # a paragraph mark
            if el.tag in _INLINE_DROP:
                marks_deleted.append(parent.getparent().getparent())
            continue
        if el.tag in _INLINE_DROP:
            _remove_keep_tail(el)
        else:
            idx = parent.index(el)
            for child in list(el):
                parent.insert(idx, child)
                idx += 1
            _remove_keep_tail(el)
    for p in marks_deleted:  # the paragraph joins the next one
        _join_next(p)


def _remove_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _has_text(p: etree._Element) -> bool:
    return any((t.text or "") for t in p.iter(ox.W_T)) or any(True for _ in p.iter(ox.W_BR, ox.W_TAB)
                                                             if _.getparent() is not None and _.getparent().tag == ox.W_R)


def _join_next(p: etree._Element) -> None:
    parent = p.getparent()
    if parent is None:
        return
    nxt = p.getnext()
    while nxt is not None and nxt.tag != ox.W_P and nxt.tag in (ox.W_BOOKMARK_START, ox.W_BOOKMARK_END):
        nxt = nxt.getnext()
    if not _has_text(p):
        if nxt is not None and nxt.tag == ox.W_P:
            # keep what marks the place (bookmarks, comment ranges) at the start of the next paragraph
            keep = [c for c in p if c.tag in (ox.W_BOOKMARK_START, ox.W_BOOKMARK_END, ox.W_COMMENT_RANGE_START,
                                              ox.W_COMMENT_RANGE_END)]
            at = 1 if len(nxt) and nxt[0].tag == ox.W_PPR else 0
            for c in keep:
                nxt.insert(at, c)
                at += 1
        parent.remove(p)
        return
    if nxt is None or nxt.tag != ox.W_P:
        return
    for c in list(nxt):
        if c.tag == ox.W_PPR:
            continue
        p.append(c)
    parent.remove(nxt)
