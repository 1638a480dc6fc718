"""The review step's part of the report: last year's goals with their outcome, the five
boards, and the lessons worth keeping (经验萃取), which the report carries forward."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.methods.numbers import amount, percent
from workshop.model import Workshop
from workshop.model.review import OUTCOMES
from workshop.report.base import CardRow, StepReport, card_row, step_report


@dataclass(frozen=True)
class ReviewGoalRow:
    id: str
    statement: str
    unit: str
    target: float | None
    actual: float | None
    outcome: str | None
    """exceeded, met, missed, lost, or None when not decided."""
    outcome_label: str
    """超出 / 达成 / 没完成 / 丢失, or empty."""
    note: str
    target_text: str
    actual_text: str
    attainment: float | None
    """actual ÷ target (1.0 = met), when both are known and the target is not 0."""
    attainment_text: str


@dataclass
class ReviewReport(StepReport):
    goals: list[ReviewGoalRow] = field(default_factory=list)
    lessons: list[CardRow] = field(default_factory=list)
    """The cards on the lesson board: what the room wants to keep doing."""
    outcome_counts: dict[str, int] = field(default_factory=dict)

    @property
    def has_content(self) -> bool:
        return bool(self.goals) or super().has_content


def goal_row(goal, lang: str) -> ReviewGoalRow:
    attainment = None
    if goal.target not in (None, 0) and goal.actual is not None:
        attainment = goal.actual / goal.target
    return ReviewGoalRow(
        id=goal.id, statement=goal.statement, unit=goal.unit, target=goal.target,
        actual=goal.actual, outcome=goal.outcome,
        outcome_label=t(f"outcome.{goal.outcome}", lang) if goal.outcome else "",
        note=goal.note,
        target_text=amount(goal.target, goal.unit, lang) if goal.target is not None else "",
        actual_text=amount(goal.actual, goal.unit, lang) if goal.actual is not None else "",
        attainment=attainment,
        attainment_text=percent(attainment, lang, places=0) if attainment is not None else "")


def build(doc: Workshop, lang: str) -> ReviewReport:
    base = step_report(doc, "review", lang)
    goals = [goal_row(g, lang) for g in doc.review.goals]
    counts = {outcome: sum(1 for g in goals if g.outcome == outcome) for outcome in OUTCOMES}
    return ReviewReport(step=base.step, title=base.title, purpose=base.purpose,
                        boards=base.boards, goals=goals,
                        lessons=[card_row(doc, c) for c in doc.cards("review", "lesson")
                                 if not c.hidden],
                        outcome_counts=counts)
