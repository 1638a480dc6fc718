"""The review (复盘) on screen: last year's goals with their outcome — exceeded, met,
missed, lost, set by one key — next to the five boards the room types into in turn:
highlights, to improve, reasons for success and for failure, lessons worth keeping.
The lessons are carried to the report."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static

from workshop.edits import review as edits
from workshop.i18n import t
from workshop.model import Workshop
from workshop.model.review import OUTCOMES
from workshop.text import truncate
from workshop.tui.screens.base import StepScreen
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.method_panel import MethodPanel
from workshop.tui.widgets.review.goals import ReviewGoalDialog, ReviewGoalList, outcome_badge


class ReviewScreen(StepScreen):
    step = "review"

    DEFAULT_CSS = """
    ReviewScreen #review-goals { width: 42%; min-width: 30; max-width: 70;
                                 border-right: vkey $panel; }
    ReviewScreen #review-summary { height: auto; padding: 0 1; background: $boost; }
    ReviewScreen .panel-hint { height: auto; color: $text-muted; padding: 0 1; }
    ReviewScreen.-short .panel-hint { display: none; }
    ReviewScreen.-narrow #method { display: none; }
    """

    BINDINGS: ClassVar = []

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="review-goals"):
                yield Static(id="review-summary")
                yield ReviewGoalList(id="review-goal-list")
                yield Static(t("review.ui.keys"), classes="panel-hint")
            yield CardBoard(id="board", empty_hint=t("shell.board_empty"))
            with VerticalScroll(id="method"):
                yield MethodPanel(self.step)

    def on_resize(self) -> None:
        self.set_class(self.size.height < 30, "-short")
        self.set_class(self.size.width < 140, "-narrow")

    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        super().refresh_body(doc, select=select)
        self.query_one(ReviewGoalList).show(doc)
        summary = Text(no_wrap=True, overflow="ellipsis")
        if self.size.width >= 100:  # the summary column is wide enough for a title
            summary.append(t("review.pdf.goals") + " ", "bold")
        for outcome in OUTCOMES:
            count = sum(1 for g in doc.review.goals if g.outcome == outcome)
            if count:
                summary.append_text(outcome_badge(outcome))
                summary.append(f"{count} ", "bold")
        self.query_one("#review-summary", Static).update(summary)

    # -- outcomes ---------------------------------------------------------------------
    def _goal_id(self) -> str | None:
        return self.query_one(ReviewGoalList).goal_id

    def action_outcome(self, outcome: str) -> None:
        goal_id = self._goal_id()
        goal = next((g for g in self.doc.review.goals if g.id == goal_id), None)
        if goal is None:
            return
        value = outcome or None
        label = t(f"outcome.{value}") if value else t("review.pdf.undecided")
        self.app.edit(t("review.undo.outcome", goal=truncate(goal.statement, 20), outcome=label),
                      edits.set_outcome, goal.id, value)

    def action_cycle_outcome(self) -> None:
        goal_id = self._goal_id()
        goal = next((g for g in self.doc.review.goals if g.id == goal_id), None)
        if goal is None:
            return
        self.app.edit(t("review.undo.cycle", goal=truncate(goal.statement, 20)),
                      edits.cycle_outcome, goal.id)

    # -- goals ------------------------------------------------------------------------
    def action_add_review_goal(self) -> None:
        def done(values: dict | None) -> None:
            if values is None:
                return
            added = self.app.edit(t("review.undo.add_goal",
                                    goal=truncate(values["statement"], 20)),
                                  edits.add_goal, **values)
            if added is not None:
                self.query_one(ReviewGoalList).select_goal(added.id)

        self.app.push_screen(ReviewGoalDialog(t("review.ui.add_goal")), done)

    def action_edit_review_goal(self) -> None:
        goal_id = self._goal_id()
        goal = next((g for g in self.doc.review.goals if g.id == goal_id), None)
        if goal is None:
            self.action_add_review_goal()
            return

        def done(values: dict | None) -> None:
            if values is not None:
                self.app.edit(t("review.undo.edit_goal",
                                goal=truncate(values["statement"], 20)),
                              edits.update_goal, goal_id, **values)

        self.app.push_screen(ReviewGoalDialog(t("review.ui.edit_goal"), goal), done)

    def action_delete_review_goal(self) -> None:
        goal_id = self._goal_id()
        goal = next((g for g in self.doc.review.goals if g.id == goal_id), None)
        if goal is None:
            return
        if self.app.edit(t("review.undo.delete_goal", goal=truncate(goal.statement, 20)),
                         edits.delete_goal, goal.id) is not None:
            self.notify(t("shell.deleted_hint"))

    @on(OptionList.OptionSelected, "#review-goal-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_review_goal()
