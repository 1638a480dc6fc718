"""Who and when: workshop metadata, the agenda, teams and members."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from workshop.ids import new_id
from workshop.model.base import Language, Model, StepId
from workshop.model.limits import MAX_MEMBERS, Day, Name, Title

DEFAULT_AGENDA: dict[StepId, int] = {
    "review": 30,
    "vision": 50,
    "gaps": 70,
    "charter": 25,
    "cocreate": 75,
    "plan": 70,
    "townhall": 55,
    "summary": 15,
}
"""Minutes per step for a one-day workshop: 390 in all, the method's day (9:00–12:00,
13:30–17:00), so a scenario without an ``[agenda]`` fits the one day it plans."""

TEAM_COLORS: tuple[str, ...] = (
    "#e4572e",
    "#17bebb",
    "#ffc914",
    "#76b041",
    "#7e5bef",
    "#ff7eb6",
    "#3a86ff",
    "#fb8500",
    "#8d99ae",
    "#2ec4b6",
)
"""Default team colours, distinct on a projector, in team order."""


class Meta(Model):
    """What the workshop is, for whom, and when."""

    title: Title
    """Shown in the header and on every printed page."""
    organization: Title = ""
    date: Day | None = None
    """The first day of the workshop."""
    days: int = Field(default=1, ge=1, le=5)
    facilitator: Title = ""
    location: Title = ""
    language: Language = "zh"
    """The language of the screens and handouts unless ``--lang`` says otherwise."""
    roles: list[Name] = Field(default_factory=list)
    """Roles teams elect (组长, 时间官, …); empty means the catalog's defaults."""

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value:
            raise ValueError("the title must not be empty")
        return value


class Member(Model):
    """A person in a team."""

    id: str = Field(default_factory=lambda: new_id("m"))
    name: Name
    role: Name = ""
    """The role the team elected this member to, if any."""

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value:
            raise ValueError("a member needs a name")
        return value


class Team(Model):
    """A team of 4–8 people that works at the keyboard in turn."""

    id: str = Field(default_factory=lambda: new_id("t"))
    name: Name
    color: str = "#3a86ff"
    """The team's colour (``#rrggbb``) on the turn bar, the boards and the handout."""
    members: list[Member] = Field(default_factory=list, max_length=MAX_MEMBERS)

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value:
            raise ValueError("a team needs a name")
        return value

    @field_validator("color")
    @classmethod
    def _color_is_hex(cls, value: str) -> str:
        value = value.strip().lower()
        if not re.fullmatch(r"#[0-9a-f]{6}", value):
            raise ValueError("a colour is written #rrggbb, e.g. #e4572e")
        return value

    def member(self, member_id: str | None) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)
