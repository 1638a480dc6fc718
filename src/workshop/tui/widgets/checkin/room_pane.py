"""The room view for the monthly review meeting: every team's goals at a glance — on pace,
behind, ahead — big and in colour, for the projector. One panel per team (the company's
goals first), side by side where the screen is wide; each goal with its verdict, actual
against plan, and the rule's advice in a few words.
"""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop import i18n
from workshop.i18n import t
from workshop.model import Workshop
from workshop.report.checkin import Board, CheckinReport, build
from workshop.text import cells, flow
from workshop.tui.widgets.checkin.pane import CheckinPane

BADGES = {"behind": ("▼", "bold white on red"), "ahead": ("▲", "bold white on green"),
          "on_pace": ("●", "bold white on blue"), "no_actual": ("·", "bold black on grey70"),
          "missing": ("?", "bold black on yellow")}
ORDER = ("behind", "missing", "on_pace", "ahead", "no_actual")
PANEL_CELLS = 46


def counts_line(board: Board, lang: str) -> Text:
    counts = board.counts
    line = Text()
    for verdict in ORDER:
        if counts.get(verdict):
            mark, style = BADGES[verdict]
            line.append(f" {mark} {t(f'checkin.verdict.{verdict}', lang)} {counts[verdict]} ",
                        style=style)
            line.append(" ")
    return line


def board_panel(board: Board, lang: str, width: int, roomy: bool = False) -> Panel:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    goals = sorted(board.goals, key=lambda g: ORDER.index(g.verdict))
    badge_w = max((cells(f" ▼ {g.verdict_label} ") for g in goals), default=8)
    room = max(10, width - 4 - badge_w - 1)  # borders, padding, the badge column
    for n, goal in enumerate(goals):
        mark, style = BADGES.get(goal.verdict, ("·", ""))
        badge = Text(f" {mark} {goal.verdict_label} ", style=style)
        name = goal.name + (f" · {goal.split}" if goal.split else "")
        body = Text("\n".join(flow(name, room)), style="bold")
        if goal.split:  # the split's name in grey, after the share's
            body.stylize("dim", len(goal.name), len(body))
        if goal.actual:
            body.append("\n")
            body.append(goal.actual, style="bold")
            body.append(" / " + goal.plan, style="dim")
        if goal.verdict != "no_actual":  # the badge says it already
            body.append("\n" + "\n".join(flow(goal.short, room)), style="italic")
        if roomy and n < len(goals) - 1:
            body.append("\n")
        grid.add_row(badge, body)
    if not goals:
        grid.add_row(Text(""), Text(t("checkin.board.no_goals", lang), style="dim"))
    title = Text(f" ■ {board.team} ", style=f"bold {board.color}")
    return Panel(Group(counts_line(board, lang), Text(""), grid), title=title,
                 title_align="left", width=width, border_style=board.color)


def strip(report: CheckinReport) -> Table:
    """Every team on one line with its counts: the room at a glance, even at 80×24."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for board in report.boards:
        grid.add_row(Text(f"■ {board.team}", style=f"bold {board.color}"),
                     counts_line(board, report.lang))
    return grid


def room_view(report: CheckinReport, width: int, roomy: bool = False) -> RenderableType:
    lang = report.lang
    head = Group(Text(t("checkin.room.title", lang, date=report.date, period=report.period),
                      style="bold"), strip(report))
    columns = max(1, min(len(report.boards), width // PANEL_CELLS))
    panel_w = max(30, width // columns - 1)
    panels = [board_panel(board, lang, panel_w, roomy) for board in report.boards]
    if not panels:
        return Group(head, Text(t("checkin.board.no_goals", lang), style="dim"))
    return Group(head, Text(""), Columns(panels, padding=(0, 1)))


class RoomPane(CheckinPane):
    view = "room"

    DEFAULT_CSS = """
    RoomPane #room-scroll { height: 1fr; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="room-scroll", can_focus=True):
            yield Static(id="room-view")

    def focus_default(self) -> None:
        self.query_one("#room-scroll").focus()

    def keys_hint(self) -> str:
        return t("checkin.room.keys")

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        checkin = self.checkin(doc)
        view = self.query_one("#room-view", Static)
        if checkin is None:
            view.update(Text(t("checkin.grid.none"), style="dim"))
            return
        width = max(30, self.size.width - 2 if self.size.width else 78)
        roomy = self.size.height >= 40  # a projector's screen: air between the goals
        view.update(room_view(build(doc, checkin, i18n.get_language()), width, roomy))

    def on_resize(self) -> None:
        if self.display and self.is_attached:
            self.show(self.doc)  # the panels side by side as the width allows
