"""Example data: the CICA secretariat, its member states, bodies, places and the MoU title.

Plain dicts (JSON-ready) so that they can be seeded into the database as editable data:
``ENTITIES`` maps an entity key to ``{"kind": ..., "forms": {lang: {form: text}}}`` (see
:mod:`app.core.notes.model` for the form names) and ``REFERENCE_NOTE`` holds the facts of
note verbale No. NCT/CT/708 of 12 June 2024, with entities by key.

Texts are as in the secretariat's note NCT/CT/708; forms the reference note does not
show (e.g. Russian instrumental, Kazakh locative of a place) follow the same usage.
"""

from __future__ import annotations

import copy
from typing import Any

from .model import Entity, NoteFacts, entities_from_dict

_CICA_TITLE_KK_ATTRIBUTE = (
    "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің Хатшылығы мен Біріккен Ұлттар Ұйымының "
    "Терроризмге қарсы басқармасы арасындағы өзара түсіністік туралы"
)

ENTITIES: dict[str, dict[str, Any]] = {
    "cica-secretariat": {
        "kind": "organisation",
        "forms": {
            "en": {
                "nominative": "Secretariat of the Conference on Interaction and Confidence Building Measures "
                              "in Asia (CICA)",
                "short_nominative": "CICA Secretariat",
                "letterhead": "SECRETARIAT OF THE CONFERENCE ON INTERACTION\n"
                              "AND CONFIDENCE BUILDING MEASURES IN ASIA",
            },
            "ru": {
                "nominative": "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА)",
                "short_nominative": "Секретариат СВМДА",
                "letterhead": "СЕКРЕТАРИАТ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ\nИ МЕРАМ ДОВЕРИЯ В АЗИИ",
            },
            "kk": {
                "nominative": "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің (Азия Кеңесінің) Хатшылығы",
                "short_nominative": "Азия Кеңесінің Хатшылығы",
                "letterhead": "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ\nСЕНІМ ШАРАЛАРЫ КЕҢЕСІНІҢ ХАТШЫЛЫҒЫ",
            },
        },
    },
    "cica-member-states": {
        "kind": "addressee",
        "forms": {
            "en": {
                "nominative": "CICA Member States",
                "address_block": "MEMBER STATES\nOF THE CONFERENCE ON INTERACTION\n"
                                 "AND CONFIDENCE BUILDING MEASURES\nIN ASIA",
            },
            "ru": {
                "nominative": "государства-члены СВМДА",
                "dative": "государствам-членам СВМДА",
                "address_block": "ГОСУДАРСТВА-ЧЛЕНЫ\nСОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ\nИ МЕРАМ ДОВЕРИЯ В АЗИИ",
            },
            "kk": {
                "nominative": "Азия Кеңесіне мүше мемлекеттер",
                "dative": "Азия Кеңесіне мүше мемлекеттерге",
                "address_block": "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ\nСЕНІМ ШАРАЛАРЫ КЕҢЕСІНЕ\nМҮШЕ МЕМЛЕКЕТТЕР",
            },
        },
    },
    "cica-swg": {
        "kind": "body",
        "forms": {
            "en": {"nominative": "CICA Special Working Group"},
            "ru": {
                "nominative": "Специальная рабочая группа СВМДА",
                "genitive": "Специальной рабочей группы СВМДА",
                "instrumental": "Специальной рабочей группой СВМДА",
            },
            "kk": {
                "nominative": "Азия Кеңесі Арнаулы жұмыс тобы",
                "genitive": "Азия Кеңесі Арнаулы жұмыс тобының",
            },
        },
    },
    "cica-soc": {
        "kind": "body",
        "forms": {
            "en": {"nominative": "CICA Senior Officials Committee"},
            "ru": {
                "nominative": "Комитет старших должностных лиц СВМДА",
                "genitive": "Комитета старших должностных лиц СВМДА",
                "instrumental": "Комитетом старших должностных лиц СВМДА",
            },
            "kk": {
                "nominative": "Азия Кеңесі Аға лауазымды тұлғалар комитеті",
                "genitive": "Азия Кеңесі Аға лауазымды тұлғалар комитетінің",
            },
        },
    },
    "cica-unoct-mou": {
        "kind": "title",
        "forms": {
            "en": {
                "nominative": "Memorandum of Understanding between the Secretariat of the Conference on "
                              "Interaction and Confidence Building Measures in Asia and the United Nations "
                              "Office of Counter-Terrorism",
            },
            "ru": {
                "nominative": "Меморандум о взаимопонимании между Секретариатом Совещания по взаимодействию "
                              "и мерам доверия в Азии и Контртеррористическим управлением Организации "
                              "Объединенных Наций",
                "genitive": "Меморандума о взаимопонимании между Секретариатом Совещания по взаимодействию "
                            "и мерам доверия в Азии и Контртеррористическим управлением Организации "
                            "Объединенных Наций",
            },
            "kk": {
                "nominative": f"{_CICA_TITLE_KK_ATTRIBUTE} меморандум",
                "genitive": f"{_CICA_TITLE_KK_ATTRIBUTE} меморандумның",
                "attribute": _CICA_TITLE_KK_ATTRIBUTE,
                "head": "меморандум",
            },
        },
    },
    "unoct": {
        "kind": "organisation",
        "forms": {
            "en": {"nominative": "United Nations Office of Counter-Terrorism (UNOCT)",
                   "short_nominative": "UNOCT"},
            "ru": {"nominative": "Контртеррористическое управление Организации Объединенных Наций (КТУ ООН)",
                   "genitive": "Контртеррористического управления Организации Объединенных Наций",
                   "instrumental": "Контртеррористическим управлением Организации Объединенных Наций",
                   "short_nominative": "КТУ ООН"},
            "kk": {"nominative": "Біріккен Ұлттар Ұйымының Терроризмге қарсы басқармасы",
                   "genitive": "Біріккен Ұлттар Ұйымының Терроризмге қарсы басқармасының"},
        },
    },
    "astana": {
        "kind": "place",
        "forms": {
            "en": {"nominative": "Astana"},
            "ru": {"nominative": "город Астана", "prepositional": "городе Астане"},
            "kk": {"nominative": "Астана қаласы", "locative": "Астана қаласында"},
        },
    },
    "almaty": {
        "kind": "place",
        "forms": {
            "en": {"nominative": "Almaty"},
            "ru": {"nominative": "город Алматы", "prepositional": "городе Алматы"},
            "kk": {"nominative": "Алматы қаласы", "locative": "Алматы қаласында"},
        },
    },
}

REFERENCE_NOTE: dict[str, Any] = {
    "kind": "transmission",
    "number": "NCT/CT/708",
    "date": "2024-06-12",
    "place": "astana",
    "sender": "cica-secretariat",
    "addressees": ["cica-member-states"],
    "title": "cica-unoct-mou",
    "references": [
        {"number": "NCT/CT/513", "date": "2024-04-18"},
        {"number": "NCT/CT/569", "date": "2024-05-13"},
    ],
    "meetings": [
        {"body": "cica-swg", "date": "2024-06-25"},
        {"body": "cica-soc", "date": "2024-06-27"},
    ],
    "enclosure_pages": 9,
}


def entities() -> dict[str, Entity]:
    """The example entities as :class:`Entity` objects (a fresh copy each call)."""
    return entities_from_dict(copy.deepcopy(ENTITIES))


def reference_facts(**changes: Any) -> NoteFacts:
    """The facts of note NCT/CT/708, optionally with some fields changed (plain-data values)."""
    d = copy.deepcopy(REFERENCE_NOTE)
    d.update(changes)
    return NoteFacts.from_dict(d, entities())
