from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class DraftCreate(BaseModel):
    """A new draft from its text (plain text or Markdown in the house styles Concord reads)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=5_000_000)
    title: str = Field("", max_length=500)
    short_title: str = Field("", max_length=200)
    authentic_lang: str = Field("en", pattern="^(en|ru|kk)$")
    working_langs: list[str] = ["ru", "kk"]
    participants: list[str] | None = Field(None, description="ISO3 codes; default: every member state")


class DraftPatch(BaseModel):
    """Metadata only: status changes are workflow steps, never a PATCH."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(None, min_length=1, max_length=500)
    short_title: str | None = Field(None, max_length=200)
    working_langs: list[str] | None = None
    participants: list[str] | None = None


class VersionOut(BaseModel):
    number: int
    label: str
    hash: str
    clause_count: int
    base_number: int | None
    created_at: datetime


class DraftOut(BaseModel):
    id: int
    title: str
    short_title: str
    status: str
    authentic_lang: str
    languages: list[str]
    participants: list[str]
    latest_version: int | None
    created_at: datetime
    updated_at: datetime
    import_report: dict | None = Field(None, description=(
        "after an import: `warnings` (irregular numbering as written: skips, repeats, restarts, "
        "mixed styles, lists beginning mid-way; the labels are kept), `dropped` and `repairs` (what "
        "the import removed on purpose, with reason and source line) and `fidelity` (word counts)"))


class TranslationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field("", max_length=200_000)
    heading: str = Field("", max_length=2_000)


class TranslationOut(BaseModel):
    key: str
    lang: str
    heading: str
    text: str
    status: str
    source_hash: str
