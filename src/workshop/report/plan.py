"""Step 5's part of the report: each team's action plan, numbered, with every field of the
template, the readiness flags and who carries what."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.methods.numbers import amount
from workshop.methods.plan import actions as plan_math
from workshop.methods.plan import adoption
from workshop.methods.plan.readiness import check_plan
from workshop.model import Action, Milestone, Workshop
from workshop.report.base import StepReport, step_report

FIELD_OF = {"owner": "owner_id", "checker": "checker_id", "due": "due", "measure": "measure",
            "target": "target"}
"""Readiness flags that mean an empty field, and the field."""


@dataclass(frozen=True)
class MilestoneRow:
    month: str
    target: str
    """Where the number must be by then (the total so far for an amount), with its unit."""
    note: str
    due: str = ""
    """``2027-03-31`` when the day is known."""
    in_period: str = ""
    """For an amount: what the period adds."""

    def label(self, lang: str) -> str:
        """``2027-06-30 累计 315万元，本期 175万元（第二季度）`` without the empty parts."""
        when = self.due or self.month
        if self.in_period and self.target and self.in_period != self.target:
            head = t("plan.report.milestone_period", lang, when=when, target=self.target,
                     period=self.in_period)
        else:
            head = " ".join(p for p in (when, self.target) if p)
        if not self.note:
            return head
        return t("plan.report.milestone_note", lang, note=self.note, head=head)


@dataclass(frozen=True)
class ActionRow:
    id: str
    number: int
    """1, 2, 3… within the team's plan, in plan order."""
    what: str
    strategy: str
    strategy_rank: int | None
    gap: str
    goal: str
    team_id: str
    team: str
    color: str
    owner_id: str
    owner: str
    owner_role: str
    checker_id: str
    """The member who checks it, if a member does."""
    checker: str
    """Who checks it, in words (``李娜（组长）``, or a role); empty when nobody is named."""
    checker_name: str
    """The checking member's name, or the role when no member is named."""
    checker_role: str
    """The role in which the member checks (their own role unless another is given)."""
    start: str
    due: str
    milestones: list[MilestoneRow]
    measure: str
    target: str
    resources: str
    support: str
    obstacles: str
    skills: str
    reward: str
    penalty: str
    pdca_plan: str
    pdca_do: str
    pdca_check: str
    pdca_act: str
    cadence: str
    cadence_key: str
    next_check: str
    rhythm: str
    """The PDCA check rhythm in one line: cadence and next check."""
    status: str
    status_key: str
    flags: list[str]
    """What keeps it from being ready, in words (empty: ready)."""
    flag_kinds: list[str]
    missing: list[str] = field(default_factory=list)
    """The template fields still empty (owner, due date, measure, target), by name."""
    problems: list[str] = field(default_factory=list)
    """The other flags, each a sentence (late, vague, dates in the wrong order)."""
    own_milestones: bool = True
    """False when the milestones are just its goal's cascade (printed once per plan)."""

    @property
    def ready(self) -> bool:
        return not self.flags

    @property
    def dates(self) -> str:
        """``2027-01-04 → 2027-03-31``, or just the due date."""
        if self.start and self.due:
            return f"{self.start} → {self.due}"
        return self.due or self.start

    @property
    def has_details(self) -> bool:
        return any((self.own_milestones and self.milestones, self.resources, self.obstacles,
                    self.skills, self.reward, self.penalty, self.pdca_plan, self.pdca_do,
                    self.pdca_check, self.pdca_act, self.gap))


@dataclass(frozen=True)
class StrategyRow:
    id: str
    rank: int
    name: str
    votes: int
    team: str
    ideas: list[str]
    actions: int


@dataclass(frozen=True)
class ActionGroup:
    strategy: str
    """The strategy's name, or "no strategy"."""
    rank: int | None
    actions: list[ActionRow]


@dataclass(frozen=True)
class LoadRow:
    member_id: str
    name: str
    role: str
    count: int
    heavy: bool


@dataclass(frozen=True)
class TeamPlan:
    team_id: str
    team: str
    color: str
    goal: str
    deadline: str
    milestones: list[MilestoneRow]
    """The goal's cascade milestones: what every action checks against unless it has
    milestones of its own."""
    groups: list[ActionGroup]
    loads: list[LoadRow]

    @property
    def actions(self) -> list[ActionRow]:
        return [a for g in self.groups for a in g.actions]

    @property
    def ready(self) -> int:
        return sum(1 for a in self.actions if a.ready)

    @property
    def unadopted(self) -> int:
        return sum(1 for a in self.actions if not a.owner)


@dataclass(frozen=True)
class GoalPath:
    """The goal a team's actions serve and its milestones (the goal's time cascade), for
    every team, with actions or not yet."""

    goal_id: str
    milestones: list[MilestoneRow]


@dataclass
class PlanReport(StepReport):
    strategies: list[StrategyRow] = field(default_factory=list)
    secret: bool = False
    """Phones' dots are secret: strategies in board order, their dots not shown."""
    teams: list[TeamPlan] = field(default_factory=list)
    """Teams that have actions, in team order (actions of no team last)."""
    paths: dict[str, GoalPath] = field(default_factory=dict)
    """Each team's goal and milestones, by team id (teams without a goal left out)."""

    @property
    def has_content(self) -> bool:
        return bool(self.teams) or super().has_content

    @property
    def actions(self) -> list[ActionRow]:
        return [a for plan in self.teams for a in plan.actions]

    def strategies_heading(self, lang: str) -> str:
        """The strategies' heading: by dots, or in board order while they are secret."""
        return t("pdf.plan.strategies_secret" if self.secret else "pdf.plan.strategies", lang)

    def votes_cell(self, votes: int) -> str:
        """A table cell's count of dots: a dash while they are secret."""
        return "—" if self.secret else str(votes)

    def team(self, team_id: str) -> TeamPlan | None:
        return next((p for p in self.teams if p.team_id == team_id), None)


def action_numbers(doc: Workshop) -> dict[str, int]:
    """Each action's number in its team's plan (plan order: by strategy rank, then as
    written), as the handout prints it and the town hall refers to it. While phones'
    dots are secret the strategies are in board order, as projected, so the numbers do
    not tell the room which strategy leads."""
    numbers: dict[str, int] = {}
    team_ids: list[str | None] = [team.id for team in doc.teams]
    if any(a.team_id is None or doc.team(a.team_id) is None for a in doc.plan.actions):
        team_ids.append(None)
    ranked = plan_math.strategies(doc, shown=True)
    for team_id in team_ids:
        n = 0
        for _, actions in _groups(doc, team_id, ranked):
            for action in actions:
                n += 1
                numbers[action.id] = n
    return numbers


def _groups(doc: Workshop, team_id: str | None, ranked: list[plan_math.Strategy]):
    if team_id is None:
        orphans = [a for a in doc.plan.actions if a.team_id is None or doc.team(a.team_id) is None]
        by_id = {s.id: s for s in ranked}
        orphans.sort(key=lambda a: by_id[a.strategy_id].rank if a.strategy_id in by_id
                     else 10**6)
        return [(by_id.get(a.strategy_id or ""), [a]) for a in orphans]
    return [(s, actions) for s, actions in plan_math.grouped(doc, team_id, ranked) if actions]


def _milestone_rows(milestones: list[Milestone], unit: str, lang: str
                    ) -> list[MilestoneRow]:
    def number(value: float | None) -> str:
        return "" if value is None else amount(value, unit, lang, places=3)

    return [MilestoneRow(m.month, number(m.target), m.note,
                         due=m.due.isoformat() if m.due else "", in_period=number(m.in_period))
            for m in milestones]


def _action_row(doc: Workshop, action: Action, number: int, lang: str,
                flags: list[str], kinds: list[str], strategy_names: dict[str, tuple[str, int]],
                goal_milestones: list[Milestone]) -> ActionRow:
    team = doc.team(action.team_id)
    owner = doc.member(action.owner_id)
    checker = doc.member(action.checker_id)
    goal = doc.goal(action.goal_id)
    gap = next((c for c in doc.gaps.cards if c.id == action.gap_id), None)
    name, rank = strategy_names.get(action.strategy_id or "", ("", None))

    def day(value) -> str:
        return value.isoformat() if value else ""

    cadence, next_check = t(f"cadence.{action.cadence}", lang), day(action.next_check)

    return ActionRow(
        id=action.id, number=number, what=action.what, strategy=name, strategy_rank=rank,
        gap=gap.text if gap else "", goal=goal.statement if goal else "",
        team_id=team.id if team else "", team=team.name if team else "",
        color=team.color if team else "",
        owner_id=owner[1].id if owner else "", owner=owner[1].name if owner else "",
        owner_role=owner[1].role if owner else "",
        checker_id=checker[1].id if checker else "",
        checker=adoption.checker_label(doc, action, lang),
        checker_name=checker[1].name if checker else action.checker_role,
        checker_role=(action.checker_role or checker[1].role) if checker else "",
        start=day(action.start), due=day(action.due),
        milestones=_milestone_rows(action.milestones, "", lang),  # typed: no unit assumed
        own_milestones=action.milestones != goal_milestones,
        measure=action.measure, target=action.target, resources=action.resources,
        support=action.support, obstacles=action.obstacles, skills=action.skills,
        reward=action.reward, penalty=action.penalty,
        pdca_plan=action.pdca.plan, pdca_do=action.pdca.do, pdca_check=action.pdca.check,
        pdca_act=action.pdca.act,
        cadence=cadence, cadence_key=action.cadence, next_check=next_check,
        rhythm=(t("plan.report.rhythm_next", lang, cadence=cadence, date=next_check)
                if next_check else cadence),
        status=t(f"status.{action.status}", lang), status_key=action.status,
        flags=flags, flag_kinds=kinds,
        missing=[t(f"plan.field.{FIELD_OF[k]}", lang) for k in kinds if k in FIELD_OF],
        problems=[m for k, m in zip(kinds, flags, strict=True) if k not in FIELD_OF],
    )


def build(doc: Workshop, lang: str) -> PlanReport:
    base = step_report(doc, "plan", lang)
    ranked = plan_math.strategies(doc, shown=True)
    names = {s.id: (s.name, s.rank) for s in ranked}
    counts: dict[str, int] = {}
    for action in doc.plan.actions:
        if action.strategy_id:
            counts[action.strategy_id] = counts.get(action.strategy_id, 0) + 1
    strategies = [StrategyRow(id=s.id, rank=s.rank, name=s.name, votes=s.votes,
                              team=(doc.team(s.team_id).name if doc.team(s.team_id) else ""),
                              ideas=list(s.card_texts), actions=counts.get(s.id, 0))
                  for s in ranked]
    readiness = check_plan(doc, lang=lang)
    team_ids: list[str | None] = [team.id for team in doc.teams]
    team_ids.append(None)
    plans = []
    paths: dict[str, GoalPath] = {}
    for team_id in team_ids:
        groups = []
        n = 0
        goal = plan_math.team_goal(doc, team_id)
        goal_milestones = (plan_math.cascade_milestones(doc, goal.id, team_id)
                           if goal and team_id else [])
        if goal is not None and team_id is not None:
            # numbers only: the handout's grid names the unit once, in its row label
            paths[team_id] = GoalPath(goal.id, _milestone_rows(goal_milestones, "", lang))
        for found, actions in _groups(doc, team_id, ranked):
            rows = []
            for action in actions:
                n += 1
                flags = readiness[action.id].flags
                rows.append(_action_row(doc, action, n, lang, [f.message for f in flags],
                                        [f.kind for f in flags], names, goal_milestones))
            label = found.name if found else t("plan.report.no_strategy", lang)
            if groups and groups[-1].strategy == label and team_id is None:
                groups[-1].actions.extend(rows)
            else:
                groups.append(ActionGroup(label, found.rank if found else None, rows))
        if not groups:
            continue
        team = doc.team(team_id)
        loads = [LoadRow(member_id=load.member_id, name=load.name, role=load.role,
                         count=load.count, heavy=load.heavy)
                 for load in adoption.loads(doc, team_id)] if team_id else []
        plans.append(TeamPlan(
            team_id=team_id or "", team=team.name if team else t("plan.report.no_team", lang),
            color=team.color if team else "", goal=goal.statement if goal else "",
            deadline=goal.deadline.isoformat() if goal and goal.deadline else "",
            milestones=_milestone_rows(goal_milestones, goal.unit if goal else "", lang),
            groups=groups, loads=loads))
    return PlanReport(step=base.step, title=base.title, purpose=base.purpose,
                      boards=base.boards, strategies=strategies, teams=plans, paths=paths,
                      secret=any(s.secret for s in ranked))
