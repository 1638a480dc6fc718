"""Step 5 (行动计划): PDCA action plans adopted by volunteers."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import Line, Model, Text, now

Cadence = Literal["weekly", "biweekly", "monthly"]
Status = Literal["todo", "doing", "done", "blocked"]


class Milestone(Model):
    month: str
    """``YYYY-MM``."""
    target: float | None = None
    note: Line = ""


class Pdca(Model):
    plan: Text = ""
    do: Text = ""
    check: Text = ""
    act: Text = ""


class Action(Model):
    """One action in a team's plan: 做我所写、写我所做."""

    id: str = Field(default_factory=lambda: new_id("a"))
    what: Text
    strategy_id: str | None = None
    """The cluster (strategy) it serves."""
    gap_id: str | None = None
    goal_id: str | None = None
    team_id: str | None = None
    owner_id: str | None = None
    """The member who adopted it (领养)."""
    start: dt.date | None = None
    due: dt.date | None = None
    milestones: list[Milestone] = Field(default_factory=list)
    measure: Line = ""
    target: Line = ""
    """The measure's target, e.g. 每周拜访 VIP 客户 5 家."""
    resources: Text = ""
    support: Text = ""
    """Support needed from other teams or departments."""
    obstacles: Text = ""
    skills: Text = ""
    """Knowledge or skills needed."""
    reward: Line = ""
    penalty: Line = ""
    pdca: Pdca = Field(default_factory=Pdca)
    cadence: Cadence = "monthly"
    next_check: dt.date | None = None
    status: Status = "todo"
    created_at: dt.datetime = Field(default_factory=now)
    updated_at: dt.datetime = Field(default_factory=now)


class PlanSection(Model):
    actions: list[Action] = Field(default_factory=list)
