"""Target cascades (目标分解): split a whole into parts that add up exactly.

``split(total, weights, step=1)`` is the largest-remainder method: each part is its
proportional share rounded down to a multiple of `step`, and the units left over go
to the parts that lost most in rounding (spread evenly over parts that lost equally,
so no run of periods stands out; ``rounding`` says which got one more). So the parts
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
from workshop.methods.numbers import fmt

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
    found = rounding(total, weights, step=step, lang=lang)
    return [_like(total, step, n * found.step) for n in found.units]  # type: ignore[misc]


@dataclass(frozen=True)
class Rounding:
    """How a split was rounded, for the room that asks "why is May 46 and June 45?"."""

    step: Fraction
    exact: tuple[Fraction, ...]
    """Each part's exact proportional share."""
    units: tuple[int, ...]
    """Each part in steps, after rounding."""
    raised: tuple[int, ...]
    """The parts (indices) that got one step more than their share rounded down."""

    @property
    def left(self) -> int:
        """How many steps were left over after rounding every share down."""
        return len(self.raised)


def _spread(tied: list[int], count: int) -> list[int]:
    """`count` of the `tied` indices, spread evenly over them (not bunched at the start)."""
    size = len(tied)
    return [tied[(2 * j + 1) * size // (2 * count)] for j in range(count)]


def rounding(total: object, weights: Sequence[object], *, step: object = 1,
             lang: str | None = None) -> Rounding:
    """The largest-remainder split of `total` by `weights` in steps of `step`, with what was
    rounded: each share rounded down, then the steps left over one each to the shares
    that lost most; among shares that lost equally (equal weights, usually), the steps
    are spread evenly, so no run of periods stands out."""
    whole = _exact(total, t("cascade.what.total", lang), lang)
    unit = _exact(step, t("cascade.what.step", lang), lang)
    if unit <= 0:
        raise CascadeError(t("cascade.error.step", lang, step=fmt(unit, lang, places=6)))
    if whole < 0:
        raise CascadeError(t("cascade.error.negative_total", lang,
                             total=fmt(whole, lang, places=6)))
    count = whole / unit
    if count.denominator != 1:
        raise CascadeError(not_multiple(whole, unit, lang))
    quotas = shares(count.numerator, weights, lang=lang)
    floors = [q.numerator // q.denominator for q in quotas]
    left = count.numerator - sum(floors)
    by_loss: dict[Fraction, list[int]] = {}
    for i, quota in enumerate(quotas):
        if quota != floors[i]:
            by_loss.setdefault(quota - floors[i], []).append(i)
    raised: list[int] = []
    for loss in sorted(by_loss, reverse=True):
        if left <= 0:
            break
        tied = by_loss[loss]
        chosen = tied if len(tied) <= left else _spread(tied, left)
        raised += chosen
        left -= len(chosen)
    for i in raised:
        floors[i] += 1
    return Rounding(step=unit, exact=tuple(q * unit for q in quotas), units=tuple(floors),
                    raised=tuple(sorted(raised)))


def not_multiple(whole: Fraction, step: Fraction, lang: str | None) -> str:
    """Why `whole` does not split in steps of `step`, naming a step that would."""
    return t("cascade.error.not_multiple", lang, total=fmt(whole, lang, places=6),
             step=fmt(step, lang, places=6), fits=fmt(fitting_step(whole, step), lang, places=6))


STEP_CHOICES = tuple(Fraction(n) * Fraction(10) ** p for p in range(6, -7, -1)
                     for n in (5, 1))
"""Steps a split may take, largest first: 5,000,000 … 1, 0.5, 0.1 … 0.000001."""


def fitting_step(whole: object, preferred: object = 1) -> Fraction:
    """The largest "round" step (1 or 5 × 10ⁿ) not above `preferred` of which `whole`
    is a whole multiple: a sub-split of 11.5 takes 0.5, not the parent's 1. `preferred`
    itself when it fits already."""
    total = _exact(whole, "total", None)
    top = _exact(preferred, "step", None)
    if top > 0 and (total / top).denominator == 1:
        return top
    for choice in STEP_CHOICES:
        if choice <= top and (total / choice).denominator == 1:
            return choice
    return Fraction(1, 10**6) if top <= 0 else min(top, Fraction(1, 10**6))


def weight_step(weights: Sequence[float]) -> float:
    """The step of ``+``/``−`` on a cascade's weights: 1 while weights are small
    (seasons 7, 8, 9; capability 1–100), else the round number (1, 2 or 5 × 10ⁿ) nearest
    below a twentieth of the largest weight (weights written as money, 13,000 → 500).
    Always a whole number, so the same key changes a weight by the same amount."""
    top = max((w for w in weights if math.isfinite(w)), default=1.0)
    if top <= 100:
        return 1.0
    raw = top / 20
    power = 10 ** math.floor(math.log10(raw))
    return float(max(n * power for n in (1, 2, 5) if n * power <= raw * (1 + 1e-9)))


def nudged(weight: float, delta: float) -> Fraction:
    """`weight` moved by one step |`delta`| to the next whole multiple of the step in
    `delta`'s direction, never below 0 (8.2 + 1 → 9, 8.2 − 1 → 8, 7 + 1 → 8)."""
    step = abs(number(delta))
    now = number(weight)
    if step == 0:
        return now
    steps = math.floor(now / step) + 1 if delta > 0 else math.ceil(now / step) - 1
    return max(Fraction(0), steps * step)


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
        return _plain(sum((number(v) for v in values), Fraction(0)))  # type: ignore[arg-type]

    @property
    def adds_up(self) -> bool:
        """The parts sum to the whole exactly (in decimal terms, not binary floats)."""
        return self.total is not None and self.sum is not None and (
            number(self.sum) == number(self.total))


def _plain(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def number(value: float) -> Fraction:
    """A float as the decimal the room typed (0.1 is one tenth), an int or Fraction as is."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def part_values(doc: Workshop, cascade: Cascade, _seen: frozenset[str] = frozenset(), *,
                lang: str | None = None) -> tuple[Fraction | None, list[Fraction], str]:
    """The whole of `cascade`, its parts' values, and an error message in `lang` ("" when
    fine). The parts are multiples of the cascade's step, or of the largest round step
    below it that the whole is a multiple of (``step_for``): a part of a parent whose
    weights changed to 11.5 still splits."""
    total, error = whole(doc, cascade, _seen, lang=lang)
    if total is None:
        return None, [], error
    try:
        parts = split(total, [number(p.weight) for p in cascade.parts],
                      step=step_for(total, cascade), lang=lang)
    except CascadeError as exc:
        return total, [], str(exc)
    return total, parts, ""


def step_for(total: Fraction, cascade: Cascade) -> Fraction:
    """The step `cascade` splits `total` in: its own, else the largest round one that fits."""
    step = number(cascade.step)
    if step > 0 and total >= 0 and (total / step).denominator != 1:
        return fitting_step(total, step)
    return step


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
        return number(goal.target), ""
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
                    kind=cascade.kind, unit=unit,
                    step=float(step_for(total, cascade)) if total is not None else cascade.step,
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
→ days → time slots (shops), the teams, the people of a team, products, or blank parts
(``presets.preset_parts`` makes their parts)."""
