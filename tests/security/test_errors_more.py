"""Refusals a reader meets in the pages and in the CLI's archive are coded and read in Russian and
Kazakh (app/errors/more_messages.py): the CSRF check, the secretariat-only consolidation, the
page-only checks of the workflow forms, and a damaged draft archive."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from app.archive import read_archive
from app.errors import AppError
from tests.support.languages import assert_not_english
from tests.test_web_pages import _csrf, _login


def _alert(html: str) -> str:
    """The text of a page's refusal (the alert box, or the error page's own message)."""
    found = re.search(r'<div class="error" role="alert">(.*?)</div>', html, re.S)
    text = found[1] if found else re.search(r"<main[^>]*>(.*?)</main>", html, re.S)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def test_a_form_without_its_csrf_token_is_refused_in_the_page_language(flow):
    _login(flow.c, "officer@example.org")
    r = flow.c.post(f"/drafts/{flow.d}/window/close?ui=ru", data={"confirm": "yes"}, headers={"accept": "text/html"})
    assert r.status_code == 403
    assert "CSRF-токен отсутствует или неверен" in r.text and "Missing or wrong CSRF token" not in r.text
    r = flow.c.post(f"/drafts/{flow.d}/window/close?ui=kk", data={})  # not a page: JSON, in the reader's language
    assert r.status_code == 403 and r.json()["code"] == "csrf_failed"
    assert r.json()["detail"] == "CSRF токені жоқ немесе қате; бетті жаңартып, қайталап көріңіз."


def test_only_the_secretariat_consolidates_and_the_delegate_reads_why_in_russian(flow):
    flow.users.make("kaz-delegate@example.org", "delegate", state="KAZ")
    _login(flow.c, "kaz-delegate@example.org")
    r = flow.c.get(f"/drafts/{flow.d}/consolidate?ui=ru", headers={"accept": "text/html"})
    assert r.status_code == 403
    assert "Ваша роль (делегат) не позволяет: сводить версии." in r.text, _alert(r.text)
    assert "Only the secretariat" not in r.text


def test_workflow_forms_refuse_in_russian_and_kazakh(flow, db):
    from app.models import Version

    flow.open()
    _login(flow.c, "officer@example.org")
    page = flow.c.get(f"/drafts/{flow.d}/consolidate?ui=kk")
    r = flow.c.post(f"/drafts/{flow.d}/consolidate?ui=kk", data={"csrf_token": _csrf(page.text), "base": "1"})
    assert r.status_code == 422 and "Кемінде бір қабылданған ұсынысты таңдаңыз." in r.text
    assert "Choose at least one accepted proposal." not in r.text
    assert_not_english(_alert(r.text))
    assert db.query(Version).filter_by(draft_id=flow.d).count() == 1
    page = flow.c.get(f"/drafts/{flow.d}?ui=ru")
    r = flow.c.post(f"/drafts/{flow.d}/window/close?ui=ru", data={"csrf_token": _csrf(page.text)},
                    headers={"accept": "text/html"})
    assert r.status_code == 422 and "Поставьте отметку, чтобы подтвердить, что окно закрывается сейчас." in r.text
    assert "Tick the box" not in r.text
    r = flow.c.post(f"/drafts/{flow.d}/window/extend?ui=kk", data={"csrf_token": _csrf(page.text), "deadline": "soon"},
                    headers={"accept": "text/html"})
    assert r.status_code == 422 and "Мерзімді күн мен уақыт ретінде көрсетіңіз." in r.text


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in files.items():
            z.writestr(name, body)
    return buf.getvalue()


@pytest.mark.parametrize("data, code, ru, kk", [
    (b"not a zip", "archive_unreadable", "Это не архив проекта Concord: файл не является zip-архивом",
     "Бұл Concord жобасының мұрағаты емес: файл zip мұрағаты емес"),
    (_zip({"drafts.jsonl": b""}), "archive_unreadable", "Это не архив проекта Concord: в нём нет manifest.json",
     "Бұл Concord жобасының мұрағаты емес: онда manifest.json жоқ"),
    (_zip({"manifest.json": json.dumps({"format": "other/1", "files": {}}).encode()}), "archive_format_unknown",
     "Неизвестный формат архива 'other/1'; ожидается concord-draft-archive/",
     "Мұрағаттың белгісіз форматы 'other/1'; күтілетіні: concord-draft-archive/"),
])
def test_a_damaged_archive_is_refused_in_russian_and_kazakh(data, code, ru, kk):
    with pytest.raises(AppError) as info:
        read_archive(data)
    err = info.value
    assert err.code == code and err.status_code == 422
    assert err.message("ru").startswith(ru) and err.message("kk").startswith(kk), (err.message("ru"), err.message("kk"))
    for lang in ("ru", "kk"):
        assert_not_english(err.message(lang), {"Concord", "zip", "manifest", "json", "other", "concord", "draft",
                                               "archive"})
    assert err.detail.startswith(("Not a Concord draft archive: ", "Unknown archive format "))
