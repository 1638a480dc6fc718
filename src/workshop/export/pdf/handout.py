"""A team's handout: the sheet each team pins on its wall and works from all year.

1. **The plan** (page 1, ``handout_plan``): the team, its goal (baseline → target,
   deadline, who answers for it), the goal's milestones with a row for the actual value,
   and the action table — who does each action, who checks it, when, how it is measured,
   how often it is checked — with a tick box per month to fill in by hand.
2. **The commitment** (a new page, ``handout_commitment``): the charter with every
   member's pledge and signature line, the rules, the leader's sign-off, and what the
   town hall changed.
3. **The appendix**, only when asked for (``--appendix``, or the F8 menu), from a new page:
   each step's part for the team — goal and SMART tables, cascades, gaps, the strategy
   model, the details of each action, the town hall's questions, the takeaways.

Ten actions fit on the two pages; twenty take three. Last year's review and the day's
agenda stay in the full report.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.export.pdf import handout_commitment, handout_plan, plan, sections, townhall
from workshop.export.pdf.steps import STEP_MODULES
from workshop.export.pdf.styles import Styles, para
from workshop.i18n import t
from workshop.model import StepId
from workshop.report import Report, TeamRow
from workshop.report.charter import CharterReport
from workshop.report.plan import PlanReport, TeamPlan
from workshop.report.townhall import TeamTownhall, TownhallReport
from workshop.report.vision import GoalRow, VisionReport

APPENDIX: tuple[StepId, ...] = ("vision", "gaps", "charter", "cocreate", "plan", "townhall",
                                "summary")
"""The steps of the appendix, in the method's order (the charter points to page 2)."""


def _plan(report: Report, team: TeamRow) -> tuple[PlanReport | None, TeamPlan | None]:
    found = report.steps.get("plan")
    plan_report = found if isinstance(found, PlanReport) else None
    return plan_report, plan_report.team(team.id) if plan_report else None


def _townhall(report: Report, team: TeamRow) -> TeamTownhall | None:
    found = report.steps.get("townhall")
    return found.team(team.id) if isinstance(found, TownhallReport) else None


def _goal(report: Report, team: TeamRow, plan_report: PlanReport | None) -> GoalRow | None:
    """The goal the team's plan serves: its own goal, else the single company goal."""
    vision = report.steps.get("vision")
    if not isinstance(vision, VisionReport):
        return None
    path = plan_report.paths.get(team.id) if plan_report else None
    if path is not None:
        found = next((g for g in vision.goals if g.id == path.goal_id), None)
        if found is not None:
            return found
    own = vision.team_goals(team.id)
    return own[0] if own else None


def _owner(report: Report, team: TeamRow, lang: str) -> str:
    """Who answers for the goal: the team, and its leader (the first role) by name."""
    charter = report.steps.get("charter")
    roles = charter.roles if isinstance(charter, CharterReport) else []
    leader = next((m for m in team.members if roles and m.role == roles[0]), None)
    if leader is None:
        return team.name
    return t("pdf.sheet.leader", lang, team=team.name, role=leader.role, name=leader.name)


def _signoff(found: TeamTownhall | None, lang: str) -> str:
    if found is None or found.signoff is None:
        return t("pdf.townhall.unsigned_short", lang)
    mark = "√" if found.signoff.approved else "△"
    decision = f"{mark} {found.signoff.decision}"
    if found.signoff.by:
        decision = t("pdf.handout.decision_by", lang, decision=decision, by=found.signoff.by)
    return decision


def plan_page(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """Page 1: the team, the goal, the milestones, the actions."""
    lang = styles.lang
    plan_report, team_plan = _plan(report, team)
    goal = _goal(report, team, plan_report)
    path = plan_report.paths.get(team.id) if plan_report else None
    milestones = path.milestones if path else []
    kicker = t("pdf.sheet.kicker", lang)
    return [*handout_plan.masthead(team.name, team.color, kicker, styles),
            handout_plan.goal_box(goal, _owner(report, team, lang),
                                  _signoff(_townhall(report, team), lang), styles),
            *handout_plan.milestone_grid(milestones, goal.unit if goal else "", styles),
            *handout_plan.actions_part(team_plan, milestones, styles)]


def commitment_page(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """Page 2: the charter with its signatures, the sign-off, the town hall's changes."""
    charter = report.steps.get("charter")
    row = charter.charter(team.id) if isinstance(charter, CharterReport) else None
    _plan_report, team_plan = _plan(report, team)
    return handout_commitment.page(team, row, team_plan, _townhall(report, team), styles)


def _appendix_part(report: Report, step: StepId, team: TeamRow, styles: Styles
                   ) -> list[Flowable]:
    step_report = report.steps.get(step)
    if step_report is None:
        return []
    lang = styles.lang
    heading = sections.step_heading(step_report, styles, purpose=False)
    if step == "charter":  # printed on page 2: say so, so the steps read in order
        return [*heading, para(t("pdf.appendix.charter_ref", lang), styles.muted)]
    if step == "plan":
        _plan_report, team_plan = _plan(report, team)
        if team_plan is None:
            return []
        parts = (plan.details(team_plan, styles, with_support=True)
                 + plan.load_table(team_plan, styles))
        return heading + parts if parts else []
    if step == "townhall":
        found = _townhall(report, team)
        if found is None or not found.challenges:
            return []
        closing = townhall.closing(step_report, styles) if isinstance(
            step_report, TownhallReport) else []
        return [*heading, *townhall.challenge_table(found.challenges, styles), *closing]
    return STEP_MODULES[step].handout(step_report, team, styles)


def appendix(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """Everything else the team produced, step by step, from a new page."""
    lang = styles.lang
    parts = [f for step in APPENDIX for f in _appendix_part(report, step, team, styles)]
    return [sections.NewPage(), para(t("pdf.appendix.title", lang), styles.h1),
            para(t("pdf.appendix.note", lang), styles.muted), *parts]


def story(report: Report, team: TeamRow, styles: Styles, *,
          with_appendix: bool = False) -> list[Flowable]:
    """The whole handout: the plan, the commitment from a new page, then (if asked) the
    appendix from a new page; headings never left at the foot of a page."""
    out = [*plan_page(report, team, styles), sections.NewPage(),
           *commitment_page(report, team, styles)]
    if with_appendix:
        out += appendix(report, team, styles)
    return sections.keep_headings(out)
