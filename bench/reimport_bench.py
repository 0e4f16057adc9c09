"""A revised text becomes the next version: matching its clauses to the current version's keys.

The old version is the comparison benchmark's 1,200-clause, ~60,000-word draft (100 articles
x 11 paragraphs). The revised text, as a counterpart would send it back: 5% of the clauses
edited, 12 paragraphs inserted, 12 deleted, one article deleted, 6 paragraphs moved to other
articles, and every label renumbered by position (as Word does). Its keys are thrown away, as
after parsing a file; the truth (which old key each clause should get) is kept to count the
keys each way gets right.

Beside :func:`app.core.clauses.match.match`, the naive ways: position only (the n-th clause
takes the n-th key: fast and wrong after the first insertion) and difflib's ratio over all
pairs of clauses, by words (right, but quadratic: timed on 120 clauses, with match() on the same 120).

``run()`` returns rows ``(name, median_ms, note)``; ``python -m bench.reimport_bench`` prints them.
"""

from __future__ import annotations

import difflib
import itertools
import random

from app.core.clauses.match import match, match_by_position
from app.core.clauses.tree import PARAGRAPH, Clause, Document, renumber
from bench.compare_bench import _edit_words, _text, build_document
from bench.timing import median_ms

Row = tuple[str, float, str]


def revised_pair(seed: int = 7, sections: int = 100, children: int = 11) -> tuple[Document, Document, list]:
    """(old, revised with throw-away keys, the old key each revised clause should get or None)."""
    rng = random.Random(seed)
    old = build_document(sections=sections, children=children)
    new = old.copy()
    paragraphs = [c for c in new.walk() if c.kind == PARAGRAPH]
    for c in rng.sample(paragraphs, round(0.05 * len(paragraphs))):
        c.text = _edit_words(rng, c.text)
    arts = new.clauses
    for _ in range(max(1, sections // 8)):
        art = rng.choice(arts)
        if len(art.children) > 2:
            art.children.pop(rng.randrange(len(art.children)))
    for i in range(max(1, sections // 8)):
        art = rng.choice(arts)
        art.children.insert(rng.randrange(len(art.children) + 1),
                            Clause(key=f"new{i}", kind=PARAGRAPH, text=_text(rng, rng.randint(30, 60)),
                                   num_style="outline", num_pattern="{}"))
    for _ in range(max(1, sections // 16)):
        src, dst = rng.sample(arts, 2)
        if len(src.children) > 2:
            moved = src.children.pop(rng.randrange(len(src.children)))
            dst.children.insert(rng.randrange(len(dst.children) + 1), moved)
    arts.pop(rng.randrange(len(arts)))
    renumber(new)  # the counterpart's Word file numbers by position
    truth = [None if c.key.startswith("new") else c.key for c in new.walk()]
    counter = itertools.count(1)
    for c in new.walk():
        c.key = f"tmp{next(counter)}"
    return old, new, truth


def keys_right(doc: Document, truth: list) -> float:
    got = [c.key for c in doc.walk()]
    ok = sum(1 for g, t in zip(got, truth, strict=True) if g == t or (t is None and g.startswith("fresh")))
    return 100.0 * ok / len(truth)


def _fresh():
    counter = itertools.count(1)
    return lambda: f"fresh{next(counter)}"


def match_difflib_all_pairs(old: Document, new: Document, new_key) -> Document:
    """The naive similarity way: every new clause against every old one, best ratio >= 0.6 wins."""
    out = new.copy()
    olds = [(c.key, f"{c.heading}\n{c.text}".split()) for c in old.walk()]
    taken: set[str] = set()
    for c in out.walk():
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(f"{c.heading}\n{c.text}".split())
        best, best_key = 0.6, None
        for key, text in olds:
            if key in taken:
                continue
            sm.set_seq1(text)
            r = sm.ratio()
            if r > best:
                best, best_key = r, key
        if best_key is None:
            c.key = new_key()
        else:
            c.key = best_key
            taken.add(best_key)
    return out


def run() -> list[Row]:
    old, new, truth = revised_pair()
    n = len(old)
    rows: list[Row] = []
    m = match(old, new, _fresh())
    c = m.counts()
    rows.append((f"match a revised text to its version ({n} clauses: {c['edited']} edited, {c['inserted']} "
                 f"inserted, {c['deleted']} deleted, {c['moved']} moved, {c['relabelled']} relabelled)",
                 median_ms(lambda: match(old, new, _fresh()), runs=7),
                 f"target ≤ 150 ms; keys right {keys_right(m.doc, truth):.1f}%"))
    naive = match_by_position(old, new, _fresh())
    rows.append(("  baseline: position only (n-th clause takes the n-th key)",
                 median_ms(lambda: match_by_position(old, new, _fresh()), runs=7),
                 f"for comparison; keys right {keys_right(naive, truth):.1f}%"))
    small_old, small_new, small_truth = revised_pair(sections=10, children=11)
    k = len(small_old)
    dl: list[Document] = []
    ms = median_ms(lambda: dl.append(match_difflib_all_pairs(small_old, small_new, _fresh())), runs=1, warmup=0)
    rows.append((f"  baseline: difflib ratio (by words) over all pairs, {k} clauses (quadratic)", ms,
                 f"for comparison; keys right {keys_right(dl[0], small_truth):.1f}%; ×{(n / k) ** 2:.0f} for {n}"))
    sm = match(small_old, small_new, _fresh())
    rows.append((f"  match() on the same {k} clauses", median_ms(lambda: match(small_old, small_new, _fresh())),
                 f"for comparison; keys right {keys_right(sm.doc, small_truth):.1f}%"))
    rows.extend(_service_rows())
    return rows


def _service_rows() -> list[Row]:
    """The whole request path without HTTP: parse the file, match, store, re-anchor (SQLite)."""
    import tempfile
    from pathlib import Path

    from app.accounts.repository import user_by_email
    from app.accounts.service import create_user, ensure_member_states
    from app.core.clauses.render import render_text
    from app.db import make_engine, transaction
    from app.drafts import reimport
    from app.drafts.service import create_draft
    from app.migrate import upgrade
    from bench.generate import generate_draft

    text = generate_draft(seed=0)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        with transaction(engine) as s:
            ensure_member_states(s)
            create_user(s, "bench@example.org", "benchmark-password", "secretariat")
            draft, _v = create_draft(s, user_by_email(s, "bench@example.org"), text=text, source_name="bench")
            draft_id = draft.id
        rng = random.Random(3)
        versions = itertools.count(1)

        def revised_text() -> str:
            with transaction(engine) as s:
                from app.drafts import repository as repo
                from app.drafts.service import load_document

                doc = load_document(s, repo.latest_version(s, draft_id))
            for c in rng.sample([c for c in doc.walk() if c.kind == PARAGRAPH], 60):
                c.text = _edit_words(rng, c.text)
            return render_text(doc)

        texts = [revised_text() for _ in range(4)]

        def store():
            n = next(versions)
            with transaction(engine) as s:
                user = user_by_email(s, "bench@example.org")
                reimport.import_next_version(s, user, draft_id, text=texts[n - 1], source_name="revised.txt",
                                             base_version=n)

        rows.append((f"revised text ({len(text.split())} words) -> next version: parse, match, store, re-anchor "
                     "(SQLite)", median_ms(store, runs=3), "target ≤ 2000 ms"))
        engine.dispose()
    return rows


def main() -> int:
    for name, ms, note in run():
        print(f"  {name:100s} {ms:9.1f} ms  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
