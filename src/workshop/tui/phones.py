"""The app as the room server's host: opening and closing the room to phones, and what
the facilitator does about them (a new code, dropping a phone, locking what phones may
change, showing a secret vote's tally).

``PhonesHost`` is mixed into the app. It gives the server (``workshop.room``) what
``Host`` asks for — ``apply`` and ``apply_room`` are the app's own ``edit`` and ``room``
paths, raising instead of notifying so a phone gets its refusal as its answer — and
runs the server on the app's own event loop, in a worker: quitting the app cancels the
worker, which stops the server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import SystemCommand

from workshop import i18n
from workshop.i18n import t
from workshop.methods import dots as dot_method
from workshop.room import access
from workshop.room.stage import Stage, stage_for
from workshop.store import StoreError

if TYPE_CHECKING:
    from workshop.room.server import RoomServer
    from workshop.tui.app import WorkshopApp

T = TypeVar("T")

REDRAW_AFTER = 0.2
"""Seconds the projector waits after a phone's change before it redraws, so that the
changes of a room full of phones are drawn together, a few times a second (a keystroke
redraws at once, as always)."""


def _phone_edits() -> ModuleType:
    """``workshop.edits.phones``, loaded when the room first needs it: it brings the
    edits of every step with it, which the first screen does not wait for."""
    from workshop.edits import phones

    return phones


@dataclass(frozen=True)
class RoomOptions:
    """Where to serve the room (``--room-host``, ``--room-port``) and whether to open it
    as the app starts (``--room``)."""

    host: str | None = None
    """None: the machine's address on the local network."""
    port: int | None = None
    """None: ``DEFAULT_PORT``, or any free port when that is taken."""
    open_at_start: bool = False


class PhonesHost:
    """Mixed into ``WorkshopApp``: the host of the room server."""

    room_options: RoomOptions = RoomOptions()
    room_server: RoomServer | None = None
    phone_changes: int = 0
    """Changes made from phones (the projector redraws for them a moment later)."""
    _redraw_due: bool = False

    # -- Host: what the server asks of the app -------------------------------------------------
    @property
    def language(self) -> str:
        return i18n.get_language()

    @property
    def version(self) -> tuple[int, int]:
        """Changes with every change: the keyboard's bump ``revision``, the phones'
        ``phone_changes`` (``revision`` follows them within ``REDRAW_AFTER``)."""
        return (self.revision, self.phone_changes)

    def _phone_changed(self) -> None:
        self.phone_changes += 1
        if not self._redraw_due:
            self._redraw_due = True
            self.set_timer(REDRAW_AFTER, self._redraw_for_phones)

    def _redraw_for_phones(self) -> None:
        self._redraw_due = False
        self.revision += 1

    def now(self) -> float:
        return self.time_source.now()

    def stage(self) -> Stage:
        """What the projector shows: the step, and the view of the step's screen."""
        doc = self.session.doc
        screen = self.step_screens.get(doc.room.step)
        view = getattr(screen, "view", None)
        hidden = doc.room.step in doc.room.hidden_steps  # Ctrl+O, kept with the room
        return stage_for(doc, view if isinstance(view, str) else None, hidden=hidden)

    def apply(self, label: str, edit: Callable[..., T], *args: Any,
              **kwargs: Any) -> T:
        try:
            result = self.session.apply(label, edit, *args, **kwargs)
        except (StoreError, OSError) as error:
            self.notify(t("shell.save_failed", error=error), severity="error", timeout=15)
            raise
        self._phone_changed()
        return result

    def apply_room(self, edit: Callable[..., T], *args: Any) -> T:
        try:
            result = self.session.update_room(edit, *args)
        except (StoreError, OSError) as error:
            self.notify(t("shell.save_failed", error=error), severity="error", timeout=15)
            raise
        self._phone_changed()
        return result

    # -- opening and closing -----------------------------------------------------------------
    @property
    def room_is_open(self) -> bool:
        return self.room_server is not None and self.room_server.running

    async def open_room(self) -> bool:
        """Start serving the phones (a join code is made the first time); False, with a
        notice, when the address cannot be served."""
        if self.session is None:
            return False
        if self.room_is_open:
            return True
        from workshop.room.address import DEFAULT_PORT, lan_address
        from workshop.room.server import RoomServer

        if not self.session.doc.room.phones.code:
            self.room(_phone_edits().set_code, access.new_code())
        options = self.room_options
        address = options.host or lan_address()
        ports = [options.port] if options.port is not None else [DEFAULT_PORT, 0]
        for port in ports:
            server = RoomServer(self, address=address, port=port)
            try:
                await server.start()
            except OSError as error:
                problem = error
                continue
            self.room_server = server
            self.run_worker(self._serve_room(server), group="room", exclusive=True,
                            exit_on_error=False)
            self.revision += 1  # screens that show whether the room is open
            return True
        self.notify(t("phones.room.cannot_open", address=address, error=problem),
                    severity="error", timeout=15)
        return False

    async def _serve_room(self, server: RoomServer) -> None:
        """Keep the room open until this worker is cancelled (closing the room, or the
        app quitting), then stop listening."""
        import asyncio

        try:
            await asyncio.Event().wait()
        finally:
            await server.stop()

    async def close_room(self) -> None:
        server, self.room_server = self.room_server, None
        if server is None:
            return
        self.workers.cancel_group(self, "room")
        await server.stop()
        self.revision += 1
        self.notify(t("phones.room.closed"), timeout=4)

    # -- what the facilitator does -------------------------------------------------------------
    async def action_phones(self) -> None:
        """Ctrl+F: open the room (the first time) and show how to join, large."""
        if self.session is None:
            self.bell()
            return
        from workshop.tui.screens.phones import PhonesScreen

        if isinstance(self.screen, PhonesScreen):
            self.screen.dismiss(None)
            return
        if await self.open_room():
            self.push_screen(PhonesScreen())

    def leave_phones_screen(self) -> None:
        """Take the QR screen (and anything over it) off the step's screens: it is the
        room's, not the step's, so after a step change the step it was on shows itself
        again, not a join code from before (Ctrl+F brings it back, the room still open)."""
        from workshop.tui.screens.phones import PhonesScreen

        while any(isinstance(screen, PhonesScreen) for screen in self.screen_stack):
            self.pop_screen()

    def new_code(self) -> None:
        """A new join code: every phone is out until it joins with the new one."""
        dropped = len(self.session.doc.room.phones.devices)
        self.room(_phone_edits().set_code, access.new_code())
        self.notify(t("phones.room.new_code", count=dropped), timeout=5)

    def drop_phone(self, device_id: str) -> None:
        if not any(d.id == device_id for d in self.session.doc.room.phones.devices):
            return  # gone already (it left, or a new code dropped it)
        phone = self.room(_phone_edits().drop_device, device_id)
        if phone is not None and self.room_server is not None:
            self.room_server.forget_device(device_id)

    def phone_lock_keys(self) -> list[str]:
        """What the phones may change now, as lock keys."""
        stage, edits = self.stage(), _phone_edits()
        keys = [edits.board_key(stage.step, board) for board in stage.boards]
        if stage.ballot:
            keys.append(edits.vote_key(stage.ballot))
        if stage.questions:
            keys.append(edits.QUESTIONS)
        return keys

    def toggle_phone_lock(self) -> None:
        """Lock what the phones may change now (or open it again)."""
        keys = self.phone_lock_keys()
        if not keys:
            self.bell()
            self.notify(t("phones.room.nothing_to_lock"), timeout=4)
            return
        locked = all(key in self.session.doc.room.phones.locked for key in keys)
        self.room(_phone_edits().set_locked, keys, not locked)
        self.notify(t("phones.room.unlocked" if locked else "phones.room.locked"), timeout=4)

    def step_ballot(self) -> str | None:
        """The dot vote of the current step, if it has one."""
        step = self.session.doc.room.step
        return step if step in _phone_edits().BALLOTS else None

    def toggle_tally(self) -> None:
        """Show a secret vote's tally on the projector (or hide it again)."""
        ballot = self.step_ballot()
        if ballot is None:
            self.bell()
            self.notify(t("phones.room.no_vote_here"), timeout=4)
            return
        shown = dot_method.tally_hidden(self.session.doc, ballot)
        self.room(_phone_edits().show_tally, ballot, shown)
        self.notify(t("phones.room.tally_shown" if shown else "phones.room.tally_hidden"),
                    timeout=4)


def phone_commands(app: WorkshopApp) -> Iterable[SystemCommand]:
    """The palette's commands for the room's phones."""
    yield SystemCommand(t("phones.palette.show"), t("phones.palette.show_help"),
                        app.action_phones)
    if app.room_is_open:
        yield SystemCommand(t("phones.palette.close"), t("phones.palette.close_help"),
                            app.close_room)
    yield SystemCommand(t("phones.palette.new_code"), t("phones.palette.new_code_help"),
                        app.new_code)
    yield SystemCommand(t("phones.palette.lock"), t("phones.palette.lock_help"),
                        app.toggle_phone_lock)
    if app.step_ballot() is not None:
        yield SystemCommand(t("phones.palette.tally"), t("phones.palette.tally_help"),
                            app.toggle_tally)

