"""Adoption (领养孩子): members volunteer to own actions. One owner per action; everyone's
load in sight, so the work does not all land on the team leader.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.i18n import t
from workshop.model import Action, Workshop

HEAVY_OVER_FAIR_SHARE = 2
"""A member is carrying too much when they own this many actions more than a fair share
(the team's actions over its members, rounded up)."""


@dataclass(frozen=True)
class Load:
    member_id: str
    name: str
    role: str
    action_ids: tuple[str, ...]
    heavy: bool
    """Owns clearly more than a fair share."""

    @property
    def count(self) -> int:
        return len(self.action_ids)


def can_adopt(doc: Workshop, action: Action, member_id: str) -> str | None:
    """Why `member_id` cannot adopt `action` (a reason key: ``no_member``,
    ``other_team``), or None when they can. The owner must belong to the action's team;
    an action of no team joins the adopter's team."""
    found = doc.member(member_id)
    if found is None:
        return "no_member"
    team, _ = found
    if action.team_id is not None and action.team_id != team.id:
        return "other_team"
    return None


def unadopted(doc: Workshop, team_id: str | None = None) -> list[Action]:
    """Actions nobody owns yet (of `team_id`, or of every team); an owner who left the
    team counts as nobody."""
    return [a for a in doc.plan.actions
            if (team_id is None or a.team_id == team_id) and doc.member(a.owner_id) is None]


def fair_share(actions: int, members: int) -> int:
    return -(-actions // members) if members else actions


def loads(doc: Workshop, team_id: str) -> list[Load]:
    """Each member of `team_id` with the actions they own, in member order."""
    team = doc.team(team_id)
    if team is None:
        return []
    owned: dict[str, list[str]] = {m.id: [] for m in team.members}
    total = 0
    for action in doc.plan.actions:
        if action.team_id == team_id:
            total += 1
        if action.owner_id in owned:
            owned[action.owner_id].append(action.id)
    share = fair_share(total, len(team.members))
    return [Load(member_id=m.id, name=m.name, role=m.role, action_ids=tuple(owned[m.id]),
                 heavy=len(owned[m.id]) >= share + HEAVY_OVER_FAIR_SHARE)
            for m in team.members]


def idle(doc: Workshop, team_id: str) -> list[Load]:
    """Members of `team_id` who own no action yet (while the team has some)."""
    team_loads = loads(doc, team_id)
    if not any(load.count for load in team_loads):
        return []
    return [load for load in team_loads if not load.count]


# -- who checks (the C of PDCA) -----------------------------------------------------------

def checker_label(doc: Workshop, action: Action, lang: str | None = None) -> str:
    """Who checks `action`, in words: the member's name with the role the check gives
    them (``李娜（组长）``), the member's name with their own role, or the role alone;
    empty when nobody is named. A member who left counts as not named."""
    found = doc.member(action.checker_id)
    role = action.checker_role.strip()
    if found is None:
        return role
    member = found[1]
    role = role or member.role
    return t("plan.checker.with_role", lang, name=member.name, role=role) if role else member.name

