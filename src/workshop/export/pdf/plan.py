"""The plan step in the PDF: 第五步 行动计划（PDCA）.

Each team's plan prints as one table (what, owner, dates, measure and target, support,
the PDCA check rhythm), grouped by strategy in vote order, its header repeated on every
page; then, for actions that have them, the details of the template (milestones,
resources, obstacles, skills, reward and penalty, the four PDCA notes); then who carries
what. The full report adds the strategy overview and every team's plan.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from workshop.export.pdf import sections
from workshop.export.pdf.document import toc_heading
from workshop.export.pdf.styles import (
    ACCENT,
    ACCENT_LIGHT,
    MUTED,
    RULE,
    Plain,
    Styles,
    Table,
    esc,
    markup_para,
    para,
    readable_ink,
    safe_color,
    table,
)
from workshop.i18n import t
from workshop.report import StepReport, TeamRow
from workshop.report.plan import ActionRow, MilestoneRow, PlanReport, TeamPlan

WARN = "#b3261e"
"""Readiness flags print in this red: legible in greyscale too."""
PLAN_WIDTHS = (0.9, 3.7, 1.4, 2.2, 2.4, 2.0, 1.9)
"""Relative column widths of the plan table: #, what, owner, dates, measure/target,
support, rhythm."""
DETAIL_LABEL = 0.19
"""Share of the width the labels of an action's details take."""
TEAM_ROOM = 75 * mm
"""Room a team's plan needs for its heading, summary and first rows, else a new page."""


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def _plan_report(report: StepReport) -> PlanReport | None:
    return report if isinstance(report, PlanReport) else None


# -- one team's plan table ---------------------------------------------------------------------

def flag_lines(action: ActionRow, lang: str) -> list[str]:
    """What the action still lacks, for print: the empty fields in one line, then each
    other problem."""
    lines = []
    if action.missing:
        lines.append(t("pdf.plan.missing", lang,
                       items=t("word.list_sep", lang).join(action.missing)))
    return lines + action.problems


def _what_cell(action: ActionRow, styles: Styles) -> Flowable:
    markup = esc(action.what)
    for line in flag_lines(action, styles.lang):
        markup += f'<br/><font size="7.5" color="{WARN}">▲ {esc(line)}</font>'
    return markup_para(markup, styles.cell)


def _owner_cell(action: ActionRow, styles: Styles) -> Flowable | str:
    if not action.owner:
        return markup_para(f'<font color="{WARN}">{esc(t("pdf.plan.unadopted", styles.lang))}'
                           "</font>", styles.cell)
    if action.owner_role:
        return markup_para(f'{esc(action.owner)}<br/><font size="7.5" color="{_hex(MUTED)}">'
                           f"{esc(action.owner_role)}</font>", styles.cell)
    return Plain(action.owner)


def _dates_cell(action: ActionRow, styles: Styles) -> Flowable | str:
    """Start and due date, one per line, a size smaller: a date never breaks."""
    if not action.start and not action.due:
        return ""
    start = f"{esc(action.start)} →" if action.start else "→"
    return markup_para(f'<font size="8.5">{start}<br/>{esc(action.due) or "?"}</font>',
                       styles.cell)


def _measure_cell(action: ActionRow, styles: Styles) -> Flowable | str:
    if not action.measure and not action.target:
        return ""
    parts = []
    if action.measure:
        parts.append(esc(action.measure))
    if action.target:
        parts.append(f'<font color="{_hex(ACCENT)}">{esc(t("pdf.plan.target_arrow", styles.lang))}'
                     f" {esc(action.target)}</font>")
    return markup_para("<br/>".join(parts), styles.cell)


def _rhythm_cell(action: ActionRow, styles: Styles) -> Flowable:
    markup = esc(action.cadence)
    if action.next_check:
        markup += (f'<br/><font size="7.5" color="{_hex(MUTED)}">'
                   f'{esc(t("pdf.plan.next_check", styles.lang))}<br/>'
                   f"{esc(action.next_check)}</font>")
    return markup_para(markup, styles.cell)


def plan_table(plan: TeamPlan, styles: Styles) -> Table:
    """The team's actions as one table, a row per action and a band per strategy."""
    lang = styles.lang
    header = [t("pdf.plan.col.number", lang), t("pdf.plan.col.what", lang),
              t("pdf.plan.col.owner", lang), t("pdf.plan.col.dates", lang),
              t("pdf.plan.col.measure", lang), t("pdf.plan.col.support", lang),
              t("pdf.plan.col.rhythm", lang)]
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for group in plan.groups:
        row = len(rows) + 1
        label = (t("pdf.plan.strategy_band", lang, rank=group.rank, name=group.strategy)
                 if group.rank else group.strategy)
        band = markup_para(f"<b>{esc(label)}</b>"
                           f' <font size="7.5" color="{_hex(MUTED)}">· '
                           f'{esc(t("pdf.plan.actions_n", lang, count=len(group.actions)))}'
                           "</font>", styles.cell)
        rows.append([band, "", "", "", "", "", ""])
        extra += [("SPAN", (0, row), (-1, row)),
                  ("BACKGROUND", (0, row), (-1, row), ACCENT_LIGHT),
                  ("LINEABOVE", (0, row), (-1, row), 0.6, ACCENT)]
        for action in group.actions:
            rows.append([Plain(str(action.number)), _what_cell(action, styles),
                         _owner_cell(action, styles), _dates_cell(action, styles),
                         _measure_cell(action, styles),
                         action.support, _rhythm_cell(action, styles)])
    # strategy bands carry the grouping: no zebra (it would stripe across the groups)
    return table(header, rows, PLAN_WIDTHS, styles, zebra=False,  # type: ignore[arg-type]
                 extra=extra)


# -- the details of the template -----------------------------------------------------------------

def milestone_line(milestones: list[MilestoneRow], lang: str) -> str:
    """``2027-03 60（第一季度） · 2027-06 75（第二季度）``: milestones in one line."""
    return " · ".join(m.label(lang) for m in milestones)


def _detail_pairs(action: ActionRow, lang: str, with_support: bool) -> list[tuple[str, str]]:
    milestones = milestone_line(action.milestones, lang) if action.own_milestones else ""
    stake = "\n".join(p for p in (
        t("pdf.plan.reward_is", lang, text=action.reward) if action.reward else "",
        t("pdf.plan.penalty_is", lang, text=action.penalty) if action.penalty else "") if p)
    support = [(t("plan.field.support", lang), action.support)] if with_support else []
    return [*support, (t("plan.field.gap_id", lang), action.gap),
            (t("plan.field.milestones", lang), milestones),
            (t("plan.field.resources", lang), action.resources),
            (t("plan.field.obstacles", lang), action.obstacles),
            (t("plan.field.skills", lang), action.skills),
            (t("pdf.plan.stake", lang), stake)]


def detail_block(action: ActionRow, styles: Styles, *,
                 with_support: bool = False) -> list[Flowable]:
    """One action's details: a heading line, the filled-in fields as label and value, and
    the four PDCA notes side by side. Nothing when the action has no details. With
    `with_support`, the support it needs too (the handout's sheet has no column for it)."""
    if not (action.has_details or (with_support and action.support)):
        return []
    lang = styles.lang
    heading = markup_para(
        f'<font color="{_hex(ACCENT)}"><b>{action.number}.</b></font> {esc(action.what)}',
        styles.h3)
    pairs = [(label, value) for label, value in _detail_pairs(action, lang, with_support)
             if value]
    parts: list[Flowable] = [heading]
    width = styles.width
    if pairs:
        parts.append(Table(
            [[para(label, styles.cell_muted), para(value, styles.cell)] for label, value in pairs],
            colWidths=[width * DETAIL_LABEL, width * (1 - DETAIL_LABEL)], hAlign="LEFT",
            style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 4),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                              ("TOPPADDING", (0, 0), (-1, -1), 2),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                              ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)])))
    notes = [action.pdca_plan, action.pdca_do, action.pdca_check, action.pdca_act]
    if any(notes):
        parts.append(Spacer(1, 1.5 * mm))
        parts.append(table([t(f"pdf.plan.pdca.{k}", lang) for k in ("plan", "do", "check", "act")],
                           [notes], [1, 1, 1, 1], styles, zebra=False))
    parts.append(Spacer(1, 3 * mm))
    # a short block stays on one page; a long one may split after its heading
    return [KeepTogether(parts)] if len(pairs) + (1 if any(notes) else 0) <= 6 else parts


def details(plan: TeamPlan, styles: Styles, *, with_support: bool = False) -> list[Flowable]:
    blocks = [detail_block(action, styles, with_support=with_support)
              for action in plan.actions]
    blocks = [b for b in blocks if b]
    if not blocks:
        return []
    heading = para(t("pdf.plan.details", styles.lang), styles.h2)
    # the heading never stays alone at the foot of a page: it goes with the first block
    # (one KeepTogether, not one inside another: reportlab moves a nested one to a new
    # page whatever room there is)
    first = blocks[0]
    if len(first) == 1 and isinstance(first[0], KeepTogether):
        first = [KeepTogether([heading, *first[0]._content])]
    else:
        first = [heading, *first]
    return [CondPageBreak(sections.BOARD_ROOM), *first,
            *(flow for block in blocks[1:] for flow in block)]


def load_table(plan: TeamPlan, styles: Styles) -> list[Flowable]:
    """Who owns which actions: a row per member, the heavy ones marked, idle ones muted."""
    if not plan.loads:
        return []
    lang = styles.lang
    numbers: dict[str, list[str]] = {}
    for action in plan.actions:
        if action.owner_id:
            numbers.setdefault(action.owner_id, []).append(str(action.number))
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for i, load in enumerate(plan.loads, start=1):
        owned = t("word.list_sep", lang).join(numbers.get(load.member_id, []))
        count = str(load.count)
        if load.heavy:
            count = markup_para(f'<font color="{WARN}">{load.count} · '
                                f'{esc(t("pdf.plan.heavy", lang))}</font>', styles.cell)
        rows.append([load.name, load.role, owned or t("pdf.plan.none_yet", lang), count])
        if not load.count:
            extra.append(("TEXTCOLOR", (0, i), (-1, i), MUTED))
    return [CondPageBreak(sections.BOARD_ROOM), para(t("pdf.plan.loads", lang), styles.h2),
            table([t("pdf.teams.name", lang), t("pdf.teams.role", lang),
                   t("pdf.plan.owned", lang), t("pdf.plan.count", lang)],
                  rows, [2.2, 1.8, 4.5, 1.6], styles, extra=extra)]  # type: ignore[arg-type]


def summary_line(plan: TeamPlan, styles: Styles) -> Flowable:
    lang = styles.lang
    total = len(plan.actions)
    parts = [t("pdf.plan.summary", lang, total=total, adopted=total - plan.unadopted,
               ready=plan.ready)]
    if plan.goal:
        goal = t("pdf.plan.goal", lang, goal=plan.goal)
        if plan.deadline:
            goal += t("pdf.plan.deadline", lang, date=plan.deadline)
        parts.insert(0, goal)
    if plan.milestones:
        parts.insert(1, t("pdf.plan.milestones", lang, items=milestone_line(plan.milestones, lang)))
    return markup_para("<br/>".join(esc(p) for p in parts), styles.muted)


def team_plan(plan: TeamPlan, styles: Styles, *, heading: Flowable | None = None
              ) -> list[Flowable]:
    """A team's whole plan: (heading,) goal and counts, the table, details, loads."""
    story: list[Flowable] = []
    if heading is not None:
        story += [CondPageBreak(TEAM_ROOM), heading]
    story += [summary_line(plan, styles), Spacer(1, 1.5 * mm), plan_table(plan, styles)]
    story += details(plan, styles)
    story += load_table(plan, styles)
    return story


# -- the report and the handout -------------------------------------------------------------------

def strategy_table(report: PlanReport, styles: Styles) -> list[Flowable]:
    if not report.strategies:
        return []
    lang = styles.lang
    rows = [[Plain(str(s.rank)), s.name, Plain(report.votes_cell(s.votes)),
             Plain(s.team or "—"),
             Plain(str(s.actions))] for s in report.strategies]
    return [para(report.strategies_heading(lang), styles.h2),
            table([t("pdf.plan.col.rank", lang), t("pdf.plan.col.strategy", lang),
                   t("pdf.plan.col.votes", lang), t("pdf.plan.col.team", lang),
                   t("pdf.plan.col.actions", lang)], rows, [0.8, 6, 1, 2, 1.2],
                  styles)]  # type: ignore[arg-type]


def _team_heading(plan: TeamPlan, styles: Styles) -> Flowable:
    color = safe_color(plan.color) if plan.color else _hex(MUTED)
    heading = markup_para(f'<font color="{color}">■</font> '
                          f'<font color="{readable_ink(color)}">{esc(plan.team)}</font>',
                          styles.h2)
    return toc_heading(heading, 1)


def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report: strategies, then every team's plan."""
    plan = _plan_report(report)
    flows = sections.step_heading(report, styles)
    if plan is None or not plan.teams:
        boards = [f for b in report.boards for f in sections.board(b, styles)]
        return flows + (strategy_table(plan, styles) if plan else []) + (
            boards or [sections.empty_step(styles)])
    flows += strategy_table(plan, styles)
    for team_plan_ in plan.teams:
        flows += team_plan(team_plan_, styles, heading=_team_heading(team_plan_, styles))
    return flows


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The team's plan in its handout; empty when the team has no action."""
    plan = _plan_report(report)
    found = plan.team(team.id) if plan else None
    if found is None:
        return []
    return sections.step_heading(report, styles, purpose=False) + team_plan(found, styles)
