"""The scale curve: 300 → 20,000 clauses, for import, tree load, compare and one submission.

Each size is the generated draft (bench/generate.py) with more or fewer articles. Beside each
time, its cost per clause; the "growth" rows divide the per-clause cost at the largest size by
the one at the smallest: ≤ 1.5× is linear or better. Submitting one proposal must cost the same
at every size (it reads the clause, not the version).

GC: Python's collector walks every tracked object on its older generations, so building a large
tree triggers collections whose cost grows with the heap: super-linear. The server freezes its
start-up heap and raises the first threshold (app/admission.py ``tune_gc``); the last rows
measure tree load and compare at the largest size with the interpreter's defaults and as served.
"""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

from bench.timing import median_ms

SIZES = (25, 100, 400, 1650)  # articles: about 300, 1,200, 4,900 and 20,000 clauses


def _median_clean_ms(fn, runs: int = 5) -> float:
    """The median of ``runs`` (at least 5 at every size: with 2 at 20,000 clauses one slow run on a
    busy machine decided the growth row), each run after a collection, so that it pays for its own
    garbage and not for what the runs before it left (the server's collector is tuned likewise,
    app/admission.py ``tune_gc``)."""
    import time

    fn()
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]


def run() -> list:
    from app.accounts.repository import user_by_email
    from app.accounts.service import create_user, ensure_member_states
    from app.admission import gc_defaults, tune_gc
    from app.core.clauses.parse import parse_text
    from app.core.compare.compare import compare
    from app.core.compare.serialize import to_json
    from app.db import make_engine, transaction
    from app.drafts import repository as repo
    from app.drafts.service import create_draft, load_document
    from app.migrate import upgrade
    from app.models import MemberState
    from app.proposals import service
    from bench.compare_bench import revise
    from bench.generate import generate_draft
    from bench.rush import deadline_in

    rows: list = []
    per_clause: dict[str, list[tuple[int, float]]] = {"import": [], "tree": [], "compare": [], "submit": []}
    tune_gc()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scale.db'}"
        upgrade(url)
        engine = make_engine(url)
        with transaction(engine) as s:
            ensure_member_states(s)
            create_user(s, "scale@example.org", "benchmark-password", "secretariat")
            iso3 = s.query(MemberState.iso3).order_by(MemberState.iso3).first()[0]
            create_user(s, "delegate@example.org", "benchmark-password", "delegate", state=iso3)
        big_doc = None
        for articles in SIZES:
            text = generate_draft(seed=0, articles=articles)
            n = len(parse_text(text))
            runs = 5 if n < 2000 else 3 if n < 10000 else 2
            seq = iter(range(1000))

            def do_import(text=text, seq=seq, articles=articles):
                with transaction(engine) as s:
                    u = user_by_email(s, "scale@example.org")
                    d, _ = create_draft(s, u, text=text, source_name=f"scale-{articles}-{next(seq)}")
                    return d.id

            ms = median_ms(do_import, runs=max(1, runs - 1), warmup=0 if n > 2000 else 1)
            per_clause["import"].append((n, ms))
            rows.append((f"scale {n:,} clauses: import + store (SQLite)", ms, f"{ms * 1000 / n:.0f} µs/clause"))
            draft_id = do_import()

            def load(draft_id=draft_id):
                with transaction(engine, readonly=True) as s:
                    return load_document(s, repo.latest_version(s, draft_id))

            ms = _median_clean_ms(load)
            per_clause["tree"].append((n, ms))
            rows.append((f"scale {n:,} clauses: load version tree (SQLite)", ms, f"{ms * 1000 / n:.0f} µs/clause"))
            old = load()
            new = revise(old, 0.05)
            ms = _median_clean_ms(lambda old=old, new=new: to_json(compare(old, new)))
            per_clause["compare"].append((n, ms))
            rows.append((f"scale {n:,} clauses: compare + JSON, 5% edited", ms, f"{ms * 1000 / n:.0f} µs/clause"))
            with transaction(engine) as s:
                officer = user_by_email(s, "scale@example.org")
                service.open_window(s, officer, draft_id, deadline_in(3600))
            leaves = [c for c in old.walk() if c.kind in ("paragraph", "item") and c.text]
            k = iter(range(10**6))

            def submit(draft_id=draft_id, leaves=leaves, k=k):
                c = leaves[next(k) % len(leaves)]
                with transaction(engine) as s:
                    u = user_by_email(s, "delegate@example.org")
                    service.create_proposal(s, u, draft_id, service.NewProposal(
                        kind="replace", clause_key=c.key, quoted_text=c.text, proposed_text=c.text + " Amended.",
                        submit=True))

            ms = median_ms(submit, runs=15)
            per_clause["submit"].append((n, ms))
            rows.append((f"scale {n:,} clauses: submit one proposal (service + commit, SQLite)", ms,
                         "target ≤ 30 ms"))
            big_doc = (old, new, load)
        for what, label in (("import", "import"), ("tree", "tree load"), ("compare", "compare")):
            (n0, ms0), (n1, ms1) = per_clause[what][0], per_clause[what][-1]
            rows.append((f"scale growth {n0:,} → {n1:,} clauses: {label}, per-clause cost ratio",
                         (ms1 / n1) / (ms0 / n0), "target ≤ 1.5× (linear or better)", None, "×"))
        (n0, ms0), (n1, ms1) = per_clause["submit"][0], per_clause["submit"][-1]
        rows.append((f"scale growth {n0:,} → {n1:,} clauses: submit one proposal, time ratio", ms1 / ms0,
                     "target ≤ 1.5× (independent of draft size)", None, "×"))
        old, new, load_big = big_doc
        n = len(old)

        for label, setup in (("interpreter's GC defaults", gc_defaults), ("GC as served (frozen heap, threshold)",
                                                                        tune_gc)):
            setup()
            gc.collect()
            t_tree = median_ms(load_big, runs=3, warmup=0)
            t_cmp = median_ms(lambda: to_json(compare(old, new)), runs=2, warmup=0)
            rows.append((f"GC, {n:,} clauses, {label}: load tree", t_tree, ""))
            rows.append((f"GC, {n:,} clauses, {label}: compare + JSON", t_cmp, ""))
        engine.dispose()
    return rows
