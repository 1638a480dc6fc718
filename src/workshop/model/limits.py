"""What makes sense in a workshop: bounds on counts, names, numbers and dates.

A workshop has 3–10 teams of 4–8 people, names a person can read on a projector, goals
in the thousands or millions, and dates this century. Files can hold anything, so the
scenario reader and the session loader refuse what is far outside these bounds with a
message that says which bound, instead of hanging on a 10,000-team room or printing
every share of a 1e308 weight as 0 %. The bounds are generous: a real workshop never
comes near them.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated

from pydantic import AfterValidator

from workshop.i18n import t
from workshop.model.base import Line

MAX_TEAMS = 20
"""Most teams in one workshop (the method has 3–10)."""
MAX_MEMBERS = 60
"""Most members in one team (the method has 4–8)."""
MAX_NAME = 60
"""Longest name of a team, a member or a role, in characters (a name on a turn bar)."""
MAX_TITLE = 200
"""Longest title, organisation, facilitator or place, in characters (a page header)."""
MAX_CARDS = 10_000
"""Most cards on one step's boards (a big room has 2,000)."""
MAX_AMOUNT = 1e15
"""Largest goal value, in the goal's unit (a number that still prints exactly)."""
MAX_WEIGHT = 1e12
"""Largest weight of one part of a split (weights are relative: 3, 30 %, 1,200,000)."""
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
"""Dates a workshop, a deadline or an action may have."""


def _name(value: str) -> str:
    if len(value) > MAX_NAME:
        raise ValueError(t("limits.name_too_long", max=MAX_NAME))
    return value


def _title(value: str) -> str:
    if len(value) > MAX_TITLE:
        raise ValueError(t("limits.title_too_long", max=MAX_TITLE))
    return value


def _amount(value: float) -> float:
    if not math.isfinite(value) or abs(value) > MAX_AMOUNT:
        raise ValueError(t("limits.amount", max=f"{MAX_AMOUNT:,.0f}"))
    return value


def _weight(value: float) -> float:
    if not math.isfinite(value) or value > MAX_WEIGHT:
        raise ValueError(t("limits.weight", max=f"{MAX_WEIGHT:,.0f}"))
    return value


def check_date(value: dt.date) -> dt.date:
    """`value` if it lies between :data:`EARLIEST` and :data:`LATEST`, else ValueError."""
    if not EARLIEST <= value <= LATEST:
        raise ValueError(t("limits.date", date=value.isoformat(),
                           earliest=EARLIEST.year, latest=LATEST.year))
    return value


def amount_problem(value: float) -> str | None:
    """Why `value` cannot be a goal's value (for an edit to refuse), or None."""
    try:
        _amount(float(value))
    except (ValueError, TypeError, OverflowError) as error:
        return str(error)
    return None


def weight_problem(value: float) -> str | None:
    """Why `value` cannot be a part's weight (for an edit to refuse), or None."""
    try:
        _weight(float(value))
    except (ValueError, TypeError, OverflowError) as error:
        return str(error)
    return None


def date_problem(value: dt.date) -> str | None:
    """Why `value` cannot be a workshop's, a deadline's or an action's date, or None."""
    try:
        check_date(value)
    except ValueError as error:
        return str(error)
    return None


def name_problem(value: str) -> str | None:
    """Why the cleaned `value` cannot be a name, or None."""
    try:
        _name(value)
    except ValueError as error:
        return str(error)
    return None


NameLength = AfterValidator(_name)
"""Add to a cleaned line: at most :data:`MAX_NAME` characters."""
TitleLength = AfterValidator(_title)
"""Add to a cleaned line: at most :data:`MAX_TITLE` characters."""
Amount = Annotated[float, AfterValidator(_amount)]
"""A goal's value: finite, at most :data:`MAX_AMOUNT` either way."""
Weight = Annotated[float, AfterValidator(_weight)]
"""A part's weight: finite, at most :data:`MAX_WEIGHT`."""
Day = Annotated[dt.date, AfterValidator(check_date)]
"""A date between :data:`EARLIEST` and :data:`LATEST`."""
Name = Annotated[Line, NameLength]
"""A cleaned line of at most :data:`MAX_NAME` characters."""
Title = Annotated[Line, TitleLength]
"""A cleaned line of at most :data:`MAX_TITLE` characters."""
