"""LibreOffice (headless) as the real client that tests open our .docx files with.

Requirements (Debian/Ubuntu): ``libreoffice-writer`` (``soffice``) for conversions, and
``python3-uno`` for :func:`accept_all_text` / :func:`reject_all_text` (a Python UNO script
run by the system interpreter, or LibreOffice's bundled ``program/python``).

Every call starts a fresh ``soffice`` with its own throw-away user profile
(``-env:UserInstallation=file:///tmp/...``), so calls never share state and may run in
parallel. Each call costs 2-3 s: batch with :func:`convert_many` and :func:`revision_texts`.

Tests call :func:`require_soffice` / :func:`require_uno`: they skip with a clear reason when
LibreOffice is missing, except under ``CI=true`` where a missing LibreOffice is a failure.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT = 180  # seconds for one soffice run

_FILTERS = {
    "pdf": "pdf:writer_pdf_Export",
    "txt": "txt:Text (encoded):UTF8,LF",
    "docx": "docx:MS Word 2007 XML",
}


def soffice_path() -> str | None:
    """The ``soffice`` executable, or None when LibreOffice is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if os.path.exists(candidate):
            return candidate
    return None


@functools.lru_cache(maxsize=1)
def uno_python() -> str | None:
    """A Python interpreter that can ``import uno`` (python3-uno), or None."""
    candidates = []
    soffice = soffice_path()
    if soffice:
        program = Path(os.path.realpath(soffice)).parent
        candidates += [str(program / "python"), str(program / "python.bin")]
    candidates += ["/usr/bin/python3", shutil.which("python3") or ""]
    for exe in candidates:
        if not exe or not os.path.exists(exe):
            continue
        try:
            ok = subprocess.run([exe, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.SubprocessError):
            ok = False
        if ok:
            return exe
    return None


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _missing(reason: str) -> None:
    if _on_ci():
        pytest.fail(f"{reason} (CI=true: LibreOffice is required here)", pytrace=False)
    pytest.skip(reason)


def require_soffice() -> str:
    """The soffice path; skip (fail under CI=true) when LibreOffice is missing."""
    path = soffice_path()
    if path is None:
        _missing("LibreOffice (soffice) not installed: apt-get install libreoffice-writer")
    return path  # type: ignore[return-value]


def require_uno() -> str:
    """A UNO-capable Python; skip (fail under CI=true) when python3-uno is missing."""
    require_soffice()
    exe = uno_python()
    if exe is None:
        _missing("LibreOffice's Python UNO bridge not installed: apt-get install python3-uno")
    return exe  # type: ignore[return-value]


def _profile_url(tmp: str) -> str:
    return Path(tmp, "profile").resolve().as_uri()


def _run(cmd: list[str], cwd: str) -> subprocess.CompletedProcess:
    """Run in a new process group, so that on timeout soffice and its helpers all go."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError(f"LibreOffice did not finish within {TIMEOUT} s: {' '.join(cmd[:3])} ...") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def convert_many(docs: list[bytes], fmt: str, *, suffix: str = "docx") -> list[bytes]:
    """Convert several documents with ONE soffice run (``--convert-to``); same order."""
    if fmt not in _FILTERS:
        raise ValueError(f"unsupported format {fmt!r}")
    soffice = require_soffice()
    if not docs:
        return []
    with tempfile.TemporaryDirectory(prefix="concord-lo-") as tmp:
        src = Path(tmp, "in")
        out = Path(tmp, "out")
        src.mkdir()
        out.mkdir()
        names = []
        for i, data in enumerate(docs):
            p = src / f"doc{i:03d}.{suffix}"
            p.write_bytes(data)
            names.append(p)
        cmd = [
            soffice,
            f"-env:UserInstallation={_profile_url(tmp)}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            _FILTERS[fmt],
            "--outdir",
            str(out),
            *map(str, names),
        ]
        proc = _run(cmd, tmp)
        results = []
        for p in names:
            target = out / f"{p.stem}.{fmt}"
            if not target.exists():
                raise RuntimeError(
                    f"LibreOffice could not convert {p.name} to {fmt} (exit {proc.returncode}): "
                    f"{proc.stdout.decode(errors='replace')} {proc.stderr.decode(errors='replace')}"
                )
            results.append(target.read_bytes())
        return results


def convert(docx_bytes: bytes, fmt: str) -> bytes:
    """Convert one .docx to ``"pdf"``, ``"txt"`` (UTF-8, LF) or ``"docx"`` (LibreOffice's re-save)."""
    return convert_many([docx_bytes], fmt)[0]


# The UNO script: starts soffice listening on a private pipe, then for each job loads the
# file hidden, dispatches the command (if any) and stores it as UTF-8 text.
# Shared by every UNO script here and in lo_track.py: imports, prop(), and start_soffice(),
# which starts soffice listening on a private pipe and returns (process, component context).
UNO_PRELUDE = r'''
import json, os, subprocess, sys, time, uuid
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

def start_soffice(soffice, profile):
    pipe = "concord_" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--norestore",
         "--nologo", "--nodefault", "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            return proc, resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise
            time.sleep(0.2)
'''

_UNO_SCRIPT = UNO_PRELUDE + r'''
soffice, profile, jobs_path = sys.argv[1:4]
jobs = json.load(open(jobs_path))
proc, ctx = start_soffice(soffice, profile)
try:
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    for job in jobs:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                           (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("could not load " + job["in"])
        try:
            if job["command"]:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, job["command"], "", 0, ())
            doc.storeToURL(uno.systemPathToFileUrl(job["out"]),
                           (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
        finally:
            doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        proc.wait(timeout=30)
    except Exception:
        proc.kill()
'''


def _run_uno_jobs(docs_and_commands: list[tuple[bytes, str]]) -> list[str]:
    exe = require_uno()
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="concord-uno-") as tmp:
        jobs = []
        for i, (data, command) in enumerate(docs_and_commands):
            src = Path(tmp, f"in{i:03d}.docx")
            src.write_bytes(data)
            jobs.append({"in": str(src), "out": str(Path(tmp, f"out{i:03d}.txt")), "command": command})
        Path(tmp, "jobs.json").write_text(json.dumps(jobs))
        script = Path(tmp, "uno_job.py")
        script.write_text(_UNO_SCRIPT)
        proc = _run([exe, str(script), soffice, _profile_url(tmp), str(Path(tmp, "jobs.json"))], tmp)
        if proc.returncode != 0:
            raise RuntimeError(f"LibreOffice UNO script failed: {proc.stderr.decode(errors='replace')}")
        return [Path(job["out"]).read_text(encoding="utf-8-sig") for job in jobs]


ACCEPT_ALL = ".uno:AcceptAllTrackedChanges"
REJECT_ALL = ".uno:RejectAllTrackedChanges"


def accept_all_text(docx_bytes: bytes) -> str:
    """The document's text (UTF-8, one paragraph a line) after accepting all tracked changes."""
    return _run_uno_jobs([(docx_bytes, ACCEPT_ALL)])[0]


def reject_all_text(docx_bytes: bytes) -> str:
    """The document's text after rejecting all tracked changes."""
    return _run_uno_jobs([(docx_bytes, REJECT_ALL)])[0]


def revision_texts(docs: list[bytes]) -> list[tuple[str, str]]:
    """(accepted, rejected) text of each document, with ONE LibreOffice run for all."""
    jobs: list[tuple[bytes, str]] = []
    for data in docs:
        jobs += [(data, ACCEPT_ALL), (data, REJECT_ALL)]
    texts = _run_uno_jobs(jobs)
    return [(texts[i], texts[i + 1]) for i in range(0, len(texts), 2)]


def lines(text: str) -> list[str]:
    """Non-empty lines of a text export, trailing whitespace removed (LibreOffice writes
    one paragraph per line and a line break inside a paragraph as a new line)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    return [ln.rstrip() for ln in text.split("\n") if ln.strip()]
