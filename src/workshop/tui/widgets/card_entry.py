"""The shared card entry: type, Enter adds a card for the team whose turn it is."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual import events, on
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


class EntryInput(Input):
    """The card entry's input. Its box keeps its size whatever is typed, so a keystroke
    repaints it without laying out the whole screen again (Textual's input asks for a
    layout on every key, as its text's width changes: a tenth of the typing time on a
    full workshop screen)."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args, **kwargs) -> None:
        # coming back to the entry (Esc, Tab, a character typed on the board) goes on
        # with the draft: Textual's default selects it all, and the next key replaced it
        kwargs.setdefault("select_on_focus", False)
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

    async def _on_key(self, event: events.Key) -> None:
        # Textual runs the input's own keys (Enter, Backspace, the arrows) only once the
        # key has bubbled up to the app, while a character typed behind it is inserted as
        # soon as it arrives: in a burst, the next card's first letter joined the card
        # just entered and a Backspace took away the letter typed after it. Run them here,
        # in the order typed.
        if not event.is_printable and await compat.run_own_key(self, event.key):
            self._restart_blink()
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        # the card is added before the next key is taken (no message to wait for)
        entry = self.parent
        if isinstance(entry, CardEntry):
            entry.submit(self.value)

    def watch_value(self, value: str) -> None:
        # Kept as the room's draft now, inside the change of value: the repaint that shows
        # the key comes later, so what the room saw typed is on disk whatever happens next.
        save_draft = getattr(self.app, "save_draft", None)
        if save_draft is not None:
            save_draft(value)


class CardEntry(Horizontal):
    """A label saying who is typing where, and the input. Enter hands the text to
    `on_card` (text, hidden, this entry) at once, inside the key's own handling.

    The input is cleared only once the card is safely in the document
    (``accepted()``), so a refused card keeps its text.
    """

    DEFAULT_CSS = """
    CardEntry { height: 3; width: 1fr; }
    CardEntry > #entry-who { width: auto; max-width: 40%; height: 3; content-align: left middle;
                             padding: 0 1; }
    CardEntry > Input { width: 1fr; }
    """

    def __init__(self, on_card: Callable[[str, bool, CardEntry], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_card = on_card
        self.hidden_mode = False
        self._who_key: tuple = ()

    def compose(self) -> ComposeResult:
        yield Static(id="entry-who")
        yield EntryInput(id="entry-input", max_length=MAX_TEXT,
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
            self.on_card(text, self.hidden_mode, self)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()  # the draft is kept as the value changes (EntryInput.watch_value)
