"""Plain text and HTML come from the same structure; HTML escapes names, text does not."""

from __future__ import annotations

import gettext
import re

import pytest

from app.core.i18n.catalogs import translations
from app.core.notes import Entity, NoteError, NoteFacts, NoteLayout, note_html, note_text, render_note
from app.core.notes.data import entities, reference_facts


def test_text_layout_blocks_and_lines():
    text = note_text(render_note(reference_facts(), "en"))
    assert text.startswith("SECRETARIAT OF THE CONFERENCE ON INTERACTION\nAND CONFIDENCE BUILDING MEASURES IN ASIA\n\n")
    assert "\n\n№NCT/CT/708\n\nEnclosure:\non 9 p.\n\nThe Secretariat" in text
    assert text.endswith("Astana, 12 June 2024\n\nMEMBER STATES\nOF THE CONFERENCE ON INTERACTION\n"
                         "AND CONFIDENCE BUILDING MEASURES\nIN ASIA\n")


def _facts_with_markup_in_names() -> NoteFacts:
    ents = entities()
    body = Entity("body", "x", {"en": {"nominative": "Group <b>A</b> & Co"},
                                "ru": {"genitive": "группы <A> & Ко"},
                                "kk": {"genitive": "<A> & тобының"}})
    base = reference_facts()
    return NoteFacts(**{**base.__dict__, "meetings": [type(base.meetings[0])(body, base.meetings[0].date)],
                        "title": ents["cica-unoct-mou"]})


def test_text_keeps_names_as_written_and_html_escapes_them():
    f = _facts_with_markup_in_names()
    assert "the Group <b>A</b> & Co on 25 June 2024" in note_text(render_note(f, "en"))
    html = note_html(render_note(f, "en"))
    assert "Group &lt;b&gt;A&lt;/b&gt; &amp; Co" in html
    assert "<b>A</b>" not in html
    assert "группы &lt;A&gt; &amp; Ко" in note_html(render_note(f, "ru"))


def test_html_structure():
    note = render_note(reference_facts(), "en")
    html = note_html(note)
    assert html.count("<article") == 1
    assert '<article class="note note-transmission" lang="en-GB" data-number="NCT/CT/708">' in html
    assert '<p class="note-letterhead"><strong>SECRETARIAT OF THE CONFERENCE ON INTERACTION<br>' in html
    assert '<p class="note-letterhead" lang="ru-RU"><strong>СЕКРЕТАРИАТ' in html  # Russian name in an English note
    assert '<p class="note-enclosure"><em>Enclosure:<br>on 9 p.</em></p>' in html
    assert html.count('<p class="note-paragraph">') == 3
    assert '<p class="note-place-date">Astana, 12 June 2024</p>' in html
    assert '<p class="note-addressee"><strong>MEMBER STATES<br>' in html


def test_html_of_three_languages_standalone():
    notes = [render_note(reference_facts(), lang) for lang in ("en", "ru", "kk")]
    html = note_html(notes, standalone=True)
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in html
    assert [m for m in re.findall(r'<article class="note note-transmission" lang="([^"]+)"', html)] == [
        "en-GB", "ru-RU", "kk-KZ"]
    assert '<p class="note-enclosure">Қосымша:<br>9 п.</p>' in html  # not italic in the Kazakh layout


def test_custom_layout_for_a_standalone_kazakh_note():
    layout = NoteLayout(letterhead_langs=("kk", "ru"), number_line=True, enclosure_after=0)
    note = render_note(reference_facts(), "kk", layout=layout)
    roles = [b.role for b in note.blocks()]
    assert roles[:4] == ["letterhead", "letterhead", "number", "enclosure"]
    assert note.letterhead[0] == ("kk", ("АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ", "СЕНІМ ШАРАЛАРЫ КЕҢЕСІНІҢ ХАТШЫЛЫҒЫ"))
    assert note.number_line == "№NCT/CT/708"


def test_enclosure_after_the_last_paragraph_when_the_body_is_short():
    layout = NoteLayout(enclosure_after=10)
    roles = [b.role for b in render_note(reference_facts(), "ru", layout=layout).blocks()]
    assert roles[-3:] == ["enclosure", "place_date", "addressee"]


class _Catalog(gettext.NullTranslations):
    """A catalog being edited: one Russian sentence replaced."""

    def __init__(self, replace: dict[str, str]):
        super().__init__()
        self.replace = replace
        self.real = translations("ru")

    def gettext(self, message):
        return self.replace.get(message, self.real.gettext(message))

    def ngettext(self, msgid1, msgid2, n):
        return self.real.ngettext(msgid1, msgid2, n)

    def pgettext(self, context, message):
        return self.real.pgettext(context, message)


CLOSING = ("The %(sender_short)s avails itself of this opportunity to renew to the %(addressees)s the "
           "assurances of its highest consideration.")


def test_preview_with_another_catalog():
    note = render_note(reference_facts(), "ru", catalog=_Catalog({CLOSING: "%(sender_short)s благодарит %(addressees_dative)s."}))
    assert note.body[-1] == "Секретариат СВМДА благодарит государствам-членам СВМДА."


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        ("%(sender_short)s и %(adressees_dative)s.", "no value 'adressees' is passed to this sentence"),
        ("%(sender_short)s и %(addressees_dative)d.", "ru translation of 'The %(sender_short)s avails"),
        ("%(sender_short)s %(addressees_vocative)s.", "Russian vocative form of addressee"),
    ],
)
def test_a_broken_translation_is_reported_clearly(translation, message):
    with pytest.raises(NoteError, match=re.escape(message)):
        render_note(reference_facts(), "ru", catalog=_Catalog({CLOSING: translation}))
