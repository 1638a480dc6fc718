"""Staying safe while the app runs and leaving it whatever happens to its terminal.

- The half-typed card (the room's draft) is saved on every keystroke, before the key
  shows: one small journal record, so a kill at any moment keeps what was on screen.
- A closed terminal (SIGHUP) or a polite kill (SIGTERM, a shutdown, ``kill PID``)
  leaves like Ctrl+Q does: an open form with changes is saved, the draft is kept, then
  the app exits. Textual's own exit can hang on a terminal that is gone (its writer
  thread blocks on the dead terminal), and the hung process would keep the session's
  lock; so a signal also starts a timer that closes the session (releasing the lock)
  and ends the process if the normal exit has not within ``HARD_EXIT_AFTER`` seconds.
- Ctrl+Q with a form that has changes asks first, as Esc on the form does.

Why a form is saved on SIGHUP rather than kept aside: a form's fields have no place in
the document to wait in (the card entry's draft is one line), a form reopened the next
day over a plan that has moved on would be applied to something else, and saving is
what the first answer of the form's own question ("keep the changes") does. A form that
refuses its fields (one is not valid) keeps its text as the draft instead, restored with
a notice when the session is next opened.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from textual.widgets import Input, TextArea

from workshop.edits import room as room_edits
from workshop.i18n import t
from workshop.model import Workshop
from workshop.store import StoreError
from workshop.tui.widgets.field_dialog import BACK, DISCARD, KEEP, FieldDialog

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

T = TypeVar("T")

HARD_EXIT_AFTER = 2.0
"""Seconds a signalled app has to finish its normal exit before the process is ended."""
CLOSE_TIMEOUT = 1.5
"""Of those, how long closing the session (the final snapshot, the lock) may take."""
FORM_SAVE_WAIT = 0.5
"""How long leaving waits for an open form's save to land before giving up on it."""
LEAVING_SIGNALS = (signal.SIGHUP, signal.SIGTERM) if hasattr(signal, "SIGHUP") else ()
FORM_KEPT_MARK = "\u2063"
"""Ends a draft that holds a form's text (an invisible separator nobody types): the
next start says so when it restores it."""


class Drafts:
    """The room's draft: what is typed in the card entry, saved as it is typed."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self.pending: str | None = None
        """A draft the disk refused; the clock tick tries it again."""
        self.typing = False
        """Text stands in the card entry: the turn timer waits for it (see ``tick``)."""
        self._submitting = False

    def save(self, text: str) -> None:
        """Keep `text` as the draft now (one journal record, fsync'd)."""
        self.pending = text
        self.typing = bool(text.strip())
        self.flush()

    def flush(self) -> None:
        text, self.pending = self.pending, None
        session = self.app.session
        if text is None or session is None or session.closed or session.doc.room.draft == text:
            return
        if session.unsaved:  # the disk refuses changes: one draft, kept until it takes them
            self.pending = text
            return
        try:
            session.update_room(room_edits.set_draft, text)
        except (StoreError, OSError, RuntimeError):
            # a full disk, or typing echoed from inside another change (RuntimeError):
            # the draft is a courtesy, tried again at the next tick
            self.pending = text

    @contextlib.contextmanager
    def submitting(self) -> Iterator[None]:
        """While Enter turns the entry's text into a card: the edit that adds it also
        empties the saved draft (``fold_into``), one save for both."""
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

    def restore(self, draft: str) -> None:
        """Put the kept draft back in the screen's card entry, and say so."""
        from workshop.tui.widgets.card_entry import CardEntry

        from_form = draft.endswith(FORM_KEPT_MARK)
        text = draft.removesuffix(FORM_KEPT_MARK)
        entries = self.app.screen.query(CardEntry)
        if entries:
            entries.first().input.value = text
            self.app.notify(t("shell.form_kept" if from_form else "shell.draft_restored"))
        elif from_form:  # nowhere to put it on this step: show it, it is all there is
            self.app.notify(t("shell.form_kept_text", text=text), timeout=60)


class Lifecycle:
    """Signals and leaving, for one app."""

    def __init__(self, app: WorkshopApp, *,
                 end_process: Callable[[int], Any] = os._exit) -> None:
        self.app = app
        self._end_process = end_process
        self._previous: dict[int, Any] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: threading.Timer | None = None
        self.leaving = False

    # -- signals ----------------------------------------------------------------------
    def install(self) -> None:
        """Handle SIGHUP and SIGTERM from now on (call from the running app)."""
        if threading.current_thread() is not threading.main_thread():
            return  # signal handlers can only be set from the main thread
        self._loop = asyncio.get_running_loop()
        for signum in LEAVING_SIGNALS:
            with contextlib.suppress(ValueError, OSError):
                self._previous[signum] = signal.signal(signum, self._on_signal)

    def uninstall(self) -> None:
        """Give the signals back (the app has ended; a hard exit already armed stays)."""
        for signum, handler in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, handler)
        self._previous.clear()

    def _on_signal(self, signum: int, _frame: object) -> None:
        # A Python-level handler: it runs in the main thread even while the event loop is
        # stuck, so the hard exit is armed whatever the app is doing.
        code = 128 + signum
        self.arm_hard_exit(code)
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._leave_soon, code)

    def _leave_soon(self, code: int) -> None:
        if self.app.is_running:
            self.app.call_later(self.leave, code)

    def arm_hard_exit(self, code: int) -> None:
        if self._timer is not None:
            return
        self._timer = threading.Timer(HARD_EXIT_AFTER, self._hard_exit, (code,))
        self._timer.daemon = True
        self._timer.start()

    def _hard_exit(self, code: int) -> None:
        """The normal exit did not finish: close the session (a final snapshot, the lock
        released) from here, and end the process."""
        session = self.app.session
        if session is not None and not session.closed:
            closer = threading.Thread(target=session.close, daemon=True)
            closer.start()
            closer.join(CLOSE_TIMEOUT)  # a session change stuck under its mutex: the
            # journal holds every change, and the next open replaces the dead lock
        self._end_process(code)

    # -- leaving ----------------------------------------------------------------------
    async def leave(self, code: int = 0) -> None:
        """Save an open form's changes and the draft, then exit with `code`."""
        if self.leaving:
            return
        self.leaving = True
        form = open_form(self.app)
        if form is not None and form.has_changes():
            text = form_text(form)
            form.action_save()
            if not await self._closed(form):  # refused: keep its text as the draft
                self.app.drafts.save(text + FORM_KEPT_MARK)
        self.app.drafts.flush()
        self.app.exit(code, return_code=code)

    async def _closed(self, form: FieldDialog) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FORM_SAVE_WAIT
        while form.is_attached and loop.time() < deadline:
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.02)  # the form's callback, queued on its requester
        return not form.is_attached

    def quit(self) -> None:
        """Ctrl+Q: leave at once, or first ask about a form with changes, as Esc does."""
        form = open_form(self.app)
        if form is None or not form.has_changes():
            self.app.call_later(self.leave, 0)
            return
        from workshop.tui.screens.dialogs import Choice

        async def decided(choice: str | None) -> None:
            if choice == KEEP:
                form.action_save()
                if not await self._closed(form):
                    return  # it said why; the room fixes the field or answers again
            if choice in (KEEP, DISCARD):
                self.app.drafts.flush()
                self.app.exit(0)
            elif choice == BACK and form.focused is not None:
                form.focused.focus()

        self.app.push_screen(Choice(t("form.unsaved.title"), [
            (KEEP, t("form.quit.keep")),
            (DISCARD, t("form.quit.discard")),
            (BACK, t("form.unsaved.back")),
        ], t("form.unsaved.hint")), decided)


def open_form(app: WorkshopApp) -> FieldDialog | None:
    """The form on top of the screen, if one is open."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, FieldDialog):
            return screen
    return None


def form_text(form: FieldDialog) -> str:
    """The text typed in `form`'s fields, on one line."""
    parts = []
    for widget in form.query("Input, TextArea"):
        value = widget.value if isinstance(widget, Input) else \
            widget.text if isinstance(widget, TextArea) else ""
        if value.strip():
            parts.append(" ".join(value.split()))
    return " / ".join(parts)
