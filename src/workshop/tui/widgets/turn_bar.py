"""The turn bar: the teams in order, whose turn it is, who passed, and the per-turn
countdown."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from workshop.i18n import t
from workshop.methods import clock as clock_math
from workshop.methods import turns
from workshop.model import Team, Workshop
from workshop.tui.widgets.team_fit import Chip, after_mark, before_mark, chip_text, fit_chips


def readable_on(color: str) -> str:
    """Black or white, whichever reads better on `color` (#rrggbb)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


@dataclass(frozen=True)
class TeamChip:
    """A team on a strip: its chip (name and mark), and how it is drawn."""

    team: Team
    chip: Chip
    current: bool = False
    style: Style | None = None
    """The chip's style when not current (default: the team's colour, bold)."""
    mark_style: Style | None = None
    """The style of the chip's mark (default: the chip's own)."""

    def drawn_style(self) -> Style:
        if self.current:
            return Style(bgcolor=self.team.color, color=readable_on(self.team.color), bold=True)
        return self.style or Style(color=self.team.color, bold=True)


class TeamStrip(Widget):
    """Teams on one line, each a chip in its colour; clicking a chip posts its team.

    Subclasses describe the line in ``show`` (a lead, the chips, a tail) with
    ``set_chips``; the strip lays it out for its width when drawn (``team_fit``): the
    current team always shows, the others shorten, and where even that is too wide the
    teams out of view are counted at the ends. A tooltip names every team in full.
    Each subclass declares its own ``TeamClicked`` so a screen can tell which strip was
    clicked.
    """

    class TeamClicked(Message):
        def __init__(self, team_id: str) -> None:
            super().__init__()
            self.team_id = team_id

    GAP = 0
    """Cells between two chips."""
    KEEP_TAIL = False
    """Whether the tail stays while some teams are out of view (a countdown does)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lead = Text()
        self._chips: list[TeamChip] = []
        self._tail = Text()
        self._spans: list[tuple[int, int, str]] = []
        self._key: tuple = ()

    def set_chips(self, lead: Text, chips: list[TeamChip], tail: Text | None = None) -> None:
        tail = tail or Text()
        key = (lead.markup, tail.markup, tuple(chips))
        if key == self._key:
            return
        self._key = key
        self._lead, self._chips, self._tail = lead, chips, tail
        self.tooltip = self.describe()
        self.refresh()

    def describe(self) -> Text:
        """Every team in full, one a line (the strip's tooltip)."""
        text = Text()
        for n, item in enumerate(self._chips, start=1):
            if n > 1:
                text.append("\n")
            text.append("▸ " if item.current else "  ", style="bold")
            text.append(f"{n}. ")
            text.append(item.team.name, style=Style(color=item.team.color, bold=True))
            if item.chip.extra:
                text.append(f"  {item.chip.extra}")
        return text

    def render(self) -> Text:
        width = self.size.width or 80
        lead, tail = self._lead, self._tail
        chips = [item.chip for item in self._chips]
        current = next((i for i, item in enumerate(self._chips) if item.current), None)
        fitted = fit_chips(chips, current, width - lead.cell_len - tail.cell_len, gap=self.GAP)
        cut = current is not None and dict(fitted.pieces).get(current) != chip_text(
            chips[current])
        if tail and (cut or (not self.KEEP_TAIL and (fitted.before or fitted.after))):
            # the tail gives way before the current team's name is cut (and, unless it
            # is kept, before any team is left out)
            tail = Text()
            fitted = fit_chips(chips, current, width - lead.cell_len, gap=self.GAP)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append_text(lead)
        text.append(before_mark(fitted.before), style="bold")
        spans: list[tuple[int, int, str]] = []
        for n, (index, piece) in enumerate(fitted.pieces):
            if n and self.GAP:
                text.append(" " * self.GAP)
            item = self._chips[index]
            start = text.cell_len
            mark, style = item.chip.extra, item.drawn_style()
            if mark and item.mark_style is not None and piece.endswith(f" {mark} "):
                text.append(piece[:-len(mark) - 1], style=style)
                text.append(mark, style=style + item.mark_style)
                text.append(" ", style=style)
            else:
                text.append(piece, style=style)
            spans.append((start, text.cell_len, item.team.id))
        text.append(after_mark(fitted.after), style="bold")
        text.append_text(tail)
        self._spans = spans
        return text

    def on_click(self, event: Click) -> None:
        for start, end, team_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.TeamClicked(team_id))
                return


class TurnBar(TeamStrip):
    """``轮到 ▸ [济南队] 青岛队 烟台队 跳过  ⏱ 00:45``; click a team to give it the turn."""

    DEFAULT_CSS = """
    TurnBar { height: 1; width: 1fr; background: $boost; }
    """

    KEEP_TAIL = True

    class TeamClicked(TeamStrip.TeamClicked):
        pass

    def show(self, doc: Workshop, now: float) -> None:
        """Whose turn it is, and the turn's countdown as of `now`."""
        current = turns.current_team_id(doc)
        lead = Text(t("shell.turn") + " ▸ ", style="bold")
        passed_mark = t("shell.passed_mark")
        chips = []
        for team in doc.teams:
            passed = team.id in doc.room.turn.passed
            chips.append(TeamChip(team, Chip(team.name, passed_mark if passed else ""),
                                  current=team.id == current,
                                  style=Style(color=team.color, italic=passed,
                                              bold=not passed)))
        tail = Text()
        left = turns.turn_remaining(doc.room.turn, now)
        if left is None and doc.room.turn.paused_left is not None:
            left = doc.room.turn.paused_left
        if left is not None:
            tail.append(f"  ⏱ {clock_math.display(max(0.0, left))}",
                        style="bold red" if left <= 10 else "bold")
        count = doc.room.turn.cards_this_turn
        if count:
            tail.append("  " + t("shell.cards_this_turn", count=count), style="dim")
        self.set_chips(lead, chips, tail)
