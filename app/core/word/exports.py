"""The Word exports: the signature copy, the parallel (multilingual) table and the
compilation of proposals. Every function returns the .docx as bytes.

They take typed rows (dataclasses, no dicts): :class:`Party` and :class:`Term` for the
signature copy, :class:`ParallelRow` / :class:`ParallelCell` for the parallel text,
:class:`CompilationRow` / :class:`ProposalRow` for the compilation.

All three follow the clause layout and the ``cl_<key>`` bookmark convention of
:mod:`app.core.word.layout` / :mod:`app.core.word.ooxml`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from lxml import etree

from app.core.clauses.tree import SIGNATURE, TITLE, Clause, Document, number_clauses
from app.core.compare.model import DELETE, INSERT, WordOp

from . import labels as L
from . import ooxml as ox
from .agreement import (
    AgreementMarks,
    ClauseMark,
    add_styles,
    bracket_text,
    legend_lines,
    mark_clause,
    note_paragraph,
)
from .labels import Labels
from .layout import TAB, written_label
from .redline import ops_for, write_ops
from .spool import flush
from .writer import (
    INDENT_STEP,
    body_of,
    footer_page_number,
    header_line,
    header_text,
    new_document,
    text_width,
    to_bytes,
    wrap_bookmark,
    write_clause,
)

# --- the signature copy ---------------------------------------------------------------------------

SIGNATURE_COLUMNS = 3  # party columns a row; more parties continue on further rows
_PLACEHOLDER_LINE = re.compile(r"^\s*(signature|date|place)\s*:?\s*[_.\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Party:
    """One signature column: the party's name, and who signs for it (name, title)."""

    name: str = ""
    signatory: str = ""
    title: str = ""


LAST_SIGNATURE = "last_signature"
DAYS_AFTER_LAST_NOTIFICATION = "days_after_last_notification"


@dataclass(frozen=True)
class Term:
    """The agreement's entry into force and term, as the final copy states them: the dates
    once known (``None`` before), else the rule they follow."""

    rule: str = LAST_SIGNATURE  # LAST_SIGNATURE | DAYS_AFTER_LAST_NOTIFICATION
    entry_days: int = 0  # DAYS_AFTER_LAST_NOTIFICATION: how many days
    entry_into_force: date | None = None
    term_years: int | None = None
    expires_on: date | None = None
    notice_days: int | None = None  # termination notice period
    notice_by: date | None = None  # the last day to give notice
    reminder_on: date | None = None  # the renewal reminder


def term_lines(term: Term, lab: Labels) -> list[str]:
    """The "Entry into force and term" block, line by line, in ``lab``'s language (dates as
    the language writes them)."""
    out = []
    if term.entry_into_force is not None:
        out.append(lab(L.EIF_ON, date=lab.date(term.entry_into_force)))
    elif term.rule == DAYS_AFTER_LAST_NOTIFICATION:
        out.append(lab.ngettext("Entry into force: {n} day after the last notification of ratification (the date "
                                "is not yet known)",
                                "Entry into force: {n} days after the last notification of ratification (the date "
                                "is not yet known)", term.entry_days))
    else:
        out.append(lab(L.EIF_LAST_SIGNATURE))
    if term.term_years:
        out.append(lab.ngettext("Term: {n} year", "Term: {n} years", term.term_years))
    out.append(lab(L.EXPIRES_ON, date=lab.date(term.expires_on)) if term.expires_on else lab(L.EXPIRES_UNKNOWN))
    if term.notice_days:
        out.append(lab.ngettext("Notice of termination: at least {n} day before expiry",
                                "Notice of termination: at least {n} days before expiry", term.notice_days))
    if term.notice_by is not None:
        out.append(lab(L.NOTICE_BY, date=lab.date(term.notice_by)))
    out.append(lab(L.REMINDER_ON, date=lab.date(term.reminder_on)) if term.reminder_on else lab(L.REMINDER_UNKNOWN))
    return out


def _term_block(body: etree._Element, term: Term, lab: Labels) -> None:
    """After the signatures: a heading and one note line per item (``ConcordNote``: not part
    of the agreement's text, so the copy still reads back as the text alone)."""
    p = ox.paragraph(body, style=ox.STYLE_NOTE, before=480, after=60, keep_next=True)
    ox.run(p, lab(L.EIF_HEADING), bold=True)
    for line in term_lines(term, lab):
        note_paragraph(body, line)


def signature_docx(doc: Document, *, title: str, version_label: str, final: bool,
                   text_hash: str | None, parties: Sequence[Party] = (), labels: Labels | None = None,
                   header_title: str = "", agreement: AgreementMarks | None = None,
                   term: Term | None = None) -> bytes:
    """The agreement as it is signed.

    Layout: the title block (TITLE clauses, else ``title``) centred bold; parties,
    preamble and the enacting formula; numbered sections (bold headings) and paragraphs and
    items with hanging indents by depth; the closing formula; then the signature blocks as
    a borderless table, one column per party (at most three a row): "For the ...:",
    signatory name and title, and lines for Signature, Date and Place. Page numbers in the
    footer (a PAGE field).

    Not ``final``: "DRAFT" and ``version_label`` in the header. ``final``: neither, and the
    footer carries ``text_hash``.

    Every number label is printed as written (``Clause.label``: "ARTICLE 4 -", "2.5 bis",
    "Article I"), never recomputed; clauses without a label yet get one by ``number_clauses``.

    ``labels``: the language of the words Concord adds (the DRAFT mark, "Signature", "Date",
    "Place"); ``header_title``: the short title shown in the header beside the version.

    ``agreement`` (not ``final`` only; a final copy shows none of it): the agreement status of
    each clause and the progress line (:mod:`app.core.word.agreement`): agreed clauses and
    bracketed passages in their styles, the alternatives with their states below the clause,
    the progress in the header and, with a legend, above the text.

    ``parties`` (optional), one :class:`Party` per signature column, in order. They fill
    in what a SIGNATURE clause lacks (its heading "For the ...:" gives the party; the first
    line of its text the signatory, further lines the title); with no SIGNATURE clauses at
    all, the columns come from ``parties`` alone.

    ``term``: the entry into force and term (:class:`Term`), written after the signatures as
    a short "Entry into force and term" block in the reader's language.
    """
    number_clauses(doc)
    lab = labels or Labels("en")
    marks = agreement if not final else None
    out = new_document(title=title)
    if marks is not None or term is not None:
        add_styles(out)
    if not final:
        draft_header(out, lab, header_title, version_label, marks.progress if marks else "")
    footer_page_number(out, [f"SHA-256: {text_hash}"] if final and text_hash else [], size=7)
    body = body_of(out)
    ids = ox.IdAllocator()
    width = text_width(out)
    items = list(doc.walk_with_parent())
    if not any(c.kind == TITLE for c, _, _ in items) and title:
        p = ox.paragraph(body, align="center", after=240)
        ox.run(p, title, bold=True)
    parties = list(parties or [])
    signed = False
    legend = marks is None
    i = 0
    while i < len(items):
        flush(out, body)  # what is written so far is finished: out of the tree (bounded memory)
        c, _, depth = items[i]
        if not legend and c.kind != TITLE:
            for line in legend_lines(marks, lab):
                note_paragraph(body, line)
            legend = True
        if c.kind == SIGNATURE:
            group = []
            while i < len(items) and items[i][0].kind == SIGNATURE:
                group.append(items[i][0])
                i += 1
            extra = parties if not signed else []
            _signature_table(body, group, extra, width, ids, lab)
            signed = True
            continue
        mark = marks(c.key) if marks is not None else None
        paras = write_clause(body, kind=c.kind, number=written_label(c), heading=c.heading, text=c.text,
                             depth=depth, ids=ids, key=c.key, brackets=mark.brackets if mark else ())
        mark_clause(paras, mark, lab)
        i += 1
    if not signed and parties:
        _signature_table(body, [], parties, width, ids, lab)
    if term is not None:
        _term_block(body, term, lab)
    return to_bytes(out)


def draft_header(out, labels: Labels, header_title: str, version_label: str, progress: str = "") -> None:
    """The header of every export of a text that is not final: the DRAFT mark (bold), then the
    short title and the version at the right margin; ``progress`` ("41 of 58 paragraphs
    agreed") on a second line at the right margin."""
    right = " — ".join(x for x in (header_title, version_label) if x)
    header_text(out, labels(L.DRAFT_MARK), right)
    if progress:
        header_line(out, progress)


def _signature_table(body: etree._Element, clauses: list[Clause], parties: Sequence[Party], width: int,
                     ids: ox.IdAllocator, lab: Labels) -> None:
    columns: list[tuple[Clause | None, Party]] = []
    for n in range(max(len(clauses), len(parties))):
        columns.append((clauses[n] if n < len(clauses) else None, parties[n] if n < len(parties) else Party()))
    ox.paragraph(body, before=240, after=0, keep_next=True)  # space above the blocks
    per_row = min(SIGNATURE_COLUMNS, len(columns)) or 1
    col_w = width // per_row
    tbl = ox.table(body, [col_w] * per_row, borders=False)
    for start in range(0, len(columns), per_row):
        tr = ox.table_row(tbl, cant_split=True)
        chunk = columns[start:start + per_row]
        for clause, party in chunk:
            _signature_cell(ox.table_cell(tr, col_w), clause, party, col_w, ids, lab)
        for _ in range(per_row - len(chunk)):
            ox.paragraph(ox.table_cell(tr, col_w))


def _signature_cell(tc: etree._Element, clause: Clause | None, party: Party, col_w: int,
                    ids: ox.IdAllocator, lab: Labels) -> None:
    name = party.name
    heading = clause.heading if clause and clause.heading else (f"For the {name}:" if name else "")
    lines = [ln for ln in (clause.text.split("\n") if clause else []) if ln.strip()]
    lines = [ln for ln in lines if not _PLACEHOLDER_LINE.match(ln)]
    clause_paras = []
    p = ox.paragraph(tc, keep_next=True, after=120)
    ox.run(p, heading, bold=True)
    clause_paras.append(p)
    for n, line in enumerate(lines):
        q = ox.paragraph(tc, keep_next=True, after=0)
        ox.run(q, line, bold=n == 0)
        clause_paras.append(q)
    if clause is not None:
        wrap_bookmark(clause_paras, ox.bookmark_name(clause.key), ids)
    if not lines:  # nothing in the clause: signatory and title from the party record
        for n, line in enumerate(x for x in (party.signatory, party.title) if x):
            q = ox.paragraph(tc, keep_next=True, after=0)
            ox.run(q, line, bold=n == 0)
    elif len(lines) == 1 and party.title:
        q = ox.paragraph(tc, keep_next=True, after=0)
        ox.run(q, party.title)
    # lines to write on, as underscores sized to the column (a tab leader would adapt
    # itself, but LibreOffice draws none for a tab that ends a line in a table cell)
    rule = "_" * max(8, (col_w - 170 - 1300) // 125)
    for n, label in enumerate(L.SIGNATURE_LINES):
        q = ox.paragraph(tc, keep_next=n + 1 < len(L.SIGNATURE_LINES), before=360, after=0)
        ox.run(q, f"{lab(label)}: {rule}")


# --- the parallel table -------------------------------------------------------------------------

CURRENT = "current"
STALE = "stale"
MISSING = "missing"

STATUS_LABELS = {
    STALE: L.STALE,
    MISSING: L.MISSING,
}


@dataclass
class ParallelCell:
    """One language's text of a clause: ``status`` "current", "stale" or "missing"."""

    text: str = ""
    heading: str = ""
    status: str = CURRENT


@dataclass
class ParallelRow:
    """One clause of the parallel text: its key (bookmarks), number, depth in the tree (the
    indent: items stand under their paragraph) and a cell per language."""

    key: str
    number: str = ""
    cells: dict[str, ParallelCell] = field(default_factory=dict)
    depth: int = 0


STATUS_SHADING = {STALE: "FFF2CC", MISSING: "E7E6E6"}
HEADER_SHADING = "D9D9D9"


def parallel_docx(rows: Sequence[ParallelRow], *, title: str, languages: list[str],
                  language_names: dict[str, str], status_labels: dict[str, str] | None = None,
                  labels: Labels | None = None, header_title: str = "", version_label: str = "",
                  final: bool = False, agreement: AgreementMarks | None = None,
                  authentic: str | None = None) -> bytes:
    """The text in parallel columns, one row per clause (:class:`ParallelRow`: its key for the
    bookmarks, its number label, its depth, a :class:`ParallelCell` per language), one column
    per language.

    A cell's ``status``: "current", "stale" (made from an older source text) or "missing". Stale
    and missing cells are shaded and start with a bracketed label in words
    (``status_labels`` overrides :data:`STATUS_LABELS`, e.g. with translated labels), so
    the marking survives black-and-white printing. Three or more languages: landscape.

    Bookmarks: the first language's cell holds ``cl_<key>``, the others
    ``cl_<key>__<lang>``.

    A row's ``depth`` indents it (items under their paragraph). Not ``final``: the header of
    the other exports (DRAFT mark, ``header_title``, ``version_label``). ``labels``: the
    language of the marks.

    ``agreement`` (not ``final``): the agreement status of the clauses, as in the signature
    copy (:mod:`app.core.word.agreement`): the progress line in the header and, with the legend,
    above the table; an agreed clause's cells in ``ConcordAgreed`` ending with "(agreed ad
    referendum ...)"; a bracketed clause's cells in ``ConcordBracketed``, the disputed words in
    square brackets wherever a cell has them, and the alternatives with their states under the
    ``authentic`` language's cell (default: the first column).
    """
    lab = labels or Labels("en")
    marks = {k: lab(v) for k, v in STATUS_LABELS.items()}
    labels_ = {**marks, **(status_labels or {})}
    marks = agreement if not final else None
    notes_lang = authentic if authentic in languages else (languages[0] if languages else None)
    out = new_document(title=title, landscape=len(languages) >= 3, margin=1134)
    if marks is not None:
        add_styles(out)
    if not final:
        draft_header(out, lab, header_title, version_label, marks.progress if marks else "")
    footer_page_number(out)
    body = body_of(out)
    ids = ox.IdAllocator()
    p = ox.paragraph(body, align="center", after=240)
    ox.run(p, title, bold=True)
    if marks is not None:
        for line in legend_lines(marks, lab):
            note_paragraph(body, line)
    n = max(len(languages), 1)
    col_w = text_width(out) // n
    tbl = ox.table(body, [col_w] * n)
    tr = ox.table_row(tbl, header=True)
    for lang in languages:
        tc = ox.table_cell(tr, col_w, shading=HEADER_SHADING)
        q = ox.paragraph(tc, align="center", keep_next=True, after=0)
        ox.run(q, language_names.get(lang, lang), bold=True)
    hang = INDENT_STEP
    for row in rows:
        flush(out, tbl)
        key, number = row.key, row.number
        mark = marks(key) if marks is not None else None
        brackets = mark.brackets if mark is not None else ()
        indent = min(max(row.depth - 1, 0), 3) * hang // 2  # items under their paragraph
        tr = ox.table_row(tbl)
        for col, lang in enumerate(languages):
            cell = row.cells.get(lang) or ParallelCell(status=MISSING)
            status = cell.status or (MISSING if not cell.text else CURRENT)
            tc = ox.table_cell(tr, col_w, shading=STATUS_SHADING.get(status))
            if status in labels_ and status != CURRENT:
                q = ox.paragraph(tc, after=60, **({"left": indent} if indent else {}))
                ox.run(q, labels_[status], bold=True, italic=True)
            text, heading = cell.text, cell.heading
            numbered = {"left": indent + hang, "hanging": hang, "tab_stops": [indent + hang]}
            paras = []
            if heading:
                q = ox.paragraph(tc, keep_next=True, after=60, **(numbered if number else
                                                                  ({"left": indent} if indent else {})))
                ox.run(q, f"{number}{TAB}{heading}" if number else heading, bold=True)
                paras.append(q)
            if text or not heading:
                label = number if not heading else ""
                q = ox.paragraph(tc, after=0, **(numbered if label else ({"left": indent} if indent else {})))
                if brackets and text:
                    if label:
                        ox.run(q, f"{label}{TAB}")
                    bracket_text(q, text, brackets)
                elif label or text:
                    ox.run(q, f"{label}{TAB}{text}" if label else text)
                paras.append(q)
            if key:
                wrap_bookmark(paras, ox.bookmark_name(key, None if col == 0 else lang), ids)
            if mark is not None:
                # the alternatives (authentic wording) once, under the authentic text
                mark_clause(paras, mark if lang == notes_lang else _without_alternatives(mark), lab, after=tc)
    return to_bytes(out)


def _without_alternatives(mark: ClauseMark) -> ClauseMark:
    return replace(mark, brackets=()) if mark.brackets else mark


# --- the compilation of proposals ----------------------------------------------------------------

COMPILATION_HEADINGS = L.COMPILATION_HEADINGS
_COMPILATION_WIDTHS = (1000, 3500, 1700, 4200, 2300, 1900)  # twips, landscape A4 with 2 cm margins


@dataclass
class ProposalRow:
    """One proposal in the compilation, as shown (names and words already in the reader's language)."""

    id: int | None = None
    state: str = ""  # proposing state
    cosponsors: list[str] = field(default_factory=list)
    action: str = "replace"  # replace | insert | delete | move | comment
    summary: str = ""  # a line above the text (italic): "New clause after 2.3", "Move after 3"
    ops: list[WordOp] | None = None  # the proposed text as a redline of the current text
    text: str | None = None  # the proposed text, used when ``ops`` is None
    heading_ops: list[WordOp] | None = None  # a proposed heading, as a redline of the current one
    rationale: str = ""
    status: str = ""
    recommendation: str = ""
    author: str = ""  # tracked-change author (default: state)
    date: str | None = None  # tracked-change date (default: the export's)


@dataclass
class CompilationRow:
    """One clause of the compilation with its proposals (``number`` as shown, unambiguous)."""

    key: str
    number: str = ""
    heading: str = ""
    text: str = ""
    proposals: list[ProposalRow] = field(default_factory=list)
    caption: str = ""  # a row group without a clause ("General comments"): shown in the text column


def _proposal_ops(current: str, proposal: ProposalRow) -> list[WordOp] | None:
    """The proposal's redline against the current text; None for a comment only."""
    action = proposal.action
    if proposal.ops:
        return proposal.ops
    if action == "comment":
        return None
    if action == "delete":
        return [WordOp(DELETE, current)] if current else []
    if proposal.text is not None:
        new = proposal.text
        if action == "insert" and not current:
            return [WordOp(INSERT, new)]
        return ops_for(current, new, None)
    return None


def compilation_docx(rows: Sequence[CompilationRow], *, title: str, subtitle: str,
                     default_date: datetime | None = None, headings: Sequence[str] | None = None,
                     no_proposals: str | None = None, comment_only: str | None = None,
                     no_text_change: str | None = None, labels: Labels | None = None,
                     header_title: str = "", agreement: AgreementMarks | None = None) -> bytes:
    """The compilation of proposals: a landscape table, one group of rows per clause.

    Rows are :class:`CompilationRow` with :class:`ProposalRow` proposals (``ops`` are
    :class:`~app.core.compare.model.WordOp`). Without ops: "delete" strikes the whole current text, "insert" (no current text) inserts
    ``text``, "replace" diffs ``text`` against the current text word by word; a proposed
    heading (``heading_ops``) is its own bold line; a "comment" (or a "move" with no new
    wording) shows ``comment_only`` / ``no_text_change``. Rows without proposals show
    ``no_proposals``. Every word Concord adds comes from ``labels`` (the reader's language)
    unless given. Each proposal's text is written as real tracked changes
    (``w:ins``/``w:del``) against the current text, attributed to the proposing state. The
    number and current text cells are merged down over the clause's proposals. Bookmarks:
    ``cl_<key>`` on the current text, ``cl_<key>__p<id>`` on each proposal's text. The header
    shows ``header_title`` (else ``title``) and ``subtitle``.

    ``agreement``: the agreement status of the clauses (:mod:`app.core.word.agreement`): each
    clause's current text is marked agreed ad referendum or bracketed (the disputed words in
    square brackets, the alternatives with their states below), and the progress line and a
    legend stand under the subtitle.
    """
    lab = labels or Labels("en")
    headings = list(headings) if headings is not None else [lab(h) for h in COMPILATION_HEADINGS]
    words = {"none": no_proposals if no_proposals is not None else lab(L.NO_PROPOSALS),
             "comment": comment_only if comment_only is not None else lab(L.COMMENT_ONLY),
             "same": no_text_change if no_text_change is not None else lab(L.NO_TEXT_CHANGE),
             "cosponsors": lab(L.COSPONSORS, states="{states}"), "heading": lab(L.HEADING_CHANGE),
             "secretariat": lab.secretariat}
    out = new_document(title=title, landscape=True, margin=1134, size=10, after=60)
    header_text(out, header_title or title, subtitle, bold_left=False)
    footer_page_number(out)
    body = body_of(out)
    ids = ox.IdAllocator()
    default_stamp = ox.iso_date(default_date)
    p = ox.paragraph(body, align="center", after=60)
    ox.run(p, title, bold=True, size=12)
    if subtitle:
        p = ox.paragraph(body, align="center", after=240)
        ox.run(p, subtitle, italic=True)
    if agreement is not None:
        add_styles(out)
        for line in legend_lines(agreement, lab):
            note_paragraph(body, line)
    widths = list(_COMPILATION_WIDTHS)
    scale = text_width(out) / sum(widths)
    widths = [int(wd * scale) for wd in widths]
    tbl = ox.table(body, widths)
    tr = ox.table_row(tbl, header=True)
    for wd, text in zip(widths, headings, strict=False):
        tc = ox.table_cell(tr, wd, shading=HEADER_SHADING)
        q = ox.paragraph(tc, keep_next=True, after=0)
        ox.run(q, text, bold=True)
    for row in rows:
        flush(out, tbl)
        key, number, heading, current = row.key, row.number, row.heading, row.text
        proposals: list[ProposalRow | None] = list(row.proposals) or [None]
        for n, proposal in enumerate(proposals):
            tr = ox.table_row(tbl)
            first = n == 0
            merge = ("restart" if first else "continue") if len(proposals) > 1 else None
            tc = ox.table_cell(tr, widths[0], vmerge=merge)
            q = ox.paragraph(tc, after=0)
            if first and number:
                ox.run(q, number, bold=True)
            tc = ox.table_cell(tr, widths[1], vmerge=merge)
            if first:
                paras = []
                if heading or row.caption:
                    q = ox.paragraph(tc, after=60, keep_next=True)
                    ox.run(q, heading or row.caption, bold=True, italic=bool(row.caption and not heading))
                    paras.append(q)
                mark = agreement(key) if agreement is not None and not row.caption else None
                q = ox.paragraph(tc, after=0)
                if mark is not None and mark.brackets:
                    bracket_text(q, current, mark.brackets)
                else:
                    ox.run(q, current)
                paras.append(q)
                if key and not row.caption:
                    wrap_bookmark(paras, ox.bookmark_name(key), ids)
                mark_clause(paras, mark, lab, after=tc)
            else:
                ox.paragraph(tc, after=0)
            _proposal_cells(tr, widths, key, heading, current, proposal, ids, default_stamp, words)
    return to_bytes(out)


def _proposal_cells(tr, widths, key: str, heading: str, current: str, proposal: ProposalRow | None,
                    ids: ox.IdAllocator, default_stamp: str, words: dict[str, str]) -> None:
    if proposal is None:
        for wd in widths[2:]:
            ox.run(ox.paragraph(ox.table_cell(tr, wd), after=0), words["none"])
        return
    state = proposal.state
    # proposed by
    tc = ox.table_cell(tr, widths[2])
    ox.run(ox.paragraph(tc, after=0), state, bold=True)
    if proposal.cosponsors:
        ox.run(ox.paragraph(tc, after=0, before=60), words["cosponsors"].format(states=", ".join(proposal.cosponsors)),
               italic=True)
    # the proposal as a redline of the current text
    tc = ox.table_cell(tr, widths[3])
    try:
        stamp = ox.iso_date(proposal.date) if proposal.date else default_stamp
    except (TypeError, ValueError):
        stamp = default_stamp
    rev = ox.Rev(proposal.author or state or words["secretariat"], stamp)
    if proposal.summary:
        ox.run(ox.paragraph(tc, after=60), proposal.summary, italic=True)
    marked = []
    if proposal.heading_ops:
        h = ox.paragraph(tc, after=60, keep_next=True)
        ox.run(h, words["heading"] + " ", italic=True)
        write_ops(h, proposal.heading_ops, rev, ids, bold=True)
        marked.append(h)
    q = ox.paragraph(tc, after=0)
    ops = _proposal_ops(current, proposal)
    if ops is None:
        if not proposal.heading_ops:
            ox.run(q, words["comment"] if proposal.action == "comment" else words["same"], italic=True)
    else:
        write_ops(q, ops, rev, ids)
    marked.append(q)
    if key and proposal.id is not None:
        wrap_bookmark(marked, ox.bookmark_name(key, f"p{proposal.id}"), ids)
    # rationale
    tc = ox.table_cell(tr, widths[4])
    ox.run(ox.paragraph(tc, after=0), proposal.rationale)
    # status / recommendation
    tc = ox.table_cell(tr, widths[5])
    ox.run(ox.paragraph(tc, after=0), proposal.status, bold=True)
    if proposal.recommendation:
        ox.run(ox.paragraph(tc, after=0, before=60), proposal.recommendation, italic=True)
