"""The actions as CSV, one row per action, for Excel and follow-up trackers.

UTF-8 with a byte-order mark, so Excel opens Chinese correctly; headers in the
workshop's language. Rows come from the plan report, like the PDF: team by team, in
plan order and with the plan's numbers, every field of the template, and what the
readiness check still finds missing. A cell that Excel would read as a formula (``=…``,
``+…``, ``-…``, ``@…``, unless it is a plain number) gets a leading apostrophe: user
text is data.
"""

from __future__ import annotations

import csv
import io
import re

from workshop.i18n import t
from workshop.model import Workshop
from workshop.report.plan import ActionRow
from workshop.report.plan import build as build_plan

BOM = "\ufeff"
COLUMNS = ("team", "number", "strategy", "what", "owner", "checker", "start", "due",
           "measure", "target", "support", "cadence", "next_check", "status", "milestones", "goal",
           "gap", "resources", "obstacles", "skills", "reward", "penalty", "pdca_plan",
           "pdca_do", "pdca_check", "pdca_act", "missing")
"""The columns, in order: what the printed plan shows first, then the rest of the
template, then the readiness check."""
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def safe_cell(value: str) -> str:
    """`value`, defused if a spreadsheet would run it as a formula."""
    if value and value[0] in "=+-@\t\r" and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _row(action: ActionRow, lang: str) -> list[str]:
    missing = list(action.missing)
    if missing:
        missing = [t("word.list_sep", lang).join(missing)]
    return [
        action.team, str(action.number), action.strategy, action.what, action.owner,
        action.checker, action.start, action.due, action.measure, action.target, action.support,
        action.cadence, action.next_check, action.status,
        "; ".join(m.label(lang) for m in action.milestones), action.goal, action.gap,
        action.resources, action.obstacles, action.skills, action.reward, action.penalty,
        action.pdca_plan, action.pdca_do, action.pdca_check, action.pdca_act,
        "; ".join(missing + action.problems),
    ]


def render(doc: Workshop, lang: str) -> str:
    """The CSV text in `lang` (without the byte-order mark): a header row, then one row per
    action."""
    report = build_plan(doc, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([t(f"export.csv.{column}", lang) for column in COLUMNS])
    for plan in report.teams:
        for action in plan.actions:
            writer.writerow([safe_cell(value) for value in _row(action, lang)])
    return buffer.getvalue()


def to_bytes(doc: Workshop, lang: str) -> bytes:
    """The file's bytes: UTF-8 with a byte-order mark."""
    return (BOM + render(doc, lang)).encode("utf-8")
