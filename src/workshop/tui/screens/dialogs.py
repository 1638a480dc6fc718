"""Small modal dialogs: a text prompt, a yes/no question, a list to pick from."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workshop.i18n import t
from workshop.text import MAX_TEXT
from workshop.tui.widgets.field_dialog import FieldDialog


class TextPrompt(FieldDialog[str | None]):
    """Ask for one line of text; Enter accepts, Escape cancels (returns None; asks first
    when something was typed). `masked` shows dots instead of the text (a hidden card
    being edited on the projector)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", *,
                 masked: bool = False) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.masked = masked

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, max_length=MAX_TEXT,
                        password=self.masked)
            yield Static(t("shell.prompt_hint"), classes="dialog-hint")

    @on(Input.Submitted)
    def _accept(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_save(self) -> None:
        self.dismiss(self.query_one(Input).value)


class Choice(ModalScreen[str | None]):
    """Pick one of several options; returns the option's id, or None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, str]], hint: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.options = list(options)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield OptionList(*(Option(Text(label), id=key) for key, label in self.options))
            if self.hint:
                yield Static(self.hint, classes="dialog-hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
