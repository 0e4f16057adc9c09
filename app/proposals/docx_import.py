"""A Word document with tracked changes → draft proposals of the delegate's state.

``POST /api/v1/drafts/{id}/proposals/import`` (multipart ``file``). A delegate edits the
current version in Word or LibreOffice with Track Changes on (Concord's own signature.docx
export, or the delegation's own copy of the text) and uploads it; every tracked change becomes
a *draft* proposal of their state (``source="docx"``), for them to review before submitting.

The pipeline, each stage saying what it reads and writes:

1. :func:`read` — .docx bytes → one :class:`~app.core.word.tracked.ParagraphRevision` per body
   paragraph: its rejected and accepted text, what happened to it (changed, inserted, deleted,
   moved, merged, split), its Word comments and its ``cl_<key>`` bookmark (the core's
   :func:`~app.core.word.tracked.read_revisions`, after the core's safety checks).
1b. :func:`attribute` — who made each change (``w:author``, ``w:date``; the core's
   :mod:`app.core.word.attribute`): changes and comments by Concord, other member states, or
   already in the version are accepted as found and listed (``excluded``), never proposals.
2. :func:`layout` — the current version's clause tree → the lines it is written as
   (:class:`Slot`): each clause's heading (its head paragraph) and text, line by line, in
   document order; what a paragraph's *rejected* text must match.
3. :func:`align` — paragraphs + slots → which slot each line of each paragraph is. First by
   clause key (a ``cl_<key>`` bookmark in Concord's own export), then by exact text (whitespace,
   quotes, case and a typed number label normalised away), then by best similarity above
   :data:`SIMILARITY` for changed or commented paragraphs that are still unmatched.
   :func:`pair_moves` first joins the halves of moves written without Word's range markers.
4. :func:`plan` — the alignment → :class:`Planned` proposals and :class:`Skip` reports. Pure:
   no database.
5. :func:`import_docx` — permissions, the proposal window, validation against the version and
   storage through :func:`app.proposals.service.create_proposal`, all in the request's
   transaction (all or nothing).

What becomes what:

- a changed paragraph → *replace* of its clause, ``proposed_text`` the accepted text (number
  label stripped), provided its rejected text equals the clause's current text; a change in a
  clause's head paragraph (a section heading, "For the ...:" of a signature block) changes the
  heading (``proposed_heading``);
- an inserted paragraph → *insert* of a new clause where it stands: after the preceding clause,
  before the following one when the preceding clause is the heading it opens, or as the last
  child of a section that has none; a number label typed in front of the text ("1.3<TAB>")
  chooses the level;
- a deleted paragraph → *delete* (a clause deleted with all its sub-clauses is one deletion);
- ``w:moveFrom``/``w:moveTo`` halves that pair up → *move* (plus a *replace* when the moved
  text was also changed);
- Word comments → the rationale of the proposal made from their paragraph; on an unchanged
  paragraph, a *comment* proposal on its clause; outside any clause, a general comment.

Reported, not guessed (``skipped``): a change whose rejected text does not match the clause's
current text (an older version, or a copy matched only approximately), a change only to a
typed number label (numbers are computed), changed paragraphs that match no clause or span
several, split and joined paragraphs, paragraphs added inside the signature table, a clause
deleted without its sub-clauses, resolved comments, and anything the version refuses
(:func:`app.proposals.service.validate_against`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from sqlalchemy.orm import Session

from ..accounts.permissions import visible_draft
from ..audit.service import record
from ..config import get_settings
from ..core.clauses import edit
from ..core.clauses.tree import SECTION, Clause, Document
from ..core.i18n import LANGUAGES
from ..core.word.attribute import (
    REASON_CONCORD,
    REASON_OTHER_STATE,
    Authors,
    Excluded,
    accept_revisions,
    foreign_comments,
    foreign_revisions,
)
from ..core.word.labels import Labels
from ..core.word.ooxml import INSERT
from ..core.word.safety import DocumentTooLarge, UnsupportedDocument
from ..core.word.tracked import (
    DELETED,
    INSERTED,
    MERGED,
    MOVED_FROM,
    MOVED_TO,
    SPLIT,
    UNCHANGED,
    ParagraphRevision,
    read_revisions,
)
from ..core.word.writer import has_head
from ..drafts import repository as drafts_repo
from ..drafts import service as drafts
from ..errors import AppError, Conflict, Forbidden, TooLarge, Unprocessable, UnsupportedMedia
from ..models import Draft, Proposal, User
from . import repository as repo
from . import service

#: Least similarity (difflib ratio of the normalised texts) for a paragraph matched by text alone.
SIMILARITY = 0.75
#: At most this many candidate lines are compared by similarity for one paragraph line...
SIMILARITY_WINDOW = 200
#: ... and at most this many in all for one document.
SIMILARITY_BUDGET = 20_000
#: A document less than this share of whose lines (before the changes) are in the version is
#: not a copy of it: refused as a whole rather than matched piecemeal.
MIN_COVERAGE = 0.5

HEAD = "head"
BODY = "body"

NO_TRACKED_CHANGES = (
    "No tracked changes found in the document's text (formatting changes are not amendments): turn on "
    "Track Changes (Word: Review > Track Changes; "
    "LibreOffice: Edit > Track Changes > Record Changes) before editing, then upload it again."
)


# --- normalising text ------------------------------------------------------------------------

# A number label typed as text at the start of a line: "1", "1.2", "1.2.", "1:", "1)", "(a)",
# "(iv)", "iv.", "a.", "a)", "Article 4", "ARTICLE IV -", optionally after a bullet ("- 1.1").
_LABEL = re.compile(
    r"""^[ \u00a0]*(?:[-\u2013\u2022\u00b7*][ \u00a0]+)?
    (?P<label>
        (?:article|section|art\.)[ \u00a0]+(?:\d+|[ivxlcdm]{1,6})[.:]?(?:[ \u00a0]+[-\u2013\u2014])?
      | \d+(?:\.\d+)*(?:[ \u00a0]+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)\b)?[.:)]?
      | \([ ]?(?:\d+|[a-z]{1,2}|[ivxlcdm]{1,6})[ ]?\)
      | (?:[ivxlcdm]{1,6}|[a-z]{1,2})[.)]
    )
    (?P<sep>\t[\t \u00a0]*|[ \u00a0]+|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_BARE_NUMBER = re.compile(r"\d+")


def split_label(line: str, *, tab_only: bool = False) -> tuple[str, str]:
    """(number label, rest) of a line whose number is typed as text: "1.2<TAB>text" →
    ("1.2", "text"). A label followed by spaces only counts when it cannot be ordinary text
    (never a bare number: "2024 was ..."); ``tab_only``: only a label followed by a TAB."""
    m = _LABEL.match(line)
    if m is None:
        return "", line
    label, sep = m.group("label"), m.group("sep")
    if sep and "\t" not in sep and (tab_only or _BARE_NUMBER.fullmatch(label)):
        return "", line
    return label, line[m.end():]


def norm(text: str) -> str:
    """Whitespace collapsed (what the proposals service compares quoted text with)."""
    return " ".join((text or "").split())


_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None,
})


def loose(line: str) -> str:
    """A line as compared when matching paragraphs to clauses: number label removed, quotes,
    dashes, whitespace and case normalised."""
    text = split_label(line)[1].translate(_QUOTES)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).casefold()


# --- stage 2: the version's layout -------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One line of the current version as written in Word: a line of a clause's heading (its
    head paragraph) or of its text."""

    key: str
    role: str  # HEAD | BODY
    line: int  # line number within the heading or the text
    text: str
    loose: str


@dataclass
class Layout:
    slots: list[Slot]
    first: dict[str, int]  # clause key -> index of its first slot
    by_clause: dict[str, list[int]]  # clause key -> its slot indexes


def layout(doc: Document) -> Layout:
    """The lines each clause is written as, in document order (the paragraph layout of
    :mod:`app.core.word.writer`: a head paragraph for sections, signature blocks and clauses
    with a heading; line breaks inside a paragraph are separate lines here)."""
    slots: list[Slot] = []
    first: dict[str, int] = {}
    by_clause: dict[str, list[int]] = {}
    for c in doc.walk():
        first[c.key] = len(slots)
        mine = by_clause.setdefault(c.key, [])
        if has_head(c.kind, c.heading):
            for n, line in enumerate(c.heading.split("\n")):
                mine.append(len(slots))
                slots.append(Slot(c.key, HEAD, n, line, loose(line)))
        if c.text or not has_head(c.kind, c.heading):
            for n, line in enumerate(c.text.split("\n")):
                mine.append(len(slots))
                slots.append(Slot(c.key, BODY, n, line, loose(line)))
    return Layout(slots, first, by_clause)


# --- stage 3: aligning paragraphs with the version ---------------------------------------------


@dataclass
class Para:
    """A paragraph of the uploaded document as the importer sees it."""

    rev: ParagraphRevision
    change: str  # the core's change kind, with moves recognised by their name (see :func:`_change`)
    move: str | None  # the move name pairing moved_from and moved_to
    old_lines: list[str]  # the rejected text, line by line (lines are w:br inside the paragraph)
    slots: list[int | None] = field(default_factory=list)  # per old line: the slot it is, if matched
    approx: bool = False  # matched by similarity only
    joined_to: int | None = None  # the rest of a split paragraph: the index of its first piece

    @property
    def no(self) -> int:
        """1-based paragraph number, counting every body paragraph (tables included)."""
        return self.rev.index + 1

    @property
    def in_old_view(self) -> bool:
        return self.change not in (INSERTED, MOVED_TO)

    def keys(self, slots: list[Slot]) -> list[str]:
        out: list[str] = []
        for s in self.slots:
            if s is not None and slots[s].key not in out:
                out.append(slots[s].key)
        return out

    def fully_matched(self) -> bool:
        return all(s is not None or not line.strip() for s, line in zip(self.slots, self.old_lines, strict=True))


def _change(rev: ParagraphRevision) -> tuple[str, str | None]:
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


def _paras(revs: list[ParagraphRevision]) -> list[Para]:
    """The paragraphs, with their rejected text in lines. A paragraph split in two (its mark
    inserted) is one paragraph when the changes are rejected: its pieces' rejected text is
    joined on the first piece, the others have none (``joined_to`` the first)."""
    out = []
    head: Para | None = None
    for rev in revs:
        change, move = _change(rev)
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

    def blocks(changes: tuple[str, ...], text_of) -> list[list[int]]:
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


def align(paras: list[Para], lay: Layout) -> float:
    """Fill ``Para.slots``: which line of the version each line of each paragraph's rejected
    text is. Monotonic (document order is kept): clause-key bookmarks first, then runs of equal
    lines after them, then the longest matching blocks of exact (loose) text in each gap, then
    similarity for the lines of changed or commented paragraphs still unmatched.

    Returns the share of the document's non-empty lines found exactly (1.0 for an unchanged
    export); below :data:`MIN_COVERAGE` the similarity pass is not run (the document is not a
    copy of this version, and nothing of it should be guessed)."""
    slots = lay.slots
    lines = [(pi, li, loose(text)) for pi, p in enumerate(paras) if p.in_old_view
             for li, text in enumerate(p.old_lines)]
    lines = [x for x in lines if x[2]]
    taken = [False] * len(slots)

    def assign(k: int, s: int) -> None:
        pi, li, _ = lines[k]
        paras[pi].slots[li] = s
        taken[s] = True

    # anchors: the first non-empty line of a paragraph carrying a known clause key
    anchors: list[tuple[int, int]] = []
    seen: set[int] = set()
    for k, (pi, _li, _t) in enumerate(lines):
        if pi in seen:
            continue
        seen.add(pi)
        key = paras[pi].rev.key
        if key is not None and key in lay.first:
            s = lay.first[key]
            # a bookmark is trusted when the text agrees, even roughly (an older version of the
            # clause); another draft's export has the same key names on other texts
            if lines[k][2] == slots[s].loose or _similarity(lines[k][2], slots[s].loose, SIMILARITY) is not None:
                anchors.append((k, s))
    kept: list[tuple[int, int]] = []
    for k, s in anchors:  # keep them in document order on both sides
        if not kept or s > kept[-1][1]:
            kept.append((k, s))

    kept.append((len(lines), len(slots)))  # the end, as a last anchor
    prev_k, prev_s = -1, -1
    for n, (k, s) in enumerate(kept):
        _match_gap(lines, slots, taken, assign, prev_k + 1, k, prev_s + 1, s)
        if n == len(kept) - 1:
            break
        assign(k, s)
        # the clause's further lines (and the next clauses') as long as they are equal
        k2, s2 = k + 1, s + 1
        nxt = kept[n + 1]
        while k2 < nxt[0] and s2 < nxt[1] and lines[k2][2] == slots[s2].loose:
            assign(k2, s2)
            k2, s2 = k2 + 1, s2 + 1
        prev_k, prev_s = k2 - 1, s2 - 1

    coverage = sum(1 for pi, li, _ in lines if paras[pi].slots[li] is not None) / len(lines) if lines else 0.0
    if coverage >= MIN_COVERAGE:
        _similar(paras, lines, slots, taken)
    return coverage


def _match_gap(lines, slots: list[Slot], taken: list[bool], assign, k0: int, k1: int, s0: int, s1: int) -> None:
    if k0 >= k1 or s0 >= s1:
        return
    a = [lines[k][2] for k in range(k0, k1)]
    b = [slots[s].loose for s in range(s0, s1)]
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for n in range(block.size):
            if not taken[s0 + block.b + n]:
                assign(k0 + block.a + n, s0 + block.b + n)


def _similarity(a: str, b: str, least: float) -> float | None:
    """difflib's ratio of two texts when at least ``least`` (cheap upper bounds first), else None."""
    la, lb = len(a), len(b)
    if not la or not lb or 2.0 * min(la, lb) / (la + lb) < least:
        return None
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.quick_ratio() < least:
        return None
    r = sm.ratio()
    return r if r >= least else None


def _wants_match(p: Para) -> bool:
    return p.change != UNCHANGED or bool(p.rev.comments)


def _similar(paras: list[Para], lines, slots: list[Slot], taken: list[bool]) -> None:
    """Best-similarity matches for the unmatched lines of changed or commented paragraphs,
    between the neighbouring matched lines (so document order is kept). At most
    :data:`SIMILARITY_WINDOW` candidates a line and :data:`SIMILARITY_BUDGET` comparisons in
    all: a document unrelated to the version costs no more than that."""
    matched = [paras[pi].slots[li] for pi, li, _ in lines]
    nxt = [len(slots)] * len(lines)  # the next matched slot after each line
    after = len(slots)
    for k in range(len(lines) - 1, -1, -1):
        nxt[k] = after
        if matched[k] is not None:
            after = matched[k]
    budget = SIMILARITY_BUDGET
    lo, unmatched_since = -1, 0  # the last matched slot so far; unmatched lines since it
    for k, (pi, li, text) in enumerate(lines):
        if matched[k] is not None:
            lo, unmatched_since = matched[k], 0
            continue
        unmatched_since += 1
        if not _wants_match(paras[pi]) or budget <= 0:
            continue
        at = lo + unmatched_since  # where the line would be if the gap were evenly filled
        window = range(max(lo + 1, at - SIMILARITY_WINDOW // 2), min(nxt[k], at + SIMILARITY_WINDOW // 2))
        best, best_s = SIMILARITY, None
        for s in window:
            if taken[s] or not slots[s].loose:
                continue
            budget -= 1
            r = _similarity(text, slots[s].loose, best)
            if r is not None:
                best, best_s = r, s
        if best_s is not None:
            paras[pi].slots[li] = best_s
            paras[pi].approx = True
            taken[best_s] = True
            matched[k] = best_s
            lo, unmatched_since = best_s, 0


# --- stage 4: the plan ----------------------------------------------------------------------------


@dataclass
class Skip:
    """A paragraph (or one of its changes) that was not turned into a proposal, and why."""

    paragraph: int  # 1-based
    reason: str
    clause_key: str | None = None

    def json(self) -> dict:
        return {"paragraph": self.paragraph, "reason": self.reason, "clause_key": self.clause_key}


@dataclass
class Planned:
    """A proposal to create, and the paragraph it comes from (1-based)."""

    paragraph: int
    proposal: service.NewProposal


@dataclass
class Plan:
    planned: list[Planned]
    skipped: list[Skip]
    coverage: float = 1.0  # share of the document's lines found in the version (see :func:`align`)
    lines: int = 0  # non-empty lines of the document before the changes

    @property
    def unrelated(self) -> bool:
        """The document is not a copy of the version (nothing was planned)."""
        return self.coverage < MIN_COVERAGE


class _Tree:
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


def _shape(label: str) -> set[str]:
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


def _new_lines(text: str, old_label: str) -> tuple[str, list[str]]:
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


def _old_lines_stripped(p: Para, slots: list[Slot]) -> tuple[str, list[str]] | None:
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


@dataclass
class _ClauseEdit:
    key: str
    paras: list[Para]
    kind: str = ""  # replace | delete | move | "" (nothing)
    move: str | None = None
    first_para: int = 0


def plan(revs: list[ParagraphRevision], doc: Document, *, version: int) -> Plan:
    """Stage 4: the proposals the tracked changes of ``revs`` make against ``doc`` (version
    ``version``), and what was not turned into one. Pure."""
    tree = _Tree(doc)
    lay = layout(doc)
    slots = lay.slots
    paras = _paras(revs)
    pair_moves(paras)
    coverage = align(paras, lay)
    n_lines = sum(1 for p in paras for line in p.old_lines if line.strip())
    if coverage < MIN_COVERAGE:
        return Plan([], [], coverage, n_lines)
    skipped: list[Skip] = []

    def skip(p: Para, reason: str, key: str | None = None) -> None:
        skipped.append(Skip(p.no, reason, key))

    def where(key: str) -> str:
        c = tree.index[key]
        return f"clause {c.number}" if c.number else f"clause “{_excerpt(c.heading or c.text)}”"

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
        keys = p.keys(slots)
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
    edits: dict[str, _ClauseEdit] = {}
    for key in tree.order:
        ps = by_clause.get(key)
        if not ps or all(p.change == UNCHANGED for p in ps):
            continue
        ce = _ClauseEdit(key, ps, first_para=min(p.no for p in ps if p.change != UNCHANGED))
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
    deleted: set[str] = set()
    moving: dict[str, str] = {}  # clause key -> move name, outermost clauses only
    covered: set[str] = set()  # clauses that go with a deleted or moved ancestor
    for key, ce in edits.items():
        if ce.kind not in (edit.DELETE, edit.MOVE) or key in covered:
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
        covered.update(inner)
        if ce.kind == edit.DELETE:
            deleted.add(key)
            deleted.update(inner)
        else:
            moving[key] = ce.move or ""
    moved_keys = {k for key in moving for k in [c.key for c in tree.index[key].walk()]}

    # Surviving neighbours of each paragraph, for placing insertions and moves.
    gone_keys = deleted | moved_keys

    def anchor_at(i: int) -> str | None:
        key = para_key.get(i)
        if key is None or key in gone_keys or paras[i].change in (DELETED, MOVED_FROM):
            return None
        return key

    def neighbours(i: int, exclude: set[str] = frozenset()) -> tuple[str | None, str | None]:
        prev = next((k for j in range(i - 1, -1, -1) if (k := anchor_at(j)) and k not in exclude), None)
        nxt = next((k for j in range(i + 1, len(paras)) if (k := anchor_at(j)) and k not in exclude), None)
        return prev, nxt

    rationale: dict[str, list[str]] = {}  # clause key -> comment texts
    results: list[tuple[int, service.NewProposal]] = []
    made_for: dict[str, service.NewProposal] = {}  # clause key -> its first proposal here
    made_at: dict[int, service.NewProposal] = {}  # new paragraph (inserted, moved to) -> its proposal

    # Replacements, deletions, moves.
    for key, ce in edits.items():
        if not ce.kind or key in covered:
            continue
        c = tree.index[key]
        if ce.kind == edit.DELETE:
            np = service.NewProposal(kind=edit.DELETE, clause_key=key, base_version=version, source="docx")
            results.append((ce.first_para, np))
            made_for.setdefault(key, np)
        elif ce.kind == edit.MOVE:
            tos = [i for i, p in enumerate(paras) if p.change == MOVED_TO and p.move == ce.move]
            prev, nxt = neighbours(tos[0], exclude=moved_keys)
            label, lines = _new_lines(paras[tos[0]].rev.new_text, "x")
            anchor, position = _place(tree, prev, nxt, label)
            if anchor is None:
                skip(ce.paras[0], f"Where {where(key)} was moved to could not be placed among the clauses.", key)
                continue
            np = service.NewProposal(kind=edit.MOVE, clause_key=key, anchor_key=anchor, position=position,
                                     base_version=version, source="docx")
            results.append((ce.first_para, np))
            made_for.setdefault(key, np)
            made_at.update((i, np) for i in tos)
            # the moved text changed too?
            group = [k for k in moving if moving[k] == ce.move]
            if len(group) == 1 and not c.children:
                new = lines[:]
                for i in tos[1:]:
                    new += paras[i].rev.new_text.split("\n")
                heading, text = (new[0], "\n".join(new[1:])) if has_head(c.kind, c.heading) else (c.heading, "\n".join(new))
                if norm(text) != norm(c.text) or norm(heading) != norm(c.heading):
                    results.append((ce.first_para, _replace(c, heading, text, version)))
        else:
            made = _replacement(c, ce, lay, slots, version, skip, where)
            if made is not None:
                results.append((ce.first_para, made))
                made_for.setdefault(key, made)

    # Insertions (and moveTo halves without their moveFrom), in runs between the same clauses.
    last_place: dict[tuple[str | None, str | None], list[tuple[str, str]]] = {}
    for i, p in enumerate(paras):
        if not (p.change == INSERTED or (p.change == MOVED_TO and p.move not in paired)):
            continue
        text = p.rev.new_text
        if not text.strip():
            continue  # an empty paragraph: spacing, not an amendment
        if p.rev.table is not None:
            skip(p, "A paragraph added inside a table (the signature blocks) is not a clause; propose it in "
                    "Concord instead.")
            continue
        label, lines = _new_lines(text, "x")
        body = "\n".join(lines).strip()
        if not body:
            skip(p, f"Only a number label was inserted (“{label}”); numbers are computed, so this is not an "
                    "amendment.")
            continue
        prev, nxt = neighbours(i)
        anchor, position = _place(tree, prev, nxt, label)
        if anchor is None:
            skip(p, "The new paragraph could not be placed: no clause of the version around it was recognised.")
            continue
        # A second insertion at the same place must come after the first one.
        run = last_place.setdefault((prev, nxt), [])
        if run and (anchor, position) in run and position == edit.AFTER:
            anchor, position = _after_run(tree, anchor, nxt)
        run.append((anchor, position))
        np = service.NewProposal(kind=edit.INSERT, clause_key=anchor, position=position, proposed_text=body,
                                 proposed_label=label or None, base_version=version, source="docx")
        results.append((p.no, np))
        made_at[i] = np

    # Comments: the rationale of the proposal from their paragraph, else a comment proposal.
    general: list[tuple[int, str]] = []
    comment_para: dict[str, int] = {}
    for i, p in enumerate(paras):
        texts = []
        for cm in p.rev.comments:
            if cm.done:
                skip(p, f"A resolved comment was left out: “{_excerpt(cm.text)}”.", para_key.get(i))
                continue
            if cm.text.strip():
                texts.append(cm.text.strip())
        if not texts:
            continue
        if i in made_at:
            np = made_at[i]
            np.rationale = "\n\n".join(filter(None, [np.rationale, *texts]))
            continue
        key = para_key.get(i)
        if key is None:
            general += [(p.no, t) for t in texts]
            continue
        rationale.setdefault(key, []).extend(texts)
        comment_para.setdefault(key, p.no)
    for key, texts in rationale.items():
        joined = "\n\n".join(texts)
        target = made_for.get(key)
        if target is None and key in covered:
            # a comment on a sub-clause of a deleted/moved clause goes to that clause's proposal
            target = next((made_for[a] for a in tree.ancestors(key) if a in made_for), None)
        if target is not None:
            target.rationale = "\n\n".join(filter(None, [target.rationale, joined]))
        else:
            results.append((comment_para[key], service.NewProposal(
                kind=edit.COMMENT, clause_key=key, rationale=joined, base_version=version, source="docx")))
    for no, text in general:
        results.append((no, service.NewProposal(kind=edit.COMMENT, rationale=text, base_version=version,
                                                source="docx")))

    results.sort(key=lambda x: x[0])
    skipped.sort(key=lambda s: s.paragraph)
    return Plan([Planned(no, np) for no, np in results], skipped, coverage, n_lines)


def _excerpt(text: str, n: int = 60) -> str:
    text = norm(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _replace(c: Clause, heading: str, text: str, version: int) -> service.NewProposal:
    heading_changed = norm(heading) != norm(c.heading)
    return service.NewProposal(kind=edit.REPLACE, clause_key=c.key, proposed_text=text,
                               proposed_heading=heading.strip() if heading_changed else None,
                               base_version=version, source="docx")


def _replacement(c: Clause, ce: _ClauseEdit, lay: Layout, slots: list[Slot], version: int, skip, where
                 ) -> service.NewProposal | None:
    """The replace proposal for a clause whose paragraphs changed, or None (reported)."""
    mine = lay.by_clause[c.key]
    pos = {s: n for n, s in enumerate(mine)}
    replacement: dict[int, list[str] | None] = {}  # position in ``mine`` -> new lines (None: removed)
    label_changes: list[tuple[Para, str, str]] = []
    for p in ce.paras:
        if p.change == UNCHANGED:
            continue
        stripped = _old_lines_stripped(p, slots)
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
        new_label, new = _new_lines(p.rev.new_text, old_label)
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
        new = replacement[n]
        if new is None:
            continue
        if slot.role == HEAD:
            heads = sum(1 for m in mine[n:] if slots[m].role == HEAD)
            head += new[:heads]
            body += new[heads:]
        else:
            body += new
    heading = "\n".join(head) if has_head(c.kind, c.heading) else c.heading
    text = "\n".join(body)
    for p, old, new in label_changes:
        what = f"from “{old}” to “{new}”" if old and new else (f"“{old}” removed" if old else f"“{new}” typed")
        skip(p, f"The number label was changed ({what}); numbers are computed from the clause's place, so "
                "this is not an amendment and was ignored.", c.key)
    if norm(text) == norm(c.text) and norm(heading) == norm(c.heading):
        if not label_changes:
            skip(next(p for p in ce.paras if p.change != UNCHANGED),
                 f"The changes leave the wording of {where(c.key)} as it is (spacing or formatting only).", c.key)
        return None
    return _replace(c, heading, text, version)


def _place(tree: _Tree, prev: str | None, nxt: str | None, label: str) -> tuple[str | None, str]:
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
    if first_child:
        options.append((nxt, edit.BEFORE, _shape(tree.index[nxt].number)))
    if c_prev.kind == SECTION and not c_prev.children:
        depth = len(tree.ancestors(prev)) + 2
        options.append((prev, edit.LAST_CHILD, {f"outline{depth}", "decimal", "alpha-lower", "roman-lower"}))
    for a in [prev, *tree.ancestors(prev)]:
        if nxt is None or not tree.contains(a, nxt):
            options.append((a, edit.AFTER, _shape(tree.index[a].number)))
    if nxt is not None and not first_child:
        options.append((nxt, edit.BEFORE, _shape(tree.index[nxt].number)))
    if label:
        want = _shape(label)
        for anchor, position, shapes in options:
            if shapes and want & shapes:
                return anchor, position
    anchor, position, _ = options[0]
    return anchor, position


def _after_run(tree: _Tree, anchor: str, nxt: str | None) -> tuple[str, str]:
    """A placement equivalent to "after ``anchor``" that keeps several insertions in their order
    when applied one after the other: before the next sibling, or last child of the parent."""
    if nxt is not None and tree.parent.get(nxt) == tree.parent.get(anchor):
        return nxt, edit.BEFORE
    parent = tree.parent.get(anchor)
    if parent is not None and tree.index[parent].children[-1].key == anchor:
        return parent, edit.LAST_CHILD
    return anchor, edit.AFTER


# --- stages 1 and 5: reading and storing ----------------------------------------------------------


def read(data: bytes) -> list[ParagraphRevision]:
    """Stage 1: the paragraphs and their tracked changes; unacceptable files are refused with
    the Word core's message (415 not a .docx / macros / template / zip bomb, 413 too large)."""
    try:
        return read_revisions(data, max_bytes=get_settings().max_upload_bytes)
    except DocumentTooLarge as exc:
        raise TooLarge(str(exc)) from exc
    except UnsupportedDocument as exc:
        raise UnsupportedMedia(str(exc)) from exc


def has_tracked_changes(revs: list[ParagraphRevision]) -> bool:
    return any(r.change != UNCHANGED or r.comments for r in revs)


@dataclass
class ImportResult:
    version: int
    created: list[tuple[Proposal, int]]  # (proposal, 1-based paragraph)
    skipped: list[Skip]
    excluded: list[Excluded] = field(default_factory=list)  # other people's changes, left out
    already: list[tuple[Proposal, int]] = field(default_factory=list)  # made by an earlier upload
    lang: str | None = None  # the document's language when it is a translation (a one-language copy)

    @property
    def duplicate(self) -> bool:
        """The same changes were uploaded before: nothing new was stored."""
        return not self.created and bool(self.already)


def excluded_json(e: Excluded) -> dict:
    who = e.author or "?"
    what = "comment" if e.what == "comment" else "tracked change"
    if e.reason == REASON_CONCORD:
        why = f"A {what} by “{who}” was written by Concord (the secretariat), not by your delegation."
    elif e.reason == REASON_OTHER_STATE:
        why = (f"A {what} by “{who}” is another member state's ({e.state}); it is not made into a proposal "
               "of your state.")
    else:
        why = f"A {what} by “{who}” is already in the version (Concord's redline of an accepted proposal)."
    return {**e.json(), "detail": why}


def attribution(session: Session, user: User, doc: Document) -> tuple[Authors, set[str]]:
    """Stage 1b's inputs: who is who (member-state and secretariat names in every language)
    and the version's lines (to tell a change already in it)."""
    from ..accounts.repository import member_states

    states = {m.iso3: [m.name(lang) for lang in LANGUAGES] for m in member_states(session)}
    secretariat = {Labels(lang).secretariat for lang in LANGUAGES} | {"Secretariat"}
    lines = {s.loose for s in layout(doc).slots if s.loose}
    return Authors(states, secretariat, user.state_iso3 or ""), lines


def attribute(data: bytes, revs: list[ParagraphRevision], authors: Authors, base_lines: set[str]
              ) -> tuple[list[ParagraphRevision], list[Excluded]]:
    """Stage 1b: the uploader's own changes only. Other people's tracked changes are accepted
    (the text as the uploader found it) and their comments dropped; both are listed."""

    def in_base(text: str) -> bool:
        parts = [loose(x) for x in text.split("\n")]
        parts = [x for x in parts if x]
        return bool(parts) and all(x in base_lines for x in parts)

    ids, excluded = foreign_revisions(revs, authors, in_base)
    if ids:
        revs = read(accept_revisions(data, ids))
    excluded += foreign_comments(revs, authors)
    excluded.sort(key=lambda e: e.paragraph)
    return revs, excluded


def _translated_copy(session: Session, draft: Draft, doc: Document, revs: list[ParagraphRevision],
                     version: int) -> tuple[str, Plan] | None:
    """(language, plan) when the document is a copy of the version's text in a working
    language (the one-language copy for editing, ``export/edit.docx?lang=ru``)."""
    for lang in draft.languages:
        if lang == draft.authentic_lang:
            continue
        view = drafts.language_view(session, draft, doc, lang)
        translated = doc.copy()
        for c in translated.walk():
            c.heading, c.text = view.texts.get(c.key, (c.heading, c.text))
        result = plan(revs, translated, version=version)
        if not result.unrelated:
            return lang, result
    return None


def in_language(np: service.NewProposal, lang: str) -> service.NewProposal:
    """A proposal planned on the text in ``lang`` (not the authentic language). Deletions,
    moves and comments are the same in any language; new wording is recorded in its language
    (``translations``) as a comment on the clause for the secretariat, who sees it beside the
    authentic text it would change (the proposal's quoted text) and words it in the authentic
    language when deciding: a text in Russian never becomes the English text by itself."""
    from ..core.i18n import LANGUAGE_NAMES

    if np.kind not in (edit.REPLACE, edit.INSERT):
        return np
    name = LANGUAGE_NAMES.get(lang, lang)
    words = "\n".join(x for x in ((np.proposed_heading or "").strip(), np.proposed_text.strip()) if x)
    if np.kind == edit.REPLACE:
        note = f"Proposed wording in {name}: “{words}”"
    else:
        note = f"A new clause proposed in {name} ({(np.position or 'after').replace('_', ' ')} this clause): “{words}”"
    return service.NewProposal(kind=edit.COMMENT, clause_key=np.clause_key,
                               rationale="\n\n".join(x for x in (note, np.rationale) if x),
                               translations={lang: words}, base_version=np.base_version, source="docx")


def _same(p: Proposal, np: service.NewProposal) -> bool:
    return (p.kind == np.kind and (p.clause_key or None) == (np.clause_key or None)
            and (p.position or None) == (np.position or None) and (p.anchor_key or None) == (np.anchor_key or None)
            and norm(p.proposed_text or "") == norm(np.proposed_text or "")
            and norm(p.proposed_heading or "") == norm(np.proposed_heading or "")
            and (np.kind != "comment" or norm(p.rationale) == norm(np.rationale or "")))


def authorize(session: Session, user: User, draft_id: int) -> Draft:
    """Only a delegate (403) of a state taking part in the draft (404 otherwise), while the
    current version is open for proposals (409)."""
    if user.role != "delegate" or not user.state_iso3:
        raise Forbidden("Only a member state's delegate can import proposals for that state.")
    draft = visible_draft(session, user, draft_id)
    latest = drafts_repo.max_version_number(session, draft.id)
    is_open, why = service.window_state(repo.latest_window(session, draft.id), latest)
    if not is_open:
        raise Conflict(why + " Nothing was stored.")
    return draft


def import_docx(session: Session, user: User, draft: Draft, data: bytes, *, filename: str = "") -> ImportResult:
    """Stages 1-5 for an authorised delegate (:func:`authorize`). Flushes only; the request
    commits. Any refusal leaves nothing stored."""
    revs = read(data)
    if not has_tracked_changes(revs):
        raise Unprocessable(NO_TRACKED_CHANGES)
    version = drafts_repo.latest_version(session, draft.id)
    doc = drafts.load_document(session, version)
    authors, base_lines = attribution(session, user, doc)
    revs, excluded = attribute(data, revs, authors, base_lines)
    if not has_tracked_changes(revs):
        raise Unprocessable("Every tracked change and comment in this document is someone else's (Concord's "
                            "redline, the secretariat or another member state); none of them is made into a "
                            "proposal of your state, and nothing was stored. Make your own changes with Track "
                            "Changes on and upload it again.", extra=[excluded_json(e) for e in excluded])
    result = plan(revs, doc, version=version.number)
    lang = None
    if result.unrelated:
        found = _translated_copy(session, draft, doc, revs, version.number)
        if found is not None:
            lang, result = found
    if result.unrelated:
        raise Unprocessable(
            f"This document does not match version {version.number} of the draft: only "
            f"{result.coverage:.0%} of its text (before your changes) was found in it. Export the current "
            "version (signature.docx), make your changes there with Track Changes on, and upload that; "
            "nothing was stored.")
    skipped = list(result.skipped)
    if lang is not None:
        for item in result.planned:
            item.proposal = in_language(item.proposal, lang)
    ready: list[Planned] = []
    for item in result.planned:
        try:
            service.validate_against(doc, item.proposal)
        except AppError as exc:
            key = item.proposal.clause_key
            skipped.append(Skip(item.paragraph, exc.detail, key))
            continue
        ready.append(item)
    skipped.sort(key=lambda s: s.paragraph)
    if not ready:
        raise Unprocessable("None of the tracked changes could be made into proposals; nothing was stored. "
                            "See the reasons for each paragraph.", extra=[s.json() for s in skipped])
    # the same changes uploaded again: answer with the proposals the first upload made
    earlier = [p for p in repo.list_for(session, draft.id, user, state=user.state_iso3, version=version.number,
                                        limit=100_000)
               if p.source == "docx" and p.status != "withdrawn"]
    already: list[tuple[Proposal, int]] = []
    fresh: list[Planned] = []
    for item in ready:
        match = next((p for p in earlier if _same(p, item.proposal)), None)
        if match is not None:
            earlier.remove(match)
            already.append((match, item.paragraph))
        else:
            fresh.append(item)
    if not fresh:
        return ImportResult(version.number, [], skipped, excluded, already, lang)
    created = [(service.create_proposal(session, user, draft.id, item.proposal, doc=doc), item.paragraph)
               for item in fresh]
    kinds: dict[str, int] = {}
    for p, _no in created:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    record(session, user, "proposal.import", "draft", draft.id,
           {"version": version.number, "state": user.state_iso3, "file": filename[:200], "created": len(created),
            "kinds": kinds, "skipped": len(skipped), "proposals": [p.id for p, _ in created],
            "excluded": len(excluded), "already": [p.id for p, _ in already]})
    return ImportResult(version.number, created, skipped, excluded, already, lang)


__all__ = ["NO_TRACKED_CHANGES", "ImportResult", "Plan", "Planned", "Skip", "Slot", "align", "authorize",
           "has_tracked_changes", "import_docx", "layout", "loose", "norm", "plan", "read", "split_label"]
