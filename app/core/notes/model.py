"""Facts of a note verbale, as plain dataclasses.

Names of organisations, bodies, places and draft titles are DATA: an :class:`Entity`
carries, per language, the text of every form the templates need::

    NameForms = {lang: {form: text}}
    {"en": {"nominative": "CICA Senior Officials Committee"},
     "ru": {"nominative": "Комитет старших должностных лиц СВМДА",
            "genitive": "Комитета старших должностных лиц СВМДА",
            "instrumental": "Комитетом старших должностных лиц СВМДА"},
     "kk": {"nominative": "Азия Кеңесі Аға лауазымды тұлғалар комитеті",
            "genitive": "Азия Кеңесі Аға лауазымды тұлғалар комитетінің"}}

Form names (see :data:`FORMS`): grammatical cases (``nominative``, ``genitive``,
``dative``, ``accusative``, ``instrumental``, ``prepositional`` (ru), ``locative``,
``ablative`` (kk)); the same prefixed with ``short_`` for the short name
(``short_nominative`` "CICA Secretariat", ``short_dative``); the two parts of a Kazakh
noun phrase, ``attribute`` (everything before the head noun) and ``head`` (so that a
word such as "жаңартылған" can go between them); and two layout forms, ``letterhead``
and ``address_block`` (multi-line, lines separated by "\\n", written as printed, e.g. in
capitals). A form that is asked for and absent raises :class:`MissingForm`; there are
no silent fallbacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from datetime import date as _date
from typing import Any

from app.core.i18n import LANGUAGE_NAMES

NameForms = Mapping[str, Mapping[str, str]]

CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional", "locative",
         "ablative")
FORMS = (*CASES, *(f"short_{c}" for c in CASES), "attribute", "head", "letterhead", "address_block")

KINDS = ("transmission", "invitation", "convening", "silence", "signature")
ENCLOSURE_STYLES = ("abbreviated", "full")


class NoteError(ValueError):
    """Base class of the notes core's errors (bad facts, missing data).

    Like the application's errors (app.errors) each carries a stable ``code`` and its ``params``
    (plain data: keys, numbers, codes of words, other NoteErrors), so the service renders it from the
    ``errors`` catalog in the reader's language (app/errors/more_messages.py); ``str(exc)`` stays the
    English sentence. The core imports nothing of the catalogs."""

    def __init__(self, message: str = "", *, code: str = "note_core_error", **params: Any):
        super().__init__(message)
        self.code = code
        self.params = {"reason": message, **params} if code == "note_core_error" else params


class NoteFactsError(NoteError):
    """The facts do not make a note of their kind (missing deadline, unused meetings...)."""


class MissingForm(NoteError):
    """A form of a name that a template needs is not in the data."""

    def __init__(self, entity: Entity, lang: str, case: str):
        self.entity = entity
        self.lang = lang
        self.case = case
        what = case.replace("_", " ")
        super().__init__(
            f"{LANGUAGE_NAMES.get(lang, lang)} {what} form of {entity.kind} '{entity.label}' is missing"
            f" (entity key '{entity.key}', forms['{lang}']['{case}'])",
            code="note_form_missing", language=lang, form_name=case, entity_kind=entity.kind,
            label={code: entity.label_in(code) for code in LANGUAGE_NAMES}, key=entity.key, lang=lang, form=case,
        )


@dataclass(frozen=True)
class Entity:
    """A named thing (organisation, addressee, body, title, place, agenda item) with its forms."""

    kind: str
    key: str
    forms: NameForms

    @property
    def label(self) -> str:
        en = self.forms.get("en", {})
        return en.get("short_nominative") or en.get("nominative") or self.key

    def label_in(self, lang: str) -> str:
        """The label in ``lang`` (the English one where that language has none)."""
        forms = self.forms.get(lang, {})
        return forms.get("short_nominative") or forms.get("nominative") or self.label

    def form(self, lang: str, case: str = "nominative") -> str:
        text = self.forms.get(lang, {}).get(case)
        if not text:
            raise MissingForm(self, lang, case)
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key,
                "forms": {lang: dict(forms) for lang, forms in self.forms.items()}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], key: str | None = None) -> Entity:
        forms = d["forms"]
        for lang, by_case in forms.items():
            for case, text in by_case.items():
                if case not in FORMS:
                    raise NoteFactsError(f"unknown form {case!r} in {lang!r} forms of {d.get('key') or key!r}",
                                         code="facts_form_unknown", form=case, lang=lang, key=d.get("key") or key)
                if not isinstance(text, str):
                    raise NoteFactsError(f"form {lang}/{case} of {d.get('key') or key!r} is not text",
                                         code="facts_form_not_text", form=case, lang=lang, key=d.get("key") or key)
        return cls(kind=d["kind"], key=d.get("key") or key or "", forms={k: dict(v) for k, v in forms.items()})


@dataclass(frozen=True)
class NoteRef:
    """An earlier note referred to: its register number and date."""

    number: str
    date: date


@dataclass(frozen=True)
class Meeting:
    body: Entity
    date: date
    place: Entity | None = None


@dataclass(frozen=True)
class NoteFacts:
    """Everything a note says, in no language in particular.

    Per kind (see :data:`KIND_RULES`): ``title`` is the draft concerned; ``meetings`` are
    the meetings announced (transmission, invitation), the meeting convened (convening,
    exactly one) or the meeting that approved the text (signature, at most one);
    ``deadline`` is the date by which proposals (invitation), objections (silence),
    delegations (convening) or readiness to sign (signature) are expected.
    """

    kind: str
    number: str
    date: date
    place: Entity
    sender: Entity
    addressees: Sequence[Entity]
    title: Entity | None = None
    references: Sequence[NoteRef] = ()
    meetings: Sequence[Meeting] = ()
    enclosure_pages: int | None = None
    deadline: _date | None = None  # (the field `date` above hides the type in this class)
    agenda: Sequence[Entity] = ()
    enclosure_style: str = "abbreviated"

    def __post_init__(self) -> None:
        for name in ("addressees", "references", "meetings", "agenda"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        validate(self)

    # -- plain data in and out (for the API and the database) --------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; entities by key (store them separately, see :func:`entities_to_dict`)."""
        return {
            "kind": self.kind,
            "number": self.number,
            "date": self.date.isoformat(),
            "place": self.place.key,
            "sender": self.sender.key,
            "addressees": [a.key for a in self.addressees],
            "title": self.title.key if self.title else None,
            "references": [{"number": r.number, "date": r.date.isoformat()} for r in self.references],
            "meetings": [{"body": m.body.key, "date": m.date.isoformat(), "place": m.place.key if m.place else None}
                         for m in self.meetings],
            "enclosure_pages": self.enclosure_pages,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "agenda": [a.key for a in self.agenda],
            "enclosure_style": self.enclosure_style,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], entities: Mapping[str, Entity]) -> NoteFacts:
        def ent(key: str | Entity) -> Entity:
            if isinstance(key, Entity):
                return key
            try:
                return entities[key]
            except KeyError:
                raise NoteFactsError(f"unknown entity {key!r}", code="facts_entity_unknown", key=key) from None

        def day(value: Any) -> date:
            return value if isinstance(value, date) else date.fromisoformat(value)

        return cls(
            kind=d["kind"],
            number=d["number"],
            date=day(d["date"]),
            place=ent(d["place"]),
            sender=ent(d["sender"]),
            addressees=[ent(k) for k in d.get("addressees", ())],
            title=ent(d["title"]) if d.get("title") else None,
            references=[NoteRef(r["number"], day(r["date"])) for r in d.get("references", ())],
            meetings=[Meeting(ent(m["body"]), day(m["date"]), ent(m["place"]) if m.get("place") else None)
                      for m in d.get("meetings", ())],
            enclosure_pages=d.get("enclosure_pages"),
            deadline=day(d["deadline"]) if d.get("deadline") else None,
            agenda=[ent(k) for k in d.get("agenda", ())],
            enclosure_style=d.get("enclosure_style", "abbreviated"),
        )


def entities_to_dict(entities: Iterable[Entity]) -> dict[str, dict[str, Any]]:
    return {e.key: e.to_dict() for e in entities}


def entities_from_dict(d: Mapping[str, Mapping[str, Any]]) -> dict[str, Entity]:
    return {key: Entity.from_dict(value, key) for key, value in d.items()}


@dataclass(frozen=True)
class KindRule:
    needs_title: bool
    needs_deadline: bool
    references: bool  # may refer to earlier notes
    meetings: tuple[int, int | None]  # (min, max) number of meetings
    agenda: bool = False


KIND_RULES: dict[str, KindRule] = {
    "transmission": KindRule(needs_title=True, needs_deadline=False, references=True, meetings=(0, None)),
    "invitation": KindRule(needs_title=True, needs_deadline=True, references=True, meetings=(0, None)),
    "convening": KindRule(needs_title=False, needs_deadline=False, references=False, meetings=(1, 1), agenda=True),
    "silence": KindRule(needs_title=True, needs_deadline=True, references=True, meetings=(0, 0)),
    "signature": KindRule(needs_title=True, needs_deadline=False, references=False, meetings=(0, 1)),
}


def validate(f: NoteFacts) -> None:
    problems: list[NoteFactsError] = []

    def problem(message: str, code: str, **params: Any) -> None:
        problems.append(NoteFactsError(message, code=code, **params))

    rule = KIND_RULES.get(f.kind)
    if rule is None:
        raise NoteFactsError(f"unknown note kind {f.kind!r}; expected one of {', '.join(KINDS)}",
                             code="facts_kind_unknown", value=f.kind, kinds=", ".join(KINDS))
    if not f.number.strip():
        problem("the note has no number", "facts_no_number")
    if not f.addressees:
        problem("the note has no addressee", "facts_no_addressee")
    if rule.needs_title and f.title is None:
        problem("a draft title is required", "facts_title_needed")
    if rule.needs_deadline and f.deadline is None:
        problem("a deadline is required", "facts_deadline_needed")
    if f.references and not rule.references:
        problem("references to earlier notes are not used", "facts_references_unused")
    low, high = rule.meetings
    if high == 0 and f.meetings:
        problem("meetings are not used", "facts_meetings_unused")
    elif len(f.meetings) < low or (high is not None and len(f.meetings) > high):
        got = len(f.meetings)
        if low == high:
            problem(f"exactly {low} meeting(s) expected, got {got}", "facts_meetings_exactly", expected=low, count=got)
        elif low == 0:
            problem(f"at most {high} meeting(s) expected, got {got}", "facts_meetings_at_most", expected=high,
                    count=got)
        else:
            problem(f"at least {low} meeting(s) expected, got {got}", "facts_meetings_at_least", expected=low,
                    count=got)
    if f.agenda and not rule.agenda:
        problem("an agenda is not used", "facts_agenda_unused")
    if f.enclosure_pages is not None and f.enclosure_pages < 1:
        problem("enclosure_pages must be at least 1", "facts_enclosure_pages")
    if f.enclosure_style not in ENCLOSURE_STYLES:
        problem(f"enclosure_style must be one of {', '.join(ENCLOSURE_STYLES)}", "facts_enclosure_style",
                styles=", ".join(ENCLOSURE_STYLES))
    if problems:
        raise NoteFactsError(f"{f.kind} note {f.number}: " + "; ".join(str(p) for p in problems),
                             code="facts_problems", note_kind=f.kind, number=f.number, problems=problems)


__all__ = [
    "CASES", "FORMS", "KINDS", "KIND_RULES", "Entity", "Meeting", "MissingForm", "NameForms", "NoteError",
    "NoteFacts", "NoteFactsError", "NoteRef", "entities_from_dict", "entities_to_dict",
]
