"""Ready-made parts for a new cascade (``cascade.PRESETS``): the real calendar for time
splits, the owner team's members for a split by person.

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.methods.vision import calendar
from workshop.methods.vision.cascade import CascadeError, cascade_by_id

if TYPE_CHECKING:
    from workshop.model import Team, Workshop

SHOP_SLOTS = ("10:00—12:00", "12:00—14:00", "14:00—17:00", "17:00—19:00", "19:00—22:00")


@dataclass(frozen=True)
class PresetPart:
    label: str
    weight: float = 1.0
    team_id: str | None = None
    member_id: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


def _preset_period(doc: Workshop, goal_id: str, parent: tuple[str, int] | None
                   ) -> tuple[calendar.Period | None, str]:
    """The period a new split divides (None when it has no dates), and its name."""
    if parent is None:
        goal = doc.goal(goal_id)
        return calendar.goal_period(doc, goal), goal.statement if goal else ""
    cascade = cascade_by_id(doc, parent[0])
    if cascade is None or not 0 <= parent[1] < len(cascade.parts):
        return None, ""
    name = cascade.parts[parent[1]].label
    if cascade.kind != "time":
        return calendar.whole_period(doc, cascade), name
    return calendar.part_periods(doc, cascade)[parent[1]], name


def owner_team(doc: Workshop, goal_id: str, parent: tuple[str, int] | None) -> Team | None:
    """The team that owns what a by-person split divides: the part's team (or the team
    the part is named after, or the owner of the part it refines), else the goal's."""
    seen: set[str] = set()
    while parent is not None and parent[0] not in seen:
        seen.add(parent[0])
        cascade = cascade_by_id(doc, parent[0])
        if cascade is None or not 0 <= parent[1] < len(cascade.parts):
            break
        part = cascade.parts[parent[1]]
        team = doc.team(part.team_id) or doc.team_named(part.label)
        if team is not None:
            return team
        parent = ((cascade.parent_cascade_id, cascade.parent_part)
                  if cascade.parent_cascade_id is not None and cascade.parent_part is not None
                  else None)
    goal = doc.goal(goal_id)
    return doc.team(goal.team_id) if goal is not None else None


def preset_parts(doc: Workshop, goal_id: str, preset: str, *, lang: str | None = None,
                 parent: tuple[str, int] | None = None) -> list[PresetPart]:
    """The parts a new cascade of `goal_id` starts with for `preset`. With `parent` (a
    cascade id and a part index) the split is of that part.

    Time presets take the real calendar of what they split: a quarter's three months, a
    month's four weeks or its 28–31 days, a week's days, each part with its first and
    last day; a week weighs its days (a fourth week of 10 days carries 10/31 of the
    month), every other part 1 (the room then sets seasons, working days, capability).
    By person offers the members of the team that owns the part (else the goal's team,
    else everyone). Raises ``CascadeError`` when the period is too short for the preset
    (a month by quarter)."""
    if preset in calendar.SPLITS:
        within, name = _preset_period(doc, goal_id, parent)
        if within is not None:
            periods = calendar.SPLITS[preset](within)
            if len(periods) < 2:
                raise CascadeError(t("cascade.error.too_short", lang, whole=name,
                                     unit=t(f"cascade.unit.{preset}", lang)))
            return [PresetPart(calendar.label(p, preset, i, within, lang),
                               weight=float(p.days) if preset == "weeks" else 1.0,
                               start=p.start, end=p.end)
                    for i, p in enumerate(periods)]
    if preset == "quarters":
        return [PresetPart(t(f"cascade.preset.quarter_{i}", lang)) for i in range(1, 5)]
    if preset == "months":
        return [PresetPart(t(f"cascade.month_name.{i}", lang)) for i in range(1, 13)]
    if preset == "weeks":
        return [PresetPart(t("cascade.preset.week", lang, week=i)) for i in range(1, 5)]
    if preset == "days":
        return [PresetPart(t("cascade.preset.day", lang, day=i)) for i in range(1, 31)]
    if preset == "slots":
        return [PresetPart(slot) for slot in SHOP_SLOTS]
    if preset == "teams":
        return [PresetPart(team.name, team_id=team.id) for team in doc.teams]
    if preset == "members":
        owner = owner_team(doc, goal_id, parent)
        teams = [owner] if owner is not None else doc.teams
        return [PresetPart(m.name, team_id=team.id, member_id=m.id)
                for team in teams for m in team.members]
    if preset == "products":
        return [PresetPart(t("cascade.preset.product", lang, n=i)) for i in range(1, 4)]
    return [PresetPart(t("cascade.preset.part", lang, n=i)) for i in range(1, 4)]
