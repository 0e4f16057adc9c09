"""Two officers import a revised text into the same draft at the same moment: one version n+1,
the other a clear 409 (never a 500, never two versions 2), on SQLite and on PostgreSQL
(the PostgreSQL runs skip without CONCORD_TEST_POSTGRES_URL)."""

from __future__ import annotations

import threading

from app.db import session_factory
from app.errors import AppError
from app.models import User, Version


def _texts(flow) -> list[str]:
    text = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/1/text", headers=flow.officer).text
    c11, c21 = flow.clause("1.1"), flow.clause("2.1")
    return [text.replace(c11["text"], c11["text"] + " As revised by the first facilitator."),
            text.replace(c21["text"], c21["text"] + " As revised by the second facilitator.")]


def test_two_concurrent_imports_make_one_version(flow, engine):
    from app.drafts import reimport

    flow.users.make("officer2@example.org", "secretariat")
    texts = _texts(flow)
    barrier = threading.Barrier(2)
    results: list[object] = []

    def officer(email: str, text: str):
        session = session_factory(engine)()
        try:
            user = session.query(User).filter_by(email=email).one()
            session.commit()
            barrier.wait()
            out = reimport.import_next_version(session, user, flow.d, text=text, source_name="revised.txt",
                                               base_version=1)
            session.commit()
            results.append(out["version"]["number"])
        except AppError as exc:
            session.rollback()
            results.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=officer, args=("officer@example.org", texts[0])),
               threading.Thread(target=officer, args=("officer2@example.org", texts[1]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 2 and sum(isinstance(r, int) for r in results) == 1, results
    (winner,) = [r for r in results if isinstance(r, int)]
    (loser,) = [r for r in results if isinstance(r, AppError)]
    assert winner == 2
    assert loser.status_code == 409 and loser.code in ("reimport_stale_base", "reimport_race", "concurrent_change",
                                                       "database_busy"), (loser.code, loser.detail)
    with session_factory(engine)() as s:
        assert s.query(Version).filter_by(draft_id=flow.d).count() == 2


def test_two_simultaneous_uploads_over_http_answer_201_and_409(flow):
    flow.users.make("officer2@example.org", "secretariat")
    who = [flow.officer, flow.users.headers("officer2@example.org")]
    texts = _texts(flow)
    barrier = threading.Barrier(2)
    out: list = [None, None]

    def upload(i: int):
        barrier.wait()
        out[i] = flow.c.post(f"/api/v1/drafts/{flow.d}/versions/import", headers=who[i], data={"base_version": "1"},
                             files={"file": ("revised.txt", texts[i].encode(), "text/plain")})

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    codes = sorted(r.status_code for r in out)
    assert codes == [201, 409], [(r.status_code, r.text) for r in out]
    loser = next(r for r in out if r.status_code == 409)
    assert "version 2" in loser.json()["detail"]
    assert [v["number"] for v in flow.c.get(f"/api/v1/drafts/{flow.d}/versions", headers=flow.officer).json()] == [1, 2]
