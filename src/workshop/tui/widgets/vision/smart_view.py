"""How a SMART report looks in the terminal: coloured letters, one line of reason each."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from workshop.i18n import t
from workshop.methods.smart import SmartReport

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


def verdicts(report: SmartReport, *, names: bool = True) -> RenderableType:
    """One row per letter: badge, name, reason (wrapping under itself); then the flags."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    if names:
        grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for verdict in report:
        badge = Text(f" {verdict.letter} {'✓' if verdict.ok else '✗'} ",
                     PASS if verdict.ok else FAIL)
        row: list[RenderableType] = [badge]
        if names:
            row.append(Text(t(f"smart.letter.{verdict.letter}")))
        row.append(Text(verdict.reason))
        grid.add_row(*row)
    if not report.flags:
        return grid
    flags = [Text.assemble(("！", FLAG), (flag.message, FLAG)) for flag in report.flags]
    return Group(grid, *flags)
