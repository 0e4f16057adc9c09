"""Each user's daily work in Chromium, each in their own language: a delegate (RU) proposes a
rewording and an insertion, invites a co-sponsor and submits; the co-sponsor (KK) accepts; the
officer (EN) decides, consolidates from the page and downloads the redline; a translator (KK)
updates a stale clause; a form that loses a race keeps its text. Screenshots go to
test-artefacts/ (not committed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.models import Cosponsor, Proposal, Version
from tests.browser.test_pages_in_chromium import browser, live_server  # noqa: F401  (fixtures)
from tests.conftest import PASSWORD

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"


def _shot(page, name):
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=False)


def _go(page, selector):
    """Click and wait for the page that the form or link leads to."""
    with page.expect_navigation():
        page.click(selector)


def _login(browser, base, email, ui):  # noqa: F811
    ctx = browser.new_context(accept_downloads=True, locale={"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}[ui])
    page = ctx.new_page()
    page.goto(f"{base}/login?ui={ui}")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_amendment_round_in_three_languages(live_server, browser, flow, db, tmp_path):  # noqa: F811
    flow.open()
    c11, c12 = flow.clause("1.1"), flow.clause("1.2")
    base = live_server

    # the delegate of Kazakhstan, in Russian
    page = _login(browser, base, "kaz@example.org", "ru")
    assert page.locator("h1", has_text="Текущие задачи").count() == 1
    page.click("text=MEMORANDUM OF UNDERSTANDING")
    page.click("a.propose-link:text-is('Предложить изменение положения 1.1')")
    new = c11["text"].replace("non-legally binding", "voluntary")
    page.fill("#proposed_text", new)
    page.locator("#preview ins", has_text="voluntary").wait_for()  # the live preview
    _shot(page, "propose-ru")
    page.fill("#rationale", "Более ясная формулировка.")
    page.click("button[value=draft]")
    page.wait_for_url("**/proposals*")
    pid = db.query(Proposal).one().id
    page.click(f"#p{pid} .invite-box summary")
    page.check(f"#inv{pid}-IND")
    _go(page, f"#p{pid} form.invite button")
    _go(page, f"#p{pid} >> text=Внести предложение № {pid}")
    # an insertion after 1.2
    page.goto(f"{base}/drafts/{flow.d}/propose?clause={c12['key']}")
    page.check("#kind-insert_after")
    assert page.locator("#preview-h").is_hidden()  # only the fields of the chosen kind
    page.fill("#proposed_text", "The Parties shall meet once a year.")
    _go(page, "button[value=submit]")
    _shot(page, "proposals-ru")
    db.expire_all()
    ps = db.query(Proposal).order_by(Proposal.id).all()
    assert [(p.kind, p.status) for p in ps] == [("replace", "submitted"), ("insert", "submitted")]
    assert page.locator("h3", has_text="Включить новое положение после 1.2").count() == 1

    # the co-sponsor, India's delegate, in Kazakh
    page = _login(browser, base, "ind@example.org", "kk")
    page.click("section[aria-labelledby=due-inv] a")
    _go(page, f"text=№ {pid} ұсыныстың бірлескен авторы болу")
    assert db.get(Cosponsor, (pid, "IND")).status == "accepted"

    # the officer, in English: decide (no default), consolidate, download the redline
    page = _login(browser, base, "officer@example.org", "en")
    page.goto(f"{base}/drafts/{flow.d}/proposals")
    for p in ps:
        page.check(f"#d{p.id}-accepted")
        page.fill(f"#reason{p.id}", "Agreed by the working group.")
        _go(page, f"text=Record the decision on #{p.id}")
    _shot(page, "proposals-officer-en")
    page.click("text=Consolidate the next version")
    page.click("text=Preview the next version")
    page.locator("ins", has_text="voluntary").first.wait_for()
    _shot(page, "consolidate-en")
    page.fill("#label", "Second draft")
    page.click("text=Create version 2")
    page.wait_for_url("**/drafts/*?v=2*")
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 2
    _shot(page, "draft-v2-en")
    with page.expect_download() as info:
        page.click("text=Redline against version 1")
    path = tmp_path / "redline.docx"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    assert "<w:ins " in xml and "voluntary" in xml
    # the comparison of the whole text: next / previous change
    page.goto(f"{base}/drafts/{flow.d}/compare?from=1&to=2&only=all")
    page.click("#next-change")
    page.click("#next-change")
    assert page.text_content("#change-pos") == "2 / 2"
    assert page.evaluate("document.activeElement.textContent").count("The Parties shall meet once a year.") == 1
    _shot(page, "compare-en")

    # the delegate sees what became of the proposals
    page = _login(browser, base, "kaz@example.org", "ru")
    assert page.locator("section[aria-labelledby=due-mine] td", has_text="в версии 2").count() == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_translator_updates_a_stale_clause_and_a_form_keeps_its_text(live_server, browser, flow, users, db):  # noqa: F811
    users.make("tr@example.org", "translator")
    c11 = flow.clause("1.1")
    flow.c.put(f"/api/v1/drafts/{flow.d}/versions/1/clauses/{c11['key']}/translations/kk", headers=flow.officer,
               json={"text": "Ескі аударма.", "heading": ""})
    flow.open()
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"))
    flow.decide(p["id"])
    flow.consolidate()
    flow.open()
    base = live_server

    page = _login(browser, base, "tr@example.org", "kk")
    page.click("section[aria-labelledby=due-tr] a[href$='lang=kk']")
    item = page.locator(f"#t-{c11['key']}")
    assert item.locator("del").count() >= 1 and item.locator("ins", has_text="voluntary").count() == 1
    _shot(page, "translate-kk")
    item.locator("textarea").fill("Жаңартылған аударма.")
    item.locator("button").click()
    page.wait_for_url("**/translate?*")
    assert page.locator(f"#t-{c11['key']}").count() == 0
    assert page.locator("[role=status]", has_text="Сақталды.").count() == 1

    # a delegate types, the window closes meanwhile: the page comes back with the text
    page = _login(browser, base, "kaz@example.org", "en")
    c12 = flow.clause("1.2")
    page.goto(f"{base}/drafts/{flow.d}/propose?clause={c12['key']}")
    mine = "Wording that took an hour to agree inside the delegation."
    page.fill("#proposed_text", mine)
    page.fill("#rationale", "Do not lose me.")
    with page.expect_navigation():  # changing the clause keeps what was typed
        page.select_option("#clause_key", c11["key"])
    assert f"clause={c11['key']}" in page.url and page.input_value("#proposed_text") == mine
    flow.c.post(f"/api/v1/drafts/{flow.d}/window/close", headers=flow.officer)
    page.click("button[value=submit]")
    page.locator("[role=alert]").wait_for()
    assert page.input_value("#proposed_text") == mine and page.input_value("#rationale") == "Do not lose me."
    _shot(page, "race-kept-en")
