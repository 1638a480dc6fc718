"""A one-line input that takes its keys in the order they were typed."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from workshop.tui import compat


class TypedLine(Input):
    """Textual runs an input's own keys (Enter, Backspace, the arrows) only once the key
    has bubbled up to the app, while a character typed behind one is inserted as soon as
    it arrives: in a burst, the next card's first letter joined the card just entered
    and a Backspace took away the letter typed after it. This line runs them in its own
    key handler, in the order typed, and hands Enter's text to `entered` there and
    then (no message to wait for), so what Enter saves is saved before the next key."""

    def __init__(self, *args, entered: Callable[[str], None], **kwargs) -> None:
        # coming back to the line (Esc, Tab, a character typed on a board) goes on with
        # the draft: Textual's default selects it all, and the next key replaced it
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.entered = entered

    async def _on_key(self, event: events.Key) -> None:
        # (printable keys go on to Input._on_key, next in the class chain)
        if not event.is_printable and await compat.run_own_key(self, event.key):
            self._restart_blink()
            event.stop()
            event.prevent_default()

    async def action_submit(self) -> None:
        self.entered(self.value)
