"""Word through the API on the negotiation-scale corpus (the generated 1,200-clause draft).

Rows, each beside a naive way measured in the same run:

- **upload** of a delegation's .docx with 100 tracked changes (Concord's signature copy edited:
  60 words replaced, 20 paragraphs inserted, 20 deleted) as proposals, and of the same kind of
  file carrying 100 more changes by another delegation (only the uploader's become proposals): ``POST
  /api/v1/drafts/{id}/proposals/import`` through the in-process ASGI client and through real
  HTTP (``concord serve`` in a subprocess); each run on a fresh copy of the draft, so every run
  really stores its 100 proposals. Beside it: python-docx ``paragraph.text``, which reads the
  same file in less time but loses the tracked text (paragraphs read as neither version).
- **export** of the signature copy (with agreement marks: half the paragraphs agreed ad
  referendum, brackets on 20) and of the compilation (300 submitted proposals) through the
  API, in-process and over HTTP. Beside them: the same documents built with python-docx's
  paragraph/table API.

``run()`` returns rows (name, median ms, note); ``python -m bench.word_api_bench`` prints them.
"""

from __future__ import annotations

import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bench.httpserver import Server
from bench.timing import median_ms

RUNS = 3
PROPOSALS = 300
BRACKETS = 20
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def naive_compilation_docx(rows) -> bytes:
    """The compilation table through python-docx's table API (cell.text), for comparison."""
    import docx

    out = docx.Document()
    table = out.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ("No.", "Current text", "Proposed by", "Proposal", "Rationale"),
                          strict=True):
        cell.text = text
    for number, current, proposals in rows:
        for state, text, rationale in proposals:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text, cells[3].text, cells[4].text = (
                number, current, state, text, rationale)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _python_docx_text(data: bytes) -> list[str]:
    import docx

    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def run() -> list[tuple[str, float, str]]:
    from fastapi.testclient import TestClient

    from app.accounts.service import create_user, ensure_member_states, open_session
    from app.core.word.exports import signature_docx
    from app.core.word.tracked import read_revisions
    from app.db import make_engine, transaction
    from app.drafts.service import create_draft, load_document
    from app.main import create_app
    from app.meetings.service import counted
    from app.migrate import upgrade
    from app.models import Bracket, ClauseAgreement
    from app.proposals import service
    from bench.docx_import_bench import inject_tracked_changes
    from bench.generate import generate_draft
    from bench.word_bench import naive_signature_docx

    text = generate_draft(seed=0)
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        with transaction(engine) as s:
            ensure_member_states(s)
            officer = create_user(s, "officer@bench.org", "benchmark-pass", "secretariat")
            kaz = create_user(s, "kaz@bench.org", "benchmark-pass", "delegate", state="KAZ")
            ind = create_user(s, "ind@bench.org", "benchmark-pass", "delegate", state="IND")
            drafts = []
            for n in range(1 + 3 * RUNS):  # one for the exports, one per upload run
                draft, v1 = create_draft(s, officer, text=text, source_name=f"bench-{n}")
                service.open_window(s, officer, draft.id, datetime.now(UTC) + timedelta(days=30))
                drafts.append(draft.id)
            doc = load_document(s, v1)
            tokens = {who: open_session(s, u, "bearer")[0] for who, u in (("officer", officer), ("kaz", kaz))}
            export_id = drafts[0]
            leaves = [c for c in doc.walk() if c.kind in ("paragraph", "item") and c.text]
            for n in range(PROPOSALS):
                c = leaves[(n * 7) % len(leaves)]
                service.create_proposal(s, ind, export_id, service.NewProposal(
                    kind="replace", clause_key=c.key, proposed_text=c.text + " As amended.", submit=True,
                    rationale="bench"))
            # the meetings' record: half the paragraphs agreed ad referendum, brackets on some others
            countable = [c for c in doc.walk() if counted(c)]
            for c in countable[: len(countable) // 2]:
                s.add(ClauseAgreement(draft_id=export_id, clause_key=c.key, version_number=1,
                                      content_hash=c.content_hash(), status="agreed"))
            for c in countable[len(countable) // 2:][:BRACKETS]:
                word = c.text.split()[1]
                s.add(Bracket(draft_id=export_id, clause_key=c.key, version_number=1, bracketed_text=word,
                              alternatives=[{"label": "Alt 1", "text": word, "states": ["KAZ"]},
                                            {"label": "Alt 2", "text": word.upper(), "states": ["IND"]}]))
        exported = signature_docx(doc, title="Generated agreement", version_label="Version 1", final=False,
                                  text_hash=None)
        upload, counts = inject_tracked_changes(exported, doc)
        # the file a delegation sends back after another delegation edited it first: 100 changes by
        # India, then 100 of Kazakhstan's own (on other clauses); only Kazakhstan's become proposals
        taken: set[str] = set()
        by_india, _ = inject_tracked_changes(exported, doc, seed=1, author="India", avoid=taken)
        mixed, _ = inject_tracked_changes(by_india, doc, seed=2, avoid=taken)
        revs = read_revisions(upload)
        lost = sum(1 for r, t in zip([r for r in revs if r.table is None], _python_docx_text(upload), strict=False)
                   if t not in (r.old_text, r.new_text))
        hk = {"Authorization": f"Bearer {tokens['kaz']}"}
        ho = {"Authorization": f"Bearer {tokens['officer']}"}
        size = (f"{len(doc)} clauses, {sum(counts.values())} tracked changes, {len(upload) // 1024} KB")

        def uploader(client, ids: list[int], data: bytes = upload):
            queue = list(ids)
            made: list[int] = []
            left_out: list[int] = []

            def once():
                d = queue.pop(0)
                r = client.post(f"/api/v1/drafts/{d}/proposals/import", headers=hk,
                                files={"file": ("edited.docx", data, DOCX)})
                assert r.status_code == 201, r.text
                made.append(len(r.json()["created"]))
                left_out.append(len(r.json().get("excluded", [])))
            return once, made, left_out

        def exporter(client, kind: str):
            def once():
                r = client.get(f"/api/v1/drafts/{export_id}/export/{kind}.docx", headers=ho)
                assert r.status_code == 200, r.text
                return r.content
            return once

        local = drafts[1:1 + RUNS]
        remote = drafts[1 + RUNS:1 + 2 * RUNS]
        mixed_ids = drafts[1 + 2 * RUNS:]
        with TestClient(create_app(engine)) as client:
            once, made, _ = uploader(client, local)
            ms = median_ms(once, runs=RUNS, warmup=0)  # each run stores its proposals on a draft of its own
            rows.append(("Word upload: 100-change .docx as proposals, API (in-process client)", ms,
                         f"{size}; {made[-1]} proposals stored a run; target ≤ 2000 ms"))
            once, made, left_out = uploader(client, mixed_ids, mixed)
            ms = median_ms(once, runs=RUNS, warmup=0)
            rows.append(("Word upload: 100 own + 100 other delegation's changes, API (in-process)", ms,
                         f"{made[-1]} proposals stored a run, {left_out[-1]} changes left out as India's; "
                         "target ≤ 2000 ms, 100 proposals"))
            sig = exporter(client, "signature")
            comp = exporter(client, "compilation")
            rows.append(("Word export: signature copy with agreement marks, API (in-process)", median_ms(sig, runs=RUNS),
                         f"{len(doc)} clauses, {len(countable) // 2} agreed, {BRACKETS} bracketed; "
                         f"{len(sig()) // 1024} KiB; target ≤ 1500 ms"))
            rows.append(("Word export: compilation, API (in-process)", median_ms(comp, runs=RUNS),
                         f"{PROPOSALS} proposals; {len(comp()) // 1024} KiB; target ≤ 1500 ms"))
        with Server(url) as srv, httpx.Client(base_url=srv.base, timeout=120) as http:
            once, made, _ = uploader(http, remote)
            rows.append(("Word upload: 100-change .docx as proposals, API (real HTTP)",
                         median_ms(once, runs=RUNS, warmup=0),
                         f"{made[-1]} proposals stored a run; target ≤ 2000 ms"))
            rows.append(("Word export: signature copy with agreement marks, API (real HTTP)",
                         median_ms(exporter(http, "signature"), runs=RUNS), "target ≤ 1500 ms"))
            rows.append(("Word export: compilation, API (real HTTP)", median_ms(exporter(http, "compilation"), runs=RUNS),
                         "target ≤ 1500 ms"))
        engine.dispose()
    # beside them, the naive ways, same run
    rows.append(("  naive upload read: python-docx paragraph.text of the same file",
                 median_ms(lambda: _python_docx_text(upload), runs=RUNS),
                 f"loses tracked text: {lost} paragraphs read as neither version, 0 proposals"))
    rows.append(("  core only: read_revisions of the same file", median_ms(lambda: read_revisions(upload), runs=RUNS),
                 "the tracked text kept"))
    rows.append(("  naive export: signature built with python-docx paragraphs",
                 median_ms(lambda: naive_signature_docx(doc), runs=RUNS), "no bookmarks, no marks, no table"))
    comp_rows = []
    by_key: dict[str, int] = {}
    for n in range(PROPOSALS):
        c = leaves[(n * 7) % len(leaves)]
        by_key[c.key] = by_key.get(c.key, 0) + 1
    for c in leaves:
        if by_key.get(c.key):
            comp_rows.append((c.number, c.text, [("India", c.text + " As amended.", "bench")] * by_key[c.key]))
    rows.append(("  naive export: compilation built with python-docx table cells",
                 median_ms(lambda: naive_compilation_docx(comp_rows), runs=RUNS),
                 "cell.text, no tracked changes, no merged cells"))
    return rows


if __name__ == "__main__":
    for name, ms, note in run():
        print(f"{name:70s} {ms:8.1f} ms  {note}")
