"""The course summary (课程总结): the room's takeaway cards through the shared entry, and
beside them what the day produced, team by team, for the last look before people leave."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from workshop.i18n import t
from workshop.model import StepId, Workshop
from workshop.report.summary import build as build_summary
from workshop.tui.screens.base import StepScreen, card_views
from workshop.tui.widgets.card_board import CardBoard, Section
from workshop.tui.widgets.method_panel import MethodPanel


def results_view(doc: Workshop) -> RenderableType:
    """Per team: actions (adopted, ready), questions, the leader's decision; then the
    closing statement."""
    report = build_summary(doc, "")
    parts: list[RenderableType] = [Text(t("summary.results.title"), style="bold underline")]
    if not report.results:
        parts.append(Text(t("summary.results.none"), style="dim"))
    # the name on a line of its own, the figures under it, beside the team's colour: a
    # grid keeps what wraps on a narrow panel under the name, not under the marker
    teams = Table.grid(padding=(0, 1))
    teams.add_column(no_wrap=True)
    teams.add_column(overflow="fold")
    for r in report.results:
        decision = r.decision or t("townhall.status.unsigned")
        style = ("bold green" if r.decision_key == "approved" else
                 "bold red" if r.decision_key else "yellow")
        text = Text(r.team)
        text.append("\n" + t("summary.results.counts", actions=r.actions, adopted=r.adopted,
                                ready=r.ready) + "  ")
        text.append(decision, style=style)
        teams.add_row(Text("■", style=r.color), text)
    if report.results:
        parts.append(teams)
    if doc.townhall.closing_statement:
        parts += [Text(""), Text(t("summary.results.closing"), style="bold underline"),
                  Text(doc.townhall.closing_statement)]
        if doc.townhall.closing_by:
            parts.append(Text("— " + doc.townhall.closing_by, style="dim"))
    return Group(*parts)


class SummaryScreen(StepScreen):
    step: ClassVar[StepId] = "summary"

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            yield CardBoard(id="board", empty_hint=t("summary.board_empty"))
            with VerticalScroll(id="method"):
                yield Static(id="summary-results")
                yield Static("")
                yield MethodPanel(self.step)

    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        board = self.query_one(CardBoard)
        board.current_section = self.board
        board.show([Section(key="takeaway", title="",
                            cards=card_views(doc, self.step, "takeaway"),
                            hint=t("summary.board_empty"))], select=select)
        self.query_one("#summary-results", Static).update(results_view(doc))
