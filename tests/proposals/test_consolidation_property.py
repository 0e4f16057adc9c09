"""Consolidation through the service on a real database equals base + the accepted changes,
checked by re-applying the changes recorded for the new version, over random cases (hypothesis)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.accounts.service import create_user, ensure_member_states
from app.core.clauses import edit
from app.core.clauses.tree import KeyAllocator
from app.db import make_engine, transaction
from app.drafts import repository as drafts_repo
from app.drafts.service import create_draft, load_document
from app.migrate import upgrade
from app.models import Proposal, User
from app.proposals import repository as proposals_repo
from app.proposals import service

SAMPLE = Path(__file__).resolve().parents[2] / "drafts" / "cica-unoct-mou-2024.md"
WORDS = st.sampled_from(["Participants", "shall", "cooperate", "Сторона", "Тараптар", "promptly", "jointly", ";"])


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("prop") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    with transaction(engine) as s:
        ensure_member_states(s)
        officer = create_user(s, "o@example.org", "long-enough", "secretariat")
        for iso3 in ("KAZ", "IND", "CHN"):
            create_user(s, f"{iso3.lower()}@example.org", "long-enough", "delegate", state=iso3)
        create_draft(s, officer, text=SAMPLE.read_text(encoding="utf-8"), source_name="sample")
    engine.dispose()
    return path


@st.composite
def plans(draw):
    """Up to 8 proposals on distinct leaf clauses: reword, delete, or insert after."""
    n = draw(st.integers(1, 8))
    picks = draw(st.lists(st.integers(0, 10_000), min_size=n, max_size=n, unique=True))
    out = []
    for pick in picks:
        kind = draw(st.sampled_from(["replace", "delete", "insert"]))
        words = draw(st.lists(WORDS, min_size=1, max_size=6))
        accept = draw(st.sampled_from(["accepted", "accepted_modified", "rejected"]))
        out.append((pick, kind, " ".join(words), accept))
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plans())
def test_consolidated_version_is_base_plus_recorded_changes(template_db, plan):
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.db"
        shutil.copy(template_db, path)
        engine = make_engine(f"sqlite:///{path}")
        try:
            _run(engine, plan)
        finally:
            engine.dispose()


def _run(engine, plan):
    with transaction(engine) as s:
        officer = s.query(User).filter_by(email="o@example.org").one()
        service.open_window(s, officer, 1, datetime.now(UTC) + timedelta(days=1))
        base = load_document(s, drafts_repo.version(s, 1, 1))
        leaves = [c for c in base.walk() if not c.children and c.kind in ("paragraph", "item", "recital") and c.text]
        states = ["KAZ", "IND", "CHN"]
        for i, (pick, kind, words, accept) in enumerate(plan):
            c = leaves[pick % len(leaves)]
            if any(p.clause_key == c.key for p in s.query(Proposal)):
                continue
            delegate = s.query(User).filter_by(state_iso3=states[i % 3]).one()
            np = service.NewProposal(kind=kind, clause_key=c.key, submit=True,
                                     proposed_text=f"{c.text} {words}" if kind == "replace" else words,
                                     position="after" if kind == "insert" else None)
            p = service.create_proposal(s, delegate, 1, np)
            if kind == "delete" and accept == "accepted_modified":
                accept = "accepted"
            service.decide(s, officer, p.id, decision=accept, reason="r",
                           modified_text=f"{words} (secretariat)" if accept == "accepted_modified" else None)
        accepted = s.query(Proposal).filter(Proposal.status.in_(("accepted", "accepted_modified"))).all()
        if not accepted:
            return
        v2, _ = service.consolidate(s, officer, 1, base_version=1, proposal_ids=None, editorial=[], label="v2")
    with transaction(engine, readonly=True) as s:
        v2 = drafts_repo.version(s, 1, 2)
        new = load_document(s, v2)
        recorded = proposals_repo.version_changes(s, v2.id)
        # re-apply what was recorded for version 2 to version 1, independently of the consolidation
        changes = []
        for rc in recorded:
            p = s.get(Proposal, rc.proposal_id)
            text = p.modified_text if p.status == "accepted_modified" else p.proposed_text
            changes.append(edit.Change(kind=rc.change, key=p.clause_key, text=text, position=p.position or "after",
                                       new_key=p.new_key if rc.change == "insert" else None))
        again = edit.apply_changes(base, changes, KeyAllocator(10**6))
        assert again.version_hash() == v2.hash == new.version_hash()
        # and each recorded change is visible where it should be, attributed to its state
        index = new.index()
        for rc in recorded:
            p = s.get(Proposal, rc.proposal_id)
            assert rc.state_iso3 == p.state_iso3 and p.consolidated_in == 2
            want = p.modified_text if p.status == "accepted_modified" else p.proposed_text
            if rc.change == "delete":
                assert p.clause_key not in index
            elif rc.change == "replace":
                assert index[p.clause_key].text == want
            else:
                assert index[p.new_key].text == want and new.parent_of(p.new_key) == new.parent_of(p.clause_key)
        untouched = [c.key for c in base.walk() if c.key not in {p.clause_key for p in accepted}]
        assert [k for k in (c.key for c in new.walk()) if k in set(untouched)] == untouched
