"""The workshop report as Markdown: the same ``Report`` and the same content as the PDF
(cover facts, teams, agenda, every step), for email and wikis. Each step renders its
own section in ``markdown/<step>.py``.

User text is data: Markdown punctuation in it is backslash-escaped (CommonMark), so a
card ``<b>&[/oops]`` or ``# not a heading`` shows literally once rendered.
"""

from __future__ import annotations

from workshop.export.content import member_list, report_steps
from workshop.export.markdown import (
    charter,
    cocreate,
    gaps,
    plan,
    review,
    summary,
    townhall,
    vision,
)
from workshop.export.markdown.base import _table, board, escape, step, unescape
from workshop.i18n import t
from workshop.report import Report, agenda_table

STEP_SECTIONS = {
    "review": review.section,
    "vision": vision.section,
    "gaps": gaps.section,
    "charter": charter.section,
    "cocreate": cocreate.section,
    "plan": plan.section,
    "townhall": townhall.section,
    "summary": summary.section,
}


def render(report: Report) -> str:
    """The whole report as a Markdown document."""
    lang = report.lang
    out = [f"# {escape(report.title)}", "",
           f"{escape(t('app.name', lang))} · {escape(t('pdf.report_title', lang))} — "
           f"{escape(t('app.tagline', lang))}", ""]
    facts = [(t("pdf.cover.organization", lang), report.organization),
             (t("pdf.cover.date", lang), report.date),
             (t("pdf.cover.location", lang), report.location),
             (t("pdf.cover.facilitator", lang), report.facilitator)]
    out += ["- " + t("pdf.label_value", lang, label=f"**{escape(label)}**", value=escape(value))
            for label, value in facts if value]
    out += ["", f"*{escape(t('pdf.generated', lang, time=report.generated_at))}*", ""]

    members = sum(len(team.members) for team in report.teams)
    out += [f"## {escape(t('pdf.cover.teams', lang))}", "",
            escape(t("pdf.cover.people", lang, teams=len(report.teams), members=members)), ""]
    if report.teams:
        out += _table([t("pdf.teams.team", lang), t("pdf.teams.members", lang)],
                      [[team.name, member_list(team, lang)] for team in report.teams])
    else:
        out.append(escape(t("pdf.teams.no_teams", lang)))
    out.append("")

    if report.agenda:
        header, rows = agenda_table(report.agenda, lang)
        total = sum(row.minutes for row in report.agenda)
        out += [f"## {escape(t('pdf.agenda.title', lang))}", "", *_table(header, rows), "",
                escape(t("pdf.agenda.total", lang, minutes=total)), ""]

    for step_id in report_steps(report):
        out += STEP_SECTIONS[step_id](report.steps[step_id], lang)
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = ["board", "escape", "render", "step", "unescape"]
