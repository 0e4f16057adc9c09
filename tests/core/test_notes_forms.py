"""Name forms are data: shapes, round trips, and what happens when one is missing."""

from __future__ import annotations

import copy
import json

import pytest

from app.core.notes import (
    FORMS,
    Entity,
    MissingForm,
    NoteFacts,
    NoteFactsError,
    entities_from_dict,
    entities_to_dict,
    missing_forms,
    render_note,
)
from app.core.notes.data import ENTITIES, REFERENCE_NOTE, entities, reference_facts


def facts_with(key: str, lang: str, drop: str) -> NoteFacts:
    data = copy.deepcopy(ENTITIES)
    del data[key]["forms"][lang][drop]
    return NoteFacts.from_dict(REFERENCE_NOTE, entities_from_dict(data))


def test_missing_russian_genitive_of_a_body_names_the_form_and_the_entity():
    f = facts_with("cica-soc", "ru", "genitive")
    with pytest.raises(MissingForm) as info:
        render_note(f, "ru")
    err = info.value
    assert (err.lang, err.case, err.entity.key) == ("ru", "genitive", "cica-soc")
    assert str(err).startswith("Russian genitive form of body 'CICA Senior Officials Committee' is missing")
    assert "cica-soc" in str(err)
    render_note(f, "en")  # English does not need it


def test_missing_kazakh_forms():
    with pytest.raises(MissingForm, match="Kazakh attribute form of title"):
        render_note(facts_with("cica-unoct-mou", "kk", "attribute"), "kk")
    with pytest.raises(MissingForm, match="Kazakh dative form of addressee 'CICA Member States'"):
        render_note(facts_with("cica-member-states", "kk", "dative"), "kk")
    with pytest.raises(MissingForm, match="Kazakh address block form of addressee"):
        render_note(facts_with("cica-member-states", "kk", "address_block"), "kk")


def test_missing_letterhead_in_another_language_is_reported():
    # the English note prints the Russian name of the secretariat in its letterhead
    with pytest.raises(MissingForm, match="Russian letterhead form of organisation 'CICA Secretariat'"):
        render_note(facts_with("cica-secretariat", "ru", "letterhead"), "en")


def test_missing_short_name():
    with pytest.raises(MissingForm, match="English short nominative form of organisation"):
        render_note(facts_with("cica-secretariat", "en", "short_nominative"), "en")


def test_empty_form_counts_as_missing():
    data = copy.deepcopy(ENTITIES)
    data["cica-swg"]["forms"]["kk"]["genitive"] = ""
    f = NoteFacts.from_dict(REFERENCE_NOTE, entities_from_dict(data))
    with pytest.raises(MissingForm, match="Kazakh genitive form of body"):
        render_note(f, "kk")


def test_missing_forms_lists_everything_without_raising():
    data = copy.deepcopy(ENTITIES)
    del data["cica-soc"]["forms"]["ru"]["genitive"]
    del data["cica-swg"]["forms"]["kk"]["genitive"]
    del data["astana"]["forms"]["kk"]
    f = NoteFacts.from_dict(REFERENCE_NOTE, entities_from_dict(data))
    found = {(m.entity.key, m.lang, m.case) for m in missing_forms(f)}
    assert found == {("cica-soc", "ru", "genitive"), ("cica-swg", "kk", "genitive"), ("astana", "kk", "nominative")}
    assert missing_forms(reference_facts()) == []


def test_example_data_is_plain_json_with_known_form_names():
    text = json.dumps({"entities": ENTITIES, "note": REFERENCE_NOTE}, ensure_ascii=False)
    back = json.loads(text)
    assert back["entities"] == ENTITIES
    for key, entity in ENTITIES.items():
        assert set(entity) == {"kind", "forms"}, key
        for lang, forms in entity["forms"].items():
            assert lang in ("en", "ru", "kk")
            assert set(forms) <= set(FORMS), (key, lang, set(forms) - set(FORMS))


def test_entities_and_facts_round_trip_through_dicts():
    ents = entities()
    assert entities_from_dict(json.loads(json.dumps(entities_to_dict(ents.values())))) == ents
    f = reference_facts()
    d = json.loads(json.dumps(f.to_dict()))
    assert NoteFacts.from_dict(d, ents) == f


def test_unknown_form_name_is_rejected():
    with pytest.raises(NoteFactsError, match="unknown form 'genetive'"):
        Entity.from_dict({"kind": "body", "forms": {"ru": {"genetive": "x"}}}, "b")


def test_label_prefers_the_short_english_name():
    ents = entities()
    assert ents["cica-secretariat"].label == "CICA Secretariat"
    assert ents["cica-soc"].label == "CICA Senior Officials Committee"
    assert Entity("body", "k", {}).label == "k"
