"""The course summary's section of the Markdown report: results by team, then the
takeaway cards."""

from __future__ import annotations

from workshop.export.markdown.base import _table, board, escape, step
from workshop.i18n import t
from workshop.report import StepReport
from workshop.report.summary import SummaryReport


def section(report: StepReport, lang: str) -> list[str]:
    if not isinstance(report, SummaryReport) or not report.results:
        return step(report, lang)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    out += [f"### {escape(t('pdf.summary.results', lang))}", ""]
    out += _table([t("pdf.summary.col.team", lang), t("pdf.summary.col.strategies", lang),
                   t("pdf.summary.col.actions", lang), t("pdf.summary.col.adopted", lang),
                   t("pdf.summary.col.ready", lang), t("pdf.summary.col.challenges", lang),
                   t("pdf.summary.col.signoff", lang)],
                  [[r.team, str(r.strategies), str(r.actions), f"{r.adopted}/{r.actions}",
                    f"{r.ready}/{r.actions}", str(r.challenges),
                    r.decision or t("pdf.townhall.unsigned_short", lang)]
                   for r in report.results])
    out.append("")
    for b in report.boards:
        out += board(b, lang)
    return out
