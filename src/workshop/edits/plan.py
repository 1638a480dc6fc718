"""Edits to step 5's action plans: write actions from strategies, fill in the template
(做我所写、写我所做), adopt them (领养), move them, delete them.

Dates are typed ``YYYY-MM-DD``; ``parse_date`` also takes ``2027/3/31``, ``2027.3.31``,
``2027年3月31日`` and full-width digits, and refuses anything else with a message that
says what it expected. Field errors raise ``FieldError`` (an ``EditError`` naming the
field), so a form can put the cursor on the field to fix.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from workshop.edits import EditError
from workshop.i18n import t
from workshop.methods.numbers import parse_number
from workshop.methods.plan import adoption
from workshop.methods.plan.actions import format_number, owned_milestones, strategy, team_goal
from workshop.model import Action, Milestone, Workshop, now
from workshop.model.plan import CADENCES, STATUSES
from workshop.text import clean

TEXT_FIELDS = ("checker_role", "measure", "target", "resources", "support", "obstacles",
               "skills", "reward", "penalty")
PDCA_FIELDS = ("plan", "do", "check", "act")
DATE_FIELDS = ("start", "due", "next_check")
FORM_FIELDS = ("what", "strategy_id", "goal_id", "gap_id", "owner_id", "checker_id",
               "checker_role", "start", "due", "measure", "target", "milestones", "resources",
               "support", "obstacles", "skills", "reward", "penalty", "pdca_plan", "pdca_do",
               "pdca_check", "pdca_act", "cadence", "next_check", "status")
"""Every field ``update_action`` takes, in the order the form shows them."""
MULTILINE = {"what", "resources", "support", "obstacles", "skills", "milestones",
             "pdca_plan", "pdca_do", "pdca_check", "pdca_act"}


class FieldError(EditError):
    """A value the form must correct: `field` names it (one of ``FORM_FIELDS``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# -- parsing what people type ------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def _normal(text: str) -> str:
    """Full-width digits and punctuation as ASCII (２０２７－０３－３１ → 2027-03-31)."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_date(text: str | None, field: str = "due") -> dt.date | None:
    """The date typed in `text` (empty: None). Raises ``FieldError`` for `field`."""
    value = _normal(text or "")
    if not value:
        return None
    label = t(f"plan.field.{field}")
    match = _DATE.fullmatch(value)
    if not match:
        raise FieldError(field, t("plan.error.date_format", field=label, value=value))
    year, month, day = (int(g) for g in match.groups())
    if not 2000 <= year <= 2100:
        raise FieldError(field, t("plan.error.date_year", field=label, value=value))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError(field, t("plan.error.date_invalid", field=label, value=value)) from None


def format_milestones(milestones: list[Milestone]) -> str:
    """Milestones as the form shows them, one per line: ``2027-06-30  315  +175  第二季度``
    (the day, or the month, where the number must be; what the period adds; the note)."""
    lines = []
    for m in milestones:
        parts = [m.due.isoformat() if m.due else m.month]
        if m.target is not None:
            parts.append(format_number(m.target))
            if m.in_period is not None:
                parts.append("+" + format_number(m.in_period))
        if m.note:
            parts.append(m.note)
        lines.append("  ".join(parts))
    return "\n".join(lines)


_AMOUNT = r"(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?(?:\s*[万亿kK])?"
"""A milestone's number as people write it: 140, 25,000, 1.5, 140万, 2k."""
_NUMBER = re.compile(rf"[-+]?{_AMOUNT}")
_MILESTONE_DAY = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.])|"
                            r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
"""A milestone's day: 2027-06-30, 2027/6/30, 2027年6月30日 (not the number after 2027年6月)."""
_ADDS = re.compile(rf"\+\s*(-?{_AMOUNT})")


def _leading_number(text: str, pattern: re.Pattern[str],
                    unit: str | None) -> tuple[float | None, str]:
    found = pattern.match(text)
    if found and (found.end() == len(text) or text[found.end()] in " \t,，;；"):
        number = parse_number(found.group(found.lastindex or 0), unit=unit)
        return number, text[found.end():].strip().lstrip(",，;；").strip()
    return None, text


def parse_milestones(text: str, unit: str | None = None) -> list[Milestone]:
    """``2027-06-30 315 +175 第二季度`` (or ``2027-03 140 第一季度``) per line →
    milestones (day or month, optional number, optional ``+`` what the period adds,
    optional note). Numbers as people write them (``25,000``, ``140万``: in a goal's
    `unit` of 万元 that is 140). Raises ``FieldError`` naming the line that does not
    read."""
    out = []
    for number, raw in enumerate(_normal(text or "").splitlines(), start=1):
        line = raw.strip().lstrip("-•*·").strip()
        if not line:
            continue
        due = None
        day = _MILESTONE_DAY.match(line)
        if day:
            year, month_text, day_text = ((day.group(1), day.group(3), day.group(4))
                                          if day.group(1) else day.group(5, 6, 7))
            try:
                due = dt.date(int(year), int(month_text), int(day_text))
            except ValueError:
                raise FieldError("milestones", t("plan.error.milestone", line=number,
                                                 text=line)) from None
        match = day or _MONTH.match(line)
        if day:
            year_number, month = due.year, due.month  # type: ignore[union-attr]
        else:
            year_number = int(match.group(1)) if match else 0
            month = int(match.group(2)) if match else 0
        if not match or not 1 <= month <= 12 or not 2000 <= year_number <= 2100:
            raise FieldError("milestones", t("plan.error.milestone", line=number, text=line))
        rest = line[match.end():].strip().lstrip(":：,，").strip()
        target, rest = _leading_number(rest, _NUMBER, unit)
        in_period = None
        if target is not None:
            in_period, rest = _leading_number(rest, _ADDS, unit)
        out.append(Milestone(month=f"{year_number:04d}-{month:02d}", due=due,
                             target=target, in_period=in_period, note=clean(rest)))
    return out


# -- helpers -------------------------------------------------------------------------------------

def find_action(doc: Workshop, action_id: str) -> Action:
    action = next((a for a in doc.plan.actions if a.id == action_id), None)
    if action is None:
        raise EditError(t("plan.error.gone"))
    return action


def _what(text: str) -> str:
    what = clean(text, multiline=True)
    if not what:
        raise FieldError("what", t("plan.error.empty_what"))
    return what


# -- writing actions -----------------------------------------------------------------------------

def add_action(doc: Workshop, what: str, *, strategy_id: str | None = None,
               team_id: str | None = None, source_card_id: str | None = None) -> Action:
    """A new action under `strategy_id` for `team_id` (the strategy's own team wins when it
    has one). It serves the team's goal; its milestones come when someone adopts it and
    carries a share of the goal (``fill_milestones``)."""
    text = _what(what)
    found = strategy(doc, strategy_id) if strategy_id else None
    if strategy_id and found is None:
        raise EditError(t("plan.error.no_strategy"))
    if found is not None and found.team_id is not None:
        team_id = found.team_id
    if team_id is not None and doc.team(team_id) is None:
        raise EditError(t("edit.unknown_team"))
    goal = team_goal(doc, team_id)
    action = Action(what=text, strategy_id=strategy_id, team_id=team_id,
                    goal_id=goal.id if goal else None, source_card_id=source_card_id)
    doc.plan.actions.append(action)
    return action


def add_actions_from_strategy(doc: Workshop, strategy_id: str, team_id: str | None
                              ) -> list[Action]:
    """One draft action per idea card of the strategy that the team has not drafted yet
    (the cards' words as the first wording). Refuses when there is nothing new."""
    found = strategy(doc, strategy_id)
    if found is None:
        raise EditError(t("plan.error.no_strategy"))
    owner_team = found.team_id or team_id
    done = {a.source_card_id for a in doc.plan.actions
            if a.team_id == owner_team and a.source_card_id}
    fresh = [(cid, text) for cid, text in zip(found.card_ids, found.card_texts, strict=True)
             if cid not in done]
    if not fresh:
        raise EditError(t("plan.error.no_new_cards", strategy=found.name))
    return [add_action(doc, text, strategy_id=strategy_id, team_id=team_id,
                       source_card_id=cid) for cid, text in fresh]


def form_values(doc: Workshop, action: Action) -> dict[str, str | None]:
    """`action` as the form's fields (the inverse of ``update_action``)."""
    del doc

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    values: dict[str, str | None] = {
        "what": action.what, "strategy_id": action.strategy_id, "goal_id": action.goal_id,
        "gap_id": action.gap_id, "owner_id": action.owner_id,
        "checker_id": action.checker_id, "start": day(action.start),
        "due": day(action.due), "milestones": format_milestones(action.milestones),
        "cadence": action.cadence, "next_check": day(action.next_check),
        "status": action.status,
    }
    for name in TEXT_FIELDS:
        values[name] = getattr(action, name)
    for name in PDCA_FIELDS:
        values[f"pdca_{name}"] = getattr(action.pdca, name)
    return values


def update_action(doc: Workshop, action_id: str, values: Mapping[str, Any]) -> Action:
    """Set the fields in `values` (keys from ``FORM_FIELDS``; text as typed, ids or None)
    all at once: one undo step. Raises ``FieldError`` for the first field that is wrong,
    and changes nothing then."""
    action = find_action(doc, action_id)
    unknown = set(values) - set(FORM_FIELDS)
    if unknown:
        raise EditError(t("plan.error.unknown_field", field=", ".join(sorted(unknown))))
    changes: dict[str, Any] = {}
    if "what" in values:
        changes["what"] = _what(str(values["what"] or ""))
    for name in DATE_FIELDS:
        if name in values:
            changes[name] = parse_date(values[name], name)
    start = changes.get("start", action.start)
    due = changes.get("due", action.due)
    if start is not None and due is not None and start > due:
        raise FieldError("due" if "due" in values else "start", t(
            "plan.error.start_after_due", start=start.isoformat(), due=due.isoformat()))
    if "milestones" in values:
        goal = doc.goal(values.get("goal_id", action.goal_id) or None)
        changes["milestones"] = parse_milestones(str(values["milestones"] or ""),
                                                 goal.unit if goal else None)
    for name in TEXT_FIELDS:
        if name in values:
            changes[name] = clean(str(values[name] or ""), multiline=name in MULTILINE)
    if "strategy_id" in values:
        sid = values["strategy_id"] or None
        if sid is not None and strategy(doc, sid) is None:
            raise FieldError("strategy_id", t("plan.error.no_strategy"))
        changes["strategy_id"] = sid
    if "goal_id" in values:
        gid = values["goal_id"] or None
        if gid is not None and doc.goal(gid) is None:
            raise FieldError("goal_id", t("plan.error.no_goal"))
        changes["goal_id"] = gid
    if "gap_id" in values:
        gap = values["gap_id"] or None
        if gap is not None and not any(c.id == gap for c in doc.gaps.cards):
            raise FieldError("gap_id", t("plan.error.no_gap"))
        changes["gap_id"] = gap
    if "owner_id" in values:
        owner = values["owner_id"] or None
        if owner is not None:
            _check_adoption(doc, action, owner, field="owner_id")
        changes["owner_id"] = owner
    if "checker_id" in values:
        checker = values["checker_id"] or None
        if checker is not None and doc.member(checker) is None:
            raise FieldError("checker_id", t("plan.error.no_member"))
        changes["checker_id"] = checker
    _check_checker(doc, action, changes, values)
    if "cadence" in values:
        if values["cadence"] not in CADENCES:
            raise FieldError("cadence", t("plan.error.bad_choice", field=t(
                "plan.field.cadence")))
        changes["cadence"] = values["cadence"]
    if "status" in values:
        if values["status"] not in STATUSES:
            raise FieldError("status", t("plan.error.bad_choice", field=t(
                "plan.field.status")))
        changes["status"] = values["status"]
    pdca = {name: clean(str(values[f"pdca_{name}"] or ""), multiline=True)
            for name in PDCA_FIELDS if f"pdca_{name}" in values}

    # everything checked: now change the action
    for name, value in changes.items():
        setattr(action, name, value)
    for name, value in pdca.items():
        setattr(action.pdca, name, value)
    if changes.get("owner_id") and action.team_id is None:
        found = doc.member(changes["owner_id"])
        action.team_id = found[0].id if found else None
    action.updated_at = now()
    return action


def _check_checker(doc: Workshop, action: Action, changes: Mapping[str, Any],
                   values: Mapping[str, Any]) -> None:
    """Nobody checks their own action: the checker, as a member or by name, is not the
    owner (after `changes`)."""
    owner_id = changes.get("owner_id", action.owner_id)
    owner = doc.member(owner_id)
    if owner is None:
        return
    checker_id = changes.get("checker_id", action.checker_id)
    role = changes.get("checker_role", action.checker_role).strip()
    if checker_id == owner_id or (not checker_id and role == owner[1].name):
        field = ("checker_id" if "checker_id" in values
                 else "checker_role" if "checker_role" in values else "owner_id")
        raise FieldError(field, t("plan.error.self_check", name=owner[1].name))


def _check_adoption(doc: Workshop, action: Action, member_id: str, field: str = "") -> None:
    reason = adoption.can_adopt(doc, action, member_id)
    if reason == "no_member":
        raise FieldError(field or "owner_id", t("plan.error.no_member"))
    if reason == "other_team":
        team = doc.team(action.team_id)
        raise FieldError(field or "owner_id", t("plan.error.other_team",
                                                team=team.name if team else ""))


def adopt(doc: Workshop, action_id: str, member_id: str | None) -> Action:
    """`member_id` adopts the action (None: nobody owns it any more). One owner per action:
    adopting replaces the previous owner. An action of no team joins the owner's team."""
    action = find_action(doc, action_id)
    if member_id is not None:
        _check_adoption(doc, action, member_id)
        if member_id == action.checker_id:
            found = doc.member(member_id)
            raise EditError(t("plan.error.self_check", name=found[1].name if found else ""))
        if action.team_id is None:
            found = doc.member(member_id)
            action.team_id = found[0].id if found else None
    action.owner_id = member_id
    if not action.milestones:  # the owner's share of the goal, when they carry one
        action.milestones = owned_milestones(doc, action)
    action.updated_at = now()
    return action


def set_status(doc: Workshop, action_id: str, status: str) -> Action:
    if status not in STATUSES:
        raise EditError(t("plan.error.bad_choice", field=t("plan.field.status")))
    action = find_action(doc, action_id)
    action.status = status  # type: ignore[assignment]
    action.updated_at = now()
    return action


def milestones_of_owner(doc: Workshop, action: Action) -> list[Milestone]:
    """The path of the share `action`'s owner carries; refused, saying why, when there is
    none (no owner yet, or the owner carries no share of a split: the team's own path
    prints once, above its plan). Changes nothing."""
    found = owned_milestones(doc, action)
    if not found:
        owner = doc.member(action.owner_id)
        if owner is None:
            raise EditError(t("plan.error.milestones_need_owner"))
        raise EditError(t("plan.error.no_share", owner=owner[1].name))
    return found


def fill_milestones(doc: Workshop, action_id: str) -> Action:
    """Replace the action's milestones with the path of the share its owner carries
    (``milestones_of_owner``)."""
    action = find_action(doc, action_id)
    action.milestones = milestones_of_owner(doc, action)
    action.updated_at = now()
    return action


def move_action(doc: Workshop, action_id: str, delta: int) -> Action:
    """Move the action up (-1) or down (+1) among the actions of its team and strategy."""
    action = find_action(doc, action_id)
    actions = doc.plan.actions
    peers = [i for i, a in enumerate(actions)
             if a.team_id == action.team_id and a.strategy_id == action.strategy_id]
    here = peers.index(actions.index(action))
    there = here + delta
    if not 0 <= there < len(peers):
        raise EditError(t("plan.error.cannot_move"))
    i, j = peers[here], peers[there]
    actions[i], actions[j] = actions[j], actions[i]
    return action


def delete_action(doc: Workshop, action_id: str) -> Action:
    """Delete the action; questions of the town hall that linked to it forget the link."""
    action = find_action(doc, action_id)
    doc.plan.actions.remove(action)
    for challenge in doc.townhall.challenges:
        if action_id in challenge.action_ids:
            challenge.action_ids = [i for i in challenge.action_ids if i != action_id]
    return action
