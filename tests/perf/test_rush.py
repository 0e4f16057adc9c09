"""The deadline rush over real HTTP: `concord serve` in a subprocess on loopback (SQLite with one
process, PostgreSQL with two workers), 200 delegates of different states submitting at once."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from sqlalchemy import select

from app.models import Proposal
from bench import rush
from bench.httpserver import Server

pytestmark = pytest.mark.rush
N = 200
# The target is p99 < 5 s; `make bench` reports it as PASS/MISS. On a machine shared with
# other work the test only requires that nobody waits anywhere near the client's timeout (60 s).
P99_S = float(os.environ.get("CONCORD_RUSH_P99_S", "45"))


def _stored(db, draft_id: int, tag: str) -> list[Proposal]:
    return [p for p in db.scalars(select(Proposal).where(Proposal.draft_id == draft_id)) if f"Rush {tag} " in p.rationale]


def test_200_delegates_in_the_same_second_then_across_the_deadline(db_url, engine, db, sample_text):
    workers = 1 if db_url.startswith("sqlite") else 2
    setup = rush.prepare(engine, sample_text, N)
    assert len({state for state, _ in setup.delegates}) > 20  # delegates of many different states
    with Server(db_url, workers=workers) as srv:
        rush.open_window(srv.base, setup, rush.deadline_in(3600))
        first = rush.submit_all(srv.base, setup, "same-second")
        s1 = rush.summary(first)
        assert s1["codes"] == {201: N}, (s1, [r.body for r in first if r.status != 201][:3])
        print("same second", s1)
        assert s1["p99_ms"] < P99_S * 1000, s1
        stored = _stored(db, setup.draft_id, "same-second")
        assert len(stored) == N and all(p.status == "submitted" for p in stored)
        arrived = rush.arrival_spread(engine, setup.draft_id, "same-second", first)

        # Again, with a deadline that passes while the submissions are being processed: every one of
        # them was sent (and arrived) before it, so every one is in time.
        margin = 1.0 + 2 * arrived  # 1 s for setting it (a PATCH) on a busy machine
        deadline = rush.deadline_in(margin)
        rush.open_window(srv.base, setup, deadline)
        second = rush.submit_all(srv.base, setup, "deadline")
        s2 = rush.summary(second)
        assert max(r.sent_at for r in second) < deadline.timestamp()
        assert s2["codes"] == {201: N}, (s2, margin, [r.body for r in second if r.status != 201][:3])
        print("across the deadline", s2)
        assert s2["p99_ms"] < P99_S * 1000, s2
        late = sum(r.done_at > deadline.timestamp() for r in second)
        assert late > 0, f"the deadline ({margin:.2f} s) did not pass during the rush; {s2}"
        stored = _stored(db, setup.draft_id, "deadline")
        assert len(stored) == N and all(p.submitted_at < deadline for p in stored)

        # after the deadline, a new submission is refused, with the reason
        r = rush.submit_all(srv.base, rush.Setup(setup.draft_id, setup.officer_token, setup.delegates[:1],
                                                 setup.clauses), "after")[0]
        # refused with the reason: the deadline passed, or (once the job runner swept it) the window closed
        assert r.status == 409 and ("deadline" in r.body["detail"] or "closed" in r.body["detail"]), r.body
    assert isinstance(deadline, datetime)
