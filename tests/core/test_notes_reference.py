"""Acceptance: note NCT/CT/708 in en, ru and kk, word for word as the secretariat issued it.

The three language versions are cut out of tests/data/cica-unoct-mou-2024-reference.txt
(lines 1-72, before the draft MoU) and compared with what Concord renders from the facts,
white space aside and without the Markdown ** and * markers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.notes import note_html, note_text, render_note
from app.core.notes.data import reference_facts

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "cica-unoct-mou-2024-reference.txt"


def normalize(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def reference_sections() -> dict[str, str]:
    text = REFERENCE.read_text(encoding="utf-8")
    cover = text[: text.index("**DRAFT")]  # the note ends where the draft MoU begins
    letterheads = [m.start() for m in re.finditer(r"^\*\*SECRETARIAT OF THE CONFERENCE", cover, re.M)]
    assert len(letterheads) == 2, "expected the English and the Russian letterhead"
    en = cover[: letterheads[1]]
    rest = cover[letterheads[1]:]
    ru_address = rest.index("**ГОСУДАРСТВА-ЧЛЕНЫ")
    ru_end = rest.index("**", ru_address + 2) + 2  # the closing ** of the Russian addressee block
    return {"en": en, "ru": rest[:ru_end], "kk": rest[ru_end:]}


def test_reference_sections_are_cut_where_expected():
    sections = reference_sections()
    assert normalize(sections["en"]).startswith("SECRETARIAT OF THE CONFERENCE")
    assert normalize(sections["en"]).endswith("IN ASIA")
    assert normalize(sections["ru"]).endswith("ГОСУДАРСТВА-ЧЛЕНЫ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ И МЕРАМ ДОВЕРИЯ В АЗИИ")
    assert normalize(sections["kk"]).startswith("Азиядағы өзара іс-қимыл")
    assert normalize(sections["kk"]).endswith("МҮШЕ МЕМЛЕКЕТТЕР")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_reference_note_word_for_word(lang):
    expected = normalize(reference_sections()[lang])
    got = normalize(note_text(render_note(reference_facts(), lang)))
    if got != expected:  # show the first difference word by word
        e, g = expected.split(), got.split()
        i = next((i for i, (a, b) in enumerate(zip(e, g, strict=False)) if a != b), min(len(e), len(g)))
        pytest.fail(f"{lang}: differs at word {i}: expected {' '.join(e[i:i + 8])!r}, got {' '.join(g[i:i + 8])!r}")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_reference_note_html_has_the_same_words(lang):
    html = note_html(render_note(reference_facts(), lang))
    text = re.sub(r"<br>", " ", html)
    text = re.sub(r"<[^>]+>", " ", text)
    assert normalize(text) == normalize(reference_sections()[lang])


def test_reference_layout_per_language():
    en, ru, kk = (render_note(reference_facts(), lang) for lang in ("en", "ru", "kk"))
    roles = {n.lang: [b.role for b in n.blocks()] for n in (en, ru, kk)}
    assert roles["en"] == ["letterhead", "letterhead", "number", "enclosure", "paragraph", "paragraph",
                           "paragraph", "place_date", "addressee"]
    assert roles["ru"] == ["letterhead", "letterhead", "number", "paragraph", "enclosure", "paragraph",
                           "paragraph", "place_date", "addressee"]
    assert roles["kk"] == ["paragraph", "enclosure", "paragraph", "paragraph", "place_date", "addressee"]
    assert [lang for lang, _ in en.letterhead] == ["en", "ru"]
    assert next(b for b in kk.blocks() if b.role == "enclosure").italic is False
    assert next(b for b in ru.blocks() if b.role == "enclosure").italic is True
