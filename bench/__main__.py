"""`make bench`: timings on a generated negotiation-scale draft, median of several runs.

Each capability adds rows; every row names its target so the table says PASS or MISS (rows
without a target are the baselines, measured in the same run beside the real ones, or parts of
the row above). Rows named "API" or "HTTP" go through real HTTP to `concord serve` in a
subprocess. Every run is written to var/bench/bench-<UTC time>.json; the next run shows the
previous value beside each row. `python -m bench scale http` runs only those sections.
"""

from __future__ import annotations

import os

# No row times a login: the hundreds of users the benchmarks create get a cheap argon2id cost,
# as in the tests, so that making them does not take minutes (set before app.config is read).
os.environ.setdefault("CONCORD_PASSWORD_TIME_COST", "1")
os.environ.setdefault("CONCORD_PASSWORD_MEMORY_KIB", "1024")

import importlib  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from bench.timing import median_ms  # noqa: E402

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
    ("import", "bench.import_bench", "run"),
    ("proposals", "bench.proposals_bench", "run"),
    ("consolidation", "bench.consolidation_bench", "run"),
    ("compilation", "bench.compilation_bench", "run"),
    ("comparison", "bench.compare_bench", "run"),
    ("reimport", "bench.reimport_bench", "run"),
    ("scale", "bench.scale_bench", "run"),
    ("http", "bench.load_bench", "run"),
    ("word export", "bench.word_bench", "run"),
    ("word import", "bench.word_read_bench", "run"),
    ("docx proposals import", "bench.docx_import_bench", "run"),
    ("word api", "bench.word_api_bench", "run"),
    ("export memory", "bench.export_memory_bench", "run"),
    ("notes", "bench.notes_bench", "run"),
    ("meetings", "bench.meetings_bench", "run"),
    ("renumber", "bench.renumber_bench", "run"),
    ("approval pages", "bench.pages_bench", "run"),
]

_TARGET = re.compile(r"target\s*(?:≤|<=)\s*([\d,.]+)\s*(ms|s|×|x)?", re.I)


def verdict(value: float, note: str, ok: bool | None = None) -> tuple[str, float | None]:
    """PASS/MISS from the row's own target ("target ≤ 150 ms") and its extra condition, if any;
    rows without a target are baselines or parts of another row."""
    m = _TARGET.search(note or "")
    target = None
    if m:
        target = float(m.group(1).replace(",", ""))
        if (m.group(2) or "ms") == "s":
            target *= 1000
    if target is None and ok is None:
        return "—", None
    passed = (target is None or value <= target) and ok is not False
    return ("PASS" if passed else "MISS"), target


def _rows(result) -> list[dict]:
    out = []
    for row in result:
        name, value, note = row[0], float(row[1]), row[2]
        ok = row[3] if len(row) > 3 else None
        unit = row[4] if len(row) > 4 else "ms"
        v, target = verdict(value, note, ok)
        out.append({"name": name, "value": value, "unit": unit, "note": note, "target": target, "verdict": v})
    return out


def _previous(directory: Path) -> dict | None:
    runs = sorted(directory.glob("bench-*.json"))
    return json.loads(runs[-1].read_text()) if runs else None


def main() -> int:
    only = set(sys.argv[1:])
    out_dir = Path(__file__).resolve().parent.parent / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    before = _previous(out_dir)
    old = {(r["section"], r["name"]): r["value"] for r in (before or {}).get("rows", [])}
    started = datetime.now(UTC)
    record = {"started": started.isoformat(), "python": platform.python_version(), "machine": platform.machine(),
              "cpus": os.cpu_count(), "load_average": os.getloadavg(), "rows": []}
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"{'benchmark':78s} {'value':>12s}  verdict  note")
    print("-" * 130)
    for title, module, func in SECTIONS:
        if only and title.split()[0] not in only:
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            print(f"[{title}] not available: {exc}")
            continue
        print(f"[{title}]", flush=True)
        t0 = time.perf_counter()
        for r in _rows(getattr(mod, func)()):
            r["section"] = title
            record["rows"].append(r)
            was = old.get((title, r["name"]))
            change = f" (was {was:.1f})" if was is not None else ""
            print(f"  {r['name'][:76]:76s} {r['value']:9.1f} {r['unit']:5s} {r['verdict']:5s}  {r['note']}{change}",
                  flush=True)
        print(f"  ({title}: {time.perf_counter() - t0:.0f} s)", flush=True)
    record["load_average_end"] = os.getloadavg()
    path = out_dir / f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False))
    n_miss = sum(r["verdict"] == "MISS" for r in record["rows"])
    print(f"\n{len(record['rows'])} rows, {n_miss} MISS; written to {path.relative_to(path.parents[2])}"
          + (" (values in brackets: the previous run)" if before else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
