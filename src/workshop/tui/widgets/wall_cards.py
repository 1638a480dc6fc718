"""A card's lines on the wall: wrapped once per column width, drawn when first shown.

Laying the wall out needs only how many lines each card takes (its wrapped text); a
screen shows a few dozen of thousands of cards, so a card's segments are made the first
time one of its lines is drawn (``CardLines``), as light ``CardLine``s rather than
``Strip``s (which set up seven caches each as they are made).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from workshop.tui.widgets.card_layout import CardView, StyleOf
from workshop.tui.widgets.wall_layout import Band, Spot, fill, text_cells

HIDDEN_TEXT = "▒▒▒▒▒▒"
"""What a hidden card shows instead of its text."""


class CardLine:
    """A card's line as laid out on the wall: its segments and their width."""

    __slots__ = ("cell_length", "segments")

    def __init__(self, segments: list[Segment], cell_length: int) -> None:
        self.segments = segments
        self.cell_length = cell_length

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def crop(self, start: int, end: int) -> Strip:
        return Strip(self.segments, self.cell_length).crop(start, end)


class CardLines(Sequence[CardLine]):
    """A card's lines: how many is known from its wrapped text, the lines themselves are
    made by `lay` when one is first asked for."""

    __slots__ = ("_count", "_lay", "_lines", "_texts")

    def __init__(self, texts: list[str], count: int,
                 lay: Callable[[list[str]], list[CardLine]]) -> None:
        self._texts = texts
        self._count = count
        self._lay = lay
        self._lines: list[CardLine] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> CardLine: ...
    @overload
    def __getitem__(self, index: slice) -> list[CardLine]: ...
    def __getitem__(self, index: int | slice) -> CardLine | list[CardLine]:
        if self._lines is None:
            self._lines = self._lay(self._texts)
        return self._lines[index]


def _badge_alone(last: str, badge: str, width: int) -> bool:
    """Whether `badge` goes on a line of its own (no room after the card's last line)."""
    return text_cells(last) + text_cells(" " + badge) > width - 2


def card_lines(card: CardView, width: int,
               lay: Callable[[CardView, int, list[str]], list[CardLine]]) -> CardLines:
    """`card` wrapped to a column `width` cells wide (its bar takes two), its lines made
    by ``lay(card, width, texts)`` when first drawn."""
    texts = fill(HIDDEN_TEXT if card.hidden else card.text, width - 2)
    count = len(texts) + (1 if card.badge and _badge_alone(texts[-1], card.badge, width)
                          else 0)
    return CardLines(texts, count, lambda texts: lay(card, width, texts))


def lay_card(card: CardView, width: int, texts: list[str], bar: Style,
             style: StyleOf) -> list[CardLine]:
    """The drawn lines of `card`: its `bar` (its team's colour; ``✔`` when marked), its
    wrapped `texts`, its badge at the right of the last line or on a line of its own. A
    hidden card gives away neither its text nor its team's colour (see ``card_lines``)."""
    mark = "▌ "
    if card.marked:
        bar, mark = style("marked"), "✔ "
    text_style = style("hidden") if card.hidden else None
    laid = []
    for n, text in enumerate(texts):
        used = text_cells(text)
        segments = [Segment(mark, bar) if n == 0 else Segment("  "), Segment(text, text_style)]
        if n == len(texts) - 1 and card.badge:
            badge_style = style("badge")
            if _badge_alone(text, card.badge, width):
                laid.append(CardLine(segments, 2 + used))
                segments, used = [Segment("  "), Segment(card.badge, badge_style)], \
                    text_cells(card.badge)
            else:
                badge = " " + card.badge
                segments += [Segment(" " * (width - 2 - used - text_cells(badge))),
                             Segment(badge, badge_style)]
                used = width - 2
        laid.append(CardLine(segments, 2 + used))
    return laid


def padded(line: Strip | CardLine | None, width: int, style: Style | None,
           base: Style) -> list[Segment]:
    """A laid-out line as a column draws it: padded to the column's `width`, on the
    board's `base` style (and on `style`, the cursor's, when given)."""
    segments: list[Segment] = []
    used = 0
    if line is not None:
        if line.cell_length > width:
            line = line.crop(0, width)
        used = line.cell_length
        segments.extend(Segment.apply_style(line, style) if style else line)
    if used < width:
        segments.append(Segment(" " * (width - used), style))
    return list(Segment.apply_style(segments, base))


def join_line(laid: Band, row: int, width: int, cursor: Spot | None,
              cell: Callable[[Any, int, Style | None], list[Segment]],
              style: StyleOf) -> Strip:
    """Line `row` of band `laid`: its columns side by side, each line drawn by `cell`
    (the cursor's card lit)."""
    base = style("base")
    segments: list[Segment] = []
    x = 0
    for number, column in enumerate(laid.columns):
        if column.x > x:
            segments.append(Segment(" " * (column.x - x), base))
        item = column.item_at(row) if row < laid.height else None
        line = item.lines[row - item.top] if item is not None else None
        lit = (cursor is not None and item is not None and cursor.column == number
               and column.items[cursor.item] is item)
        segments += cell(line, column.width, style("cursor") if lit else None)
        x = column.x + column.width
    if x < width:
        segments.append(Segment(" " * (width - x), base))
    strip = Strip(segments, max(x, width))
    return strip.crop(0, width) if x > width else strip
