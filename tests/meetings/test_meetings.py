"""Meetings: visibility, convening note, returned for revision, window deadlines, what is due, e-mail."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from app.meetings import jobs

TEA = ("AGREEMENT ON TEA BETWEEN THE PARTIES\n\nWHEREAS the Parties consider that tea is good;\n\n"
       "Have agreed as follows:\n\nArticle 1\nTea\n\n1. The Parties shall drink tea together.\n")


def test_only_participants_see_meetings_decisions_and_notifications(path, users):
    users.make("rus@example.org", "delegate", state="RUS")
    rus = users.headers("rus@example.org")
    r = path.c.post("/api/v1/drafts", headers=path.officer, json={"text": TEA, "participants": ["KAZ"]})
    tea = r.json()["id"]
    m = path.post("/api/v1/meetings", {"body": "cica-swg", "starts_at": "2099-06-25T10:00:00", "place": "astana",
                                       "agenda": [{"draft_id": tea}]}, expect=201)
    assert m["starts_at"] == "2099-06-25T05:00:00+00:00" and m["timezone"] == "Asia/Almaty"  # read in Almaty
    path.post(f"/api/v1/meetings/{m['id']}/decisions", {"kind": "deferred", "draft_id": tea}, expect=201)
    assert path.get(f"/api/v1/meetings/{m['id']}", who=path.h["KAZ"])["decisions"][0]["kind"] == "deferred"
    path.get(f"/api/v1/meetings/{m['id']}", who=path.h["IND"], expect=404)  # India does not take part
    path.get(f"/api/v1/drafts/{tea}/decisions", who=path.h["IND"], expect=404)
    assert [x["id"] for x in path.get("/api/v1/meetings", who=path.h["IND"])] == []
    assert [x["id"] for x in path.get("/api/v1/meetings", who=path.h["KAZ"])] == [m["id"]]
    assert not any(x["kind"] == "meeting" for x in path.get("/api/v1/due", who=path.h["IND"]))
    kaz = [n["text"] for n in path.get("/api/v1/notifications", who=path.h["KAZ"])]
    assert any(t.startswith("A meeting of the CICA Special Working Group on") for t in kaz)
    kk = [n["text"] for n in path.get("/api/v1/notifications", who=path.h["KAZ"], lang="kk")]
    assert any(t.startswith("Азия Кеңесі Арнаулы жұмыс тобының") for t in kk)
    assert path.get("/api/v1/notifications", who=path.h["IND"]) == []
    assert path.get("/api/v1/notifications", who=rus) == []
    # the secretariat records attendance; a delegate may not
    r = path.c.put(f"/api/v1/meetings/{m['id']}/attendance", headers=path.h["KAZ"], json={"present": ["KAZ"]})
    assert r.status_code == 403
    r = path.c.put(f"/api/v1/meetings/{m['id']}/attendance", headers=path.officer, json={"present": ["XXX"]})
    assert r.status_code == 422


def test_bad_meetings_are_refused(path):
    base = {"body": "cica-swg", "starts_at": "2099-06-25T10:00:00", "place": "astana"}
    for change, words in (({"body": "nobody"}, "no body"), ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
                          ({"place": "atlantis"}, "place"), ({"place": None}, "online"),
                          ({"agenda": [{"draft_id": path.d, "version": 9}]}, "no version 9")):
        r = path.c.post("/api/v1/meetings", headers=path.officer, json={**base, **change})
        assert r.status_code == 422 and words in r.json()["detail"], r.text
    r = path.c.post("/api/v1/meetings", headers=path.h["KAZ"], json=base)
    assert r.status_code == 403
    online = path.post("/api/v1/meetings", {**base, "place": None, "online": True,
                                            "online_url": "https://meet.example.org/swg"}, expect=201)
    assert online["online"] and online["place"] is None


def test_convening_note_from_the_meeting(path):
    m = path.post("/api/v1/meetings", {"body": "cica-soc", "starts_at": "2024-06-27T10:00:00", "place": "almaty",
                                       "agenda": [{"draft_id": path.d}]}, expect=201)
    n = path.post(f"/api/v1/meetings/{m['id']}/convening-note", {"number": "NCT/CT/720", "date": "2024-06-12"},
                  expect=201)
    assert n["kind"] == "convening" and n["draft_id"] == path.d
    assert path.get(f"/api/v1/meetings/{m['id']}")["convening_note_id"] == n["id"]
    text = path.c.get(f"/api/v1/notes/{n['id']}", headers=path.officer, params={"lang": "en", "format": "text"}).text
    assert "27 June 2024" in text and "Almaty" in text
    ru = path.c.get(f"/api/v1/notes/{n['id']}", headers=path.officer, params={"lang": "ru", "format": "text"}).text
    assert "27 июня 2024 года" in ru
    r = path.c.post(f"/api/v1/meetings/{m['id']}/convening-note", headers=path.officer,
                    json={"number": "NCT/CT/721", "date": "2024-06-12"})
    assert r.status_code == 409


def test_returned_for_revision_reopens_the_window_on_a_new_version(path):
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "under_review"})
    m = path.meeting("cica-swg")
    r = path.decide(m["id"], "returned", expect=422)
    assert "instructions" in r["detail"]
    deadline = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    d = path.decide(m["id"], "returned", instructions="Align paragraph 2.1 with the UN Charter.",
                    deadline=deadline.isoformat())
    assert d["status_after"] == "returned"
    versions = path.get(f"/api/v1/drafts/{path.d}/versions")
    assert len(versions) == 2 and versions[-1]["label"].startswith("Returned for revision")
    assert versions[-1]["hash"] == versions[0]["hash"]  # the same text, a new version to amend
    window = path.get(f"/api/v1/drafts/{path.d}/window")
    assert window["open"] and window["version"] == 2 and window["deadline"] == deadline.isoformat()
    assert path.status() == "open"
    # the old version on the agenda cannot be approved now
    path.post(f"/api/v1/drafts/{path.d}/transition", {"to": "under_review"})
    r = path.decide(m["id"], "agreed_ad_referendum", expect=409)
    assert "version 2 is now current" in r["detail"]


def test_the_window_deadline_closes_it_by_itself(path, engine):
    r = path.c.post(f"/api/v1/drafts/{path.d}/window", headers=path.officer,
                    json={"deadline": (datetime.now(UTC) + timedelta(seconds=3)).isoformat()})
    assert r.status_code == 201 and path.status() == "open"
    due = path.get("/api/v1/due", who=path.h["CHN"])
    assert due[0]["kind"] == "window_closes" and due[0]["at_local"].endswith("(Asia/Almaty)")
    time.sleep(max(0.0, (datetime.fromisoformat(r.json()["deadline"]) - datetime.now(UTC)).total_seconds()) + 0.2)
    assert jobs.tick(engine)[0][1] == "closed 1 window(s)"
    assert jobs.tick(engine) == []  # exactly once
    assert path.status() == "under_review"
    assert path.get(f"/api/v1/drafts/{path.d}/window")["closed_at"] is not None
    [ev] = path.get("/api/v1/audit", action="window.close")["events"]
    assert ev["actor"] == "system" and ev["details"]["by"] == "deadline"


def test_what_is_due_meetings_ahead_and_agreements_expiring(path):
    path.meeting("cica-soc", days=5)
    path.post("/api/v1/meetings", {"body": "cica-swg", "starts_at": "2020-01-01T10:00:00", "place": "astana",
                                   "agenda": [{"draft_id": path.d}]}, expect=201)  # in the past: not due
    kinds = [x["kind"] for x in path.get("/api/v1/due", who=path.h["KAZ"])]
    assert kinds == ["meeting"]
    today = datetime.now(UTC).date()
    c = path.c.put(f"/api/v1/drafts/{path.d}/procedure", headers=path.officer, json={"term_years": 1,
                                                                                   "parties": ["A", "B"]})
    assert c.status_code == 200
    for step in ("under_review", "approved", "final"):
        path.post(f"/api/v1/drafts/{path.d}/transition", {"to": step})
    for party in ("A", "B"):
        path.post(f"/api/v1/drafts/{path.d}/signatures", {"party": party, "signed_on": today.isoformat(),
                                                          "place": "Astana", "signatory": "S", "title": "T"})
    due = path.get("/api/v1/due", who=path.h["IND"], lang="ru")
    assert [x["kind"] for x in due] == ["meeting", "agreement_expires"]
    exp = due[1]
    assert exp["expires_on"] == (today.replace(year=today.year + 1) - timedelta(days=1)).isoformat()
    assert exp["renewal_reminder_on"] < exp["termination_notice_by"] < exp["expires_on"]
    assert "(Asia/Almaty)" in exp["at_local"] and " г." not in exp["at_local"]


@pytest.fixture
def smtp_server(free_tcp_port):
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
            return "250 OK"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_tcp_port)  # loopback only
    controller.start()
    yield inbox, controller.port
    controller.stop()


def test_notifications_are_emailed_when_smtp_is_configured(path, engine, smtp_server, monkeypatch):
    from app.config import get_settings

    inbox, port = smtp_server
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", port)
    path.meeting("cica-soc", days=5)
    done = jobs.tick(engine)
    assert sum(o.startswith("e-mailed to") for _, o in done) == 3  # the delegates of KAZ, IND and CHN
    rcpts = sorted(r for rs, _ in inbox.messages for r in rs)
    assert rcpts == ["chn@example.org", "ind@example.org", "kaz@example.org"]
    assert "A meeting of the CICA Senior Officials Committee" in inbox.messages[0][1]
    assert jobs.tick(engine) == []  # sent once
    assert all(n["emailed_at"] for n in path.get("/api/v1/notifications", who=path.h["KAZ"]))


def test_no_email_by_default(path, engine):
    path.meeting("cica-soc", days=5)
    assert jobs.tick(engine) == []
    assert path.get("/api/v1/notifications", who=path.h["KAZ"])[0]["emailed_at"] is None


def test_a_renewal_reminder_before_the_agreement_expires(path, engine):
    today = datetime.now(UTC).date()
    signed = today.replace(year=today.year - 1) + timedelta(days=40)  # a one-year term ending in ~40 days
    path.c.put(f"/api/v1/drafts/{path.d}/procedure", headers=path.officer,
               json={"term_years": 1, "reminder_days": 60, "parties": ["A", "B"]})
    for step in ("under_review", "approved", "final"):
        path.post(f"/api/v1/drafts/{path.d}/transition", {"to": step})
    for party in ("A", "B"):
        s = path.post(f"/api/v1/drafts/{path.d}/signatures", {"party": party, "signed_on": signed.isoformat(),
                                                              "place": "Astana", "signatory": "S", "title": "T"})
    assert s["status"] == "in_force"
    done = [o for _, o in jobs.tick(engine)]
    assert done == ["reminded 3 delegate(s)"]  # the reminder date has come: the worker reminds, once
    assert jobs.tick(engine) == []
    [en] = [n["text"] for n in path.get("/api/v1/notifications", who=path.h["KAZ"])
            if n["event"] == "agreement.renewal"]
    expires = date.fromisoformat(s["expires_on"])
    assert f"expires on {expires.day} " in en and "a notice of termination is due by" in en
    [kk] = [n["text"] for n in path.get("/api/v1/notifications", who=path.h["KAZ"], lang="kk")
            if n["event"] == "agreement.renewal"]
    assert "дейін жіберілуі тиіс" in kk and f"{expires.year} жылғы" in kk
