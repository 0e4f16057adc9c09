"""The five kinds of note, each in three languages, and what facts each kind accepts."""

from __future__ import annotations

import pytest

from app.core.notes import KINDS, Entity, NoteFactsError, missing_forms, render_note
from app.core.notes.data import reference_facts

AGENDA = [
    Entity("agenda item", "opening", {"en": {"nominative": "Opening of the meeting."},
                                      "ru": {"nominative": "Открытие заседания."},
                                      "kk": {"nominative": "Отырыстың ашылуы."}}),
    Entity("agenda item", "mou", {"en": {"nominative": "Consideration of the draft MoU with UNOCT."},
                                  "ru": {"nominative": "Рассмотрение проекта Меморандума с КТУ ООН."},
                                  "kk": {"nominative": "БҰҰ ТҚБ-мен меморандум жобасын қарау."}}),
]

FACTS = {
    "transmission": {},
    "invitation": {"deadline": "2025-03-03", "meetings": [], "references": []},
    "convening": {"references": [], "meetings": [{"body": "cica-soc", "date": "2025-10-01", "place": "almaty"}],
                  "deadline": "2025-09-01"},
    "silence": {"meetings": [], "deadline": "2025-12-01",
                "references": [{"number": "NCT/CT/800", "date": "2025-11-03"}]},
    "signature": {"references": [], "meetings": [{"body": "cica-soc", "date": "2024-06-27"}],
                  "deadline": "2024-07-15"},
}


def facts(kind, **more):
    return reference_facts(kind=kind, **{**FACTS[kind], **more})


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_every_kind_renders_in_every_language_with_the_closing_formula(kind, lang):
    note = render_note(facts(kind), lang)
    assert note.kind == kind
    assert len(note.body) >= 2
    closing = {"en": "The CICA Secretariat avails itself of this opportunity",
               "ru": "Секретариат СВМДА пользуется случаем",
               "kk": "Азия Кеңесінің Хатшылығы осы мүмкіндікті пайдалана отырып"}[lang]
    assert note.body[-1].startswith(closing)
    assert not missing_forms(facts(kind), [lang])


def test_invitation():
    en, ru, kk = (render_note(facts("invitation"), lang) for lang in ("en", "ru", "kk"))
    assert en.body[0].endswith("to invite the Member States to submit their proposals on the draft by 3 March 2025.")
    assert ru.body[0].endswith("представить свои предложения по проекту до 3 марта 2025 года.")
    assert "өз ұсыныстарын 2025 жылғы 3 наурызға дейін жіберуге шақыруды" in kk.body[0]
    assert len(en.body) == 3  # no meeting announced


def test_convening():
    f = facts("convening", agenda=AGENDA)
    en, ru, kk = (render_note(f, lang) for lang in ("en", "ru", "kk"))
    assert ("the next meeting of the CICA Senior Officials Committee will be held on 1 October 2025 in Almaty."
            in en.body[0])
    assert ("очередное заседание Комитета старших должностных лиц СВМДА состоится 1 октября 2025 года "
            "в городе Алматы.") in ru.body[0]
    assert ("Азия Кеңесі Аға лауазымды тұлғалар комитетінің кезекті отырысы 2025 жылғы 1 қазанда "
            "Алматы қаласында өтетінін хабарлауды") in kk.body[0]
    assert "The provisional agenda of the meeting is as follows:" in en.body
    assert "1. Opening of the meeting." in en.body and "2. Рассмотрение проекта Меморандума с КТУ ООН." in ru.body
    assert any("2025 жылғы 1 қыркүйекке дейін" in p for p in kk.body)


def test_convening_place_defaults_to_the_note_place():
    f = facts("convening", meetings=[{"body": "cica-swg", "date": "2025-06-02"}])
    assert render_note(f, "ru").body[0].endswith("состоится 2 июня 2025 года в городе Астане.")
    assert "2025 жылғы 2 маусымда Астана қаласында өтетінін" in render_note(f, "kk").body[0]


def test_silence():
    en, ru, kk = (render_note(facts("silence"), lang) for lang in ("en", "ru", "kk"))
    assert "with reference to its note No. NCT/CT/800 of 3 November 2025" in en.body[0]
    assert en.body[1] == ("If no objection is received by the Secretariat by 1 December 2025, the text will be "
                          "deemed agreed by all Member States.")
    assert ru.body[1].startswith("Если до 1 декабря 2025 года в Секретариат не поступит возражений")
    assert kk.body[1].startswith("Егер 2025 жылғы 1 желтоқсанға дейін Хатшылыққа қарсылық")


def test_signature_uses_the_russian_instrumental_and_kazakh_nominative():
    en, ru, kk = (render_note(facts("signature"), lang) for lang in ("en", "ru", "kk"))
    assert en.body[0].endswith("(enclosed), as approved by the CICA Senior Officials Committee on 27 June 2024.")
    assert ru.body[0].endswith("одобренный Комитетом старших должностных лиц СВМДА 27 июня 2024 года.")
    assert ("2024 жылғы 27 маусымда Азия Кеңесі Аға лауазымды тұлғалар комитеті мақұлдаған Азиядағы"
            in kk.body[0])
    plain = render_note(facts("signature", meetings=[], deadline=None), "en")
    assert plain.body[0].endswith("the final text of the Memorandum of Understanding between the Secretariat of "
                                  "the Conference on Interaction and Confidence Building Measures in Asia and the "
                                  "United Nations Office of Counter-Terrorism (enclosed).")
    assert len(plain.body) == 2


@pytest.mark.parametrize(
    ("kind", "changes", "message"),
    [
        ("invitation", {"deadline": None}, "a deadline is required"),
        ("silence", {"deadline": None}, "a deadline is required"),
        ("transmission", {"title": None}, "a draft title is required"),
        ("convening", {"meetings": []}, "exactly 1 meeting(s) expected, got 0"),
        ("signature", {"references": [{"number": "NCT/CT/1", "date": "2024-01-01"}]}, "references"),
        ("silence", {"meetings": [{"body": "cica-soc", "date": "2024-06-27"}]}, "meetings are not used"),
        ("transmission", {"agenda": ["cica-soc"]}, "an agenda is not used"),
        ("transmission", {"enclosure_pages": 0}, "enclosure_pages"),
        ("transmission", {"addressees": []}, "no addressee"),
        ("transmission", {"enclosure_style": "fancy"}, "enclosure_style"),
    ],
)
def test_facts_that_do_not_make_the_kind_are_rejected(kind, changes, message):
    with pytest.raises(NoteFactsError) as info:
        facts(kind, **changes)
    assert message in str(info.value)


def test_unknown_kind():
    with pytest.raises(NoteFactsError, match="unknown note kind 'memo'"):
        reference_facts(kind="memo")


def test_unknown_entity_key():
    with pytest.raises(NoteFactsError, match="unknown entity 'nowhere'"):
        reference_facts(place="nowhere")
