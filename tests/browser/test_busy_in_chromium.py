"""A long operation does not look frozen: once the import form is sent, it says the work is under
way with the seconds elapsed (in the page's language), and a second click sends nothing twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_daily_work_in_chromium import _go, _login
from tests.browser.test_pages_in_chromium import browser, live_server  # noqa: F401  (fixtures)

SAMPLE = Path(__file__).resolve().parents[2] / "drafts" / "cica-unoct-mou-2024.md"

# counts the submissions that would really leave the page, and keeps the page where it is, so
# that the test can read it as a user waiting for the answer sees it
WATCH = """() => { window.__sent = 0; document.addEventListener('submit', (ev) => {
  if (!ev.defaultPrevented) window.__sent += 1; ev.preventDefault(); }); }"""


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_import_form_shows_it_is_working_and_is_sent_once(live_server, browser, officer):  # noqa: F811
    page = _login(browser, live_server, "officer@example.org", "ru")
    page.set_default_timeout(10000)
    page.goto(f"{live_server}/drafts/import")
    page.evaluate(WATCH)
    page.set_input_files("#imp-file", str(SAMPLE))
    button = page.locator("form[data-busy] button[type=submit]").first
    button.click()
    status = page.locator("form[data-busy] .busy-status")
    assert "Идет обработка" in status.text_content() and "прошло 0 с" in status.text_content()
    assert page.locator("form[data-busy][aria-busy=true]").count() == 1
    page.wait_for_timeout(1300)
    assert "прошло 1 с" in status.text_content() or "прошло 2 с" in status.text_content()
    button.click()  # impatient
    assert page.evaluate("() => window.__sent") == 1  # nothing sent a second time
    # and for real: the preview comes back
    page.goto(f"{live_server}/drafts/import")
    page.set_input_files("#imp-file", str(SAMPLE))
    _go(page, "form[data-busy] button[type=submit]")
    assert page.locator("h2", has_text="2.").count() >= 1
    page.context.close()
