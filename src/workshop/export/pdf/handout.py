"""A team's handout: the A4 pages each team takes home — its action plan.

Page 1 is the team's: its name big, the plan at a glance (goal, how many actions are
adopted and ready, the leader's decision) and who is in the team with the actions each
one owns. Then the plan in the method's logic, each part from its step's
``pdf/<step>.py`` ``handout(step_report, team, styles)``:

1. the goal, its SMART check and cascade milestones (vision),
2. the key gaps it must close (gaps),
3. the strategy model (co-create),
4. the action plan (plan),
5. the team charter with signature lines (charter),
6. the town hall: questions, the leader's sign-off (townhall),
7. the team's takeaways (summary).

Last year's review and the day's agenda stay in the full report: a handout is the plan.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from workshop.export.pdf import sections
from workshop.export.pdf.steps import STEP_MODULES
from workshop.export.pdf.styles import Styles, key_values, para, table
from workshop.i18n import t
from workshop.model import StepId
from workshop.report import Report, TeamRow
from workshop.report.plan import PlanReport
from workshop.report.townhall import TownhallReport

ORDER: tuple[StepId, ...] = ("vision", "gaps", "cocreate", "plan", "charter", "townhall",
                             "summary")
"""The steps a handout shows, in the order it shows them."""


def _glance(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The plan at a glance: goal, actions (adopted, ready), the leader's decision."""
    lang = styles.lang
    plan_report = report.steps.get("plan")
    plan = plan_report.team(team.id) if isinstance(plan_report, PlanReport) else None
    townhall = report.steps.get("townhall")
    mine = townhall.team(team.id) if isinstance(townhall, TownhallReport) else None
    pairs: list[tuple[str, str]] = []
    if plan is not None:
        if plan.goal:
            pairs.append((t("pdf.handout.goal", lang), plan.goal))
        total = len(plan.actions)
        pairs.append((t("pdf.handout.actions", lang),
                      t("pdf.plan.summary", lang, total=total, adopted=total - plan.unadopted,
                        ready=plan.ready)))
    if mine is not None and mine.signoff is not None:
        decision = mine.signoff.decision
        if mine.signoff.by:
            decision = t("pdf.handout.decision_by", lang, decision=decision, by=mine.signoff.by)
        pairs.append((t("pdf.handout.signoff", lang), decision))
    elif plan is not None:
        pairs.append((t("pdf.handout.signoff", lang), t("pdf.townhall.unsigned_short", lang)))
    if not pairs:
        return []
    return [para(t("pdf.handout.glance", lang), styles.h2), key_values(pairs, styles),
            Spacer(1, 6 * mm)]


def _members(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The members with their roles and the numbers of the actions they own."""
    lang = styles.lang
    title = para(f"{t('pdf.handout.members', lang)} · "
                 f"{t('pdf.cover.team_members', lang, count=len(team.members))}", styles.h2)
    if not team.members:
        return [title, para(t("pdf.teams.no_members", lang), styles.muted)]
    plan_report = report.steps.get("plan")
    plan = plan_report.team(team.id) if isinstance(plan_report, PlanReport) else None
    if plan is None or not plan.loads:
        return [title, table([t("pdf.board.number", lang), t("pdf.teams.name", lang),
                              t("pdf.teams.role", lang)],
                             [[str(i), m.name, m.role] for i, m in enumerate(team.members, 1)],
                             [0.7, 5, 4], styles)]
    owned: dict[str, list[str]] = {}
    for action in plan.actions:
        if action.owner_id:
            owned.setdefault(action.owner_id, []).append(str(action.number))
    sep = t("word.list_sep", lang)
    rows = [[str(i), load.name, load.role, sep.join(owned.get(load.member_id, [])) or "—"]
            for i, load in enumerate(plan.loads, 1)]
    return [title, table([t("pdf.board.number", lang), t("pdf.teams.name", lang),
                          t("pdf.teams.role", lang), t("pdf.plan.owned", lang)],
                         rows, [0.7, 3, 2.6, 4], styles)]


def cover(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """Page 1: the team big in its colour, the workshop, the plan at a glance, members."""
    lang = styles.lang
    return [
        *sections.handout_masthead(report, team, styles),
        Spacer(1, 6 * mm),
        *_glance(report, team, styles),
        *_members(report, team, styles),
        Spacer(1, 8 * mm),
        para(t("pdf.generated", lang, time=report.generated_at), styles.muted),
    ]


def body(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """Everything after the cover: each step's part for the team, in ``ORDER``."""
    parts: list[Flowable] = []
    for step in ORDER:
        step_report = report.steps.get(step)
        if step_report is not None:
            parts += STEP_MODULES[step].handout(step_report, team, styles)
    return parts or [para(t("pdf.handout.empty", styles.lang), styles.muted)]
