"""Grammar with other facts than the reference note: references, months, places, meetings, pages."""

from __future__ import annotations

import pytest

from app.core.notes import note_text, render_note
from app.core.notes.data import reference_facts

ONE_REF = [{"number": "NCT/CT/120", "date": "2025-03-03"}]
THREE_REFS = [
    {"number": "NCT/CT/101", "date": "2025-01-10"},
    {"number": "NCT/CT/230", "date": "2025-02-21"},
    {"number": "NCT/CT/345", "date": "2025-09-05"},
]


def first(facts, lang) -> str:
    return render_note(facts, lang).body[0]


def test_one_reference():
    f = reference_facts(references=ONE_REF)
    assert "with reference to its note No. NCT/CT/120 of 3 March 2025, has the honour" in first(f, "en")
    assert "со ссылкой на свою ноту №NCT/CT/120 от 3 марта 2025 года, имеет честь" in first(f, "ru")
    assert "және 2025 жылғы 3 наурыздағы №NCT/CT/120 нотасына сілтеме жасай отырып," in first(f, "kk")


def test_three_references():
    f = reference_facts(references=THREE_REFS)
    assert ("its notes No. NCT/CT/101 of 10 January 2025, No. NCT/CT/230 of 21 February 2025 and "
            "No. NCT/CT/345 of 5 September 2025, has") in first(f, "en")
    assert ("свои ноты №NCT/CT/101 от 10 января 2025 года, №NCT/CT/230 от 21 февраля 2025 года и "
            "№NCT/CT/345 от 5 сентября 2025 года, имеет") in first(f, "ru")
    assert ("2025 жылғы 10 қаңтардағы №NCT/CT/101, 2025 жылғы 21 ақпандағы №NCT/CT/230 және "
            "2025 жылғы 5 қыркүйектегі №NCT/CT/345 ноталарына сілтеме") in first(f, "kk")


def test_no_reference():
    f = reference_facts(references=[])
    assert "Member States and has the honour to submit for consideration the draft" in first(f, "en")
    assert "государствам-членам СВМДА и имеет честь направить для рассмотрения" in first(f, "ru")
    assert "ілтипатын білдіреді және мүше мемлекеттердің ұсыныстарын ескере отырып" in first(f, "kk")


def test_a_single_meeting_in_autumn():
    f = reference_facts(meetings=[{"body": "cica-soc", "date": "2024-09-12"}])
    assert render_note(f, "en").body[1] == (
        "This draft is expected to be discussed and agreed upon as part of the agenda for the next meeting of "
        "the CICA Senior Officials Committee on 12 September 2024.")
    assert render_note(f, "ru").body[1] == (
        "Указанный проект предполагается обсудить и согласовать в рамках повестки дня очередного заседания "
        "Комитета старших должностных лиц СВМДА 12 сентября 2024 года.")
    assert render_note(f, "kk").body[1] == (
        "Аталған жобаны 2024 жылғы 12 қыркүйекте өтетін Азия Кеңесі Аға лауазымды тұлғалар комитетінің "
        "кезекті отырысының күн тәртібі аясында талқылау және келісу көзделеді.")


def test_three_meetings():
    f = reference_facts(meetings=[{"body": "cica-swg", "date": "2025-07-01"},
                                  {"body": "cica-swg", "date": "2025-07-02"},
                                  {"body": "cica-soc", "date": "2025-07-03"}])
    assert ("the CICA Special Working Group on 1 July 2025, the CICA Special Working Group on 2 July 2025 "
            "and the CICA Senior Officials Committee on 3 July 2025.") in render_note(f, "en").body[1]
    assert ("Специальной рабочей группы СВМДА 1 июля 2025 года, Специальной рабочей группы СВМДА "
            "2 июля 2025 года и Комитета старших должностных лиц СВМДА 3 июля 2025 года.") in render_note(f, "ru").body[1]
    assert ("2025 жылғы 1 шілдеде өтетін Азия Кеңесі Арнаулы жұмыс тобының, 2025 жылғы 2 шілдеде өтетін "
            "Азия Кеңесі Арнаулы жұмыс тобының және 2025 жылғы 3 шілдеде өтетін Азия Кеңесі Аға лауазымды "
            "тұлғалар комитетінің кезекті отырыстарының") in render_note(f, "kk").body[1]


def test_no_meeting_drops_the_paragraph():
    f = reference_facts(meetings=[])
    for lang in ("en", "ru", "kk"):
        assert len(render_note(f, lang).body) == 2


def test_another_place_and_date():
    f = reference_facts(place="almaty", date="2025-12-01")
    assert render_note(f, "en").place_date == "Almaty, 1 December 2025"
    assert render_note(f, "ru").place_date == "город Алматы, 1 декабря 2025 года"
    assert render_note(f, "kk").place_date == "Алматы қаласы, 2025 жылғы 1 желтоқсан"


@pytest.mark.parametrize(
    ("pages", "style", "en", "ru", "kk"),
    [
        (1, "abbreviated", "on 1 p.", "на 1 л.", "1 п."),
        (9, "abbreviated", "on 9 p.", "на 9 л.", "9 п."),
        (1, "full", "1 page", "на 1 листе", "1 парақ"),
        (2, "full", "2 pages", "на 2 листах", "2 парақ"),
        (21, "full", "21 pages", "на 21 листе", "21 парақ"),
        (25, "full", "25 pages", "на 25 листах", "25 парақ"),
    ],
)
def test_enclosure_page_counts(pages, style, en, ru, kk):
    f = reference_facts(enclosure_pages=pages, enclosure_style=style)
    assert render_note(f, "en").enclosure == ("Enclosure:", en)
    assert render_note(f, "ru").enclosure == ("Приложение:", ru)
    assert render_note(f, "kk").enclosure == ("Қосымша:", kk)


def test_no_enclosure():
    f = reference_facts(enclosure_pages=None)
    for lang in ("en", "ru", "kk"):
        note = render_note(f, lang)
        assert note.enclosure is None
        assert "enclosure" not in [b.role for b in note.blocks()]


def test_other_number():
    f = reference_facts(number="NCT/CT/1001")
    assert "№NCT/CT/1001" in note_text(render_note(f, "en"))
    assert render_note(f, "ru").number_line == "№NCT/CT/1001"
    assert render_note(f, "kk").number_line is None  # the Kazakh version has no number line (reference layout)


def test_several_addressees_are_joined():
    from app.core.notes import Entity, NoteFacts
    from app.core.notes.data import entities

    ents = entities()
    unoct = Entity("addressee", "unoct-addr", {
        "en": {"nominative": "United Nations Office of Counter-Terrorism", "address_block": "UNOCT"},
        "ru": {"dative": "Контртеррористическому управлению ООН", "address_block": "КТУ ООН"},
        "kk": {"dative": "БҰҰ Терроризмге қарсы басқармасына", "address_block": "БҰҰ ТҚБ"},
    })
    base = reference_facts()
    f = NoteFacts(**{**base.__dict__, "addressees": [ents["cica-member-states"], unoct]})
    assert "to the CICA Member States and United Nations Office of Counter-Terrorism and," in first(f, "en")
    assert "уважение государствам-членам СВМДА и Контртеррористическому управлению ООН и," in first(f, "ru")
    assert "мүше мемлекеттерге және БҰҰ Терроризмге қарсы басқармасына өзінің" in first(f, "kk")
    assert len(render_note(f, "ru").addressee_block) == 2
