"""A column's title on the wall: the cluster's name and count, its dots, and the hint of
an empty section. Drawn once per title, width and tally, and kept by the wall."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip

from workshop.text import cells, truncate_start
from workshop.tui.widgets.card_layout import Section, StyleOf
from workshop.tui.widgets.wall_layout import dot_per_dot, fill


def title_lines(section: Section, width: int, most: int) -> list[str]:
    """The title's text (``name (count)``) wrapped to the column, at most `most` lines;
    cut, its last line keeps the text's end (the team, the count)."""
    text = f"{section.title} ({len(section.cards)})" if section.title else ""
    lines = fill(text, width - 2) if text else []
    if len(lines) > most:
        lines = [*lines[:most - 1], truncate_start(text, width - 2)]
    return lines


def title_strips(section: Section, lines: list[str], width: int, rows: int,
                 style: StyleOf) -> list[Strip]:
    """The title's `lines`, padded to `rows` (so the titles of a band end level), its
    dots, and its hint when it has no cards."""
    header = style("header")
    if lines:
        lines = lines + [""] * (rows - len(lines))
    strips = [Strip([Segment(" " + line + " " * max(0, width - 1 - cells(line)), header)])
              for line in lines]
    if section.tally is not None:
        strips.append(tally(*section.tally, width, style))
    if not section.cards and section.hint:
        hint = style("hint")
        strips += [Strip([Segment("  " + line, hint)]) for line in fill(section.hint, width - 2)]
    return strips


def tally(dots: int, most: int, width: int, style: StyleOf) -> Strip:
    """``●●●● 4`` under a cluster's title: a paper dot per dot where the most any cluster
    has fits the column, else a bar to scale (readable from the back)."""
    if dot_per_dot(dots, most, width):
        bar = "●" * dots
    else:
        bar = "█" * round(dots * (width - 1 - cells(f" {most}")) / most)
    return Strip([Segment(f" {bar} {dots}", style("badge"))])
