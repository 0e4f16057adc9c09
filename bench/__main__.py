"""`make bench`: timings on a generated negotiation-scale draft, median of several runs.

Each capability adds rows; every row names its target so the table says pass or miss.
The naive ways are measured in the same run beside the real ones.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
from pathlib import Path

from bench.timing import median_ms

Row = tuple[str, float, str]




def foundation_rows() -> list[Row]:
    from app.accounts.service import create_user, ensure_member_states
    from app.core.clauses.parse import parse_text
    from app.core.clauses.render import render_text
    from app.db import make_engine, session_factory, transaction
    from app.drafts import repository as repo
    from app.drafts.service import create_draft, load_document
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
        counter = iter(range(1000))

        def do_import():
            with transaction(engine) as s:
                from app.accounts.repository import user_by_email

                create_draft(s, user_by_email(s, "bench@example.org"), text=text, source_name=f"g{next(counter)}")

        doc = parse_text(text)
        n_clauses = len(doc)
        n_words = len(text.split())
        rows.append((f"import + store generated draft ({n_clauses} clauses, {n_words} words), SQLite",
                     median_ms(do_import, runs=5), "target ≤ 1500 ms"))
        rows.append(("  of which: parse text to clause tree", median_ms(lambda: parse_text(text), runs=5), ""))
        with session_factory(engine, readonly=True)() as s:
            v = repo.latest_version(s, 1)

            def load():
                with session_factory(engine, readonly=True)() as s2:
                    return load_document(s2, v)

            rows.append(("load full version tree from the database (SQLite)", median_ms(load), "target ≤ 150 ms"))
            loaded = load()
        rows.append(("render canonical text", median_ms(lambda: render_text(loaded)), "target ≤ 50 ms"))
        engine.dispose()
    return rows


SECTIONS = [
    ("foundation", "bench.__main__", "foundation_rows"),
    ("proposals", "bench.proposals_bench", "run"),
    ("comparison", "bench.compare_bench", "run"),
    ("word export", "bench.word_bench", "run"),
    ("word import", "bench.word_read_bench", "run"),
    ("docx proposals import", "bench.docx_import_bench", "run"),
    ("notes", "bench.notes_bench", "run"),
    ("meetings", "bench.meetings_bench", "run"),
]


def main() -> int:
    only = set(sys.argv[1:])
    print(f"{'benchmark':72s} {'median':>10s}  note")
    print("-" * 110)
    for title, module, func in SECTIONS:
        if only and title.split()[0] not in only:
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            print(f"[{title}] not available: {exc}")
            continue
        print(f"[{title}]")
        for name, ms, note in getattr(mod, func)():
            print(f"  {name:70s} {ms:9.1f} ms  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
