"""A comparison as HTML fragments: an inline redline and a side-by-side table.

Accessibility: colour is never the only signal.
- Inserted words are in ``<ins>`` (underlined), deleted words in ``<del>`` (struck
  through), each wrapped in visually hidden "insertion start/end" text, since most
  screen readers do not announce ``ins``/``del`` by themselves;
- every changed clause carries a status badge in words ("Modified", "Moved",
  "Renumbered, was 3"), and inserted/deleted clauses carry the same badges;
- the fragment carries ``lang`` so Russian or Kazakh text is read in its language;
- the side-by-side view is a table with a caption and column and row headers.

Every text is escaped with :func:`html.escape`. Styles come from classes only (no
``style`` attributes, so a strict Content-Security-Policy is fine); :data:`REDLINE_CSS` is
a small stylesheet to include once on the page.

Labels are English by default; the web layer passes translated ones (``labels=``), e.g.
from its gettext catalog, with the same keys as :data:`LABELS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from .model import (
    DELETE,
    DELETED,
    INSERT,
    INSERTED,
    MODIFIED,
    MOVED,
    RENUMBERED,
    SOURCE_CHANGED,
    UNCHANGED,
    ClauseDiff,
    Comparison,
    WordOp,
)

LABELS: dict[str, str] = {
    UNCHANGED: "Unchanged",
    MODIFIED: "Modified",
    INSERTED: "Inserted",
    DELETED: "Deleted",
    MOVED: "Moved",
    RENUMBERED: "Renumbered",
    SOURCE_CHANGED: "Changed in the authentic text; this text is not yet updated",
    "source_text": "Authentic text",
    "summary": "Summary",
    "was": "was {number}",
    "split_from": "split from {number}",
    "merged_into": "merged into {number}",
    "ins_start": "[insertion start]",
    "ins_end": "[insertion end]",
    "del_start": "[deletion start]",
    "del_end": "[deletion end]",
    "caption": "Changes from {old} to {new}",
    "caption_plain": "Changes",
    "clause": "Clause",
    "old": "Previous text",
    "new": "New text",
    "none": "none",
    "renumbering": "Renumbering",
    "old_number": "Old number",
    "new_number": "New number",
}

MAX_DEPTH_CLASS = 8

REDLINE_CSS = """\
.cmp-sr{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;\
clip:rect(0,0,0,0);white-space:nowrap;border:0}
.cmp ins,.cmp-sbs ins{text-decoration:underline;text-decoration-thickness:.12em;\
text-underline-offset:.15em;background:#e3f3e6;color:inherit}
.cmp del,.cmp-sbs del{text-decoration:line-through;text-decoration-thickness:.12em;\
background:#fbe4e2;color:inherit}
.cmp-clause{margin:.4em 0;padding-left:.5em;border-left:3px solid transparent}
.cmp-modified{border-left-style:solid;border-left-color:#8a6d00}
.cmp-inserted{border-left-style:double;border-left-color:#1e6b34}
.cmp-deleted{border-left-style:dashed;border-left-color:#a4262c}
.cmp-moved{border-left-style:dotted;border-left-color:#3b4fa0}
.cmp-source_changed{border-left-style:solid;border-left-color:#b35c00}
.cmp-source{margin:.2em 0 .2em 1em;padding-left:.5em;border-left:2px dotted #b35c00;white-space:pre-wrap}
.cmp-badge{display:inline-block;margin-right:.4em;padding:0 .35em;border:1px solid currentColor;\
border-radius:.25em;font-size:.8em;font-weight:600}
.cmp-number{font-weight:600;margin-right:.4em}
.cmp-heading{font-weight:600;margin:0}
.cmp-text{margin:.2em 0;white-space:pre-wrap}
.cmp-sbs{border-collapse:collapse;width:100%}
.cmp-sbs th,.cmp-sbs td{border:1px solid #999;padding:.3em .5em;vertical-align:top;text-align:left}
.cmp-sbs td{white-space:pre-wrap;width:45%}
""" + "".join(
    f".cmp-depth-{d}{{margin-left:{1.5 * d:g}em}}.cmp-sbs th.cmp-depth-{d}{{margin-left:0;padding-left:{0.5 + d:g}em}}\n"
    for d in range(1, MAX_DEPTH_CLASS + 1)
) + """\
@media (forced-colors:active){.cmp ins,.cmp del,.cmp-sbs ins,.cmp-sbs del{text-decoration-color:CanvasText}}
"""


def _labels(labels: Mapping[str, str] | None) -> Mapping[str, str]:
    return LABELS if not labels else {**LABELS, **labels}


def _sr(text: str) -> str:
    return f'<span class="cmp-sr">{escape(text)}</span>'


def _ops_html(ops: Iterable[WordOp], lab: Mapping[str, str], side: str | None = None) -> str:
    """Word ops as HTML; ``side`` "old" keeps equal + delete, "new" equal + insert."""
    out = []
    for op in ops:
        text = escape(op.text)
        if op.op == INSERT:
            if side == "old":
                continue
            out.append(f"<ins>{_sr(lab['ins_start'] + ' ')}{text}{_sr(' ' + lab['ins_end'])}</ins>")
        elif op.op == DELETE:
            if side == "new":
                continue
            out.append(f"<del>{_sr(lab['del_start'] + ' ')}{text}{_sr(' ' + lab['del_end'])}</del>")
        else:
            out.append(text)
    return "".join(out)


def _depth_class(depth: int) -> str:
    return f"cmp-depth-{min(max(depth, 0), MAX_DEPTH_CLASS)}"


def _numbers_by_key(comparison: Comparison) -> tuple[dict[str, str], dict[str, str]]:
    old = {c.old_key: c.old_number for c in comparison.clauses if c.old_key}
    new = {c.new_key: c.new_number for c in comparison.clauses if c.new_key}
    return old, new


def _badges(c: ClauseDiff, lab: Mapping[str, str], old_numbers: dict[str, str], new_numbers: dict[str, str]) -> str:
    """Status in words: nothing for an unchanged clause."""
    parts = []
    if c.status == SOURCE_CHANGED:
        parts.append(f'<span class="cmp-badge cmp-badge-source_changed">{escape(lab["source_changed"])}</span>')
    elif c.status != UNCHANGED:
        parts.append(f'<span class="cmp-badge cmp-badge-{escape(c.status)}">{escape(lab[c.status])}</span>')
    if c.status == MODIFIED and c.moved:
        parts.append(f'<span class="cmp-badge cmp-badge-moved">{escape(lab[MOVED])}</span>')
    if c.renumbered and c.status != RENUMBERED:
        parts.append(f'<span class="cmp-badge cmp-badge-renumbered">{escape(lab[RENUMBERED])}</span>')
    notes = []
    if c.renumbered or (c.moved and c.old_number):
        notes.append(lab["was"].format(number=c.old_number or "\u2014"))
    if c.split_from:
        notes.append(lab["split_from"].format(number=old_numbers.get(c.split_from) or c.split_from))
    if c.merged_into:
        notes.append(lab["merged_into"].format(number=new_numbers.get(c.merged_into) or c.merged_into))
    if notes:
        parts.append(f'<span class="cmp-note">({escape("; ".join(notes))})</span>')
    return " ".join(parts)


def _source_change(c: ClauseDiff, lab: Mapping[str, str], source_lang: str) -> str:
    """The authentic text's change, beside a translation that was not updated."""
    if c.status != SOURCE_CHANGED:
        return ""
    ops = _ops_html(c.source_heading_ops, lab) + ("\n" if c.source_heading_ops else "") + _ops_html(c.source_text_ops, lab)
    lang = f' lang="{escape(source_lang)}"' if source_lang else ""
    return (f'<p class="cmp-source"{lang}><span class="cmp-source-label">{escape(lab["source_text"])}:</span> '
            f"{ops}</p>")


def render_summary(comparison: Comparison, *, labels: Mapping[str, str] | None = None) -> str:
    """How many clauses have each status (zeros left out), as a list in words."""
    lab = _labels(labels)
    counts = comparison.counts()
    items = []
    for status in (MODIFIED, INSERTED, DELETED, MOVED, RENUMBERED, SOURCE_CHANGED):
        if counts.get(status):
            name = lab["source_changed"] if status == SOURCE_CHANGED else lab[status]
            items.append(f'<li data-status="{escape(status)}">{escape(name)}: {counts[status]}</li>')
    return (f'<section class="cmp-summary"><h2>{escape(lab["summary"])}</h2>'
            f'<ul>{"".join(items)}</ul>{render_renumbering(comparison, labels=labels)}</section>')


def render_renumbering(comparison: Comparison, *, labels: Mapping[str, str] | None = None) -> str:
    """The table of old -> new numbers ("" when no number changed)."""
    rows = comparison.renumbering()
    if not rows:
        return ""
    lab = _labels(labels)
    body = "".join(f'<tr data-key="{escape(r["key"])}"><td>{escape(r["old"])}</td><td>{escape(r["new"])}</td></tr>'
                   for r in rows)
    return (f'<table class="cmp-renumbering"><caption>{escape(lab["renumbering"])}</caption>'
            f'<thead><tr><th scope="col">{escape(lab["old_number"])}</th>'
            f'<th scope="col">{escape(lab["new_number"])}</th></tr></thead><tbody>{body}</tbody></table>')


def _number(c: ClauseDiff) -> str:
    number = c.old_number if c.status == DELETED else c.new_number
    return f'<span class="cmp-number">{escape(number)}</span> ' if number else ""


def render_inline(comparison: Comparison, *, labels: Mapping[str, str] | None = None) -> str:
    """The comparison as one redlined text, clause by clause in reading order.

    A clause's number starts its heading line, or its text when it has no heading.
    """
    lab = _labels(labels)
    old_numbers, new_numbers = _numbers_by_key(comparison)
    out = [f'<div class="cmp" lang="{escape(comparison.lang)}">']
    for c in comparison.clauses:
        key = escape(c.new_key or c.old_key or "")
        out.append(
            f'<div class="cmp-clause cmp-{escape(c.status)} {_depth_class(c.depth)}" '
            f'data-status="{escape(c.status)}" data-key="{key}">'
        )
        badges = _badges(c, lab, old_numbers, new_numbers)
        if badges:
            out.append(f'<p class="cmp-meta">{badges}</p>')
        number = _number(c)
        heading = _ops_html(c.heading_ops, lab)
        text = _ops_html(c.text_ops, lab)
        if heading:
            out.append(f'<p class="cmp-heading">{number}{heading}</p>')
            number = ""
        if text or number:
            out.append(f'<p class="cmp-text">{number}{text}</p>')
        source = _source_change(c, lab, comparison.source_lang)
        if source:
            out.append(source)
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def _side(c: ClauseDiff, lab: Mapping[str, str], side: str, source_lang: str = "") -> str:
    exists = c.status != (INSERTED if side == "old" else DELETED)
    if not exists:
        return f'<td class="cmp-empty">{_sr(lab["none"])}</td>'
    parts = []
    heading = _ops_html(c.heading_ops, lab, side)
    if heading:
        parts.append(f'<span class="cmp-heading">{heading}</span>')
    text = _ops_html(c.text_ops, lab, side)
    if text:
        parts.append(text)
    if side == "new" and c.status == SOURCE_CHANGED:
        parts.append(_source_change(c, lab, source_lang))
    return "<td>" + "\n".join(parts) + "</td>"


def render_side_by_side(comparison: Comparison, *, labels: Mapping[str, str] | None = None) -> str:
    """The comparison as a three-column table: clause (number and status), old wording
    (equal + deleted words), new wording (equal + inserted words)."""
    lab = _labels(labels)
    old_numbers, new_numbers = _numbers_by_key(comparison)
    if comparison.from_label or comparison.to_label:
        caption = lab["caption"].format(old=comparison.from_label, new=comparison.to_label)
    else:
        caption = lab["caption_plain"]
    out = [
        f'<table class="cmp-sbs" lang="{escape(comparison.lang)}">',
        f"<caption>{escape(caption)}</caption>",
        f'<thead><tr><th scope="col">{escape(lab["clause"])}</th><th scope="col">{escape(lab["old"])}</th>'
        f'<th scope="col">{escape(lab["new"])}</th></tr></thead>',
        "<tbody>",
    ]
    for c in comparison.clauses:
        key = escape(c.new_key or c.old_key or "")
        number = c.new_number or c.old_number
        head = " ".join(x for x in (escape(number), _badges(c, lab, old_numbers, new_numbers)) if x)
        if not head:
            head = _sr(lab[c.status])
        out.append(
            f'<tr class="cmp-{escape(c.status)}" data-status="{escape(c.status)}" data-key="{key}">'
            f'<th scope="row" class="{_depth_class(c.depth)}">{head}</th>'
            f"{_side(c, lab, 'old')}{_side(c, lab, 'new', comparison.source_lang)}</tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)
