"""The review step's section of the Markdown report: last year's goals with outcomes, the
lessons worth keeping, then the other boards (same content as the PDF)."""

from __future__ import annotations

from workshop.export.markdown.base import _table, board, escape
from workshop.i18n import t
from workshop.model.review import OUTCOMES
from workshop.report import StepReport
from workshop.report.review import ReviewReport


def section(report: StepReport, lang: str) -> list[str]:
    assert isinstance(report, ReviewReport)
    out = [f"## {escape(report.title)}", ""]
    if report.purpose:
        out += ["> " + escape(report.purpose).replace("\n", "\n> "), ""]
    if not report.has_content:
        return [*out, f"*{escape(t('pdf.empty_step', lang))}*", ""]
    if report.goals:
        out += [f"### {escape(t('review.pdf.goals', lang))}", ""]
        out += _table([t("pdf.board.number", lang), t("review.field.statement", lang),
                       t("review.field.target", lang), t("review.field.actual", lang),
                       t("review.pdf.attainment", lang), t("review.field.outcome", lang),
                       t("review.field.note", lang)],
                      [[str(i), g.statement, g.target_text, g.actual_text, g.attainment_text,
                        g.outcome_label or t("review.pdf.undecided", lang), g.note]
                       for i, g in enumerate(report.goals, 1)])
        counts = t("word.list_sep", lang).join(
            t("review.pdf.count", lang, outcome=t(f"outcome.{o}", lang),
              count=report.outcome_counts.get(o, 0)) for o in OUTCOMES)
        out += ["", escape(counts), ""]
    for b in [b for b in report.boards if b.board == "lesson"]:
        out += board(b, lang)
    for b in [b for b in report.boards if b.board != "lesson"]:
        out += board(b, lang)
    return out
