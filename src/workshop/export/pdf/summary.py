"""The course summary in the PDF: 课程总结 — what each team produced today, and the
takeaway cards from the room."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from workshop.export.pdf import sections
from workshop.export.pdf.styles import Plain, Styles, para, readable_ink, safe_color, table
from workshop.i18n import t
from workshop.report import StepReport, TeamRow
from workshop.report.summary import SummaryReport

APPROVED = "#1b6e3a"
REVISE = "#b3261e"


def results_table(report: SummaryReport, styles: Styles) -> list[Flowable]:
    """One line per team: strategies, actions, adopted, ready, questions, sign-off."""
    if not report.results:
        return []
    lang = styles.lang
    rows = []
    extra: list[tuple[object, ...]] = []
    for i, r in enumerate(report.results, start=1):
        rows.append([Plain(r.team), Plain(str(r.strategies)), Plain(str(r.actions)),
                     Plain(f"{r.adopted}/{r.actions}"), Plain(f"{r.ready}/{r.actions}"),
                     Plain(str(r.challenges)),
                     Plain(r.decision or t("pdf.townhall.unsigned_short", lang))])
        extra += [("TEXTCOLOR", (0, i), (0, i), colors.HexColor(readable_ink(r.color))),
                  ("LINEBEFORE", (0, i), (0, i), 3, colors.HexColor(safe_color(r.color)))]
        ink = APPROVED if r.decision_key == "approved" else REVISE if r.decision_key else None
        if ink:
            extra.append(("TEXTCOLOR", (6, i), (6, i), colors.HexColor(ink)))
    header = [t("pdf.summary.col.team", lang), t("pdf.summary.col.strategies", lang),
              t("pdf.summary.col.actions", lang), t("pdf.summary.col.adopted", lang),
              t("pdf.summary.col.ready", lang), t("pdf.summary.col.challenges", lang),
              t("pdf.summary.col.signoff", lang)]
    return [para(t("pdf.summary.results", lang), styles.h2),
            table(header, rows, [2.4, 1.1, 1.1, 1.2, 1.2, 1.1, 1.6], styles, extra=extra)]


def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report: results, then the takeaway cards."""
    flows = sections.step_heading(report, styles)
    results = results_table(report, styles) if isinstance(report, SummaryReport) else []
    boards = [flow for b in report.boards for flow in sections.board(b, styles)]
    return flows + results + (boards or ([] if results else [sections.empty_step(styles)]))


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The team's own takeaway cards; empty when it wrote none."""
    return sections.team_step_story(report, team, styles)
