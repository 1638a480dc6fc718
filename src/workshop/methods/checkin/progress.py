"""The method's progress rule at a check-in, for one goal or one share.

An **amount** (sales, savings) is judged by its running total: the actual so far against
the plan so far, through the last period with an actual. A **level** (a rate, a unit
cost) is judged by where it stands against its path at that period's end, never summed;
lower is better for a cost. Then the rule (门店目标的进度跟进):

- level with the plan (持平, within ``ON_PACE`` of it): keep growing steadily;
- behind (落后于目标进率): above-average results are needed — what remains, split again
  over the remaining periods with the split's own weights, and what each remaining
  working day must bring;
- ahead (实际达成业绩高于指标): set a higher target — what is reached so far plus what the
  plan still expects (a level keeps its lead), split over the remaining periods.

The re-split is a proposal; the facilitator accepts it (``edits.checkin.accept_replan``)
or not, and the day's plan stays for comparison.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from workshop.methods.checkin import ledger
from workshop.methods.checkin.subjects import Subject, step, subject, weights, working_days
from workshop.methods.vision import agreement, path
from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision.calendar import Period
from workshop.model import Checkin, Goal, Replan, Workshop

ON_PACE = Fraction(2, 100)
"""How close counts as level with the plan: 2 % of the plan so far (an amount), or of
the whole way from baseline to target (a level)."""

Verdict = Literal["on_pace", "behind", "ahead", "no_actual", "missing"]


@dataclass(frozen=True)
class PeriodRow:
    """One period of a goal or share: its plan, the day's plan, and what was reached."""

    index: int
    label: str
    period: Period
    plan: Fraction
    """An amount: what the period must bring (as re-split, where accepted). A level: where
    it must stand by the period's end."""
    plan_total: Fraction
    """An amount: the plan so far. A level: the plan's level (as ``plan``)."""
    original: Fraction
    """The day's plan for the period, for comparison."""
    original_total: Fraction
    actual: Fraction | None
    actual_total: Fraction | None
    """An amount: the actual so far, while every period so far has one. A level: the
    actual itself."""
    summed: bool = False
    """The actual is the sum of every share's actual of one split (none typed for the goal
    itself)."""
    replanned: bool = False
    in_checkin: bool = False
    """The period lies in the check-in's period (its actual is typed there)."""


@dataclass(frozen=True)
class Progress:
    subject: Subject
    rows: tuple[PeriodRow, ...]
    verdict: Verdict
    through: int | None
    """The last period with an actual, up to the check-in's end."""
    missing: tuple[int, ...]
    """Periods before it with no actual (an amount's total cannot be known without them)."""
    actual: Fraction | None
    """The actual so far (an amount) or the level reached (a level), through ``through``."""
    plan: Fraction | None
    """The plan so far, or the path's level, at the same period."""
    target: Fraction
    """Where the plan ends now: the goal's (or share's) total or level, or a re-split's."""
    original_target: Fraction
    remaining: tuple[int, ...] = ()
    """The periods after ``through``."""
    proposal: tuple[Fraction, ...] = ()
    """A re-split over ``remaining``: each period's amount, or each period's level."""
    proposal_target: Fraction | None = None
    """Where the proposal ends: the same target when behind, a higher one when ahead."""
    days: int = 0
    """Working days left after ``through`` (an amount)."""
    day_basis: str = ""
    """``split`` (the goal's split by day) or ``weekdays``."""
    day_values: tuple[tuple[Fraction, int], ...] = ()
    """What remains split over those days: (value, how many days), smallest first."""
    accepted: Replan | None = None
    """The re-split accepted at this check-in, if any."""
    done: Fraction = Fraction(1)
    """How much of the period ``through`` had gone by on the check-in's date (below 1:
    it is still under way, judged on that share of its plan)."""

    @property
    def under_way(self) -> bool:
        return self.done < 1

    @property
    def gap(self) -> Fraction | None:
        """How far ahead (positive) or behind (negative) of the plan, in the goal's better
        direction (for a cost, below the plan is ahead)."""
        if self.actual is None or self.plan is None:
            return None
        diff = self.actual - self.plan
        return diff if self.subject.direction == "up" else -diff

    @property
    def left(self) -> Fraction | None:
        """An amount: what the remaining periods must still bring (to the proposal's
        target where there is one)."""
        if self.subject.kind != "amount" or self.actual is None:
            return None
        goal = self.proposal_target if self.proposal_target is not None else self.target
        return goal - self.actual

    @property
    def per_day(self) -> Fraction | None:
        left = self.left
        if left is None or not self.days:
            return None
        return left / self.days

    @property
    def per_period(self) -> Fraction | None:
        """An amount: what each remaining period must bring on average."""
        left = self.left
        if left is None or not self.remaining:
            return None
        return left / len(self.remaining)


def _summed(doc: Workshop, found: Subject, known: dict, period: Period) -> Fraction | None:
    """A goal's actual as the sum of its shares' when one split has an actual for every
    share in this period (a share that is a team's own goal, by that goal's actual)."""
    if not found.is_goal:
        return None
    for cascade in doc.vision.cascades:
        if cascade.goal_id != found.goal_id or cascade.kind == "time" or not cascade.parts:
            continue
        values = []
        for index in range(len(cascade.parts)):
            value = known.get((found.goal_id, cascade.id, index, period.start, period.end))
            own = agreement.own_goal(doc, cascade, index)
            if value is None and own is not None:
                value = known.get((own.id, None, None, period.start, period.end))
            values.append(value)
        if all(v is not None for v in values):
            return sum(values, Fraction(0))  # type: ignore[arg-type]
    return None


def _rows(doc: Workshop, found: Subject, checkin: Checkin | None,
          replan: Replan | None) -> list[PeriodRow]:
    known = ledger.actuals(doc, checkin)
    by_start = {p.start: cascade_math.number(p.value) for p in replan.periods} if replan else {}
    base = None
    if replan is not None and found.kind == "amount":
        base = cascade_math.number(replan.target) - sum(by_start.values(), Fraction(0))
    rows: list[PeriodRow] = []
    plan_total = Fraction(0)
    actual_total: Fraction | None = Fraction(0)
    started = False
    for i, point in enumerate(found.points):
        period = point.period
        assert period is not None
        original = Fraction(point.in_period if found.kind == "amount" and point.in_period
                            is not None else point.reached)
        replanned = period.start in by_start
        plan = by_start[period.start] if replanned else original
        if found.kind == "amount":
            if replanned and not started and base is not None:
                plan_total = base
            started = started or replanned
            plan_total = (plan_total + plan) if started else Fraction(point.reached)
        else:
            plan_total = plan
        value = known.get((*found.key, period.start, period.end))
        summed = False
        if value is None:
            value = _summed(doc, found, known, period)
            summed = value is not None
        if found.kind == "amount":
            actual_total = (actual_total + value if actual_total is not None
                            and value is not None else None)
        else:
            actual_total = value
        in_checkin = checkin is not None and (period.start <= checkin.end
                                              and period.end >= checkin.start)
        rows.append(PeriodRow(i, point.label, period, plan, plan_total, original,
                              Fraction(point.reached), value, actual_total, summed, replanned,
                              in_checkin))
    return rows


def _verdict(found: Subject, gap: Fraction, plan: Fraction, goal: Goal | None) -> Verdict:
    if found.kind == "amount":
        band = abs(plan) * ON_PACE
    else:
        whole = (abs(cascade_math.number(goal.target) - cascade_math.number(goal.baseline))
                 if goal is not None and goal.target is not None and goal.baseline is not None
                 else Fraction(0))
        band = (whole or abs(plan)) * ON_PACE
    if abs(gap) <= band:
        return "on_pace"
    return "ahead" if gap > 0 else "behind"


def _split(total: Fraction, weights_: list[Fraction], unit: Fraction) -> list[Fraction]:
    """`total` over `weights_` by largest remainder, in the split's step where it fits."""
    if total < 0:  # more than the target already: nothing more is needed
        return [Fraction(0)] * len(weights_)
    return list(cascade_math.split(total, weights_, step=cascade_math.fitting_step(
        total, unit)))


def _days(doc: Workshop, found: Subject, after: dt.date, until: dt.date, left: Fraction,
          unit: Fraction) -> tuple[int, str, tuple[tuple[Fraction, int], ...]]:
    days, basis = working_days(doc, found, after, until)
    if not days or left <= 0:
        return len(days), basis, ()
    values = _split(left, [w for _, w in days], day_step(left, len(days), unit))
    counted: dict[Fraction, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    return len(days), basis, tuple(sorted(counted.items()))


def day_step(left: Fraction, days: int, unit: Fraction) -> Fraction:
    """The step a day's share is counted in: the split's own where a day brings fifty of
    them or more (3,857 元), else a finer power of ten (0.56 万元 a day, not 0 or 1)."""
    for choice in cascade_math.STEP_CHOICES:
        if (choice <= unit and choice.numerator == 1 and left / days / choice >= 50
                and (left / choice).denominator == 1):
            return choice
    return cascade_math.fitting_step(left, unit)


def elapsed(period: Period, day: dt.date | None) -> Fraction:
    """How much of `period` has gone by on `day` (1 once it is over, or without a day)."""
    if day is None or day >= period.end:
        return Fraction(1)
    if day < period.start:
        return Fraction(0)
    return Fraction((day - period.start).days + 1, period.days)


def _plan_by(found: Subject, rows: list[PeriodRow], through: int, done: Fraction,
             start: Fraction) -> Fraction:
    """The plan at `through` when `done` of its period has gone by: the plan so far
    before it, and that share of what the period brings (or of the way the level moves)."""
    row = rows[through]
    if found.kind == "amount":
        return row.plan_total - row.plan * (1 - done)
    before = rows[through - 1].plan if through else start
    return before + (row.plan - before) * done


def progress(doc: Workshop, found: Subject, checkin: Checkin | None) -> Progress:
    """Where `found` stands at `checkin` (None: with every actual known). A period still
    under way on the check-in's date is judged on the share of it gone by, and what is
    left of it counts with the periods to come."""
    goal = doc.goal(found.goal_id)
    replan = ledger.replan(doc, checkin, found.key)
    rows = _rows(doc, found, checkin, replan)
    original_target = rows[-1].original_total
    target = cascade_math.number(replan.target) if replan is not None else original_target
    accepted = ledger.replan_here(checkin, found.key) if checkin is not None else None
    end = checkin.end if checkin is not None else dt.date.max
    typed = [r.index for r in rows if r.actual is not None and r.period.start <= end]
    if not typed:
        return Progress(found, tuple(rows), "no_actual", None, (), None, None, target,
                        original_target, accepted=accepted)
    through = typed[-1]
    missing = tuple(r.index for r in rows[:through] if r.actual is None)
    if found.kind == "amount" and missing:
        return Progress(found, tuple(rows), "missing", through, missing, None, None, target,
                        original_target, accepted=accepted)
    row = rows[through]
    actual = row.actual_total if found.kind == "amount" else row.actual
    assert actual is not None
    done = elapsed(row.period, checkin.date if checkin is not None else None)
    start = (cascade_math.number(goal.baseline) if found.kind == "level" and goal is not None
             and goal.baseline is not None else rows[0].original)
    plan = _plan_by(found, rows, through, done, start)
    gap = actual - plan if found.direction == "up" else plan - actual
    verdict = _verdict(found, gap, plan, goal)
    under_way = done < 1
    remaining = tuple(range(through if under_way else through + 1, len(rows)))
    result = Progress(found, tuple(rows), verdict, through, (), actual, plan, target,
                      original_target, remaining, accepted=accepted, done=done)
    if not remaining:
        return result
    unit = step(doc, found)
    weights_ = weights(doc, found, remaining)
    if under_way:  # only what is left of the period under way is still to come
        weights_[0] *= 1 - done
        if not any(weights_):
            weights_ = [Fraction(1)] * len(weights_)
    if found.kind == "amount":
        planned = sum((rows[i].plan for i in remaining), Fraction(0)) - (
            row.plan * done if under_way else 0)
        new_target = actual + planned if verdict == "ahead" else target
        proposal = _split(new_target - actual, weights_, unit)
        if under_way:  # the period's whole value: what it brought so far and what is left
            proposal[0] += row.actual or 0
        after = checkin.date if under_way and checkin is not None else row.period.end
        days, basis, day_values = _days(doc, found, after, rows[-1].period.end,
                                        new_target - actual, unit)
    else:
        new_target = target + (actual - plan) if verdict == "ahead" else target
        labels = [rows[i].label for i in remaining]
        points = path.level_points(float(actual), float(new_target), [float(w) for w in weights_],
                                   labels, [rows[i].period for i in remaining])
        proposal = [p.reached for p in points]
        days, basis, day_values = 0, "", ()
    return Progress(found, tuple(rows), verdict, through, (), actual, plan, target,
                    original_target, remaining, tuple(proposal), new_target, days, basis,
                    day_values, accepted, done)


def all_progress(doc: Workshop, checkin: Checkin | None) -> list[Progress]:
    """Every goal and share, in the room's order."""
    from workshop.methods.checkin.subjects import subjects

    return [progress(doc, found, checkin) for found in subjects(doc)]


def of_key(doc: Workshop, key: tuple[str, str | None, int | None],
           checkin: Checkin | None) -> Progress | None:
    found = subject(doc, key)
    return progress(doc, found, checkin) if found is not None else None
