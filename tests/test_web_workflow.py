"""Proposals and comparison in the web pages: a delegate proposes, the officer decides, anyone compares."""

from __future__ import annotations

import re

from app.models import Proposal
from tests.conftest import PASSWORD
from tests.test_web_pages import _etag


def _login(client, email):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_delegate_proposes_in_the_page_and_keeps_their_text_on_a_conflict(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    _login(flow.c, "kaz@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/proposals?propose={c11['key']}")  # the old address leads to the form
    assert page.status_code == 200 and "Propose a change to 1.1" in page.text and c11["text"] in page.text
    token = _csrf(page.text)
    r = flow.c.post(f"/drafts/{flow.d}/proposals", data={
        "csrf_token": token, "kind": "replace", "clause_key": c11["key"], "quoted_text": c11["text"],
        "proposed_text": c11["text"].replace("non-legally binding", "voluntary"), "rationale": "Clearer.",
        "action": "submit"}, follow_redirects=False)
    assert r.status_code == 303
    p = db.query(Proposal).one()
    assert p.status == "submitted" and p.source == "web" and p.state_iso3 == "KAZ"
    # the text moved on under the delegate's feet: the form comes back with their words kept
    mine = "My carefully negotiated wording that must not be lost."
    r = flow.c.post(f"/drafts/{flow.d}/proposals", data={
        "csrf_token": token, "kind": "replace", "clause_key": c11["key"], "quoted_text": "an outdated text",
        "proposed_text": mine, "rationale": "", "action": "submit"})
    assert r.status_code == 409 and mine in r.text and "quoted text does not match" in r.text
    assert db.query(Proposal).count() == 1
    # without the CSRF token nothing happens
    r = flow.c.post(f"/drafts/{flow.d}/proposals", data={"kind": "delete", "clause_key": c11["key"]},
                    headers={"accept": "text/html"})
    assert r.status_code == 403


def test_officer_decides_in_the_page_and_compares_versions(flow, db):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/proposals")
    assert "voluntary" in page.text and re.search(r"<del>(<span class=\"sr\">[^<]*</span>)?non-legally binding", page.text)
    r = flow.c.post(f"/proposals/{p['id']}/decide", data={"csrf_token": _csrf(page.text), "decision": "accepted",
                                                          "etag": _etag(page.text, p["id"]),
                                                          "reason": "Agreed by the SWG."}, follow_redirects=False)
    assert r.status_code == 303
    assert db.get(Proposal, p["id"]).status == "accepted"
    flow.consolidate()
    cmp = flow.c.get(f"/drafts/{flow.d}/compare?from=1&to=2&ui=ru")
    assert cmp.status_code == 200
    assert "Изменено" in cmp.text and "<ins" in cmp.text and "voluntary" in cmp.text
    side = flow.c.get(f"/drafts/{flow.d}/compare?from=1&to=2&view=side")
    assert "<table" in side.text
    assert flow.c.get(f"/drafts/{flow.d}/compare?from=x&to=2", headers={"accept": "text/html"}).status_code == 422
