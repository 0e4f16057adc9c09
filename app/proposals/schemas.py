from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class WindowIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    deadline: datetime = Field(description="ISO 8601; without a zone it is read in the secretariat's time zone")
    version: int | None = None


class WindowPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    deadline: datetime


class ProposalIn(BaseModel):
    """A member state's proposal. The proposing state is the delegate's own; status starts as draft."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["replace", "insert", "delete", "move", "comment"]
    clause_key: str | None = Field(None, max_length=40,
                                   description="the clause (replace, delete, move, comment) or the anchor (insert)")
    quoted_text: str | None = Field(None, max_length=200_000,
                                    description="the text the proposal was made against; refused if it differs")
    proposed_text: str = Field("", max_length=200_000)
    proposed_heading: str | None = Field(None, max_length=2_000)
    proposed_label: str | None = Field(None, max_length=100, description=(
        "insert: the new clause's number label as it should read (\"2.5 bis\"); by default the draft's "
        "numbering policy gives one (\"bis\" after the clause before it)"))
    position: Literal["before", "after", "last_child"] | None = None
    anchor_key: str | None = Field(None, max_length=40, description="move: the clause to move it next to")
    new_clause_kind: str | None = Field(None, max_length=20)
    rationale: str = Field("", max_length=50_000)
    translations: dict[str, str] | None = None
    base_version: int | None = None
    submit: bool = Field(False, description="submit at once instead of keeping it as the delegation's draft")


class ProposalPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    proposed_text: str | None = Field(None, max_length=200_000)
    proposed_heading: str | None = Field(None, max_length=2_000)
    rationale: str | None = Field(None, max_length=50_000)
    translations: dict[str, str] | None = None


class InviteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    states: list[str] = Field(min_length=1)


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["accepted", "accepted_modified", "rejected", "merged", "noted"]
    reason: str = Field(min_length=1, max_length=20_000)
    modified_text: str | None = Field(None, max_length=200_000)
    modified_heading: str | None = Field(None, max_length=2_000)
    merged_into: int | None = None
    meeting: str = Field("", max_length=200)
    redecide: bool = Field(False, description="change an earlier decision (its reason is the reason given)")


class EditorialChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["replace", "insert", "delete", "move"]
    key: str = Field(max_length=40)
    text: str = Field("", max_length=200_000)
    heading: str | None = Field(None, max_length=2_000)
    anchor: str | None = Field(None, max_length=40)
    position: Literal["before", "after", "last_child"] | None = None
    clause_kind: str | None = Field(None, max_length=20)


class ConsolidateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base_version: int
    proposals: list[int] | None = Field(None, description="accepted proposals to include; default: all accepted")
    editorial: list[EditorialChange] = []
    label: str = Field("", max_length=300, description="as typed; empty: \"Updated to reflect the proposals of "
                       "Member States\", shown in the reader's language")
