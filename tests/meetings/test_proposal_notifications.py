"""Notifications of the proposal window and of decisions on proposals (issue 10, item 6).

Opening, extending and closing a window (by the secretariat or by its deadline) tells every
delegate of the participating states; a decision on a proposal tells the delegates of the state
that made it and of its co-sponsors, no one else. Each reads it in their language; the e-mail
(local SMTP server on loopback) says it in en, ru and kk. No notification tells a delegation
anything about another state's proposals that were not submitted.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

from app.meetings import jobs
from tests.meetings.test_meetings import smtp_server  # noqa: F401  (the loopback SMTP fixture)


def _notes(flow, iso3, lang="en", event=None):
    r = flow.c.get("/api/v1/notifications", headers=flow.h[iso3], params={"lang": lang})
    assert r.status_code == 200, r.text
    return [n for n in r.json() if event is None or n["event"] == event]


def _deadline(**kw):
    return (datetime.now(UTC) + timedelta(**kw)).isoformat()


def test_window_opened_extended_closed_reach_every_participating_delegation_in_its_language(flow):
    flow.open()
    for iso3 in ("KAZ", "IND", "CHN"):
        [n] = _notes(flow, iso3, event="window.open")
        assert n["text"].startswith("“") and "(version 1) is open for proposals until" in n["text"]
        assert "(Asia/Almaty)" in n["text"]
    [ru] = _notes(flow, "IND", "ru", event="window.open")
    assert "Приём предложений по документу «" in ru["text"] and "(версия 1) открыт до" in ru["text"]
    [kk] = _notes(flow, "CHN", "kk", event="window.open")
    assert "(нұсқа 1) бойынша ұсыныстар" in kk["text"] and "дейін қабылданады" in kk["text"]
    r = flow.c.patch(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer, json={"deadline": _deadline(days=20)})
    assert r.status_code == 200, r.text
    [ext] = _notes(flow, "KAZ", event="window.extend")
    assert "is extended to" in ext["text"]
    assert "продлён до" in _notes(flow, "KAZ", "ru", event="window.extend")[0]["text"]
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/window/close", headers=flow.officer)
    assert r.status_code == 200, r.text
    assert [n["text"].endswith("(version 1) is closed.") for n in _notes(flow, "IND", event="window.close")] == [True]
    assert _notes(flow, "IND", "kk", event="window.close")[0]["text"].endswith("ұсыныстар қабылдау жабылды.")


def test_a_decision_tells_the_proposing_and_co_sponsoring_states_only(flow):
    flow.open()
    c = flow.clause("1.1")
    p = flow.propose("IND", kind="replace", clause_key=c["key"], proposed_text=c["text"] + " Amended.",
                     rationale="Clearer.")
    flow.act(p["id"], "invite", flow.h["IND"], states=["CHN"])
    flow.act(p["id"], "accept-invitation", flow.h["CHN"])
    flow.decide(p["id"], "rejected", reason="Not agreed.")
    [ind] = _notes(flow, "IND", event="proposal.decide")
    assert ind["text"].startswith(f"Proposal {p['id']} of India on “") and ind["text"].endswith("was rejected.")
    assert [n["text"] for n in _notes(flow, "CHN", event="proposal.decide")] == [ind["text"]]  # the co-sponsor
    assert _notes(flow, "KAZ", event="proposal.decide") == []  # not KAZ's proposal
    [ru] = _notes(flow, "IND", "ru", event="proposal.decide")
    assert ru["text"] == f"Предложение № {p['id']} (Индия) по документу «{ru['text'].split('«')[1].split('»')[0]}» отклонено."
    [kk] = _notes(flow, "CHN", "kk", event="proposal.decide")
    assert f"№ {p['id']} ұсыныс (Үндістан) қабылданбады." in kk["text"]
    flow.decide(p["id"], "accepted", reason="Agreed after all.", redecide=True)
    assert [n["text"].endswith("was accepted.") for n in _notes(flow, "IND", event="proposal.decide")][0]
    assert len(_notes(flow, "IND", event="proposal.decide")) == 2


def test_no_notification_reveals_another_states_unsubmitted_proposal(flow):
    flow.open()
    c = flow.clause("1.1")
    secret = "SECRET-WORDING-OF-KAZAKHSTAN"
    flow.propose("KAZ", submit=False, kind="replace", clause_key=c["key"], proposed_text=secret,
                 rationale="Not yet shared.")
    withdrawn = flow.propose("KAZ", submit=False, kind="delete", clause_key=c["key"], rationale="Thinking.")
    flow.act(withdrawn["id"], "withdraw", flow.h["KAZ"])
    shared = flow.propose("IND", kind="replace", clause_key=c["key"], proposed_text=c["text"] + " Shared.",
                          rationale="Clearer.")
    r = flow.c.patch(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer, json={"deadline": _deadline(days=9)})
    assert r.status_code == 200
    flow.decide(shared["id"], "noted", reason="Noted.")
    assert flow.c.post(f"/api/v1/drafts/{flow.d}/window/close", headers=flow.officer).status_code == 200
    for iso3 in ("IND", "CHN"):
        for lang in ("en", "ru", "kk"):
            notes = _notes(flow, iso3, lang)
            assert notes, iso3
            text = " ".join(n["text"] for n in notes)
            assert secret not in text
            named = {int(x) for x in re.findall(r"(?:Proposal|№) (\d+)", text)}
            assert named <= {shared["id"]}, (iso3, lang, text)
            assert "Kazakhstan" not in text and "Казахстан" not in text and "Қазақстан" not in text
    # KAZ is told of the window, not of IND's decided proposal
    assert {n["event"] for n in _notes(flow, "KAZ")} == {"window.open", "window.extend", "window.close"}


def test_the_deadline_closing_the_window_is_notified_once(flow, engine):
    r = flow.c.post(f"/api/v1/drafts/{flow.d}/window", headers=flow.officer, json={"deadline": _deadline(seconds=1)})
    assert r.status_code == 201, r.text
    time.sleep(max(0.0, (datetime.fromisoformat(r.json()["deadline"]) - datetime.now(UTC)).total_seconds()) + 0.2)
    assert jobs.tick(engine)[0][1] == "closed 1 window(s)"
    assert jobs.tick(engine) == []
    for iso3 in ("KAZ", "IND", "CHN"):
        assert len(_notes(flow, iso3, event="window.close")) == 1


def test_window_and_decision_mails_in_every_language(flow, engine, smtp_server, monkeypatch):  # noqa: F811
    from app.config import get_settings

    inbox, port = smtp_server
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", port)
    flow.open()
    done = jobs.tick(engine)
    assert sum(o.startswith("e-mailed to") for _, o in done) == 3
    assert sorted(r for rs, _ in inbox.messages for r in rs) == ["chn@example.org", "ind@example.org",
                                                                  "kaz@example.org"]
    import email
    from email import policy

    msg = email.message_from_string(inbox.messages[0][1], policy=policy.default)
    body = msg.get_content()
    assert body.startswith(msg["Subject"].rstrip("…")[:60])  # the subject: the English sentence
    assert "is open for proposals until" in body and "открыт до" in body and "дейін қабылданады" in body
    inbox.messages.clear()
    c = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c["key"], proposed_text=c["text"] + " Amended.",
                     rationale="Clearer.")
    flow.decide(p["id"], "accepted")
    jobs.tick(engine)
    assert [r for rs, _ in inbox.messages for r in rs] == ["kaz@example.org"]
    assert jobs.tick(engine) == []  # sent once


def test_each_recipient_reads_the_mail_first_in_the_language_they_logged_in_with(  # noqa: F811
        flow, engine, users, smtp_server, monkeypatch):  # noqa: F811
    """The KAZ delegate logged in in Russian, the CHN one in Kazakh, IND never said: Russian,
    Kazakh and the configured default (English) come first in their e-mails."""
    import email
    from email import policy

    from app.config import get_settings

    inbox, port = smtp_server
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", port)
    from tests.conftest import PASSWORD

    for email_addr, lang in (("kaz@example.org", "ru-RU,ru;q=0.9"), ("chn@example.org", "kk")):
        r = flow.c.post("/api/v1/auth/token", data={"username": email_addr, "password": PASSWORD},
                        headers={"Accept-Language": lang})
        assert r.status_code == 200, r.text
    flow.open()
    jobs.tick(engine)
    first = {}
    for rcpts, raw in inbox.messages:
        msg = email.message_from_string(raw, policy=policy.default)
        first[rcpts[0]] = msg.get_content().split("\n", 1)[0]
    assert "открыт до" in first["kaz@example.org"] and msg["Subject"]
    assert "дейін қабылданады" in first["chn@example.org"]
    assert "is open for proposals until" in first["ind@example.org"]
