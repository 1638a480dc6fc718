"""Changing the check-ins after the day: open one, type an actual, accept a re-split, check
an action. Each is one undoable edit (``Session.apply``); the day's plan is never touched
except an action's live status and next check, which a check of it updates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from workshop.edits import EditError
from workshop.edits.plan import find_action
from workshop.edits.room import enter_step
from workshop.i18n import t
from workshop.methods.checkin import ledger, progress
from workshop.methods.checkin.subjects import SubjectKey, subject
from workshop.model import (
    ActionCheck,
    Actual,
    Checkin,
    Replan,
    ReplanPeriod,
    Room,
    Workshop,
    now,
)
from workshop.model.plan import STATUSES


def find(doc: Workshop, checkin_id: str) -> Checkin:
    found = ledger.find(doc, checkin_id)
    if found is None:
        raise EditError(t("checkin.error.gone"))
    return found


def new_checkin(doc: Workshop, day: dt.date, start: dt.date, end: dt.date) -> Checkin:
    """A check-in held on `day` reviewing `start`–`end`. One per day and period: the same
    again is refused (open the one there is)."""
    if end < start:
        raise EditError(t("checkin.error.period_order"))
    for held in doc.checkin.checkins:
        if (held.date, held.start, held.end) == (day, start, end):
            raise EditError(t("checkin.error.exists", date=day.isoformat()))
    checkin = Checkin(date=day, start=start, end=end)
    doc.checkin.checkins.append(checkin)
    return checkin


def delete_checkin(doc: Workshop, checkin_id: str) -> Checkin:
    checkin = find(doc, checkin_id)
    doc.checkin.checkins.remove(checkin)
    return checkin


def show_checkin(room: Room, checkin_id: str | None) -> None:
    """The room looks at this check-in (a room edit: saved, not undone)."""
    room.checkin_id = checkin_id


def open_checkins(room: Room, checkin_id: str, minutes: int) -> None:
    """The room goes to the check-in step, on this check-in (``workshop checkin``)."""
    enter_step(room, "checkin", minutes)
    room.checkin_id = checkin_id


def set_note(doc: Workshop, checkin_id: str, note: str) -> None:
    find(doc, checkin_id).note = note


# -- actuals ----------------------------------------------------------------------------------

def _period_of(doc: Workshop, key: SubjectKey, start: dt.date, end: dt.date) -> str:
    """The period's label; refused unless `key` is a goal or share with that period."""
    found = subject(doc, key)
    if found is None:
        raise EditError(t("checkin.error.no_subject"))
    for point in found.points:
        if point.period is not None and (point.period.start, point.period.end) == (start, end):
            return point.label
    raise EditError(t("checkin.error.no_period", start=start.isoformat(), end=end.isoformat()))


def set_actual(doc: Workshop, checkin_id: str, key: SubjectKey, start: dt.date, end: dt.date,
               value: float | None) -> Actual | None:
    """The actual of `key` in the period `start`–`end`, typed at this check-in (None
    removes what this check-in had typed; an earlier check-in's figure shows again)."""
    checkin = find(doc, checkin_id)
    _period_of(doc, key, start, end)
    goal_id, cascade_id, part = key
    kept = [a for a in checkin.actuals
            if (a.goal_id, a.cascade_id, a.part, a.start, a.end) != (*key, start, end)]
    if value is None:
        checkin.actuals = kept
        return None
    actual = Actual(goal_id=goal_id, cascade_id=cascade_id, part=part, start=start, end=end,
                    value=value)
    checkin.actuals = [*kept, actual]
    return actual


def set_actuals(doc: Workshop, checkin_id: str,
                rows: Sequence[tuple[SubjectKey, dt.date, dt.date, float]]) -> int:
    """Several actuals at once (an import): all of them, or none if one is refused."""
    for key, start, end, value in rows:
        set_actual(doc, checkin_id, key, start, end, value)
    return len(rows)


# -- re-splitting what remains ------------------------------------------------------------------

def accept_replan(doc: Workshop, checkin_id: str, key: SubjectKey) -> Replan:
    """Accept the re-split the check-in proposes for `key` (what remains over the remaining
    periods, or the higher target when ahead). Replaces one accepted here before."""
    checkin = find(doc, checkin_id)
    found = progress.of_key(doc, key, checkin)
    if found is None:
        raise EditError(t("checkin.error.no_subject"))
    if not found.proposal or found.proposal_target is None:
        raise EditError(t("checkin.error.no_proposal"))
    if found.verdict not in ("behind", "ahead"):
        raise EditError(t("checkin.error.on_pace"))
    periods = [ReplanPeriod(label=found.rows[i].label, start=found.rows[i].period.start,
                            end=found.rows[i].period.end, value=float(value))
               for i, value in zip(found.remaining, found.proposal, strict=True)]
    replan = Replan(goal_id=key[0], cascade_id=key[1], part=key[2],
                    target=float(found.proposal_target), reason=found.verdict,
                    periods=periods)
    checkin.replans = [r for r in checkin.replans
                       if (r.goal_id, r.cascade_id, r.part) != key] + [replan]
    return replan


def drop_replan(doc: Workshop, checkin_id: str, key: SubjectKey) -> Replan:
    """Take back the re-split accepted at this check-in: the plan before it counts again."""
    checkin = find(doc, checkin_id)
    found = ledger.replan_here(checkin, key)
    if found is None:
        raise EditError(t("checkin.error.no_replan"))
    checkin.replans.remove(found)
    return found


# -- actions ------------------------------------------------------------------------------------

def check_action(doc: Workshop, checkin_id: str, action_id: str, *,
                 status: str | None = None, percent: int | bool | None = False,
                 done: str | None = None, next_check: dt.date | bool | None = False,
                 checker_id: str | bool | None = False, checker_role: str | None = None
                 ) -> ActionCheck:
    """Record how the action stands at this check-in (what is not given keeps its last
    check's value, else the plan's). The plan's action takes the new status and next check
    too: the plan shows how it stands now. ``False`` means "not given" for fields that may
    be set to None."""
    checkin = find(doc, checkin_id)
    action = find_action(doc, action_id)
    check = next((c for c in checkin.actions if c.action_id == action_id), None)
    if check is None:
        previous = None
        for held in ledger.known_at(doc, checkin):
            previous = next((c for c in held.actions if c.action_id == action_id), previous)
        check = ActionCheck(
            action_id=action_id, status=previous.status if previous else (
                "doing" if action.status == "todo" else action.status),
            percent=previous.percent if previous else None,
            next_check=action.next_check, checker_id=action.checker_id,
            checker_role=action.checker_role)
        checkin.actions.append(check)
    if status is not None:
        if status not in STATUSES:
            raise EditError(t("plan.error.bad_choice", field=t("plan.field.status")))
        check.status = status  # type: ignore[assignment]
        if status == "done":
            check.percent = 100 if check.percent is not None else None
    if percent is not False:
        if percent is not None and not 0 <= int(percent) <= 100:
            raise EditError(t("checkin.error.percent", value=percent))
        check.percent = None if percent is None else int(percent)
        if check.percent == 100:
            check.status = "done"
        elif check.percent is not None and check.status == "done":
            check.status = "doing"
    if done is not None:
        check.done = done
    if next_check is not False:
        if isinstance(next_check, dt.date) and next_check < checkin.date:
            raise EditError(t("checkin.error.next_check_past", date=next_check.isoformat()))
        check.next_check = next_check  # type: ignore[assignment]
    if checker_id is not False:
        if checker_id is not None and doc.member(checker_id) is None:  # type: ignore[arg-type]
            raise EditError(t("checkin.error.unknown_member"))
        if checker_id is not None and checker_id == action.owner_id:
            found = doc.member(checker_id)  # type: ignore[arg-type]
            raise EditError(t("plan.error.self_check", name=found[1].name if found else ""))
        check.checker_id = checker_id  # type: ignore[assignment]
    if checker_role is not None:
        check.checker_role = checker_role
    check.at = now()
    action.status = check.status
    if check.next_check is not None:
        action.next_check = check.next_check
    action.updated_at = now()
    return check
