"""The actions a check-in reviews (the C and A of PDCA): how each stood when last checked,
overdue ones and ones never checked first, and what next month holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshop.methods.checkin import ledger
from workshop.methods.vision.calendar import Period
from workshop.model import Action, ActionCheck, Checkin, Workshop


@dataclass(frozen=True)
class Review:
    """One action as the check-in sees it."""

    action: Action
    check: ActionCheck | None
    """This check-in's check of it, if it has been checked here."""
    last: ActionCheck | None
    """The newest check of it so far (this one's, or an earlier check-in's)."""
    overdue: bool
    """Not done, and its due date (or the check it was due for) has passed."""

    @property
    def never_checked(self) -> bool:
        return self.last is None


def _last_checks(doc: Workshop, checkin: Checkin | None) -> dict[str, ActionCheck]:
    out: dict[str, ActionCheck] = {}
    for held in ledger.known_at(doc, checkin):
        for check in held.actions:
            out[check.action_id] = check
    return out


def is_overdue(action: Action, last: ActionCheck | None, day: dt.date) -> bool:
    status = last.status if last is not None else action.status
    if status == "done":
        return False
    next_check = (last.next_check if last is not None and last.next_check
                  else action.next_check)
    return bool((action.due and action.due < day) or (next_check and next_check < day))


def reviews(doc: Workshop, checkin: Checkin, team_id: str | None = None) -> list[Review]:
    """The actions of `team_id` (None: every team) for `checkin`: overdue ones first, then
    ones never checked, then the rest, each group in the plan's order."""
    here = {c.action_id: c for c in checkin.actions}
    last = _last_checks(doc, checkin)
    found = [Review(a, here.get(a.id), last.get(a.id), is_overdue(a, last.get(a.id),
                                                                  checkin.date))
             for a in doc.plan.actions if team_id is None or a.team_id == team_id]
    return sorted(found, key=lambda r: (not r.overdue, not r.never_checked))


def next_month(checkin: Checkin) -> Period:
    """The month after the one the check-in falls in (the board's "next month")."""
    from workshop.methods.vision import calendar

    first = calendar.add_months(checkin.end.replace(day=1), 1)
    return Period(first, calendar.month_end(first.year, first.month))


def due_in(doc: Workshop, checkin: Checkin, period: Period,
           team_id: str | None = None) -> list[Action]:
    """Open actions of `team_id` with something in `period`: due then, checked then, or
    still running through it."""
    last = _last_checks(doc, checkin)
    out = []
    for action in doc.plan.actions:
        if team_id is not None and action.team_id != team_id:
            continue
        check = last.get(action.id)
        if (check.status if check else action.status) == "done":
            continue
        next_check = check.next_check if check and check.next_check else action.next_check
        dates = [d for d in (action.due, next_check) if d]
        running = (action.start or dt.date.min) <= period.end and (
            action.due is None or action.due >= period.start)
        if any(period.start <= d <= period.end for d in dates) or (action.due and running):
            out.append(action)
    return out
