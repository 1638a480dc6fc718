"""Last year's goals beside the review's boards: a summary of outcomes, the list, and the
keys that set an outcome by one key (``1`` exceeded, ``2`` met, ``3`` missed, ``4``
lost, ``0`` open, ``o`` the next one), add, edit and delete a goal. The keys work while
the focus is on the list; the key line says so, and where the focus is elsewhere it says
how to get there."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static

from workshop.edits import review as edits
from workshop.i18n import t
from workshop.model import Workshop
from workshop.model.review import OUTCOMES, ReviewGoal
from workshop.text import truncate
from workshop.tui.panes import Pane
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.review.goals import ReviewGoalDialog, ReviewGoalList, outcome_badge


class ReviewGoalsPane(Pane):
    """Not switched like a multi-view step's panes: the review shows it beside its
    boards, always."""

    view = "review-goals"
    takes_cards = False

    BINDINGS = [
        Binding("1", "outcome('exceeded')", "Exceeded", id="review_exceeded",
                tooltip="Last year's goal was exceeded"),
        Binding("2", "outcome('met')", "Met", id="review_met", tooltip="The goal was met"),
        Binding("3", "outcome('missed')", "Missed", id="review_missed",
                tooltip="The goal was missed"),
        Binding("4", "outcome('lost')", "Lost", id="review_lost",
                tooltip="The goal was lost (dropped on the way)"),
        Binding("0", "outcome('')", "Undecided", id="review_undecided", show=False,
                tooltip="No outcome yet"),
        Binding("o,space", "cycle_outcome", "Next outcome", id="review_cycle",
                key_display="O", tooltip="The next outcome for this goal"),
        Binding("a", "add_review_goal", "Add goal", id="review_add_goal",
                tooltip="Add one of last year's goals"),
        Binding("e", "edit_review_goal", "Edit goal", id="review_edit_goal", show=False,
                tooltip="Edit the selected goal (Enter too)"),
        Binding("delete,x", "delete_review_goal", "Delete goal", id="review_delete_goal",
                key_display="X", tooltip="Delete the selected goal (Ctrl+Z brings it back)"),
    ]

    DEFAULT_CSS = """
    ReviewGoalsPane { width: 42%; min-width: 30; max-width: 70; height: 1fr;
                      border-right: vkey $panel; }
    ReviewGoalsPane #review-summary { height: auto; padding: 0 1; background: $boost; }
    ReviewGoalsPane .panel-hint { height: auto; color: $text-muted; padding: 0 1; }
    """

    def title(self) -> str:
        return t("review.pdf.goals")

    def compose(self) -> ComposeResult:
        yield Static(id="review-summary")
        yield ReviewGoalList(id="review-goal-list")
        yield Static(id="review-keys", classes="panel-hint")

    def where(self) -> str:
        """``list`` (the keys work), ``board`` or ``entry``: where the focus is."""
        focused = self.screen.focused
        if isinstance(focused, ReviewGoalList):
            return "list"
        return "board" if isinstance(focused, CardBoard) else "entry"

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        self.query_one(ReviewGoalList).show(doc)
        summary = Text(no_wrap=True, overflow="ellipsis")
        if self.screen.size.width >= 100:  # the summary column is wide enough for a title
            summary.append(t("review.pdf.goals") + " ", "bold")
        for outcome in OUTCOMES:
            count = sum(1 for g in doc.review.goals if g.outcome == outcome)
            if count:
                summary.append_text(outcome_badge(outcome))
                summary.append(f"{count} ", "bold")
        self.query_one("#review-summary", Static).update(summary)
        self.show_hints()

    def show_hints(self) -> None:
        self.query_one("#review-keys", Static).update(t(f"review.ui.keys_{self.where()}"))

    def focus_default(self) -> None:
        self.query_one(ReviewGoalList).focus()

    # -- outcomes ---------------------------------------------------------------------
    def _goal(self) -> ReviewGoal | None:
        goal_id = self.query_one(ReviewGoalList).highlighted_id
        return next((g for g in self.doc.review.goals if g.id == goal_id), None)

    def action_outcome(self, outcome: str) -> None:
        goal = self._goal()
        if goal is None:
            return
        value = outcome or None
        label = t(f"outcome.{value}") if value else t("review.pdf.undecided")
        self.workbench.edit(t("review.undo.outcome", goal=truncate(goal.statement, 20),
                              outcome=label), edits.set_outcome, goal.id, value)

    def action_cycle_outcome(self) -> None:
        goal = self._goal()
        if goal is not None:
            self.workbench.edit(t("review.undo.cycle", goal=truncate(goal.statement, 20)),
                                edits.cycle_outcome, goal.id)

    # -- goals ------------------------------------------------------------------------
    def action_add_review_goal(self) -> None:
        def done(values: dict | None) -> None:
            if values is None:
                return
            added = self.workbench.edit(t("review.undo.add_goal",
                                          goal=truncate(values["statement"], 20)),
                                        edits.add_goal, **values)
            if added is not None:
                self.query_one(ReviewGoalList).select_id(added.id)

        self.workbench.push_screen(ReviewGoalDialog(t("review.ui.add_goal")), done)

    def action_edit_review_goal(self) -> None:
        goal = self._goal()
        if goal is None:
            self.action_add_review_goal()
            return
        goal_id = goal.id

        def done(values: dict | None) -> None:
            if values is not None:
                self.workbench.edit(t("review.undo.edit_goal",
                                      goal=truncate(values["statement"], 20)),
                                    edits.update_goal, goal_id, **values)

        self.workbench.push_screen(ReviewGoalDialog(t("review.ui.edit_goal"), goal), done)

    def action_delete_review_goal(self) -> None:
        goal = self._goal()
        if goal is None:
            return
        if self.workbench.edit(t("review.undo.delete_goal", goal=truncate(goal.statement, 20)),
                               edits.delete_goal, goal.id) is not None:
            self.workbench.notify(t("shell.deleted_hint"))

    @on(OptionList.OptionSelected, "#review-goal-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_review_goal()
