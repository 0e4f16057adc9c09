"""Edit a .docx in headless LibreOffice with change tracking on: a real Word client making
the tracked changes and comments that :mod:`app.core.word.tracked` must read back.

Requirements (Debian/Ubuntu): ``libreoffice-writer`` (``soffice``) and ``python3-uno`` (the
UNO bridge for the system Python 3; LibreOffice's own ``program/python`` works too). The UNO
script below runs in that interpreter, not in the project's virtualenv: it starts ``soffice``
with a throw-away user profile and a private pipe, loads the document hidden, sets the user
name (the revision author), turns ``RecordChanges`` on, applies the edits and stores the
result with the "MS Word 2007 XML" filter. One call costs about 2-4 s: batch edits.

Paragraph numbers in :class:`Edit` count the document's top-level paragraphs from 0 as the
document was loaded (tables are not counted: keep tables out of documents edited here);
every edit is resolved to its paragraph before any edit is applied.

Tests call :func:`require_lo_tracking` (or use :func:`edit_with_tracking`, which calls it):
missing LibreOffice skips with a clear reason, except under ``CI=true`` where it fails.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from .libreoffice import UNO_PRELUDE, require_soffice, require_uno

TIMEOUT = 180  # seconds for one LibreOffice run

REPLACE = "replace"
INSERT_AFTER = "insert_after"
DELETE = "delete"
COMMENT = "comment"


@dataclass(frozen=True)
class Edit:
    """One edit. Build with :meth:`replace`, :meth:`insert_after`, :meth:`delete`, :meth:`comment`."""

    op: str
    paragraph: int
    old: str | None = None  # replace/comment: the text to replace/comment on (None: the whole paragraph)
    new: str = ""  # replace: replacement; insert_after: the new paragraph's text; comment: its text

    @classmethod
    def replace(cls, paragraph: int, old: str | None, new: str) -> Edit:
        """Replace the first occurrence of ``old`` in the paragraph (or its whole text) by ``new``."""
        return cls(REPLACE, paragraph, old, new)

    @classmethod
    def insert_after(cls, paragraph: int, text: str) -> Edit:
        """Insert a new paragraph with ``text`` after the paragraph."""
        return cls(INSERT_AFTER, paragraph, None, text)

    @classmethod
    def delete(cls, paragraph: int) -> Edit:
        """Delete the whole paragraph, its paragraph mark included."""
        return cls(DELETE, paragraph)

    @classmethod
    def comment(cls, paragraph: int, text: str, anchor: str | None = None) -> Edit:
        """Add a comment on ``anchor`` (first occurrence; None: the whole paragraph)."""
        return cls(COMMENT, paragraph, anchor, text)


def _profile_url(tmp: str) -> str:
    return Path(tmp, "profile").resolve().as_uri()


def require_lo_tracking() -> tuple[str, str]:
    """(UNO-capable python, soffice): skip (fail under CI=true) when LibreOffice or
    python3-uno is missing."""
    return require_uno(), require_soffice()


def edit_with_tracking(
    docx_bytes: bytes,
    edits: list[Edit],
    *,
    author: str = "Concord Tester",
    initials: str = "CT",
) -> bytes:
    """Open ``docx_bytes`` in LibreOffice, record ``edits`` as tracked changes (and comments)
    by ``author``, and return the document saved as .docx."""
    return edit_many_with_tracking([(docx_bytes, edits)], author=author, initials=initials)[0]


def edit_many_with_tracking(
    jobs: list[tuple[bytes, list[Edit]]],
    *,
    author: str = "Concord Tester",
    initials: str = "CT",
) -> list[bytes]:
    """:func:`edit_with_tracking` for several documents with one LibreOffice run."""
    python, soffice = require_lo_tracking()
    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="concord-lotrack-") as tmp:
        spec = {"author": author, "initials": initials, "jobs": []}
        for i, (data, edits) in enumerate(jobs):
            src = Path(tmp, f"in{i:03d}.docx")
            src.write_bytes(data)
            spec["jobs"].append(
                {
                    "in": str(src),
                    "out": str(Path(tmp, f"out{i:03d}.docx")),
                    "edits": [asdict(e) for e in edits],
                }
            )
        Path(tmp, "spec.json").write_text(json.dumps(spec))
        script = Path(tmp, "lo_track_job.py")
        script.write_text(_UNO_SCRIPT)
        proc = subprocess.run(
            [python, str(script), soffice, _profile_url(tmp), str(Path(tmp, "spec.json"))],
            capture_output=True,
            timeout=TIMEOUT,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                "LibreOffice tracked editing failed:\n"
                f"{proc.stdout.decode(errors='replace')}\n{proc.stderr.decode(errors='replace')}"
            )
        return [Path(job["out"]).read_bytes() for job in spec["jobs"]]


# Runs under the UNO-capable interpreter (not the virtualenv): standard library + uno only.
_UNO_SCRIPT = UNO_PRELUDE + r'''
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

def now_utc():
    from com.sun.star.util import DateTime
    t = time.gmtime()
    return DateTime(0, t.tm_sec, t.tm_min, t.tm_hour, t.tm_mday, t.tm_mon, t.tm_year, True)

def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2

def set_user(ctx, author, initials):
    """The user name LibreOffice writes as the author of tracked changes."""
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
    given, _, family = author.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.setPropertyValue("initials", initials)
    access.commitChanges()

def top_paragraphs(doc):
    out = []
    enum = doc.Text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append(el)
    return out

def select(text, para, old):
    """A cursor selecting ``old`` in ``para`` (the whole paragraph when old is None)."""
    cursor = text.createTextCursorByRange(para.getStart())
    if old is None:
        cursor.gotoEndOfParagraph(True)
        return cursor
    content = para.getString()
    at = content.find(old)
    if at < 0:
        raise ValueError("text %r not found in paragraph %r" % (old, content))
    cursor.goRight(utf16_len(content[:at]), False)
    cursor.goRight(utf16_len(old), True)
    return cursor

def apply(doc, edits, author, initials):
    text = doc.Text
    paras = top_paragraphs(doc)
    resolved = [(e, paras[e["paragraph"]]) for e in edits]
    doc.RecordChanges = True
    for e, para in resolved:
        op = e["op"]
        if op == "replace":
            cursor = select(text, para, e["old"])
            cursor.setString(e["new"])
        elif op == "insert_after":
            cursor = text.createTextCursorByRange(para.getEnd())
            text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
            text.insertString(cursor, e["new"], False)
        elif op == "delete":
            index = paras.index(para)
            if index + 1 < len(paras):
                cursor = text.createTextCursorByRange(para.getStart())
                cursor.gotoRange(paras[index + 1].getStart(), True)
            elif index > 0:
                cursor = text.createTextCursorByRange(paras[index - 1].getEnd())
                cursor.gotoRange(para.getEnd(), True)
            else:
                cursor = select(text, para, None)
            cursor.setString("")
        elif op == "comment":
            cursor = select(text, para, e["old"])
            note = doc.createInstance("com.sun.star.text.textfield.Annotation")
            note.Author = author
            note.Initials = initials
            note.Content = e["new"]
            note.DateTimeValue = now_utc()
            text.insertTextContent(cursor, note, True)
        else:
            raise ValueError("unknown edit " + op)

soffice, profile, spec_path = sys.argv[1:4]
spec = json.load(open(spec_path))
proc, ctx = start_soffice(soffice, profile)
try:
    set_user(ctx, spec["author"], spec["initials"])
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    for job in spec["jobs"]:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["in"]), "_blank", 0,
                                           (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("could not load " + job["in"])
        try:
            apply(doc, job["edits"], spec["author"], spec["initials"])
            doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", "MS Word 2007 XML"),))
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
