"""The final signature copy states the agreement's entry into force and term (issue 10, item 5),
in the reader's language, from the meetings service's figures: before the last signature the
rule ("30 days after the last notification of ratification"), after it the dates; LibreOffice
opens the copy and shows them."""

from __future__ import annotations

import pytest

from app.core.word import ooxml as ox
from tests.meetings.conftest import Path
from tests.support.ooxml_text import paragraph_text, part_xml


@pytest.fixture
def sample_text(sample_text):
    """The text as it would be approved: its title block without the word DRAFT."""
    return sample_text.replace("**DRAFT\nMEMORANDUM", "**MEMORANDUM", 1)


@pytest.fixture
def path(flow) -> Path:
    return Path(flow)


def _notes(data: bytes) -> list[str]:
    return [paragraph_text(p) for p in part_xml(data).iter(ox.W_P)
            if (s := p.find(f"{ox.W_PPR}/{ox.W_PSTYLE}")) is not None and s.get(ox.W_VAL) == ox.STYLE_NOTE]


def _signature(path: Path, lang: str) -> bytes:
    r = path.c.get(f"/api/v1/drafts/{path.d}/export/signature.docx", headers=path.officer, params={"lang": lang})
    assert r.status_code == 200, r.text
    return r.content


def _sign(path: Path, party: str, signed_on: str, notified_on: str) -> dict:
    return path.post(f"/api/v1/drafts/{path.d}/signatures", {"party": party, "signed_on": signed_on, "place": "Astana",
                                                             "signatory": "X", "title": "Minister",
                                                             "notified_on": notified_on}, expect=201)


def test_final_copy_states_the_rule_then_the_dates_in_english_and_russian(path):
    r = path.c.put(f"/api/v1/drafts/{path.d}/procedure", headers=path.officer,
                   json={"entry_rule": "days_after_last_notification", "entry_days": 30, "term_years": 5,
                         "notice_days": 60, "reminder_days": 90, "parties": ["A", "B"]})
    assert r.status_code == 200, r.text
    # a version that is not final carries no such block
    assert not any("Entry into force" in n for n in _notes(_signature(path, "en")))
    for step in ("under_review", "approved", "final"):
        path.post(f"/api/v1/drafts/{path.d}/transition", {"to": step})

    before = _notes(_signature(path, "en"))
    assert before[before.index("Entry into force and term"):] == [
        "Entry into force and term",
        "Entry into force: 30 days after the last notification of ratification (the date is not yet known)",
        "Term: 5 years", "Expires on: not yet known (the term runs from the entry into force)",
        "Notice of termination: at least 60 days before expiry", "Renewal reminder: once the expiry date is known"]

    _sign(path, "A", "2025-01-10", "2025-02-01")
    state = _sign(path, "B", "2025-01-12", "2025-03-01")
    assert (state["entry_into_force"], state["expires_on"]) == ("2025-03-31", "2030-03-30")
    en, ru = _signature(path, "en"), _signature(path, "ru")
    after = _notes(en)
    assert after[after.index("Entry into force and term"):] == [
        "Entry into force and term", "Entry into force: 31 March 2025", "Term: 5 years", "Expires on: 30 March 2030",
        "Notice of termination: at least 60 days before expiry", "Last day for notice of termination: 29 January 2030",
        "Renewal reminder: 30 December 2029"]
    in_ru = _notes(ru)
    assert in_ru[in_ru.index("Вступление в силу и срок действия"):] == [
        "Вступление в силу и срок действия", "Вступление в силу: 31 марта 2025 года", "Срок действия: 5 лет",
        "Дата истечения срока: 30 марта 2030 года",
        "Уведомление о прекращении: не менее чем за 60 дней до истечения срока",
        "Последний день для уведомления о прекращении: 29 января 2030 года",
        "Напоминание о продлении: 30 декабря 2029 года"]
    # the final copy: no DRAFT mark, its hash in the footer, the block after the signature table
    root = part_xml(ru)
    body = list(root.find(ox.W_BODY))
    tables = [i for i, el in enumerate(body) if el.tag == ox.W_TBL]
    heading = next(i for i, el in enumerate(body) if paragraph_text(el) == "Вступление в силу и срок действия")
    assert tables and heading > tables[-1]

    from tests.support.libreoffice import convert_many, require_soffice

    require_soffice()
    text_en, text_ru = (t.decode("utf-8") for t in convert_many([en, ru], "txt"))
    assert "Entry into force: 31 March 2025" in text_en and "Expires on: 30 March 2030" in text_en
    assert "Вступление в силу: 31 марта 2025 года" in text_ru and "Срок действия: 5 лет" in text_ru
