"""Officers registering notes at the same moment get distinct numbers; concurrent edits: one wins, one 412."""

from __future__ import annotations

import threading

from app.db import session_factory
from app.errors import AppError
from app.models import Note, User
from app.notes import service
from app.notes.schemas import NoteIn


def run_together(engine, n, work):
    barrier = threading.Barrier(n)
    results: list[object] = []

    def one(i):
        session = session_factory(engine)()
        try:
            user = session.query(User).filter_by(email="officer@example.org").one()
            session.commit()
            barrier.wait()
            results.append(work(session, user, i))
            session.commit()
        except AppError as exc:
            session.rollback()
            results.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_concurrent_registrations_get_the_next_numbers(notes, engine, db):
    spec = NoteIn.model_validate(notes.facts(number=None)).model_dump()
    results = run_together(engine, 6, lambda s, user, i: service.create_note(s, user, spec).number)
    assert sorted(results) == [f"NCT/CT/{i}" for i in range(1, 7)], results
    assert db.query(Note).count() == 6


def test_concurrent_edits_with_the_same_etag(notes, engine, db):
    n = notes.create()
    etag = notes.etag(n["id"])
    results = run_together(engine, 2, lambda s, user, i: service.update_note(
        s, user, n["id"], {"enclosure_pages": 10 + i}, etag).facts["enclosure_pages"])
    assert sorted(map(type, results), key=str) == sorted([int, service.PreconditionFailed], key=str), results
    assert notes.get(n["id"]).json()["facts"]["enclosure_pages"] in results
