"""The real calendar under a time cascade: year → quarter → month → week → day.

Every part of a time cascade covers a real period (first and last day, both included):
a quarter its three months, 2月 its 28 or 29 days, a week its days, a day itself. A
split of one part into finer periods takes that part's own dates, so Q1 → 2月 → days
gives the days of February of the goal's year, labelled 2月1日 周一 … with the leap
years and weekdays of that year.

Where the periods come from, in order:
- dates stored on the part (a split made in the room from a ready-made preset);
- the part's label, read within the period it splits (``第一季度``, ``2月``,
  ``第1周（2月1日—7日）``, ``2月1日 周一``, ``Q3``, ``Feb 1``);
- nothing: the part has no period (a custom label such as 春节周).

A goal's own period ends on its deadline: a month when the goal says so (月目标, 本月,
``2027年2月`` without a day) or its splits are weeks or days of a month, else the year
that ends on the deadline. A month of the method has four weeks: days 1–7, 8–14, 15–21
and the rest (7 to 10 days); a longer period has calendar weeks, Monday to Sunday.

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import calendar as stdcal
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.model import Cascade, Goal, Workshop

DAY = dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    """A stretch of the calendar, first and last day included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def is_month(self) -> bool:
        """Starts on the 1st and ends in the same month (a whole month, or up to the
        deadline in it)."""
        return self.start.day == 1 and (self.start.year, self.start.month) == (
            self.end.year, self.end.month)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, stdcal.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months`, kept inside the month (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, stdcal.monthrange(year, month + 1)[1]))


def year_ending(deadline: dt.date) -> Period:
    """The year that ends on `deadline`: 1 Jan–31 Dec for a deadline of 31 December."""
    after = deadline + DAY
    return Period(add_months(after, -12), deadline)


def month_ending(deadline: dt.date) -> Period:
    """The month of `deadline`, from its 1st to the deadline."""
    return Period(deadline.replace(day=1), deadline)


# -- splitting a period ------------------------------------------------------------------

def quarters(period: Period) -> list[Period]:
    """Consecutive three-month stretches from the period's start (calendar quarters for a
    calendar year), the last one cut at the period's end."""
    return _chunks(period, 3)


def months(period: Period) -> list[Period]:
    """The calendar months the period touches, cut to the period."""
    out, start = [], period.start
    while start <= period.end:
        end = min(month_end(start.year, start.month), period.end)
        out.append(Period(start, end))
        start = end + DAY
    return out


def _chunks(period: Period, size: int) -> list[Period]:
    out, start, n = [], period.start, 1
    while start <= period.end:
        end = min(add_months(period.start, size * n) - DAY, period.end)
        out.append(Period(start, end))
        start, n = end + DAY, n + 1
    return out


def weeks(period: Period) -> list[Period]:
    """A month's four weeks (1–7, 8–14, 15–21 and the rest), or the calendar weeks
    (Monday to Sunday) of a longer period, cut to it."""
    out = []
    if period.is_month:
        start = period.start
        while start <= period.end:
            end = min(start + 6 * DAY, period.end)
            out.append(Period(start, end))
            start = end + DAY
        if len(out) > 4:  # the 29th–31st belong to the fourth week
            out[3:] = [Period(out[3].start, out[-1].end)]
        return out
    start = period.start
    while start <= period.end:
        end = min(start + (6 - start.weekday()) * DAY, period.end)
        out.append(Period(start, end))
        start = end + DAY
    return out


def days(period: Period) -> list[Period]:
    return [Period(period.start + i * DAY, period.start + i * DAY)
            for i in range(period.days)]


SPLITS = {"quarters": quarters, "months": months, "weeks": weeks, "days": days}


# -- labels ------------------------------------------------------------------------------

def _md(day: dt.date, lang: str | None) -> str:
    return t("cascade.date.month_day", lang, day=day.day,
             month_name=t(f"cascade.month_name.{day.month}", lang))


def _range(period: Period, lang: str | None) -> str:
    if (period.start.year, period.start.month) == (period.end.year, period.end.month):
        end = t("cascade.date.day", lang, day=period.end.day)
    else:
        end = _md(period.end, lang)
    return t("cascade.date.range", lang, start=_md(period.start, lang), end=end)


def label(period: Period, preset: str, index: int, whole: Period,
          lang: str | None = None) -> str:
    """How the room names part `index` (0-based) of `whole` split by `preset`."""
    crosses_year = whole.start.year != whole.end.year
    if preset == "quarters":
        name = t(f"cascade.preset.quarter_{index + 1}", lang)
        if whole.start.month == 1 and whole.start.day == 1:
            return name
        return t("cascade.date.named_range", lang, name=name,
                 range=_month_range(period, lang))
    if preset == "months":
        name = t(f"cascade.month_name.{period.start.month}", lang)
        if crosses_year:
            return t("cascade.date.month_of_year", lang, month_name=name,
                     year=period.start.year)
        return name
    if preset == "weeks":
        return t("cascade.date.named_range", lang,
                 name=t("cascade.preset.week", lang, week=index + 1),
                 range=_range(period, lang))
    day = period.start
    return t("cascade.preset.day_label", lang, day=day.day,
             weekday=t(f"cascade.weekday.{day.weekday()}", lang),
             month_name=t(f"cascade.month_name.{day.month}", lang))


def _month_range(period: Period, lang: str | None) -> str:
    first = t(f"cascade.month_name.{period.start.month}", lang)
    last = t(f"cascade.month_name.{period.end.month}", lang)
    return first if first == last else t("cascade.date.range", lang, start=first, end=last)


# -- reading a label ---------------------------------------------------------------------

_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
              "dec")
_EN_MONTH = (r"(?P<{0}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
             r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DASH = r"\s*[—–\-~～至到]+\s*"
_ZH_RANGE = re.compile(rf"(?P<m1>\d{{1,2}})\s*月\s*(?P<d1>\d{{1,2}})\s*[日号]?{_DASH}"
                       rf"(?:(?P<m2>\d{{1,2}})\s*月\s*)?(?P<d2>\d{{1,2}})\s*[日号]?")
_EN_RANGE = re.compile(rf"\b{_EN_MONTH.format('a')}\s*(?P<d1>\d{{1,2}}){_DASH}"
                       rf"(?:{_EN_MONTH.format('b')}\s*)?(?P<d2>\d{{1,2}})\b", re.I)
_ZH_DAY = re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_EN_DAY = re.compile(rf"\b{_EN_MONTH.format('a')}\s+(?P<d>\d{{1,2}})\b|"
                     rf"\b(?P<d2>\d{{1,2}})\s+{_EN_MONTH.format('b')}(?!\s*\d{{4}})", re.I)
_WEEK = re.compile(r"第\s*(?P<n>\d{1,2}|[一二三四五六])\s*周|\bweek\s*(?P<e>\d{1,2})\b|"
                   r"\bW(?P<w>\d{1,2})\b", re.I)
_QUARTER = re.compile(r"第?\s*(?P<n>[一二三四1-4])\s*季度?|\bQ(?P<q>[1-4])\b|"
                      r"\bquarter\s*(?P<e>[1-4])\b", re.I)
_ZH_MONTH = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月(?!\s*\d)")
_EN_MONTH_ONLY = re.compile(rf"\b{_EN_MONTH.format('a')}(?:\s+(?P<y>\d{{4}}))?(?![\s\d]*\d)",
                            re.I)
_NTH_DAY = re.compile(r"第\s*(?P<n>\d{1,3})\s*天|\bday\s*(?P<e>\d{1,3})\b", re.I)


def _number(text: str) -> int:
    return _CN_NUMBERS.get(text) or int(text)


def _month_of(match: re.Match[str], group: str) -> int:
    return _EN_MONTHS.index(match.group(group)[:3].lower()) + 1


def _dated(month: int, day: int, within: Period) -> dt.date | None:
    """The date `month`/`day` in whichever year puts it inside `within`."""
    for year in range(within.start.year, within.end.year + 1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if within.start <= found <= within.end:
            return found
    return None


def _nth(parts: list[Period], n: int) -> Period | None:
    return parts[n - 1] if 1 <= n <= len(parts) else None


def read_label(text: str, within: Period) -> Period | None:
    """The period a part's label names inside `within`, or None when it names none there."""
    found = _ZH_RANGE.search(text)
    if found:
        start = _dated(int(found["m1"]), int(found["d1"]), within)
        end_month = int(found["m2"] or found["m1"])
        end = _dated(end_month, int(found["d2"]), within)
        return Period(start, end) if start and end and start <= end else None
    found = _EN_RANGE.search(text)
    if found:
        start = _dated(_month_of(found, "a"), int(found["d1"]), within)
        end = _dated(_month_of(found, "b") if found["b"] else _month_of(found, "a"),
                     int(found["d2"]), within)
        return Period(start, end) if start and end and start <= end else None
    found = _ZH_DAY.search(text) or _EN_DAY.search(text)
    if found:
        if "m" in found.groupdict() and found["m"]:
            month, day = int(found["m"]), int(found["d"])
        elif found["a"]:
            month, day = _month_of(found, "a"), int(found["d"])
        else:
            month, day = _month_of(found, "b"), int(found["d2"])
        date = _dated(month, day, within)
        return Period(date, date) if date else None
    found = _WEEK.search(text)
    if found:
        return _nth(weeks(within), _number(found["n"] or found["e"] or found["w"]))
    found = _QUARTER.search(text)
    if found:
        return _nth(quarters(within), _number(found["n"] or found["q"] or found["e"]))
    found = _ZH_MONTH.search(text)
    month = int(found["m"]) if found else None
    year = int(found["y"]) if found and found["y"] else None
    if found is None:
        found = _EN_MONTH_ONLY.search(text)
        if found:
            month = _month_of(found, "a")
            year = int(found["y"]) if found["y"] else None
    if month is not None and 1 <= month <= 12:
        for period in months(within):
            if period.start.month == month and year in (None, period.start.year):
                return period
        return None
    found = _NTH_DAY.search(text)
    if found:
        return _nth(days(within), int(found["n"] or found["e"]))
    return None


def scale_of(text: str) -> str | None:
    """What a label names, without dates: "day", "week", "month", "quarter" or None."""
    if _ZH_RANGE.search(text) or _EN_RANGE.search(text):
        return "week"
    if _ZH_DAY.search(text) or _EN_DAY.search(text) or _NTH_DAY.search(text):
        return "day"
    if _WEEK.search(text):
        return "week"
    if _QUARTER.search(text):
        return "quarter"
    if _ZH_MONTH.search(text) or _EN_MONTH_ONLY.search(text):
        return "month"
    return None


# -- periods of the document -------------------------------------------------------------

_MONTH_GOAL = re.compile(r"月目标|月销售|月度目标|本月|当月|这个月|下个?月|"
                         r"\b(?:this|next)\s+month\b|\bmonthly\s+(?:target|goal|sales)\b|"
                         r"\d{4}\s*年\s*\d{1,2}\s*月(?!\s*\d{1,2}\s*[日号])", re.I)


def _stored(cascade: Cascade) -> list[Period | None]:
    return [Period(p.start, p.end) if p.start and p.end and p.start <= p.end else None
            for p in cascade.parts]


def goal_period(doc: Workshop, goal: Goal | None) -> Period | None:
    """The period a goal's target covers, ending on its deadline (None without one)."""
    if goal is None or goal.deadline is None:
        return None
    roots = [c for c in doc.vision.cascades
             if c.goal_id == goal.id and c.parent_cascade_id is None and c.kind == "time"]
    for cascade in roots:
        stored = [p for p in _stored(cascade) if p is not None]
        if stored:
            return Period(min(p.start for p in stored), max(p.end for p in stored))
    scales = {scale_of(p.label) for c in roots for p in c.parts} - {None}
    if scales and scales <= {"day", "week"}:
        return month_ending(goal.deadline)
    if _MONTH_GOAL.search(f"{goal.statement} {goal.metric}"):
        return month_ending(goal.deadline)
    return year_ending(goal.deadline)


def whole_period(doc: Workshop, cascade: Cascade, _seen: frozenset[str] = frozenset()
                 ) -> Period | None:
    """The period `cascade` splits: its parent part's (a time parent), its parent's own
    whole (a split of a unit's share), else its goal's."""
    from workshop.methods.vision.cascade import MAX_DEPTH, cascade_by_id

    if cascade.id in _seen or len(_seen) > MAX_DEPTH:
        return None
    parent = cascade_by_id(doc, cascade.parent_cascade_id)
    if parent is None:
        return goal_period(doc, doc.goal(cascade.goal_id))
    if parent.kind != "time":
        return whole_period(doc, parent, _seen | {cascade.id})
    periods = part_periods(doc, parent, _seen | {cascade.id})
    index = cascade.parent_part
    return periods[index] if index is not None and 0 <= index < len(periods) else None


def part_periods(doc: Workshop, cascade: Cascade, _seen: frozenset[str] = frozenset()
                 ) -> list[Period | None]:
    """Each part's period (None where a part names none); all None unless a time split."""
    if cascade.kind != "time":
        return [None] * len(cascade.parts)
    stored = _stored(cascade)
    if all(p is not None for p in stored):
        return stored
    within = whole_period(doc, cascade, _seen)
    return [found if found is not None else
            (read_label(part.label, within) if within is not None else None)
            for found, part in zip(stored, cascade.parts, strict=True)]
