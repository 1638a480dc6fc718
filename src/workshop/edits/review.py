"""Edits of the review (复盘): last year's goals and how each ended."""

from __future__ import annotations

from typing import Any

from workshop.edits import EditError, goal_fields
from workshop.i18n import t
from workshop.model import ReviewGoal, Workshop
from workshop.model.review import OUTCOMES, Outcome

REVIEW_FIELDS = ("statement", "unit", "target", "actual", "outcome", "note")


def _goal(doc: Workshop, goal_id: str) -> ReviewGoal:
    found = next((g for g in doc.review.goals if g.id == goal_id), None)
    if found is None:
        raise EditError(t("review.edit.goal_gone"))
    return found


def _check(fields: dict[str, Any]) -> dict[str, Any]:
    out = goal_fields.checked(fields, REVIEW_FIELDS, empty_key="review.edit.empty_goal",
                              lines=("unit",), notes=("note",),
                              amounts={name: f"review.field.{name}"
                                       for name in ("target", "actual")})
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
