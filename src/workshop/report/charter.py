"""The charter step's part of the report: one charter per team, with each member's
role, decision and commitment, and whether it is signed."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.methods import charter as charter_method
from workshop.model import Workshop
from workshop.report.base import StepReport, step_report


@dataclass(frozen=True)
class PledgeRow:
    """One member on the charter."""

    name: str
    role: str
    commits: bool | None
    """Yes, no, or not asked."""
    text: str
    """The personal commitment."""
    member_id: str = ""


@dataclass(frozen=True)
class CharterRow:
    team_id: str
    team: str
    color: str
    slogan: str
    members: list[PledgeRow]
    rules: list[str]
    rewards: list[str]
    penalties: list[str]
    accountability: str
    signed: bool
    signed_at: str
    """``YYYY-MM-DD HH:MM`` in the machine's local time once signed, else empty."""
    missing: list[str]
    """Names of members who still owe a yes or a commitment."""
    started: bool = True
    """False for a team that has no charter yet (its row shows the default rules)."""


@dataclass
class CharterReport(StepReport):
    charters: list[CharterRow] = field(default_factory=list)
    """Every team, in team order; ``started`` tells which have a charter."""
    roles: list[str] = field(default_factory=list)
    """The roles teams elect."""

    @property
    def has_content(self) -> bool:
        return any(row.started for row in self.charters)

    def charter(self, team_id: str) -> CharterRow | None:
        return next((row for row in self.charters if row.team_id == team_id), None)

    @property
    def signed(self) -> int:
        return sum(1 for row in self.charters if row.signed)


def build(doc: Workshop, lang: str) -> CharterReport:
    base = step_report(doc, "charter", lang)
    rows = []
    for team in doc.teams:
        charter = doc.charter.charter(team.id)
        members = []
        for member in team.members:
            pledge = charter.commitment(member.id) if charter else None
            members.append(PledgeRow(name=member.name, role=member.role,
                                     commits=pledge.commits if pledge else None,
                                     text=pledge.text if pledge else "",
                                     member_id=member.id))
        signed = charter_method.is_signed(charter, team)
        # the room's local time, like the town hall's sign-off: a Chinese room reads no UTC
        stamp = (charter.signed_at.astimezone().strftime("%Y-%m-%d %H:%M")
                 if charter and charter.signed_at else "")
        rows.append(CharterRow(
            team_id=team.id, team=team.name, color=team.color,
            slogan=charter.slogan if charter else "",
            members=members,
            rules=list(charter.rules) if charter else charter_method.default_rules(doc, lang),
            rewards=list(charter.rewards) if charter else [],
            penalties=list(charter.penalties) if charter else [],
            accountability=charter.accountability if charter else "",
            signed=signed, signed_at=stamp if signed else "",
            missing=[m.name for m in charter_method.missing(charter, team)],
            started=charter is not None,
        ))
    return CharterReport(step=base.step, title=base.title, purpose=base.purpose,
                         boards=base.boards, charters=rows,
                         roles=charter_method.roles(doc, lang))
