"""The review (复盘) on screen: last year's goals with their outcome — exceeded, met,
missed, lost, set by one key — next to the five boards the room types into in turn:
highlights, to improve, reasons for success and for failure, lessons worth keeping.
The lessons are carried to the report. The goals column is a pane that owns its keys
(``tui/widgets/review/goals_pane.py``); the screen keeps the boards and the frame.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll

from workshop.i18n import t
from workshop.model import Workshop
from workshop.tui.screens.base import StepScreen
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.method_panel import MethodPanel
from workshop.tui.widgets.review.goals_pane import ReviewGoalsPane


class ReviewScreen(StepScreen):
    step = "review"

    DEFAULT_CSS = """
    ReviewScreen.-short .panel-hint { display: none; }
    ReviewScreen.-narrow #method { display: none; }
    """

    BINDINGS: ClassVar = []

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            yield ReviewGoalsPane()
            yield CardBoard(id="board", empty_hint=t("shell.board_empty"))
            with VerticalScroll(id="method"):
                yield MethodPanel(self.step)

    def size_classes(self, width: int, height: int) -> dict[str, bool]:
        return {"-short": height < 30, "-narrow": width < 140}

    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        super().refresh_body(doc, select=select)
        self.query_one(ReviewGoalsPane).show(doc)

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        # the goals' key line names the keys that work where the focus is now
        self.query_one(ReviewGoalsPane).show_hints()
