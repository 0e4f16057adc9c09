"""Rendering a note: facts -> :class:`RenderedNote` -> plain text / HTML (/ .docx in docx.py).

How the sentences are made
--------------------------
Every sentence goes through the gettext domain "notes" (``locales/<lang>/LC_MESSAGES/
notes.po``; msgids in English, whole sentences with named placeholders).

- The body paragraphs of each kind of note come from ``templates/<kind>.html``. These
  templates are rendered by the *text environment* (:func:`text_environment`), whose
  autoescaping is OFF on purpose: their output is plain text, not HTML — one paragraph per
  block, blocks separated by a blank line, white space inside a block collapsed. The
  files end in ``.html`` like every template of the project (extraction and editors treat
  them alike); they are never sent to a browser as they are.
- Short structural lines (number line, enclosure, place and date, list items) are
  gettext calls in this module.
- The result, a :class:`RenderedNote`, holds plain text only. :func:`note_text` writes it
  out, :func:`note_html` renders it through ``templates/note.html`` in the *HTML
  environment* (autoescaping ON), :func:`app.core.notes.docx.note_docx` builds Word.
  One structure, three outputs: they cannot disagree on wording or order.

Placeholders and grammatical case
---------------------------------
A placeholder names a value and, after an underscore, the form wanted: ``%(sender)s``
(nominative), ``%(sender_short)s`` (short name), ``%(addressees_dative)s``,
``%(title_genitive)s``, ``%(title_attribute)s`` / ``%(title_head)s`` (Kazakh noun phrase
split around an inserted word), ``%(date_locative)s`` (kk "2024 жылғы 25 маусымда"),
``%(deadline_dative)s``. The translator picks the case the sentence needs; names take it
from the data (:class:`~app.core.notes.model.Entity`), dates from the language rules
(:mod:`app.core.i18n`). A missing name form raises
:class:`~app.core.notes.model.MissingForm`.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from app.core.i18n import LANGUAGE_TAGS, LANGUAGES, check_language, format_date, join_and
from app.core.i18n.catalogs import translations

from .layout import DEFAULT_LAYOUTS, NoteLayout
from .model import Entity, MissingForm, NoteError, NoteFacts

TEMPLATES_DIR = Path(__file__).parent / "templates"

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@cache
def text_environment() -> Environment:
    """Jinja environment for the kind templates: output is plain text, so no autoescaping."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=False,  # plain text out; HTML escaping happens in note.html (html_environment)
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )


@cache
def html_environment() -> Environment:
    """Jinja environment for HTML output: autoescaping by extension (every template is .html)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )


# -- the rendered structure ----------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One printed block of a note: its lines and how it looks."""

    role: str  # letterhead | number | enclosure | paragraph | place_date | addressee
    lines: tuple[str, ...]
    lang: str
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left | center | justify
    first_line_indent: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class RenderedNote:
    lang: str
    kind: str
    number: str
    letterhead: tuple[tuple[str, tuple[str, ...]], ...]  # (language of the name, lines)
    number_line: str | None
    enclosure: tuple[str, ...] | None  # ("Enclosure:", "on 9 p.")
    body: tuple[str, ...]
    place_date: str
    addressee_block: tuple[tuple[str, ...], ...]  # lines per addressee
    layout: NoteLayout = field(default_factory=NoteLayout)

    def blocks(self) -> Iterator[Block]:
        """The blocks in reading order (what text, HTML and Word all print)."""
        for lang, lines in self.letterhead:
            yield Block("letterhead", lines, lang, bold=True, align="center")
        if self.number_line:
            yield Block("number", (self.number_line,), self.lang)
        enclosure = (Block("enclosure", self.enclosure, self.lang, italic=self.layout.enclosure_italic)
                     if self.enclosure else None)
        after = min(self.layout.enclosure_after, len(self.body))
        for i, paragraph in enumerate(self.body):
            if enclosure and i == after:
                yield enclosure
            yield Block("paragraph", (paragraph,), self.lang, align="justify", first_line_indent=True)
        if enclosure and after == len(self.body):
            yield enclosure
        yield Block("place_date", (self.place_date,), self.lang)
        for lines in self.addressee_block:
            yield Block("addressee", lines, self.lang, bold=True)


# -- placeholders ---------------------------------------------------------------------------


class _Slots:
    """The mapping a translated string is %-formatted with: resolves ``role_form`` keys lazily."""

    def __init__(self, values: dict[str, Any], renderer: _Renderer):
        self.values = values
        self.renderer = renderer

    def __getitem__(self, key: str) -> Any:
        if key in self.values:
            role, form = key, ""
        else:
            role, _, form = key.partition("_")
            if role not in self.values:
                raise KeyError(f"placeholder %({key})s: no value {role!r} is passed to this sentence "
                               f"(passed: {', '.join(sorted(self.values))})")
        return self.renderer.resolve(self.values[role], form, key)


class _Renderer:
    def __init__(self, facts: NoteFacts, lang: str, layout: NoteLayout, strict: bool = True,
                 catalog: gettext.NullTranslations | None = None):
        self.facts = facts
        self.lang = check_language(lang)
        self.layout = layout
        self.strict = strict
        self.missing: list[MissingForm] = []
        self.catalog = catalog if catalog is not None else translations(self.lang)

    # names and values in the wanted form

    def form(self, entity: Entity, case: str, lang: str | None = None) -> str:
        try:
            return entity.form(lang or self.lang, case)
        except MissingForm as exc:
            if self.strict:
                raise
            self.missing.append(exc)
            return f"[{entity.key}:{case}]"

    def resolve(self, value: Any, form: str, key: str) -> Any:
        if isinstance(value, Entity):
            case = "nominative" if not form else ("short_nominative" if form == "short" else form)
            return self.form(value, case)
        if isinstance(value, (tuple, list)) and all(isinstance(v, Entity) for v in value):
            return join_and([self.resolve(v, form, key) for v in value], self.lang)
        if isinstance(value, date):
            try:
                return format_date(value, self.lang, form or "nominative")
            except ValueError as exc:
                raise NoteError(f"placeholder %({key})s: {exc}") from None
        if form:
            raise KeyError(f"placeholder %({key})s: {type(value).__name__} values have no forms")
        return value

    # gettext with named placeholders

    def _format(self, msgid: str, text: str, values: dict[str, Any]) -> str:
        if not values:
            return text
        try:
            return text % _Slots(values, self)
        except NoteError:
            raise  # MissingForm etc. already say what is wrong
        except (KeyError, TypeError, ValueError) as exc:
            detail = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            raise NoteError(f"{self.lang} translation of {msgid!r} cannot be filled in: {detail}") from None

    def gettext(self, msgid: str, **values: Any) -> str:
        return self._format(msgid, self.catalog.gettext(msgid), values)

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        values.setdefault("num", n)
        return self._format(singular, self.catalog.ngettext(singular, plural, n), values)

    def pgettext(self, context: str, msgid: str, **values: Any) -> str:
        return self._format(msgid, self.catalog.pgettext(context, msgid), values)

    # the note

    def render(self) -> RenderedNote:
        f = self.facts
        _ = self.gettext
        pgettext = self.pgettext
        ngettext = self.ngettext

        refs = join_and(
            [_("No. %(number)s of %(date)s", number=r.number, date=r.date) for r in f.references],
            self.lang, nouns=True,
        )
        # Translators: one meeting in "the next meetings of ..."; the body takes the case of that sentence.
        meetings = join_and(
            [pgettext("meetings on the agenda", "the %(body)s on %(date)s", body=m.body, date=m.date)
             for m in f.meetings],
            self.lang,
        )
        meeting = f.meetings[0] if f.meetings else None
        context = {
            "_": _, "gettext": _, "ngettext": ngettext, "pgettext": pgettext,
            "facts": f,
            "sender": f.sender,
            "addressees": f.addressees,
            "title": f.title,
            "refs": refs,
            "n_refs": len(f.references),
            "meetings": meetings,
            "n_meetings": len(f.meetings),
            "meeting": meeting,
            "meeting_place": (meeting.place or f.place) if meeting else None,
            "deadline": f.deadline,
            "agenda": [self.form(item, "nominative") for item in f.agenda],
        }
        text = text_environment().get_template(f"{f.kind}.html").render(context)
        body = tuple(p for p in (" ".join(chunk.split()) for chunk in _BLANK_LINE.split(text)) if p)

        letterhead = tuple((lang, tuple(self.form(f.sender, "letterhead", lang).split("\n")))
                           for lang in self.layout.letterhead_langs)
        number_line = pgettext("number line", "№%(number)s", number=f.number) if self.layout.number_line else None
        enclosure = None
        if f.enclosure_pages:
            if f.enclosure_style == "full":
                pages = ngettext("%(num)d page", "%(num)d pages", f.enclosure_pages)
            else:
                pages = pgettext("enclosure, abbreviated", "on %(pages)d p.", pages=f.enclosure_pages)
            enclosure = (_("Enclosure:"), pages)
        place_date = _("%(place)s, %(date)s", place=f.place, date=f.date)
        addressee_block = tuple(tuple(self.form(a, "address_block").split("\n")) for a in f.addressees)
        return RenderedNote(
            lang=self.lang, kind=f.kind, number=f.number, letterhead=letterhead, number_line=number_line,
            enclosure=enclosure, body=body, place_date=place_date, addressee_block=addressee_block,
            layout=self.layout,
        )


# -- public API -----------------------------------------------------------------------------


def render_note(facts: NoteFacts, lang: str, layout: NoteLayout | None = None,
                catalog: gettext.NullTranslations | None = None) -> RenderedNote:
    """The note in one language, as a structure of plain-text blocks.

    ``layout`` defaults to :data:`DEFAULT_LAYOUTS` (the reference note's); ``catalog``
    to the compiled ``notes`` catalog of ``lang`` (pass another one to preview a
    translation being edited). Raises :class:`MissingForm` when a name lacks a form a
    sentence needs, :class:`NoteError` when a translation uses an unknown placeholder.
    """
    check_language(lang)
    return _Renderer(facts, lang, layout or DEFAULT_LAYOUTS[lang], catalog=catalog).render()


def missing_forms(facts: NoteFacts, langs: Sequence[str] = LANGUAGES,
                  layouts: dict[str, NoteLayout] | None = None) -> list[MissingForm]:
    """Every name form the note needs and the data lacks, in all ``langs`` (no exception)."""
    missing: list[MissingForm] = []
    for lang in langs:
        r = _Renderer(facts, lang, (layouts or DEFAULT_LAYOUTS)[lang], strict=False)
        r.render()
        missing.extend(r.missing)
    return missing


def note_text(rendered: RenderedNote) -> str:
    """Plain text: blocks separated by a blank line, lines of a block by a newline."""
    return "\n\n".join(block.text for block in rendered.blocks()) + "\n"


def note_html(rendered: RenderedNote | Sequence[RenderedNote], standalone: bool = False) -> str:
    """HTML (escaped) of one note, or of several language versions one after another.

    A fragment (``<article>`` per note) unless ``standalone``, which wraps it in a document.
    """
    notes = [rendered] if isinstance(rendered, RenderedNote) else list(rendered)
    return html_environment().get_template("note.html").render(
        notes=notes, standalone=standalone, tags=LANGUAGE_TAGS,
    )

