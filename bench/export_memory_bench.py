"""Peak memory of a Word export of the largest draft Concord allows (``make bench``, section
"export memory").

The draft: the generated agreement grown to just under ``max_clauses_per_draft`` clauses
(app/limits.py; about 20,000 clauses, 9 MB of text), imported into SQLite. Each figure is
measured in a fresh process (:func:`measure`): the app is warmed up on a small export, the
kernel's peak-RSS mark is reset (``/proc/self/clear_refs``), then one
``GET /api/v1/drafts/{id}/export/signature.docx`` goes through the ASGI app (the body is read
and thrown away, as a socket would) and the growth of ``VmHWM`` over the resident size before
the request is the row's value, in MiB.

Beside it, the naive way in the same run: the whole document built as one lxml tree and the
package written whole in memory (python-docx's ``Document.save`` into a BytesIO: every part
serialised to one ``bytes`` first, then the zip's bytes copied out). Concord's writers instead
move each finished run of 64 paragraphs or table rows out of the tree into a spool file
(:mod:`app.core.word.spool`) and stream ``word/document.xml`` into the zip from it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the row's target: peak growth of the server's resident memory for the largest allowed draft
TARGET_MIB = 64


def _status() -> dict[str, int]:
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmHWM", "VmRSS")):
                out[line.split(":")[0]] = int(line.split()[1]) // 1024
    return out


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def articles_for(max_clauses: int) -> int:
    """How many generated articles make a draft of at most ``max_clauses`` clauses (about 11.7 a
    article), the largest the limit allows."""
    from app.core.clauses.parse import parse_text
    from bench.generate import generate_draft

    per = len(parse_text(generate_draft(seed=0, articles=50))) / 50
    n = int(max_clauses / per)
    while len(parse_text(generate_draft(seed=0, articles=n))) > max_clauses:
        n -= 5
    return n


def build(db_path: Path, max_clauses: int | None = None) -> dict:
    """A database holding a small draft (id 1, for the warm-up) and the largest allowed one (id 2)."""
    from app.accounts.service import create_user, ensure_member_states, open_session
    from app.config import get_settings
    from app.db import make_engine, transaction
    from app.drafts.service import create_draft
    from app.migrate import upgrade
    from bench.generate import generate_draft

    limit = max_clauses or get_settings().max_clauses_per_draft
    url = f"sqlite:///{db_path}"
    upgrade(url)
    engine = make_engine(url)
    with transaction(engine) as s:
        ensure_member_states(s)
        officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
        create_draft(s, officer, text=generate_draft(seed=0, articles=3), source_name="small")
        text = generate_draft(seed=0, articles=articles_for(limit))
        _draft, v = create_draft(s, officer, text=text, source_name="largest")
        token = open_session(s, officer, "bearer")[0]
        info = {"url": url, "token": token, "clauses": v.clause_count, "chars": len(text)}
    engine.dispose()
    return info


def _get(app, path: str, token: str) -> tuple[int, int, dict]:
    """One GET through the ASGI app; the body is counted and dropped."""
    import asyncio

    status, size, headers = 0, 0, {}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status, size, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    path_only, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "path": path_only, "raw_path": path_only.encode(), "query_string": query.encode(),
             "headers": [(b"authorization", f"Bearer {token}".encode()), (b"host", b"testserver")],
             "client": ("127.0.0.1", 1234), "server": ("testserver", 80), "scheme": "http", "root_path": ""}
    asyncio.run(app(scope, receive, send))
    return status, size, headers


def naive_to_bytes(doc, *, level: int = 1) -> bytes:
    """The whole-in-memory way: python-docx's own save into a BytesIO (each part serialised
    to bytes whole, then the zip copied out)."""
    from io import BytesIO

    from app.core.word import ooxml as ox

    body = doc.element.body
    sect = body.find(ox.W_SECT_PR)
    content = [el for el in body if el.tag != ox.W_SECT_PR]
    if not content or content[-1].tag == ox.W_TBL:
        ox.paragraph(body, after=0)
    if sect is not None:
        body.append(sect)
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()


def child(url: str, token: str, kind: str, naive: bool) -> dict:
    """In a fresh process: the peak growth of resident memory for one export of draft 2."""
    import gc

    os.environ["CONCORD_DATABASE_URL"] = url
    from app.config import get_settings

    get_settings.cache_clear()
    if naive:
        from app.core.word import exports, redline, writer

        exports.flush = lambda *args, **kwargs: None  # type: ignore[assignment]  # no spooling: the whole tree
        for mod in (exports, redline, writer):
            mod.to_bytes = naive_to_bytes  # type: ignore[attr-defined]  # python-docx's own save
    from app.main import create_app

    app = create_app()
    status, _, _ = _get(app, f"/api/v1/drafts/1/export/{kind}.docx", token)  # warm-up: imports, caches
    assert status == 200, status
    gc.collect()
    before = _status()["VmRSS"]
    reset = _reset_peak()
    status, size, headers = _get(app, f"/api/v1/drafts/2/export/{kind}.docx", token)
    assert status == 200, status
    peak = _status()["VmHWM"]
    return {"growth_mib": peak - before, "before_mib": before, "bytes": size, "reset": reset,
            "content_length": headers.get("content-length")}


def measure(info: dict, kind: str = "signature", *, naive: bool = False) -> dict:
    cmd = [sys.executable, "-m", "bench.export_memory_bench", "--child", info["url"], info["token"], kind,
           "naive" if naive else "streamed"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> list[tuple]:
    rows: list[tuple] = []
    with tempfile.TemporaryDirectory() as tmp:
        info = build(Path(tmp) / "bench.db")
        size = f"{info['clauses']:,} clauses, {info['chars'] / 1e6:.1f} M characters"
        for kind in ("signature", "parallel"):
            got = measure(info, kind)
            naive = measure(info, kind, naive=True)
            ok = got["bytes"] == int(got["content_length"] or -1)
            rows.append((f"{kind} export of the largest allowed draft ({size}): peak RSS growth",
                         got["growth_mib"], f"target ≤ {TARGET_MIB} (MiB; spooled; Content-Length set)", ok, "MiB"))
            rows.append((f"  naive: package whole in memory ({naive['bytes'] / 1e6:.1f} MB .docx)",
                         naive["growth_mib"], "", None, "MiB"))
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        url, token, kind, mode = sys.argv[2:6]
        print(json.dumps(child(url, token, kind, mode == "naive")))
    else:
        for r in run():
            print(f"{r[0]:90s} {r[1]:8.1f} {r[4] if len(r) > 4 else 'ms'}  {r[2]}")
