"""A choice field that costs one widget (the action form's strategy, owner, goal…; the
town hall's asker and decision)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from workshop.i18n import t

Options = Sequence[tuple[str, str]]
"""(value, label) pairs for a choice field."""


class Picker(Static, can_focus=True):
    """A choice field that costs one widget: it shows the chosen label; Enter or a click
    opens the list to pick from, ←/→ step through the options in place. (Textual's
    Select builds an overlay per field: six of them made the form take a second to open.)
    """

    DEFAULT_CSS = """
    Picker { height: 1; width: 1fr; background: $boost; padding: 0 1; }
    Picker:focus { background: $accent 40%; text-style: bold; }
    """

    BINDINGS = [
        Binding("enter,space", "open", "Choose", show=False),
        Binding("left", "step(-1)", "Previous option", show=False),
        Binding("right", "step(1)", "Next option", show=False),
    ]

    def __init__(self, title: str, options: Options, value: str | None, *,
                 allow_blank: bool, id: str) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.allow_blank = allow_blank
        self.options: list[tuple[str | None, str]] = list(options)
        if allow_blank:
            self.options.insert(0, (None, t("plan.form.none")))
        known = [v for v, _ in self.options]
        self.value: str | None = value if value in known else known[0] if known else None

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        label = next((text for v, text in self.options if v == self.value), "")
        shown = Text(label or t("plan.form.none"), no_wrap=True, overflow="ellipsis",
                     style="" if self.value is not None else "dim")
        shown.append("  ▼", style="dim")
        self.update(shown)

    def set_value(self, value: str | None) -> None:
        self.value = value
        self._show()

    def action_step(self, delta: int) -> None:
        values = [v for v, _ in self.options]
        if values:
            index = values.index(self.value) if self.value in values else 0
            self.set_value(values[(index + delta) % len(values)])

    def action_open(self) -> None:
        from workshop.tui.screens.dialogs import Choice

        blank = "\x00"
        options = [(v if v is not None else blank, label) for v, label in self.options]

        def chosen(key: str | None) -> None:
            if key is not None:
                self.set_value(None if key == blank else key)
            self.focus()

        self.app.push_screen(Choice(self.title_text, options), chosen)

    def on_click(self) -> None:
        self.action_open()
