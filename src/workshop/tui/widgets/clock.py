"""The step clock: big digits that stay visible, coloured as time runs out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Digits, Static

from workshop.methods import clock as clock_math
from workshop.model import Clock


class ClockDisplay(Horizontal):
    """``▶ 12:34`` (``‖`` when paused) in Textual ``Digits``.

    Classes ``-running``, ``-warning`` and ``-over`` colour it.
    """

    DEFAULT_CSS = """
    ClockDisplay { width: auto; height: 3; }
    ClockDisplay > #clock-state { width: 2; height: 3; content-align: center middle; }
    ClockDisplay > Digits { width: auto; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown = ""
        self._level = ""
        self._state = Static("‖", id="clock-state")
        self._digits = Digits("00:00")
        self._running: bool | None = None

    def compose(self) -> ComposeResult:
        yield self._state
        yield self._digits

    def show(self, clock: Clock, now: float) -> None:
        """Show `clock` as of `now` (seconds since the epoch); cheap when nothing visible
        changed."""
        left = clock_math.remaining(clock, now)
        text = clock_math.display(left)
        level = clock_math.level(clock, now)
        if text != self._shown:
            self._shown = text
            self._digits.update(text)
        if clock.running != self._running:  # updating a Static re-lays out the bar: only on change
            self._running = clock.running
            self._state.update("▶" if clock.running else "‖")
        if level != self._level:
            self._level = level
            self.set_class(level == "warning", "-warning")
            self.set_class(level == "over", "-over")
            self.set_class(clock.running, "-running")

    @property
    def shown(self) -> str:
        return self._shown
