"""A one-line input that takes its keys in the order they were typed."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from workshop.tui import compat


class TypedLine(compat.BoundKeysAtOnce, Input):
    """Textual runs an input's own keys (Enter, Backspace, the arrows) only once the key
    has bubbled up to the app, while a character typed behind one is inserted as soon as
    it arrives: in a burst, the next card's first letter joined the card just entered
    and a Backspace took away the letter typed after it. This line runs its bound keys
    from its own key handler (``compat.BoundKeysAtOnce``), in the order typed, and hands
    Enter's text to `entered` there and then (no message to wait for), so what Enter
    saves is saved before the next key."""

    def __init__(self, *args, entered: Callable[[str], None], **kwargs) -> None:
        # coming back to the line (Esc, Tab, a character typed on a board) goes on with
        # the draft: Textual's default selects it all, and the next key replaced it
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.entered = entered

    def takes_key(self, event: events.Key) -> bool:
        return event.is_printable  # inserted by Input._on_key, next in the class chain

    async def action_submit(self) -> None:
        self.entered(self.value)
