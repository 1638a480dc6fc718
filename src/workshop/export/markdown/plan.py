"""The plan step's section of the Markdown report: the strategy model, then each team's
plan as a table (the same columns as the PDF), the details of the template and who
carries what."""

from __future__ import annotations

from workshop.export.markdown.base import _block, _table, escape, step
from workshop.i18n import t
from workshop.report import StepReport
from workshop.report.plan import ActionRow, PlanReport, TeamPlan


def flag_text(action: ActionRow, lang: str) -> str:
    lines = []
    if action.missing:
        lines.append(t("pdf.plan.missing", lang, items=t("word.list_sep", lang).join(
            action.missing)))
    return "; ".join(lines + action.problems)


def _plan_rows(plan: TeamPlan, lang: str) -> list[list[str]]:
    rows = []
    for group in plan.groups:
        label = (t("pdf.plan.strategy_band", lang, rank=group.rank, name=group.strategy)
                 if group.rank else group.strategy)
        for action in group.actions:
            what = action.what
            flags = flag_text(action, lang)
            if flags:
                what += f" ⚠ {flags}"
            measure = " → ".join(p for p in (action.measure, action.target) if p)
            rows.append([str(action.number), label, what,
                         action.owner or t("pdf.plan.unadopted", lang), action.checker,
                         " → ".join(p for p in (action.start, action.due) if p), measure,
                         action.support, action.rhythm])
    return rows


def _details(plan: TeamPlan, lang: str, level: str) -> list[str]:
    out: list[str] = []
    for action in plan.actions:
        if not action.has_details:
            continue
        out += [f"{level}# {action.number}. {escape(action.what)}", ""]
        pairs = [
            (t("plan.field.gap_id", lang), action.gap),
            (t("plan.field.milestones", lang),
             " · ".join(m.label(lang) for m in action.milestones) if action.own_milestones
             else ""),
            (t("plan.field.resources", lang), action.resources),
            (t("plan.field.obstacles", lang), action.obstacles),
            (t("plan.field.skills", lang), action.skills),
            (t("plan.field.reward", lang), action.reward),
            (t("plan.field.penalty", lang), action.penalty),
            (t("plan.field.pdca_plan", lang), action.pdca_plan),
            (t("plan.field.pdca_do", lang), action.pdca_do),
            (t("plan.field.pdca_check", lang), action.pdca_check),
            (t("plan.field.pdca_act", lang), action.pdca_act),
        ]
        out += [f"- **{escape(label)}**: {_block(value, '  ')}" for label, value in pairs
                if value]
        out.append("")
    return out


def team_plan(plan: TeamPlan, lang: str, level: str = "###") -> list[str]:
    out = []
    if plan.goal:
        goal = t("pdf.plan.goal", lang, goal=plan.goal)
        if plan.deadline:
            goal += t("pdf.plan.deadline", lang, date=plan.deadline)
        out += [escape(goal), ""]
    if plan.milestones:
        out += [escape(t("pdf.plan.milestones", lang, items=" · ".join(
            m.label(lang) for m in plan.milestones))), ""]
    total = len(plan.actions)
    out += [escape(t("pdf.plan.summary", lang, total=total, adopted=total - plan.unadopted,
                     ready=plan.ready)), ""]
    out += _table([t("pdf.plan.col.number", lang), t("pdf.plan.col.strategy", lang),
                   t("pdf.plan.col.what", lang), t("pdf.plan.col.owner", lang),
                   t("pdf.plan.col.checker", lang), t("pdf.plan.col.dates", lang),
                   t("pdf.plan.col.measure", lang),
                   t("pdf.plan.col.support", lang), t("pdf.plan.col.rhythm", lang)],
                  _plan_rows(plan, lang))
    out.append("")
    details = _details(plan, lang, level)
    if details:
        out += [f"{level} {escape(t('pdf.plan.details', lang))}", "", *details]
    if plan.loads:
        owned: dict[str, list[str]] = {}
        for action in plan.actions:
            if action.owner_id:
                owned.setdefault(action.owner_id, []).append(str(action.number))
        sep = t("word.list_sep", lang)
        out += [f"{level} {escape(t('pdf.plan.loads', lang))}", ""]
        out += _table([t("pdf.teams.name", lang), t("pdf.teams.role", lang),
                       t("pdf.plan.owned", lang), t("pdf.plan.count", lang)],
                      [[load.name, load.role,
                        sep.join(owned.get(load.member_id, [])) or t("pdf.plan.none_yet", lang),
                        str(load.count) + (f" ({t('pdf.plan.heavy', lang)})" if load.heavy
                                           else "")]
                       for load in plan.loads])
        out.append("")
    return out


def section(report: StepReport, lang: str) -> list[str]:
    if not isinstance(report, PlanReport) or not (report.teams or report.strategies):
        return step(report, lang)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    if report.strategies:
        out += [f"### {escape(report.strategies_heading(lang))}", ""]
        out += _table([t("pdf.plan.col.rank", lang), t("pdf.plan.col.strategy", lang),
                       t("pdf.plan.col.votes", lang), t("pdf.plan.col.team", lang),
                       t("pdf.plan.col.actions", lang)],
                      [[str(s.rank), s.name, report.votes_cell(s.votes),
                        s.team or "—", str(s.actions)]
                       for s in report.strategies])
        out.append("")
    for plan in report.teams:
        out += [f"### {escape(plan.team)}", ""]
        out += team_plan(plan, lang, level="####")
    return out
