"""Import every corpus text with the current parser and report what differs from the
hand-written expectation: labels, section count, closing formulas, annexes, words lost.

Run: .venv/bin/python tests/data/corpus/report.py [-v] [NAME ...]
(-v also prints the outline the parser built.)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.data.corpus.corpus import compare, expectation, names, run  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    wanted = [a for a in argv if not a.startswith("-")]
    failing = 0
    selected = [n for n in names() if not wanted or any(w in n for w in wanted)]
    for name in selected:
        res = run(name)
        diffs = compare(res, expectation(name))
        if diffs:
            failing += 1
            print(f"FAIL {name}")
            for d in diffs:
                print(f"     - {d}")
        else:
            print(f"OK   {name}")
        if verbose:
            print("\n".join(f"       {line}" for line in res.outline))
    print(f"\n{failing} of {len(selected)} texts differ from their expectation")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # | head
        sys.exit(0)
