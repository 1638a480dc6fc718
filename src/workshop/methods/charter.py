"""Team charters (团队公约): the roles to elect, the default rules, and when a charter
counts as signed — every member said yes to the goal and wrote a personal commitment.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.i18n import lines
from workshop.model import Charter, Team, Workshop


@dataclass(frozen=True)
class Missing:
    """What one member still owes the charter."""

    member_id: str
    name: str
    decision: bool
    """Has not said yes (not asked yet, or said no)."""
    said_no: bool
    commitment: bool
    """Has no personal commitment yet."""


def roles(doc: Workshop, lang: str | None = None) -> list[str]:
    """The roles teams elect: the scenario's, else the catalog's (组长, 时间官, …)."""
    return list(doc.meta.roles) or lines("defaults.roles", lang)


def default_rules(doc: Workshop, lang: str | None = None) -> list[str]:
    """The rules a new charter starts with: the scenario's, else the method's."""
    return list(doc.charter.default_rules) or lines("defaults.rules", lang)


def missing(charter: Charter | None, team: Team) -> list[Missing]:
    """Each member of `team` who has not yet said yes or written a commitment."""
    out = []
    for member in team.members:
        pledge = charter.commitment(member.id) if charter else None
        said_yes = bool(pledge and pledge.commits)
        wrote = bool(pledge and pledge.text.strip())
        if not (said_yes and wrote):
            out.append(Missing(member.id, member.name, decision=not said_yes,
                               said_no=bool(pledge and pledge.commits is False),
                               commitment=not wrote))
    return out


def is_signed(charter: Charter | None, team: Team) -> bool:
    """Every member has a yes and a commitment (a team without members cannot sign)."""
    return bool(team.members) and charter is not None and not missing(charter, team)


def counts(charter: Charter | None, team: Team) -> tuple[int, int]:
    """(members who said yes and wrote a commitment, members)."""
    return len(team.members) - len(missing(charter, team)), len(team.members)


def unsigned(doc: Workshop) -> list[Team]:
    """Teams whose charter is not signed (or not started)."""
    return [team for team in doc.teams
            if not is_signed(doc.charter.charter(team.id), team)]
