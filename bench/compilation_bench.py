"""The compilation of proposals on the generated draft (1,200 clauses) with 2,000 proposals from
50 states: the whole export through the service (reading, rows, Word), and the word changes
alone, read from each proposal's stored patch against diffing every proposal again (the way
the compilation did it before, measured in the same run on the same proposals)."""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import median_ms


def run() -> list:
    from sqlalchemy import select

    from app.accounts.repository import user_by_email
    from app.accounts.service import create_user, ensure_member_states
    from app.core.compare.words import word_diff
    from app.db import make_engine, session_factory, transaction
    from app.drafts.service import create_draft, load_document
    from app.exports import service as exports
    from app.migrate import upgrade
    from app.models import MemberState, Proposal
    from app.proposals import service
    from bench.consolidation_bench import seed_proposals
    from bench.generate import generate_draft

    rows: list = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'compilation.db'}"
        upgrade(url)
        engine = make_engine(url)
        with transaction(engine) as s:
            ensure_member_states(s)
            officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
            states = list(s.scalars(select(MemberState.iso3).order_by(MemberState.iso3)))
            draft, v1 = create_draft(s, officer, text=generate_draft(seed=0), source_name="bench")
            service.open_window(s, officer, draft.id, datetime.now(UTC) + timedelta(days=30))
            doc = load_document(s, v1)
            leaves = [c for c in doc.walk() if c.kind in ("paragraph", "item") and c.text]
            seed_proposals(s, draft.id, leaves, states, 0, 2000, random.Random(11))
            draft_id = draft.id
        with session_factory(engine, readonly=True)() as s:
            officer = user_by_email(s, "officer@bench.org")
            ps = list(s.scalars(select(Proposal).where(Proposal.draft_id == draft_id)))
            text_of = {c.key: c.text for c in doc.walk()}
            pairs = [(p, text_of[p.clause_key]) for p in ps]
            stored = [service.proposal_word_ops(p, cur) for p, cur in pairs]
            diffed = [word_diff(cur, p.proposed_text) for p, cur in pairs]
            same = stored == diffed

            def export():
                with session_factory(engine, readonly=True)() as s2:
                    data, _ = exports.compilation(s2, user_by_email(s2, "officer@bench.org"), draft_id, None,
                                                  states=None, statuses=None, from_clause=None, to_clause=None)
                    assert data[:2] == b"PK"

            rows.append(("compilation of 2,000 proposals through the service (read, rows, Word), stored patches",
                         median_ms(export, runs=3), "target ≤ 1000 ms"))
            original = service.proposal_word_ops
            service.proposal_word_ops = lambda p, current: word_diff(current, p.proposed_text)
            try:
                rows.append(("  baseline: the same compilation diffing every proposal again (before)",
                             median_ms(export, runs=3), ""))
            finally:
                service.proposal_word_ops = original
            rows.append(("  word changes of 2,000 proposals from their stored patches",
                         median_ms(lambda: [service.proposal_word_ops(p, cur) for p, cur in pairs], runs=5),
                         f"identical to the word diff: {same}", same))
            rows.append(("  baseline: word_diff of each proposal against its clause (before)",
                         median_ms(lambda: [word_diff(cur, p.proposed_text) for p, cur in pairs], runs=5), ""))
        engine.dispose()
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row[0]:100s} {row[1]:9.1f}  {row[2]}")
