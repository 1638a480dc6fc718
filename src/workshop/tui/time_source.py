"""Where the app reads the time: passed in, so tests can drive it.

The app reads every clock through the ``TimeSource`` it was given (``WorkshopApp(...,
time_source=...)``): the step clock, the turn countdown, the alarm's flashing, how
long ago the disk warning was given. A test gives it one it can move forward by hand.
"""

from __future__ import annotations

import time
from typing import Protocol


class TimeSource(Protocol):
    def now(self) -> float:
        """Wall-clock seconds since the epoch (saved clocks and countdowns end at these)."""
        ...

    def monotonic(self) -> float:
        """Seconds that only go forward, for how long ago something happened."""
        ...


class SystemTime:
    """The machine's own clocks."""

    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()


SYSTEM_TIME = SystemTime()
