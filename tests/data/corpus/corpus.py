"""The corpus of real texts: loading, importing with the current parser, comparing with the
hand-written expectations.

Each text ``<name>.md`` / ``<name>.txt`` / ``<name>.docx`` in this folder has an expectation
``<name>.expect.json`` written by hand from reading the source (never from the parser's
output)::

    {
      "labels": ["Article 1", "1.", "2.", "(a)", ...],   # every number label, document order,
                                                         # exactly as written (separator kept)
      "sections": 14,        # clauses that are sections: article headings, and the PART /
                             # Chapter / Раздел headings above them (each counts once)
      "closing": 1,          # optional: number of closing-formula clauses
      "annex_sections": [...],  # optional: labels of sections that must be inside an annex
      "parents": {"Article 2": "CHAPTER I"},  # optional: the parent of (the first) clause
                                # with this label ("" = top level)
      "kinds": {"recital": 5},  # optional: number of clauses of these kinds
      "together": [["a", "b"]]  # optional: text fragments that belong to one clause (a PDF
                                # running head or page break must not split it)
    }

Bullets ("-", "•") are not number labels and are not listed. For a .docx with automatic
numbering the label is the one Word displays.

Used by ``report.py`` (human report) and ``tests/core/test_corpus.py`` (the pytest gate).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXTS = (".md", ".txt", ".docx")


def names() -> list[str]:
    """Every corpus text that has an expectation, sorted."""
    out = []
    for p in sorted(HERE.iterdir()):
        if p.suffix in EXTS and p.name != "SOURCES.md" and (HERE / f"{p.stem}.expect.json").exists():
            out.append(p.name)
    return out


def expectation(name: str) -> dict:
    return json.loads((HERE / f"{Path(name).stem}.expect.json").read_text(encoding="utf-8"))


# --- the source text, markup aside ------------------------------------------------------------

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraph_texts(data: bytes) -> list[str]:
    """The text of every paragraph of word/document.xml (table cells included), read
    directly from the XML, independently of Concord's reader."""
    import io

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W_NS}p"):
        parts = []
        for el in p.iter(f"{W_NS}t", f"{W_NS}tab", f"{W_NS}br"):
            parts.append(el.text or "" if el.tag == f"{W_NS}t" else " ")
        out.append("".join(parts))
    return out


def source_text(name: str) -> str:
    """The source with markup roughly removed (Markdown emphasis and headings, HTML tags,
    footnote markers of the form [^1])."""
    path = HERE / name
    if path.suffix == ".docx":
        return "\n".join(docx_paragraph_texts(path.read_bytes()))
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"</?(sup|sub|b|i|em|strong|span|u)\b[^>]*>", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[\^(\d+)\]", r" \1 ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


# --- importing with the current parser --------------------------------------------------------


@dataclass
class Result:
    name: str
    error: str | None = None
    labels: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    sections: int = 0
    closing: int = 0
    annex_sections: list[str] = field(default_factory=list)
    lost: Counter = field(default_factory=Counter)
    outline: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    texts: list[str] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)


def _label_of(c) -> str:
    """The label the parser gives a clause: ``Clause.label`` (as written) when the model has
    it, else the label rebuilt from the numbering pattern (separator kept, like the source)."""
    from app.core.clauses.tree import BULLET, label

    if c.num_style == BULLET or not c.numbered:
        return ""
    lab = getattr(c, "label", None)
    if lab:
        return " ".join(str(lab).split())
    return " ".join((label(c.num_pattern, c.core_number) or c.number).split())


def parse(name: str):
    """Import one corpus file the way Concord's upload does; returns (Document, ParseReport)."""
    from app.core.clauses.parse import parse_blocks_report, parse_text_report

    path = HERE / name
    if path.suffix == ".docx":
        from app.core.word.reader import docx_to_blocks

        return parse_blocks_report(docx_to_blocks(path.read_bytes()))
    return parse_text_report(path.read_text(encoding="utf-8"))


def run(name: str) -> Result:
    from app.core.clauses.parse import ParseError
    from app.core.clauses.tree import CLOSING, PART, SECTION

    res = Result(name)
    try:
        doc, report = parse(name)
    except ParseError as exc:
        res.error = f"ParseError: {exc}"
        return res
    exp = expectation(name)
    annex_words = tuple(w.lower() for w in exp.get("annex_words", ["annex", "appendix", "приложение"]))
    for c, parent, depth in doc.walk_with_parent():
        lab = _label_of(c)
        if lab:
            res.labels.append(lab)
            res.parents.setdefault(lab, _label_of(parent) if parent is not None else "")
        if c.kind in (SECTION, PART) and not (
            not lab and (c.heading or c.text).strip().lower().startswith(annex_words)
        ):
            res.sections += 1
        if c.kind == CLOSING:
            res.closing += 1
        res.kinds[c.kind] += 1
        res.texts.append(" ".join(f"{c.heading} {c.text}".split()))
        res.outline.append(f"{'  ' * depth}{c.kind} {lab!r} {(c.heading or c.text)[:60]!r}")

    # sections that sit under an annex heading (an ancestor whose heading/text starts "Annex")
    def rec(nodes, in_annex):
        for n in nodes:
            head = (n.heading or n.text or "").strip().lower()
            here = in_annex or head.startswith(annex_words)
            lab = _label_of(n)
            if here and n.kind in (SECTION, PART) and lab:
                res.annex_sections.append(lab)
            rec(n.children, here)

    rec(doc.clauses, False)
    # words lost or added: Concord's own word-fidelity check, which allows only the differences
    # the parser lists with a reason (page furniture, signature layout lines); those are kept
    # in ``dropped`` so the report shows them
    from app.core.clauses import fidelity

    f = fidelity.check(doc, report)
    res.lost = Counter(f.lost) + Counter(f.added)
    res.dropped = [f"line {d['line']}: {d['text']!r} ({d['reason']})" for d in f.dropped]
    return res


def compare(res: Result, exp: dict) -> list[str]:
    """Human-readable differences between a result and its expectation (empty = OK)."""
    if res.error:
        return [res.error]
    diffs = []
    want, got = [" ".join(w.split()) for w in exp["labels"]], res.labels
    if want != got:
        i = next(
            (k for k, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got))
        )
        diffs.append(
            f"labels differ at #{i}: expected {want[i : i + 6]} got {got[i : i + 6]} "
            f"(expected {len(want)} labels, got {len(got)})"
        )
    if "sections" in exp and exp["sections"] != res.sections:
        diffs.append(f"sections: expected {exp['sections']}, got {res.sections}")
    if "closing" in exp and exp["closing"] != res.closing:
        diffs.append(f"closing clauses: expected {exp['closing']}, got {res.closing}")
    if "annex_sections" in exp and exp["annex_sections"] != res.annex_sections:
        diffs.append(f"sections under an annex: expected {exp['annex_sections']}, got {res.annex_sections}")
    for lab, parent in exp.get("parents", {}).items():
        if res.parents.get(lab) != parent:
            diffs.append(
                f"{lab!r} should be under {parent!r}, is under {res.parents.get(lab, '(missing)')!r}"
            )
    for kind, n in exp.get("kinds", {}).items():
        if res.kinds.get(kind, 0) != n:
            diffs.append(f"{kind} clauses: expected {n}, got {res.kinds.get(kind, 0)}")
    for a, b in exp.get("together", []):
        if not any(a in t and b in t for t in res.texts):
            where = [i for i, t in enumerate(res.texts) if b in t]
            got = res.texts[where[0]][:70] if where else "(not found)"
            diffs.append(
                f"split clause: {a[:40]!r} and {b[:40]!r} should be one clause; the second is in {got!r}"
            )
    if res.lost:
        sample = ", ".join(f"{w}×{n}" if n > 1 else w for w, n in res.lost.most_common(12))
        diffs.append(f"words lost ({sum(res.lost.values())}): {sample}")
    return diffs
