"""Notifications in the page: a delegate's home lists what concerns their state (the window
opened, their proposal decided), new ones marked, in the page's language; another state does
not see a decision on a proposal it has nothing to do with."""

from __future__ import annotations

from tests.test_web_workflow import _csrf, _login


def test_a_delegate_sees_the_window_and_the_decision_in_the_home_page(flow):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"), rationale="Clearer.")
    flow.decide(p["id"], reason="Agreed by the SWG.")
    api = flow.c.get("/api/v1/notifications", headers=flow.h["KAZ"]).json()
    assert len(api) >= 2
    _login(flow.c, "kaz@example.org")
    home = flow.c.get("/?ui=en")
    assert home.status_code == 200 and "Notifications" in home.text
    section = home.text.split('id="notifications"', 1)[1].split("</section>", 1)[0]
    for n in api:
        assert n["text"] in section.replace("&#39;", "'").replace("&quot;", '"') or n["text"][:40] in section
    assert section.count("<strong>New:</strong>") == len(api)
    ru = flow.c.get("/?ui=ru")
    assert "Уведомления" in ru.text and "Новое" in ru.text
    r = flow.c.post("/notifications/read", data={"csrf_token": _csrf(ru.text)}, follow_redirects=False)
    assert r.status_code == 303
    after = flow.c.get("/?ui=en").text
    assert "Notifications" in after and "<strong>New:</strong>" not in after and "Mark all as read" not in after
    assert all(n["read"] for n in flow.c.get("/api/v1/notifications", headers=flow.h["KAZ"]).json())


def test_another_state_is_not_told_of_a_decision_on_someone_elses_proposal(flow):
    flow.open()
    c11 = flow.clause("1.1")
    p = flow.propose("KAZ", kind="replace", clause_key=c11["key"],
                     proposed_text=c11["text"].replace("non-legally binding", "voluntary"), rationale="Clearer.")
    flow.decide(p["id"], reason="Agreed.")
    kaz = [n["event"] for n in flow.c.get("/api/v1/notifications", headers=flow.h["KAZ"]).json()]
    ind = [n["event"] for n in flow.c.get("/api/v1/notifications", headers=flow.h["IND"]).json()]
    decided = set(kaz) - set(ind)
    assert decided, (kaz, ind)  # KAZ heard of the decision, IND did not
    _login(flow.c, "ind@example.org")
    home = flow.c.get("/?ui=en").text
    assert "voluntary" not in home
