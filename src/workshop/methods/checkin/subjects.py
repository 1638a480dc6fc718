"""What a check-in takes actuals for: each goal with a path over time, and each share of
its splits (by team, person, product), with the periods of each.

The periods are the plan's own (``methods.plan.actions``): a goal's path over its time
split (or its parent's rhythm), a share's path over its own split in time or the goal's
rhythm. Nothing here re-derives a period or a plan value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from workshop.methods.plan import actions as plan_math
from workshop.methods.vision import agreement, calendar, path
from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision.calendar import Period
from workshop.model import Cascade, Goal, Workshop

SubjectKey = tuple[str, str | None, int | None]
"""(goal id, split id, share index): a goal is (goal id, None, None)."""


@dataclass(frozen=True)
class Subject:
    """A goal, or one share of a split of it, with its planned path period by period."""

    goal_id: str
    cascade_id: str | None
    part: int | None
    name: str
    """The goal's statement, or the share's label (刘芳, 采购部)."""
    split: str
    """The split's label (按人（按能力）) for a share; empty for a goal."""
    team_id: str | None
    """The team that answers for it: the goal's, or the share's."""
    kind: path.GoalKind
    direction: path.Direction
    unit: str
    points: tuple[path.Point, ...]
    """The day's plan: one point per period, each with real dates, in calendar order."""

    @property
    def key(self) -> SubjectKey:
        return (self.goal_id, self.cascade_id, self.part)

    @property
    def is_goal(self) -> bool:
        return self.cascade_id is None

    def periods(self) -> list[Period]:
        return [p.period for p in self.points if p.period is not None]


def _dated(points: Sequence[path.Point]) -> tuple[path.Point, ...]:
    return tuple(sorted((p for p in points if p.period is not None),
                        key=lambda p: p.period))  # type: ignore[arg-type,return-value]


def share_team(doc: Workshop, cascade: Cascade, index: int) -> str | None:
    """The team a share belongs to: its own, its member's, or the team it is named after."""
    part = cascade.parts[index]
    if part.team_id and doc.team(part.team_id):
        return part.team_id
    found = doc.member(part.member_id)
    if found is not None:
        return found[0].id
    team = doc.team_named(part.label)
    return team.id if team else None


def goal_subject(doc: Workshop, goal: Goal) -> Subject | None:
    points = _dated(plan_math.goal_points(doc, goal))
    if not points:
        return None
    return Subject(goal.id, None, None, goal.statement, "", goal.team_id, path.kind_of(goal),
                   path.direction_of(goal), goal.unit, points)


def share_subjects(doc: Workshop, goal: Goal) -> list[Subject]:
    """Every share of `goal`'s splits by team, person, product… that has a path (an
    amount's shares; a rate does not divide into shares)."""
    if path.kind_of(goal) == "level":
        return []
    out = []
    for cascade in cascade_math.ordered(doc):
        if cascade.goal_id != goal.id or cascade.kind == "time":
            continue
        _total, values, _error = cascade_math.part_values(doc, cascade)
        for index, part in enumerate(cascade.parts):
            own = agreement.own_goal(doc, cascade, index)
            if (own is not None and own.target is not None and index < len(values)
                    and values[index] == cascade_math.number(own.target)):
                continue  # the team's own goal is this share: its actuals are typed there
            points = _dated(plan_math.part_points(doc, cascade, index))
            if points:
                out.append(Subject(goal.id, cascade.id, index, part.label, cascade.label,
                                   share_team(doc, cascade, index), "amount",
                                   path.direction_of(goal), goal.unit, points))
    return out


def subjects(doc: Workshop) -> list[Subject]:
    """Goal by goal (in goal order): the goal, then the shares of its splits."""
    out: list[Subject] = []
    for goal in doc.vision.goals:
        own = goal_subject(doc, goal)
        if own is not None:
            out.append(own)
        out += share_subjects(doc, goal)
    return out


def subject(doc: Workshop, key: SubjectKey) -> Subject | None:
    goal = doc.goal(key[0])
    if goal is None:
        return None
    if key[1] is None:
        return goal_subject(doc, goal)
    return next((s for s in share_subjects(doc, goal) if s.key == key), None)


# -- the split's own weights ------------------------------------------------------------------

def _time_split(doc: Workshop, found: Subject) -> Cascade | None:
    """The time split whose parts gave `found` its periods."""
    goal = doc.goal(found.goal_id)
    if found.cascade_id is not None:
        for child in doc.vision.cascades:
            if (child.parent_cascade_id == found.cascade_id and child.parent_part == found.part
                    and child.kind == "time"):
                return child
    return plan_math.rhythm(doc, goal)


def weights(doc: Workshop, found: Subject, indices: Sequence[int]) -> list[Fraction]:
    """The split's own weights of the periods at `indices` (matched by their first day),
    else what the plan gave each (proportional to the weights, up to rounding)."""
    split = _time_split(doc, found)
    by_start: dict[dt.date, Fraction] = {}
    if split is not None:
        for part, period in zip(split.parts, calendar.part_periods(doc, split), strict=True):
            if period is not None:
                by_start[period.start] = cascade_math.number(part.weight)
    out = []
    for i in indices:
        point = found.points[i]
        start = point.period.start if point.period else None
        if start in by_start:
            out.append(by_start[start])
        else:
            out.append(Fraction(point.in_period) if point.in_period is not None
                       else Fraction(1))
    if not any(out):
        out = [Fraction(1)] * len(out)
    return out


def step(doc: Workshop, found: Subject) -> Fraction:
    """The step the split counts in (1: whole units), as its parts were rounded."""
    split = _time_split(doc, found)
    return cascade_math.number(split.step) if split is not None else Fraction(1)


# -- working days ----------------------------------------------------------------------------

def _day_split_days(doc: Workshop, goal: Goal) -> list[tuple[dt.date, Fraction]] | None:
    """The days of `goal`'s own split by day (with their weights), if it has one."""
    days: dict[dt.date, Fraction] = {}
    for cascade in doc.vision.cascades:
        if cascade.goal_id != goal.id or cascade.kind != "time":
            continue
        periods = calendar.part_periods(doc, cascade)
        if not periods or any(p is None or p.days != 1 for p in periods):
            continue
        for part, period in zip(cascade.parts, periods, strict=True):
            days[period.start] = cascade_math.number(part.weight)  # type: ignore[union-attr]
    return sorted(days.items()) if days else None


def working_days(doc: Workshop, found: Subject, after: dt.date, until: dt.date
                 ) -> tuple[list[tuple[dt.date, Fraction]], str]:
    """The working days after `after` up to `until` with their weights, and where they
    come from: ``split`` (the goal's own split by day: a shop open every day, a weekend
    weighted more; a day of weight 0 is a day off) or ``weekdays`` (Monday to Friday)."""
    goal = doc.goal(found.goal_id)
    split = _day_split_days(doc, goal) if goal is not None else None
    if split:
        return [(day, w) for day, w in split if after < day <= until and w > 0], "split"
    out, day = [], after + dt.timedelta(days=1)
    while day <= until:
        if day.weekday() < 5:
            out.append((day, Fraction(1)))
        day += dt.timedelta(days=1)
    return out, "weekdays"
