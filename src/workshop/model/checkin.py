"""After the day (跟进): monthly check-ins that close the PDCA loop against the cascade.

The method's monthly cycle (月度目标分解流程): before the 20th and again before the 28th the
team looks at the month's actual results, sets next month's target and its split; before
the 31st it writes next month's target on the performance board (业绩板). A check-in is
one such meeting: held on a date, for one period (a month by default), with what was
actually reached per goal and per share of its splits, how each action stands, and the
re-splits of what remains that the facilitator accepted. The day's plan is never changed
by a check-in: it stays for comparison.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from workshop.ids import new_id
from workshop.model.base import Line, Model, Text, now
from workshop.model.plan import Status


class Actual(Model):
    """What was actually reached in one period: by a goal, or by one share of a split of it
    (a department's, a person's, a product's)."""

    goal_id: str
    cascade_id: str | None = None
    """The split whose share this is (by team, person, product); None for the goal."""
    part: int | None = Field(default=None, ge=0)
    """The share's index in that split."""
    start: dt.date
    """The first day of the period (a week, a month of the goal's time split)."""
    end: dt.date
    """... and its last, included."""
    value: float
    """An amount reached in the period (sales of the week), or the level at its end (a
    rate, a unit cost)."""
    at: dt.datetime = Field(default_factory=now)

    @model_validator(mode="after")
    def _period_in_order(self) -> Actual:
        if self.end < self.start:
            raise ValueError("a period ends on or after the day it starts")
        if (self.cascade_id is None) != (self.part is None):
            raise ValueError("a share names both its split and its index")
        return self


class ActionCheck(Model):
    """How one action stood at a check-in (the C of PDCA), and who checked it."""

    action_id: str
    status: Status = "doing"
    percent: int | None = Field(default=None, ge=0, le=100)
    """How far it is, 0–100; None where the action is only done or not done."""
    done: Text = ""
    """What was done against the plan (做我所写、写我所做)."""
    next_check: dt.date | None = None
    checker_id: str | None = None
    """The member who checked it (by default the plan's checker)."""
    checker_role: Line = ""
    """... or the role that checked it (组长, 店长)."""
    at: dt.datetime = Field(default_factory=now)


class ReplanPeriod(Model):
    """One remaining period of a re-split: what it must now bring (an amount) or where the
    level must be by its end."""

    label: Line = ""
    start: dt.date
    end: dt.date
    value: float


ReplanReason = Literal["behind", "ahead", "on_pace"]


class Replan(Model):
    """What remains of a goal (or of a share of it) split again over the remaining periods
    with the split's own weights, as the facilitator accepted it at a check-in."""

    goal_id: str
    cascade_id: str | None = None
    part: int | None = Field(default=None, ge=0)
    target: float
    """What the new plan leads to: the goal's target, or a higher one when ahead."""
    reason: ReplanReason = "behind"
    periods: list[ReplanPeriod] = Field(default_factory=list)
    at: dt.datetime = Field(default_factory=now)


class Checkin(Model):
    """One check-in meeting: its date, the period it reviews, and what it found."""

    id: str = Field(default_factory=lambda: new_id("k"))
    date: dt.date
    """The day it was held."""
    start: dt.date
    """The first day of the period it reviews (a month, or a week)."""
    end: dt.date
    """... and the last, included."""
    actuals: list[Actual] = Field(default_factory=list)
    actions: list[ActionCheck] = Field(default_factory=list)
    replans: list[Replan] = Field(default_factory=list)
    note: Text = ""
    """What the room said: opportunities found (机会点), what changes next month."""
    created_at: dt.datetime = Field(default_factory=now)

    @model_validator(mode="after")
    def _period_in_order(self) -> Checkin:
        if self.end < self.start:
            raise ValueError("a check-in's period ends on or after the day it starts")
        return self


class CheckinSection(Model):
    checkins: list[Checkin] = Field(default_factory=list)
    """Every check-in after the day, in the order they were opened."""
