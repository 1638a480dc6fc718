"""Step 6's part of the report: for each team that presented, the questions it faced and
what came of them (with the actions changed in answer), the leader's sign-off; then the
closing statement."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.methods import clock as clock_math
from workshop.methods import townhall as townhall_math
from workshop.model import Challenge, Workshop
from workshop.report.base import StepReport, step_report
from workshop.report.plan import action_numbers


@dataclass(frozen=True)
class LinkedAction:
    number: int
    what: str

    def label(self, lang: str) -> str:
        return t("townhall.report.action_ref", lang, number=self.number, what=self.what)


@dataclass(frozen=True)
class ChallengeRow:
    number: int
    asker_kind: str
    asker_label: str
    """Who asked, in words: 高管 · 刘总 / 其他小组 · 青岛队."""
    question: str
    answer: str
    outcome: str
    outcome_key: str
    actions: list[LinkedAction]


@dataclass(frozen=True)
class SignOffRow:
    decision: str
    decision_key: str
    note: str
    by: str
    at: str
    """``YYYY-MM-DD HH:MM`` in the machine's local time."""

    @property
    def approved(self) -> bool:
        return self.decision_key == "approved"


@dataclass(frozen=True)
class TeamTownhall:
    team_id: str
    team: str
    color: str
    has_plan: bool
    challenges: list[ChallengeRow]
    signoff: SignOffRow | None
    seconds_used: int = 0
    """How long the team presented (its presentation clock, overtime included)."""

    def time_used(self, lang: str, minutes_per_team: int) -> str:
        """``汇报用时 07:30（每组 8 分钟）``; empty when the team has not presented."""
        if not self.seconds_used:
            return ""
        return t("pdf.townhall.time_used", lang, used=clock_math.display(self.seconds_used),
                 minutes=minutes_per_team)


@dataclass
class TownhallReport(StepReport):
    teams: list[TeamTownhall] = field(default_factory=list)
    """Teams with a plan, a question or a sign-off, in team order."""
    closing_statement: str = ""
    closing_by: str = ""
    minutes_per_team: int = 8

    @property
    def has_content(self) -> bool:
        return bool(self.closing_statement or any(
            tm.challenges or tm.signoff for tm in self.teams)) or super().has_content

    def team(self, team_id: str) -> TeamTownhall | None:
        return next((tm for tm in self.teams if tm.team_id == team_id), None)


def asker_label(doc: Workshop, challenge: Challenge, lang: str) -> str:
    kind = t(f"asker.{challenge.asker_kind}", lang)
    team = doc.team(challenge.asker_team_id)
    who = challenge.asker or (team.name if team else "")
    return t("townhall.report.asker", lang, kind=kind, who=who) if who else kind


def build(doc: Workshop, lang: str) -> TownhallReport:
    base = step_report(doc, "townhall", lang)
    numbers = action_numbers(doc)
    whats = {a.id: a.what for a in doc.plan.actions}
    with_plan = {team.id for team in townhall_math.presenting_teams(doc)}
    teams = []
    for team in doc.teams:
        rows = []
        for n, c in enumerate(townhall_math.challenges(doc, team.id), start=1):
            links = [LinkedAction(numbers[i], whats[i]) for i in c.action_ids if i in whats]
            rows.append(ChallengeRow(
                number=n, asker_kind=c.asker_kind, asker_label=asker_label(doc, c, lang),
                question=c.question, answer=c.answer,
                outcome=t(f"challenge_outcome.{c.outcome}", lang), outcome_key=c.outcome,
                actions=links))
        signed = townhall_math.signoff(doc, team.id)
        signoff = None
        if signed is not None:
            signoff = SignOffRow(decision=t(f"decision.{signed.decision}", lang),
                                 decision_key=signed.decision, note=signed.note, by=signed.by,
                                 at=signed.at.astimezone().strftime("%Y-%m-%d %H:%M"))
        used = round(townhall_math.seconds_used(doc, team.id))
        if rows or signoff or used or team.id in with_plan:
            teams.append(TeamTownhall(team_id=team.id, team=team.name, color=team.color,
                                      has_plan=team.id in with_plan, challenges=rows,
                                      signoff=signoff, seconds_used=used))
    t_ = doc.townhall
    return TownhallReport(step=base.step, title=base.title, purpose=base.purpose,
                          boards=base.boards, teams=teams,
                          closing_statement=t_.closing_statement, closing_by=t_.closing_by,
                          minutes_per_team=t_.minutes_per_team)
