"""One goal's chart on the performance board, drawn as vectors (reportlab graphics).

An amount is a burn-up: from 0 at the start, the plan so far (grey, the day's plan dashed
where a re-split replaced it) and the actual so far (thick, in the verdict's colour) rise
period by period toward the target line. A level is its path from the baseline toward the
target (lower is better for a cost) with the actual level beside it. The last actual is
labelled with its value; the periods are named under the axis.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect
from reportlab.lib import colors

from workshop.export.pdf.glyphs import stack_for
from workshop.export.pdf.styles import INK, MUTED, RULE
from workshop.methods.numbers import fmt
from workshop.report.checkin import GoalLine

VERDICT_COLORS = {
    "behind": colors.HexColor("#c0392b"),
    "ahead": colors.HexColor("#1e8449"),
    "on_pace": colors.HexColor("#1f5f9f"),
    "no_actual": colors.HexColor("#7f8c8d"),
    "missing": colors.HexColor("#b9770e"),
}
PLAN = colors.HexColor("#8a96a3")
LABEL = 7.5
"""Axis labels: the smallest type on the board."""


def short_label(label: str) -> str:
    """``第1周（2月1日—7日）`` → ``第1周``; ``2月1日 周一`` → ``2月1日``."""
    for mark in ("（", "(", " "):
        if mark in label:
            label = label.split(mark)[0]
    return label


def compact(value: float, lang: str) -> str:
    """An axis number: 100,000 → 10万 in Chinese, 100k in English; small ones as they are."""
    size = abs(value)
    if size >= 10_000 and lang == "zh":
        return fmt(value / 10_000, lang, places=1, wan=False) + "万"
    if size >= 10_000:
        return fmt(value / 1_000, lang, places=1, wan=False) + "k"
    return fmt(value, lang, places=2, wan=False)


def _scale(low: float, high: float) -> tuple[float, float]:
    if high <= low:
        pad = abs(high) * 0.05 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.08
    return low - pad, high + pad


def chart(goal: GoalLine, width: float, height: float, font: str, lang: str,
          target_label: str = "") -> Drawing:
    """The chart of `goal` in a `width` × `height` drawing; `target_label` names the target
    line (目标 13,000元)."""
    fonts = stack_for(font)
    drawing = Drawing(width, height)
    left, right, bottom, top = 34.0, 8.0, 13.0, 6.0
    plot_w, plot_h = width - left - right, height - bottom - top
    cells = goal.periods
    n = len(cells)
    amount = goal.kind == "amount"
    if amount:
        plan = [0.0] + [c.plan_total for c in cells]
        original = [0.0] + [_original_total(cells, i) for i in range(n)]
        actual = [0.0] + [c.actual_total if c.actual is not None else math.nan for c in cells]
        target = plan[-1]
        low, high = 0.0, max([*plan, *original, *(a for a in actual if not math.isnan(a))])
        high *= 1.06
    else:
        start = goal.start
        plan = [start] + [c.plan for c in cells]
        original = [start] + [c.original for c in cells]
        actual = [math.nan] + [c.actual if c.actual is not None else math.nan for c in cells]
        target = plan[-1]
        values = [*plan, *original, *(a for a in actual if not math.isnan(a))]
        low, high = _scale(min(values), max(values))

    def x(i: int) -> float:
        return left + plot_w * i / max(n, 1)

    def y(value: float) -> float:
        return bottom + plot_h * (value - low) / ((high - low) or 1)

    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=colors.HexColor("#fbfcfd"),
                     strokeColor=RULE, strokeWidth=0.5))
    for fraction in (0.0, 0.5, 1.0):  # three levels on the axis: enough from a distance
        value = low + (high - low) * fraction if not amount else target * fraction
        drawing.add(Line(left, y(value), left + plot_w, y(value), strokeColor=RULE,
                         strokeWidth=0.4))
        for s in fonts.strings(left - 3, y(value) - 2.5, compact(value, lang), LABEL,
                               anchor="end", fillColor=MUTED):
            drawing.add(s)
    drawing.add(Line(left, y(target), left + plot_w, y(target), strokeColor=INK,
                     strokeWidth=0.8, strokeDashArray=[3, 2]))
    for s in fonts.strings(left + 3, y(target) + (2.5 if amount or goal.direction == "up"
                                                  else -8), target_label, LABEL,
                           fillColor=INK):
        drawing.add(s)
    every = max(1, math.ceil(n / 8))
    for i, cell in enumerate(cells):
        if (i + 1) % every == 0 or i == n - 1:
            anchor = "end" if i == n - 1 else "middle"  # the last one stays in the tile
            for s in fonts.strings(x(i + 1), 3, short_label(cell.label), LABEL, anchor=anchor,
                                   fillColor=MUTED):
                drawing.add(s)
    if original != plan:
        drawing.add(_line(x, y, original, PLAN, 0.8, dashed=True))
    drawing.add(_line(x, y, plan, PLAN, 1.4))
    color = VERDICT_COLORS.get(goal.verdict, INK)
    known = [i for i, a in enumerate(actual) if not math.isnan(a)]
    if known:
        drawing.add(_line(x, y, actual, color, 2.4))
        for i in known:
            if i:
                drawing.add(Circle(x(i), y(actual[i]), 2.2, fillColor=color, strokeColor=color))
        last = known[-1]
        label = compact(actual[last], lang) if amount else fmt(actual[last], lang, places=3)
        anchor = "end" if last > n / 2 else "start"
        dx = -4 if anchor == "end" else 4
        for s in fonts.strings(x(last) + dx, y(actual[last]) + 4, label, 9, anchor=anchor,
                               fillColor=color):
            drawing.add(s)
    return drawing


def _original_total(cells: list, i: int) -> float:
    """The day's plan so far at period `i` (the original running total)."""
    return sum(c.original for c in cells[:i + 1])


def _line(x, y, values: list[float], color: colors.Color, width: float, *,
          dashed: bool = False) -> PolyLine:
    points: list[float] = []
    for i, value in enumerate(values):
        if not math.isnan(value):
            points += [x(i), y(value)]
    return PolyLine(points, strokeColor=color, strokeWidth=width,
                    strokeDashArray=[2, 2] if dashed else None, strokeLineJoin=1)
