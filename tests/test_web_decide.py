"""The decision form carries the proposal's ETag: a form opened before someone else decided is
refused (412), not a silent overwrite, and comes back with the officer's text and the current
state; changing a decision is an explicit act with its own reason (issue 13, issue 12 §4)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from app.models import AuditEvent, Proposal
from tests.test_web_pages import _csrf, _etag, _login

HTML = {"accept": "text/html"}


def _text(page) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page.text)))


def _submitted(flow):
    flow.open()
    c11 = flow.clause("1.1")
    return flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " Amended.")["id"]


def test_a_stale_decision_form_is_refused_and_keeps_the_text(flow, app, users, db):
    users.make("officer2@example.org", "secretariat")
    pid = _submitted(flow)
    _login(flow.c, "officer@example.org")
    with TestClient(app) as other:
        _login(other, "officer2@example.org")
        mine = flow.c.get(f"/drafts/{flow.d}/proposals", headers=HTML)
        theirs = other.get(f"/drafts/{flow.d}/proposals", headers=HTML)
        r = other.post(f"/proposals/{pid}/decide", headers=HTML, follow_redirects=False, data={
            "csrf_token": _csrf(theirs.text), "etag": _etag(theirs.text, pid), "decision": "rejected",
            "reason": "Out of scope."})
        assert r.status_code == 303
    events = db.query(AuditEvent).count()
    r = flow.c.post(f"/proposals/{pid}/decide?ui=ru", headers=HTML, data={
        "csrf_token": _csrf(mine.text), "etag": _etag(mine.text, pid), "decision": "accepted",
        "reason": "A reason that took a while to write."})
    assert r.status_code == 412
    text = _text(r)
    assert "С момента открытия формы это предложение изменил другой пользователь." in text
    assert "запишите его снова как изменение решения" in text
    assert "A reason that took a while to write." in r.text  # kept
    db.expire_all()
    assert db.get(Proposal, pid).status == "rejected" and db.query(AuditEvent).count() == events
    # the form shown again is the explicit change of the decision, against what is stored now
    form = re.search(rf'<form method="post" action="/proposals/{pid}/decide".*?</form>', r.text, re.S)[0]
    assert 'name="redecide" value="yes"' in form and "Out of scope." in form
    r = flow.c.post(f"/proposals/{pid}/decide", headers=HTML, follow_redirects=False, data={
        "csrf_token": _csrf(r.text), "etag": _etag(r.text, pid), "redecide": "yes", "decision": "accepted",
        "reason": "The working group changed its view."})
    assert r.status_code == 303
    db.expire_all()
    p = db.get(Proposal, pid)
    assert p.status == "accepted" and p.decision_reason == "The working group changed its view."
    last = db.query(AuditEvent).order_by(AuditEvent.id.desc()).first()
    assert last.action == "proposal.decide" and last.details["redecided_from"] == "rejected"


def test_a_decision_needs_the_etag_and_redeciding_needs_saying_so(flow, db):
    pid = _submitted(flow)
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/proposals", headers=HTML)
    r = flow.c.post(f"/proposals/{pid}/decide?ui=kk", headers=HTML, data={
        "csrf_token": _csrf(page.text), "decision": "accepted", "reason": "No ETag."})
    assert r.status_code == 428 and "No ETag." in r.text
    assert "If-Match" in _text(r) and "ETag" in _text(r)
    db.expire_all()
    assert db.get(Proposal, pid).status == "submitted"
    flow.decide(pid, "noted", reason="Noted.")
    page = flow.c.get(f"/drafts/{flow.d}/proposals?ui=en", headers=HTML)
    assert "Current decision: noted — Noted." in _text(page)
    r = flow.c.post(f"/proposals/{pid}/decide", headers=HTML, data={
        "csrf_token": _csrf(page.text), "etag": _etag(page.text, pid), "decision": "rejected", "reason": "Again."})
    assert r.status_code == 409 and "is already decided" in _text(r)
    db.expire_all()
    assert db.get(Proposal, pid).status == "noted"
