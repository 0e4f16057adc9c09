"""Import of a whole text: parse only (with the word-fidelity check the import runs) and parse +
store, at 1,200 and 20,000 clauses; beside the naive way: paragraphs split on blank lines with
one regular expression for a leading number (no structure, no roles, no check of what was lost),
which is what a quick script would do and what Concord must stay within a small factor of.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bench.generate import generate_draft
from bench.timing import Row, median_ms

_LEAD = re.compile(r"^\s*(?:[-*]\s+)?((?:ARTICLE|Article)\s+\S+|\d+(?:\.\d+)*[.:]?|\(?[a-z]{1,4}[.)])\s+")


def naive(text: str) -> list[tuple[str, str]]:
    out = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", text):
        block = block.strip()
        if block:
            m = _LEAD.match(block)
            out.append((m.group(1) if m else "", block[m.end():] if m else block))
    return out


def run() -> list[Row]:
    from app.accounts.repository import user_by_email
    from app.accounts.service import create_user, ensure_member_states
    from app.core.clauses import fidelity
    from app.core.clauses.parse import parse_text_report
    from app.db import make_engine, transaction
    from app.drafts.service import create_draft
    from app.migrate import upgrade

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'import.db'}"
        upgrade(url)
        engine = make_engine(url)
        with transaction(engine) as s:
            ensure_member_states(s)
            create_user(s, "imp@example.org", "benchmark-password", "secretariat")
        seq = iter(range(100))
        for articles, target in ((100, "target ≤ 600 ms"), (1650, "target ≤ 10 s")):
            text = generate_draft(seed=1, articles=articles)
            doc, report = parse_text_report(text)
            n = len(doc)
            runs = 5 if n < 2000 else 2

            def parse_only(text=text):
                d, r = parse_text_report(text)
                return fidelity.check(d, r)

            def stored(text=text):
                with transaction(engine) as s:
                    create_draft(s, user_by_email(s, "imp@example.org"), text=text, source_name=f"imp{next(seq)}")

            rows.append((f"import {n:,} clauses: parse + word-fidelity check (core)", median_ms(parse_only, runs=runs),
                         target))
            rows.append((f"import {n:,} clauses: parse + check + store (SQLite)", median_ms(stored, runs=runs,
                                                                                           warmup=0), ""))
            rows.append((f"  naive: split paragraphs + one label regex, {len(naive(text)):,} blocks",
                         median_ms(lambda text=text: naive(text), runs=runs), "baseline (no structure, no check)"))
        engine.dispose()
    return rows
