"""Where a wall board puts its sections and cards: pure geometry, no Textual.

A wall is what the room's paper wall was: each cluster a column of its cards under its
title, as many columns side by side as the width holds, the next ones in a band below.
A *flowing* section (the cards in no cluster) spreads its cards across the whole width
instead, a row of cards at a time, so a pile of loose cards does not make one column
as tall as the wall.

The board is a list of ``Band``s, one under the other; a band is a row of ``Column``s;
a column is a run of ``Item``s (a section's title lines, or one card's lines). An item
holds its laid-out lines (whatever the widget draws: only their count matters here).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from math import ceil
from typing import Any, NamedTuple

from workshop.text import cells

MIN_COLUMN = 22
"""Narrowest column, in cells: ten Chinese characters a line and the card's bar."""
GAP = 2
"""Cells between columns."""


def most_columns(width: int, min_column: int = MIN_COLUMN, gap: int = GAP) -> int:
    """How many columns of at least `min_column` cells fit in `width` (at least one)."""
    return max(1, (width + gap) // (min_column + gap))


def balanced(count: int, most: int) -> int:
    """Columns per band for `count` sections, at most `most` a band, the bands as evenly
    filled as can be (11 clusters, 6 a band: 6 and 5, not 10 and 1)."""
    if count <= 0:
        return 1
    bands = ceil(count / most)
    return ceil(count / bands)


def column_width(width: int, columns: int, gap: int = GAP) -> int:
    """The width of each of `columns` columns sharing `width`."""
    return max(4, (width - gap * (columns - 1)) // max(1, columns))


class Item(NamedTuple):
    """A section's title (``card`` None) or one of its cards, in a column."""

    section: str
    """The section's key."""
    card: int | None
    """The card's place within its section; None for the section's title and hint."""
    top: int
    """Its first line within the band."""
    lines: Sequence[Any]


class Column(NamedTuple):
    x: int
    width: int
    items: tuple[Item, ...]

    @property
    def height(self) -> int:
        last = self.items[-1] if self.items else None
        return last.top + len(last.lines) if last else 0

    def item_at(self, row: int) -> Item | None:
        """The item drawn on line `row` of the band, if any."""
        tops = [item.top for item in self.items]
        at = bisect_right(tops, row) - 1
        if at < 0:
            return None
        item = self.items[at]
        return item if row < item.top + len(item.lines) else None


class Band(NamedTuple):
    columns: tuple[Column, ...]
    height: int
    gap_after: int
    """Blank lines under the band (between one band of clusters and the next)."""

    @property
    def rows(self) -> int:
        return self.height + self.gap_after


def stack(x: int, width: int, pieces: Sequence[tuple[str, int | None, Sequence[Any]]]
          ) -> Column:
    """A column of `pieces` (section key, card or None, lines) one under the other."""
    items = []
    top = 0
    for section, card, lines in pieces:
        items.append(Item(section, card, top, lines))
        top += len(lines)
    return Column(x, width, tuple(items))


def covers(bands: Sequence[Band], lines: int | None) -> bool:
    """Whether `bands` cover `lines` lines (never when there is no such limit)."""
    return lines is not None and sum(b.rows for b in bands) >= lines


def guessed(bands: Sequence[Band], laid: int, cards: int) -> Band:
    """A blank band standing for the wall not laid out yet: as tall as the `cards` left
    would be at the rate of the `laid` cards in `bands` (the scrollbar's length until
    they are laid out)."""
    rows = sum(b.rows for b in bands)
    return Band((), max(1, rows * (cards - laid) // max(1, laid)), 0)


def retitle(column: Column, title: Sequence[Any]) -> Column:
    """`column` with its first item's lines (its title) replaced by `title`: the cards
    keep their lines and move up or down by the difference."""
    first = column.items[0]
    shift = len(title) - len(first.lines)
    items = [first._replace(lines=title)]
    items += [item._replace(top=item.top + shift) if shift else item
              for item in column.items[1:]]
    return column._replace(items=tuple(items))


def band(columns: Sequence[Column], gap_after: int = 0) -> Band:
    return Band(tuple(columns), max((c.height for c in columns), default=0), gap_after)


NO_START = frozenset("）)]】」』》〉，。、；：！？,.;:!?%…·")
"""Never at the start of a line (closing brackets, punctuation)."""
NO_END = frozenset("（([【「『《〈")
"""Never at the end of a line (opening brackets)."""


def _breaks_between(before: str, after: str) -> bool:
    """May a line end between `before` and `after`? After a space, and between Chinese
    characters; never inside a word or a number, before a closing mark or after an
    opening one (``（61）`` stays whole)."""
    if after in NO_START or before in NO_END or after == " ":
        return False
    return before == " " or _char_cells(before) > 1 or _char_cells(after) > 1


_CHAR_CELLS: dict[str, int] = {}
"""Cells of each character met so far (the wall wraps thousands of cards at its start)."""


def _char_cells(char: str) -> int:
    width = _CHAR_CELLS.get(char)
    if width is None:
        width = _CHAR_CELLS[char] = cells(char)
    return width


def _widths(text: str) -> list[int]:
    """The cells of each character of `text` (at C speed once they have all been met)."""
    widths = list(map(_CHAR_CELLS.get, text))
    return widths if None not in widths else [_char_cells(char) for char in text]


def _summed(text: str) -> bool:
    """Whether `text` is as wide as its characters together: not when a joiner or a
    variation selector makes a run of them one picture."""
    return "\u200d" not in text and "\ufe0f" not in text


def text_cells(text: str) -> int:
    """``cells(text)``, from the widths of its characters met before."""
    return sum(_widths(text)) if _summed(text) else cells(text)


def fill(text: str, width: int) -> list[str]:
    """Wrap `text` to lines of at most `width` cells, as a card on the wall reads best:
    Chinese fills each line (``wrap`` moved a Chinese run after a space to the next line,
    leaving a cluster's number alone), a number, a word or a bracketed note is not cut in
    two, and no line starts with a closing mark unless the line before could not hold it
    (``1【。`` in 3 cells). A word wider than the line is cut; no line is wider than
    `width` but for a single character wider than it."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        widths = _widths(paragraph)
        ends = list(accumulate(widths, initial=0))  # ends[k]: the cells of paragraph[:k]
        exact = _summed(paragraph)
        if (ends[-1] if exact else cells(paragraph)) <= width:  # one line
            lines.append((paragraph.lstrip(" ") if lines else paragraph).rstrip())
        else:
            _wrap(paragraph, width, lines, widths, ends, exact)
    return lines


def _wrap(paragraph: str, width: int, lines: list[str], widths: list[int], ends: list[int],
          exact: bool) -> None:
    """Add the lines of `paragraph` to `lines`, a line at a time: each goes straight to
    the first character that does not fit (``ends``), then ends at the last place a line
    may end before it (the wall wraps thousands of cards as it opens)."""
    def span(a: int, b: int) -> int:
        return ends[b] - ends[a] if exact else cells(paragraph[a:b])

    size = len(paragraph)
    start = at = used = 0  # the line so far is paragraph[start:at], `used` cells wide
    while True:
        if start == at and lines:
            while at < size and paragraph[at] == " ":
                at += 1  # a wrapped line does not start with a space
            start = at
        over = bisect_right(ends, width - used + ends[at], at + 1) - 1  # does not fit
        if over >= size:
            lines.append(paragraph[start:].rstrip())
            return
        char, line = paragraph[over], paragraph[start:over]
        if not line.strip():  # nothing but spaces yet: the character stays on this line
            used += ends[over + 1] - ends[at]
            at = over + 1
            continue
        if char == " ":  # the line ends at this space
            lines.append(line.rstrip())
            start = at = over + 1
            used = 0
            continue
        cut = next((i for i in range(len(line) - 1, 0, -1)
                    if _breaks_between(line[i - 1], line[i])), 0)
        kept = len(line)
        if (cut and not _breaks_between(line[-1], char)
                and span(start + cut, over) + widths[over] <= width):  # what moves fits
            kept = cut
        lines.append(line[:kept].rstrip())
        start += kept
        while start < over and paragraph[start].isspace():
            start += 1
        used = span(start, over) + widths[over]
        at = over + 1


def same_line(was: Band | None, was_row: int, now: Band | None, now_row: int) -> bool:
    """Whether two lines of the wall draw the same laid-out lines in the same columns (a
    band laid out again keeps the lines of its columns that did not change)."""
    if was is None or now is None or len(was.columns) != len(now.columns):
        return was is now
    for old, new in zip(was.columns, now.columns, strict=True):
        if (old.x, old.width) != (new.x, new.width):
            return False
        a, b = old.item_at(was_row), new.item_at(now_row)
        if (a is None) != (b is None):
            return False
        if a is not None and b is not None and (
                a.lines[was_row - a.top] is not b.lines[now_row - b.top]):
            return False
    return True


def line_at(bands: Sequence[Band], tops: Sequence[int], row: int) -> tuple[Band | None, int]:
    """The band that draws line `row` of the wall (`tops`: where each band starts), and
    the line within it."""
    if not bands or row >= tops[-1] or row < 0:
        return None, 0
    index = bisect_right(tops, row) - 1
    return bands[index], row - tops[index]


def changed_rows(was: tuple[Sequence[Band], Sequence[int]],
                 now: tuple[Sequence[Band], Sequence[int]], top: int, height: int) -> list[int]:
    """The lines from `top` (`height` of them, counted from `top`) that the wall laid
    out as `now` draws otherwise than as `was` (each: bands and their tops)."""
    changed = []
    for y in range(height):
        old, old_row = line_at(*was, top + y)
        new, new_row = line_at(*now, top + y)
        if (old is not new or old_row != new_row) and not same_line(old, old_row, new,
                                                                      new_row):
            changed.append(y)
    return changed


class RunLaid(NamedTuple):
    """A run of columns as laid out (``WallBoard._lay_run``): its sections, its bands,
    where each section went (band counted from the run's first, column, per band), and
    the layout memo's entries that went into it."""

    sections: tuple[Any, ...]
    bands: list[Band]
    spots: dict[str, tuple[int, int | None, int]]
    memo: dict[tuple, Any]

    @classmethod
    def of(cls, run: Sequence[Any], bands: list[Band],
           place: dict[str, tuple[int, int | None, int]], first: int,
           memo: dict[tuple, Any]) -> RunLaid:
        """The run just laid out as `bands`, its first at `first` in `place`."""
        spots = {s.key: (place[s.key][0] - first, *place[s.key][1:]) for s in run}
        return cls(tuple(run), bands, spots, memo)

    def place_into(self, bands: list[Band],
                   place: dict[str, tuple[int, int | None, int]]) -> None:
        """Put the run's bands after `bands`, and its sections in `place`."""
        place.update({k: (len(bands) + at, i, per) for k, (at, i, per) in self.spots.items()})
        bands += self.bands

    def fits(self, run: Sequence[Any]) -> bool:
        """Whether `run` is the same sections: the same card lists, titles, hints, tallies."""
        return len(run) == len(self.sections) and all(
            a.cards is b.cards and a[:2] == b[:2] and a[3:] == b[3:]
            for a, b in zip(self.sections, run, strict=True))


def dot_per_dot(dots: int, most: int, width: int) -> bool:
    """Whether the most dots on any cluster fit a column as one ``●`` each (else bars)."""
    return most <= width - 1 - cells(f" {most}")


# -- moving about the wall -------------------------------------------------------------------
class Spot(NamedTuple):
    """Where a card is: its band, its column in the band, its item in the column."""

    band: int
    column: int
    item: int


def _cards_in(column: Column) -> list[int]:
    return [i for i, item in enumerate(column.items) if item.card is not None]


def _nearest_column(bands: Sequence[Band], index: int, x: int) -> int | None:
    """The column of band `index` under `x` (or the nearest one) that has cards."""
    columns = [i for i, c in enumerate(bands[index].columns) if _cards_in(c)]
    if not columns:
        return None
    def distance(i: int) -> int:
        c = bands[index].columns[i]
        return 0 if c.x <= x < c.x + c.width else min(abs(c.x - x), abs(c.x + c.width - 1 - x))
    return min(columns, key=distance)


def vertical(bands: Sequence[Band], spot: Spot, delta: int) -> Spot | None:
    """The card above (`delta` -1) or below (+1) `spot`: in its column, else in the
    nearest band that has cards, under the same place across the wall."""
    column = bands[spot.band].columns[spot.column]
    cards = _cards_in(column)
    at = cards.index(spot.item) + delta
    if 0 <= at < len(cards):
        return Spot(spot.band, spot.column, cards[at])
    x = column.x
    index = spot.band + delta
    while 0 <= index < len(bands):
        found = _nearest_column(bands, index, x)
        if found is not None:
            there = _cards_in(bands[index].columns[found])
            return Spot(index, found, there[0] if delta > 0 else there[-1])
        index += delta
    return None


def horizontal(bands: Sequence[Band], spot: Spot, delta: int) -> Spot | None:
    """The card beside `spot` (left -1, right +1): in the next column with cards, the one
    level with it; past the band's end, the first (or last) card of the next band."""
    here = bands[spot.band]
    row = here.columns[spot.column].items[spot.item].top
    index = spot.column + delta
    while 0 <= index < len(here.columns):
        cards = _cards_in(here.columns[index])
        if cards:
            items = here.columns[index].items
            level = [i for i in cards if items[i].top <= row] or cards[:1]
            return Spot(spot.band, index, level[-1])
        index += delta
    band_index = spot.band + delta
    while 0 <= band_index < len(bands):
        columns = [i for i, c in enumerate(bands[band_index].columns) if _cards_in(c)]
        if columns:
            column = columns[0] if delta > 0 else columns[-1]
            cards = _cards_in(bands[band_index].columns[column])
            return Spot(band_index, column, cards[0] if delta > 0 else cards[-1])
        band_index += delta
    return None
