"""What a change asks the screens to redraw, and what they derive from the document once
per change.

Every change to the document bumps the app's ``revision`` and the screen in view redraws
from the document (the others when they come back into view). Some room changes show
only in the frame every step shares (the stepper, the clock, the turn bar): a step
change, the clock started, paused, reset or given a minute. Those redraw the frame
alone, so leaving a step and coming back to it costs no redraw of its body, whatever
its size (``FRAME_ONLY``).

What the stepper shows for every step (``methods.progress.step_status``: the readiness
of every action, the gaps' root causes…) is worked out once per revision of the
document and kept (``step_status``); after a change to the co-create wall alone, only
the co-create step's is worked out again (the plan's readiness alone is 2 ms at 300
actions, and the wall's keys come every 120 ms). Other derived figures a screen shows
after every card are kept the same way until a change touches what they read (``kept``),
or brought up to date from the change itself (``followed``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from workshop.edits import room as room_edits
from workshop.i18n import get_language
from workshop.methods.progress import ROOM_DEPENDENT, StepStatus, status_of, steps_touched
from workshop.methods.progress import step_status as work_out_status
from workshop.model import StepId, Workshop
from workshop.tui import compat

if TYPE_CHECKING:
    from textual.app import App

    from workshop.model.tracking import ChangeSet

FRAME_ONLY: frozenset[Any] = frozenset({
    room_edits.enter_step, room_edits.toggle_clock, room_edits.reset_clock,
    room_edits.add_minute,
})
"""Room edits whose effect shows only in the shared frame (a step's body never reads
the step, the clock, the round of passes or the cards typed this turn)."""

T = TypeVar("T")

_statuses: weakref.WeakKeyDictionary[Any, tuple[tuple[Any, ...],
                                                dict[StepId, StepStatus]]] = \
    weakref.WeakKeyDictionary()


def step_status(app: App, doc: Workshop) -> dict[StepId, StepStatus]:
    """The stepper's status of every step for `doc`, worked out once per revision of the
    app (the few steps whose status depends on the step the room is on, each time).

    When the one change to the document since (``Session.content_changes``; changes to
    the room alone, such as the card entry's draft, do not count: only
    ``ROOM_DEPENDENT`` steps read the room) touched only parts a single step reads
    (``progress.steps_touched``), only that step's status is worked out again."""
    session = getattr(app, "session", None)
    saved = getattr(session, "content_changes", None)
    key = (id(doc), getattr(app, "revision", 0), get_language(), saved)
    kept = _statuses.get(app)
    if kept is None or kept[0] != key:
        steps = None
        parts = session.last_content_change.parts() \
            if saved and session.last_content_change is not None else None
        if (kept is not None and parts is not None and kept[0][0] == key[0]
                and kept[0][2] == key[2] and kept[0][3] == saved - 1):
            steps = steps_touched(parts)
        if steps is None:
            kept = (key, work_out_status(doc))
        else:
            kept = (key, {**kept[1], **{step: status_of(doc, step) for step in steps}})
        _statuses[app] = kept
    status = dict(kept[1])
    for step in ROOM_DEPENDENT:
        status[step] = status_of(doc, step)
    return status


_kept: weakref.WeakKeyDictionary[Any, dict[str, tuple[tuple[Any, ...], Any]]] = \
    weakref.WeakKeyDictionary()


def kept(app: App, doc: Workshop, name: str, reads: frozenset[str],
         work: Callable[[], T]) -> T:
    """``work()`` for `doc`, kept under `name` and worked out again only when the
    document changed in one of the top-level parts `reads` (or the language changed).

    The session counts its changes to the document (``content_changes``); when the one
    change since the value was kept touched none of `reads` (``ChangeSet.parts``), the
    value stands. Step 2's ranking behind the co-create panel's "pull in" count is 1 ms
    at 400 gap cards, and the panel is drawn again after every card typed."""
    session = getattr(app, "session", None)
    saved = getattr(session, "content_changes", None)
    if session is None or saved is None or session.doc is not doc:
        return work()
    key = (*_whose(session, doc), get_language(), saved)
    values = _kept.setdefault(app, {})
    found = values.get(name)
    if found is not None and found[0][:3] == key[:3]:
        if found[0][3] == saved:
            return found[1]
        change = session.last_content_change
        parts = change.parts() if change is not None else None
        if found[0][3] == saved - 1 and parts is not None and not parts & reads:
            values[name] = (key, found[1])
            return found[1]
    value = work()
    values[name] = (key, value)
    return value


def followed(app: App, doc: Workshop, name: str, work: Callable[[], T],
             follow: Callable[[T, ChangeSet], T | None]) -> T:
    """``work()`` for `doc`, kept under `name`; after the one change made since,
    ``follow(value, change)`` brings it up to date (None: it cannot, and ``work()`` runs
    again). For a figure counted over every card that one card changes by one."""
    session = getattr(app, "session", None)
    saved = getattr(session, "content_changes", None)
    if session is None or saved is None or session.doc is not doc:
        return work()
    key = (*_whose(session, doc), saved)
    values = _kept.setdefault(app, {})
    found = values.get(name)
    value = None
    if found is not None and found[0][:2] == key[:2]:
        if found[0][2] == saved:
            return found[1]
        change = session.last_content_change
        if found[0][2] == saved - 1 and change is not None:
            value = follow(found[1], change)
    if value is None:
        value = work()
    values[name] = (key, value)
    return value


def _whose(session: Any, doc: Workshop) -> tuple[Any, int]:
    """What a kept value was worked out for: the session itself (a weak reference, equal
    while it lives) and its document. Not their addresses alone: a session opened in
    the app later may have its document where the last one's was, and its count of
    changes starts over."""
    return weakref.ref(session), id(doc)


class ChangeFirst:
    """For a step screen: a change made in view is sent to the terminal as soon as the
    part of the screen where it shows is drawn (``drawing_change``); what else the
    screen works out from it (``follow_up``: the shared frame, a side panel, the tabs)
    is drawn once that frame is out, and reaches the terminal in the next. The screen
    provides ``frame_is_up`` and ``_dirty`` (``StepScreen``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._follow_ups: list[Callable[[], None]] = []
        self._drawing_change = False

    @property
    def following(self) -> bool:
        """Whether some redraw still waits for the change's frame to go out."""
        return bool(self._follow_ups)

    @contextmanager
    def drawing_change(self) -> Iterator[None]:
        self._drawing_change = True
        try:
            yield
        finally:
            self._drawing_change = False

    def follow_up(self, work: Callable[[], None]) -> None:
        """Run `work` (a redraw beside the change being drawn) once the frame that shows
        the change is out; at once when no change is being drawn. Each piece of work
        runs once however many changes came meanwhile, and reads the document as it is
        then."""
        if work in self._follow_ups:
            return  # it runs once the frame is out
        if not self._drawing_change:
            work()
            return
        if not self._follow_ups:
            self.call_later(self._paint_then_follow_up)  # type: ignore[attr-defined]
        self._follow_ups.append(work)

    def _paint_then_follow_up(self) -> None:
        # on the screen's queue, behind the handler that made the change: the key's
        # whole effect (the entry emptied too) is in the frame painted here
        compat.paint_now(self)  # type: ignore[arg-type]
        while self._follow_ups:  # work may ask for more
            work = self._follow_ups.pop(0)
            if not self.frame_is_up():  # type: ignore[attr-defined]  # taken down meanwhile
                self._follow_ups.clear()
                self._dirty = True
                return
            work()
