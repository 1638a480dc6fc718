"""What the room server asks of the app that hosts it (the Textual app, or a test's).

The server runs on the host's own event loop and changes the document only through
``apply`` (undoable, saved at once) and ``apply_room`` (room state, saved, not undone),
the same paths a keystroke takes. Unlike the app's ``edit``, these raise: the phone that
sent the change gets the refusal as its answer, and the projector is not disturbed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

from workshop.model import Workshop
from workshop.room.stage import Stage

T = TypeVar("T")


class Host(Protocol):
    @property
    def doc(self) -> Workshop:
        """The document as it is now (undo replaces it: look things up again)."""
        ...

    @property
    def version(self) -> Hashable:
        """Changes with every change to the document (a phone's, a keystroke's, an
        undo): phones are told something changed when it does."""
        ...

    @property
    def language(self) -> str:
        """The room's language (``zh`` or ``en``): the phones' pages follow it."""
        ...

    def stage(self) -> Stage:
        """What the projector shows now, as far as the phones are concerned."""
        ...

    def apply(self, label: str, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run an undoable edit and save it; raises ``EditError`` (refused, nothing
        changed) or ``StoreError``/``OSError`` (not saved, nothing changed)."""
        ...

    def apply_room(self, edit: Callable[..., T], *args: Any) -> T:
        """Run ``edit(room, *args)`` on the room state and save it (not undoable); raises
        like ``apply``."""
        ...

    def now(self) -> float:
        """Wall-clock seconds (the app's injected clock)."""
        ...
