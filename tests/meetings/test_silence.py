"""The silence procedure: objections before the deadline; at the deadline the text is deemed agreed
by itself, exactly once, by whichever worker process takes the job."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.meetings import jobs

ROOT = Path(__file__).resolve().parents[2]
TEA = ("AGREEMENT ON TEA BETWEEN THE PARTIES\n\nWHEREAS the Parties consider that tea is good;\n\n"
       "Have agreed as follows:\n\nArticle 1\nTea\n\n1. The Parties shall drink tea together.\n")


def _soon(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()


def _sleep_until(iso: str) -> None:
    time.sleep(max(0.0, (datetime.fromisoformat(iso) - datetime.now(UTC)).total_seconds()) + 0.2)


def _wait_for(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _ready(path, d=None):
    """A draft agreed ad referendum by the working group (the CICA procedure), ready for approval."""
    path.cica_procedure()
    d = d or path.d
    for step in ("under_review", "agreed_ad_referendum"):
        path.post(f"/api/v1/drafts/{d}/transition", {"to": step})


def _audit(path, action):
    return path.get("/api/v1/audit", action=action, limit=1000)["events"]


def test_silence_holds_by_itself_at_the_deadline(path, engine):
    _ready(path)
    p = path.post(f"/api/v1/drafts/{path.d}/silence", {"deadline": _soon(3)}, expect=201)
    assert p["status"] == "running" and p["step"] == "approved" and p["deadline_local"].endswith("(Asia/Almaty)")
    # delegates are told, and see the deadline in what is due for them
    due = path.get("/api/v1/due", who=path.h["KAZ"])
    assert any(x["kind"] == "silence_deadline" and x["draft_id"] == path.d for x in due)
    texts = [n["text"] for n in path.get("/api/v1/notifications", who=path.h["IND"], lang="ru")]
    assert any("по процедуре умолчания до" in t for t in texts)
    # a second procedure on the same draft is refused
    r = path.c.post(f"/api/v1/drafts/{path.d}/silence", headers=path.officer, json={"deadline": _soon(60)})
    assert r.status_code == 409
    # nobody presses a button: the worker (here in a thread, as `concord serve` runs it on SQLite) acts
    thread, stop = jobs.start_in_thread(engine, interval=0.2)
    try:
        assert _wait_for(lambda: path.status() == "approved")
    finally:
        stop.set()
        thread.join(5)
    [proc] = path.get(f"/api/v1/drafts/{path.d}/silence")
    assert proc["status"] == "agreed" and proc["objections"] == []
    [agreed] = _audit(path, "silence.agreed")
    assert agreed["actor"] == "system" and agreed["details"]["procedure_id"] == p["id"]
    hashes = path.get(f"/api/v1/drafts/{path.d}/procedure")
    assert hashes["approved_hash"] == proc["version_hash"]
    # too late to object now
    r = path.c.post(f"/api/v1/drafts/{path.d}/silence/objections", headers=path.h["KAZ"], json={"reason": "Late"})
    assert r.status_code == 409


def test_an_objection_breaks_silence(path, engine):
    _ready(path)
    started = path.post(f"/api/v1/drafts/{path.d}/silence", {"deadline": _soon(6)}, expect=201)
    r = path.c.post(f"/api/v1/drafts/{path.d}/silence/objections", headers=path.officer, json={"reason": "x"})
    assert r.status_code == 403  # the secretariat does not object; delegations do
    r = path.c.post(f"/api/v1/drafts/{path.d}/silence/objections", headers=path.h["CHN"], json={"reason": " "})
    assert r.status_code == 422
    p = path.post(f"/api/v1/drafts/{path.d}/silence/objections",
                  {"reason": "Paragraph 2.3 needs a reference to the Charter."}, who=path.h["CHN"], expect=201)
    assert p["status"] == "broken" and p["objections"][0]["state"] == "CHN"
    _sleep_until(started["deadline"])
    jobs.tick(engine)
    assert path.status() == "agreed_ad_referendum"  # silence was broken: nothing happened at the deadline
    assert _audit(path, "silence.agreed") == [] and len(_audit(path, "silence.objection")) == 1
    texts = [n["text"] for n in path.get("/api/v1/notifications", who=path.h["KAZ"])]
    assert any(t.startswith("China broke the silence") for t in texts)


def test_an_objection_after_the_deadline_is_refused_before_any_worker_ran(path):
    _ready(path)
    p = path.post(f"/api/v1/drafts/{path.d}/silence", {"deadline": _soon(2)}, expect=201)
    _sleep_until(p["deadline"])
    r = path.c.post(f"/api/v1/drafts/{path.d}/silence/objections", headers=path.h["KAZ"], json={"reason": "Late"})
    assert r.status_code == 409 and "Silence ended at the deadline" in r.json()["detail"]


def test_silence_out_of_order_is_refused(path):
    path.cica_procedure()
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "under_review"})
    r = path.c.post(f"/api/v1/drafts/{path.d}/silence", headers=path.officer,
                    json={"deadline": _soon(60), "step": "approved"})
    assert r.status_code == 409 and "the step “agreed ad referendum”" in r.json()["detail"]


def _drafts_under_review(path, n):
    ids = [path.d]
    for _ in range(n - 1):
        r = path.c.post("/api/v1/drafts", headers=path.officer, json={"text": TEA})
        ids.append(r.json()["id"])
    for d in ids:
        path.post(f"/api/v1/drafts/{d}/transition", {"to": "under_review"})
    return ids


def _exactly_once(path, ids):
    procedures = sorted(p["id"] for d in ids for p in path.get(f"/api/v1/drafts/{d}/silence"))
    agreed = _audit(path, "silence.agreed")
    assert sorted(e["details"]["procedure_id"] for e in agreed) == procedures
    moves = [e for e in _audit(path, "draft.status") if e["details"].get("to") == "approved"]
    assert sorted(int(e["object_id"]) for e in moves) == sorted(ids)
    assert all(path.get(f"/api/v1/drafts/{d}")["status"] == "approved" for d in ids)


def _worker(db_url, *args):
    env = {**os.environ, "CONCORD_DATABASE_URL": db_url, "CONCORD_WORKER_INTERVAL": "0.05", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "app.cli", "worker", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_worker_processes_act_on_each_deadline_exactly_once(path, db_url):
    """Two `concord worker` processes run; eight deadlines pass at once; each is acted on once."""
    ids = _drafts_under_review(path, 8)
    workers = [_worker(db_url) for _ in range(2)]
    try:
        for w in workers:  # both are up and polling before the deadlines pass
            assert w.stdout.readline().startswith("worker started on")
        deadline = _soon(8.0)  # one instant for all
        for d in ids:
            path.post(f"/api/v1/drafts/{d}/silence", {"deadline": deadline, "step": "approved"}, expect=201)
        assert _wait_for(lambda: all(path.get(f"/api/v1/drafts/{d}")["status"] == "approved" for d in ids), 60)
        time.sleep(0.5)  # let both workers look again
    finally:
        for w in workers:
            w.terminate()
        logs = [w.communicate(timeout=20)[0] for w in workers]
    _exactly_once(path, ids)
    assert sum(log.count("agreed: approved") for log in logs) == len(ids), logs
    print("jobs per worker:", [log.count("agreed: approved") for log in logs])


def test_two_workers_racing_on_the_same_jobs(path, db_url):
    """Two workers with their own engines look for the same due jobs at the same instant."""
    import threading

    from app.db import make_engine

    ids = _drafts_under_review(path, 6)
    deadline = _soon(3)
    for d in ids:
        path.post(f"/api/v1/drafts/{d}/silence", {"deadline": deadline, "step": "approved"}, expect=201)
    _sleep_until(deadline)
    engines = [make_engine(db_url) for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list[list] = [[], []]

    def run(i):
        barrier.wait()
        results[i] = jobs.tick(engines[i], who=f"racer-{i}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for e in engines:
        e.dispose()
    outcomes = [o for r in results for _, o in r]
    assert sum(o == "agreed: approved" for o in outcomes) == len(ids), outcomes
    _exactly_once(path, ids)


def test_a_deadline_that_passed_while_everything_was_stopped(path, db_url):
    ids = _drafts_under_review(path, 2)
    deadline = _soon(3)
    for d in ids:
        path.post(f"/api/v1/drafts/{d}/silence", {"deadline": deadline, "step": "approved"}, expect=201)
    _sleep_until(deadline)
    assert all(path.get(f"/api/v1/drafts/{d}")["status"] == "under_review" for d in ids)  # nobody acted yet
    w = _worker(db_url, "--once")
    out = w.communicate(timeout=60)[0]
    done = [line for line in out.splitlines() if line.startswith("job ") and line.endswith("agreed: approved")]
    assert w.returncode == 0 and len(done) == 2, out
    _exactly_once(path, ids)
    again = _worker(db_url, "--once")  # a restarted worker finds nothing more to do
    assert "agreed" not in again.communicate(timeout=60)[0]
