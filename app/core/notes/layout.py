"""How each language version of a note is laid out (not grammar: page furniture).

The defaults reproduce note NCT/CT/708 as the secretariat issued it:

- en: bilingual letterhead (English and Russian name of the secretariat), the number,
  the enclosure line (italic) before the first paragraph;
- ru: the same letterhead and number, the enclosure line after the first paragraph;
- kk: no letterhead and no number (the Kazakh version follows the Russian one on the
  same file), the enclosure line after the first paragraph, not italic.

Pass another :class:`NoteLayout` to ``render_note(..., layout=...)`` to change that, e.g.
``NoteLayout(letterhead_langs=("kk", "ru"), number_line=True)`` for a stand-alone Kazakh note.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoteLayout:
    #: languages of the sender's name in the letterhead, top to bottom (empty: no letterhead)
    letterhead_langs: tuple[str, ...] = ()
    #: whether the register number line ("№NCT/CT/708") is printed
    number_line: bool = True
    #: how many body paragraphs come before the enclosure line (0: before the first one)
    enclosure_after: int = 0
    enclosure_italic: bool = True


DEFAULT_LAYOUTS: dict[str, NoteLayout] = {
    "en": NoteLayout(letterhead_langs=("en", "ru"), number_line=True, enclosure_after=0, enclosure_italic=True),
    "ru": NoteLayout(letterhead_langs=("en", "ru"), number_line=True, enclosure_after=1, enclosure_italic=True),
    "kk": NoteLayout(letterhead_langs=(), number_line=False, enclosure_after=1, enclosure_italic=False),
}
