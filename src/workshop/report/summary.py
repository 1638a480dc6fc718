"""The course summary's part of the report: the takeaway cards from the room, and what
the day produced, team by team."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.methods import townhall as townhall_math
from workshop.methods.plan import actions as plan_math
from workshop.methods.plan.readiness import check_plan
from workshop.model import Workshop
from workshop.report.base import StepReport, step_report


@dataclass(frozen=True)
class ResultRow:
    """One team's results of the day, in one line of a table."""

    team_id: str
    team: str
    color: str
    strategies: int
    actions: int
    adopted: int
    ready: int
    challenges: int
    decision: str
    """The sign-off in words, or empty when there is none."""
    decision_key: str


@dataclass
class SummaryReport(StepReport):
    results: list[ResultRow] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return super().has_content


def build(doc: Workshop, lang: str) -> SummaryReport:
    base = step_report(doc, "summary", lang)
    readiness = check_plan(doc, lang=lang)
    results = []
    for team in doc.teams:
        actions = plan_math.team_actions(doc, team.id)
        if not actions:
            continue
        used = {a.strategy_id for a in actions if a.strategy_id}
        signed = townhall_math.signoff(doc, team.id)
        results.append(ResultRow(
            team_id=team.id, team=team.name, color=team.color, strategies=len(used),
            actions=len(actions),
            adopted=sum(1 for a in actions if doc.member(a.owner_id) is not None),
            ready=sum(1 for a in actions if readiness[a.id].ready),
            challenges=len(townhall_math.challenges(doc, team.id)),
            decision=t(f"decision.{signed.decision}", lang) if signed else "",
            decision_key=signed.decision if signed else ""))
    return SummaryReport(step=base.step, title=base.title, purpose=base.purpose,
                         boards=base.boards, results=results)
