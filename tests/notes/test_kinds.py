"""Every kind of note renders in English, Russian and Kazakh through the API."""

from __future__ import annotations

import pytest

from app.core.notes import KINDS

CLOSING = {"en": "The CICA Secretariat avails itself of this opportunity",
           "ru": "Секретариат СВМДА пользуется случаем",
           "kk": "Азия Кеңесінің Хатшылығы осы мүмкіндікті пайдалана отырып"}

AGENDA = {
    "opening": {"en": {"nominative": "Opening of the meeting."}, "ru": {"nominative": "Открытие заседания."},
                "kk": {"nominative": "Отырыстың ашылуы."}},
    "mou": {"en": {"nominative": "Consideration of the draft MoU with UNOCT."},
            "ru": {"nominative": "Рассмотрение проекта Меморандума с КТУ ООН."},
            "kk": {"nominative": "БҰҰ ТҚБ-мен меморандум жобасын қарау."}},
}

# the facts that differ from note NCT/CT/708 for each kind (as in tests/core/test_notes_kinds.py)
FACTS = {
    "transmission": {},
    "invitation": {"deadline": "2025-03-03", "meetings": [], "references": [], "date": "2025-02-03"},
    "convening": {"references": [], "meetings": [{"body": "cica-soc", "date": "2025-10-01", "place": "almaty"}],
                  "deadline": "2025-09-01", "agenda": ["opening", "mou"], "date": "2025-08-01"},
    "silence": {"meetings": [], "deadline": "2025-12-01", "date": "2025-11-10",
                "references": [{"number": "NCT/CT/800", "date": "2025-11-03"}]},
    "signature": {"references": [], "meetings": [{"body": "cica-soc", "date": "2024-06-27"}],
                  "deadline": "2024-07-15"},
}

EXPECT = {
    "transmission": {"en": "No. NCT/CT/513 of 18 April 2024 and No. NCT/CT/569 of 13 May 2024"},
    "invitation": {"en": "submit their proposals on the draft by 3 March 2025.",
                   "ru": "представить свои предложения по проекту до 3 марта 2025 года."},
    "convening": {"en": "will be held on 1 October 2025 in Almaty.", "ru": "1. Открытие заседания.",
                  "kk": "2025 жылғы 1 қазанда Алматы қаласында өтетінін"},
    "silence": {"en": "with reference to its note No. NCT/CT/800 of 3 November 2025"},
    "signature": {},
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_three_languages(notes, kind):
    for key, forms in AGENDA.items():
        notes.put_forms(key, "agenda item", forms, expect=(200, 201))
    n = notes.create(kind=kind, number=f"NCT/CT/{900 + KINDS.index(kind)}", **FACTS[kind])
    assert n["kind"] == kind and n["missing_forms"] == []
    for lang in ("en", "ru", "kk"):
        text = notes.text(n["id"], lang)
        paragraphs = text.split("\n\n")
        assert any(p.startswith(CLOSING[lang]) for p in paragraphs), (kind, lang, text)
        if lang in EXPECT[kind]:
            assert EXPECT[kind][lang] in text
    assert notes.issue(n["id"])["status"] == "issued"
