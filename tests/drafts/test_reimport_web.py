"""The draft page's "Upload a revised text as the next version" form (secretariat only): upload,
preview (matching, warnings, dropped lines), then create the version."""

from __future__ import annotations

import html
import re

from app.models import Version
from tests.conftest import PASSWORD


def _login(client, email):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})


def _hidden(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))


def _revised(flow) -> tuple[str, dict]:
    c11 = flow.clause("1.1")
    text = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/1/text", headers=flow.officer).text
    text = text.replace(c11["text"], c11["text"].replace("non-legally binding", "voluntary"))
    return text.replace("\n\n3: General principles", "\n\n17\n\n3: General principles"), c11


def test_the_officer_previews_a_revised_text_and_creates_the_version(flow, db):
    text, c11 = _revised(flow)
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}")
    assert "Upload a revised text as the next version" in page.text
    r = flow.c.post(f"/drafts/{flow.d}/versions/import",
                    data={"csrf_token": _hidden(page.text, "csrf_token"), "action": "preview", "base_version": "1",
                          "attributed_to": "KAZ"},
                    files={"file": ("revised.txt", text.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    preview = r.text
    assert "What the file would make of version 2" in preview
    assert re.search(r"Edited \(same clause, new wording\)</th><td>1<", preview)
    assert re.search(r"Inserted</th><td>0<", preview) and re.search(r"Deleted</th><td>0<", preview)
    assert "voluntary" in preview  # the edited clause, quoted
    assert "Line" in preview and "<q>17</q>" in preview and "page number" in preview  # the dropped line
    assert "United Nations Office of Counter-Terrorism" in preview  # a party to attribute the file to
    assert re.search(r'<option value="KAZ" selected>Kazakhstan</option>', preview)
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1  # the preview stores nothing
    r = flow.c.post(f"/drafts/{flow.d}/versions/import", follow_redirects=False, data={
        "csrf_token": _hidden(preview, "csrf_token"), "action": "create", "source": _hidden(preview, "source"),
        "source_name": _hidden(preview, "source_name"), "base_version": _hidden(preview, "base_version"),
        "attributed_to": "KAZ", "label": "Text returned by the facilitator"})
    assert r.status_code == 303 and r.headers["location"] == f"/drafts/{flow.d}?v=2&created=1"
    v2 = db.query(Version).filter_by(draft_id=flow.d, number=2).one()
    assert v2.label == "Text returned by the facilitator"
    assert "voluntary" in flow.clause("1.1", 2)["text"] and flow.clause("1.1", 2)["key"] == c11["key"]
    changes = flow.c.get(f"/api/v1/drafts/{flow.d}/versions/2/changes", headers=flow.officer).json()
    assert [(c["clause_key"], c["state"]) for c in changes] == [(c11["key"], "KAZ")]
    # the same file again: nothing to make a version of, said in the page, nothing stored
    r = flow.c.post(f"/drafts/{flow.d}/versions/import",
                    data={"csrf_token": _hidden(preview, "csrf_token"), "action": "preview", "base_version": "2"},
                    files={"file": ("revised.txt", text.encode(), "text/plain")})
    assert r.status_code == 200 and "there is nothing to make a new version of" in r.text
    assert re.search(r'<button type="submit" disabled>Create version 3', r.text)


def test_the_form_speaks_russian_and_kazakh_and_refusals_are_translated(flow, db):
    text, _c11 = _revised(flow)
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}?ui=ru")
    assert "Загрузить пересмотренный текст как следующую версию" in page.text
    r = flow.c.post(f"/drafts/{flow.d}/versions/import?ui=kk",
                    data={"csrf_token": _hidden(page.text, "csrf_token"), "action": "preview", "base_version": "1"},
                    files={"file": ("revised.txt", text.encode(), "text/plain")})
    assert r.status_code == 200 and "Өңделген (сол тармақ, жаңа редакция)" in r.text
    r = flow.c.post(f"/drafts/{flow.d}/versions/import?ui=ru",
                    data={"csrf_token": _hidden(page.text, "csrf_token"), "action": "preview", "base_version": "1"},
                    files={"file": ("revised.pdf", b"%PDF-1.4", "application/pdf")})
    assert r.status_code == 415 and "не удалось прочитать как пересмотренный текст" in r.text
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1


def test_delegates_see_no_form_and_may_not_post_one(flow, db):
    text, _c11 = _revised(flow)
    _login(flow.c, "kaz@example.org")
    page = flow.c.get(f"/drafts/{flow.d}")
    assert page.status_code == 200 and "Upload a revised text" not in page.text
    r = flow.c.post(f"/drafts/{flow.d}/versions/import",
                    data={"csrf_token": _hidden(page.text, "csrf_token"), "action": "preview", "base_version": "1"},
                    files={"file": ("revised.txt", text.encode(), "text/plain")})
    assert r.status_code == 403
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1
