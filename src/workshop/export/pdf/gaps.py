"""The gaps step in the PDF: 第二步 现状分析：关键差距.

The report prints the ranked gap table (key gaps marked), the key gaps with their root
causes, one fishbone diagram per key gap (vector graphics, ``gaps_fishbone``), the 5-Why
chains, the PEST grid, the SWOT 2×2 and the TOWS cross. A team's handout carries the key
gaps and their root causes: the focus its action plan answers.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from workshop.export.pdf import sections
from workshop.export.pdf.gaps_fishbone import ROOT, drawing, layout
from workshop.export.pdf.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FRAME_HEIGHT,
    MUTED,
    Plain,
    Styles,
    esc,
    markup_para,
    para,
    readable_ink,
    safe_color,
    table,
)
from workshop.i18n import t
from workshop.report import StepReport, TeamRow
from workshop.report.base import BoardRow
from workshop.report.gaps import CauseRow, FishboneRow, GapRow, GapsReport, WhyRow

FISHBONE_ROOM = FRAME_HEIGHT - 18 * mm
"""The tallest a fishbone may be drawn: a page less its heading and legend."""


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def _score(value: int | None) -> Plain:
    return Plain("" if value is None else str(value))


# -- the gap table -------------------------------------------------------------------------

def _gap_cell(row: GapRow, styles: Styles) -> Flowable:
    markup = esc(row.text)
    if row.hidden:
        markup += f' <font color="{_hex(MUTED)}">{esc(t("word.hidden", styles.lang))}</font>'
    for text in row.merged_texts:
        markup += f'<br/><font color="{_hex(MUTED)}">＋ {esc(text)}</font>'
    return markup_para(markup, styles.cell)


def gap_table(report: GapsReport, styles: Styles) -> list[Flowable]:
    lang = styles.lang
    if not report.gaps:
        return []
    header = [t("gaps.pdf.rank", lang), t("gaps.pdf.gap", lang), t("gaps.pdf.teams", lang),
              t("gaps.pdf.kind", lang), t("gaps.pdf.cost", lang), t("gaps.pdf.strategic", lang),
              t("gaps.pdf.urgency", lang), t("gaps.pdf.score", lang), t("gaps.pdf.votes", lang),
              t("gaps.pdf.key", lang)]
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for i, row in enumerate(report.gaps, 1):
        rank = f"{row.rank}=" if row.tied else str(row.rank)
        rows.append([Plain(rank), _gap_cell(row, styles),
                     Plain(t("word.list_sep", lang).join(row.teams)), Plain(row.kind_label),
                     _score(row.cost), _score(row.strategic), _score(row.urgency),
                     _score(row.score), _score(row.votes or None),
                     Plain("★" if row.key else "")])
        if row.key:
            extra += [("BACKGROUND", (0, i), (-1, i), ACCENT_LIGHT),
                      ("LINEBEFORE", (0, i), (0, i), 3, ACCENT)]
        if row.teams:
            extra.append(("TEXTCOLOR", (2, i), (2, i), colors.HexColor(readable_ink(row.color))))
    note = t("gaps.pdf.method_note", lang, method=report.method, count=report.key_count)
    story: list[Flowable] = [
        CondPageBreak(sections.BOARD_ROOM),
        sections.board_heading(t("board.storm", lang), len(report.gaps), styles),
        para(note, styles.muted),
        table(header, rows, [0.9, 5.2, 1.6, 1.6, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], styles,
              zebra=False, extra=extra),  # type: ignore[arg-type]
    ]
    if report.tie_at_cut:
        story.append(para(t("gaps.pdf.tie_note", lang), styles.muted))
    return story


# -- key gaps and root causes --------------------------------------------------------------

def _roots_cell(report: GapsReport, gap: GapRow, styles: Styles) -> Flowable | str:
    roots = [r for r in report.roots if r.gap_id == gap.id]
    if not roots:
        return markup_para(f'<font color="{_hex(MUTED)}">'
                           f'{esc(t("gaps.pdf.no_root", styles.lang))}</font>', styles.cell)
    return markup_para("<br/>".join(
        f'<font color="{_hex(ROOT)}">●</font> {esc(r.text)} '
        f'<font color="{_hex(MUTED)}" size="7.5">{esc(r.source)}</font>' for r in roots),
        styles.cell)


def key_gaps(report: GapsReport, styles: Styles) -> list[Flowable]:
    lang = styles.lang
    keys = report.key_gaps
    if not keys:
        if report.gaps:
            return [para(t("gaps.pdf.no_key_gaps", lang), styles.muted)]
        return []
    rows = [[Plain(str(g.rank)), para(g.text, styles.cell), _roots_cell(report, g, styles)]
            for g in keys]
    return [CondPageBreak(sections.BOARD_ROOM), para(t("gaps.pdf.key_gaps", lang), styles.h2),
            table([t("gaps.pdf.rank", lang), t("gaps.pdf.key_gap", lang),
                   t("gaps.pdf.root_causes", lang)], rows, [0.8, 4.6, 5.2], styles)]


# -- fishbones -----------------------------------------------------------------------------

def _cause_rows(causes: list[CauseRow], bone: str, styles: Styles) -> list[list[object]]:
    out: list[list[object]] = []
    for cause in causes:
        indent = "　" * (cause.level - 1)
        mark = (f' <font color="{_hex(ROOT)}">● {esc(t("gaps.pdf.root", styles.lang))}</font>'
                if cause.root else "")
        out.append([Plain(cause.number), Plain(bone if cause.level == 1 else ""),
                    markup_para(indent + esc(cause.text) + mark, styles.cell)])
        out += _cause_rows(cause.children, bone, styles)
    return out


def fishbone(row: FishboneRow, styles: Styles) -> list[Flowable]:
    """One fishbone: heading, the diagram, a legend; the causes in full when the diagram
    had to shorten any."""
    lang = styles.lang
    title = (t("gaps.pdf.fishbone_key", lang, rank=row.rank, gap=row.gap) if row.key
             else t("gaps.pdf.fishbone", lang, gap=row.gap))
    if not row.cause_count:  # nothing to draw yet: say so rather than print empty bones
        labels = t("word.list_sep", lang).join(bone.label for bone in row.bones)
        return [CondPageBreak(sections.BOARD_ROOM), para(title, styles.h2),
                para(t("gaps.pdf.no_causes", lang, bones=labels), styles.muted)]
    fish = layout(row, styles.font, styles.width, FISHBONE_ROOM)
    picture = drawing(fish, styles.font)
    if fish.height > FISHBONE_ROOM:  # even the smallest try is too tall: scale it to the page
        picture.renderScale = FISHBONE_ROOM / fish.height
    height = fish.height * picture.renderScale
    legend = t("gaps.pdf.legend", lang, causes=row.cause_count, roots=len(row.roots))
    story: list[Flowable] = [
        CondPageBreak(height + 22 * mm),
        para(title, styles.h2),
        picture,
        Spacer(1, 2 * mm),
        markup_para(f'<font color="{_hex(ROOT)}">●</font> {esc(t("gaps.pdf.root", lang))}'
                    f' · {esc(legend)}', styles.muted),
    ]
    if fish.cut:
        rows = [r for bone in row.bones for r in _cause_rows(bone.causes, bone.label, styles)]
        story += [para(t("gaps.pdf.causes_in_full", lang), styles.h3),
                  table([t("gaps.pdf.number", lang), t("gaps.pdf.bone", lang),
                         t("gaps.pdf.cause", lang)], rows, [0.9, 1.6, 8], styles)]
    return story


# -- 5-Why ---------------------------------------------------------------------------------

def why_chain(row: WhyRow, styles: Styles) -> list[Flowable]:
    lang = styles.lang
    rows: list[list[object]] = []
    extra: list[tuple[object, ...]] = []
    for i, text in enumerate(row.links, 1):
        is_root = row.root_index == i - 1
        cell: Flowable | str = text
        if is_root:
            cell = markup_para(f'{esc(text)} <font color="{_hex(ROOT)}">● '
                               f'{esc(t("gaps.pdf.root", lang))}</font>', styles.cell)
            extra.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#fbeaea")))
        rows.append([Plain(t("gaps.pdf.why_n", lang, n=i)), cell])
    depth = t("gaps.pdf.depth", lang, depth=row.depth)
    head = esc(t("gaps.pdf.problem", lang, text=row.problem))
    if row.gap and row.gap != row.problem:
        head += f' <font size="8" color="{_hex(MUTED)}">· {esc(row.gap)}</font>'
    story: list[Flowable] = [CondPageBreak(30 * mm), markup_para(head, styles.h3),
                             para(depth, styles.muted)]
    if rows:
        story.append(table([t("gaps.pdf.why", lang), t("gaps.pdf.answer", lang)], rows,
                           [1.4, 9], styles, zebra=False, extra=extra))  # type: ignore[arg-type]
    if row.stopped_early:
        reason = row.stop_reason or t("gaps.pdf.no_reason", lang)
        story.append(para(t("gaps.pdf.stopped_early", lang, depth=row.root_index + 1
                            if row.root_index is not None else row.depth, reason=reason),
                          styles.muted))
    return story


def why_chains(report: GapsReport, styles: Styles) -> list[Flowable]:
    if not report.whys:
        return []
    story: list[Flowable] = [CondPageBreak(sections.BOARD_ROOM),
                             para(t("gaps.pdf.whys", styles.lang), styles.h2)]
    for row in report.whys:
        story += why_chain(row, styles)
    return story


# -- PEST, SWOT, TOWS ----------------------------------------------------------------------

def _list_cell(board: BoardRow | None, styles: Styles) -> list[Flowable]:
    if board is None or not board.cards:
        return [markup_para(f'<font color="{_hex(MUTED)}">—</font>', styles.cell)]
    out: list[Flowable] = []
    for card in board.cards:
        markup = "• " + esc(card.text)
        if card.hidden:
            markup += f' <font color="{_hex(MUTED)}">{esc(t("word.hidden", styles.lang))}</font>'
        if card.team:
            markup += (f' <font size="7.5" color="{readable_ink(safe_color(card.color))}">'
                       f'{esc(card.team)}</font>')
        out.append(markup_para(markup, styles.cell))
    return out


def _head(text: str, styles: Styles) -> Paragraph:
    return para(text, styles.header_cell)


def _grid(title: str, pairs: list[tuple[BoardRow, BoardRow]], styles: Styles) -> list[Flowable]:
    """Boards two by two: a header row of labels over a row of lists, for each pair."""
    first, *rest = pairs
    rows: list[list[object]] = [[_list_cell(first[0], styles), _list_cell(first[1], styles)]]
    extra: list[tuple[object, ...]] = []
    for left, right in rest:
        extra += [("BACKGROUND", (0, len(rows) + 1), (-1, len(rows) + 1), ACCENT)]
        rows.append([_head(left.label, styles), _head(right.label, styles)])
        rows.append([_list_cell(left, styles), _list_cell(right, styles)])
    extra.append(("LINEAFTER", (0, 0), (0, -1), 0.25, ACCENT))
    return [CondPageBreak(sections.BOARD_ROOM), para(title, styles.h2),
            table([first[0].label, first[1].label], rows, [1, 1], styles, zebra=False,
                  extra=extra)]  # type: ignore[arg-type]


def pest_grid(report: GapsReport, styles: Styles) -> list[Flowable]:
    if not any(b.cards for b in report.pest):
        return []
    p, e, s, tech = report.pest
    return _grid(t("gaps.pdf.pest", styles.lang), [(p, e), (s, tech)], styles)


def swot_grid(report: GapsReport, styles: Styles) -> list[Flowable]:
    if not any(b.cards for b in report.swot):
        return []
    s, w, o, threats = report.swot
    return _grid(t("gaps.pdf.swot", styles.lang), [(s, w), (o, threats)], styles)


def tows_cross(report: GapsReport, styles: Styles) -> list[Flowable]:
    """The TOWS cross: strengths and weaknesses across, opportunities and threats down,
    the strategy ideas where they meet (SO, WO, ST, WT)."""
    if not any(b.cards for b in report.tows):
        return []
    lang = styles.lang
    s, w, o, threats = (b.label for b in report.swot)
    so, st, wo, wt = report.tows

    def cell(board: BoardRow) -> list[Flowable]:
        return [para(board.label, styles.h3), *_list_cell(board, styles)]

    rows = [[_head(o, styles), cell(so), cell(wo)],
            [_head(threats, styles), cell(st), cell(wt)]]
    extra = [("BACKGROUND", (0, 1), (0, -1), ACCENT),
             ("VALIGN", (0, 1), (0, -1), "TOP"),
             ("LINEAFTER", (0, 0), (1, -1), 0.25, ACCENT)]
    return [CondPageBreak(sections.BOARD_ROOM), para(t("gaps.pdf.tows", lang), styles.h2),
            para(t("gaps.pdf.tows_note", lang), styles.muted),
            table([t("gaps.pdf.tows_corner", lang), s, w], rows, [1.4, 4.3, 4.3], styles,
                  zebra=False, extra=extra)]  # type: ignore[arg-type]


# -- the step ------------------------------------------------------------------------------

def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report."""
    if not isinstance(report, GapsReport):
        return sections.step_story(report, styles)
    out = sections.step_heading(report, styles)
    if not report.has_content:
        return [*out, sections.empty_step(styles)]
    out += gap_table(report, styles)
    out += key_gaps(report, styles)
    for row in report.fishbones:
        out += fishbone(row, styles)
    out += why_chains(report, styles)
    out += pest_grid(report, styles)
    out += swot_grid(report, styles)
    out += tows_cross(report, styles)
    return out


def _team_boards(boards: list[BoardRow], team: TeamRow) -> list[BoardRow]:
    return [replace(b, cards=[c for c in b.cards if c.team == team.name]) for b in boards]


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The room's key gaps with their root causes (the focus every team's plan answers),
    then the team's own cards: its gap cards, and its PEST, SWOT and TOWS cards in the
    same grids as the report. Empty when there is none of these."""
    if not isinstance(report, GapsReport):
        return sections.team_step_story(report, team, styles)
    mine = replace(report, pest=_team_boards(report.pest, team),
                   swot=_team_boards(report.swot, team), tows=_team_boards(report.tows, team))
    storm = [f for b in _team_boards(report.boards, team)
             if b.board == "storm" for f in sections.board(b, styles, with_team=False)]
    parts = [*(key_gaps(report, styles) if report.key_gaps else []), *storm,
             *pest_grid(mine, styles), *swot_grid(mine, styles), *tows_cross(mine, styles)]
    if not parts:
        return []
    return [*sections.step_heading(report, styles, purpose=False), *parts]
