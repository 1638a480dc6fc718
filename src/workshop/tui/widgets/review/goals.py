"""Last year's goals with their outcome (超出 / 达成 / 没完成 / 丢失), set by key; and the
form to add or edit one."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.widgets.option_list import Option

from workshop.i18n import t
from workshop.model import Workshop
from workshop.model.review import OUTCOMES, ReviewGoal
from workshop.report.review import goal_row
from workshop.text import cells, wrap
from workshop.tui.widgets.forms import Field, FormDialog
from workshop.tui.widgets.keyed_list import WrappedKeyedList

OUTCOME_STYLE = {
    "exceeded": Style(color="#ffffff", bgcolor="#15803d", bold=True),
    "met": Style(color="#ffffff", bgcolor="#0f766e", bold=True),
    "missed": Style(color="#ffffff", bgcolor="#c2410c", bold=True),
    "lost": Style(color="#ffffff", bgcolor="#4b5563", bold=True),
    None: Style(color="#ffffff", bgcolor="#9ca3af", bold=True),
}
"""Fixed colours that read on every theme; the word is always printed too."""
MUTED = Style(dim=True)


def outcome_badge(outcome: str | None) -> Text:
    label = t(f"outcome.{outcome}") if outcome else t("review.pdf.undecided")
    return Text(f" {label} ", OUTCOME_STYLE[outcome])


class ReviewGoalList(WrappedKeyedList):
    """One option per goal: the statement, then its outcome badge and numbers. (Its keys
    belong to the goals pane around it.)"""

    DEFAULT_CSS = """
    ReviewGoalList, ReviewGoalList:focus { height: 1fr; border: none; padding: 0;
                                           background: $surface; }
    """

    def draw(self, doc: Workshop) -> None:
        width = max(12, (self.size.width or 40) - 3)
        options = []
        for n, goal in enumerate(doc.review.goals, 1):
            row = goal_row(goal, "")
            number = f"{n} "
            hang = " " * cells(number)
            lines = wrap(goal.statement, max(6, width - cells(number)))
            prompt = Text(number, "bold")
            prompt.append(lines[0])
            for line in lines[1:]:
                prompt.append("\n" + hang + line)
            prompt.append("\n" + hang)
            badge = outcome_badge(goal.outcome)
            prompt.append_text(badge)
            numbers = []
            if row.target_text:
                numbers.append(f"{t('review.field.target')} {row.target_text}")
            if row.actual_text:
                numbers.append(f"{t('review.field.actual')} {row.actual_text}")
            if row.attainment_text:
                numbers.append(row.attainment_text)
            room = width - cells(hang) - badge.cell_len - 1
            for line in wrap(" · ".join(numbers), room) if numbers else []:
                prompt.append(" " + line, MUTED)
                prompt.append("\n" + hang + " " * badge.cell_len)
            if numbers:
                prompt.right_crop(len(hang) + badge.cell_len + 1)
            if goal.note:
                for line in wrap(goal.note, max(6, width - cells(hang)))[:2]:
                    prompt.append("\n" + hang + line, Style(italic=True, dim=True))
            options.append(Option(prompt, id=goal.id))
        self.replace_options(options)


class ReviewGoalDialog(FormDialog):
    """Add or edit one of last year's goals."""

    AMOUNT_FIELDS = ("target", "actual")

    def __init__(self, title: str, goal: ReviewGoal | None = None) -> None:
        outcomes = [(t(f"outcome.{o}"), o) for o in OUTCOMES]
        fields = [
            Field("statement", t("review.field.statement"), value=goal.statement if goal
                  else None, wide=True, required=True,
                  placeholder=t("review.ui.statement_placeholder")),
            Field("unit", t("review.field.unit"), value=goal.unit if goal else None),
            Field("outcome", t("review.field.outcome"), "choice",
                  goal.outcome if goal else None, options=outcomes),
            Field("target", t("review.field.target"), "number", goal.target if goal else None),
            Field("actual", t("review.field.actual"), "number", goal.actual if goal else None),
            Field("note", t("review.field.note"), value=goal.note if goal else None,
                  wide=True, placeholder=t("review.ui.note_placeholder")),
        ]
        super().__init__(title, fields)

    def values(self) -> dict[str, Any]:
        out = super().values()
        out["note"] = out.get("note") or ""
        out["unit"] = out.get("unit") or ""
        return out
