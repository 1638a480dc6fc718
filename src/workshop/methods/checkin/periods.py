"""The periods a check-in can review: the calendar months the goals' paths cover (the
method's monthly cycle), and the weeks of a goal split by weeks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshop.methods.checkin.subjects import subjects
from workshop.methods.vision import calendar
from workshop.methods.vision.calendar import Period
from workshop.model import Workshop


@dataclass(frozen=True, order=True)
class Choice:
    """A period a check-in may review."""

    period: Period
    scale: str
    """``month`` or ``week``."""


def _is_week(period: Period) -> bool:
    """Seven days, or the 7 to 10 of a month's last week (calendar.weeks)."""
    return 5 <= period.days <= 10


def choices(doc: Workshop) -> list[Choice]:
    """Every month the goals' periods touch, and every week of a goal split by weeks, in
    calendar order (a month before its weeks)."""
    months: set[Period] = set()
    weeks: set[Period] = set()
    for found in subjects(doc):
        for period in found.periods():
            for month in calendar.months(period):
                first = month.start.replace(day=1)
                months.add(Period(first, calendar.month_end(first.year, first.month)))
            if _is_week(period):
                weeks.add(period)
    out = [Choice(p, "month") for p in months] + [Choice(p, "week") for p in weeks]
    return sorted(out, key=lambda c: (c.period.start, c.scale != "month", c.period.end))


def default(doc: Workshop, day: dt.date) -> Period:
    """What a check-in held on `day` reviews by default: the month `day` falls in (the
    method's monthly cycle) — the goals' first month before they start, their last after
    they end."""
    months = [c.period for c in choices(doc) if c.scale == "month"]
    if not months:
        return Period(day.replace(day=1), calendar.month_end(day.year, day.month))
    for month in months:
        if month.start <= day <= month.end:
            return month
    return months[0] if day < months[0].start else months[-1]
