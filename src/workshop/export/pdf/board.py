"""The monthly performance board (业绩板): one A4 landscape page per team, for the wall.

At the top the team in its colour, the check-in's date and period, and how many goals are
on pace, behind, ahead. Then one tile per goal or share: its name, the verdict in a
coloured badge, the chart (``board_chart``), the rule's advice in a few words and next
month's target. At the foot, left: next month's targets and their split (what the method
says to write on the board before the 31st); right: the actions due by the end of next
month, overdue ones first, with who does and who checks each.

Everything is sized to fit the page: more goals make smaller tiles, up to ``MAX_TILES``
(the rest are in the Markdown and the CSV, as the page says).
"""

from __future__ import annotations

import math
import os
from typing import IO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from workshop.export.fonts import FontChoice, register_font
from workshop.export.pdf.board_chart import VERDICT_COLORS, chart
from workshop.export.pdf.glyphs import Missing, collect_missing, stack_for
from workshop.export.pdf.styles import (
    ACCENT,
    INK,
    MUTED,
    RULE,
    Styles,
    Table,
    esc,
    make_styles,
    markup_para,
    para,
    readable_ink,
    safe_color,
)
from workshop.i18n import t
from workshop.report.checkin import Board, CheckinReport, GoalLine

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 22.0
HEADER = 46.0
FOOT = 168.0
"""Height kept for the two tables at the foot."""
GAP = 6.0
MAX_TILES = 12
VERDICTS = ("behind", "on_pace", "ahead", "no_actual", "missing")


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def _columns(count: int) -> int:
    if count <= 2:
        return 2
    if count <= 6:
        return 3
    return 4


def _tile(goal: GoalLine, width: float, chart_h: float, styles: Styles) -> Table:
    lang = styles.lang
    badge = VERDICT_COLORS.get(goal.verdict, INK)
    title_style = styles.cell.clone("board_title", fontSize=10, leading=12.5)
    note_style = styles.cell.clone("board_note", fontSize=8.5, leading=10.5, textColor=INK)
    fonts = stack_for(styles.font)
    room = width - 28 - fonts.width(goal.verdict_label, 10)  # the badge, its spaces, padding
    name = fonts.fit(goal.name, 10, room)
    split = (fonts.fit(f" · {goal.split}", 8.5, room - fonts.width(name, 10))
             if goal.split and fonts.width(name, 10) < room - 30 else "")
    title = markup_para(
        f'<font backColor="{_hex(badge)}" color="#ffffff">&nbsp;{esc(goal.verdict_label)}'
        f'&nbsp;</font> {esc(name)}<font size="8.5" color="{_hex(MUTED)}">{esc(split)}</font>',
        title_style)
    lines = [esc(goal.short)]
    if goal.next_target:
        upcoming = t("checkin.board.next_target", lang, which=goal.next_label,
                     target=goal.next_target)
        lines.append(f'<font color="{_hex(ACCENT)}">{esc(upcoming)}</font>')
    note = markup_para("　·　".join(lines), note_style)
    drawing = chart(goal, width - 8, chart_h, styles.font, lang,
                    t("checkin.board.target_line", lang, target=goal.target))
    return Table([[title], [drawing], [note]], colWidths=[width], style=TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 2.2, badge),
    ]))


def tiles(board: Board, width: float, height: float, styles: Styles) -> list[Flowable]:
    """The goals' tiles in a grid filling `width` × `height`."""
    lang = styles.lang
    goals = board.goals[:MAX_TILES]
    if not goals:
        return [para(t("checkin.board.no_goals", lang), styles.muted)]
    cols = _columns(len(goals))
    rows = math.ceil(len(goals) / cols)
    tile_w = (width - GAP * (cols - 1)) / cols
    # what a tile takes besides its chart (title, advice, padding): the tallest one's
    overhead = max(_tile(goal, tile_w, 10, styles).wrap(tile_w, PAGE_H)[1] - 10
                   for goal in goals)
    chart_h = max(44.0, (height - rows * overhead - GAP * rows) / rows)
    cells = [_tile(goal, tile_w, chart_h, styles) for goal in goals]
    cells += [""] * (rows * cols - len(cells))
    grid = [cells[r * cols:(r + 1) * cols] for r in range(rows)]
    out: list[Flowable] = [Table(grid, colWidths=[tile_w + GAP] * cols, hAlign="LEFT",
                                 style=TableStyle([
                                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), GAP),
                                     ("TOPPADDING", (0, 0), (-1, -1), 0),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), GAP),
                                     ("VALIGN", (0, 0), (-1, -1), "TOP")]))]
    if len(board.goals) > MAX_TILES:
        out.append(para(t("checkin.board.more", lang, count=len(board.goals) - MAX_TILES),
                        styles.muted))
    return out


def _small(styles: Styles):
    cell = styles.cell.clone("board_cell", fontSize=8.5, leading=10.5)
    head = styles.header_cell.clone("board_head", fontSize=8.5, leading=10.5)
    return cell, head


def next_targets(board: Board, width: float, styles: Styles) -> Table:
    """Next month's target of each goal and share, a goal's split beside it."""
    lang = styles.lang
    cell, head = _small(styles)
    rows: list[list[object]] = [[para(t("checkin.board.col.goal", lang), head),
                                 para(t("checkin.board.col.next", lang), head),
                                 para(t("checkin.board.col.split", lang), head)]]
    sep = t("word.list_sep", lang)
    for goal in board.goals:
        target = (f"{goal.next_label} {goal.next_target}" if goal.next_target
                  else t("checkin.board.ended", lang))
        split = sep.join(f"{name} {value}" for name, value in goal.next_split)
        rows.append([para(goal.title, cell), para(target, cell), para(split, cell)])
    if len(rows) == 1:
        rows.append([para(t("checkin.board.no_goals", lang), cell), "", ""])
    return Table(rows, colWidths=[width * 0.36, width * 0.24, width * 0.40], repeatRows=1,
                 style=_table_style())


def actions(board: Board, width: float, styles: Styles) -> Table:
    """The actions due by the end of next month, overdue ones first."""
    lang = styles.lang
    cell, head = _small(styles)
    keys = ("number", "what", "owner", "checker", "due", "status")
    rows: list[list[object]] = [[para(t(f"checkin.board.col.{k}", lang), head) for k in keys]]
    for a in board.actions:
        due = a.due + (f"\n{t('checkin.board.next_check', lang, date=a.next_check)}"
                       if a.next_check else "")
        rows.append([para(str(a.number), cell), para(a.what, cell), para(a.owner, cell),
                     para(a.checker, cell), para(due, cell),
                     para(" ".join(p for p in (a.status, a.percent) if p), cell)])
    if len(rows) == 1:
        rows.append(["", para(t("checkin.board.no_actions", lang), cell), "", "", "", ""])
    shares = (0.06, 0.40, 0.13, 0.15, 0.15, 0.11)
    return Table(rows, colWidths=[width * s for s in shares], repeatRows=1,
                 style=_table_style())


def _table_style() -> TableStyle:
    return TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
    ])


def foot(board: Board, width: float, styles: Styles) -> Table:
    lang = styles.lang
    h = styles.h3.clone("board_h", fontSize=10, leading=13, spaceBefore=0, spaceAfter=2,
                        textColor=ACCENT)
    left_w, right_w = width * 0.42, width * 0.58 - GAP * 2
    left = [para(t("checkin.board.next_heading", lang), h), next_targets(board, left_w, styles)]
    right = [para(t("checkin.board.actions_heading", lang), h), actions(board, right_w, styles)]
    return Table([[left, right]], colWidths=[left_w + GAP * 2, right_w], hAlign="LEFT",
                 style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (0, 0), GAP * 2),
                                   ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))


class _BoardDocument(BaseDocTemplate):
    def __init__(self, target: str | IO[bytes], report: CheckinReport, board: Board,
                 font: str) -> None:
        super().__init__(target, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN,
                         rightMargin=MARGIN, topMargin=MARGIN + HEADER, bottomMargin=MARGIN,
                         title=t("checkin.board.pdf_title", report.lang, team=board.team),
                         author="workshop", subject=report.title)
        self.report, self.board, self.font = report, board, font
        frame = Frame(MARGIN, MARGIN, PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN - HEADER,
                      id="board", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="board", frames=[frame], onPage=self._header)])

    def _header(self, canvas, _doc) -> None:
        report, board, lang = self.report, self.board, self.report.lang
        fonts = stack_for(self.font)
        swatch = safe_color(board.color)
        top = PAGE_H - MARGIN
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(swatch))
        canvas.rect(MARGIN, top - 30, 6, 30, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor(readable_ink(swatch)))
        width = fonts.draw(canvas, MARGIN + 12, top - 22, board.team, 20)
        canvas.setFillColor(MUTED)
        fonts.draw(canvas, MARGIN + 22 + width, top - 22, t("checkin.board.kicker", lang), 12)
        canvas.setFillColor(INK)
        right = PAGE_W - MARGIN
        fonts.draw(canvas, right, top - 10, fonts.fit(report.title, 9, 360), 9, anchor="end")
        fonts.draw(canvas, right, top - 23, t("checkin.board.when", lang, date=report.date,
                                              period=report.period), 9, anchor="end")
        counts = board.counts
        x = right
        for verdict in reversed(VERDICTS):
            if not counts.get(verdict):
                continue
            text = f"{t(f'checkin.verdict.{verdict}', lang)} {counts[verdict]}"
            w = fonts.width(text, 10) + 10
            x -= w
            canvas.setFillColor(VERDICT_COLORS[verdict])
            canvas.roundRect(x, top - 40, w - 2, 13, 3, stroke=0, fill=1)
            canvas.setFillColor(colors.white)
            fonts.draw(canvas, x + (w - 2) / 2, top - 37, text, 10, anchor="middle")
            x -= 4
        canvas.setStrokeColor(colors.HexColor(swatch))
        canvas.setLineWidth(1.5)
        canvas.line(MARGIN, top - HEADER + 2, PAGE_W - MARGIN, top - HEADER + 2)
        canvas.setFillColor(MUTED)
        fonts.draw(canvas, MARGIN, MARGIN - 12, t("checkin.board.footer", lang,
                                                 month=report.next_period), 7.5)
        canvas.restoreState()


def story(board: Board, styles: Styles) -> list[Flowable]:
    """The tiles take what the foot's tables leave of the page (at most ``FOOT`` for them:
    a longer list of actions goes on in smaller tiles, never off the page)."""
    width = PAGE_W - 2 * MARGIN
    bottom = foot(board, width, styles)
    _w, used = bottom.wrap(width, PAGE_H)
    height = PAGE_H - 2 * MARGIN - HEADER - GAP - min(max(used, 60.0), FOOT * 1.6)
    return [*tiles(board, width, height, styles), bottom]


def build_board_pdf(report: CheckinReport, board: Board, path: str | os.PathLike[str] | IO[bytes],
                    font: FontChoice) -> list[Missing]:
    """Write `board` to `path` as one A4 landscape page; the characters no font has."""
    font_name = register_font(font)
    styles = make_styles(font_name, report.lang, width=PAGE_W - 2 * MARGIN)
    target = os.fspath(path) if isinstance(path, (str, os.PathLike)) else path
    doc = _BoardDocument(target, report, board, font_name)
    with collect_missing() as missing:
        doc.build(story(board, styles))
    return missing


__all__ = ["build_board_pdf", "story"]
