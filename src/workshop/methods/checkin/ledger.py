"""What is known at a check-in: the actuals typed at it and at the check-ins before it (the
newest figure for a period wins: the 28th's review corrects the 20th's), and the re-splits
accepted so far.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from workshop.methods.checkin.subjects import SubjectKey
from workshop.methods.vision import cascade as cascade_math
from workshop.model import Checkin, Replan, Workshop

ActualKey = tuple[str, str | None, int | None, dt.date, dt.date]
"""(goal id, split id, share index, first day, last day)."""


def find(doc: Workshop, checkin_id: str | None) -> Checkin | None:
    return next((c for c in doc.checkin.checkins if c.id == checkin_id), None)


def in_order(doc: Workshop) -> list[Checkin]:
    """The check-ins by the day they were held (then as opened)."""
    return sorted(doc.checkin.checkins, key=lambda c: (c.date, c.created_at))


def latest(doc: Workshop) -> Checkin | None:
    ordered = in_order(doc)
    return ordered[-1] if ordered else None


def known_at(doc: Workshop, checkin: Checkin | None) -> list[Checkin]:
    """The check-ins whose figures count at `checkin`: itself and those held before it
    (all of them for None)."""
    ordered = in_order(doc)
    if checkin is None:
        return ordered
    index = next((i for i, c in enumerate(ordered) if c.id == checkin.id), len(ordered) - 1)
    return ordered[:index + 1]


def actuals(doc: Workshop, checkin: Checkin | None) -> dict[ActualKey, Fraction]:
    """Every actual known at `checkin`, the newest for each period."""
    out: dict[ActualKey, Fraction] = {}
    for held in known_at(doc, checkin):
        for actual in held.actuals:
            out[(actual.goal_id, actual.cascade_id, actual.part, actual.start, actual.end)] = (
                cascade_math.number(actual.value))
    return out


def typed_here(checkin: Checkin) -> set[ActualKey]:
    """The actuals typed at this check-in (not carried from an earlier one)."""
    return {(a.goal_id, a.cascade_id, a.part, a.start, a.end) for a in checkin.actuals}


def replan(doc: Workshop, checkin: Checkin | None, key: SubjectKey) -> Replan | None:
    """The newest re-split of `key` accepted by `checkin` (or before it)."""
    found = None
    for held in known_at(doc, checkin):
        for candidate in held.replans:
            if (candidate.goal_id, candidate.cascade_id, candidate.part) == key:
                found = candidate
    return found


def replan_here(checkin: Checkin, key: SubjectKey) -> Replan | None:
    return next((r for r in checkin.replans
                 if (r.goal_id, r.cascade_id, r.part) == key), None)
