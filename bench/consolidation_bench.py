"""Consolidation and re-anchoring at negotiation scale, beside the way Concord did it before.

A generated draft of about 4,900 clauses; ``n`` proposals, a tenth of them accepted (one per
clause), the rest pending: one in five targets a clause an accepted one changed (its patch is
re-applied), the others are spread over the clauses no accepted proposal touches (carried). The
share is the same at every size, so the growth rows compare the same work per proposal (they
used to compare 0% re-applied patches at 500 proposals with ~22% at 10,000). The
proposals are written with one multi-row INSERT (setting them up through the service would
take minutes); consolidation and re-anchoring then run through the service and are rolled back.

Baseline, in the same run on the same data: :func:`reanchor_naive`, the previous
implementation (every pending proposal loaded as an ORM object, each one normalised and
compared, then one UPDATE per proposal from the unit of work). Both must give the same
outcome; the bench checks it.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import median_ms

SIZES = ((50, 450), (200, 1800), (1000, 9000))  # (accepted, pending): 500 → 10,000 proposals
ARTICLES = 400  # about 4,900 clauses


def reanchor_naive(session, draft, old, new, from_n: int, to_n: int) -> dict:
    """The previous re-anchoring, kept as the bench's baseline (and the tests' reference)."""
    from app.core.clauses.messages import stored_text
    from app.models import utcnow
    from app.proposals import repository as repo
    from app.proposals.service import _reanchor_one

    old_index, new_index = old.index(), new.index()
    counts = {"carried": 0, "applied": 0, "needs_attention": 0, "orphaned": 0}
    events = []
    now = utcnow()
    for p in repo.pending_on(session, draft.id, from_n):
        old_text = p.quoted_text
        result, coded, new_text = _reanchor_one(p, old_index, new_index, to_n)
        code, params = coded or ("", None)
        note = stored_text(code, params) if code else ""
        events.append({"proposal_id": p.id, "from_version": from_n, "to_version": to_n, "result": result,
                       "note": note, "old_text": old_text, "new_text": new_text, "at": now})
        counts[result] += 1
        p.current_version = to_n
        p.anchor_status, p.anchor_note, p.anchor_note_code, p.anchor_note_params = result, note, code, params
    repo.insert_anchor_events(session, events)
    session.flush()
    return counts


def seed_proposals(session, draft_id: int, leaves, states: list[str], n_accepted: int, n_pending: int,
                   rng: random.Random) -> None:
    """``n_accepted`` accepted proposals on distinct clauses, then ``n_pending`` submitted ones:
    every fifth on a clause an accepted one changes (when any is accepted), the others on the rest of the clauses in turn
    (one multi-row INSERT)."""
    from sqlalchemy import insert

    from app.core.compare.words import make_patch
    from app.models import Proposal

    now = datetime.now(UTC)
    rows = []
    changed, others = leaves[:n_accepted], leaves[n_accepted:]
    for n in range(n_accepted + n_pending):
        i = n - n_accepted
        c = leaves[n] if n < n_accepted else changed[(i // 5) % len(changed)] if changed and i % 5 == 0 else others[i % len(others)]
        words = c.text.split()
        j = rng.randrange(len(words))
        words[j] = words[j].upper() + "-amended"
        new = " ".join(words)
        accepted = n < n_accepted
        rows.append({"draft_id": draft_id, "state_iso3": states[n % len(states)], "base_version": 1,
                     "current_version": 1, "kind": "replace", "clause_key": c.key, "quoted_text": c.text,
                     "quoted_heading": c.heading, "proposed_text": new, "patch": make_patch(c.text, new),
                     "translations": {}, "rationale": "bench", "status": "accepted" if accepted else "submitted",
                     "anchor_status": "current", "anchor_note": "", "decision_reason": "bench" if accepted else "",
                     "decided_at": now if accepted else None, "submitted_at": now, "created_at": now,
                     "updated_at": now, "row_version": 1, "source": "api", "meeting_ref": ""})
    session.execute(insert(Proposal), rows)


def run() -> list:
    from sqlalchemy import select

    from app.accounts.repository import user_by_email
    from app.accounts.service import create_user, ensure_member_states
    from app.core.clauses import edit
    from app.core.clauses.tree import KeyAllocator
    from app.db import make_engine, session_factory, transaction
    from app.drafts import repository as drafts_repo
    from app.drafts.service import create_draft, load_document
    from app.migrate import upgrade
    from app.models import Draft, MemberState, Proposal
    from app.proposals import service
    from bench.generate import generate_draft

    rows: list = []
    per_proposal: list[tuple[int, float]] = []
    per_pending: list[tuple[int, float]] = []
    text = generate_draft(seed=0, articles=ARTICLES)
    with tempfile.TemporaryDirectory() as tmp:
        for n_acc, n_pend in SIZES:
            url = f"sqlite:///{Path(tmp) / f'consolidation-{n_acc}.db'}"
            upgrade(url)
            engine = make_engine(url)
            with transaction(engine) as s:
                ensure_member_states(s)
                officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
                states = list(s.scalars(select(MemberState.iso3).order_by(MemberState.iso3)))
                draft, v1 = create_draft(s, officer, text=text, source_name="bench")
                service.open_window(s, officer, draft.id, datetime.now(UTC) + timedelta(days=30))
                doc = load_document(s, v1)
                leaves = [c for c in doc.walk() if c.kind in ("paragraph", "item") and c.text]
                seed_proposals(s, draft.id, leaves, states, n_acc, n_pend, random.Random(7))
                draft_id, n_clauses = draft.id, len(doc)
            total = n_acc + n_pend
            summaries = []

            def consolidate(draft_id=draft_id, summaries=summaries, engine=engine):
                s = session_factory(engine)()
                try:
                    officer = user_by_email(s, "officer@bench.org")
                    v, summary = service.consolidate(s, officer, draft_id, base_version=1, proposal_ids=None,
                                                     editorial=[], label="bench")
                    s.flush()
                    summaries.append(summary)
                finally:
                    s.rollback()
                    s.close()

            ms = median_ms(consolidate, runs=3 if total <= 2000 else 2)
            per_proposal.append((total, ms))
            rows.append((f"consolidate {n_acc:,} accepted, re-anchor {n_pend:,} pending ({n_clauses:,} clauses, SQLite)",
                         ms, f"{ms * 1000 / total:.0f} µs/proposal; target ≤ 2000 ms"))
            # re-anchoring alone, the service against the previous way, on the same versions
            with session_factory(engine)() as s:
                d = s.get(Draft, draft_id)
                base = load_document(s, drafts_repo.version(s, draft_id, 1))
                accepted = list(s.scalars(select(Proposal).where(Proposal.status == "accepted")))
                new_doc = edit.apply_changes(base, [service.change_of(p) for p in accepted],
                                             KeyAllocator(d.next_key_seq))
                s.rollback()
            outcome: dict[str, list] = {}

            def reanchor_with(fn, name, draft_id=draft_id, base=base, new_doc=new_doc, engine=engine,
                              outcome=outcome):
                s = session_factory(engine)()
                try:
                    d = s.get(Draft, draft_id)
                    for p in s.scalars(select(Proposal).where(Proposal.status == "accepted")):
                        p.consolidated_in = 2  # as after the real consolidation: only the rest move
                    s.flush()
                    s.expunge_all()
                    d = s.get(Draft, draft_id)
                    t0 = time.perf_counter()
                    counts = fn(s, d, base, new_doc, 1, 2)
                    s.flush()
                    took = (time.perf_counter() - t0) * 1000
                    outcome[name] = [counts] + [tuple(r) for r in s.execute(
                        select(Proposal.id, Proposal.anchor_status, Proposal.anchor_note, Proposal.quoted_text,
                               Proposal.proposed_text, Proposal.patch, Proposal.row_version, Proposal.current_version)
                        .where(Proposal.draft_id == draft_id).order_by(Proposal.id))]
                    return took
                finally:
                    s.rollback()
                    s.close()

            runs = 3 if total <= 2000 else 2
            new_ms = sorted(reanchor_with(service.reanchor, "new") for _ in range(runs))[runs // 2]
            old_ms = sorted(reanchor_with(reanchor_naive, "old") for _ in range(runs))[runs // 2]
            same = outcome["new"] == outcome["old"]
            per_pending.append((n_pend, new_ms))
            rows.append((f"  re-anchor {n_pend:,} pending: service (plain rows, bulk UPDATE, unchanged-clause path)",
                         new_ms, f"{outcome['new'][0]}; same outcome as before: {same}", same))
            rows.append((f"  baseline: the previous re-anchoring (ORM objects, one UPDATE each), {n_pend:,} pending",
                         old_ms, f"{old_ms / max(new_ms, 0.001):.1f}× the service's time"))
            engine.dispose()
    (n0, ms0), (n1, ms1) = per_proposal[0], per_proposal[-1]
    rows.append((f"consolidation growth {n0:,} → {n1:,} proposals, per-proposal cost ratio",
                 (ms1 / n1) / (ms0 / n0), "target ≤ 1.5× (linear or better)", None, "×"))
    (n0, ms0), (n1, ms1) = per_pending[0], per_pending[-1]
    rows.append((f"re-anchoring growth {n0:,} → {n1:,} pending, per-proposal cost ratio",
                 (ms1 / n1) / (ms0 / n0), "target ≤ 1.5× (linear or better; at every size one pending "
                 "proposal in five has its patch re-applied)", None, "×"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row[0]:100s} {row[1]:9.1f}  {row[2]}")
