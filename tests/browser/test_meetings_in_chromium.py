"""The approval path in Chromium: a secretariat officer (EN) adds a body, convenes a meeting with
the draft on its agenda, records the attendance, is refused a step out of order (the message
names the missing step, the typed instructions kept), records the working group's decision,
circulates the text under silence and sets the treaty's entry into force, term and parties; a delegate (RU) breaks the silence with an objection.
Screenshots go to test-artefacts/ (not committed)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.meetings.demo import CICA_STEPS
from app.models import Draft, Meeting, MeetingDecision, SilenceProcedure
from tests.browser.test_daily_work_in_chromium import _go, _login, _shot
from tests.browser.test_pages_in_chromium import browser, live_server  # noqa: F401  (fixtures)
from tests.meetings.conftest import name_forms  # noqa: F401  (fixture)


@pytest.fixture
def sample_text(sample_text):
    """As it would be approved: the title block without the word DRAFT (see tests/meetings/conftest.py)."""
    return sample_text.replace("**DRAFT\nMEMORANDUM", "**MEMORANDUM", 1)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_officer_takes_the_draft_through_a_meeting_and_a_delegate_breaks_silence(  # noqa: F811
        live_server, browser, flow, name_forms, db):  # noqa: F811
    r = flow.c.put(f"/api/v1/drafts/{flow.d}/procedure", headers=flow.officer, json={"steps": CICA_STEPS})
    assert r.status_code == 200, r.text
    base = live_server
    when = (datetime.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")

    page = _login(browser, base, "officer@example.org", "en")
    _go(page, "text=Meetings")
    for key in ("cica-swg", "cica-soc"):
        page.fill("#b-key", key)
        _go(page, "text=Add the body")
    page.select_option("#m-body", "cica-swg")
    page.fill("#m-title", "Second reading of the MoU")
    page.fill("#m-starts", when)
    page.select_option("#m-place", "astana")
    page.select_option("#m-draft", str(flow.d))
    page.check("#m-comp")
    _go(page, "text=Convene the meeting")
    assert page.locator("h1", has_text="CICA Special Working Group").count() == 1
    m = db.query(Meeting).one()
    assert page.url.startswith(f"{base}/meetings/{m.id}")
    page.click("#attendance summary")
    page.check("#att-KAZ")
    page.check("#att-IND")
    _go(page, "text=Record the attendance")
    assert page.locator("#attendance p", has_text="Kazakhstan").count() == 1

    # approval before the working group's agreement: refused, naming the missing step; text kept
    page.check("#dec-approved")
    page.fill("#dec-instructions", "Approve the text as it stands.")
    _go(page, "text=Record the decision")
    alert = page.locator("#decisions [role=alert]")
    assert "the step “agreed ad referendum” (CICA Special Working Group) must come first" in alert.text_content()
    assert page.input_value("#dec-instructions") == "Approve the text as it stands."
    _shot(page, "meeting-refused-en")
    assert db.query(MeetingDecision).count() == 0
    page.check("#dec-agreed_ad_referendum")
    _go(page, "text=Record the decision")
    db.expire_all()
    assert db.get(Draft, flow.d).status == "agreed_ad_referendum"
    assert page.locator("#decisions td:text-is('Agreed ad referendum')").count() == 1
    _shot(page, "meeting-en")

    # the draft page shows the progress; the approval page circulates the text under silence
    page.goto(f"{base}/drafts/{flow.d}")
    progress = page.text_content("#agreement-progress")
    assert progress.split(" of ")[0].strip() == progress.split(" of ")[1].split()[0]  # all agreed
    _go(page, "text=Meetings, approval and signature")
    page.fill("#sil-deadline", when)
    page.select_option("#sil-step", "approved")
    _go(page, "text=Circulate version 1 under silence")
    assert db.query(SilenceProcedure).one().status == "running"
    _shot(page, "approval-en")

    # the treaty's terms: the notification rule without its days is refused, what was typed kept; then saved
    page.click("#terms summary")
    page.check("#rule-days_after_last_notification")
    page.fill("#t-days", "0")
    page.fill("#t-term", "10")
    page.fill("#t-parties", "Republic of Kazakhstan\nUnited Nations Office of Counter-Terrorism")
    _go(page, "text=Save the entry into force, term and parties")
    alert = page.locator("#terms [role=alert]")
    assert "needs that number of days (1 or more)" in alert.text_content()
    assert page.input_value("#t-term") == "10" and page.is_checked("#rule-days_after_last_notification")
    assert page.input_value("#t-parties") == "Republic of Kazakhstan\nUnited Nations Office of Counter-Terrorism"
    page.fill("#t-days", "30")
    _go(page, "text=Save the entry into force, term and parties")
    assert page.locator("#signatures dd", has_text="10 years").count() == 1
    assert page.locator("#signatures dd", has_text="30 days after the last notification").count() == 1
    assert page.locator("#signatures dd", has_text="Republic of Kazakhstan; United Nations Office").count() == 1
    _shot(page, "approval-terms-en")

    # the delegate of Kazakhstan, in Russian, breaks the silence
    page = _login(browser, base, "kaz@example.org", "ru")
    page.goto(f"{base}/drafts/{flow.d}/approval")
    assert page.locator("form[action$='/approval/silence']").count() == 0  # no secretariat forms
    page.fill("#obj-reason", "Пункт 2.3 требует дальнейшего обсуждения.")
    _go(page, "text=Нарушить молчание")
    db.expire_all()
    assert db.query(SilenceProcedure).one().status == "broken"
    assert page.locator("#silence li", has_text="Пункт 2.3 требует дальнейшего обсуждения.").count() == 1
    assert page.locator("#silence .badge", has_text="нарушена").count() == 1
    _shot(page, "approval-silence-broken-ru")
    page.goto(f"{base}/meetings/{m.id}")
    assert page.locator("h1", has_text="Специальная рабочая группа СВМДА").count() == 1
    assert page.locator("form").count() == 1  # only the log-out form: delegates read, they do not record


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_approval_pages_have_no_serious_accessibility_violation(live_server, browser, flow, name_forms, db):  # noqa: F811
    from tests.browser.test_accessibility import _violations

    o = flow.officer
    for key, rank in (("cica-swg", 1), ("cica-soc", 2)):
        assert flow.c.post("/api/v1/bodies", headers=o, json={"key": key, "rank": rank}).status_code == 201
    starts = (datetime.now() + timedelta(days=3)).isoformat(timespec="minutes")
    m = flow.c.post("/api/v1/meetings", headers=o, json={
        "body": "cica-swg", "starts_at": starts, "place": "astana",
        "agenda": [{"draft_id": flow.d, "with_compilation": True}]}).json()
    c12 = flow.clause("1.2")
    word = c12["text"].split()[3]
    r = flow.c.post(f"/api/v1/meetings/{m['id']}/brackets", headers=o, json={
        "draft_id": flow.d, "clause_key": c12["key"], "text": word,
        "alternatives": [{"text": word, "states": ["KAZ"]}, {"text": "should", "states": ["IND"]}]})
    assert r.status_code == 201, r.text
    found = {}
    page = _login(browser, live_server, "officer@example.org", "en")
    for path in ("/meetings", f"/meetings/{m['id']}", f"/drafts/{flow.d}/approval", "/drafts/import",
                 f"/drafts/{flow.d}"):
        page.goto(live_server + path)
        found[path] = _violations(page)
    _shot(page, "draft-agreement-en")
    page = _login(browser, live_server, "kaz@example.org", "kk")
    for path in (f"/meetings/{m['id']}", f"/drafts/{flow.d}/approval"):
        page.goto(live_server + path)
        found["kk " + path] = _violations(page)
    assert not {k: v for k, v in found.items() if v}
