"""Consolidation with bulk writes gives exactly what the one-row-at-a-time way gave.

Re-anchoring reads pending proposals as plain rows, carries those whose clause did not change
without re-applying their patch, and writes everything back with one bulk UPDATE (checked
against each proposal's row version). These tests run the service and the previous
implementation (bench/consolidation_bench.py ``reanchor_naive``) on the same database and
compare every proposal's stored state, on SQLite and PostgreSQL, over every re-anchoring case.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.accounts.service import create_user, ensure_member_states
from app.core.clauses import edit
from app.core.clauses.parse import parse_text
from app.core.clauses.tree import KeyAllocator
from app.db import session_factory, transaction
from app.drafts import repository as drafts_repo
from app.drafts.service import create_draft, document_rows, load_document, rows_hash
from app.errors import Conflict
from app.models import Draft, Proposal, User
from app.proposals import repository as repo
from app.proposals import service
from bench.consolidation_bench import reanchor_naive

SAMPLE = Path(__file__).resolve().parents[2] / "drafts" / "cica-unoct-mou-2024.md"
NP = service.NewProposal


@pytest.fixture
def setup(engine):
    """Version 1 of the CICA draft with pending proposals in every situation re-anchoring meets,
    and version 2's tree from three accepted changes (nothing consolidated yet)."""
    with transaction(engine) as s:
        ensure_member_states(s)
        officer = create_user(s, "o@example.org", "long-enough-pass", "secretariat")
        kaz = create_user(s, "kaz@example.org", "long-enough-pass", "delegate", state="KAZ")
        ind = create_user(s, "ind@example.org", "long-enough-pass", "delegate", state="IND")
        draft, v1 = create_draft(s, officer, text=SAMPLE.read_text(encoding="utf-8"), source_name="sample")
        service.open_window(s, officer, draft.id, datetime.now(UTC) + timedelta(days=7))
        doc = load_document(s, v1)
        leaves = [c for c in doc.walk() if c.kind in ("paragraph", "item") and len(c.text.split()) > 12]
        a, b, c, d, e = leaves[:5]
        w = a.text.split()

        def propose(user, **kw):
            return service.create_proposal(s, user, draft.id, NP(submit=True, **{"rationale": "r", **kw}))

        # accepted: reword a's first word, delete b, add a word at the end of c
        acc = [propose(kaz, kind="replace", clause_key=a.key, proposed_text=" ".join(["Firstly,"] + w[1:])),
               propose(kaz, kind="delete", clause_key=b.key),
               propose(kaz, kind="replace", clause_key=c.key, proposed_text=c.text + " jointly")]
        pend = {
            "applies": propose(ind, kind="replace", clause_key=a.key,
                               proposed_text=" ".join(w[:-2] + ["amended", w[-1]])),
            "clashes": propose(ind, kind="replace", clause_key=a.key, proposed_text=" ".join(["Secondly,"] + w[1:])),
            "orphaned": propose(ind, kind="replace", clause_key=b.key, proposed_text=b.text + " too"),
            "delete_changed": propose(ind, kind="delete", clause_key=c.key),
            "unchanged": propose(ind, kind="replace", clause_key=d.key, proposed_text=d.text + " also"),
            "unchanged_delete": propose(ind, kind="delete", clause_key=d.key),
            "insert": propose(ind, kind="insert", clause_key=e.key, position="after", proposed_text="New text."),
            "move_orphaned": propose(ind, kind="move", clause_key=e.key, anchor_key=b.key, position="after"),
            "comment": propose(ind, kind="comment", clause_key=None, rationale="General remark."),
            "stale": propose(ind, kind="replace", clause_key=e.key, proposed_text=e.text + " further"),
            "draft": service.create_proposal(s, ind, draft.id, NP(kind="replace", clause_key=d.key,
                                                                  proposed_text="Only a draft.")),
        }
        for p in acc:
            service.decide(s, officer, p.id, decision="accepted", reason="ok")
        s.flush()
        # a proposal flagged earlier: its quoted text is older than the (unchanged) clause
        s.execute(update(Proposal).where(Proposal.id == pend["stale"].id)
                  .values(quoted_text=e.text.replace(" ", "  ", 1) + " earlier", anchor_status="needs_attention"))
        ids = {k: p.id for k, p in pend.items()}
        new_doc = edit.apply_changes(doc, [service.change_of(p) for p in acc], KeyAllocator(draft.next_key_seq))
        return {"draft_id": draft.id, "old": doc, "new": new_doc, "ids": ids, "accepted": [p.id for p in acc]}


def _state(s, draft_id):
    return [tuple(r) for r in s.execute(
        select(Proposal.id, Proposal.current_version, Proposal.anchor_status, Proposal.anchor_note,
               Proposal.quoted_text, Proposal.proposed_text, Proposal.patch, Proposal.row_version)
        .where(Proposal.draft_id == draft_id).order_by(Proposal.id))]


def _events(s, draft_id):
    from app.models import AnchorEvent

    return [tuple(r) for r in s.execute(
        select(AnchorEvent.proposal_id, AnchorEvent.result, AnchorEvent.note, AnchorEvent.old_text,
               AnchorEvent.new_text).order_by(AnchorEvent.proposal_id))]


def _run(engine, setup, fn):
    s = session_factory(engine)()
    try:
        s.execute(update(Proposal).where(Proposal.id.in_(setup["accepted"])).values(consolidated_in=2))
        d = s.get(Draft, setup["draft_id"])
        counts = fn(s, d, setup["old"], setup["new"], 1, 2)
        s.flush()
        return counts, _state(s, d.id), _events(s, d.id)
    finally:
        s.rollback()
        s.close()


def test_reanchor_stores_what_the_row_by_row_way_stored(engine, setup):
    new = _run(engine, setup, service.reanchor)
    old = _run(engine, setup, reanchor_naive)
    assert new == old
    counts, state, _ = new
    by_id = {row[0]: row for row in state}
    ids = setup["ids"]
    expected = {"applies": "applied", "clashes": "needs_attention", "orphaned": "orphaned",
                "delete_changed": "needs_attention", "unchanged": "carried", "unchanged_delete": "carried",
                "insert": "carried", "move_orphaned": "orphaned", "comment": "carried",
                "stale": "applied", "draft": "carried"}  # stale: re-applied, not carried by the fast path
    assert {k: by_id[ids[k]][2] for k in expected} == expected
    assert sum(counts.values()) == len(ids)
    # every re-anchored proposal moved to version 2 and its ETag changed (row version + 1)
    assert all(by_id[i][1] == 2 and by_id[i][7] >= 2 for i in ids.values())
    applied = by_id[ids["applies"]]
    assert applied[4].startswith("Firstly,") and "amended" in applied[5] and applied[6]


def test_consolidate_through_the_service_bulk_updates_and_keeps_loaded_objects_true(engine, setup):
    with session_factory(engine)() as s:
        officer = s.scalar(select(User).where(User.email == "o@example.org"))
        held = s.get(Proposal, setup["ids"]["applies"])  # an instance already in the session
        accepted = s.get(Proposal, setup["accepted"][0])
        version, summary = service.consolidate(s, officer, setup["draft_id"], base_version=1, proposal_ids=None,
                                               editorial=[], label="v2")
        s.commit()
        assert summary == {"carried": 5, "applied": 2, "needs_attention": 2, "orphaned": 2}
        assert (held.current_version, held.anchor_status) == (2, "applied")
        assert accepted.consolidated_in == 2
    with session_factory(engine)() as s:
        fresh = s.get(Proposal, setup["ids"]["applies"])
        assert (fresh.current_version, fresh.anchor_status, fresh.row_version) == (2, "applied", held.row_version)
        assert s.get(Proposal, setup["accepted"][0]).consolidated_in == 2
        assert len(repo.pending_on(s, setup["draft_id"], 2)) == len(setup["ids"])
        assert drafts_repo.latest_version(s, setup["draft_id"]).hash == load_document(s, version).version_hash()


def test_a_proposal_changed_meanwhile_is_a_conflict_not_a_silent_overwrite(engine, setup):
    with session_factory(engine)() as s:
        rows = [{"id": setup["ids"]["unchanged"], "row_version": 999, "anchor_note": "x"}]
        with pytest.raises(Conflict):
            repo.update_proposals(s, rows, at=datetime.now(UTC))
        s.rollback()


def test_version_hash_from_rows_is_the_tree_hash():
    doc = parse_text(SAMPLE.read_text(encoding="utf-8"))
    assert rows_hash(document_rows(doc, 1)) == doc.version_hash()
    doc.clauses[1].text += " changed"
    assert rows_hash(document_rows(doc, 1)) == doc.version_hash()
