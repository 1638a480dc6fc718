"""The co-creation step in the PDF: 第四步 团队共创.

The report shows the focus question, the strategy model as a vector drawing (the goal
as the roof, the named clusters as pillars in priority order, the focus question as
the foundation), the priority table with the dots, and every cluster with its cards.
A team's handout shows the model with the team's own strategies in its colour, and
those strategies with their cards.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Polygon, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, TableStyle

from workshop.export.pdf import sections
from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FRAME_HEIGHT,
    INK,
    MUTED,
    RULE,
    Plain,
    Styles,
    Table,
    esc,
    markup_para,
    para,
    safe_color,
    table,
    team_tag,
)
from workshop.i18n import t
from workshop.report import BoardRow, StepReport, TeamRow
from workshop.report.cocreate import ClusterRow, CocreateReport

PILLARS_PER_ROW = 6
"""More strategies than this stack in further rows of pillars under the same roof."""
PILLAR_GAP = 8.0
ROOF_HEIGHT = 62.0
BASE_HEIGHT = 34.0
PILLAR_HEIGHT = 112.0
BEAM = 6.0
MAX_HEIGHT = FRAME_HEIGHT - 80 * mm
"""The tallest the model may be: it is one drawing (a drawing cannot break across pages)
and shares its page with the step's heading and the focus question."""
DIM = colors.HexColor("#eef1f4")
"""Fill of a pillar that is not the team's own, in a team's handout."""


def fit_lines(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """`text` broken into lines no wider than `width` points (at spaces where it can,
    anywhere inside CJK), at most `max_lines`, the last one cut with an ellipsis; widths
    as drawn, fallback fonts included."""
    text = " ".join(text.split())
    fonts = stack_for(font)
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if fonts.width(candidate.rstrip(), size) <= width:
            line = candidate
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        for char in token.lstrip():
            if fonts.width(line + char, size) > width and line:
                lines.append(line)
                line = ""
            line += char
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and fonts.width(last + "…", size) > width:
            last = last[:-1]
        lines = [*lines[:max_lines - 1], last + "…"]
    return lines


def _tokens(text: str) -> list[str]:
    """Latin words with their trailing space stay whole; every CJK character is a token."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char == " ":
            tokens.append(word + " ")
            word = ""
        elif ord(char) > 0x2E7F:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def _centered(drawing: Drawing, lines: Sequence[str], cx: float, top: float, font: str,
              size: float, color: colors.Color) -> None:
    fonts = stack_for(font)
    for i, line in enumerate(lines):
        for piece in fonts.strings(cx, top - size - i * size * 1.25, line, size,
                                   anchor="middle", fillColor=color):
            drawing.add(piece)


def strategy_model(report: CocreateReport, styles: Styles, *, width: float | None = None,
                   team_id: str | None = None, question_above: bool = False) -> Drawing:
    """The strategy model as a drawing. With `team_id`, that team's strategies are filled
    in its colour and the others are pale. With `question_above`, the foundation points
    to the focus question printed above the model instead of repeating it."""
    font = styles.font
    lang = styles.lang
    width = styles.width if width is None else width
    pillars = report.pillars
    per_row = PILLARS_PER_ROW if len(pillars) <= 3 * PILLARS_PER_ROW else PILLARS_PER_ROW + 2
    rows = max(1, -(-len(pillars) // per_row))
    height = ROOF_HEIGHT + rows * (PILLAR_HEIGHT + BEAM) + BASE_HEIGHT
    drawing = Drawing(width, height)

    # the roof: the goal
    roof_base = height - ROOF_HEIGHT
    drawing.add(Polygon([0, roof_base, width / 2, height, width, roof_base],
                        fillColor=ACCENT, strokeColor=ACCENT, strokeWidth=0))
    goal = report.goal or t("cocreate.pdf.no_goal", lang)
    roof_lines = fit_lines(goal, font, 10.5, width * 0.46, 2)
    _centered(drawing, roof_lines, width / 2, roof_base + 8 + 12.5 * len(roof_lines), font,
              10.5, colors.white)

    # the pillars: the strategies, in priority order, left to right and row by row
    top = roof_base - BEAM
    for row in range(rows):
        chunk = pillars[row * per_row:(row + 1) * per_row]
        drawing.add(Rect(0, top, width, BEAM, fillColor=ACCENT, strokeWidth=0))
        count = max(len(chunk), 1)
        pillar_w = (width - PILLAR_GAP * (count + 1)) / count
        bottom = top - PILLAR_HEIGHT
        if not chunk:
            _centered(drawing, [t("cocreate.pdf.no_pillars", lang)], width / 2,
                      top - PILLAR_HEIGHT / 2 + 6, font, 9, MUTED)
        for i, pillar in enumerate(chunk):
            x = PILLAR_GAP + i * (pillar_w + PILLAR_GAP)
            own = team_id is not None and pillar.team_id == team_id
            if team_id is None:
                fill = ACCENT_LIGHT
                ink = INK
            elif own:
                fill = colors.HexColor(safe_color(pillar.team_color))
                ink = colors.HexColor(readable_on_fill(pillar.team_color))
            else:
                fill = DIM
                ink = MUTED
            drawing.add(Rect(x, bottom, pillar_w, PILLAR_HEIGHT, fillColor=fill,
                             strokeColor=RULE if not own else fill, strokeWidth=0.6))
            if team_id is None and pillar.team_color:
                drawing.add(Rect(x, bottom, pillar_w, 4,
                                 fillColor=colors.HexColor(safe_color(pillar.team_color)),
                                 strokeWidth=0))
            _centered(drawing, [str(pillar.rank)], x + pillar_w / 2, top - 4, font, 13,
                      ink if own else ACCENT if team_id is None else ink)
            name_lines = fit_lines(pillar.name, font, 9.5, pillar_w - 8, 5)
            _centered(drawing, name_lines, x + pillar_w / 2, top - 26, font, 9.5, ink)
            votes = report.dots_text(pillar.votes, lang)
            footer = [votes]
            if pillar.team:
                footer.insert(0, fit_lines(pillar.team, font, 7.5, pillar_w - 6, 1)[0])
            for j, line in enumerate(reversed(footer)):
                for piece in stack_for(font).strings(x + pillar_w / 2, bottom + 8 + j * 10,
                                                     line, 7.5, anchor="middle",
                                                     fillColor=ink):
                    drawing.add(piece)
        top = bottom - BEAM

    # the foundation: the focus question
    drawing.add(Rect(0, 0, width, BASE_HEIGHT - 4, fillColor=ACCENT, strokeWidth=0))
    question = (t("cocreate.pdf.model_base", lang) if question_above
                else report.focus_question or t("cocreate.pdf.no_question", lang))
    base_lines = fit_lines(question, font, 9, width - 20, 2)
    _centered(drawing, base_lines, width / 2, (BASE_HEIGHT - 4) / 2 + 6 * len(base_lines),
              font, 9, colors.white)
    if height > MAX_HEIGHT:  # dozens of strategies: shrink the model to fit one page
        factor = MAX_HEIGHT / height
        drawing.scale(factor, factor)
        drawing.width, drawing.height = width * factor, height * factor
        drawing.hAlign = "CENTER"
    return drawing


def readable_on_fill(color: str) -> str:
    """Black or white, whichever reads better on a fill of `color`."""
    hex_color = safe_color(color)
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


def focus_box(question: str, styles: Styles) -> Flowable:
    """The focus question, large, in a tinted box."""
    style = styles.cover_org.clone("focus_question", fontSize=14, leading=20, textColor=ACCENT)
    label = para(t("cocreate.pdf.focus_question", styles.lang), styles.cell_muted)
    box = Table([[label], [para(question, style)]], colWidths=[styles.width],
                style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 10),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                                  ("TOPPADDING", (0, 0), (0, 0), 8),
                                  ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
                                  ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT)]))
    return box


def _dots_by_team(row: ClusterRow) -> str:
    return "  ".join(f"{d.team} {d.dots}" for d in row.by_team)


def priority_table(report: CocreateReport, styles: Styles,
                   rows: Sequence[ClusterRow] | None = None) -> Flowable:
    lang = styles.lang
    chosen = list(report.pillars if rows is None else rows)
    body: list[list[object]] = []
    for row in chosen:
        rank = f"{row.rank}{' =' if row.tied else ''}"
        body.append([Plain(rank), row.name, Plain(report.dots_cell(row.votes)),
                     _dots_by_team(row),
                     Plain(str(len(row.cards))),
                     markup_para(team_tag(row.team, row.team_color), styles.cell)
                     if row.team else ""])
    return table([t("cocreate.pdf.rank", lang), t("cocreate.pdf.strategy", lang),
                  t("cocreate.pdf.dots", lang), t("cocreate.pdf.by_team", lang),
                  t("cocreate.pdf.cards", lang), t("cocreate.pdf.owner", lang)],
                 body, [0.8, 4.2, 0.9, 2.6, 0.9, 1.8], styles)  # type: ignore[arg-type]


def cluster_label(report: CocreateReport, row: ClusterRow, lang: str) -> str:
    name = row.name or t("cocreate.unnamed", lang)
    if row.name:
        return t("cocreate.pdf.cluster_label", lang, rank=row.rank, name=name,
                 dots=report.dots_text(row.votes, lang))
    return name


def _clusters(report: CocreateReport, styles: Styles,
              rows: Sequence[ClusterRow]) -> list[Flowable]:
    lang = styles.lang
    out: list[Flowable] = []
    for row in rows:
        board = BoardRow(board=row.id, label=cluster_label(report, row, lang), cards=row.cards)
        out += sections.board(board, styles) or [
            sections.board_heading(board.label, 0, styles)]
    return out


def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report."""
    assert isinstance(report, CocreateReport)
    lang = styles.lang
    drawing = (strategy_model(report, styles, question_above=bool(report.focus_question))
               if report.pillars else None)
    # the heading, the focus question and the model belong on one page when they fit
    room = (drawing.height if drawing is not None else 0) + 75 * mm
    out: list[Flowable] = [CondPageBreak(min(room, FRAME_HEIGHT - 10 * mm)),
                           *sections.step_heading(report, styles)]
    if report.focus_question:
        out += [sections.keep_with_next(focus_box(report.focus_question, styles)),
                Spacer(1, 4 * mm)]
    if not report.has_content:
        return [*out, sections.empty_step(styles)]
    if drawing is not None:
        out += [KeepTogether([para(t("cocreate.pdf.model", lang), styles.h2), drawing]),
                Spacer(1, 3 * mm),
                para(t("cocreate.pdf.priority", lang), styles.h2),
                para(report.vote_rule(lang), styles.muted),
                priority_table(report, styles)]
        if any(row.tied for row in report.pillars):
            out.append(para(t("cocreate.pdf.tie_rule", lang), styles.muted))
    if report.clusters:
        out += [para(t("cocreate.pdf.clusters", lang), styles.h2),
                *_clusters(report, styles, report.clusters)]
    if report.loose:
        out += sections.board(BoardRow(board="loose", label=t("cocreate.loose", lang),
                                       cards=report.loose), styles)
    return out


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The strategy model with `team`'s strategies highlighted, and those strategies with
    their cards; without strategies, the team's cards; empty when there is neither."""
    assert isinstance(report, CocreateReport)
    lang = styles.lang
    if not report.pillars:
        return sections.team_step_story(report, team, styles)
    own = report.team_pillars(team.id)
    out = sections.step_heading(report, styles, purpose=False)
    if report.focus_question:
        out += [sections.keep_with_next(focus_box(report.focus_question, styles)),
                Spacer(1, 3 * mm)]
    drawing = strategy_model(report, styles, team_id=team.id,
                             question_above=bool(report.focus_question))
    out += [CondPageBreak(drawing.height + 20 * mm), drawing, Spacer(1, 2 * mm)]
    if own:
        out += [markup_para(f"{team_tag(team.name, team.color)} · "
                            f"{esc(t('cocreate.pdf.our_strategies', lang))}", styles.h2),
                priority_table(report, styles, own), *_clusters(report, styles, own)]
    else:
        out += [para(t("cocreate.pdf.no_own_strategies", lang), styles.muted),
                priority_table(report, styles)]
    return out


__all__ = ["fit_lines", "handout", "story", "strategy_model"]
