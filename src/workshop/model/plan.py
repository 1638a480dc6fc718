"""Step 5 (行动计划): PDCA action plans adopted by volunteers (领养孩子).

An action is the "做我所写、写我所做" template: what, who, when, how it is measured,
what it needs, what may stop it, what is at stake, and the PDCA rhythm that checks it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator

from workshop.ids import new_id
from workshop.model.base import Line, Model, Text, now
from workshop.model.limits import Amount, Day

Cadence = Literal["weekly", "biweekly", "monthly"]
CADENCES: tuple[Cadence, ...] = ("weekly", "biweekly", "monthly")
Status = Literal["todo", "doing", "done", "blocked"]
STATUSES: tuple[Status, ...] = ("todo", "doing", "done", "blocked")


class Milestone(Model):
    """A checkpoint on the way: by the end of `month` (by `due` when given), `target` is
    reached: a point on the goal's path from baseline to target."""

    month: str
    """``YYYY-MM``: the month by whose end the milestone is due."""
    due: Day | None = None
    """The day it is due (a week's or a day's milestone), within `month`."""
    target: Amount | None = None
    """Where the number must be by then: the total so far for an amount, the level for a
    rate or unit cost (from the goal's path, or typed)."""
    in_period: Amount | None = None
    """For an amount: what this period adds (the cascade's share of the period)."""
    note: Line = ""
    """What the period is (第一季度) or what is due then."""

    @field_validator("month")
    @classmethod
    def _month_is_year_month(cls, value: str) -> str:
        value = value.strip()
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            raise ValueError("a milestone month is written YYYY-MM, e.g. 2027-03")
        return value


class Pdca(Model):
    """The PDCA cycle of one action, in the team's words."""

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
    """The key gap it closes (a gap card's id)."""
    goal_id: str | None = None
    team_id: str | None = None
    owner_id: str | None = None
    """The member who adopted it (领养); one owner per action."""
    checker_id: str | None = None
    """The member who checks it (the C of PDCA): someone other than the owner."""
    checker_role: Line = ""
    """Who checks it as a role (组长, 区域经理) when it is not, or not only, a member."""
    source_card_id: str | None = None
    """The co-create idea card this action was drafted from, if any."""
    start: Day | None = None
    due: Day | None = None
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
    """Every team's actions, in the order they were written."""
