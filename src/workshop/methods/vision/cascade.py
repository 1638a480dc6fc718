"""Target cascades (目标分解): split a whole into parts that add up exactly.

``split(total, weights, step=1)`` is the largest-remainder method: each part is its
proportional share rounded down to a multiple of `step`, and the units left over go
to the parts that lost most in rounding (the earlier part on a tie). So the parts
always sum to `total` exactly, none is negative, each is within one `step` of its
exact share, and a larger weight never gets a smaller part. The seed's cases:
100,000 a month over 4 weeks is 25,000 a week; over 28 days it is 3,571 or 3,572 a
day, summing to exactly 100,000.

``resolve(doc, cascade)`` gives a cascade of the document as the room sees it: the
whole (the goal's target, or one part of another cascade for combinations such as
month → people), each part's weight, share and value. ``formula`` is the planning
formula: plan = last year × (1 + natural growth) × other factors.

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, TypeVar

from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.model import Cascade, Workshop

N = TypeVar("N", int, float, Fraction, Decimal)

MAX_DEPTH = 8
"""Longest chain of cascades splitting parts of cascades (year → … → person → slot)."""


class CascadeError(ValueError):
    """A split that cannot be made, with a message fit for the room."""


def _exact(value: object, what: str, lang: str | None) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction, Decimal)):
        raise CascadeError(t("cascade.error.not_number", lang, what=what, value=value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CascadeError(t("cascade.error.not_number", lang, what=what, value=value))
        return Fraction(repr(value))  # 0.1 means one tenth, not its binary neighbour
    if isinstance(value, Decimal) and not value.is_finite():
        raise CascadeError(t("cascade.error.not_number", lang, what=what, value=value))
    return Fraction(value)


def _like(total: object, step: object, value: Fraction) -> int | float | Fraction | Decimal:
    """`value` in the type the caller used: ints for whole numbers given as ints."""
    if isinstance(total, Decimal) or isinstance(step, Decimal):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(total, Fraction) or isinstance(step, Fraction):
        return value
    if isinstance(total, int) and isinstance(step, int):
        return int(value)
    return float(value)


def shares(total: object, weights: Sequence[object], *,
           lang: str | None = None) -> list[Fraction]:
    """The exact proportional shares of `total` (no rounding); errors in `lang`."""
    whole = _exact(total, t("cascade.what.total", lang), lang)
    exact = [_exact(w, t("cascade.what.weight", lang), lang) for w in weights]
    if not exact:
        raise CascadeError(t("cascade.error.no_parts", lang))
    if any(w < 0 for w in exact):
        raise CascadeError(t("cascade.error.negative_weight", lang))
    weight_sum = sum(exact)
    if weight_sum == 0:
        raise CascadeError(t("cascade.error.zero_weights", lang))
    return [whole * w / weight_sum for w in exact]


def split(total: N, weights: Sequence[object], *, step: object = 1,
          lang: str | None = None) -> list[N]:
    """Split `total` in proportion to `weights` into parts (same order) that sum exactly to
    `total`, each a multiple of `step`, never negative.

    Ints in, ints out; Decimal or Fraction in, the same out; floats in, floats out.
    Raises ``CascadeError`` (a ``ValueError``) for no weights, a negative weight, all
    weights zero, a negative total, a step that is not positive, or a total that is not
    a multiple of `step`; its message is in `lang`.
    """
    whole = _exact(total, t("cascade.what.total", lang), lang)
    unit = _exact(step, t("cascade.what.step", lang), lang)
    if unit <= 0:
        raise CascadeError(t("cascade.error.step", lang, step=step))
    if whole < 0:
        raise CascadeError(t("cascade.error.negative_total", lang, total=total))
    units = whole / unit
    if units.denominator != 1:
        raise CascadeError(t("cascade.error.not_multiple", lang, total=total, step=step))
    quotas = shares(units.numerator, weights, lang=lang)
    floors = [q.numerator // q.denominator for q in quotas]
    left = units.numerator - sum(floors)
    # The units left over go to the largest remainders; on a tie, the earlier part.
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [_like(total, step, n * unit) for n in floors]  # type: ignore[misc]


# -- the planning formula -------------------------------------------------------------------

@dataclass(frozen=True)
class Formula:
    """plan = last year × (1 + natural growth) × other factors."""

    baseline: float
    growth: float
    """Natural growth as a share (0.15 = 15 %)."""
    factors: float
    """Other factors as one multiplier (1.087 = +8.7 %)."""
    plan: float
    target: float | None
    """The goal's target, to compare the formula's result with."""

    @property
    def gap(self) -> float | None:
        """target − plan: how far the set target is from what the formula gives."""
        return None if self.target is None else self.target - self.plan


def formula(baseline: float | None, growth: float | None, factors: float | None,
            target: float | None = None) -> Formula | None:
    """The planning formula for a goal, or None without a baseline or any growth/factors."""
    if baseline is None or (growth is None and factors is None):
        return None
    g = growth or 0.0
    f = 1.0 if factors is None else factors
    return Formula(baseline=baseline, growth=g, factors=f, plan=baseline * (1 + g) * f,
                   target=target)


# -- cascades of the document ---------------------------------------------------------------

@dataclass(frozen=True)
class PartRow:
    index: int
    label: str
    weight: float
    share: float | None
    """The part's share of the whole, 0–1 (None when the weights cannot be used)."""
    value: int | float | None
    """The part's exact value in the goal's unit (None without a whole)."""
    team_id: str | None
    member_id: str | None
    note: str
    children: tuple[str, ...] = ()
    """Ids of cascades that split this part further."""


@dataclass(frozen=True)
class Resolved:
    """A cascade as the room sees it: the whole, and each part's weight, share and value."""

    cascade_id: str
    goal_id: str
    label: str
    kind: str
    unit: str
    step: float
    total: int | float | None
    """What is split: the goal's target, or a part of the parent cascade."""
    source: str
    """Where the whole comes from: the goal's statement, or "<parent label> › <part>"."""
    parts: list[PartRow] = field(default_factory=list)
    error: str = ""
    """Why the parts have no values (no target, zero weights, not a multiple of step)."""
    depth: int = 0
    """0 for a cascade of a goal's target, 1 for one that splits a part of it, …"""

    @property
    def sum(self) -> int | float | None:
        values = [p.value for p in self.parts]
        if not values or any(v is None for v in values):
            return None
        return _plain(sum((_number(v) for v in values), Fraction(0)))  # type: ignore[arg-type]

    @property
    def adds_up(self) -> bool:
        """The parts sum to the whole exactly (in decimal terms, not binary floats)."""
        return self.total is not None and self.sum is not None and (
            _number(self.sum) == _number(self.total))


def _plain(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def _number(value: float) -> Fraction:
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def part_values(doc: Workshop, cascade: Cascade, _seen: frozenset[str] = frozenset(), *,
                lang: str | None = None) -> tuple[Fraction | None, list[Fraction], str]:
    """The whole of `cascade`, its parts' values, and an error message in `lang` ("" when
    fine)."""
    total, error = whole(doc, cascade, _seen, lang=lang)
    if total is None:
        return None, [], error
    try:
        parts = split(total, [_number(p.weight) for p in cascade.parts],
                      step=_number(cascade.step), lang=lang)
    except CascadeError as exc:
        return total, [], str(exc)
    return total, parts, ""


def whole(doc: Workshop, cascade: Cascade, _seen: frozenset[str] = frozenset(), *,
          lang: str | None = None) -> tuple[Fraction | None, str]:
    """What `cascade` splits: its goal's target, or one part of its parent cascade (or
    why not, in `lang`)."""
    if cascade.id in _seen or len(_seen) > MAX_DEPTH:
        return None, t("cascade.error.loop", lang)
    if cascade.parent_cascade_id is None:
        goal = doc.goal(cascade.goal_id)
        if goal is None:
            return None, t("cascade.error.no_goal", lang)
        if goal.target is None:
            return None, t("cascade.error.no_target", lang)
        return _number(goal.target), ""
    parent = cascade_by_id(doc, cascade.parent_cascade_id)
    if parent is None:
        return None, t("cascade.error.no_parent", lang)
    _total, values, error = part_values(doc, parent, _seen | {cascade.id}, lang=lang)
    if error:
        return None, error
    index = cascade.parent_part
    if index is None or not 0 <= index < len(values):
        return None, t("cascade.error.no_parent", lang)
    return values[index], ""


def cascade_by_id(doc: Workshop, cascade_id: str | None) -> Cascade | None:
    return next((c for c in doc.vision.cascades if c.id == cascade_id), None)


def depth(doc: Workshop, cascade: Cascade) -> int:
    level, current, seen = 0, cascade, {cascade.id}
    while current.parent_cascade_id is not None and level <= MAX_DEPTH:
        parent = cascade_by_id(doc, current.parent_cascade_id)
        if parent is None or parent.id in seen:
            break
        seen.add(parent.id)
        level += 1
        current = parent
    return level


def resolve(doc: Workshop, cascade: Cascade, lang: str | None = None) -> Resolved:
    """`cascade` with its whole and every part's share and exact value (words in `lang`)."""
    goal = doc.goal(cascade.goal_id)
    unit = goal.unit if goal else ""
    total, values, error = part_values(doc, cascade, lang=lang)
    weights = [p.weight for p in cascade.parts]
    weight_sum = sum(weights)
    children: dict[int, list[str]] = {}
    for other in doc.vision.cascades:
        if other.parent_cascade_id == cascade.id and other.parent_part is not None:
            children.setdefault(other.parent_part, []).append(other.id)
    rows = [
        PartRow(index=i, label=p.label, weight=p.weight,
                share=(p.weight / weight_sum) if weight_sum > 0 else None,
                value=_plain(values[i]) if values else None,
                team_id=p.team_id, member_id=p.member_id, note=p.note,
                children=tuple(children.get(i, ())))
        for i, p in enumerate(cascade.parts)
    ]
    source = goal.statement if goal else ""
    if cascade.parent_cascade_id is not None:
        parent = cascade_by_id(doc, cascade.parent_cascade_id)
        if parent is not None and cascade.parent_part is not None and (
                0 <= cascade.parent_part < len(parent.parts)):
            part = parent.parts[cascade.parent_part].label
            source = f"{parent.label or t('cascade.unnamed', lang)} / {part}"
    return Resolved(cascade_id=cascade.id, goal_id=cascade.goal_id, label=cascade.label,
                    kind=cascade.kind, unit=unit, step=cascade.step,
                    total=None if total is None else _plain(total), source=source,
                    parts=rows, error=error, depth=depth(doc, cascade))


def ordered(doc: Workshop) -> list[Cascade]:
    """The document's cascades goal by goal (in goal order), each followed by the cascades
    that split its parts: the order the room and the report walk them."""
    by_parent: dict[str | None, list[Cascade]] = {}
    for cascade in doc.vision.cascades:
        parent = cascade.parent_cascade_id
        if parent is not None and cascade_by_id(doc, parent) is None:
            parent = None
        by_parent.setdefault(parent, []).append(cascade)
    goal_order = {g.id: i for i, g in enumerate(doc.vision.goals)}
    roots = sorted(by_parent.get(None, []),
                   key=lambda c: goal_order.get(c.goal_id, len(goal_order)))
    out: list[Cascade] = []
    seen: set[str] = set()

    def walk(cascade: Cascade) -> None:
        if cascade.id in seen:
            return
        seen.add(cascade.id)
        out.append(cascade)
        for child in sorted(by_parent.get(cascade.id, []), key=lambda c: c.parent_part or 0):
            walk(child)

    for root in roots:
        walk(root)
    out += [c for c in doc.vision.cascades if c.id not in seen]  # parents in a loop
    return out


# -- ready-made parts for a new cascade -----------------------------------------------------

PRESETS: dict[str, str] = {
    "quarters": "time",
    "months": "time",
    "weeks": "time",
    "days": "time",
    "slots": "time",
    "teams": "unit",
    "members": "person",
    "products": "product",
    "custom": "custom",
}
"""Ready-made splits and the kind of cascade each makes: year → quarters → months → weeks
→ days → time slots (shops), the teams, the people of a team, products, or blank parts."""

SHOP_SLOTS = ("10:00—12:00", "12:00—14:00", "14:00—17:00", "17:00—19:00", "19:00—22:00")


@dataclass(frozen=True)
class PresetPart:
    label: str
    weight: float = 1.0
    team_id: str | None = None
    member_id: str | None = None


def _month_days(year: int, month: int, lang: str | None) -> list[PresetPart]:
    import calendar
    import datetime as dt

    days = calendar.monthrange(year, month)[1]
    out = []
    for day in range(1, days + 1):
        weekday = t(f"cascade.weekday.{dt.date(year, month, day).weekday()}", lang)
        out.append(PresetPart(t("cascade.preset.day_label", lang, day=day, weekday=weekday,
                                month_name=t(f"cascade.month_name.{month}", lang))))
    return out


def _time_parent(doc: Workshop, parent: tuple[str, int] | None) -> tuple[int, int] | None:
    """For a split of one part of a time cascade: (how many parts it has, which part)."""
    if parent is None:
        return None
    cascade = cascade_by_id(doc, parent[0])
    if cascade is None or cascade.kind != "time" or not 0 <= parent[1] < len(cascade.parts):
        return None
    return len(cascade.parts), parent[1]


def preset_parts(doc: Workshop, goal_id: str, preset: str, *, lang: str | None = None,
                 parent: tuple[str, int] | None = None) -> list[PresetPart]:
    """The parts a new cascade of `goal_id` starts with for `preset` (weights 1: the room
    then sets seasonality, working days, capability…). With `parent` (a cascade id and a
    part index) the split is of that part, so a quarter splits into its three months, a
    month into its days and a week into its seven days."""
    goal = doc.goal(goal_id)
    within = _time_parent(doc, parent)
    year = goal.deadline.year if goal is not None and goal.deadline else None
    if preset == "quarters":
        return [PresetPart(t(f"cascade.preset.quarter_{i}", lang)) for i in range(1, 5)]
    if preset == "months":
        months = range(1, 13)
        if within is not None and within[0] == 4:  # a quarter: its three months
            months = range(3 * within[1] + 1, 3 * within[1] + 4)
        return [PresetPart(t(f"cascade.month_name.{i}", lang)) for i in months]
    if preset == "weeks":
        return [PresetPart(t("cascade.preset.week", lang, week=i)) for i in range(1, 5)]
    if preset == "days":
        if within is not None and within[0] == 12 and year is not None:  # a month
            return _month_days(year, within[1] + 1, lang)
        if within is not None and within[0] in (4, 5):  # a week of a month: seven days
            return [PresetPart(t(f"cascade.weekday.{i}", lang)) for i in range(7)]
        if goal is not None and goal.deadline is not None:
            return _month_days(goal.deadline.year, goal.deadline.month, lang)
        return [PresetPart(t("cascade.preset.day", lang, day=i)) for i in range(1, 31)]
    if preset == "slots":
        return [PresetPart(slot) for slot in SHOP_SLOTS]
    if preset == "teams":
        return [PresetPart(team.name, team_id=team.id) for team in doc.teams]
    if preset == "members":
        owner = doc.team(goal.team_id) if goal is not None else None
        teams = [owner] if owner is not None else doc.teams
        return [PresetPart(m.name, team_id=team.id, member_id=m.id)
                for team in teams for m in team.members]
    if preset == "products":
        return [PresetPart(t("cascade.preset.product", lang, n=i)) for i in range(1, 4)]
    return [PresetPart(t("cascade.preset.part", lang, n=i)) for i in range(1, 4)]
