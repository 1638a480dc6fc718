"""How a SMART report looks in the terminal: coloured letters, one line of reason each."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from workshop.i18n import t
from workshop.methods.vision.smart import SmartReport
from workshop.text import cells, pad

PASS = Style(color="#ffffff", bgcolor="#15803d", bold=True)
FAIL = Style(color="#ffffff", bgcolor="#b91c1c", bold=True)
FLAG = Style(color="#b45309", bold=True)
"""Fixed colours that read on the light, dark and projector themes alike."""


def letters(report: SmartReport) -> Text:
    """``S M A R T`` as five badges, green when the letter passes, red when it fails."""
    text = Text(no_wrap=True)
    for i, verdict in enumerate(report):
        if i:
            text.append(" ")
        text.append(f"{verdict.letter}", PASS if verdict.ok else FAIL)
    return text


def verdicts(report: SmartReport, *, names: bool = True,
             one_line: bool = False) -> RenderableType:
    """One row per letter: badge, name, reason (wrapping under itself, or cut to one line
    with `one_line`, as the goal form shows it); then the flags."""
    if one_line:
        return _one_line(report, names)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    if names:
        grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for verdict in report:
        row: list[RenderableType] = [_badge(verdict.letter, verdict.ok)]
        if names:
            row.append(Text(t(f"smart.letter.{verdict.letter}")))
        row.append(Text(verdict.reason))
        grid.add_row(*row)
    if not report.flags:
        return grid
    flags = [Text.assemble(("！", FLAG), (flag.message, FLAG)) for flag in report.flags]
    return Group(grid, *flags)


def _badge(letter: str, ok: bool) -> Text:
    badge = Text()
    badge.append(f" {letter} {'✓' if ok else '✗'} ", PASS if ok else FAIL)
    return badge


def _one_line(report: SmartReport, names: bool) -> RenderableType:
    """A line per letter, for a widget that cuts lines at its edge (``text-wrap: nowrap``):
    badge, name, reason."""
    width = max(cells(t(f"smart.letter.{v.letter}")) for v in report) if names else 0
    lines: list[Text] = []
    for verdict in report:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append_text(_badge(verdict.letter, verdict.ok))
        line.append(" ")
        if names:
            line.append(pad(t(f"smart.letter.{verdict.letter}"), width), "bold")
            line.append(" ")
        line.append(verdict.reason)
        lines.append(line)
    lines += [Text.assemble(("！", FLAG), (flag.message, FLAG), no_wrap=True,
                            overflow="ellipsis") for flag in report.flags]
    return Group(*lines)
