"""A real `concord serve`, killed with SIGKILL in the middle of consolidations and submissions,
again and again: after every kill the database is whole.

Per round: start the server, let an officer consolidate versions (an editorial change each time,
with an Idempotency-Key) and a delegate submit proposals as fast as they can, and SIGKILL the
server at a random moment. Then, with the server dead:

- ``concord audit verify`` passes (the hash chain and its signed head);
- every version's stored hash is the hash of the clauses stored for it, its clause count is the
  number of its clause rows, the numbers run 1..n without a gap, and every consolidated version has
  its ``version.consolidate`` audit event with that hash (no half-written version);
- every version and proposal the server acknowledged (201) is there, with the acknowledged hash;
- SQLite's own integrity check passes.

Then a client that lost the answer to its last consolidation retries it with the same key after
the restart: it gets the first answer back (or, if the crash came between the commit and writing
the answer, 409 ``idempotency_answer_lost``), never a second version.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD, SAMPLE

CONCORD = str(Path(sys.executable).parent / "concord")
ROUNDS = {"sqlite": 6, "postgres": 4}
START_SECONDS = 90  # a loaded CI machine can take long to import the app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(db_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONCORD_")}
    env.update(CONCORD_DATABASE_URL=db_url, CONCORD_PASSWORD_TIME_COST="1", CONCORD_PASSWORD_MEMORY_KIB="1024",
               CONCORD_WORKER_INTERVAL="0.5")
    for k in ("CONCORD_SECRET_KEY",):  # the audit checkpoint is signed with it: the same for all of us
        if k in os.environ:
            env[k] = os.environ[k]
    return env


def _setup(db_url: str) -> int:
    from app.accounts.service import create_user, ensure_member_states
    from app.db import make_engine, transaction
    from app.drafts.service import create_draft

    engine = make_engine(db_url)
    with transaction(engine) as s:
        ensure_member_states(s)
        officer = create_user(s, "officer@example.org", PASSWORD, "secretariat")
        create_user(s, "kaz@example.org", PASSWORD, "delegate", state="KAZ")
        draft, _ = create_draft(s, officer, text=SAMPLE.read_text(encoding="utf-8"), source_name=SAMPLE.name)
        draft_id = draft.id
    engine.dispose()
    return draft_id


class Server:
    def __init__(self, db_url: str):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([CONCORD, "serve", "--port", str(self.port), "--log-level", "warning"],
                                     env=_env(db_url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"concord serve exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(self.base + "/login", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError(f"concord serve did not answer within {START_SECONDS} s")

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self.proc.stderr.close()


def _audit_verify(db_url: str, monkeypatch) -> None:
    """`concord audit verify` (in this process: the command is the same, the start-up is saved)."""
    from click.testing import CliRunner

    from app import cli
    from app.config import get_settings
    from app.db import dispose_engines

    monkeypatch.setenv("CONCORD_DATABASE_URL", db_url)
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(cli.main, ["audit", "verify"])
    finally:
        dispose_engines()
        monkeypatch.delenv("CONCORD_DATABASE_URL")
        get_settings.cache_clear()
    assert out.exit_code == 0, out.output


def _check(db_url: str, draft_id: int, acked_versions: dict[int, str], acked_proposals: set[int]) -> int:

    from app.db import make_engine
    from app.drafts.service import load_document
    from app.models import AuditEvent, ClauseRow, Proposal, Version

    engine = make_engine(db_url)
    try:
        with sa.orm.Session(engine) as s:
            if engine.dialect.name == "sqlite":
                assert s.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
            versions = list(s.scalars(sa.select(Version).where(Version.draft_id == draft_id).order_by(Version.number)))
            assert [v.number for v in versions] == list(range(1, len(versions) + 1))
            events = {e.details.get("version"): e.details.get("hash") for e in s.scalars(
                sa.select(AuditEvent).where(AuditEvent.action == "version.consolidate",
                                            AuditEvent.object_id == str(draft_id)))}
            for v in versions:
                rows = s.scalar(sa.select(sa.func.count()).select_from(ClauseRow).where(ClauseRow.version_id == v.id))
                assert rows == v.clause_count, f"version {v.number}: {rows} clause rows, {v.clause_count} recorded"
                assert load_document(s, v).version_hash() == v.hash, f"version {v.number}: hash does not match"
                if v.number > 1:
                    assert events.get(v.number) == v.hash, f"version {v.number} has no audit event with its hash"
            by_number = {v.number: v.hash for v in versions}
            for n, h in acked_versions.items():
                assert by_number.get(n) == h, f"acknowledged version {n} is missing or changed"
            have = set(s.scalars(sa.select(Proposal.id).where(Proposal.draft_id == draft_id)))
            assert acked_proposals <= have, f"acknowledged proposals missing: {acked_proposals - have}"
            return len(versions)
    finally:
        engine.dispose()


def _login(base: str, email: str) -> dict:
    r = httpx.post(base + "/api/v1/auth/token", data={"username": email, "password": PASSWORD}, timeout=10)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


@pytest.mark.crash
def test_sigkill_during_consolidations_and_submissions_corrupts_nothing(db_url, monkeypatch):
    kind = "sqlite" if db_url.startswith("sqlite") else "postgres"
    draft_id = _setup(db_url)
    rng = random.Random(13)
    acked_versions: dict[int, str] = {1: ""}
    acked_proposals: set[int] = set()
    officer = kaz = None
    pending_retry: tuple[str, dict] | None = None
    kills_during_writes = 0
    total = 0
    for round_no in range(ROUNDS[kind]):
        server = Server(db_url)
        base = server.base
        try:
            officer = officer or _login(base, "officer@example.org")
            kaz = kaz or _login(base, "kaz@example.org")
            with httpx.Client(base_url=base, timeout=10) as c:
                if round_no == 0:
                    acked_versions[1] = c.get(f"/api/v1/drafts/{draft_id}/versions", headers=officer).json()[0]["hash"]
                if pending_retry is not None:  # the answer that was lost in the last crash
                    key, body = pending_retry
                    r = c.post(f"/api/v1/drafts/{draft_id}/versions", headers={**officer, "Idempotency-Key": key},
                               json=body, timeout=60)
                    assert r.status_code in (201, 409, 422), r.text
                    if r.status_code == 201:
                        acked_versions[r.json()["number"]] = r.json()["hash"]
                    elif r.status_code == 409:  # lost with the process after the commit, or a version
                        # made meanwhile by the other key (then this one was never committed)
                        assert r.json()["code"] in ("idempotency_answer_lost", "conflict"), r.text
                    pending_retry = None
                latest = c.get(f"/api/v1/drafts/{draft_id}/versions", headers=officer).json()[-1]
                deadline = (datetime.now(UTC) + timedelta(days=3)).isoformat()
                c.post(f"/api/v1/drafts/{draft_id}/window", headers=officer, json={"deadline": deadline})
                tree = c.get(f"/api/v1/drafts/{draft_id}/versions/{latest['number']}", headers=officer).json()
                key = tree["clauses"][1]["key"]
        except BaseException:
            server.kill()
            raise
        stop = threading.Event()
        wrote = threading.Event()
        submitted = threading.Event()
        in_flight: dict[str, tuple[str, dict]] = {}

        def consolidate(latest=latest, key=key, base=base, in_flight=in_flight, stop=stop, wrote=wrote,
                        officer=officer, submitted=submitted):
            n = latest["number"]
            with httpx.Client(base_url=base, timeout=5) as c:
                while not stop.is_set():
                    body = {"base_version": n, "editorial": [{"kind": "replace", "key": key,
                                                              "text": f"Wording {uuid.uuid4().hex}."}]}
                    idem = uuid.uuid4().hex
                    in_flight["consolidate"] = (idem, body)
                    try:
                        r = c.post(f"/api/v1/drafts/{draft_id}/versions", json=body,
                                   headers={**officer, "Idempotency-Key": idem})
                    except httpx.HTTPError:
                        return  # the server died under us; the request stays in flight
                    in_flight.pop("consolidate", None)
                    if r.status_code == 201:
                        acked_versions[r.json()["number"]] = r.json()["hash"]
                        n = r.json()["number"]
                        wrote.set()
                        if not submitted.is_set():  # let the delegate in between two consolidations
                            time.sleep(0.05)
                    else:
                        assert r.status_code < 500, r.text

        def submit(base=base, key=key, stop=stop, kaz=kaz, officer=officer, deadline=deadline,
                   submitted=submitted):
            with httpx.Client(base_url=base, timeout=5) as c:
                while not stop.is_set():
                    body = {"kind": "replace", "clause_key": key, "proposed_text": "Better words.", "submit": True}
                    try:
                        r = c.post(f"/api/v1/drafts/{draft_id}/proposals", json=body, headers=kaz)
                        if r.status_code == 409:  # a consolidation closed the window: open it again
                            c.post(f"/api/v1/drafts/{draft_id}/window", headers=officer, json={"deadline": deadline})
                    except httpx.HTTPError:
                        return
                    if r.status_code == 201:
                        acked_proposals.add(r.json()["id"])
                        submitted.set()
                    else:
                        assert r.status_code < 500, r.text

        threads = [threading.Thread(target=consolidate), threading.Thread(target=submit)]
        for t in threads:
            t.start()
        wrote.wait(30)  # both writers are under way (a loaded machine is slow to warm up) ...
        submitted.wait(30)
        time.sleep(rng.uniform(0.0, 0.6))  # ... then the kill comes at a random moment
        server.kill()
        stop.set()
        for t in threads:
            t.join(15)
        kills_during_writes += bool(in_flight)
        pending_retry = in_flight.get("consolidate")
        _audit_verify(db_url, monkeypatch)
        total = _check(db_url, draft_id, acked_versions, acked_proposals)
    assert kills_during_writes >= ROUNDS[kind] // 2, "the kills did not land during writes"
    assert total > ROUNDS[kind], f"only {total} versions were made in {ROUNDS[kind]} rounds"
    assert acked_proposals, "no proposal was submitted"
