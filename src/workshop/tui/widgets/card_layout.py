"""How a card board lays out its cards: each card wrapped once into strips (cached by the
board), sections of cards one after another, and the lines of a layout that are on screen.

Pure functions of the cards, the width and the board's styles: no widget state.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from workshop.text import cells, wrap

if TYPE_CHECKING:
    from textual.widget import Widget

StyleOf = Callable[[str], Style]
"""The board's style of a component by name ("header", "hint", "badge", "marked"…)."""


class CardView(NamedTuple):
    """One card as the board shows it (a tuple: thousands are made per redraw)."""

    id: str
    text: str
    team: str = ""
    color: str = ""
    hidden: bool = False
    badge: str = ""
    """Short text after the card, e.g. a vote count or a classification."""
    group: str = ""
    """The section key the card belongs to (a board, a cluster)."""
    marked: bool = False
    """Picked out by the facilitator (e.g. to move several cards at once)."""


class Section(NamedTuple):
    """A titled run of cards; `key` identifies it (a board or a cluster id)."""

    key: str
    title: str
    cards: Sequence[CardView]
    hint: str = ""
    """Shown under the title when the section has no cards."""
    tally: tuple[int, int] | None = None
    """Dots on the section and the most on any section (the wall draws them as a bar
    under the title, to scale)."""


class LaidOutSection(NamedTuple):
    """One section laid out: its lines, and which card each line belongs to."""

    key: str
    title: str
    hint: str
    current: bool
    cards: tuple[CardView, ...]
    strips: list[Strip]
    """The lines as laid out (without the board's base style; drawn on it when first
    shown, see ``_drawn``)."""
    rows: list[int | None]
    """For each line, the index of its card within the section (None: header or hint)."""
    firsts: list[int]
    """For each card, its first line within the section."""
    counts: list[int]
    """For each card, how many lines it takes."""
    source: object = None
    """The sequence of cards it was laid out from: the same object again means no change."""


def component_style(widget: Widget, component: str) -> Style:
    """`widget`'s style for `component` as a board draws it over its own background.

    A partial style cannot resolve "auto" or translucent colours ($text, $text-muted came
    out white on a light theme); those come from the resolved style, for the colours the
    component sets itself only.
    """
    partial = widget.get_component_rich_style(component, partial=True)
    full = widget.get_component_rich_style(component)
    return partial + Style(color=full.color if partial.color else None,
                           bgcolor=full.bgcolor if partial.bgcolor else None)


def hint_lines(hint: str, width: int, style: StyleOf) -> list[Strip]:
    """A hint (an empty board's, an empty section's) wrapped under a two-cell indent."""
    hint_style = style("hint")
    return [Strip([Segment("  " + line, hint_style)]) for line in wrap(hint, width - 2)]


def title_strip(title: str, count: int, width: int, current: bool, style: StyleOf) -> Strip:
    """A section's title line with its card count, the current section highlighted."""
    header = style("header-current" if current else "header")
    text = f" {title} ({count}) "
    return Strip([Segment(text, header), Segment(" " * max(0, width - cells(text)), header)])


def layout_section(section: Section, cards: tuple[CardView, ...], current: bool, width: int,
                   prev: LaidOutSection | None, style: StyleOf,
                   cache: dict[CardView, list[Strip]]) -> LaidOutSection:
    """Lay out one section; when it only grew at the end, lay out just the new cards
    (`cache` keeps each card's lines: a card view is a tuple, its own key)."""
    strips: list[Strip] = []
    rows: list[int | None] = []
    firsts: list[int] = []
    counts: list[int] = []
    start = 0
    if (prev is not None and prev.title == section.title and prev.current == current
            and (prev.cards or not section.hint) and len(cards) >= len(prev.cards)
            and cards[:len(prev.cards)] == prev.cards):
        strips, rows = list(prev.strips), list(prev.rows)
        firsts, counts = list(prev.firsts), list(prev.counts)
        start = len(prev.cards)
        if section.title:  # the count in the title changed
            strips[0] = title_strip(section.title, len(cards), width, current, style)
    else:
        if section.title:
            strips.append(title_strip(section.title, len(cards), width, current, style))
            rows.append(None)
        if not cards and section.hint:
            hint = hint_lines(section.hint, width, style)
            strips.extend(hint)
            rows.extend([None] * len(hint))
    for local in range(start, len(cards)):
        card = cards[local]
        lines = cache.get(card)
        if lines is None:
            lines = cache[card] = layout_card(card, width, style)
        firsts.append(len(strips))
        counts.append(len(lines))
        strips.extend(lines)
        rows.extend([local] * len(lines))
    return LaidOutSection(section.key, section.title, section.hint, current, cards, strips,
                          rows, firsts, counts, section.cards)


def visible_lines(blocks: Sequence[LaidOutSection], starts: Sequence[int], top: int,
                  height: int) -> list[Strip]:
    """The drawn lines `top` to `top + height` of a layout (fewer past its end)."""
    out: list[Strip] = []
    if not blocks or top >= starts[-1]:
        return out
    block = bisect_right(starts, top) - 1
    line = top - starts[block]
    while block < len(blocks) and len(out) < height:
        laid = blocks[block].strips
        out.extend(laid[line:line + height - len(out)])
        block += 1
        line = 0
    return out


def line_runs(lines: Sequence[int]) -> list[tuple[int, int]]:
    """(top, bottom) of each run of consecutive `lines` (ascending)."""
    runs: list[tuple[int, int]] = []
    for y in lines:
        if runs and runs[-1][1] == y:
            runs[-1] = (runs[-1][0], y + 1)
        else:
            runs.append((y, y + 1))
    return runs


def line_regions(changed: Sequence[int], width: int) -> list[Region]:
    """The regions a board repaints for its changed lines: one per run of lines, not
    one from the first to the last (a card typed changes the section's count in its
    title and the card's lines further down: four lines, not the sixteen between them;
    every line repainted is 60-80 µs of a frame)."""
    return [Region(0, top, width, bottom - top) for top, bottom in line_runs(changed)]


def layout_card(card: CardView, width: int, style: StyleOf) -> list[Strip]:
    # a hidden card gives away neither its text nor its team (name or colour)
    color = None if card.hidden else card.color or None
    bar = Style(color=color, bold=True)
    mark = "✔ " if card.marked else "▌ "
    if card.marked:
        bar = style("marked")
    name_style = Style(color=color, bold=True)
    label = f"{card.team} " if card.team and not card.hidden else ""
    indent = 2
    body_width = max(4, width - indent - 1)
    if card.hidden:
        text_style = style("hidden")
        lines = wrap("▒▒▒▒▒▒", body_width)
        label_len = 0
    else:
        text_style = Style()
        lines = wrap(label + card.text, body_width)
        label_len = len(label)
    badge_style = style("badge")
    strips = []
    for n, line in enumerate(lines):
        segments = [Segment(mark if n == 0 else "▌ ", bar)]
        if n == 0 and label_len:
            segments.append(Segment(line[:label_len], name_style))
            segments.append(Segment(line[label_len:], text_style))
        else:
            segments.append(Segment(line, text_style))
        if n == len(lines) - 1 and card.badge:
            room = width - indent - cells(line) - 1
            badge = " " + card.badge
            if cells(badge) <= room:
                segments.append(Segment(" " * (room - cells(badge)), text_style))
                segments.append(Segment(badge, badge_style))
            else:
                strips.append(Strip(segments))
                segments = [Segment("▌ ", bar), Segment(card.badge, badge_style)]
        strips.append(Strip(segments))
    return strips
