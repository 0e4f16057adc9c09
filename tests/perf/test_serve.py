"""`concord serve --workers N`: several processes, and the kernel spreads connections across them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench.httpserver import ROOT, Server

pytestmark = pytest.mark.rush


def _owners(pids: list[int], port: int) -> dict[int, int]:
    """How many established connections to ``port`` each process holds (Linux /proc)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        local, state, inode = parts[1], parts[3], parts[9]
        if state == "01" and int(local.split(":")[1], 16) == port:
            inodes.add(inode)
    out = {}
    for pid in pids:
        n = 0
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                link = os.readlink(fd)
            except OSError:
                continue
            if link.startswith("socket:[") and link[8:-1] in inodes:
                n += 1
        out[pid] = n
    return out


def test_two_workers_share_the_connections(db_url):
    if db_url.startswith("sqlite"):
        r = subprocess.run([sys.executable, "-m", "app.cli", "serve", "--workers", "2"], cwd=ROOT, timeout=60,
                           env={**os.environ, "CONCORD_DATABASE_URL": db_url}, capture_output=True, text=True)
        assert r.returncode != 0 and "several workers need PostgreSQL" in r.stderr
        return
    with Server(db_url, workers=2) as srv:
        pids = srv.worker_pids()
        assert len(pids) == 2
        conns = []
        try:
            for _ in range(40):
                s = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
                s.sendall(b"GET /api/v1/auth/me HTTP/1.1\r\nHost: test\r\n\r\n")
                conns.append(s)
            for s in conns:  # every connection answered (and is kept alive)
                assert s.recv(65536).startswith(b"HTTP/1.1 401")
            per_worker = _owners(pids, srv.port)
        finally:
            for s in conns:
                s.close()
    assert sum(per_worker.values()) == 40, per_worker
    assert min(per_worker.values()) >= 8, per_worker  # both take a fair share, not one almost all
