"""Word export benchmark: ``python -m bench.word_bench`` prints a table.

The corpus is built here, deterministically (``random.Random(0)``): a 1,200-clause,
~60,000-word agreement, a 5%-edited next version and its comparison (built by key, as the
comparison engine would), the three-language parallel table and a 2,000-proposal
compilation. :func:`run` returns ``(name, median ms, note)`` rows.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO

from app.core.clauses.tree import (
    CLOSING,
    DECIMAL,
    FORMULA,
    ITEM,
    LOWER_ROMAN,
    OUTLINE,
    PARAGRAPH,
    PARTY,
    RECITAL,
    SECTION,
    SIGNATURE,
    TEXT,
    TITLE,
    Clause,
    Document,
    KeyAllocator,
    renumber,
)
from app.core.compare.model import (
    DELETED,
    INSERTED,
    MODIFIED,
    MOVED,
    RENUMBERED,
    UNCHANGED,
    ClauseDiff,
    Comparison,
)
from app.core.word.exports import (
    CompilationRow,
    ParallelCell,
    ParallelRow,
    ProposalRow,
    compilation_docx,
    parallel_docx,
    signature_docx,
)
from app.core.word.redline import redline_docx, word_ops
from bench.timing import median_ms

_WORDS = (
    "the participants will cooperate within their respective mandates and in accordance with "
    "applicable rules regulations policies procedures of each organization including exchange "
    "information expertise capacity building technical assistance prevention countering terrorism "
    "violent extremism conducive regional national strategy implementation monitoring evaluation "
    "joint activities projects programmes meetings consultations secretariat member states "
    "agreement arrangement memorandum understanding provisions article paragraph annex shall may "
    "should consent writing notice period termination amendment dispute settlement privileges "
    "immunities nothing herein deemed waiver express implied focal points correspondence "
    "designated coordination mutual interest objectives purpose scope modalities framework legal "
    "binding non effect date signature authorized representatives"
).split()


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ";", ","])


def make_document(n_clauses: int = 1200, seed: int = 0) -> Document:
    """A deterministic agreement of exactly ``n_clauses`` clauses (about 50 words each)."""
    rng = random.Random(seed)
    keys = KeyAllocator()
    head = [Clause(keys(), TITLE, text="MEMORANDUM OF UNDERSTANDING\nbetween\nTHE FIRST PARTICIPANT\nand\nTHE SECOND")]
    head.append(Clause(keys(), PARTY, text="THE FIRST PARTICIPANT, " + _sentence(rng, 20, 40)))
    head.append(Clause(keys(), TEXT, text="and"))
    head.append(Clause(keys(), PARTY, text="THE SECOND PARTICIPANT, " + _sentence(rng, 20, 40)))
    for _ in range(8):
        head.append(Clause(keys(), RECITAL, text="WHEREAS " + _sentence(rng, 30, 70)))
    head.append(Clause(keys(), FORMULA, text="NOW, THEREFORE, the Participants have agreed as follows:"))
    tail = [
        Clause(keys(), CLOSING, text="SIGNED in two originals in the English language."),
        Clause(keys(), SIGNATURE, heading="For the First Participant:", text="H.E. Mr. A. Example\nMinister"),
        Clause(keys(), SIGNATURE, heading="For the Second Participant:", text="H.E. Ms. B. Example\nSecretary General"),
    ]
    budget = n_clauses - len(head) - len(tail)
    sections: list[Clause] = []
    while budget > 0:
        sec = Clause(keys(), SECTION, heading=" ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 5))).title(),
                     num_style=DECIMAL, num_pattern="{}:")
        budget -= 1
        sections.append(sec)
        for _ in range(rng.randint(4, 9)):
            if budget <= 0:
                break
            par = Clause(keys(), PARAGRAPH, text=_sentence(rng, 30, 115), num_style=OUTLINE, num_pattern="{}")
            budget -= 1
            sec.children.append(par)
            if rng.random() < 0.25:
                for _ in range(rng.randint(2, 5)):
                    if budget <= 0:
                        break
                    par.children.append(Clause(keys(), ITEM, text=_sentence(rng, 10, 40),
                                               num_style=LOWER_ROMAN, num_pattern="{}."))
                    budget -= 1
    return renumber(Document(head + sections + tail))


def _edit_text(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(words))
        action = rng.random()
        if action < 0.4:
            words[i] = rng.choice(_WORDS)
        elif action < 0.7:
            words.insert(i, rng.choice(_WORDS))
        elif len(words) > 3:
            del words[i]
    return " ".join(words)


def edit_document(doc: Document, fraction: float = 0.05, seed: int = 1) -> tuple[Document, set[str]]:
    """A next version with ``fraction`` of the clauses touched: mostly reworded, some
    inserted, deleted or moved (leaf paragraphs and items, so moves stay clause moves).
    Returns the new document and the keys of the moved clauses."""
    rng = random.Random(seed)
    new = doc.copy()
    keys = KeyAllocator(max(KeyAllocator.seq_of(c.key) for c in doc.walk()) + 1)
    parents: dict[str, Clause] = {}
    for c in new.walk():
        for ch in c.children:
            parents[ch.key] = c
    body = [c for c in new.walk() if c.kind in (PARAGRAPH, ITEM)]
    n = max(1, int(len(list(new.walk())) * fraction))
    chosen = rng.sample(body, n)
    moved: set[str] = set()
    gone: set[str] = set()
    for c in chosen:
        if c.key in gone:
            continue
        r = rng.random()
        parent = parents.get(c.key)
        if r < 0.70 or parent is None:
            c.text = _edit_text(rng, c.text)
        elif r < 0.80:
            at = parent.children.index(c) + 1
            parent.children.insert(at, Clause(keys(), c.kind, text=_sentence(rng, 20, 60),
                                              num_style=c.num_style, num_pattern=c.num_pattern))
        elif r < 0.90 and not c.children and len(parent.children) > 1:
            parent.children.remove(c)
            gone.add(c.key)
        elif not c.children and len(parent.children) > 2:
            i = parent.children.index(c)
            j = rng.choice([x for x in range(len(parent.children)) if x != i])
            parent.children.remove(c)
            parent.children.insert(j, c)
            moved.add(c.key)
        else:
            c.text = _edit_text(rng, c.text)
    return renumber(new), moved


def compare_by_key(old: Document, new: Document, moved: set[str] = frozenset(),
                   provenance: Callable[[Clause], list[dict]] | None = None) -> Comparison:
    """A comparison matched by key (what the comparison engine produces): the new text's
    order, each deletion after the old clause that preceded it."""
    old_idx = old.index()
    new_idx = new.index()
    old_parent = {c.key: (p.key if p else None) for c, p, _ in old.walk_with_parent()}
    pending: dict[str | None, list[ClauseDiff]] = defaultdict(list)
    prev: str | None = None
    for c, p, depth in old.walk_with_parent():
        if c.key not in new_idx:
            pending[prev].append(ClauseDiff(DELETED, c.kind, old_key=c.key, old_number=c.number,
                                            old_heading=c.heading, old_text=c.text, depth=depth,
                                            old_parent_key=p.key if p else None))
        elif c.key not in moved:
            prev = c.key
    out = list(pending[None])
    for c, p, depth in new.walk_with_parent():
        o = old_idx.get(c.key)
        if o is None:
            cd = ClauseDiff(INSERTED, c.kind, new_key=c.key, new_number=c.number, new_heading=c.heading,
                            new_text=c.text, depth=depth, new_parent_key=p.key if p else None)
        else:
            changed = (o.heading, o.text) != (c.heading, c.text)
            status = MODIFIED if changed else MOVED if c.key in moved else (
                RENUMBERED if o.number != c.number else UNCHANGED)
            cd = ClauseDiff(status, c.kind, old_key=o.key, new_key=c.key, old_number=o.number,
                            new_number=c.number, old_heading=o.heading, new_heading=c.heading,
                            old_text=o.text, new_text=c.text, depth=depth,
                            old_parent_key=old_parent[o.key], new_parent_key=p.key if p else None,
                            moved=c.key in moved, renumbered=o.number != c.number)
            if changed:
                cd.heading_ops = word_ops(o.heading, c.heading)
                cd.text_ops = word_ops(o.text, c.text)
        if provenance and cd.status != UNCHANGED:
            cd.provenance = provenance(c)
        out.append(cd)
        if c.key not in moved:
            out.extend(pending.get(c.key, []))
    return Comparison(out, from_label="Version 1", to_label="Version 2")


def parallel_rows(doc: Document, seed: int = 2) -> list[ParallelRow]:
    rng = random.Random(seed)
    rows = []
    for c in doc.walk():
        cells = {"en": ParallelCell(c.text, c.heading, "current")}
        for lang in ("ru", "kk"):
            r = rng.random()
            status = "current" if r < 0.8 else "stale" if r < 0.93 else "missing"
            cells[lang] = ParallelCell("" if status == "missing" else c.text[::-1], c.heading, status)
        rows.append(ParallelRow(c.key, c.number, cells))
    return rows


STATES = ["Kazakhstan", "India", "China", "Russian Federation", "Türkiye", "Azerbaijan", "Egypt",
          "Iran", "Iraq", "Israel", "Jordan", "Mongolia", "Pakistan", "Qatar", "Thailand", "Viet Nam"]


def compilation_rows(doc: Document, n_proposals: int = 2000, seed: int = 3) -> list[CompilationRow]:
    rng = random.Random(seed)
    clauses = [c for c in doc.walk() if c.text]
    by_key: dict[str, list[ProposalRow]] = defaultdict(list)
    for pid in range(1, n_proposals + 1):
        c = rng.choice(clauses)
        state = rng.choice(STATES)
        action = rng.choices(["replace", "delete", "comment"], [0.85, 0.05, 0.10])[0]
        proposal = ProposalRow(id=pid, state=state, cosponsors=rng.sample(STATES, rng.randint(0, 3)), action=action,
                               rationale=_sentence(rng, 8, 30), status="submitted",
                               recommendation=rng.choice(["", "accept", "accept as amended", "not accept"]),
                               date="2024-06-12T00:00:00Z")
        if action == "replace":
            proposal.ops = word_ops(c.text, _edit_text(rng, c.text))
        by_key[c.key].append(proposal)
    return [CompilationRow(c.key, c.number, c.heading, c.text, by_key[c.key]) for c in doc.walk() if by_key.get(c.key)]


def naive_signature_docx(doc: Document) -> bytes:
    """The signature copy's body through python-docx's paragraph API, for comparison."""
    import docx
    from docx.shared import Cm

    out = docx.Document()
    for c, _, depth in doc.walk_with_parent():
        p = out.add_paragraph()
        if c.number:
            p.paragraph_format.left_indent = Cm(depth + 1)
            p.paragraph_format.first_line_indent = Cm(-1)
            p.add_run(c.number + "\t")
        if c.heading:
            p.add_run(c.heading).bold = True
        if c.text:
            if c.heading:
                p = out.add_paragraph()
            p.add_run(c.text)
    buf = BytesIO()
    out.save(buf)
    return buf.getvalue()




def run(repeat: int = 5) -> list[tuple[str, float, str]]:
    doc = make_document(1200, seed=0)
    words = sum(len(c.text.split()) + len(c.heading.split()) for c in doc.walk())
    new, moved = edit_document(doc, 0.05, seed=1)
    author = lambda c: [{"author": "Kazakhstan", "state": "KAZ", "date": "2024-06-12T00:00:00Z",  # noqa: E731
                         "rationale": "Editorial."}]
    comparison = compare_by_key(doc, new, moved, provenance=author)
    old_order = [c.key for c in doc.walk()]
    changed = sum(1 for cd in comparison.clauses if cd.status not in (UNCHANGED, RENUMBERED))
    rows = parallel_rows(doc)
    comp_rows = compilation_rows(doc, 2000)
    when = datetime(2024, 6, 12, tzinfo=UTC)
    results: list[tuple[str, float, str]] = []

    def add(name: str, fn: Callable[[], bytes], target: float | None, note: str) -> None:
        ms = median_ms(fn, runs=repeat)
        size = len(fn()) // 1024
        verdict = "" if target is None else (" OK" if ms <= target else " SLOW")
        tgt = f"target <= {target:.0f} ms{verdict}; " if target is not None else ""
        results.append((name, ms, f"{tgt}{note}; {size} KiB"))

    add("signature_docx", lambda: signature_docx(doc, title="MoU", version_label="Version 3", final=False,
                                                 text_hash=None), 300,
        f"{len(doc)} clauses, {words} words")
    add("signature (python-docx API)", lambda: naive_signature_docx(doc), None, "doc.add_paragraph/add_run, for comparison")
    add("parallel_docx (3 languages)", lambda: parallel_docx(rows, title="MoU", languages=["en", "ru", "kk"],
                                                             language_names={"en": "English", "ru": "Russian",
                                                                             "kk": "Kazakh"}), 500,
        f"{len(rows)} rows")
    add("redline_docx (5% edited)", lambda: redline_docx(comparison, title="MoU", default_date=when,
                                                         with_comments=True, old_order=old_order), 200,
        f"{changed} changed clauses, {len(moved)} moves, with comments")
    add("compilation_docx", lambda: compilation_docx(comp_rows, title="Compilation", subtitle="Version 3",
                                                     default_date=when), 3000,
        f"{sum(len(r.proposals) for r in comp_rows)} proposals on {len(comp_rows)} clauses")
    return results


def main(argv: list[str] | None = None) -> int:
    rows = run()
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'median ms':>10}  note")
    print("-" * (width + 60))
    for name, ms, note in rows:
        print(f"{name:<{width}}  {ms:>10.1f}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
