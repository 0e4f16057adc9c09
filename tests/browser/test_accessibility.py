"""axe-core, injected by Playwright into each main page in Chromium: no serious or critical
violation. The pages are shown with real data: a window open, proposals decided, two versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_daily_work_in_chromium import _login
from tests.browser.test_pages_in_chromium import browser, live_server  # noqa: F401  (fixtures)

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def _violations(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_main_pages_have_no_serious_accessibility_violation(live_server, browser, flow, users):  # noqa: F811
    users.make("tr@example.org", "translator")
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"], proposed_text=c11["text"] + " Amended.")
    flow.propose("IND", kind="delete", clause_key=c11["key"])
    flow.decide(p["id"])
    d = flow.d
    found = {}
    page = _login(browser, live_server, "officer@example.org", "en")
    for path in ("/", f"/drafts/{d}", f"/drafts/{d}/proposals", f"/drafts/{d}/consolidate?picked=1&pick={p['id']}",
                 f"/drafts/{d}/translate?lang=ru", "/audit", "/notes"):
        page.goto(live_server + path)
        found[path] = _violations(page)
    flow.consolidate()
    page.goto(f"{live_server}/drafts/{d}/compare?from=1&to=2")
    found["compare"] = _violations(page)
    page.goto(f"{live_server}/drafts/{d}/compare?from=1&to=2&view=side")
    found["compare side"] = _violations(page)
    flow.open()
    page = _login(browser, live_server, "kaz@example.org", "kk")
    for path in ("/", f"/drafts/{d}?lang=kk", f"/drafts/{d}/propose?clause={c11['key']}"):
        page.goto(live_server + path)
        found["kk " + path] = _violations(page)
    page.goto(f"{live_server}/login")
    found["login"] = _violations(page)
    assert not {k: v for k, v in found.items() if v}
