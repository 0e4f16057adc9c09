"""Request bodies of the approval path. Input schemas carry no owner, status or outcome fields."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BodyIn(_In):
    key: str = Field(min_length=1, max_length=80, description="name-forms key, e.g. cica-swg")
    rank: int = Field(1, ge=1, le=10, description="1 working level, 2 senior officials, 3 ministers")
    forms: dict[str, dict[str, str]] | None = Field(
        None, description="names by language and form, for a body whose name forms do not exist yet: "
                          "{\"en\": {\"nominative\": …}, \"ru\": {\"nominative\": …, \"genitive\": …}, …}")


class AgendaItemIn(_In):
    draft_id: int
    version: int | None = Field(None, ge=1, description="default: the draft's current version")
    with_compilation: bool = False
    title: str | None = Field(None, max_length=500)


class MeetingIn(_In):
    body: str = Field(min_length=1, max_length=80, description="a body's key, e.g. cica-soc")
    title: str = Field("", max_length=300)
    starts_at: dt.datetime = Field(description="ISO date and time; without a zone it is read in `timezone`")
    timezone: str | None = Field(None, max_length=60, description="IANA zone; default the organisation's")
    place: str | None = Field(None, max_length=80, description="name-forms key of a place, e.g. astana")
    online: bool = False
    online_url: str = Field("", max_length=500)
    agenda: list[AgendaItemIn] = []


class AttendanceIn(_In):
    present: list[str] = Field(description="ISO3 codes of the member states present")


class ConveningNoteIn(_In):
    number: str | None = Field(None, max_length=80)
    series: str | None = Field(None, max_length=60)
    date: dt.date
    place: str = Field("astana", max_length=80, description="where the note is written")
    sender: str = Field("cica-secretariat", max_length=80)
    addressees: list[str] = ["cica-member-states"]
    deadline: dt.date | None = None
    agenda: list[str] = []
    enclosure_pages: int | None = Field(None, ge=1, le=10_000)


class DecisionIn(_In):
    kind: Literal["agreed_ad_referendum", "approved", "returned", "deferred"]
    agenda_item_id: int | None = None
    draft_id: int | None = Field(None, description="instead of agenda_item_id: the draft's item on the agenda")
    instructions: str = Field("", max_length=20_000, description="required when returned for revision")
    deadline: dt.datetime | None = Field(None, description="returned: the new proposal window's deadline "
                                                           "(default: 30 days)")


class ClauseStatusIn(_In):
    key: str = Field(min_length=1, max_length=40)
    status: Literal["agreed", "open"]
    note: str = Field("", max_length=5000)


class AgreementIn(_In):
    draft_id: int
    clauses: list[ClauseStatusIn] = Field(min_length=1, max_length=10_000)


class AlternativeIn(_In):
    label: str | None = Field(None, max_length=40, description="default Alt 1, Alt 2, …")
    text: str = Field(max_length=20_000)
    states: list[str] = Field([], description="ISO3 codes of the states supporting this alternative")


class BracketIn(_In):
    draft_id: int
    clause_key: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=20_000, description="the words of the clause put in brackets")
    alternatives: list[AlternativeIn] = Field(min_length=1, max_length=20)


class ResolveIn(_In):
    alternative: int | None = Field(None, description="index of the alternative kept; none: brackets lifted")


class ProcedureIn(_In):
    steps: list[dict] | None = Field(None, description="[{\"status\": \"agreed_ad_referendum\", \"required\": true, "
                                                       "\"body\": \"cica-swg\"}, {\"status\": \"approved\", …}]")
    entry_rule: Literal["last_signature", "days_after_last_notification"] | None = None
    entry_days: int | None = Field(None, ge=0, le=3650)
    term_years: int | None = Field(None, ge=1, le=100)
    notice_days: int | None = Field(None, ge=0, le=3650)
    reminder_days: int | None = Field(None, ge=0, le=3650)
    parties: list[str] | None = None


class SilenceIn(_In):
    deadline: dt.datetime = Field(description="without a zone it is read in the organisation's time zone")
    step: Literal["agreed_ad_referendum", "approved"] | None = Field(None, description="default: the next step")
    note_id: int | None = Field(None, description="the silence note issued with it")


class ObjectionIn(_In):
    reason: str = Field(min_length=1, max_length=20_000)


class SignatureIn(_In):
    party: str = Field(min_length=1, max_length=200)
    signed_on: dt.date
    place: str = Field(min_length=1, max_length=200)
    signatory: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=300)
    notified_on: dt.date | None = Field(None, description="the party's notification that its procedures are done")
