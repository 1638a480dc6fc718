"""Actuals from a CSV file, as an Excel user keeps them: one row per goal (or share) and
period. The file the check-in export writes (``workshop export SESSION --checkin --format
csv``) reads back as it is, with the actual column filled in.

- Encodings: UTF-8 with or without a byte-order mark, and GBK/GB18030 (what Excel saves
  as "CSV" on a Chinese Windows). Commas, semicolons or tabs between cells.
- Headers in Chinese or English (``目标编号`` or ``goal id``…), in any order; unknown
  columns are ignored. A goal is found by its id or its statement; a share by its split
  and its label (or the label alone when only one share has it); a period by its first
  day (and last), or its name as the plan writes it.
- A row with no actual is skipped (a template row not filled in yet). Any bad row stops
  the whole import with every bad row named by its line: nothing is half-imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from workshop.edits import EditError
from workshop.edits.checkin import set_actuals
from workshop.i18n import LANGS, t
from workshop.methods.checkin.subjects import Subject, SubjectKey, subjects
from workshop.methods.numbers import ParseError, parse_date, parse_number
from workshop.model import Workshop

COLUMNS = ("team", "goal_id", "goal", "split", "share", "period", "start", "end", "unit",
           "plan", "original", "actual", "plan_total", "actual_total", "verdict")
"""The columns of the actuals CSV, in order (the export writes them all; the import needs
a goal (id or statement), a period (start or name) and the actual)."""
SHOWN_ERRORS = 12

Row = tuple[SubjectKey, dt.date, dt.date, float]


def _normal(text: str) -> str:
    return "".join(text.split()).casefold().strip("\ufeff")


def headers() -> dict[str, str]:
    """Every header the import understands (both languages, case and spaces ignored) →
    its column."""
    return {_normal(t(f"checkin.csv.{column}", lang)): column
            for lang in LANGS for column in COLUMNS}


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise EditError(t("checkin.import.encoding")) from None


def _dialect(first_line: str) -> str:
    return max((",", ";", "\t"), key=first_line.count)


class _Reader:
    def __init__(self, doc: Workshop, lang: str | None) -> None:
        self.doc = doc
        self.lang = lang
        self.subjects = subjects(doc)

    def subject(self, cells: dict[str, str]) -> Subject:
        goal_text = cells.get("goal_id") or cells.get("goal") or ""
        if not goal_text:
            raise ValueError(t("checkin.import.no_goal", self.lang))
        wanted = _normal(goal_text)
        goal = next((g for g in self.doc.vision.goals if _normal(g.id) == wanted), None) or next(
            (g for g in self.doc.vision.goals if _normal(g.statement) == wanted), None)
        if goal is None:
            raise ValueError(t("checkin.import.unknown_goal", self.lang, goal=goal_text))
        in_goal = [s for s in self.subjects if s.goal_id == goal.id]
        share, split = cells.get("share", ""), cells.get("split", "")
        if not share:
            own = next((s for s in in_goal if s.is_goal), None)
            if own is None:
                raise ValueError(t("checkin.import.no_path", self.lang, goal=goal_text))
            return own
        shares = [s for s in in_goal if not s.is_goal and _normal(s.name) == _normal(share)]
        if split:
            shares = [s for s in shares if _normal(s.split) == _normal(split)] or shares
        if not shares:
            raise ValueError(t("checkin.import.unknown_share", self.lang, share=share,
                               goal=goal_text))
        if len(shares) > 1:
            raise ValueError(t("checkin.import.two_shares", self.lang, share=share))
        return shares[0]

    def period(self, found: Subject, cells: dict[str, str]) -> tuple[dt.date, dt.date]:
        start = parse_date(cells.get("start", ""), lang=self.lang)
        end = parse_date(cells.get("end", ""), lang=self.lang)
        name = cells.get("period", "")
        for point in found.points:
            period = point.period
            assert period is not None
            if start is not None:
                if period.start == start and (end is None or period.end == end):
                    return period.start, period.end
            elif name and _normal(point.label) == _normal(name):
                return period.start, period.end
        if start is None and not name:
            raise ValueError(t("checkin.import.no_period_given", self.lang))
        what = name or f"{start}" + (f" — {end}" if end else "")
        starts = t("word.list_sep", self.lang).join(
            p.period.start.isoformat() for p in found.points[:6] if p.period) + (
            "…" if len(found.points) > 6 else "")
        raise ValueError(t("checkin.import.unknown_period", self.lang, period=what,
                           name=found.name, starts=starts))


def parse_actuals(doc: Workshop, data: bytes, lang: str | None = None) -> list[Row]:
    """The actuals in `data` (a CSV file's bytes). Raises ``EditError`` naming every bad
    row by its line number, or saying the file is not such a CSV."""
    text = decode(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise EditError(t("checkin.import.empty", lang))
    reader = csv.reader(io.StringIO(text), delimiter=_dialect(lines[0]))
    known = headers()
    header = next(reader)
    columns = [known.get(_normal(cell), "") for cell in header]
    needed = [("goal_id", "goal"), ("start", "period"), ("actual",)]
    missing = [alternatives for alternatives in needed
               if not any(c in columns for c in alternatives)]
    if missing:
        names = t("word.list_sep", lang).join(
            t(f"checkin.csv.{alternatives[0]}", lang) for alternatives in missing)
        raise EditError(t("checkin.import.columns", lang, columns=names))
    read = _Reader(doc, lang)
    rows: list[Row] = []
    errors: list[str] = []
    seen: dict[tuple, int] = {}
    for cells_list in reader:
        line = reader.line_num
        cells = {column: cell.strip() for column, cell in zip(columns, cells_list,
                                                               strict=False) if column}
        if not any(cells.values()) or not cells.get("actual"):
            continue  # a blank line, or a period not filled in yet
        try:
            found = read.subject(cells)
            start, end = read.period(found, cells)
            value = parse_number(cells["actual"], allow_empty=False, lang=lang,
                                 unit=found.unit)
            assert value is not None
        except (ValueError, ParseError) as error:
            errors.append(t("checkin.import.line", lang, line=line, error=error))
            continue
        key = (*found.key, start, end)
        if key in seen:
            errors.append(t("checkin.import.line", lang, line=line, error=t(
                "checkin.import.twice", lang, other=seen[key])))
            continue
        seen[key] = line
        rows.append((found.key, start, end, value))
    if errors:
        shown = errors[:SHOWN_ERRORS]
        if len(errors) > SHOWN_ERRORS:
            shown.append(t("checkin.import.more", lang, count=len(errors) - SHOWN_ERRORS))
        raise EditError("\n".join([t("checkin.import.refused", lang, count=len(errors)),
                                   *shown]))
    if not rows:
        raise EditError(t("checkin.import.nothing", lang))
    return rows


def import_actuals(doc: Workshop, checkin_id: str, data: bytes,
                   lang: str | None = None) -> Sequence[Row]:
    """Every actual of the CSV file `data` into the check-in, or none (one undoable edit)."""
    rows = parse_actuals(doc, data, lang)
    set_actuals(doc, checkin_id, rows)
    return rows
