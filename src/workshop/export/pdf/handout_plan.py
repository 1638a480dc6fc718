"""Page 1 of a team's handout, the wall sheet: the plan, read from a metre and a half.

The team's name in its colour; the goal (baseline → target, deadline, who answers for
it); its milestones across the periods of the goal's time cascade, with an empty row for
what was actually reached, filled in by hand each period; then the action table — what,
who does it, who checks it, start → due, measure and target, the check rhythm and the
next check, status — with a row of tick boxes under each action, one per month (per week
for a plan of a few weeks) of the action's span: 写我所做, in pen, on the wall.

Body text is 10 pt; nothing on the page is smaller than 9 pt.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable, HRFlowable, TableStyle

from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.plan import WARN, flag_lines
from workshop.export.pdf.styles import (
    ACCENT,
    ACCENT_LIGHT,
    INK,
    MUTED,
    RULE,
    Plain,
    Styles,
    Table,
    esc,
    markup_para,
    para,
    readable_ink,
    safe_color,
)
from workshop.i18n import t
from workshop.report.plan import ActionRow, MilestoneRow, TeamPlan
from workshop.report.vision import GoalRow

SMALLEST = 9.0
"""The smallest type on the sheet (labels, the role under a name)."""
PAD = 3.0
ACTION_COLUMNS = (24, 0, 58, 60, 62, 78, 60, 36)
"""Widths in points of: number, action (takes the rest), owner, checker, dates, measure
and target, rhythm and next check, status."""
LONG_ACTION = 300
"""Characters of an action's text past which its row may break across pages."""
SPLIT_ACTION = 200.0
"""Points of an action that must fit on a page before its row may break there: a row
shorter than that (any but a page-long action) moves whole to the next page."""
BLANK_ROWS = 6
"""Empty rows printed for a team with no action yet, to write on."""


def _hex(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


# -- the top: team and goal ---------------------------------------------------------------------

def masthead(team_name: str, team_color: str, kicker: str, styles: Styles) -> list[Flowable]:
    """The team's name large in a shade of its colour, what the sheet is, and a rule."""
    ink = readable_ink(team_color)
    fonts = stack_for(styles.font)
    # the name and what the sheet is on one line: a long name gets smaller type (down
    # to 16 pt) before the words after it wrap; past that, they start a line of their own
    kicker_w = fonts.width(f"　{kicker}", 12)
    size = 22.0
    while size > 16 and fonts.width(f"■ {team_name}", size) + kicker_w > styles.width:
        size -= 1
    apart = fonts.width(f"■ {team_name}", size) + kicker_w > styles.width
    style = styles.h1.clone("sheet_team", fontSize=size, leading=size * 1.27, spaceBefore=0,
                            spaceAfter=0, textColor=colors.HexColor(ink), keepWithNext=0)
    swatch = safe_color(team_color)
    markup = (f'<font color="{swatch}">■</font> {esc(team_name)}{"<br/>" if apart else ""}'
              f'<font size="12" color="{_hex(MUTED)}">{"" if apart else "　"}'
              f"{esc(kicker)}</font>")
    return [markup_para(markup, style),
            HRFlowable(width="100%", thickness=2.5, color=colors.HexColor(swatch),
                       spaceBefore=3, spaceAfter=5)]


def goal_box(goal: GoalRow | None, owner: str, signoff: str, styles: Styles) -> Flowable:
    """The goal in a tinted box: the statement large, then baseline → target, deadline,
    who answers for it, and the leader's sign-off."""
    lang = styles.lang
    label = styles.cell.clone("sheet_label", fontSize=SMALLEST, leading=12, textColor=MUTED)
    big = styles.body.clone("sheet_goal", fontSize=13, leading=18, spaceAfter=0)
    facts_style = styles.body.clone("sheet_facts", fontSize=10, leading=14, spaceAfter=0)
    if goal is None:
        rows = [[para(t("pdf.sheet.goal", lang), label),
                 para(t("pdf.sheet.no_goal", lang), facts_style)]]
    else:
        facts = []
        if goal.baseline_text or goal.target_text:
            facts.append(t("pdf.sheet.from_to", lang, baseline=goal.baseline_text or "—",
                           target=goal.target_text or "—"))
        if goal.stretch_text:
            facts.append(t("pdf.sheet.stretch", lang, stretch=goal.stretch_text))
        if goal.deadline:
            facts.append(t("pdf.sheet.deadline", lang, date=goal.deadline))
        if owner:
            facts.append(t("pdf.sheet.owner", lang, owner=owner))
        if signoff:
            facts.append(t("pdf.sheet.signoff", lang, decision=signoff))
        rows = [[para(t("pdf.sheet.goal", lang), label), para(goal.statement, big)],
                ["", para("　·　".join(facts), facts_style)]]
    width = styles.width
    return Table(rows, colWidths=[width * 0.09, width * 0.91], hAlign="LEFT", style=TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
    ]))


# -- milestones ---------------------------------------------------------------------------------

def _period_label(milestone: MilestoneRow) -> str:
    """The period's name (1月, 第一季度), else the month it ends (2027-03)."""
    return milestone.note or milestone.month


def milestone_grid(milestones: list[MilestoneRow], unit: str, styles: Styles) -> list[Flowable]:
    """The goal's milestones as columns: the period, then the plan — for an amount what
    each period must bring and, under it, the running total it adds up to; for a level
    (a rate, a unit cost) where it must stand — and an empty row for the actual value,
    to fill in by hand."""
    if not milestones:
        return []
    lang = styles.lang
    header_style = styles.header_cell.clone("sheet_head_c", alignment=1, fontSize=SMALLEST,
                                            leading=11)
    value_style = styles.cell.clone("sheet_value", alignment=1, fontSize=10, leading=12)
    total_style = value_style.clone("sheet_total", fontSize=SMALLEST, leading=10,
                                    textColor=MUTED)
    row_label = styles.cell.clone("sheet_rowlabel", fontSize=10, leading=12)
    in_unit = f"（{unit}）" if unit else ""
    amount = any(m.in_period for m in milestones)
    header = [para(t("pdf.sheet.period", lang), header_style.clone("sheet_head_l",
                                                                   alignment=0))]
    plan: list[object] = [para(t("pdf.sheet.plan_row", lang) + in_unit, row_label)]
    total: list[object] = [para(t("pdf.sheet.total_row", lang), row_label.clone(
        "sheet_rowlabel_total", fontSize=SMALLEST, leading=10, textColor=MUTED))]
    actual: list[object] = [para(t("pdf.sheet.actual_row", lang), row_label)]
    for m in milestones:
        header.append(para(_period_label(m), header_style))
        plan.append(para((m.in_period if amount else m.target) or "—", value_style))
        total.append(para(m.target or "—", total_style))
        actual.append("")
    rows = [header, plan, *([total] if amount else []), actual]
    width = styles.width
    first = max(64.0, width * 0.12)
    rest = (width - first) / len(milestones)
    last = len(rows) - 1
    table = Table(rows, colWidths=[first] + [rest] * len(milestones),
                  rowHeights=[None] * last + [20 if amount else 22], hAlign="LEFT",
                  style=TableStyle([
                      ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                      ("LEFTPADDING", (0, 0), (-1, -1), 2),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                      ("TOPPADDING", (0, 0), (-1, -1), 2),
                      ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                      ("GRID", (0, 1), (-1, -1), 0.4, RULE),
                      ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                      ("LINEABOVE", (0, last), (-1, last), 0.8, INK),
                      # the running total is a thin line under the plan: the sheet keeps
                      # ten actions on its first two pages
                      *([("TOPPADDING", (0, 2), (-1, 2), 0),
                         ("BOTTOMPADDING", (0, 2), (-1, 2), 1)] if amount else []),
                  ]))
    title = para(t("pdf.sheet.milestones", lang), styles.h2.clone(
        "sheet_h2", spaceBefore=4 if amount else 6, spaceAfter=2 if amount else 3))
    return [title, table]


# -- the tick boxes --------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """A box in the tick row: a month (or a week), its first and last day."""

    label: str
    """``3月`` or ``2/8`` (the week's Monday)."""
    first: dt.date
    last: dt.date
    short: str = ""
    """``3`` where room is short (the table's heading says they are months)."""


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def check_periods(actions: list[ActionRow], milestones: list[MilestoneRow],
                  lang: str) -> list[Period]:
    """The columns of tick boxes: the months from the plan's first start to its last due
    date (the milestones' months for a plan without dates), at most twelve; weeks
    instead when the plan spans three months or less. Empty without any date."""
    days = [d for a in actions for d in (_date(a.start), _date(a.due)) if d]
    if not days:
        months = [d for d in (_date(f"{m.month}-01") for m in milestones) if d]
        days = months + [_month_end(d.year, d.month) for d in months[-1:]]
    if not days:
        return []
    first, last = min(days), max(days)
    if (last - first).days <= 92:
        start = first - dt.timedelta(days=first.weekday())
        out = []
        while start <= last and len(out) < 14:
            label = t("pdf.sheet.week", lang, month=start.month, day=start.day)
            out.append(Period(label, start, start + dt.timedelta(days=6), label))
            start += dt.timedelta(days=7)
        return out
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(out) < 12:
        out.append(Period(t(f"cascade.month_name.{month}", lang), dt.date(year, month, 1),
                          _month_end(year, month), str(month)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


class TickRow(Flowable):
    """A row of labelled boxes, one per period; a box only where the action runs."""

    BOX = 8.0
    HEIGHT = 11.0

    def __init__(self, periods: list[Period], start: dt.date | None, due: dt.date | None,
                 font: str, *, compact: bool = False) -> None:
        super().__init__()
        self.periods = periods
        self.start = start
        self.due = due
        self.font = font
        self.compact = compact
        """Short labels (the month's number) in a narrower row."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.HEIGHT

    def _runs(self, period: Period) -> bool:
        if self.start is not None and period.last < self.start:
            return False
        return not (self.due is not None and period.first > self.due)

    def draw(self) -> None:
        canvas = self.canv
        fonts = stack_for(self.font)
        cell = self.width / max(len(self.periods), 1)
        y = 0.5
        canvas.saveState()
        canvas.setLineWidth(0.7)
        for i, period in enumerate(self.periods):
            if not self._runs(period):
                continue
            label = period.short if self.compact else period.label
            used = fonts.width(label, SMALLEST) + 2 + self.BOX
            x = i * cell + max(0.0, (cell - used) / 2)  # centred in its slot
            canvas.setFillColor(INK)
            label_w = fonts.draw(canvas, x, y + 1, label, SMALLEST)
            canvas.setStrokeColor(INK)
            canvas.rect(x + label_w + 2, y, self.BOX, self.BOX, stroke=1, fill=0)
        canvas.restoreState()


# -- the action table --------------------------------------------------------------------------

def short_day(text: str, year: int | None) -> str:
    """``03-31`` when the date is in `year` (the plan's year, printed in the header),
    else the whole date."""
    day = _date(text)
    if day is None:
        return text
    return day.strftime("%m-%d") if year is not None and day.year == year else text


def plan_year(actions: list[ActionRow], deadline: str = "") -> int | None:
    """The plan's year, printed once in the table's header (a date in another year
    prints in full): the goal's deadline year, else the year most dates fall in; None
    for a plan without dates."""
    day = _date(deadline)
    if day is not None:
        return day.year
    years = Counter(d.year for a in actions
                    for d in (_date(a.start), _date(a.due), _date(a.next_check)) if d)
    return years.most_common(1)[0][0] if years else None


def _styles(styles: Styles) -> dict[str, object]:
    cell = styles.cell.clone("sheet_cell", fontSize=10, leading=13)
    return {
        "cell": cell,
        "small": cell.clone("sheet_small", fontSize=SMALLEST, leading=11.5, textColor=MUTED),
        "head": styles.header_cell.clone("sheet_head", fontSize=SMALLEST, leading=11),
        "band": cell.clone("sheet_band", fontSize=10, leading=13, textColor=ACCENT),
    }


def _person(name: str, role: str, style: object) -> Flowable:
    """A name, and under it the role, smaller and muted."""
    role_line = (f'<br/><font size="{SMALLEST}" color="{_hex(MUTED)}">{esc(role)}</font>'
                 if role else "")
    return markup_para(esc(name) + role_line, style)  # type: ignore[arg-type]


def _action_cells(action: ActionRow, year: int | None, st: dict, lang: str) -> list[object]:
    cell, small = st["cell"], st["small"]
    what = esc(action.what)
    for line in flag_lines(action, lang):  # what it still lacks, in red: fill in by hand
        what += f'<br/><font size="{SMALLEST}" color="{WARN}">▲ {esc(line)}</font>'

    owner: object
    if action.owner:
        owner = _person(action.owner, action.owner_role, cell)
    else:
        owner = markup_para(f'<font color="{WARN}">{esc(t("pdf.plan.unadopted", lang))}</font>',
                            cell)
    checker = (_person(action.checker_name, action.checker_role, cell) if action.checker
               else para(t("pdf.sheet.blank", lang), small))
    start, due = short_day(action.start, year), short_day(action.due, year)
    dates = ""
    if start or due:
        # a short start keeps its arrow; a whole date fills its line, the arrow goes down
        if start and len(start) <= 5:
            lines = [f"{start} →", due or "?"]
        elif start:
            lines = [start, f"→ {due}" if len(due) <= 5 else due or "?"]
        else:
            lines = [f"→ {due}"]
        dates = markup_para("<br/>".join(esc(line) for line in lines), cell)
    measure = "<br/>".join(p for p in (
        esc(action.measure),
        f'<font color="{_hex(ACCENT)}">{esc(t("pdf.plan.target_arrow", lang))} '
        f"{esc(action.target)}</font>" if action.target else "") if p)
    rhythm = esc(action.cadence)
    if action.next_check:
        day = short_day(action.next_check, year)
        if len(day) <= 5:
            rhythm += "<br/>" + esc(t("pdf.sheet.next", lang, date=day))
        else:  # a whole date on a line of its own, never broken at a hyphen
            rhythm += f"<br/>{esc(t('pdf.sheet.next', lang, date='').strip())}<br/>{esc(day)}"
    return [Plain(str(action.number)), markup_para(what, cell), owner, checker, dates,
            markup_para(measure, cell) if measure else "", markup_para(rhythm, cell),
            para(action.status, cell)]


def _base_style(styles: Styles) -> list[tuple[object, ...]]:
    return [("FONTNAME", (0, 0), (-1, -1), styles.font),
            ("FONTSIZE", (0, 0), (-1, -1), 10),
            ("LEADING", (0, 0), (-1, -1), 13),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]


def _compact_ticks(periods: list[Period], widths: list[float], font: str) -> bool:
    """True when the tick boxes fit under the right-hand columns (who checks to status),
    so an action's row grows only when its text does not already leave room for them."""
    fonts = stack_for(font)
    slot = max(fonts.width(p.short, SMALLEST) for p in periods) + TickRow.BOX + 4
    return slot * len(periods) <= sum(widths[3:]) - PAD


def _action_block(action: ActionRow, band: Flowable | None, periods: list[Period],
                  widths: list[float], year: int | None, st: dict,
                  styles: Styles) -> Table:
    """One action as a small table: (its strategy's band,) its row, its tick boxes —
    under the right-hand columns, or across the row when they do not fit there."""
    rows: list[list[object]] = []
    commands: list[tuple[object, ...]] = []
    if band is not None:
        rows.append([band, *[""] * 7])
        commands += [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.5, ACCENT)]
    main = len(rows)
    rows.append(_action_cells(action, year, st, styles.lang))
    if periods:
        compact = (len(action.what) <= LONG_ACTION
                   and _compact_ticks(periods, widths, styles.font))
        ticks = TickRow(periods, _date(action.start), _date(action.due), styles.font,
                        compact=compact)
        tick = main + 1
        if compact:
            rows.append([*[""] * 3, ticks, *[""] * 4])
            commands += [*(("SPAN", (c, main), (c, tick)) for c in range(3)),
                         ("SPAN", (3, tick), (-1, tick))]
        else:
            rows.append(["", ticks, *[""] * 6])
            commands.append(("SPAN", (1, tick), (-1, tick)))
        commands += [("TOPPADDING", (0, tick), (-1, tick), 0),
                     ("BOTTOMPADDING", (0, tick), (-1, tick), 1.5)]
    return Table(rows, colWidths=widths, hAlign="LEFT",
                 style=TableStyle([*_base_style(styles), *commands]))


def action_table(plan: TeamPlan | None, periods: list[Period], styles: Styles) -> Table:
    """The plan's actions, a band per strategy, each action with its tick boxes. Each
    action is one row of the outer table, so a page break never falls between an action
    and its boxes, nor between a strategy and its first action."""
    lang = styles.lang
    st = _styles(styles)
    actions = plan.actions if plan is not None else []
    year = plan_year(actions, plan.deadline if plan is not None else "")
    dates_label = (t("pdf.sheet.col.dates_year", lang, year=year) if year
                   else t("pdf.sheet.col.dates", lang))
    header = [para(t(f"pdf.sheet.col.{key}", lang), st["head"]) if key != "dates"
              else para(dates_label, st["head"])
              for key in ("number", "what", "owner", "checker", "dates", "measure",
                          "rhythm", "status")]
    widths = list(ACTION_COLUMNS)
    widths[1] = styles.width - sum(widths)
    head = Table([header], colWidths=widths, hAlign="LEFT", style=TableStyle([
        *_base_style(styles), ("BACKGROUND", (0, 0), (-1, -1), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    blocks: list[list[object]] = [[head]]
    for group in plan.groups if plan is not None else []:
        label = (t("pdf.plan.strategy_band", lang, rank=group.rank, name=group.strategy)
                 if group.rank else group.strategy)
        for n, action in enumerate(group.actions):
            band = para(label, st["band"]) if n == 0 else None
            blocks.append([_action_block(action, band, periods, widths, year, st, styles)])
    if not actions:
        blank = Table([[""] * 8 for _ in range(BLANK_ROWS)], colWidths=widths, hAlign="LEFT",
                      rowHeights=[26] * BLANK_ROWS, style=TableStyle([
                          ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
        blocks.append([blank])
    # an action moves whole to the next page; only one taller than this splits inside
    return Table(blocks, colWidths=[styles.width], repeatRows=1, hAlign="LEFT",
                 splitInRow=SPLIT_ACTION, style=TableStyle([
                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                     ("TOPPADDING", (0, 0), (-1, -1), 0),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                     ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
                     ("BOX", (0, 0), (-1, -1), 0.8, ACCENT)]))


def actions_part(plan: TeamPlan | None, milestones: list[MilestoneRow],
                 styles: Styles) -> list[Flowable]:
    """The heading (with how to use the tick boxes) and the action table."""
    lang = styles.lang
    periods = check_periods(plan.actions if plan else [], milestones, lang)
    heading = markup_para(
        f"{esc(t('pdf.sheet.actions', lang))}"
        f'<font size="{SMALLEST + 1}" color="{_hex(MUTED)}">　'
        f"{esc(t('pdf.sheet.ticks' if plan else 'pdf.sheet.no_actions', lang))}</font>",
        styles.h2.clone("sheet_h2a", spaceBefore=8, spaceAfter=3))
    return [heading, action_table(plan, periods, styles)]
