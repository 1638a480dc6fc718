"""The actions as CSV, one row per action, for Excel and follow-up trackers.

UTF-8 with a byte-order mark, so Excel opens Chinese correctly; headers in the
workshop's language. A cell that Excel would read as a formula (``=…``, ``+…``, ``-…``,
``@…``, unless it is a plain number) gets a leading apostrophe: user text is data.
"""

from __future__ import annotations

import csv
import io
import re

from workshop.i18n import t
from workshop.model import Action, Workshop

BOM = "\ufeff"
COLUMNS = ("team", "strategy", "what", "owner", "start", "due", "measure", "target",
           "support", "cadence", "next_check", "status")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def safe_cell(value: str) -> str:
    """`value`, defused if a spreadsheet would run it as a formula."""
    if value and value[0] in "=+-@\t\r" and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _row(doc: Workshop, action: Action, lang: str) -> list[str]:
    team = doc.team(action.team_id)
    strategy = next((c.name for c in doc.cocreate.clusters if c.id == action.strategy_id), "")
    owner = doc.member(action.owner_id)

    def day(value: object) -> str:
        return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]

    return [
        team.name if team else "",
        strategy,
        action.what,
        owner[1].name if owner else "",
        day(action.start),
        day(action.due),
        action.measure,
        action.target,
        action.support,
        t(f"cadence.{action.cadence}", lang),
        day(action.next_check),
        t(f"status.{action.status}", lang),
    ]


def render(doc: Workshop, lang: str | None = None) -> str:
    """The CSV text (without the byte-order mark): a header row, then one row per action."""
    lang = lang or doc.meta.language
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([t(f"export.csv.{column}", lang) for column in COLUMNS])
    for action in doc.plan.actions:
        writer.writerow([safe_cell(value) for value in _row(doc, action, lang)])
    return buffer.getvalue()


def to_bytes(doc: Workshop, lang: str | None = None) -> bytes:
    """The file's bytes: UTF-8 with a byte-order mark."""
    return (BOM + render(doc, lang)).encode("utf-8")
