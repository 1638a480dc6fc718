"""Timing what the facilitator sees: from a key press to the frame on screen that shows it.

Shared by the benchmarks in this folder. What they have in common:

- Keys are pressed by a thread at set moments (typing pace: one every 120 ms by default),
  handed to the app's event loop the way Textual's terminal driver hands them over
  (thread-safe, into the loop's queue). Nothing waits for the app to be idle: a key
  pressed while the app is still busy with the last one waits in the queue, as it would
  at the keyboard, and that wait counts.
- A key's time runs from the moment it was pressed to the first frame sent to the
  terminal after it in which the app shows its effect (``FrameClock.expect``): the
  compositor's update is rendered to the bytes a terminal would get, as the driver does,
  and the test of "shows it" is made on the app's state as that frame is taken.
- The same keys go to a bare Textual app (Header, Input, Footer; one screen per step for
  the step changes) in the same run, in interleaved rounds; figures are medians with
  their spread (10th–90th percentile), and the ratio of the medians.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

TYPING_PACE = 0.120
"""Seconds between keys when a person types at a steady pace."""
SIZE = (120, 40)
STEP_COUNT = 8


# -- bare baselines ----------------------------------------------------------------------

def bare_app(on_ready: Callable[[], None] | None = None):
    """Header, Input, Footer: Enter clears the input. `on_ready` is called when the
    first frame is on the terminal (Textual's Ready event)."""
    from textual.app import App
    from textual.widgets import Footer, Header, Input

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input()
            yield Footer()

        def on_ready(self) -> None:
            if on_ready is not None:
                on_ready()

        def on_input_submitted(self, event: Input.Submitted) -> None:
            event.input.value = ""

    return Bare()


def bare_stepper_app(steps: int = STEP_COUNT):
    """A bare app with one mode per step, each a screen of Header, Input and Footer; F2
    and F3 switch to the previous and next mode, as the workshop's F2/F3 do."""
    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Input

    class BareStep(Screen):
        def compose(self):
            yield Header()
            yield Input()
            yield Footer()

    class BareSteps(App):
        BINDINGS = [Binding("f2", "step(-1)", "Previous", priority=True),
                    Binding("f3", "step(1)", "Next", priority=True)]
        MODES = {f"s{i}": BareStep for i in range(steps)}
        DEFAULT_MODE = "s0"

        def action_step(self, delta: int) -> None:
            index = int(self.current_mode[1:]) + delta
            if 0 <= index < steps:
                self.switch_mode(f"s{index}")

    return BareSteps()


# -- running an app as the command does ----------------------------------------------------

@contextlib.asynccontextmanager
async def running(app, size: tuple[int, int] = SIZE):
    """Run `app` headless (``run_test``) with the cycle collector handled as
    ``workshop.cli.run_app`` does: paused until the first frame, then what start-up made
    set aside (``gc.freeze``). The same for the bare apps, so both run alike."""
    gc.disable()
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            gc.freeze()
            gc.enable()
            yield pilot
    finally:
        gc.enable()
        gc.unfreeze()
        gc.collect()


# -- frames --------------------------------------------------------------------------------

@dataclass
class _Expectation:
    since: float
    shows: Callable[[Any], bool]
    done: asyncio.Event = field(default_factory=asyncio.Event)
    at: float = 0.0


class FrameClock:
    """Notes every frame the app sends to the terminal, and when a frame first shows
    what a test (``expect``) looks for."""

    def __init__(self, app) -> None:
        self.app = app
        self.frames = 0
        self._waiting: list[_Expectation] = []

    def install(self) -> None:
        app = self.app
        display = app._display  # Textual's: the one place every frame goes through

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            # what App._display itself leaves out never reaches the terminal: nothing,
            # a screen not in view, and any frame while updates are held (a batch, or
            # the 50 ms that Textual's switch_mode holds them for, to hide the switch)
            if renderable is None or screen is not app.screen or app._batch_count:
                return
            renderable.render_segments(app.console)  # what the terminal would be sent
            at = time.perf_counter()
            self.frames += 1
            for waiting in list(self._waiting):
                if at >= waiting.since and waiting.shows(app):
                    waiting.at = at
                    waiting.done.set()
                    self._waiting.remove(waiting)

        app._display = timed_display

    def expect(self, shows: Callable[[Any], bool], since: float) -> _Expectation:
        """The first frame from `since` on in which ``shows(app)`` holds."""
        waiting = _Expectation(since, shows)
        self._waiting.append(waiting)
        return waiting

    async def when(self, waiting: _Expectation, timeout: float = 30.0) -> float:
        await asyncio.wait_for(waiting.done.wait(), timeout)
        return waiting.at


class Keyboard:
    """Presses keys from another thread at given moments, like a terminal driver."""

    def __init__(self, app) -> None:
        self.app = app
        self.loop = asyncio.get_running_loop()

    def press(self, key: str, char: str | None = None) -> None:
        from textual import events

        self.loop.call_soon_threadsafe(self.app.post_message, events.Key(key, char))

    async def play_at(self, keys: Iterable[tuple[float, str, str | None]]) -> None:
        """Press each ``(moment, key, char)`` at `moment` (``time.perf_counter``), whether
        or not the app is done with the keys before; returns after the last press. The
        moment each key was pressed is in `pressed`, in order."""
        plan = list(keys)
        self.pressed: list[float] = []
        finished = asyncio.Event()

        def run() -> None:
            for moment, key, char in plan:
                pause = moment - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                self.pressed.append(time.perf_counter())
                self.press(key, char)
            self.loop.call_soon_threadsafe(finished.set)

        threading.Thread(target=run, daemon=True).start()
        await finished.wait()


async def press_and_time(app, clock: FrameClock, key: str, char: str | None,
                         shows: Callable[[Any], bool], timeout: float = 30.0) -> float:
    """Press one key now; seconds until the first frame that shows its effect."""
    keyboard = Keyboard(app)
    start = time.perf_counter()
    waiting = clock.expect(shows, start)
    keyboard.press(key, char)
    return await clock.when(waiting, timeout) - start


async def settle(seconds: float = 0.6) -> None:
    """Let the app finish what it does after a change (saves, the clock tick) before
    the next measurement starts (the measured key itself is never waited on)."""
    await asyncio.sleep(seconds)


# -- statistics ------------------------------------------------------------------------------

def median(samples: list[float]) -> float:
    return statistics.median(samples)


def spread(samples: list[float], scale: float = 1000.0) -> str:
    """10th–90th percentile (min–max below ten samples), scaled (ms by default)."""
    if not samples:
        return "—"
    if len(samples) < 10:
        low, high = min(samples), max(samples)
    else:
        deciles = statistics.quantiles(samples, n=10, method="inclusive")
        low, high = deciles[0], deciles[-1]
    return f"{low * scale:.0f}–{high * scale:.0f}" if scale > 10 else \
        f"{low * scale:.2f}–{high * scale:.2f}"


def row(label: str, ours: list[float], bare: list[float], target: str = "") -> str:
    """A printed line: bare and ours in ms (median, spread), the ratio of the medians."""
    mine, base = median(ours), median(bare)
    return (f"  {label:44} {base * 1000:7.1f} ({spread(bare):>9}) "
            f"{mine * 1000:8.1f} ({spread(ours):>11})  {mine / base:5.2f}×  {target}")


def header() -> str:
    return (f"  {'':44} {'bare ms':>7} ({'p10–p90':>9}) {'ours ms':>8} ({'p10–p90':>11})"
            f"  ratio")


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "?"
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min), {os.cpu_count()} cores"


# -- realistic sessions ----------------------------------------------------------------------

def realistic_session(folder: Path, cards: int, *, step: str = "cocreate",
                      phase: str = "cluster") -> Path:
    """The issue's realistic workshop (``realistic.build``) saved as a session at `folder`,
    on `step` (co-create in `phase`). Kept between runs (building 20,000 cards takes a
    while): delete the folder to build again."""
    sys.path.insert(0, str(REPO / "bench"))
    from realistic import build

    from workshop.store import Session

    path = folder / f"realistic-{cards}-{step}-{phase}.workshop.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        doc = build(cards)
        doc.room.step = step  # type: ignore[assignment]
        doc.cocreate.phase = phase  # type: ignore[assignment]
        Session.create(doc, path, overwrite=True).close()
    return path


def fresh_copy(path: Path, folder: Path) -> Path:
    """A copy of the session `path` to change in one measurement (no journal, no lock)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / path.name
    shutil.copyfile(path, copy)
    return copy
