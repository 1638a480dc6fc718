"""The key value chain (关键价值链): from a value target to the activity needed each day.

``plan(1_000_000, 2_000, ["calls", "appointments", "meetings", "signings"],
[0.1, 0.5, 0.1])`` is the seed's insurance agent: 500 signings a year, 10 a week over 50
weeks, 2 a day over 5 days; working back through the rates, 20 meetings, 40
appointments and 400 calls a day. At 4,000 a deal it is 1 signing and 200 calls a day;
with two rates raised to 20 %, 50 calls, 10 appointments and 5 meetings.

Counts are exact (fractions of a deal are kept: 333⅓ deals a year is what the numbers
say); ``needed`` rounds up, because nobody makes a third of a call.

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from workshop.i18n import t


class FunnelError(ValueError):
    """A funnel that cannot be worked out, with a message fit for the room."""


@dataclass(frozen=True)
class StageCount:
    """How many of one stage are needed per year, week and working day."""

    stage: str
    year: float
    week: float
    day: float
    rate: float | None
    """The share of this stage that reaches the next (None for the last stage, the deal)."""

    @property
    def needed_per_day(self) -> int:
        """The daily count rounded up: what a person actually has to do."""
        return needed(self.day)


@dataclass(frozen=True)
class FunnelPlan:
    target_value: float
    average_value: float
    deals: float
    """target ÷ average: the deals a year (the last stage)."""
    stages: tuple[StageCount, ...]
    weeks_per_year: int
    days_per_week: int

    @property
    def per_week(self) -> float:
        return self.deals / self.weeks_per_year

    @property
    def per_day(self) -> float:
        return self.deals / (self.weeks_per_year * self.days_per_week)

    def stage(self, name: str) -> StageCount:
        return next(s for s in self.stages if s.stage == name)


def needed(value: float) -> int:
    """`value` rounded up, but 2.0000000001 (float noise) stays 2."""
    return math.ceil(round(value, 9))


def _positive(value: object, what: str, lang: str | None) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)):
        raise FunnelError(t("funnel.error.not_number", lang, what=what, value=value))
    if isinstance(value, float) and not math.isfinite(value):
        raise FunnelError(t("funnel.error.not_number", lang, what=what, value=value))
    exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    if exact <= 0:
        raise FunnelError(t("funnel.error.not_positive", lang, what=what, value=value))
    return exact


def plan(target_value: float, average_value: float, stages: Sequence[str],
         rates: Sequence[float], *, weeks_per_year: int = 50,
         days_per_week: int = 5, lang: str | None = None) -> FunnelPlan:
    """Deals needed for `target_value` at `average_value` each, and per stage the count
    per year, week and day. `stages` run from first contact to the deal; `rates[i]` is
    the share of stage i that reaches stage i+1 (0 < rate ≤ 1). A ``FunnelError`` says
    what is wrong in `lang`."""
    target = _positive(target_value, t("funnel.what.target", lang), lang)
    average = _positive(average_value, t("funnel.what.average", lang), lang)
    if not stages:
        raise FunnelError(t("funnel.error.no_stages", lang))
    if len(rates) != len(stages) - 1:
        raise FunnelError(t("funnel.error.rates_count", lang, stages=len(stages),
                            count=len(stages) - 1, found=len(rates)))
    exact_rates = [_positive(r, t("funnel.what.rate", lang), lang) for r in rates]
    if any(r > 1 for r in exact_rates):
        raise FunnelError(t("funnel.error.rate_above_one", lang))
    if isinstance(weeks_per_year, bool) or not isinstance(weeks_per_year, int) or not (
            1 <= weeks_per_year <= 53):
        raise FunnelError(t("funnel.error.weeks", lang, value=weeks_per_year))
    if isinstance(days_per_week, bool) or not isinstance(days_per_week, int) or not (
            1 <= days_per_week <= 7):
        raise FunnelError(t("funnel.error.days", lang, value=days_per_week))

    deals = target / average
    counts = [deals]
    for rate in reversed(exact_rates):  # work back from the deal to the first contact
        counts.append(counts[-1] / rate)
    counts.reverse()
    days = weeks_per_year * days_per_week
    rows = tuple(
        StageCount(stage=name, year=float(n), week=float(n / weeks_per_year),
                   day=float(n / days), rate=float(exact_rates[i]) if i < len(rates) else None)
        for i, (name, n) in enumerate(zip(stages, counts, strict=True))
    )
    return FunnelPlan(target_value=float(target), average_value=float(average),
                      deals=float(deals), stages=rows, weeks_per_year=weeks_per_year,
                      days_per_week=days_per_week)


def rounded_up(plan: FunnelPlan) -> tuple[str, float, int] | None:
    """The first count that is not a whole number (stage, exact per day, rounded up),
    to say why a table shows 134 calls where the arithmetic gives 133.3; None when every
    count is whole."""
    for stage in plan.stages:
        for value in (stage.day, stage.week, stage.year):
            if needed(value) != round(value, 9):
                return stage.stage, stage.day, needed(stage.day)
    return None


_NUMBERED = re.compile(r"^\s*(?:假设|假如|方案|Assumption|Scenario|What[- ]if)\s*(\d+)", re.I)


def next_number(labels: Sequence[str]) -> int:
    """The number of a new assumption: one more than the highest ``假设N`` /
    ``Assumption N`` among `labels` (at least one more than how many there are)."""
    found = [int(m.group(1)) for m in (_NUMBERED.match(text) for text in labels) if m]
    return max([len(labels), *found]) + 1


def assumption_label(number: int, average: float, rates: Sequence[float],
                     lang: str | None = None) -> str:
    """An assumption named from its own values, e.g. ``假设2：平均单值 4,000，转化率
    20% / 50% / 20%``: saving it again names it afresh, never "（假如：…）（假如：…）"."""
    from workshop.methods.numbers import fmt, percent

    return t("funnel.assumption", lang, n=number, average=fmt(average, lang),
             rates=" / ".join(percent(r, lang) for r in rates))


def what_if(base: FunnelPlan, other: FunnelPlan) -> list[tuple[str, float, float]]:
    """Per stage: (stage, daily count in `base`, daily count in `other`)."""
    return [(a.stage, a.day, b.day) for a, b in zip(base.stages, other.stages, strict=False)]


def of_funnel(funnel: object, *, average_value: float | None = None,
              rates: Sequence[float] | None = None, lang: str | None = None) -> FunnelPlan:
    """``plan`` for a document ``Funnel``; `average_value` and `rates` override its own
    (a what-if)."""
    return plan(funnel.target_value,  # type: ignore[attr-defined]
                funnel.average_value if average_value is None else average_value,  # type: ignore[attr-defined]
                list(funnel.stages), list(funnel.rates if rates is None else rates),  # type: ignore[attr-defined]
                weeks_per_year=funnel.weeks_per_year,  # type: ignore[attr-defined]
                days_per_week=funnel.days_per_week, lang=lang)  # type: ignore[attr-defined]
