"""The turn bar: the teams in order, whose turn it is, and the per-turn countdown."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from workshop.i18n import t
from workshop.methods import clock as clock_math
from workshop.methods import turns
from workshop.model import Team, Workshop


def readable_on(color: str) -> str:
    """Black or white, whichever reads better on `color` (#rrggbb)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


class TeamStrip(Widget):
    """Teams on one line, each a chip in its colour; clicking a chip posts its team.

    Subclasses fill the line with ``add_team`` (and any text of their own) in ``show``,
    then call ``set_line``; each declares its own ``TeamClicked`` so a screen can tell
    which strip was clicked.
    """

    class TeamClicked(Message):
        def __init__(self, team_id: str) -> None:
            super().__init__()
            self.team_id = team_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text()
        self._spans: list[tuple[int, int, str]] = []

    @staticmethod
    def add_team(text: Text, spans: list[tuple[int, int, str]], team: Team, piece: str,
                 *, current: bool, style: Style | None = None) -> None:
        """Append `team`'s chip to `text`, lit when `current`, and remember where it is."""
        if current:
            style = Style(bgcolor=team.color, color=readable_on(team.color), bold=True)
        start = text.cell_len
        text.append(piece, style=style or Style(color=team.color, bold=True))
        spans.append((start, text.cell_len, team.id))

    def set_line(self, text: Text, spans: list[tuple[int, int, str]]) -> None:
        self._text, self._spans = text, spans
        self.refresh()

    def render(self) -> Text:
        return self._text

    def on_click(self, event: Click) -> None:
        for start, end, team_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.TeamClicked(team_id))
                return


class TurnBar(TeamStrip):
    """``轮到 ▸ [济南队] 青岛队 烟台队  ⏱ 00:45``; click a team to give it the turn."""

    DEFAULT_CSS = """
    TurnBar { height: 1; width: 1fr; background: $boost; }
    """

    class TeamClicked(TeamStrip.TeamClicked):
        pass

    def show(self, doc: Workshop, now: float) -> None:
        """Whose turn it is, and the turn's countdown as of `now`."""
        current = turns.current_team_id(doc)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(t("shell.turn") + " ▸ ", style="bold")
        spans: list[tuple[int, int, str]] = []
        for team in doc.teams:
            passed = team.id in doc.room.turn.passed
            self.add_team(text, spans, team, f" {team.name} ", current=team.id == current,
                          style=Style(color=team.color, dim=passed, strike=passed,
                                      bold=not passed))
        left = turns.turn_remaining(doc.room.turn, now)
        if left is None and doc.room.turn.paused_left is not None:
            left = doc.room.turn.paused_left
        if left is not None:
            text.append(f"  ⏱ {clock_math.display(max(0.0, left))}",
                        style="bold red" if left <= 10 else "bold")
        count = doc.room.turn.cards_this_turn
        if count:
            text.append("  " + t("shell.cards_this_turn", count=count), style="dim")
        self.set_line(text, spans)
