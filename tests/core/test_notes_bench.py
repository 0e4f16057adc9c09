"""The notes benchmark runs and returns its rows (timings themselves are for `make bench`)."""

from __future__ import annotations

from bench.notes_bench import run


def test_bench_rows():
    rows = run(runs=1)
    assert len(rows) == 4
    for name, ms, note in rows:
        assert isinstance(name, str) and name
        assert ms >= 0
        assert isinstance(note, str)
