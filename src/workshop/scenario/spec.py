"""The scenario format: what a facilitator may write, table by table.

Each table of the TOML file is a strict pydantic model; ``docs/scenario-format.md``
documents every field (a test holds the two together).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from workshop.i18n import t
from workshop.model.base import DayStepId, Language, Line, Text
from workshop.model.limits import (
    MAX_CARDS,
    MAX_MEMBERS,
    MAX_TEAMS,
    Amount,
    Day,
    NameLength,
    Title,
    TitleLength,
    Weight,
)
from workshop.model.review import Outcome
from workshop.model.vision import CascadeKind

MAX_MINUTES = 600
"""Longest time box for one step in ``[agenda]``."""


def _not_blank(value: str) -> str:
    # Runs after cleaning, so "   " or a lone control character counts as empty.
    if not value:
        raise ValueError(t("scenario.expect.not_empty"))
    return value


def _rate_is_share(value: float) -> float:
    if not 0 < value <= 1:
        raise ValueError(t("scenario.rate_range"))
    return value


def _minutes_in_range(value: int) -> int:
    if not 0 <= value <= MAX_MINUTES:
        raise ValueError(t("scenario.minutes_range", max=MAX_MINUTES))
    return value


Name = Annotated[Line, AfterValidator(_not_blank)]
"""One line of user text that must not be empty once cleaned."""
ShortName = Annotated[Name, NameLength]
"""A name of a team, a member or a role: not empty, at most ``MAX_NAME`` characters."""
Statement = Annotated[Text, AfterValidator(_not_blank)]
"""Multi-line user text that must not be empty once cleaned."""
Rate = Annotated[float, AfterValidator(_rate_is_share)]
Minutes = Annotated[int, AfterValidator(_minutes_in_range)]


class _Spec(BaseModel):
    # strict: TOML has real types, so "2" is not 2 and true is not 1.
    # defer_build: the schemas are built on the first scenario read, not at every start-up.
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, defer_build=True)


class WorkshopSpec(_Spec):
    title: Annotated[Name, TitleLength]
    organization: Title = ""
    date: Day | None = None
    days: int = Field(default=1, ge=1, le=5)
    facilitator: Title = ""
    location: Title = ""
    language: Language = "zh"
    roles: list[ShortName] = Field(default_factory=list)


class MemberSpec(_Spec):
    name: ShortName
    role: Annotated[Line, NameLength] = ""


class TeamSpec(_Spec):
    name: ShortName
    color: str | None = None
    members: list[MemberSpec] = Field(default_factory=list, max_length=MAX_MEMBERS)

    @field_validator("color")
    @classmethod
    def _color_is_hex(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
            raise ValueError(t("scenario.expect.color"))
        return value.strip().lower() if value else value

    @field_validator("members", mode="before")
    @classmethod
    def _names_as_members(cls, value: Any) -> Any:
        # A member may be written as just a name: members = ["张三", "李四"].
        if isinstance(value, list):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value


class GoalSpec(_Spec):
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_\-]{1,40}$")
    statement: Name
    metric: Line = ""
    unit: Line = ""
    baseline: Amount | None = None
    floor: Amount | None = None
    target: Amount | None = None
    stretch: Amount | None = None
    deadline: Day | None = None
    parent: Line | None = None
    team: Line | None = None
    growth: float | None = None
    factors: float | None = Field(default=None, gt=0)
    kind: Literal["amount", "level"] | None = None


class PartSpec(_Spec):
    label: Name
    weight: Weight = Field(default=1.0, ge=0)
    team: Line | None = None
    member: Line | None = None
    note: Line = ""


class CascadeSpec(_Spec):
    goal: Line
    kind: CascadeKind = "time"
    label: Line = ""
    step: float = Field(default=1, gt=0)
    parts: list[PartSpec] = Field(min_length=1)


class FunnelSpec(_Spec):
    goal: Line | None = None
    label: Line = ""
    target_value: Amount = Field(gt=0)
    average_value: Amount = Field(gt=0)
    stages: list[Name] = Field(min_length=2)
    rates: list[Rate] = Field(default_factory=list)
    weeks_per_year: int = Field(default=50, ge=1, le=53)
    days_per_week: int = Field(default=5, ge=1, le=7)


class ReviewGoalSpec(_Spec):
    statement: Name
    unit: Line = ""
    target: Amount | None = None
    actual: Amount | None = None
    outcome: Outcome | None = None
    note: Text = ""


class ReviewSpec(_Spec):
    goals: list[ReviewGoalSpec] = Field(default_factory=list)


class VisionSpec(_Spec):
    statement: Text = ""


class GapsSpec(_Spec):
    key_count: int = Field(default=3, ge=1, le=20)
    bones: list[Name] = Field(default_factory=list)


class CharterSpec(_Spec):
    rules: list[Name] = Field(default_factory=list)


class CocreateSpec(_Spec):
    focus_question: Text = ""
    dots: int = Field(default=3, ge=1, le=20)
    dots_per: Literal["team", "member"] = "team"
    cap_per_turn: int | None = Field(default=None, ge=1)


class TownhallSpec(_Spec):
    minutes_per_team: int = Field(default=8, ge=1, le=120)


class CardSpec(_Spec):
    step: DayStepId
    board: str = ""
    text: Statement
    team: Line | None = None
    hidden: bool = False


class ScenarioSpec(_Spec):
    """A whole scenario file."""

    workshop: WorkshopSpec
    agenda: dict[DayStepId, Minutes] = Field(default_factory=dict)
    teams: list[TeamSpec] = Field(min_length=1, max_length=MAX_TEAMS)
    goals: list[GoalSpec] = Field(default_factory=list)
    cascades: list[CascadeSpec] = Field(default_factory=list)
    funnels: list[FunnelSpec] = Field(default_factory=list)
    review: ReviewSpec = Field(default_factory=ReviewSpec)
    vision: VisionSpec = Field(default_factory=VisionSpec)
    gaps: GapsSpec = Field(default_factory=GapsSpec)
    charter: CharterSpec = Field(default_factory=CharterSpec)
    cocreate: CocreateSpec = Field(default_factory=CocreateSpec)
    townhall: TownhallSpec = Field(default_factory=TownhallSpec)
    cards: list[CardSpec] = Field(default_factory=list, max_length=MAX_CARDS)


SPECS: tuple[type[BaseModel], ...] = (
    ScenarioSpec, WorkshopSpec, TeamSpec, MemberSpec, GoalSpec, CascadeSpec, PartSpec,
    FunnelSpec, ReviewSpec, ReviewGoalSpec, VisionSpec, GapsSpec, CharterSpec, CocreateSpec,
    TownhallSpec, CardSpec,
)
"""Every table of the format, for the documentation and its test."""
