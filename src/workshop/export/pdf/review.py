"""The review step in the PDF: 复盘：回顾过去一年.

Last year's goals with target, actual, attainment and outcome (a coloured cell), a count
of outcomes, the lessons worth keeping (经验萃取) set apart so they carry forward, then
the other boards: highlights, to improve, reasons for success and for failure.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from workshop.export.pdf import sections
from workshop.export.pdf.styles import Plain, Styles, para, table
from workshop.i18n import t
from workshop.model.review import OUTCOMES
from workshop.report import StepReport, TeamRow
from workshop.report.review import ReviewReport

OUTCOME_FILL = {
    "exceeded": colors.HexColor("#cdeed6"),
    "met": colors.HexColor("#e3f3e6"),
    "missed": colors.HexColor("#fde3cf"),
    "lost": colors.HexColor("#e4e6ea"),
}
OUTCOME_INK = {
    "exceeded": colors.HexColor("#0f5a25"),
    "met": colors.HexColor("#146c2e"),
    "missed": colors.HexColor("#8a3b00"),
    "lost": colors.HexColor("#444b55"),
}


def goals_table(report: ReviewReport, styles: Styles) -> list[Flowable]:
    lang = styles.lang
    if not report.goals:
        return []
    header = [t("pdf.board.number", lang), t("review.field.statement", lang),
              t("review.field.target", lang), t("review.field.actual", lang),
              t("review.pdf.attainment", lang), t("review.field.outcome", lang),
              t("review.field.note", lang)]
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = [("ALIGN", (2, 1), (4, -1), "RIGHT")]
    for n, goal in enumerate(report.goals, 1):
        rows.append([Plain(str(n)), goal.statement, Plain(goal.target_text),
                     Plain(goal.actual_text), Plain(goal.attainment_text),
                     Plain(goal.outcome_label or t("review.pdf.undecided", lang)),
                     goal.note or ""])
        if goal.outcome:
            extra += [("BACKGROUND", (5, n), (5, n), OUTCOME_FILL[goal.outcome]),
                      ("TEXTCOLOR", (5, n), (5, n), OUTCOME_INK[goal.outcome])]
    counts = t("word.list_sep", lang).join(
        t("review.pdf.count", lang, outcome=t(f"outcome.{o}", lang),
          count=report.outcome_counts.get(o, 0)) for o in OUTCOMES)
    return [para(t("review.pdf.goals", lang), styles.h2),
            table(header, rows, [0.6, 4.0, 1.4, 1.4, 1.1, 1.1, 3.2], styles,  # type: ignore[arg-type]
                  extra=extra, zebra=False),
            Spacer(1, 1.5 * mm), para(counts, styles.muted)]


def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report."""
    assert isinstance(report, ReviewReport)
    out = sections.step_heading(report, styles)
    if not report.has_content:
        return [*out, sections.empty_step(styles)]
    out += goals_table(report, styles)
    lessons = [b for b in report.boards if b.board == "lesson"]
    for board in lessons:
        if board.cards:
            out += [CondPageBreak(30 * mm), *sections.board(board, styles)]
    for board in report.boards:
        if board.board != "lesson":
            out += sections.board(board, styles)
    return out


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The step's part of `team`'s handout: the team's review cards (empty when none)."""
    return sections.team_step_story(report, team, styles)
