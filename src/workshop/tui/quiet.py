"""Work nobody waits for, done while the room is quiet.

Two things cost a lot and need not happen when they are asked for: a new snapshot of
the session (a whole save: 20 ms at 2,000 cards, 150 ms at 20,000), which the store
wants after each step change, and the screens of the steps not shown yet (building one
takes a few hundred milliseconds: the first F3 to it would wait for that). Done at once,
either would stall the key typed next. The app's clock tick hands them here instead,
and they are done only once no key, click or change has come for ``QUIET_SECONDS``,
one piece per tick, so a key pressed meanwhile waits for one piece at most.

The screens are built nearest first (the steps F3 and F2 lead to), each composed,
drawn from the document, laid out and rendered off screen (``compat.build_mode``,
``compat.settle_offscreen``): showing one later costs what coming back to it costs.
Once all are built, what they hold is set aside from the cycle collector
(``set_aside_what_lasts``).
"""

from __future__ import annotations

import gc
from functools import partial
from typing import TYPE_CHECKING

from textual.worker import Worker

from workshop.model import STEPS, StepId
from workshop.tui import compat
from workshop.tui.screens.base import StepScreen

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp

QUIET_SECONDS = 1.0
SETTLE_AT_MOST = 4


class QuietWork:
    """What the app does in the room's quiet moments."""

    def __init__(self, app: WorkshopApp) -> None:
        self.app = app
        self._touched_at = app.time_source.monotonic()
        self._building: Worker | None = None
        self._settled: dict[StepId, int] = {}
        self._set_aside = False

    def touched(self) -> None:
        """A key, a click or a change: the room is busy."""
        self._touched_at = self.app.time_source.monotonic()

    def quiet(self) -> bool:
        return self.app.time_source.monotonic() - self._touched_at >= QUIET_SECONDS

    def tick(self) -> None:
        """One piece of quiet work, if the room is quiet and there is some."""
        app = self.app
        if app.session is None or not self.quiet():
            return
        if self.building:
            return
        if app.session.checkpoint():  # a new snapshot, when the store wants one
            return
        for screen in self._offscreen():
            if not screen.drawn:  # the document changed since it was drawn
                screen.refresh_from_doc()
                self._settled[screen.step] = 0
                return
        for screen in self._offscreen():
            settled = self._settled.get(screen.step, 0)
            # a few times at most: a widget may ask for a layout each time it is laid out
            if settled < SETTLE_AT_MOST and compat.settle_offscreen(app, screen):
                self._settled[screen.step] = settled + 1
                return
        step = self._next_to_build()
        if step is not None:
            # the function, not a coroutine: a worker cancelled before it starts (the app
            # quitting) leaves no coroutine never awaited
            self._building = app.run_worker(partial(compat.build_mode, app, step),
                                            group="quiet", exit_on_error=False)
        elif not self._set_aside and self.done:
            self._set_aside = True
            set_aside_what_lasts()

    @property
    def building(self) -> bool:
        """Whether a step's screen is being built now."""
        return self._building is not None and not self._building.is_finished

    @property
    def done(self) -> bool:
        """Whether every step's screen is built, drawn and laid out (benchmarks wait for
        it before timing a first visit "after a quiet moment")."""
        app = self.app
        return len(app.step_screens) == len(STEPS) and all(
            screen.drawn and (self._settled.get(screen.step, 0) >= SETTLE_AT_MOST
                              or not compat.unsettled_offscreen(app, screen))
            for screen in self._offscreen())

    def _offscreen(self) -> list[StepScreen]:
        """The step screens built and not shown (nor under a dialog)."""
        shown = self.app.screen_stack
        return [screen for screen in self.app.step_screens.values() if screen not in shown]

    def _next_to_build(self) -> StepId | None:
        """The nearest step, after or before the current one, that has no screen."""
        app = self.app
        here = STEPS.index(app.session.doc.room.step)
        for distance in range(1, len(STEPS)):
            for index in (here + distance, here - distance):
                if 0 <= index < len(STEPS) and STEPS[index] not in app.step_screens:
                    return STEPS[index]
        return None


def set_aside_what_lasts() -> None:
    """What the screens just built hold (a board of 20,000 cards is some hundred thousand
    objects) lives as long as the app: take it out of the cycle collector's way, as the
    command does with what start-up made (``cli.run_app``). Otherwise a full collection
    walks it all again now and then, in the middle of typing (170 ms at 20,000 cards).
    Only when the command did so at start-up (a process of its own): never in a test run.
    """
    if gc.isenabled() and gc.get_freeze_count():
        gc.collect()
        gc.freeze()
