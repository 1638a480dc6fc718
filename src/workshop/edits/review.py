"""Edits of the review (复盘): last year's goals and how each ended."""

from __future__ import annotations

import math
from typing import Any

from workshop.edits import EditError
from workshop.i18n import t
from workshop.model import ReviewGoal, Workshop, limits
from workshop.model.review import OUTCOMES, Outcome
from workshop.text import clean

REVIEW_FIELDS = ("statement", "unit", "target", "actual", "outcome", "note")


def _goal(doc: Workshop, goal_id: str) -> ReviewGoal:
    found = next((g for g in doc.review.goals if g.id == goal_id), None)
    if found is None:
        raise EditError(t("review.edit.goal_gone"))
    return found


def _check(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise EditError(t("vision.edit.unknown_field", field=", ".join(sorted(unknown))))
    out = dict(fields)
    if "statement" in out:
        out["statement"] = clean(out["statement"] or "")
        if not out["statement"]:
            raise EditError(t("review.edit.empty_goal"))
    if "unit" in out:
        out["unit"] = clean(out["unit"] or "")
    if "note" in out:
        out["note"] = clean(out["note"] or "", multiline=True)
    for name in ("target", "actual"):
        value = out.get(name)
        if value is not None and (isinstance(value, bool) or not math.isfinite(value)):
            raise EditError(t("vision.edit.not_number", field=t(f"review.field.{name}")))
        if value is not None and (problem := limits.amount_problem(value)):
            raise EditError(f"{t(f'review.field.{name}')}: {problem}")
    if out.get("outcome") is not None and out["outcome"] not in OUTCOMES:
        raise EditError(t("review.edit.unknown_outcome", outcome=out["outcome"]))
    return out


def add_goal(doc: Workshop, **fields: Any) -> ReviewGoal:
    """Add one of last year's goals (statement required; unit, target, actual, outcome,
    note)."""
    if "statement" not in fields:
        raise EditError(t("review.edit.empty_goal"))
    goal = ReviewGoal(**_check(fields))
    doc.review.goals.append(goal)
    return goal


def update_goal(doc: Workshop, goal_id: str, **fields: Any) -> ReviewGoal:
    goal = _goal(doc, goal_id)
    for name, value in _check(fields).items():
        setattr(goal, name, value)
    return goal


def delete_goal(doc: Workshop, goal_id: str) -> ReviewGoal:
    goal = _goal(doc, goal_id)
    doc.review.goals.remove(goal)
    return goal


def set_outcome(doc: Workshop, goal_id: str, outcome: Outcome | None) -> ReviewGoal:
    """How the goal ended: exceeded, met, missed, lost — or not decided (None)."""
    return update_goal(doc, goal_id, outcome=outcome)


def cycle_outcome(doc: Workshop, goal_id: str) -> ReviewGoal:
    """The next outcome in the order none → exceeded → met → missed → lost → none."""
    goal = _goal(doc, goal_id)
    order: list[Outcome | None] = [None, *OUTCOMES]
    return set_outcome(doc, goal_id, order[(order.index(goal.outcome) + 1) % len(order)])


def move_goal(doc: Workshop, goal_id: str, delta: int) -> int:
    goals = doc.review.goals
    goal = _goal(doc, goal_id)
    index = goals.index(goal)
    target = max(0, min(len(goals) - 1, index + delta))
    goals.insert(target, goals.pop(index))
    return target
