"""F1: every key, in the current language, for the screen the facilitator is on."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workshop.i18n import t
from workshop.tui.widgets.key_bar import key_label


def key_table(app, screen: Screen) -> Table:
    """All keys active on `screen` (app, screen and focused widget), grouped, translated."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        label = key_label(binding)
        if binding.action == "app.focus_next" and getattr(screen, "has_entry", False):
            label = t("keys.tab")  # on a card screen, Tab goes between entry and board
        if not label or binding.action in seen:
            continue
        seen.add(binding.action)
        keys = [app.get_key_display(b.binding) for b in screen.active_bindings.values()
                if b.binding.action == binding.action]
        rows.append((" / ".join(dict.fromkeys(keys)), label))
    if "command_palette" not in seen:
        rows.append((app.get_key_display(Binding("ctrl+p", "")), t("keys.palette")))
    for keys, label in rows:
        table.add_row(Text(keys), Text(label))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "close", "Close", id="close_help"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__(classes="dialog")
        self.target = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box help-box"):
            yield Static(Text(t("help.title"), style="bold"), classes="dialog-title")
            yield Static(key_table(self.app, self.target))
            yield Static(t("help.footer"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
