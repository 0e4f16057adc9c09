"""A stateful property test (Hypothesis) over the proposal workflow's service layer.

Random users (delegates of three participating states, an officer, a translator) create, submit,
withdraw and decide proposals and consolidate versions, in random orders, each step in its own
transaction as a request would be; steps that the rules refuse must be refused with an AppError
(a 4xx), never anything else. After every step:

- a proposal never submitted is readable by the delegates of its own state only (not the other
  states, not the officer, not the translator); a submitted one by the officer and every state;
- no proposal disappears, and none changes its state of origin;
- a version never changes: its stored hash stays the one first seen and is the hash of its clauses;
- after a consolidation every still-pending proposal is anchored to the new version;
- every consolidated version has exactly one ``version.consolidate`` audit event with its hash.
"""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.conftest import PASSWORD, SAMPLE

STATES = ("KAZ", "IND", "CHN")


def _machine(template, tmp_path):
    from app.accounts.service import create_user, ensure_member_states
    from app.db import make_engine, transaction
    from app.drafts.service import create_draft, load_document
    from app.errors import AppError
    from app.models import PENDING, AuditEvent, Proposal, User, Version
    from app.proposals import repository as repo
    from app.proposals import service

    class Workflow(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            path = tmp_path / f"{uuid.uuid4().hex}.db"
            shutil.copy(template, path)
            self.engine = make_engine(f"sqlite:///{path}")
            self.seen: dict[int, str] = {}  # proposal id -> state
            self.hashes: dict[int, str] = {}  # version number -> hash first seen
            self.consolidated = False

        def teardown(self):
            self.engine.dispose()

        @initialize()
        def setup(self):
            with transaction(self.engine) as s:
                ensure_member_states(s)
                officer = create_user(s, "officer@example.org", PASSWORD, "secretariat")
                create_user(s, "translator@example.org", PASSWORD, "translator")
                for iso3 in STATES:
                    for n in (1, 2):
                        create_user(s, f"{iso3.lower()}{n}@example.org", PASSWORD, "delegate", state=iso3)
                draft, _ = create_draft(s, officer, text=SAMPLE.read_text(encoding="utf-8"), source_name=SAMPLE.name,
                                        participants=list(STATES))
                self.draft_id = draft.id
            self._open()

        # -- helpers -------------------------------------------------------------------------
        def _user(self, s, email):
            return s.scalar(sa.select(User).where(User.email == email))

        def _step(self, fn):
            """One request: its own transaction; a refusal is an AppError (4xx), nothing else."""
            try:
                with transaction(self.engine) as s:
                    return fn(s)
            except AppError as exc:
                assert 400 <= exc.status_code < 500, exc
                return None

        def _status(self, pid):
            with transaction(self.engine, readonly=True) as s:
                return s.get(Proposal, pid).status

        def _open(self):
            deadline = datetime.now(UTC) + timedelta(days=5)
            with transaction(self.engine) as s:
                service.open_window(s, self._user(s, "officer@example.org"), self.draft_id, deadline)

        def _keys(self, s):
            latest = s.scalar(sa.select(Version).where(Version.draft_id == self.draft_id)
                              .order_by(Version.number.desc()).limit(1))
            return [c.key for c in load_document(s, latest).walk() if c.kind in ("paragraph", "item")]

        # -- rules ---------------------------------------------------------------------------
        @rule(state=st.sampled_from(STATES), n=st.sampled_from((1, 2)), pick=st.integers(0, 30),
              kind=st.sampled_from(("replace", "delete", "comment")),
              submit=st.sampled_from((True, True, False)))
        def propose(self, state, n, pick, kind, submit):
            def go(s):
                keys = self._keys(s)
                key = keys[pick % len(keys)]
                np = service.NewProposal(kind=kind, clause_key=key, submit=submit, rationale="Why not.",
                                         proposed_text="Other words." if kind == "replace" else "")
                p = service.create_proposal(s, self._user(s, f"{state.lower()}{n}@example.org"), self.draft_id, np)
                return p.id

            pid = self._step(go)
            if pid is not None:
                self.seen[pid] = state

        @precondition(lambda self: self.seen)
        @rule(data=st.data(), who=st.sampled_from([f"{i.lower()}{n}@example.org" for i in STATES for n in (1, 2)]))
        def submit(self, data, who):
            pid = data.draw(st.sampled_from(sorted(self.seen)))
            self._step(lambda s: service.submit(s, self._user(s, who), pid))

        @precondition(lambda self: self.seen)
        @rule(data=st.data(), who=st.sampled_from([f"{i.lower()}{n}@example.org" for i in STATES for n in (1, 2)]))
        def withdraw(self, data, who):
            pid = data.draw(st.sampled_from(sorted(self.seen)))
            self._step(lambda s: service.withdraw(s, self._user(s, who), pid))

        @precondition(lambda self: self.seen)
        @rule(data=st.data(), decision=st.sampled_from(("accepted", "accepted", "rejected", "noted")))
        def decide(self, data, decision):
            with transaction(self.engine, readonly=True) as s:  # mostly a submitted one: those can be decided
                submitted = sorted(s.scalars(sa.select(Proposal.id).where(Proposal.status == "submitted")))
            pid = data.draw(st.sampled_from(submitted or sorted(self.seen)))
            self._step(lambda s: service.decide(s, self._user(s, "officer@example.org"), pid, decision=decision,
                                                reason="Decided."))

        @precondition(lambda self: self.seen)
        @rule(data=st.data(), who=st.sampled_from(("translator@example.org", "kaz1@example.org")))
        def decide_without_the_right(self, data, who):
            pid = data.draw(st.sampled_from(sorted(self.seen)))
            before = self._status(pid)
            self._step(lambda s: service.decide(s, self._user(s, who), pid, decision="accepted", reason="Mine."))
            assert self._status(pid) == before, f"{who} decided proposal {pid}"

        @rule()
        def consolidate(self):
            def go(s):
                latest = s.scalar(sa.select(sa.func.max(Version.number)).where(Version.draft_id == self.draft_id))
                v, _ = service.consolidate(s, self._user(s, "officer@example.org"), self.draft_id,
                                           base_version=latest, proposal_ids=None, editorial=[], label="Next")
                return v.number

            n = self._step(go)
            if n is not None:
                self.consolidated = True
                with transaction(self.engine, readonly=True) as s:
                    pending = s.scalars(sa.select(Proposal).where(Proposal.draft_id == self.draft_id,
                                                                  Proposal.status.in_(PENDING))).all()
                    behind = [(p.id, p.current_version) for p in pending if p.current_version != n]
                    assert not behind, f"pending proposals not re-anchored to version {n}: {behind}"
                self._step(lambda s: self._open())

        # -- invariants ----------------------------------------------------------------------
        @invariant()
        def proposals_are_seen_by_the_right_people_and_never_disappear(self):
            if not hasattr(self, "draft_id"):
                return
            with transaction(self.engine, readonly=True) as s:
                rows = {p.id: p for p in s.scalars(sa.select(Proposal).where(Proposal.draft_id == self.draft_id))}
                assert set(self.seen) <= set(rows), f"proposals disappeared: {set(self.seen) - set(rows)}"
                users = list(s.scalars(sa.select(User)))
                for pid, state in self.seen.items():
                    p = rows[pid]
                    assert p.state_iso3 == state
                    for u in users:
                        visible = repo.readable(s, u, pid) is not None
                        if p.submitted_at is None:
                            want = u.role == "delegate" and u.state_iso3 == state
                            assert visible == want, f"unsubmitted proposal {pid} of {state}: {u.email} sees it: {visible}"
                        elif u.role in ("secretariat", "delegate"):
                            assert visible, f"submitted proposal {pid}: {u.email} cannot see it"

        @invariant()
        def versions_never_change_and_each_has_its_audit_event(self):
            if not hasattr(self, "draft_id"):
                return
            with transaction(self.engine, readonly=True) as s:
                events = [e.details for e in s.scalars(sa.select(AuditEvent).where(
                    AuditEvent.action == "version.consolidate", AuditEvent.object_id == str(self.draft_id)))]
                for v in s.scalars(sa.select(Version).where(Version.draft_id == self.draft_id)):
                    first = self.hashes.setdefault(v.number, v.hash)
                    assert v.hash == first, f"version {v.number} changed its hash"
                    assert load_document(s, v).version_hash() == v.hash, f"version {v.number}: clauses changed"
                    if v.number > 1:
                        mine = [e for e in events if e.get("version") == v.number]
                        assert len(mine) == 1 and mine[0]["hash"] == v.hash, (v.number, mine)

    return Workflow


@pytest.mark.parametrize("examples", [10])
def test_the_proposal_workflow_keeps_its_promises(sqlite_template, tmp_path, examples):
    machine = _machine(sqlite_template, tmp_path)
    run_state_machine_as_test(machine, settings=settings(max_examples=examples, stateful_step_count=30, deadline=None,
                                                         suppress_health_check=list(HealthCheck), database=None))
