"""`concord serve`: one uvicorn process, or N worker processes that the kernel balances.

uvicorn's own ``--workers`` shares one listening socket between the processes; whichever is
awake first accepts, so under a burst one process takes almost every connection. Here each
worker listens on its own socket bound with ``SO_REUSEPORT`` to the same address, and the
kernel spreads new connections across the workers evenly (by a hash of the connection).
Where ``SO_REUSEPORT`` is missing, the workers share the parent's socket (uvicorn's way).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys

APP = "app.main:create_app"


def _socket(host: str, port: int, reuse_port: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _config(log_level: str, backlog: int, **kw):
    import uvicorn

    return uvicorn.Config(APP, factory=True, log_level=log_level, backlog=backlog, timeout_keep_alive=30, **kw)


def _worker(host: str, port: int, log_level: str, backlog: int) -> None:
    import uvicorn

    sock = _socket(host, port, reuse_port=True)
    sock.listen(backlog)
    uvicorn.Server(_config(log_level, backlog)).run(sockets=[sock])


def serve(host: str, port: int, workers: int = 1, log_level: str = "info", backlog: int = 2048) -> None:
    import uvicorn

    if workers <= 1:
        uvicorn.Server(_config(log_level, backlog, host=host, port=port)).run()
        return
    if not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, log_level=log_level, backlog=backlog)
        return
    # The parent binds without listening: the port is checked (and held) before any worker starts,
    # and, never listening, it takes no share of the connections.
    holder = _socket(host, port, reuse_port=True)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(host, port, log_level, backlog), name=f"concord-worker-{i + 1}")
             for i in range(workers)]
    for p in procs:
        p.start()

    def stop(_signum, _frame):
        for p in procs:
            if p.is_alive() and p.pid:
                os.kill(p.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        for p in procs:
            p.join()
    finally:
        holder.close()
    sys.exit(max((p.exitcode or 0) for p in procs) and 1)
