"""Step 1 (目标呈现与愿景共识): goals, the shared vision, target cascades, funnels."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import Card, Line, Model, Text
from workshop.model.limits import MAX_CARDS, Amount, Day, Weight


class Goal(Model):
    """A goal in the goal tree: company → department → person (上级措施就是下级目标)."""

    id: str = Field(default_factory=lambda: new_id("g"))
    statement: Line
    """The goal as people say it, e.g. 2027年12月31日前山东区销售额达到700万元."""
    metric: Line = ""
    """What is measured, e.g. 销售额; for a qualitative goal, how it is judged."""
    unit: Line = ""
    """The unit of baseline, floor, target and stretch, e.g. 万元."""
    baseline: Amount | None = None
    """Last year's actual (去年实际)."""
    floor: Amount | None = None
    """The quota that must be met (任务)."""
    target: Amount | None = None
    """The goal itself (目标)."""
    stretch: Amount | None = None
    """The stretch goal (挑战), optional."""
    deadline: Day | None = None
    parent_id: str | None = None
    """The goal this one serves, if any."""
    team_id: str | None = None
    """The team that owns this goal."""
    growth: float | None = None
    """Natural growth rate for the planning formula (0.1 = 10 %)."""
    factors: float | None = None
    """Other factors as one multiplier (1.05 = +5 %)."""
    kind: Literal["amount", "level"] | None = None
    """How it moves over time: an amount adds up period by period (sales, savings), a
    level moves from baseline to target (a rate, a unit cost). None: read from the unit
    and measure (``methods.vision.path.kind_of``)."""


CascadeKind = Literal["time", "unit", "person", "product", "channel", "custom"]


class CascadePart(Model):
    """One share of a cascade: a month, a department, a person, a product."""

    label: Line
    weight: Weight = Field(default=1.0, ge=0)
    """Relative weight (seasonality, working days, capability, product mix)."""
    team_id: str | None = None
    member_id: str | None = None
    note: Line = ""
    start: dt.date | None = None
    """For a time split: the first day the part covers (its label may name it too)."""
    end: dt.date | None = None
    """... and the last, included: 2月 of 2028 ends on the 29th."""


class Cascade(Model):
    """A goal's target split along one dimension; parts always add up to the whole."""

    id: str = Field(default_factory=lambda: new_id("s"))
    goal_id: str
    kind: CascadeKind = "time"
    label: Line = ""
    """What this split is, e.g. 按月 or by salesperson."""
    parts: list[CascadePart] = Field(default_factory=list)
    step: float = Field(default=1, gt=0)
    """Parts are multiples of this (1 = whole units)."""
    parent_cascade_id: str | None = None
    """For combinations: this cascade splits one part of another cascade ..."""
    parent_part: int | None = None
    """... namely the part at this index."""


class Funnel(Model):
    """A key value chain (关键价值链): activity needed to reach a value target."""

    id: str = Field(default_factory=lambda: new_id("f"))
    goal_id: str | None = None
    label: Line = ""
    target_value: Amount = Field(gt=0)
    average_value: Amount = Field(gt=0)
    stages: list[Line] = Field(default_factory=list)
    """From first contact to the deal, e.g. calls, appointments, meetings, signings."""
    rates: list[float] = Field(default_factory=list)
    """``rates[i]``: the share of stage i that reaches stage i+1."""
    weeks_per_year: int = Field(default=50, ge=1, le=53)
    days_per_week: int = Field(default=5, ge=1, le=7)


class VisionSection(Model):
    goals: list[Goal] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)
    """Vision cards: "if we achieve it, what will we see?" (board ``vision``)."""
    statement: Text = ""
    """The shared vision statement drafted from the cards."""
    agreed: bool = False
    """Whether the room agreed to the statement."""
    agreed_at: dt.datetime | None = None
    cascades: list[Cascade] = Field(default_factory=list)
    funnels: list[Funnel] = Field(default_factory=list)
