"""A check-in's actuals as CSV: one row per goal (or share) and period, the columns the
import reads back (``edits.checkin_import``): fill in the actual column in Excel and
import the file (``workshop checkin SESSION --import FILE``).

UTF-8 with a byte-order mark, so Excel opens Chinese correctly; numbers plain (no
thousands separators), dates ``YYYY-MM-DD``; user text defused where a spreadsheet would
run it as a formula.
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from workshop.edits.checkin_import import COLUMNS
from workshop.export.csv_export import BOM, safe_cell
from workshop.i18n import t
from workshop.methods.checkin.progress import all_progress
from workshop.methods.numbers import fmt
from workshop.model import Checkin, Workshop
from workshop.report.checkin_words import verdict_label


def _number(value: Fraction | None) -> str:
    return "" if value is None else fmt(value, "en", places=6, wan=False).replace(",", "")


def render(doc: Workshop, checkin: Checkin, lang: str) -> str:
    """The CSV text in `lang` (without the byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([t(f"checkin.csv.{column}", lang) for column in COLUMNS])
    goals = {goal.id: goal.statement for goal in doc.vision.goals}
    for p in all_progress(doc, checkin):
        found = p.subject
        team = doc.team(found.team_id)
        for row in p.rows:
            cells = {
                "team": team.name if team else "", "goal_id": found.goal_id,
                "goal": goals.get(found.goal_id, ""), "split": found.split,
                "share": "" if found.is_goal else found.name, "period": row.label,
                "start": row.period.start.isoformat(), "end": row.period.end.isoformat(),
                "unit": found.unit, "plan": _number(row.plan), "original": _number(row.original),
                "actual": "" if row.summed else _number(row.actual),
                "plan_total": _number(row.plan_total),
                "actual_total": _number(row.actual_total),
                "verdict": verdict_label(p.verdict, lang) if row.index == p.through else "",
            }
            writer.writerow([safe_cell(cells[column]) for column in COLUMNS])
    return buffer.getvalue()


def to_bytes(doc: Workshop, checkin: Checkin, lang: str) -> bytes:
    return (BOM + render(doc, checkin, lang)).encode("utf-8")
