"""Two officers consolidate the same draft at the same moment: exactly one new version."""

from __future__ import annotations

import threading

from app.db import session_factory
from app.errors import Conflict
from app.models import User, Version


def test_two_concurrent_consolidations_make_one_version(flow, engine):
    flow.open()
    p = flow.propose("KAZ", kind="delete", clause_key=flow.clause("2.3")["key"])
    flow.decide(p["id"])
    q = flow.propose("IND", kind="delete", clause_key=flow.clause("2.4")["key"])
    flow.decide(q["id"])
    flow.users.make("officer2@example.org", "secretariat")

    from app.proposals import service

    barrier = threading.Barrier(2)
    results: list[object] = []

    def officer(email: str, ids: list[int]):
        session = session_factory(engine)()
        try:
            user = session.query(User).filter_by(email=email).one()
            session.commit()
            barrier.wait()
            v, _ = service.consolidate(session, user, flow.d, base_version=1, proposal_ids=ids, editorial=[],
                                       label=f"by {email}")
            session.commit()
            results.append(v.number)
        except Conflict as exc:
            session.rollback()
            results.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=officer, args=("officer@example.org", [p["id"]])),
               threading.Thread(target=officer, args=("officer2@example.org", [q["id"]]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(map(type, results), key=str) == sorted([int, Conflict], key=str), results
    conflict = next(r for r in results if isinstance(r, Conflict))
    assert "already exists" in conflict.detail
    with session_factory(engine)() as s:
        assert s.query(Version).filter_by(draft_id=flow.d).count() == 2
