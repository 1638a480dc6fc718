"""The step clock as arithmetic on wall-clock time, so it survives restarts."""

from __future__ import annotations

import time

from workshop.model import Clock

WARNING_SECONDS = 120
"""The clock turns to its warning colour this many seconds before the end."""


def remaining(clock: Clock, now: float | None = None) -> float:
    """Seconds left in the time box (negative once it has run over)."""
    if clock.running and clock.ends_at is not None:
        return clock.ends_at - (time.time() if now is None else now)
    return clock.remaining_s


def start(clock: Clock, now: float | None = None) -> None:
    if clock.running:
        return
    now = time.time() if now is None else now
    clock.ends_at = now + clock.remaining_s
    clock.running = True


def pause(clock: Clock, now: float | None = None) -> None:
    if not clock.running:
        return
    clock.remaining_s = remaining(clock, now)
    clock.running = False
    clock.ends_at = None


def toggle(clock: Clock, now: float | None = None) -> None:
    (pause if clock.running else start)(clock, now)


def reset(clock: Clock, minutes: int, step: str | None = None) -> None:
    """Set a fresh, paused time box of `minutes`."""
    clock.step = step  # type: ignore[assignment]
    clock.duration_s = max(0, minutes) * 60
    clock.remaining_s = float(clock.duration_s)
    clock.running = False
    clock.ends_at = None


def add(clock: Clock, seconds: int = 60, now: float | None = None) -> None:
    """Give the time box `seconds` more (also after it has run out)."""
    clock.duration_s += seconds
    if clock.running and clock.ends_at is not None:
        clock.ends_at += seconds
    else:
        clock.remaining_s += seconds


def level(clock: Clock, now: float | None = None) -> str:
    """``normal``, ``warning`` (last minutes) or ``over`` (time is up)."""
    left = remaining(clock, now)
    if clock.duration_s == 0 and not clock.running:
        return "normal"
    if left <= 0:
        return "over"
    if left <= min(WARNING_SECONDS, max(30, clock.duration_s * 0.2)):
        return "warning"
    return "normal"


def display(seconds: float) -> str:
    """``MM:SS`` (90 minutes show as ``90:00``), with a minus sign once over time."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # 59.2 s left shows 1:00
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"
