"""Edits of step 1: goals (the goal tree), the shared vision, cascades and funnels.

Each refuses bad input with an ``EditError`` in the room's language; the session rolls
the document back, so a refused edit loses nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

from workshop.edits import EditError
from workshop.i18n import t
from workshop.methods.numbers import fmt
from workshop.methods.vision import agreement, presets
from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision import funnel as funnel_math
from workshop.model import Cascade, CascadePart, Funnel, Goal, Workshop, limits, now
from workshop.model.vision import CascadeKind
from workshop.text import clean

GOAL_FIELDS = ("statement", "metric", "unit", "baseline", "floor", "target", "stretch",
               "deadline", "parent_id", "team_id", "growth", "factors", "kind")
_NUMBER_FIELDS = ("baseline", "floor", "target", "stretch", "growth", "factors")
MAX_PARTS = 400
"""A cascade of more parts than this is a mistake (a year of days is 366)."""


# -- goals ----------------------------------------------------------------------------------

def _goal(doc: Workshop, goal_id: str) -> Goal:
    goal = doc.goal(goal_id)
    if goal is None:
        raise EditError(t("vision.edit.goal_gone"))
    return goal


def _ancestors(doc: Workshop, goal_id: str | None) -> list[str]:
    out: list[str] = []
    while goal_id is not None and goal_id not in out:
        out.append(goal_id)
        parent = doc.goal(goal_id)
        goal_id = parent.parent_id if parent else None
    return out


def _check_goal_fields(doc: Workshop, goal_id: str | None, fields: dict[str, Any]) -> dict:
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise EditError(t("vision.edit.unknown_field", field=", ".join(sorted(unknown))))
    out = dict(fields)
    if "statement" in out:
        out["statement"] = clean(out["statement"] or "")
        if not out["statement"]:
            raise EditError(t("vision.edit.empty_goal"))
    for name in ("metric", "unit"):
        if name in out:
            out[name] = clean(out[name] or "")
    for name in _NUMBER_FIELDS:
        value = out.get(name)
        if value is not None and (isinstance(value, bool) or not math.isfinite(value)):
            raise EditError(t("vision.edit.not_number", field=t(f"vision.field.{name}")))
        if value is not None and (problem := limits.amount_problem(value)):
            raise EditError(f"{t(f'vision.field.{name}')}: {problem}")
    if out.get("factors") is not None and out["factors"] <= 0:
        raise EditError(t("vision.edit.factors"))
    if out.get("growth") is not None and out["growth"] <= -1:
        raise EditError(t("vision.edit.growth"))
    if "deadline" in out and out["deadline"] is not None and not isinstance(
            out["deadline"], dt.date):
        raise EditError(t("vision.edit.deadline"))
    if out.get("deadline") is not None and (problem := limits.date_problem(out["deadline"])):
        raise EditError(problem)
    if out.get("kind") not in (None, "amount", "level"):
        raise EditError(t("vision.edit.unknown_field", field=f"kind={out['kind']}"))
    if out.get("team_id") is not None and doc.team(out["team_id"]) is None:
        raise EditError(t("edit.unknown_team"))
    parent = out.get("parent_id")
    if parent is not None:
        if doc.goal(parent) is None:
            raise EditError(t("vision.edit.goal_gone"))
        if goal_id is not None and goal_id in _ancestors(doc, parent):
            raise EditError(t("vision.edit.parent_loop"))
    return out


def add_goal(doc: Workshop, **fields: Any) -> Goal:
    """Add a goal (statement, metric, unit, baseline, floor, target, stretch, deadline,
    parent_id, team_id, growth, factors); the statement is required."""
    if "statement" not in fields:
        raise EditError(t("vision.edit.empty_goal"))
    goal = Goal(**_check_goal_fields(doc, None, fields))
    doc.vision.goals.append(goal)
    return goal


def update_goal(doc: Workshop, goal_id: str, **fields: Any) -> Goal:
    goal = _goal(doc, goal_id)
    for name, value in _check_goal_fields(doc, goal_id, fields).items():
        setattr(goal, name, value)
    return goal


def delete_goal(doc: Workshop, goal_id: str) -> Goal:
    """Delete a goal: the goals that served it now serve its parent; its cascades go;
    its funnels stay, no longer tied to a goal."""
    goal = _goal(doc, goal_id)
    for other in doc.vision.goals:
        if other.parent_id == goal_id:
            other.parent_id = goal.parent_id
    for c in [c for c in doc.vision.cascades if c.goal_id == goal_id]:
        if c in doc.vision.cascades:
            _remove_cascade(doc, c.id)
    for f in doc.vision.funnels:
        if f.goal_id == goal_id:
            f.goal_id = None
    doc.vision.goals.remove(goal)
    return goal


# -- the shared vision ------------------------------------------------------------------------

def set_statement(doc: Workshop, text: str) -> bool:
    """Set the shared vision statement. A changed statement needs agreeing again:
    returns True when an earlier agreement was withdrawn."""
    text = clean(text or "", multiline=True)
    vision = doc.vision
    if text == vision.statement:
        return False
    withdrawn = vision.agreed
    vision.statement = text
    vision.agreed = False
    vision.agreed_at = None
    return withdrawn


def set_agreed(doc: Workshop, agreed: bool, at: dt.datetime | None = None) -> bool:
    """Record that the room agreed to the statement (when), or take it back."""
    vision = doc.vision
    if agreed and not vision.statement.strip():
        raise EditError(t("vision.edit.no_statement"))
    vision.agreed = agreed
    vision.agreed_at = (at or now()) if agreed else None
    return agreed


# -- cascades ---------------------------------------------------------------------------------

def _cascade(doc: Workshop, cascade_id: str) -> Cascade:
    found = cascade_math.cascade_by_id(doc, cascade_id)
    if found is None:
        raise EditError(t("vision.edit.cascade_gone"))
    return found


def _part(cascade: Cascade, index: int) -> CascadePart:
    if not 0 <= index < len(cascade.parts):
        raise EditError(t("vision.edit.part_gone"))
    return cascade.parts[index]


def add_cascade(doc: Workshop, goal_id: str, preset: str = "custom", *, label: str = "",
                parent_cascade_id: str | None = None, parent_part: int | None = None,
                lang: str | None = None) -> Cascade:
    """A new cascade of a goal's target from a preset (quarters, months, weeks, days, time
    slots, teams, members, products, custom); or, with `parent_cascade_id` and
    `parent_part`, one that splits a part of another cascade (month → people).

    Time presets carry the real calendar (``presets.preset_parts``). A new split takes
    whole units (or its parent's finer step) when they fit, else the largest round step
    that fits (11.5 splits in steps of 0.5). The same part (or goal) is not split twice
    the same way."""
    if preset not in cascade_math.PRESETS:
        raise EditError(t("vision.edit.unknown_preset", preset=preset))
    parent: Cascade | None = None
    if parent_cascade_id is not None:
        parent = _cascade(doc, parent_cascade_id)
        _part(parent, parent_part if parent_part is not None else -1)
        goal_id = parent.goal_id
    goal = _goal(doc, goal_id)
    try:
        made = presets.preset_parts(
            doc, goal_id, preset, lang=lang,
            parent=(parent_cascade_id, parent_part or 0) if parent_cascade_id else None)
    except cascade_math.CascadeError as error:
        raise EditError(str(error)) from None
    parts = [CascadePart(label=p.label, weight=p.weight, team_id=p.team_id,
                         member_id=p.member_id, start=p.start, end=p.end) for p in made]
    if not parts:
        raise EditError(t("vision.edit.preset_empty"))
    kind: CascadeKind = cascade_math.PRESETS[preset]  # type: ignore[assignment]
    parent_index = parent_part if parent is not None else None
    if preset != "custom" and any(
            c.goal_id == goal_id and c.parent_cascade_id == parent_cascade_id
            and c.parent_part == parent_index and c.kind == kind
            and [p.label for p in c.parts] == [p.label for p in parts]
            for c in doc.vision.cascades):
        what = parent.parts[parent_index].label if parent is not None and (
            parent_index is not None) else goal.statement
        raise EditError(t("vision.edit.already_split", part=what,
                          preset=t(f"vision.preset.{preset}", lang)))
    new = Cascade(goal_id=goal_id, kind=kind,
                  label=clean(label) or t(f"vision.preset.{preset}", lang),
                  parts=parts, parent_cascade_id=parent_cascade_id, parent_part=parent_index)
    whole, error = cascade_math.whole(doc, new)
    if whole is not None and not error:
        preferred = min(Fraction(1), cascade_math.number(parent.step)) if parent else 1
        new.step = float(cascade_math.fitting_step(whole, preferred))
    doc.vision.cascades.append(new)
    return new


def _remove_cascade(doc: Workshop, cascade_id: str) -> None:
    for child in [c for c in doc.vision.cascades if c.parent_cascade_id == cascade_id]:
        _remove_cascade(doc, child.id)
    doc.vision.cascades = [c for c in doc.vision.cascades if c.id != cascade_id]


def delete_cascade(doc: Workshop, cascade_id: str) -> Cascade:
    """Delete a cascade and the cascades that split its parts."""
    found = _cascade(doc, cascade_id)
    _remove_cascade(doc, cascade_id)
    return found


def _check_splits(doc: Workshop, cascade: Cascade, *, step: bool = False) -> None:
    """Refuse a change that leaves a cascade without any positive weight, or (with
    `step`) with a step its whole is not a multiple of (saying which step would fit)."""
    if not any(p.weight > 0 for p in cascade.parts):
        raise EditError(t("cascade.error.zero_weights"))
    whole, error = cascade_math.whole(doc, cascade)
    if step and whole is not None and not error:
        unit = cascade_math.number(cascade.step)
        if (whole / unit).denominator != 1:
            raise EditError(t("cascade.error.not_multiple", total=fmt(whole, places=6),
                              step=fmt(unit, places=6),
                              fits=fmt(cascade_math.fitting_step(whole, unit), places=6)))


def set_cascade(doc: Workshop, cascade_id: str, *, label: str | None = None,
                step: float | None = None, kind: str | None = None) -> Cascade:
    found = _cascade(doc, cascade_id)
    if label is not None:
        found.label = clean(label)
    if kind is not None:
        if kind not in ("time", "unit", "person", "product", "channel", "custom"):
            raise EditError(t("vision.edit.unknown_preset", preset=kind))
        found.kind = kind  # type: ignore[assignment]
    if step is not None:
        if isinstance(step, bool) or not math.isfinite(step) or step <= 0:
            raise EditError(t("cascade.error.step", step=step))
        found.step = step
        _check_splits(doc, found, step=True)
    return found


def set_weight(doc: Workshop, cascade_id: str, index: int, weight: float) -> CascadePart:
    """Set one part's weight (seasonality, working days, capability, product mix)."""
    found = _cascade(doc, cascade_id)
    part = _part(found, index)
    if isinstance(weight, bool) or not math.isfinite(weight):
        raise EditError(t("vision.edit.not_number", field=t("vision.field.weight")))
    if weight < 0:
        raise EditError(t("cascade.error.negative_weight"))
    if problem := limits.weight_problem(weight):
        raise EditError(problem)
    if weight == 0 and not any(p.weight > 0 for i, p in enumerate(found.parts) if i != index):
        raise EditError(t("cascade.error.zero_weights"))
    part.weight = weight
    return part


def nudge_weight(doc: Workshop, cascade_id: str, index: int, delta: float) -> CascadePart:
    """Move one part's weight by one step of size |`delta`| to the next whole multiple
    of it (7 → 8, 8.2 → 9 or 8), never below 0: the same key always lands on a round
    weight the room can read back."""
    part = _part(_cascade(doc, cascade_id), index)
    return set_weight(doc, cascade_id, index,
                      float(cascade_math.nudged(part.weight, delta)))


def share_follows_goal(doc: Workshop, cascade_id: str, index: int) -> Cascade:
    """Make a team's share of a split equal the team's own goal: the weights become the
    parts' amounts, that share the goal's target, the other shares taking up the
    difference in proportion (``agreement.share_following_goal``)."""
    found = _cascade(doc, cascade_id)
    _part(found, index)
    try:
        weights = agreement.share_following_goal(doc, found, index)
    except (agreement.CannotFollow, cascade_math.CascadeError) as error:
        raise EditError(str(error)) from None
    for part, weight in zip(found.parts, weights, strict=True):
        part.weight = float(weight)
    return found


def goal_follows_share(doc: Workshop, cascade_id: str, index: int) -> Goal:
    """Make the team's own goal take the value of its share of the split."""
    found = _cascade(doc, cascade_id)
    _part(found, index)
    goal = agreement.own_goal(doc, found, index)
    if goal is None:
        raise EditError(t("cascade.error.no_own_goal"))
    _total, values, error = cascade_math.part_values(doc, found)
    if error:
        raise EditError(error)
    goal.target = float(values[index])
    return goal


def equal_weights(doc: Workshop, cascade_id: str) -> Cascade:
    """Every part weight 1: an equal split to start from."""
    found = _cascade(doc, cascade_id)
    for part in found.parts:
        part.weight = 1.0
    return found


def add_part(doc: Workshop, cascade_id: str, label: str, weight: float = 1.0,
             after: int | None = None) -> int:
    """Add a part (after the part at `after`, else at the end); returns its index."""
    found = _cascade(doc, cascade_id)
    label = clean(label or "")
    if not label:
        raise EditError(t("vision.edit.empty_part"))
    if len(found.parts) >= MAX_PARTS:
        raise EditError(t("vision.edit.too_many_parts", max=MAX_PARTS))
    index = len(found.parts) if after is None else max(0, min(after + 1, len(found.parts)))
    found.parts.insert(index, CascadePart(label=label, weight=weight))
    _shift_children(doc, found.id, lambda i: i + 1 if i >= index else i)
    return index


def update_part(doc: Workshop, cascade_id: str, index: int, *, label: str | None = None,
                note: str | None = None) -> CascadePart:
    part = _part(_cascade(doc, cascade_id), index)
    if label is not None:
        label = clean(label)
        if not label:
            raise EditError(t("vision.edit.empty_part"))
        part.label = label
    if note is not None:
        part.note = clean(note)
    return part


def _shift_children(doc: Workshop, cascade_id: str, remap) -> None:
    for child in doc.vision.cascades:
        if child.parent_cascade_id == cascade_id and child.parent_part is not None:
            child.parent_part = remap(child.parent_part)


def delete_part(doc: Workshop, cascade_id: str, index: int) -> CascadePart:
    """Delete a part (and the cascades that split it); the last part cannot go."""
    found = _cascade(doc, cascade_id)
    part = _part(found, index)
    if len(found.parts) == 1:
        raise EditError(t("vision.edit.last_part"))
    for child in [c for c in doc.vision.cascades
                  if c.parent_cascade_id == cascade_id and c.parent_part == index]:
        _remove_cascade(doc, child.id)
    found.parts.pop(index)
    _shift_children(doc, cascade_id, lambda i: i - 1 if i > index else i)
    _check_splits(doc, found)
    return part


def move_part(doc: Workshop, cascade_id: str, index: int, delta: int) -> int:
    """Move a part up (−1) or down (+1); returns its new index."""
    found = _cascade(doc, cascade_id)
    _part(found, index)
    target = max(0, min(len(found.parts) - 1, index + delta))
    if target == index:
        return index
    found.parts.insert(target, found.parts.pop(index))

    def remap(i: int) -> int:
        if i == index:
            return target
        if index < i <= target:
            return i - 1
        if target <= i < index:
            return i + 1
        return i

    _shift_children(doc, cascade_id, remap)
    return target


# -- funnels ----------------------------------------------------------------------------------

FUNNEL_FIELDS = ("goal_id", "label", "target_value", "average_value", "stages", "rates",
                 "weeks_per_year", "days_per_week")


def _check_funnel(doc: Workshop, values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(FUNNEL_FIELDS)
    if unknown:
        raise EditError(t("vision.edit.unknown_field", field=", ".join(sorted(unknown))))
    if values.get("goal_id") is not None:
        _goal(doc, values["goal_id"])
    values["label"] = clean(values.get("label") or "")
    values["stages"] = [clean(s) for s in values.get("stages", []) if clean(s)]
    for name in ("target_value", "average_value"):
        value = values.get(name)
        if isinstance(value, int | float) and (problem := limits.amount_problem(value)):
            raise EditError(problem)
    try:
        funnel_math.plan(values["target_value"], values["average_value"], values["stages"],
                         values["rates"], weeks_per_year=values["weeks_per_year"],
                         days_per_week=values["days_per_week"])
    except funnel_math.FunnelError as error:
        raise EditError(str(error)) from None
    return values


def add_funnel(doc: Workshop, *, target_value: float, average_value: float,
               stages: list[str], rates: list[float], goal_id: str | None = None,
               label: str = "", weeks_per_year: int = 50, days_per_week: int = 5) -> Funnel:
    values = _check_funnel(doc, {
        "goal_id": goal_id, "label": label, "target_value": target_value,
        "average_value": average_value, "stages": stages, "rates": list(rates),
        "weeks_per_year": weeks_per_year, "days_per_week": days_per_week})
    new = Funnel(**values)
    doc.vision.funnels.append(new)
    return new


def _funnel(doc: Workshop, funnel_id: str) -> Funnel:
    found = next((f for f in doc.vision.funnels if f.id == funnel_id), None)
    if found is None:
        raise EditError(t("vision.edit.funnel_gone"))
    return found


def update_funnel(doc: Workshop, funnel_id: str, **fields: Any) -> Funnel:
    found = _funnel(doc, funnel_id)
    values = {name: getattr(found, name) for name in FUNNEL_FIELDS}
    values["stages"] = list(found.stages)
    values["rates"] = list(found.rates)
    values.update(fields)
    for name, value in _check_funnel(doc, values).items():
        setattr(found, name, value)
    return found


def assumption_name(doc: Workshop, funnel_id: str, average: float, rates: list[float]) -> str:
    """The name of a new assumption beside `funnel_id`, from its own numbers."""
    found = _funnel(doc, funnel_id)
    return funnel_math.assumption_label(
        funnel_math.next_number([f.label for f in doc.vision.funnels
                                 if f.goal_id == found.goal_id]), average, rates)


def copy_funnel(doc: Workshop, funnel_id: str, *, label: str = "",
                average_value: float | None = None,
                rates: list[float] | None = None) -> Funnel:
    """A new funnel like `funnel_id` (an assumption to compare), with what-if values;
    without a `label`, named from its own values (假设2：平均单值 4,000，转化率 …)."""
    found = _funnel(doc, funnel_id)
    average = found.average_value if average_value is None else average_value
    if not clean(label or ""):
        label = assumption_name(doc, funnel_id, average,
                                list(found.rates if rates is None else rates))
    return add_funnel(doc, goal_id=found.goal_id, label=label,
                      target_value=found.target_value,
                      average_value=average, stages=list(found.stages),
                      rates=list(found.rates if rates is None else rates),
                      weeks_per_year=found.weeks_per_year, days_per_week=found.days_per_week)


def delete_funnel(doc: Workshop, funnel_id: str) -> Funnel:
    found = _funnel(doc, funnel_id)
    doc.vision.funnels.remove(found)
    return found
