"""Importing proposals from Word: the whole generated draft (about 1,200 clauses) exported as
signature.docx, with 100 tracked changes written into it.

The document is built here, deterministically: ``generate_draft(seed=0)`` parsed by
``parse_text``, exported by ``signature_docx``, then 100 revisions are written into the body
with lxml (``w:ins``/``w:del`` inside 60 paragraphs, 20 paragraphs inserted and 20 deleted,
with paragraph-mark revisions). Rows:

- the import pipeline without the database: ``read_revisions`` (stage 1), matching and
  planning (stages 2-4), and both together — the target is ≤ 1 s;
- the same on the delegation's own copy (bookmarks removed: every paragraph matched by text);
- the whole import with the database writes (100 draft proposals and their audit events
  through ``create_proposal``, SQLite, rolled back after each run);
- beside it, the naive way: python-docx ``paragraph.text``, which drops tracked text.

``run()`` returns rows (name, median ms, note); ``python -m bench.docx_import_bench`` prints them.
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import etree

from bench.timing import median_ms

CHANGES = 100
REPLACED, INSERTED, DELETED = 60, 20, 20
AUTHOR = "Kazakhstan Delegation"


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml")


def _with_document_xml(data: bytes, xml: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            out.writestr(info, xml if info.filename == "word/document.xml" else src.read(info))
    return buf.getvalue()


def _neighbours(index, key: str) -> list[str]:
    """The clauses next to ``key`` (an insertion after it lands beside them)."""
    keys = list(index)
    i = keys.index(key)
    return keys[max(i - 1, 0):i + 2]


def inject_tracked_changes(data: bytes, doc, *, seed: int = 0, author: str = AUTHOR,
                           avoid: set[str] | None = None) -> tuple[bytes, dict[str, int]]:
    """Write ``CHANGES`` tracked changes into an exported signature.docx of ``doc``: word
    replacements in 60 clause paragraphs, 20 new paragraphs after clause paragraphs, 20 leaf
    clauses deleted, by ``author``, on clauses not in ``avoid`` (the keys chosen are added to
    it). Returns the new .docx and the count of each kind."""
    from app.core.word import ooxml as ox

    root = etree.fromstring(_document_xml(data))
    body = root.find(ox.W_BODY)
    rev = ox.Rev(author, "2024-06-20T10:00:00Z")
    ids = ox.IdAllocator(50_000)
    index = doc.index()
    by_key: dict[str, etree._Element] = {}
    for p in body.iter(ox.W_P):
        for bm in p.iter(ox.W_BOOKMARK_START):
            name = bm.get(ox.W_NAME) or ""
            if name.startswith("cl_") and name[3:] in index:
                by_key.setdefault(name[3:], p)
    rng = random.Random(seed)
    leaves = [k for k, p in by_key.items() if not index[k].children and index[k].text and p.getparent() is body
              and index[k].kind in ("paragraph", "item")]
    if avoid is not None:
        leaves = [k for k in leaves if k not in avoid]
    chosen = rng.sample(leaves, CHANGES)
    if avoid is not None:
        avoid.update(chosen)
        avoid.update(k for c in chosen for k in _neighbours(index, c))
    counts = {"replace": 0, "insert": 0, "delete": 0}
    for n, key in enumerate(chosen):
        p = by_key[key]
        if n < REPLACED:
            # the last w:t of the paragraph holds the clause text: replace one of its words
            t = [x for x in p.iter(ox.W_T)][-1]
            words = list(re.finditer(r"[A-Za-z]{4,}", t.text))
            m = words[rng.randrange(len(words))]
            r = t.getparent()
            before, old, after = t.text[: m.start()], m.group(), t.text[m.end():]
            t.text = before
            t.set(ox.XML_SPACE, "preserve")
            at = p.index(r) + 1
            dl = ox.revision(p, ox.DEL, rev, ids)
            ox.run(dl, old, deleted=True)
            ins = ox.revision(p, ox.INS, rev, ids)
            ox.run(ins, old.upper())
            tail = etree.SubElement(p, ox.W_R)
            ox._fill_run(tail, after, False)
            for el in (dl, ins, tail):
                p.insert(at, el)
                at += 1
            counts["replace"] += 1
        elif n < REPLACED + INSERTED:
            new = ox.paragraph(body, mark=(ox.INS, rev, ids), index=body.index(p) + 1)
            ox.revised_run(new, ox.INS, f"The Participants will also consider proposal {n}.", rev, ids)
            counts["insert"] += 1
        else:
            runs = [r for r in p if r.tag == ox.W_R]
            box = etree.Element(ox.W_DEL, {ox.W_ID: ids(), ox.W_AUTHOR: rev.author, ox.W_DATE: rev.date})
            runs[0].addprevious(box)
            for r in runs:
                for t in r.iter(ox.W_T):
                    t.tag = ox.W_DEL_TEXT
                box.append(r)
            ox.mark_paragraph(p, ox.DEL, rev, ids)
            counts["delete"] += 1
    return _with_document_xml(data, etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                   standalone=True)), counts


def without_bookmarks(data: bytes) -> bytes:
    """The same document as the delegation's own copy: no ``cl_<key>`` bookmarks."""
    from app.core.word import ooxml as ox

    root = etree.fromstring(_document_xml(data))
    for el in list(root.iter(ox.W_BOOKMARK_START, ox.W_BOOKMARK_END)):
        el.getparent().remove(el)
    return _with_document_xml(data, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _python_docx_text(data: bytes) -> list[str]:
    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def run() -> list[tuple[str, float, str]]:
    from app.core.clauses.parse import parse_text
    from app.core.word.exports import signature_docx
    from app.core.word.tracked import read_revisions
    from app.proposals.docx_import import plan
    from bench.generate import generate_draft

    text = generate_draft(seed=0)
    doc = parse_text(text)
    exported = signature_docx(doc, title="Generated agreement", version_label="Version 1", final=False,
                              text_hash=None)
    data, counts = inject_tracked_changes(exported, doc)
    own = without_bookmarks(data)
    revs = read_revisions(data)
    result = plan(revs, doc, version=1)
    own_result = plan(read_revisions(own), doc, version=1)
    made = {k: sum(1 for x in result.planned if x.proposal.kind == k) for k in ("replace", "insert", "delete")}
    assert made == counts and not result.skipped, (made, counts, result.skipped[:3])
    own_made = len(own_result.planned)
    size = (f"{len(doc)} clauses, {len(revs)} paragraphs, {CHANGES} tracked changes "
            f"({counts['replace']} replace, {counts['insert']} insert, {counts['delete']} delete), "
            f"{len(data) // 1024} KB")
    lost = sum(1 for r, t in zip([r for r in revs if r.table is None], _python_docx_text(data), strict=False)
               if t not in (r.old_text, r.new_text))
    rows = [
        ("docx import: read_revisions (stage 1)", median_ms(lambda: read_revisions(data)), size),
        ("docx import: match + plan (stages 2-4, keyed export)",
         median_ms(lambda: plan(revs, doc, version=1)), f"{len(result.planned)} proposals, 0 skipped"),
        ("docx import: read + match + plan, Concord's export",
         median_ms(lambda: plan(read_revisions(data), doc, version=1)), "target ≤ 1000 ms"),
        ("docx import: read + match + plan, own copy (matched by text)",
         median_ms(lambda: plan(read_revisions(own), doc, version=1)),
         f"no bookmarks: {own_made} proposals, {len(own_result.skipped)} skipped; target ≤ 1000 ms"),
        ("docx import: naive python-docx paragraph.text", median_ms(lambda: _python_docx_text(data)),
         f"loses tracked text: {lost} paragraphs read as neither version"),
    ]
    rows += _with_database(text)
    return rows


def _with_database(text: str) -> list[tuple[str, float, str]]:
    """The whole service call (read, plan, validate, 100 × create_proposal with audit events) on
    SQLite; each run rolled back."""
    from app.accounts.service import create_user, ensure_member_states
    from app.core.word.exports import signature_docx
    from app.db import make_engine, session_factory, transaction
    from app.drafts import repository as drafts_repo
    from app.drafts.service import create_draft, load_document
    from app.migrate import upgrade
    from app.models import Draft, User
    from app.proposals import docx_import
    from app.proposals.service import open_window

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        with transaction(engine) as s:
            ensure_member_states(s)
            officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
            create_user(s, "kaz@bench.org", "benchmark-pass", "delegate", state="KAZ")
            draft, v1 = create_draft(s, officer, text=text, source_name="bench")
            open_window(s, officer, draft.id, datetime.now(UTC) + timedelta(days=30))
            doc = load_document(s, v1)
            draft_id = draft.id
        exported = signature_docx(doc, title="Generated agreement", version_label="Version 1", final=False,
                                  text_hash=None)
        data, _counts = inject_tracked_changes(exported, doc)
        made = []

        def once():
            s = session_factory(engine)()
            try:
                user = s.query(User).filter_by(email="kaz@bench.org").one()
                d = docx_import.authorize(s, user, draft_id)
                assert drafts_repo.max_version_number(s, d.id) == 1 and isinstance(d, Draft)
                made.append(len(docx_import.import_docx(s, user, d, data).created))
            finally:
                s.rollback()
                s.close()

        ms = median_ms(once, runs=5)
        engine.dispose()
    return [
        ("docx import: whole request path with DB writes (SQLite)", ms,
         f"{made[-1]} draft proposals + audit events, rolled back; the version is loaded once; "
         "target ≤ 1000 ms"),
    ]

if __name__ == "__main__":
    for name, ms, note in run():
        print(f"{name:64s} {ms:8.1f} ms  {note}")
