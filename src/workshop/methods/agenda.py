"""The day's agenda: the steps laid out over the workshop's days and sessions.

The method's day is 9:00–12:00 and 13:30–17:00 (390 minutes). Steps follow one another
in the method's order; a step that does not fit before lunch or the end of the day
goes on after lunch or the next morning, split in two (or more) pieces. A piece of a
few minutes before a break is not worth starting: when the day has time to spare, the
step starts after the break instead. Whatever does not fit the planned days runs on
into extra days, and ``Agenda.fits`` says so (``workshop validate`` warns).

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

SESSIONS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(9, 0), dt.time(12, 0)),
    (dt.time(13, 30), dt.time(17, 0)),
)
"""The method's day: morning and afternoon (一天：9:00—12:00；13:30—17:00)."""
SHORTEST_PIECE = 15
"""Minutes: a shorter piece before a break starts after it, when the days allow."""


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


SESSION_MINUTES = tuple(_minutes(end) - _minutes(start) for start, end in SESSIONS)
DAY_MINUTES = sum(SESSION_MINUTES)
"""390: the minutes of one day of the method."""


@dataclass(frozen=True)
class Slot:
    """One step, or one piece of a step split by a break, on one day."""

    step: str
    day: int
    """1 for the first day."""
    start: dt.time
    end: dt.time
    piece: int = 1
    """1, 2 … for a step split over a break; ``pieces`` says how many."""
    pieces: int = 1

    @property
    def minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)


@dataclass(frozen=True)
class Agenda:
    slots: tuple[Slot, ...]
    days: int
    """The days planned."""

    @property
    def total(self) -> int:
        return sum(s.minutes for s in self.slots)

    @property
    def days_needed(self) -> int:
        return max((s.day for s in self.slots), default=0)

    @property
    def fits(self) -> bool:
        return self.days_needed <= self.days


def lay_out(steps: Sequence[tuple[str, int]], days: int = 1) -> Agenda:
    """Lay `steps` (step, minutes) out over `days` days of the method's sessions."""
    wanted = [(step, minutes) for step, minutes in steps if minutes > 0]
    capacity = max(1, days) * DAY_MINUTES
    day, session = 1, 0
    clock = _minutes(SESSIONS[0][0])
    used = 0  # minutes of the planned days spent (placed or skipped)
    pieces: list[tuple[str, int, int, int]] = []  # step, day, start, end
    left_total = sum(m for _, m in wanted)
    for step, minutes in wanted:
        left = minutes
        while left > 0:
            end = _minutes(SESSIONS[session][1])
            room = end - clock
            if room <= 0:
                day, session, clock = _next(day, session)
                continue
            slack = capacity - used - left_total
            if left > room and room < SHORTEST_PIECE and slack >= room:
                used += room  # an early break rather than a few minutes' start
                day, session, clock = _next(day, session)
                continue
            take = min(left, room)
            pieces.append((step, day, clock, clock + take))
            clock += take
            used += take
            left -= take
            left_total -= take
    slots = []
    for step, day_number, start, end in pieces:
        same = [p for p in pieces if p[0] == step]
        slots.append(Slot(step=step, day=day_number, start=_time(start), end=_time(end),
                          piece=same.index((step, day_number, start, end)) + 1,
                          pieces=len(same)))
    return Agenda(slots=tuple(slots), days=max(1, days))


def _next(day: int, session: int) -> tuple[int, int, int]:
    if session + 1 < len(SESSIONS):
        return day, session + 1, _minutes(SESSIONS[session + 1][0])
    return day + 1, 0, _minutes(SESSIONS[0][0])


def of_workshop(doc) -> Agenda:
    """The document's agenda (minutes per step, in the method's order) over its days."""
    from workshop.model import DAY_STEPS

    return lay_out([(step, doc.agenda.get(step, 0)) for step in DAY_STEPS], doc.meta.days)
