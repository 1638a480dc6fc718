"""A goal's path over time, from where it stands (baseline) to where it must be (target).

Two kinds of goal move differently:

- an **amount** (sales, amount saved, new customers, cost for the year) adds up over
  the periods: each period brings its share (by the time weights), and the milestone at a
  period's end is what has been reached so far, from 0 at the start to the target at the
  end. Its per-period value means something too.
- a **level** (a rate, a percentage, a unit cost such as 千瓦时/台, 件/单) does not add up:
  it moves from the baseline toward the target, in its direction (down for a cost), as
  far as the weights of the periods so far say. Only the level at each date means
  something; it needs a baseline to start from.

A goal said per day (每天, 每日, 当天, 日均, daily, each working day: the store's 3,571
元 a day) is a level **to hold**: every day of its period must reach the target, so each
milestone is the target itself; adding the days up (893, 1,785 … 3,571 by the month's
end) would ask a quarter of it a week.

The kind is the goal's own ``kind`` when set, else a level when said per day, or read
from its unit (a percentage, a ratio "/", 率, per) or, without a unit, its measure (率,
平均, rate, average); anything else an amount. The direction is target against baseline
(lower is better for costs), else the words (降低, 减少, 控制在, reduce, cut).

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision.calendar import Period

if TYPE_CHECKING:
    from workshop.model import Goal

GoalKind = Literal["amount", "level"]
Direction = Literal["up", "down"]

_LEVEL_UNIT = re.compile(r"[%‰/／]|率|每|\bper\b|\bpp\b|\bpoints?\b", re.I)
_LEVEL_METRIC = re.compile(
    r"率|比例|占比|比重|平均|人均|单价|单耗|单位成本|每台|每单|每人|满意度|评分|得分|指数|"
    r"\b(?:rate|ratio|share|average|per|score|index|margin|yield)\b", re.I)
_PER_DAY = re.compile(
    r"每天|每日|天天|当天|当日|日均|每个工作日|"
    r"\b(?:daily|per (?:working )?day|a day|(?:each|every) (?:working )?day)\b", re.I)
_DOWN_WORDS = re.compile(r"降低|下降|减少|压缩|控制在|不超过|以内|降到|降至|缩短|"
                         r"\b(?:reduce[ds]?|cut|lower|decrease[ds]?|below|under|within)\b",
                         re.I)


def kind_of(goal: Goal) -> GoalKind:
    """Whether `goal` is an amount that adds up over time or a level that moves."""
    if goal.kind is not None:
        return goal.kind
    if said_per_day(goal):
        return "level"
    if _LEVEL_UNIT.search(goal.unit or ""):
        return "level"
    if not goal.unit and _LEVEL_METRIC.search(goal.metric or ""):
        return "level"
    return "amount"


def said_per_day(goal: Goal) -> bool:
    """Whether `goal`'s statement, measure or unit says it is reached every day."""
    return bool(_PER_DAY.search(f"{goal.statement} {goal.metric} {goal.unit}"))


def holds(goal: Goal) -> bool:
    """A level to hold at its target every day, not a level that moves there."""
    return kind_of(goal) == "level" and said_per_day(goal)


def direction_of(goal: Goal) -> Direction:
    """Which way is better for `goal`: its target against its baseline, else its words."""
    if goal.baseline is not None and goal.target is not None and goal.baseline != goal.target:
        return "up" if goal.target > goal.baseline else "down"
    return "down" if _DOWN_WORDS.search(f"{goal.statement} {goal.metric}") else "up"


@dataclass(frozen=True)
class Point:
    """Where the goal must be at the end of one period."""

    label: str
    period: Period | None
    reached: Fraction
    """An amount: the total so far. A level: the level by then."""
    in_period: Fraction | None = None
    """An amount: what this period adds (None for a level)."""


def decimals(value: Fraction | float | int) -> int:
    """Decimal places `value` is written with (1.4 → 1, 120 → 0), at most 6."""
    exact = cascade_math.number(value) if isinstance(value, float) else Fraction(value)
    for places in range(7):
        if (exact * 10**places).denominator == 1:
            return places
    return 6


def amount_points(values: Sequence[Fraction], labels: Sequence[str],
                  periods: Sequence[Period | None]) -> list[Point]:
    """An amount's path from each period's value (as split, exact): running totals."""
    out, total = [], Fraction(0)
    for value, label, period in zip(values, labels, periods, strict=True):
        total += value
        out.append(Point(label, period, total, value))
    return out


def level_points(baseline: float, target: float, weights: Sequence[float],
                 labels: Sequence[str], periods: Sequence[Period | None]) -> list[Point]:
    """A level's path: from `baseline` toward `target` by the share of the weights so
    far, each rounded to one decimal more than the goal is written with (120 → 114 over
    twelve months: 119.5, 119 …), the last exactly the target. Rounding keeps every
    point between baseline and target."""
    start, end = cascade_math.number(baseline), cascade_math.number(target)
    places = min(3, max(decimals(start), decimals(end)) + 1)
    exact = [cascade_math.number(w) for w in weights]
    weight_sum = sum(exact) or Fraction(len(exact))
    if not any(exact):
        exact = [Fraction(1)] * len(exact)
    out, so_far = [], Fraction(0)
    for i, (weight, label, period) in enumerate(zip(exact, labels, periods, strict=True)):
        so_far += weight
        if i == len(exact) - 1:
            level = end
        else:
            level = Fraction(round(start + (end - start) * so_far / weight_sum, places))
        out.append(Point(label, period, level))
    return out


def held_points(target: float, labels: Sequence[str], periods: Sequence[Period | None]
                ) -> list[Point]:
    """A level held every day: the target at every period's end."""
    level = cascade_math.number(target)
    return [Point(label, period, level) for label, period in zip(labels, periods, strict=True)]
