"""Real pages in a real browser: Debian's Chromium driven by Playwright against a live server."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
import uvicorn

from tests.conftest import PASSWORD, need

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def live_server(app):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture
def browser():
    need(CHROMIUM is not None, "browser tests need Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_delegate_logs_in_and_reads_the_draft_in_russian(live_server, browser, users, cica_draft, tmp_path):
    users.make("kaz@example.org", "delegate", state="KAZ")
    page = browser.new_page()
    page.goto(f"{live_server}/")
    assert "/login" in page.url
    page.fill("#email", "kaz@example.org")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/")
    page.click("text=MEMORANDUM OF UNDERSTANDING")
    assert page.locator("h2", has_text="Purpose and Objectives of the MoU").count() == 1
    page.click("nav.langs >> text=RU")
    assert page.locator("label[for=v]", has_text="Версия").is_visible()
    page.select_option("#lang", "ru")
    page.click("form.bar button[type=submit]")
    assert page.locator(".badge", has_text="перевод отсутствует").count() > 10
    page.screenshot(path=str(tmp_path / "draft-ru.png"), full_page=False)
    # log out: the session is gone, pages ask for a login again
    page.click("text=Выйти")
    page.wait_for_url(f"{live_server}/login")
    page.goto(f"{live_server}/")
    assert "/login" in page.url
