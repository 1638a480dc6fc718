"""The keyboard changes hands: a team has typed its cards for this turn (the cap per turn).

The turn moves only once the room has seen it move. The dialog stands in front of the
entry, large, naming the team that is done and the team that comes next; nothing typed
reaches a card until Enter hands the keyboard over (Esc lets the same team type one more
card). So the team that typed on does not write its next card in another team's name.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from workshop.i18n import t
from workshop.model import Team
from workshop.tui.widgets.turn_bar import readable_on


class Handover(ModalScreen[bool]):
    """``猛虎队 本轮 3 张已写满 → 轮到 雄鹰队``; returns True when the keyboard is handed on."""

    DEFAULT_CSS = """
    Handover .handover-next {
        height: auto; padding: 1 2; margin: 1 0; text-align: center; text-style: bold;
    }
    """

    BINDINGS = [
        Binding("enter", "hand_over", "Hand over", id="cocreate_handover_go"),
        Binding("escape", "keep", "One more card", id="cocreate_handover_keep"),
    ]

    def __init__(self, done: Team, cap: int, nxt: Team) -> None:
        super().__init__(classes="dialog")
        self.done, self.cap, self.nxt = done, cap, nxt

    def compose(self) -> ComposeResult:
        nxt = self.nxt
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("cocreate.handover_done", team=self.done.name, cap=self.cap),
                              style="bold"), classes="dialog-title")
            banner = Text(t("cocreate.handover_next", team=nxt.name), justify="center",
                          style=Style(bgcolor=nxt.color, color=readable_on(nxt.color),
                                      bold=True))
            yield Static(banner, classes="handover-next")
            yield Static(Text(t("cocreate.handover_hint", team=nxt.name, done=self.done.name)),
                         classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        """A key typed while the keyboard changes hands lands nowhere: say so with the
        bell (the dialog stays in front until Enter or Esc)."""
        if event.is_printable:
            event.stop()
            self.app.bell()

    def action_hand_over(self) -> None:
        self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)
