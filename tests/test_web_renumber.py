"""Renumbering in the browser pages: the officer sees the old -> new table and the references
that will change (in Russian too), creates the version, and a delegate may not."""

from __future__ import annotations

import re

from tests.test_web_workflow import _csrf, _login


def _inserted_section(flow):
    flow.open()
    s2 = flow.section("2")
    p = flow.propose("IND", kind="insert", clause_key=s2["key"], position="after", proposed_heading="Reporting",
                     proposed_text="The Participants will report annually.", rationale="Accountability.")
    flow.decide(p["id"])
    flow.consolidate()


def test_officer_previews_and_renumbers_in_the_page(flow):
    _inserted_section(flow)
    _login(flow.c, "officer@example.org")
    draft = flow.c.get(f"/drafts/{flow.d}")
    assert f'href="/drafts/{flow.d}/renumber"' in draft.text
    page = flow.c.get(f"/drafts/{flow.d}/renumber")
    assert page.status_code == 200
    assert re.search(r"<td>2 bis</td><td>3</td>", page.text)
    assert "pursuant to paragraph 4" in page.text and "<strong>5</strong>" in page.text
    assert flow.latest() == 2  # the preview stores nothing
    ru = flow.c.get(f"/drafts/{flow.d}/renumber?ui=ru")
    assert "Прежние и новые номера" in ru.text and "Ссылки, которые будут обновлены" in ru.text
    r = flow.c.post(f"/drafts/{flow.d}/renumber", data={"csrf_token": _csrf(page.text), "base": "2",
                                                         "label": "Renumbered"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/drafts/{flow.d}?v=3&created=1"
    assert [s["number"] for s in flow.tree(3)["clauses"] if s["kind"] == "section"][1:4] == ["2", "3", "4"]
    again = flow.c.get(f"/drafts/{flow.d}/renumber?ui=en")
    assert "there is nothing to renumber" in again.text and "Create version" not in again.text
    # a stale form (version 3 exists now) is refused with the reason, nothing stored
    r = flow.c.post(f"/drafts/{flow.d}/renumber", data={"csrf_token": _csrf(page.text), "base": "2"})
    assert r.status_code == 409 and flow.latest() == 3


def test_a_delegate_cannot_renumber(flow):
    _inserted_section(flow)
    _login(flow.c, "kaz@example.org")
    assert flow.c.get(f"/drafts/{flow.d}/renumber").status_code == 403
    page = flow.c.get(f"/drafts/{flow.d}")
    assert "/renumber" not in page.text
