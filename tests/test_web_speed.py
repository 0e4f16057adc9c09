"""The main pages on a negotiation-scale draft (1,200 clauses) render in reasonable server time.
A loose guard on a shared machine; the target (300 ms) is for `make bench`."""

from __future__ import annotations

import time

import pytest

from tests.test_web_pages import _login


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_pages_of_a_1200_clause_draft_are_quick(client, users, officer):
    from app.core.clauses.render import render_text
    from bench.compare_bench import build_document

    users.make("kaz@example.org", "delegate", state="KAZ")
    r = client.post("/api/v1/drafts", headers=officer, json={"text": render_text(build_document())})
    assert r.status_code == 201, r.text
    d = r.json()["id"]
    _login(client, "officer@example.org")
    times = {}
    for path in (f"/drafts/{d}", f"/drafts/{d}/proposals", f"/drafts/{d}/translate?lang=ru", "/"):
        client.get(path)
        t0 = time.perf_counter()
        page = client.get(path)
        times[path] = time.perf_counter() - t0
        assert page.status_code == 200, path
    print(times)
    page = client.get(f"/drafts/{d}/translate?lang=ru")
    assert page.text.count('class="tr-item') == 40 and "Clauses 1–40 of" in page.text  # a page at a time
    assert page.text.count('class="tr-item') == 40
    nxt = client.get(f"/drafts/{d}/translate?lang=ru&start=40")
    assert "Clauses 41–80 of" in nxt.text
    assert max(times.values()) < 3.0, times  # loose: the machine is shared; see make bench for the target
