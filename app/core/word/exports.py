"""The Word exports: the signature copy, the parallel (multilingual) table and the
compilation of proposals. Every function returns the .docx as bytes.

All three follow the clause layout and the ``cl_<key>`` bookmark convention of
:mod:`app.core.word.writer` / :mod:`app.core.word.ooxml`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from app.core.clauses.tree import SIGNATURE, TITLE, Clause, Document, number_clauses
from app.core.compare.model import DELETE, INSERT, WordOp

from . import ooxml as ox
from .redline import ops_for, write_ops
from .writer import (
    INDENT_STEP,
    TAB,
    body_of,
    footer_page_number,
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


def signature_docx(doc: Document, *, title: str, version_label: str, final: bool,
                   text_hash: str | None, parties: list[dict] | None = None) -> bytes:
    """The agreement as it is signed.

    Layout: the title block (TITLE clauses, else ``title``) centred bold; parties,
    preamble and the enacting formula; numbered sections (bold headings) and paragraphs and
    items with hanging indents by depth; the closing formula; then the signature blocks as
    a borderless table, one column per party (at most three a row): "For the ...:",
    signatory name and title, and lines for Signature, Date and Place. Page numbers in the
    footer (a PAGE field).

    Not ``final``: "DRAFT" and ``version_label`` in the header. ``final``: neither, and the
    footer carries ``text_hash``.

    Numbers come from the labels as written (``number_clauses``).

    ``parties`` (optional), one dict per signature column, in order:
    ``{"name": "...", "signatory": "H.E. Mr ...", "title": "Minister of ..."}``. They fill
    in what a SIGNATURE clause lacks (its heading "For the ...:" gives the party; the first
    line of its text the signatory, further lines the title); with no SIGNATURE clauses at
    all, the columns come from ``parties`` alone.
    """
    number_clauses(doc)
    out = new_document(title=title)
    if not final:
        header_text(out, "DRAFT", version_label)
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
    i = 0
    while i < len(items):
        c, _, depth = items[i]
        if c.kind == SIGNATURE:
            group = []
            while i < len(items) and items[i][0].kind == SIGNATURE:
                group.append(items[i][0])
                i += 1
            extra = parties if not signed else []
            _signature_table(body, group, extra, width, ids)
            signed = True
            continue
        write_clause(body, kind=c.kind, number=c.number, heading=c.heading, text=c.text,
                     depth=depth, ids=ids, key=c.key)
        i += 1
    if not signed and parties:
        _signature_table(body, [], parties, width, ids)
    return to_bytes(out)


def _signature_table(body: etree._Element, clauses: list[Clause], parties: list[dict], width: int,
                     ids: ox.IdAllocator) -> None:
    columns: list[tuple[Clause | None, dict]] = []
    for n in range(max(len(clauses), len(parties))):
        columns.append((clauses[n] if n < len(clauses) else None, parties[n] if n < len(parties) else {}))
    ox.paragraph(body, before=240, after=0, keep_next=True)  # space above the blocks
    per_row = min(SIGNATURE_COLUMNS, len(columns)) or 1
    col_w = width // per_row
    tbl = ox.table(body, [col_w] * per_row, borders=False)
    for start in range(0, len(columns), per_row):
        tr = ox.table_row(tbl, cant_split=True)
        chunk = columns[start:start + per_row]
        for clause, party in chunk:
            _signature_cell(ox.table_cell(tr, col_w), clause, party, col_w, ids)
        for _ in range(per_row - len(chunk)):
            ox.paragraph(ox.table_cell(tr, col_w))


def _signature_cell(tc: etree._Element, clause: Clause | None, party: dict, col_w: int,
                    ids: ox.IdAllocator) -> None:
    name = str(party.get("name") or "")
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
        for n, line in enumerate(x for x in (party.get("signatory"), party.get("title")) if x):
            q = ox.paragraph(tc, keep_next=True, after=0)
            ox.run(q, str(line), bold=n == 0)
    elif len(lines) == 1 and party.get("title"):
        q = ox.paragraph(tc, keep_next=True, after=0)
        ox.run(q, str(party["title"]))
    # lines to write on, as underscores sized to the column (a tab leader would adapt
    # itself, but LibreOffice draws none for a tab that ends a line in a table cell)
    rule = "_" * max(8, (col_w - 170 - 1300) // 125)
    for label in ("Signature", "Date", "Place"):
        q = ox.paragraph(tc, keep_next=label != "Place", before=360, after=0)
        ox.run(q, f"{label}: {rule}")


# --- the parallel table -------------------------------------------------------------------------

CURRENT = "current"
STALE = "stale"
MISSING = "missing"

STATUS_LABELS = {
    STALE: "[Not up to date: the source text has changed]",
    MISSING: "[Translation missing]",
}
STATUS_SHADING = {STALE: "FFF2CC", MISSING: "E7E6E6"}
HEADER_SHADING = "D9D9D9"


def _cell(row: dict, lang: str) -> dict:
    cells = row.get("cells")
    cell = cells.get(lang) if isinstance(cells, dict) else row.get(lang)
    return cell if isinstance(cell, dict) else {}


def parallel_docx(rows: list[dict], *, title: str, languages: list[str], language_names: dict[str, str],
                  status_labels: dict[str, str] | None = None) -> bytes:
    """The text in parallel columns, one row per clause, one column per language.

    Row dict::

        {"key": "c12",                 # the clause key (bookmarks)
         "number": "1.2",              # its number label ("" if none)
         "cells": {"en": {"text": "...", "status": "current", "heading": ""},
                   "ru": {"text": "...", "status": "stale"},
                   "kk": {"text": "", "status": "missing"}}}

    ``status``: "current", "stale" (made from an older source text) or "missing". Stale
    and missing cells are shaded and start with a bracketed label in words
    (``status_labels`` overrides :data:`STATUS_LABELS`, e.g. with translated labels), so
    the marking survives black-and-white printing. Three or more languages: landscape.

    Bookmarks: the first language's cell holds ``cl_<key>``, the others
    ``cl_<key>__<lang>``.
    """
    labels = {**STATUS_LABELS, **(status_labels or {})}
    out = new_document(title=title, landscape=len(languages) >= 3, margin=1134)
    footer_page_number(out)
    body = body_of(out)
    ids = ox.IdAllocator()
    p = ox.paragraph(body, align="center", after=240)
    ox.run(p, title, bold=True)
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
        key = str(row.get("key") or "")
        number = str(row.get("number") or "")
        tr = ox.table_row(tbl)
        for col, lang in enumerate(languages):
            cell = _cell(row, lang)
            status = cell.get("status") or (MISSING if not cell.get("text") else CURRENT)
            tc = ox.table_cell(tr, col_w, shading=STATUS_SHADING.get(status))
            if status in labels and status != CURRENT:
                q = ox.paragraph(tc, after=60)
                ox.run(q, labels[status], bold=True, italic=True)
            text = str(cell.get("text") or "")
            heading = str(cell.get("heading") or "")
            paras = []
            if heading:
                q = ox.paragraph(tc, keep_next=True, after=60,
                                 **({"left": hang, "hanging": hang, "tab_stops": [hang]} if number else {}))
                ox.run(q, f"{number}{TAB}{heading}" if number else heading, bold=True)
                paras.append(q)
            if text or not heading:
                lab = number if not heading else ""
                q = ox.paragraph(tc, after=0, **({"left": hang, "hanging": hang, "tab_stops": [hang]}
                                                 if lab else {}))
                if lab or text:
                    ox.run(q, f"{lab}{TAB}{text}" if lab else text)
                paras.append(q)
            if key:
                wrap_bookmark(paras, ox.bookmark_name(key, None if col == 0 else lang), ids)
    return to_bytes(out)


# --- the compilation of proposals ----------------------------------------------------------------

COMPILATION_HEADINGS = ("No.", "Current text", "Proposed by", "Proposal", "Rationale", "Status")
_COMPILATION_WIDTHS = (850, 3600, 1800, 4300, 2400, 1620)  # twips, landscape A4 with 2 cm margins


def _proposal_ops(current: str, proposal: dict) -> list[WordOp] | None:
    """The proposal's redline against the current text; None for a comment only."""
    action = str(proposal.get("action") or "")
    ops = proposal.get("ops")
    if ops:
        return [o if isinstance(o, WordOp) else WordOp(o["op"], o["text"]) for o in ops]
    if action == "comment":
        return None
    if action == "delete":
        return [WordOp(DELETE, current)] if current else []
    if "text" in proposal and proposal["text"] is not None:
        new = str(proposal["text"])
        if action == "insert" and not current:
            return [WordOp(INSERT, new)]
        return ops_for(current, new, None)
    return None


def compilation_docx(rows: list[dict], *, title: str, subtitle: str,
                     default_date: datetime | None = None, headings: Sequence[str] = COMPILATION_HEADINGS,
                     no_proposals: str = "—", comment_only: str = "(comment only)",
                     no_text_change: str = "(no change to the text)") -> bytes:
    """The compilation of proposals: a landscape table, one group of rows per clause.

    Row dict (one per clause that has proposals)::

        {"key": "c12", "number": "1.2", "heading": "", "text": "current text",
         "proposals": [
            {"id": 17,
             "state": "Kazakhstan",                 # proposing state (as shown)
             "cosponsors": ["India", "China"],      # co-sponsoring states (as shown)
             "action": "replace",                   # replace|insert|delete|move|comment
             "summary": "Move after 2.3",           # optional line above the text (italic)
             "ops": [WordOp, ...],                  # proposed text as a redline of "text"
             "text": "proposed text",               # used when "ops" is absent
             "rationale": "...",
             "status": "submitted",
             "recommendation": "accept as amended",
             "author": "Kazakhstan",                # tracked-change author (default: state)
             "date": "2024-06-12T00:00:00Z"},       # tracked-change date (default: default_date)
         ]}

    ``ops`` may also be dicts ``{"op": ..., "text": ...}``. Without ops: "delete" strikes
    the whole current text, "insert" (no current text) inserts ``text``, "replace" diffs
    ``text`` against the current text word by word; a "comment" (or a "move" with no new
    wording) shows ``comment_only`` / ``no_text_change``. Rows without proposals show
    ``no_proposals``. The labels and ``headings`` are parameters so the caller can
    translate them. Each proposal's text is written
    as real tracked changes (``w:ins``/``w:del``) against the current text, attributed to
    the proposing state. The number and current text cells are merged down over the
    clause's proposals. Bookmarks: ``cl_<key>`` on the current text, ``cl_<key>__p<id>``
    on each proposal's text.
    """
    out = new_document(title=title, landscape=True, margin=1134, size=10, after=60)
    header_text(out, title, subtitle, bold_left=False)
    footer_page_number(out)
    body = body_of(out)
    ids = ox.IdAllocator()
    default_stamp = ox.iso_date(default_date)
    p = ox.paragraph(body, align="center", after=60)
    ox.run(p, title, bold=True, size=12)
    if subtitle:
        p = ox.paragraph(body, align="center", after=240)
        ox.run(p, subtitle, italic=True)
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
        key = str(row.get("key") or "")
        number = str(row.get("number") or "")
        heading = str(row.get("heading") or "")
        current = str(row.get("text") or "")
        proposals = list(row.get("proposals") or []) or [None]
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
                if heading:
                    q = ox.paragraph(tc, after=60, keep_next=True)
                    ox.run(q, heading, bold=True)
                    paras.append(q)
                q = ox.paragraph(tc, after=0)
                ox.run(q, current)
                paras.append(q)
                if key:
                    wrap_bookmark(paras, ox.bookmark_name(key), ids)
            else:
                ox.paragraph(tc, after=0)
            _proposal_cells(tr, widths, key, current, proposal, ids, default_stamp,
                            no_proposals, comment_only, no_text_change)
    return to_bytes(out)


def _proposal_cells(tr, widths, key: str, current: str, proposal: dict | None, ids: ox.IdAllocator,
                    default_stamp: str, no_proposals: str, comment_only: str, no_text_change: str) -> None:
    if proposal is None:
        for wd in widths[2:]:
            ox.run(ox.paragraph(ox.table_cell(tr, wd), after=0), no_proposals)
        return
    state = str(proposal.get("state") or "")
    # proposed by
    tc = ox.table_cell(tr, widths[2])
    ox.run(ox.paragraph(tc, after=0), state, bold=True)
    cos = [str(s) for s in proposal.get("cosponsors") or []]
    if cos:
        ox.run(ox.paragraph(tc, after=0, before=60), "Co-sponsors: " + ", ".join(cos), italic=True)
    # the proposal as a redline of the current text
    tc = ox.table_cell(tr, widths[3])
    date = proposal.get("date")
    try:
        stamp = ox.iso_date(date) if date else default_stamp
    except (TypeError, ValueError):
        stamp = default_stamp
    rev = ox.Rev(str(proposal.get("author") or state or "Secretariat"), stamp)
    if proposal.get("summary"):
        ox.run(ox.paragraph(tc, after=60), str(proposal["summary"]), italic=True)
    q = ox.paragraph(tc, after=0)
    ops = _proposal_ops(current, proposal)
    if ops is None:
        is_comment = str(proposal.get("action") or "") == "comment"
        ox.run(q, comment_only if is_comment else no_text_change, italic=True)
    else:
        write_ops(q, ops, rev, ids)
    if key and proposal.get("id") is not None:
        wrap_bookmark([q], ox.bookmark_name(key, f"p{proposal['id']}"), ids)
    # rationale
    tc = ox.table_cell(tr, widths[4])
    ox.run(ox.paragraph(tc, after=0), str(proposal.get("rationale") or ""))
    # status / recommendation
    tc = ox.table_cell(tr, widths[5])
    ox.run(ox.paragraph(tc, after=0), str(proposal.get("status") or ""))
    if proposal.get("recommendation"):
        ox.run(ox.paragraph(tc, after=0, before=60), str(proposal["recommendation"]), italic=True)
