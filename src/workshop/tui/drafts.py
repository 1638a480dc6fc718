"""The half-typed card, kept with the session so a closed terminal loses nothing.

What is typed in the card entry is saved a moment after typing stops (the app's clock
tick asks ``flush_if_due``: nothing is scheduled per keystroke), as room state (saved,
not undoable). When Enter turns it into a card, emptying the saved draft is part of the
same change (``submitting``): one save for the card and the emptied draft, not two.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from workshop.edits import room as room_edits
from workshop.model import Workshop
from workshop.store import StoreError

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

T = TypeVar("T")

SAVE_DELAY = 0.8
"""Seconds without a keystroke before the draft is saved."""


class Drafts:
    """The app's draft of the card being typed."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self._pending: str | None = None
        self._typed_at = 0.0
        self._submitting = False
        self.typing = False
        """Text stands in the card entry: the turn waits for it (``WorkshopApp.tick``)."""

    def typed(self, text: str) -> None:
        """The entry now holds `text` (saved once typing stops)."""
        self._pending = text
        self._typed_at = self.app.time_source.monotonic()
        self.typing = bool(text.strip())

    def flush_if_due(self) -> None:
        if self._pending is not None and (
                self.app.time_source.monotonic() - self._typed_at >= SAVE_DELAY):
            self.flush()

    def flush(self) -> None:
        """Save what is typed now, if it differs from what is saved."""
        text, self._pending = self._pending, None
        session = self.app.session
        if text is None or session is None or session.doc.room.draft == text:
            return
        # the draft is a courtesy: if it cannot be saved, the next keystroke tries again
        with contextlib.suppress(StoreError, OSError):
            session.update_room(room_edits.set_draft, text)

    def clear(self) -> None:
        """The entry was emptied (its text became a card)."""
        self._pending = ""
        self.typing = False
        self.flush()

    @contextlib.contextmanager
    def submitting(self) -> Iterator[None]:
        """While Enter turns the entry's text into a card: the edit that adds it also
        empties the saved draft (``fold_into``)."""
        self._submitting = True
        try:
            yield
        finally:
            self._submitting = False

    def fold_into(self, edit: Callable[..., T]) -> Callable[..., T]:
        """`edit`, emptying the saved draft in the same change while ``submitting`` (the
        room's draft is saved with the change and not undone with it)."""
        session = self.app.session
        if not self._submitting or session is None or not session.doc.room.draft:
            return edit
        self._submitting = False  # the first edit only: it is the one that took the text

        def and_empty_draft(doc: Workshop, *args: Any, **kwargs: Any) -> T:
            result = edit(doc, *args, **kwargs)
            room_edits.set_draft(doc.room, "")
            return result

        return and_empty_draft
