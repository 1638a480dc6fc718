"""The actuals grid: every goal and share of the check-in, a line per period — plan, actual,
plan so far, actual so far — typed fast from one keyboard: ↑↓ to a period, type the
number (it shows in the actual column as it is typed), Enter saves it and goes down.

``ActualGrid`` is a ``RowList`` that keeps what is being typed (``buffer``); the pane
builds the rows (``subject_row``, ``period_row``) and saves on Enter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from fractions import Fraction

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message

from workshop.i18n import t
from workshop.methods.checkin.progress import ON_PACE, PeriodRow, Progress
from workshop.methods.numbers import fmt
from workshop.text import cells, pad, truncate
from workshop.tui.widgets.row_list import Row, RowList

Look = Callable[[str], Style]

NUMBER = 11
"""Cells of a number column."""
LABEL = 30
"""The most cells a period's name takes: on a wide screen the numbers stay near it."""
MARK = 2
TYPABLE = set("0123456789.,-+%")
KEY_CHARS = {**{str(n): str(n) for n in range(10)}, "full_stop": ".", "comma": ",",
             "minus": "-", "plus": "+", "percent_sign": "%"}
"""Keys that type into the grid, and what each types."""
INPUT_METHOD_CHARS = {char: unicodedata.normalize("NFKC", char)
                      for char in "０１２３４５６７８９．，－＋％"} | {"万": "万", "亿": "亿"}
"""What a Chinese input method types into a number, and what goes into it: full-width
digits as their ASCII ones (２４０００ → 24000), 万 and 亿. Bindings too (keyed by the
character: Textual names the key as its driver does), so that they keep their turn with
the digits and Enter: "2.2万⏎" at once is 22,000, not "万2.2"."""
BOUND_CHARS = set(TYPABLE) | set(INPUT_METHOD_CHARS)
VERDICT_LOOK = {"behind": "warn", "ahead": "ok", "on_pace": "accent", "no_actual": "muted",
                "missing": "warn"}


def typable(char: str | None) -> bool:
    """A character that belongs in a number (NFKC: ² is 2). 万, 亿 and full-width digits
    never get here: they are bindings (``INPUT_METHOD_CHARS``)."""
    if not char:
        return False
    return char in TYPABLE or unicodedata.normalize("NFKC", char) in TYPABLE


def number_text(value: Fraction | None, kind: str, lang: str) -> str:
    if value is None:
        return ""
    return fmt(value, lang, places=3 if kind == "level" else 2)


def row_mark(p: Progress, row: PeriodRow) -> str:
    """▲ ahead, ▼ behind, ● on pace at this period (an amount by its running total)."""
    actual = row.actual_total if p.subject.kind == "amount" else row.actual
    if actual is None or row.actual is None:
        return ""
    plan = p.plan if row.index == p.through and p.plan is not None else row.plan_total
    gap = actual - plan if p.subject.direction == "up" else plan - actual
    band = abs(plan) * ON_PACE if p.subject.kind == "amount" else abs(
        p.original_target - p.rows[0].original) * ON_PACE or abs(plan) * ON_PACE
    if abs(gap) <= band:
        return "●"
    return "▲" if gap > 0 else "▼"


def label_width(width: int) -> int:
    return min(LABEL, max(8, width - 4 * NUMBER - MARK - 2))


def row_width(width: int) -> int:
    """The cells a period's line takes: its name, four numbers and the mark."""
    return label_width(width) + 4 * NUMBER + MARK + 1


def right(text: str, width: int) -> str:
    """`text` cut to `width` cells and aligned right (CJK counts two)."""
    text = truncate(text, width)
    return " " * (width - cells(text)) + text


def columns_text(width: int, lang: str) -> str:
    """The grid's column names, aligned with its rows (a line above the grid)."""
    heads = [t("checkin.grid.plan", lang), t("checkin.grid.actual", lang),
             t("checkin.grid.plan_total", lang), t("checkin.grid.actual_total", lang)]
    label_w = label_width(width)
    return " " + pad(t("checkin.grid.period", lang), label_w) + "".join(
        right(h, NUMBER - 1) + " " for h in heads)


def subject_row(p: Progress, team: str, color: str, lang: str) -> Row:
    """The goal or share, its team in colour, its unit and the verdict on the right."""
    found = p.subject
    verdict = t(f"checkin.verdict.{p.verdict}", lang)
    unit = f"（{found.unit}）" if found.unit and lang == "zh" else (
        f" ({found.unit})" if found.unit else "")
    split = f" · {found.split}" if found.split else ""
    accepted = " ✓" + t("checkin.grid.replanned", lang) if p.accepted is not None else ""

    def layout(width: int, look: Look) -> list[list[Segment]]:
        width = min(width, row_width(width))  # the verdict right above the numbers
        header = look("header")
        right = f" {verdict}{accepted} "
        lead = f" ■ {team} " if team else " ■ "
        room = max(4, width - cells(lead) - cells(right) - 1)
        name = truncate(found.name + unit, room)
        rest = truncate(split, max(0, room - cells(name)))
        gap = max(0, width - cells(lead) - cells(name) - cells(rest) - cells(right))
        return [[Segment(lead, header + Style(color=color, bold=True)),
                 Segment(name, header), Segment(rest, header + look("muted")),
                 Segment(" " * gap, header),
                 Segment(right, header + look(VERDICT_LOOK.get(p.verdict, "muted")))]]

    return Row(key=f"subject:{found.key}", kind="subject", layout=layout, selectable=False,
               signature=(found.name, found.split, team, color, verdict, accepted, unit))


def period_key(p: Progress, row: PeriodRow) -> str:
    goal_id, cascade_id, part = p.subject.key
    return f"period:{goal_id}:{cascade_id or ''}:{'' if part is None else part}:{row.index}"


def period_row(p: Progress, row: PeriodRow, lang: str, buffer: str | None) -> Row:
    """A period: label, plan (∗ where re-split), actual (or what is being typed), the
    running totals of an amount, and ▲▼● against the plan."""
    kind = p.subject.kind
    plan = number_text(row.plan, kind, lang) + ("*" if row.replanned else "")
    actual = number_text(row.actual, kind, lang) + ("Σ" if row.summed else "")
    totals = ("", "") if kind == "level" else (
        number_text(row.plan_total, kind, lang),
        number_text(row.actual_total, kind, lang) if row.actual is not None else "")
    mark = row_mark(p, row)
    late = not row.in_checkin

    def layout(width: int, look: Look) -> list[list[Segment]]:
        label_w = label_width(width)
        label = " " + pad(row.label, label_w)
        segments = [Segment(label, look("muted") if late else Style())]
        segments.append(Segment(right(plan, NUMBER - 1) + " ", look("muted")))
        if buffer is not None:
            shown = buffer[-(NUMBER - 3):] + "▏"
            segments.append(Segment(right(shown, NUMBER - 1) + " ", look("accent")))
        elif actual:
            segments.append(Segment(right(actual, NUMBER - 1) + " ", look("strong")))
        else:
            segments.append(Segment(right("·", NUMBER - 1) + " ", look("muted")))
        segments.append(Segment(right(totals[0], NUMBER - 1) + " ", look("muted")))
        segments.append(Segment(right(totals[1], NUMBER - 1) + " ", Style()))
        style = {"▲": look("ok"), "▼": look("warn")}.get(mark, look("accent"))
        segments.append(Segment(pad(mark, MARK), style))
        return [segments]

    return Row(key=period_key(p, row), kind="period", layout=layout,
               signature=(row.label, plan, actual, totals, mark, late, buffer))


class ActualGrid(RowList):
    """The rows of actuals, with a number being typed into the row under the cursor."""

    BINDINGS = [
        # digits are bindings, like Enter: every key then takes the same way to its
        # handler, so keys typed faster than the screen draws ("22000⏎24000⏎" at once)
        # are taken in the order they were typed
        # (one line in F1 for all of them: the first names the lot, the rest have no words)
        *(Binding(key, f"type({char!r})", "" if n else "Type", show=False,
                  key_display=None if n else "0–9 . , − + %",
                  id=f"checkin_type_{key}" if n else "checkin_type",
                  tooltip="Type the actual") for n, (key, char) in enumerate(KEY_CHARS.items())),
        *(Binding(char, f"type({typed!r})", "", show=False, id=f"checkin_type_u{ord(char):04x}")
          for char, typed in INPUT_METHOD_CHARS.items()),
        Binding("backspace", "rub_out", "Delete a digit", show=False, id="checkin_rub_out"),
        Binding("escape", "cancel", "Cancel typing", show=False, id="checkin_cancel"),
    ]

    class Typing(Message):
        """What is being typed changed (the pane redraws the cursor's row)."""

    class Leaving(Message):
        """↑ or ↓ with a number typed: save it first, as a spreadsheet does, then move."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.buffer: str | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rub_out", "cancel"):
            return self.buffer is not None  # else Esc and Backspace go on to the screen
        return True

    def action_type(self, char: str) -> None:
        if self.selected is not None:
            self.buffer = (self.buffer or "") + char
            self.post_message(self.Typing())

    def on_key(self, event: events.Key) -> None:
        """Any other character that reads as part of a number (NFKC: ² is 2)."""
        if event.character in BOUND_CHARS:
            return  # a binding types it, in turn with Enter
        if typable(event.character) and self.selected is not None:
            event.stop()
            event.prevent_default()
            self.action_type(event.character)  # type: ignore[arg-type]

    def on_paste(self, event: events.Paste) -> None:
        text = event.text.strip()
        if text and self.selected is not None:
            event.stop()
            self.buffer = (self.buffer or "") + text
            self.post_message(self.Typing())

    def action_rub_out(self) -> None:
        if self.buffer is not None:
            self.buffer = self.buffer[:-1] or None
            self.post_message(self.Typing())

    def action_cancel(self) -> None:
        self.buffer = None
        self.post_message(self.Typing())

    def action_cursor(self, delta: int) -> None:
        if self.buffer is not None:
            self.post_message(self.Leaving(delta))
            return
        super().action_cursor(delta)

    def take(self) -> str | None:
        """What was typed, and the typing ends."""
        text, self.buffer = self.buffer, None
        return text
