"""The shared card entry: type, Enter adds a card for the team whose turn it is."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widgets import Input, Static

from workshop.i18n import t
from workshop.text import MAX_TEXT
from workshop.tui import compat
from workshop.tui.widgets.turn_bar import readable_on
from workshop.tui.widgets.typed_line import TypedLine


class EntryInput(TypedLine):
    """The card entry's input. Its box keeps its size whatever is typed, so a keystroke
    repaints it without laying out the whole screen again (Textual's input asks for a
    layout on every key, as its text's width changes: a tenth of the typing time on a
    full workshop screen)."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._styles_seen = 0
        self._empty_line: tuple[tuple, Strip] | None = None

    def notify_style_update(self) -> None:
        self._styles_seen += 1
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        # After every card the entry is empty again and shows its placeholder: the same
        # line each time, which Textual works out anew from the app's styles (a tenth of
        # the frame that shows the card)
        if y or self.value:
            return super().render_line(y)
        key = (self.scrollable_content_region.width, self.has_focus,
               compat.cursor_shown(self), self.placeholder, self.rich_style,
               self._styles_seen)
        if self._empty_line is None or self._empty_line[0] != key:
            self._empty_line = (key, super().render_line(y))
        return self._empty_line[1]

    def watch_value(self, value: str) -> None:
        # Kept as the room's draft now, inside the change of value: the repaint that shows
        # the key comes later, so what the room saw typed is on disk whatever happens next.
        save_draft = getattr(self.app, "save_draft", None)
        if save_draft is not None:
            save_draft(value)


class CardEntry(Horizontal):
    """A label saying who is typing where, and the input. Enter hands the text to
    `add_card` (text, hidden, this entry) at once, inside the key's own handling.

    The input is cleared only once the card is safely in the document
    (``accepted()``), so a refused card keeps its text.
    """

    DEFAULT_CSS = """
    CardEntry { height: 3; width: 1fr; }
    CardEntry > #entry-who { width: auto; max-width: 40%; height: 3; content-align: left middle;
                             padding: 0 1; }
    CardEntry > Input { width: 1fr; }
    """

    def __init__(self, add_card: Callable[[str, bool, CardEntry], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_card = add_card
        self.hidden_mode = False
        self._who_key: tuple = ()

    def compose(self) -> ComposeResult:
        yield Static(id="entry-who")
        yield EntryInput(id="entry-input", entered=self.submit, max_length=MAX_TEXT,
                         placeholder=t("shell.entry_placeholder"))

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def show_who(self, team: str, color: str, board: str, hidden: bool) -> None:
        """Show whose card this will be and where it goes. While cards go in hidden, the
        text being typed shows as dots: the projector has no corner the room cannot
        read, so any readable echo would give the card away a few characters at a time."""
        self.hidden_mode = hidden
        if self.input.password != hidden:
            self.input.password = hidden
        key = (team, color, board, hidden, t("shell.hidden_mode"))
        if key == self._who_key:
            return
        self._who_key = key
        who = Text(no_wrap=True, overflow="ellipsis")
        if team:
            who.append(f" {team} ", style=Style(bgcolor=color, color=readable_on(color), bold=True))
        if board:
            who.append(f" → {board}", style="bold")
        if hidden:
            who.append(" " + t("shell.hidden_mode"), style="italic")
        self.query_one("#entry-who", Static).update(who)

    def accepted(self) -> None:
        self.input.value = ""

    def submit(self, text: str) -> None:
        if text.strip():
            self.add_card(text, self.hidden_mode, self)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()  # the draft is kept as the value changes (EntryInput.watch_value)
