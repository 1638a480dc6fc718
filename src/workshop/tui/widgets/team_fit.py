"""How a line of team chips fits its width (the turn bar, the charter's team tabs, the
town hall's sign-off strip): pure layout, no Textual.

Eight teams with long names do not fit 80 columns. The current team always shows in
full; the others shorten to a few cells each (``华东区大…``; two names that would cut
the same keep where they differ: ``…一``, ``…二``) as far as needed; and if even that
is too wide, a window of chips around the current team shows with a count of the teams
left out on each side (``‹2`` … ``3›``), so the team at the keyboard is never off
screen and the room can tell how many teams there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.text import cells, truncate, truncate_apart

MIN_NAME = 4
"""The fewest cells a shortened name keeps (two Chinese characters, or three letters
and the ellipsis)."""


@dataclass(frozen=True)
class Chip:
    name: str
    extra: str = ""
    """Shown after the name, never shortened (a mark: ``2/5``, ``✓``, ``跳过``)."""


@dataclass(frozen=True)
class Fitted:
    pieces: list[tuple[int, str]]
    """(index of the chip, its text with its padding), left to right."""
    before: int = 0
    """Chips left out before the first one shown."""
    after: int = 0
    """Chips left out after the last one shown."""


def chip_text(chip: Chip, name_cells: int | None = None) -> str:
    """`` 猛虎队 2/5 ``: the name (cut to `name_cells` when given) and the mark, padded."""
    name = chip.name if name_cells is None else truncate(chip.name, name_cells)
    return f" {name} {chip.extra} " if chip.extra else f" {name} "


def before_mark(count: int) -> str:
    return f"‹{count} " if count else ""


def after_mark(count: int) -> str:
    return f" {count}›" if count else ""


def _width(pieces: Sequence[str], gap: int) -> int:
    return sum(cells(p) for p in pieces) + gap * max(0, len(pieces) - 1)


def fit_chips(chips: Sequence[Chip], current: int | None, width: int, *, gap: int = 0,
              min_name: int = MIN_NAME) -> Fitted:
    """The chips that fit `width` cells, `gap` cells apart, the `current` one (an index,
    or None) always among them and never shortened unless it alone is too wide."""
    if not chips:
        return Fitted([])
    full = [chip_text(chip) for chip in chips]
    if _width(full, gap) <= width:
        return Fitted(list(enumerate(full)))
    focus = current if current is not None and 0 <= current < len(chips) else 0
    own = chip_text(chips[focus])
    if cells(own) > width:  # the current team's name alone is too wide: cut it too
        room = width - cells(chip_text(Chip("", chips[focus].extra)))
        own = chip_text(chips[focus], max(1, room))

    def shortened(name_cells: int) -> list[str]:
        # cut apart: two long names that start alike must not become the same chip
        names = truncate_apart([chip.name for chip in chips], name_cells)
        return [own if i == focus else chip_text(Chip(name, chip.extra))
                for i, (chip, name) in enumerate(zip(chips, names, strict=True))]

    longest = max(cells(chip.name) for chip in chips)
    for name_cells in range(longest - 1, min_name - 1, -1):
        pieces = shortened(name_cells)
        if _width(pieces, gap) <= width:
            return Fitted(list(enumerate(pieces)))
    # A window around the current team, with counts of the teams on either side.
    pieces = shortened(min_name)
    marks = cells(before_mark(focus)) + cells(after_mark(len(chips) - 1 - focus))
    if cells(own) + marks > width:  # even alone it does not fit beside the counts
        room = width - marks - cells(chip_text(Chip("", chips[focus].extra)))
        pieces[focus] = chip_text(chips[focus], max(1, room))
    low = high = focus

    def fits(lo: int, hi: int) -> bool:
        marks = cells(before_mark(lo)) + cells(after_mark(len(chips) - 1 - hi))
        return _width(pieces[lo:hi + 1], gap) + marks <= width

    grew = True
    while grew:
        grew = False
        # the next teams in turn order first: who comes up next matters most
        if high + 1 < len(chips) and fits(low, high + 1):
            high += 1
            grew = True
        if low > 0 and fits(low - 1, high):
            low -= 1
            grew = True
    return Fitted([(i, pieces[i]) for i in range(low, high + 1)], before=low,
                  after=len(chips) - 1 - high)
