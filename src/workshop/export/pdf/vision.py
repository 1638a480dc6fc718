"""Step 1 in the PDF: 第一步 目标呈现与愿景共识.

The report gets the shared vision (statement, whether and when the room agreed, the
vision cards), the goal tree with every goal's SMART table and planning formula, the
cascade tables and the value-chain funnels. A team's handout gets the shared vision,
the team's own goals with their SMART tables, and the cascade milestones that are the
team's: the cascades of its goals in full, and its own rows of any other cascade.

The CJK font has no check mark, so a verdict prints as ● (passes) or ○ (fails) on a
green or red cell, with the word beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

from workshop.export.content import team_cards
from workshop.export.pdf import sections
from workshop.export.pdf.styles import (
    ACCENT,
    ACCENT_LIGHT,
    MUTED,
    Plain,
    Styles,
    Table,
    esc,
    markup_para,
    para,
    table,
    team_tag,
)
from workshop.i18n import t
from workshop.report import StepReport, TeamRow
from workshop.report.vision import CascadeTable, FunnelTable, GoalRow, VisionReport

PASS_FILL = colors.HexColor("#dcf3e1")
FAIL_FILL = colors.HexColor("#fbe0dc")
PASS_INK = colors.HexColor("#146c2e")
FAIL_INK = colors.HexColor("#a61b1b")
PASS_MARK = "●"
FAIL_MARK = "○"
INDENT = 9
"""Points of indent per level of the goal tree."""


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def _right(text: str, styles: Styles) -> Flowable:
    """A header cell aligned right, over a column of numbers."""
    return para(text, styles.header_cell.clone("header_right", alignment=2))


# -- the shared vision --------------------------------------------------------------------

def vision_statement(report: VisionReport, styles: Styles) -> list[Flowable]:
    lang = styles.lang
    if not report.statement:
        return []
    if report.agreed:
        status = t("vision.pdf.agreed", lang, when=report.agreed_at)
        ink = PASS_INK
    else:
        status = t("vision.pdf.draft", lang)
        ink = MUTED
    box = Table([[para(report.statement, styles.body)],
                 [markup_para(f'<font color="{_hex(ink)}">{esc(status)}</font>', styles.small)]],
                colWidths=[styles.width], hAlign="LEFT", style=TableStyle([
                    ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, 0), 6),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ]))
    return [para(t("vision.pdf.statement", lang), styles.h2), box]


# -- goals and SMART ------------------------------------------------------------------------

def _letter_cells(goal: GoalRow, first_col: int, row: int) -> tuple[list[Plain],
                                                                     list[tuple[object, ...]]]:
    cells: list[Plain] = []
    extra: list[tuple[object, ...]] = []
    for i, verdict in enumerate(goal.verdicts):
        col = first_col + i
        cells.append(Plain(PASS_MARK if verdict.ok else FAIL_MARK))
        extra += [("BACKGROUND", (col, row), (col, row), PASS_FILL if verdict.ok else FAIL_FILL),
                  ("TEXTCOLOR", (col, row), (col, row), PASS_INK if verdict.ok else FAIL_INK),
                  ("ALIGN", (col, row), (col, row), "CENTER")]
    return cells, extra


def goal_overview(goals: Sequence[GoalRow], styles: Styles) -> list[Flowable]:
    """The goal tree as one table: number, statement (indented by level), target,
    deadline, owner, and S M A R T as ● / ○."""
    lang = styles.lang
    header = [t("vision.pdf.number", lang), t("vision.pdf.goal", lang),
              t("vision.field.target", lang), t("vision.field.deadline", lang),
              t("vision.pdf.owner", lang), "S", "M", "A", "R", "T"]
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for n, goal in enumerate(goals, 1):
        style = styles.cell.clone(f"goal_depth_{goal.depth}", leftIndent=INDENT * goal.depth)
        branch = "└ " if goal.depth else ""
        statement = markup_para(f'<font color="{_hex(MUTED)}">{branch}</font>'
                                f"{esc(goal.statement)}", style)
        letters, letter_extra = _letter_cells(goal, 5, n)
        owner = (markup_para(team_tag(goal.team, goal.team_color), styles.cell)
                 if goal.team else Plain(""))
        rows.append([Plain(goal.number), statement, Plain(goal.target_text),
                     Plain(goal.deadline), owner, *letters])
        extra += letter_extra
    legend = t("vision.pdf.legend", lang, passed=PASS_MARK, failed=FAIL_MARK)
    return [table(header, rows, [1.1, 4.7, 1.5, 1.9, 1.6, 0.45, 0.45, 0.45, 0.45, 0.45],
                  styles, extra=extra, zebra=False),  # type: ignore[arg-type]
            Spacer(1, 1.5 * mm), para(legend, styles.muted)]


def smart_table(goal: GoalRow, styles: Styles) -> Table:
    """One goal's SMART table: letter, what it means, the verdict, the reason."""
    lang = styles.lang
    header = [t("vision.pdf.letter", lang), t("vision.pdf.meaning", lang),
              t("vision.pdf.verdict", lang), t("vision.pdf.reason", lang)]
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for n, verdict in enumerate(goal.verdicts, 1):
        word = t("vision.pdf.pass" if verdict.ok else "vision.pdf.fail", lang)
        mark = PASS_MARK if verdict.ok else FAIL_MARK
        rows.append([Plain(verdict.letter), Plain(verdict.name), Plain(f"{mark} {word}"),
                     verdict.reason])
        extra += [("BACKGROUND", (2, n), (2, n), PASS_FILL if verdict.ok else FAIL_FILL),
                  ("TEXTCOLOR", (2, n), (2, n), PASS_INK if verdict.ok else FAIL_INK)]
    return table(header, rows, [0.6, 1.6, 1.5, 6.5], styles, extra=extra,  # type: ignore[arg-type]
                 zebra=False)


def goal_facts(goal: GoalRow, styles: Styles) -> Flowable:
    lang = styles.lang
    shown = goal.facts(lang)
    rows: list[list[object]] = []
    for i in range(0, len(shown), 2):
        pair = shown[i:i + 2] + ([("", "")] if len(shown[i:i + 2]) == 1 else [])
        rows.append([c for label, value in pair
                     for c in (para(label, styles.cell_muted), para(value, styles.cell))])
    if goal.formula is not None:
        formula = goal.formula.text + (f"\n{goal.formula.gap_text}" if goal.formula.gap_text
                                       else "")
        rows.append([para(t("vision.pdf.formula", lang), styles.cell_muted),
                     para(formula, styles.cell), "", ""])
    if not rows:
        return Spacer(1, 1)
    w = styles.width
    span = [("SPAN", (1, len(rows) - 1), (3, len(rows) - 1))] if goal.formula else []
    return Table(rows, colWidths=[w * 0.14, w * 0.36, w * 0.14, w * 0.36], hAlign="LEFT",
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1), *span]))


def goal_block(goal: GoalRow, styles: Styles) -> list[Flowable]:
    heading = para(f"{goal.number}  {goal.statement}", styles.h3)
    mark = esc(t("vision.pdf.flag_mark", styles.lang))
    flags = [markup_para(f'<font color="{_hex(FAIL_INK)}">{mark}</font> {esc(flag)}', styles.small)
             for flag in goal.flags]
    return [CondPageBreak(45 * mm), heading, goal_facts(goal, styles), Spacer(1, 1.5 * mm),
            smart_table(goal, styles), *flags, Spacer(1, 3 * mm)]


# -- cascades -----------------------------------------------------------------------------

def cascade_block(cascade: CascadeTable, styles: Styles, *,
                  only_team: str | None = None) -> list[Flowable]:
    """A cascade: heading, what is split and the total, then one row per part with its
    weight, share and exact value, and a total row. With `only_team`, only that team's
    rows (its share of a split that belongs to others too)."""
    lang = styles.lang
    title = cascade.title
    source = t("vision.pdf.splits", lang, source=cascade.source)
    heading = [CondPageBreak(35 * mm), para(title, styles.h3), para(source, styles.muted)]
    if cascade.error:
        heading.append(markup_para(f'<font color="{_hex(FAIL_INK)}">{esc(cascade.error)}</font>',
                                   styles.small))
    rows = [r for r in cascade.rows if only_team is None or r.team_id == only_team]
    header = [t("pdf.board.number", lang), t("vision.pdf.part", lang),
              _right(t("vision.field.weight", lang), styles),
              _right(t("vision.pdf.share", lang), styles),
              _right(t("vision.pdf.value", lang), styles), t("vision.pdf.who", lang),
              t("vision.pdf.note", lang)]
    body: list[list[object]] = []
    for n, row in enumerate(cascade.rows, 1):
        if row not in rows:
            continue
        body.append([Plain(str(n)), Plain(row.label), Plain(row.weight), Plain(row.share),
                     Plain(row.value), Plain(row.who), Plain(row.note) if row.note else ""])
    extra: list[tuple[object, ...]] = [("ALIGN", (2, 0), (4, -1), "RIGHT")]
    if only_team is None and cascade.total_text:
        check = t("vision.pdf.adds_up" if cascade.adds_up else "vision.pdf.not_adds_up", lang)
        body.append(["", Plain(t("word.total", lang)), "", Plain("100%"),
                     Plain(cascade.sum_text or cascade.total_text), "", Plain(check)])
        extra += [("LINEABOVE", (0, len(body)), (-1, len(body)), 0.8, ACCENT),
                  ("TEXTCOLOR", (0, len(body)), (-1, len(body)), ACCENT)]
    elif only_team is not None and cascade.total_text:
        heading.append(para(t("vision.pdf.of_total", lang, total=cascade.total_text),
                            styles.muted))
    widths = [0.8, 3.0, 1.0, 1.0, 2.3, 1.6, 2.1]
    notes = [markup_para(f'<font color="{_hex(FAIL_INK)}">！</font> {esc(r.disagreement)}',
                         styles.small) for r in rows if r.disagreement]
    if cascade.rounding and only_team is None:
        notes.append(para(cascade.rounding, styles.muted))
    return [*heading, table(header, body, widths, styles, extra=extra),  # type: ignore[arg-type]
            *notes, Spacer(1, 3 * mm)]


# -- funnels ------------------------------------------------------------------------------

def funnel_block(funnel: FunnelTable, styles: Styles) -> list[Flowable]:
    lang = styles.lang
    story: list[Flowable] = [CondPageBreak(40 * mm),
                             para(funnel.label or t("vision.pdf.funnel", lang), styles.h3)]
    if funnel.error:
        return [*story, para(funnel.error, styles.muted)]
    story.append(para(t("vision.pdf.funnel_line", lang, target=funnel.target_text,
                        average=funnel.average_text, deals=funnel.deals_text,
                        calendar=funnel.calendar), styles.body))
    header = [t("vision.pdf.stage", lang), _right(t("vision.pdf.rate", lang), styles),
              _right(t("vision.pdf.per_year", lang), styles),
              _right(t("vision.pdf.per_week", lang), styles),
              _right(t("vision.pdf.per_day", lang), styles)]
    body = [[Plain(r.stage), Plain(r.rate), Plain(r.year), Plain(r.week), Plain(r.day)]
            for r in funnel.rows]
    last = len(body)
    extra = [("ALIGN", (1, 0), (-1, -1), "RIGHT"),
             ("BACKGROUND", (0, last), (-1, last), ACCENT_LIGHT)]
    note = [para(funnel.rounded, styles.muted)] if funnel.rounded else []
    return [*story, table(header, body, [3.4, 1.4, 1.8, 1.8, 1.8], styles,  # type: ignore
                          extra=extra, zebra=False), *note, Spacer(1, 3 * mm)]


# -- the step -----------------------------------------------------------------------------

def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report."""
    assert isinstance(report, VisionReport)
    lang = styles.lang
    out = sections.step_heading(report, styles)
    if not report.has_content:
        return [*out, sections.empty_step(styles)]
    out += vision_statement(report, styles)
    for board in report.boards:
        out += sections.board(board, styles)
    if report.goals:
        out += [CondPageBreak(50 * mm), para(t("vision.pdf.goals", lang), styles.h2),
                *goal_overview(report.goals, styles)]
        for goal in report.goals:
            out += goal_block(goal, styles)
    if report.cascades:
        out += [CondPageBreak(50 * mm), para(t("vision.pdf.cascades", lang), styles.h2)]
        for cascade in report.cascades:
            out += cascade_block(cascade, styles)
    if report.funnels:
        out += [CondPageBreak(50 * mm), para(t("vision.pdf.funnels", lang), styles.h2)]
        for funnel in report.funnels:
            out += funnel_block(funnel, styles)
    return out


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The step's part of `team`'s handout: the shared vision, the team's goals with their
    SMART tables, its cascade milestones and funnels, its vision cards. Empty when the
    team has none of these."""
    assert isinstance(report, VisionReport)
    lang = styles.lang
    goals = report.team_goals(team.id)
    owned = {g.id for g in goals}
    cascades = report.team_cascades(team.id)
    funnels = report.team_funnels(team.id)
    cards = team_cards(report, team)
    if not (goals or cascades or funnels or cards):
        return []
    out = sections.step_heading(report, styles, purpose=False)
    out += vision_statement(report, styles)
    if goals:
        out += [para(t("vision.pdf.our_goals", lang), styles.h2)]
        for goal in goals:
            out += goal_block(goal, styles)
    if cascades:
        out += [CondPageBreak(50 * mm), para(t("vision.pdf.milestones", lang), styles.h2)]
        for cascade in cascades:
            mine = None if cascade.goal_id in owned else team.id
            out += cascade_block(cascade, styles, only_team=mine)
    if funnels:
        out += [para(t("vision.pdf.funnels", lang), styles.h2)]
        for funnel in funnels:
            out += funnel_block(funnel, styles)
    for board, team_rows in cards:
        out += sections.board(board, styles, cards=team_rows, with_team=False)
    return out
