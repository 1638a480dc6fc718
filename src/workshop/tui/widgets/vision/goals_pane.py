"""The goals panel: the goal tree (company → department → person) with each goal's SMART
letters beside the selected goal's numbers, verdicts, planning formula and cascades.
``a`` adds a goal, ``c`` one under the selected goal, Enter or ``e`` edits it in a form
whose SMART check follows every keystroke, ``x`` deletes it (undoable)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList

from workshop.edits import vision as edits
from workshop.i18n import t
from workshop.model import Workshop
from workshop.text import truncate
from workshop.tui.widgets.vision.goals import (
    GoalDetail,
    GoalDialog,
    GoalTree,
    goal_details,
    goal_fields,
)
from workshop.tui.widgets.vision.pane import VisionPane


class GoalsPane(VisionPane):
    view = "goals"
    takes_cards = False

    BINDINGS = [
        Binding("a", "add_goal", "Add goal", id="vision_add_goal",
                tooltip="Add a goal (the company goal first)"),
        Binding("c", "add_subgoal", "Add sub-goal", id="vision_add_subgoal",
                tooltip="Add a goal that serves the selected one"),
        Binding("e", "edit_goal", "Edit goal", id="vision_edit_goal",
                tooltip="Edit the selected goal (Enter on the tree too)"),
        Binding("delete,x", "delete_goal", "Delete goal", id="vision_delete_goal",
                key_display="X", tooltip="Delete the selected goal (Ctrl+Z brings it back)"),
    ]

    DEFAULT_CSS = """
    GoalsPane GoalTree { width: 46%; min-width: 30; max-width: 76; border-right: vkey $panel; }
    GoalsPane #goal-detail-scroll { width: 1fr; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield GoalTree(id="goal-tree")
            with VerticalScroll(id="goal-detail-scroll"):
                yield GoalDetail(id="goal-detail")

    def where(self) -> str:
        return "detail" if self.focused_here() is self.query_one("#goal-detail-scroll") \
            else "tree"

    def focus_default(self) -> None:
        self.query_one(GoalTree).focus()

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        self.query_one(GoalTree).show(doc)
        self._show_goal(doc)

    @property
    def goal_id(self) -> str | None:
        """The goal highlighted in the tree (the other panels start from it)."""
        return self.query_one(GoalTree).highlighted_id

    def _show_goal(self, doc: Workshop) -> None:
        self.query_one(GoalDetail).update(goal_details(doc, doc.goal(self.goal_id)))

    @on(OptionList.OptionHighlighted, "#goal-tree")
    def _goal_highlighted(self) -> None:
        self._show_goal(self.doc)

    @on(OptionList.OptionSelected, "#goal-tree")
    def _goal_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_goal()

    # -- actions --------------------------------------------------------------------------
    def _goal_dialog(self, title: str, goal_id: str | None, parent_id: str | None = None):
        doc = self.doc
        goal = doc.goal(goal_id) if goal_id else None

        def done(values: dict | None) -> None:
            if values is None:
                return
            fields = goal_fields(values)
            label = truncate(fields["statement"], 24)
            if goal_id is None:
                added = self.workbench.edit(t("vision.undo.add_goal", goal=label),
                                            edits.add_goal, **fields)
                if added is not None:
                    self.query_one(GoalTree).select_id(added.id)
            else:
                self.workbench.edit(t("vision.undo.edit_goal", goal=label), edits.update_goal,
                                    goal_id, **fields)

        self.workbench.push_screen(GoalDialog(title, doc, goal, parent_id=parent_id), done)

    def action_add_goal(self) -> None:
        self._goal_dialog(t("vision.ui.add_goal"), None)

    def action_add_subgoal(self) -> None:
        self._goal_dialog(t("vision.ui.add_subgoal"), None, parent_id=self.goal_id)

    def action_edit_goal(self) -> None:
        if self.goal_id is None:
            self.action_add_goal()
            return
        self._goal_dialog(t("vision.ui.edit_goal"), self.goal_id)

    def action_delete_goal(self) -> None:
        goal = self.doc.goal(self.goal_id)
        if goal is None:
            return
        if self.workbench.edit(t("vision.undo.delete_goal", goal=truncate(goal.statement, 24)),
                               edits.delete_goal, goal.id) is not None:
            self.workbench.notify(t("shell.deleted_hint"))
