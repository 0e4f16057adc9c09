"""Request bodies of the notes API. Names of things are entity keys (see /api/v1/name-forms)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..core.notes.model import KINDS
from ..models import ENTITY_KINDS

NoteKind = Literal["transmission", "invitation", "convening", "silence", "signature"]
EntityKey = str  # e.g. "astana", "cica-soc"
EntityKind = Literal["organisation", "addressee", "body", "title", "place", "agenda item"]
# the same words as the tuples the service checks, written out for the type checker
if get_args(NoteKind) != KINDS or get_args(EntityKind) != ENTITY_KINDS:
    raise RuntimeError("app.notes.schemas: NoteKind/EntityKind differ from KINDS/ENTITY_KINDS")


class ReferenceIn(BaseModel):
    """An earlier note: a note of the register by id, or an outside note by number and date."""

    model_config = ConfigDict(extra="forbid")
    note_id: int | None = Field(None, description="a note of the register; its number and date come from there")
    number: str | None = Field(None, min_length=1, max_length=80, description="e.g. NCT/CT/513")
    date: dt.date | None = Field(None, description="ISO date of the earlier note, e.g. 2024-04-18")

    @model_validator(mode="after")
    def one_way(self) -> ReferenceIn:
        if self.note_id is not None and (self.number is not None or self.date is not None):
            raise ValueError("give either note_id (a note of the register) or number and date, not both")
        if self.note_id is None and (self.number is None or self.date is None):
            raise ValueError("a reference needs note_id, or both number and date")
        return self


class MeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: EntityKey = Field(min_length=1, max_length=80, description="entity of kind 'body', e.g. cica-swg")
    date: dt.date
    place: EntityKey | None = Field(None, max_length=80, description="entity of kind 'place'; default: the note's")


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoteIn(_Facts):
    """A new note of the register. Status starts as draft; `POST /notes/{id}/issue` issues it."""

    number: str | None = Field(None, max_length=80,
                               description="e.g. NCT/CT/708; default: the next free number of `series`")
    series: str | None = Field(None, max_length=60, description="used when `number` is not given; default NCT/CT")
    kind: NoteKind
    date: dt.date = Field(description="ISO date of the note, e.g. 2024-06-12")
    place: EntityKey = Field(min_length=1, max_length=80, description="entity of kind 'place', e.g. astana")
    sender: EntityKey = Field(min_length=1, max_length=80, description="e.g. cica-secretariat")
    addressees: list[EntityKey] = Field(description="e.g. [cica-member-states]")
    title: EntityKey | None = Field(None, max_length=80,
                                    description="entity of kind 'title': the draft's name in its cases")
    references: list[ReferenceIn] = []
    meetings: list[MeetingIn] = []
    enclosure_pages: int | None = Field(None, ge=1, le=10_000)
    deadline: dt.date | None = None
    agenda: list[EntityKey] = Field([], description="entities of kind 'agenda item' (convening notes)")
    enclosure_style: Literal["abbreviated", "full"] = "abbreviated"
    draft_id: int | None = Field(None, description="the draft concerned; required unless the kind is convening")
    version: int | None = Field(None, ge=1, description="the version of the draft; default: its latest")


class NotePatch(_Facts):
    """Change a draft note (needs If-Match). Fields given replace the stored ones."""

    number: str | None = Field(None, min_length=1, max_length=80)
    kind: NoteKind | None = None
    date: dt.date | None = None
    place: EntityKey | None = Field(None, min_length=1, max_length=80)
    sender: EntityKey | None = Field(None, min_length=1, max_length=80)
    addressees: list[EntityKey] | None = None
    title: EntityKey | None = Field(None, max_length=80)
    references: list[ReferenceIn] | None = None
    meetings: list[MeetingIn] | None = None
    enclosure_pages: int | None = Field(None, ge=1, le=10_000)
    deadline: dt.date | None = None
    agenda: list[EntityKey] | None = None
    enclosure_style: Literal["abbreviated", "full"] | None = None
    draft_id: int | None = None
    version: int | None = Field(None, ge=1)


NOT_NULL_IN_PATCH = ("number", "kind", "date", "place", "sender", "addressees", "references", "meetings", "agenda",
                     "enclosure_style")


class NameFormsIn(BaseModel):
    """An entity's kind and all its forms: {lang: {form: text}}. An empty text removes the form."""

    model_config = ConfigDict(extra="forbid")
    kind: EntityKind
    forms: dict[str, dict[str, str]] = Field(
        description="e.g. {\"ru\": {\"nominative\": \"город Астана\", \"prepositional\": \"городе Астане\"}}")
