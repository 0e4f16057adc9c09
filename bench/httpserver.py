"""Concord served as it is run: `concord serve` in a subprocess on loopback, over real HTTP.

Used by the rush tests and by the "API" rows of `make bench`, so that what they time includes
the socket, the HTTP parsing, the event loop, the thread pool and the database pool.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``with Server(url, workers=2) as srv: httpx.get(srv.base + "/api/v1/...")``"""

    def __init__(self, database_url: str, *, workers: int = 1, env: dict | None = None, startup_s: float = 60):
        self.database_url = database_url
        self.workers = workers
        self.env = env or {}
        self.startup_s = startup_s
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="concord-serve-", suffix=".log", delete=False)

    def __enter__(self) -> Server:
        env = {**os.environ, "CONCORD_DATABASE_URL": self.database_url, "CONCORD_ENVIRONMENT": "test",
               "PYTHONPATH": str(ROOT), **self.env}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", str(self.workers), "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_s
        ok = 0
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"concord serve exited with {self.proc.returncode}:\n{self.log()}")
            try:
                # a fresh connection each time: with several workers, each must be up
                r = httpx.get(self.base + "/api/v1/auth/me", timeout=2)
                if r.status_code == 401:
                    ok += 1
                    if ok >= 4 * self.workers:
                        return
                    continue
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"concord serve did not answer within {self.startup_s} s:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")[-4000:]

    def worker_pids(self) -> list[int]:
        """The processes serving requests: the server itself, or its worker children."""
        if self.proc is None:
            return []
        if self.workers == 1:
            return [self.proc.pid]
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        pids = [int(x) for x in children.read_text().split()] if children.exists() else []
        return [p for p in pids if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)
