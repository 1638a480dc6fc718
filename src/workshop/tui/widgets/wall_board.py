"""A card board laid out like the wall it replaces: clusters side by side in columns.

The same board as ``CardBoard`` (sections of cards, a cursor, the same messages), drawn
otherwise: each section a column of its cards under its title, as many columns as the
width holds, further ones in bands below (``wall_layout``); a *flowing* section (the
cards in no cluster) spreads its cards across the whole width, a row at a time. ↑↓ move
within a column (and on to the band above or below), ←→ between columns.

Still drawn as lines, never a widget per card: each card is wrapped once per column
width and kept; a band is laid out again only when its sections change; a line of the
wall is put together from its columns when it is first shown, and kept while its band
is; after a change only the lines on screen that changed are repainted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from itertools import accumulate, chain
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.strip import Strip

from workshop.tui.widgets.card_board import CardBoard, CardView, Section
from workshop.tui.widgets.card_layout import line_regions
from workshop.tui.widgets.wall_cards import (
    CardLine,
    CardLines,
    card_lines,
    join_line,
    lay_card,
    padded,
)
from workshop.tui.widgets.wall_layout import (
    GAP,
    Band,
    RunLaid,
    Spot,
    balanced,
    band,
    changed_rows,
    column_width,
    covers,
    dot_per_dot,
    fill,
    guessed,
    horizontal,
    line_at,
    most_columns,
    retitle,
    stack,
    vertical,
)
from workshop.tui.widgets.wall_titles import title_lines, title_strips

TITLE_LINES = 2
"""A cluster's title wraps to at most this many lines; cut, its last keeps its end (team, count)."""
SPACER = Band((), 0, 1)
"""A blank line under the loose cards."""
SCREEN_FIRST = 1000
"""From this many cards, a layout of the wall from nothing (no columns laid out before to
reuse: first shown, a new theme) covers the screen, and the rest is laid out once the
frame that shows the wall is out (or as soon as anything looks past the screen): at
9,900 cards the whole wall is 90 ms of a session's first screen, the screen a tenth of
it. A wall built off screen is finished when it is first shown."""


class WallBoard(CardBoard):
    """Sections as columns of a wall; `flowing` sections spread across the width."""

    BINDINGS = [
        Binding("left", "across(-1)", "Column to the left", show=False, id="wall.left",
                tooltip="The card level with this one in the column to the left"),
        Binding("right", "across(1)", "Column to the right", show=False, id="wall.right",
                tooltip="The card level with this one in the column to the right"),
    ]

    def __init__(self, *, flowing: Collection[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flowing = frozenset(flowing)
        self._bands: list[Band] = []
        self._tops: list[int] = [0]
        self._place: dict[str, tuple[int, int | None, int]] = {}
        """Section key → (its first band of cards, its column there or None when it
        flows, cards a row when it flows)."""
        self._section_index: dict[str, int] = {}
        self._memo: dict[tuple, tuple[Any, tuple]] = {}
        """Columns and bands laid out, by what they show: reused while it stays the same."""
        self._lines: dict[tuple[CardView, int], CardLines] = {}
        self._titles: dict[tuple, list[Strip]] = {}
        self._bars: dict[str | None, Style] = {}
        """A card's bar in its team's colour, by colour."""
        self._cells: dict[int, tuple[Strip | CardLine | None, list[Segment]]] = {}
        self._joined: dict[int, tuple[Band, dict[int, Strip]]] = {}
        """Lines of the wall put together (by band, then line within it)."""
        self._unfinished = False
        """The wall below the screen is not laid out yet (its height is guessed)."""

    # -- finding cards --------------------------------------------------------------------
    def index_of(self, card_id: str, group: str | None = None) -> int | None:
        """Looks in the section `group` first, then in the sections laid out again by the
        last change (where a card that just moved is), before indexing every card."""
        near = [self._section_index[group]] if group in self._section_index else []
        for section in dict.fromkeys(near + self._changed):
            start = self._block_card_start[section]
            for local, card in enumerate(self._sections[section].cards):
                if card.id == card_id:
                    return start + local
        if self._index is None:
            self._index = {card.id: i for i, card in enumerate(self._cards)}
        return self._index.get(card_id)

    def _spot(self, index: int) -> Spot | None:
        """Where card `index` is on the wall."""
        if not 0 <= index < len(self._cards) or not self._bands:
            return None
        section = self.section_of(index)
        local = index - self._block_card_start[section]
        place = self._place.get(self._sections[section].key)
        if self._unfinished and (place is None or (
                place[1] is None and place[0] + local // place[2] >= len(self._bands) - 1)):
            self._finish_layout()  # a card below the screen is looked for: lay it out
            place = self._place.get(self._sections[section].key)
        if place is None:
            return None
        first, column, per_row = place
        if column is None:
            return Spot(first + local // per_row, local % per_row, 0)
        items = self._bands[first].columns[column].items
        return Spot(first, column, local + (1 if items and items[0].card is None else 0))

    def _index_at(self, spot: Spot) -> int:
        item = self._bands[spot.band].columns[spot.column].items[spot.item]
        return self._block_card_start[self._section_index[item.section]] + (item.card or 0)

    def _rows_of(self, index: int) -> tuple[int, int] | None:
        """(first board line, lines) of card `index`."""
        spot = self._spot(index)
        if spot is None:
            return None
        item = self._bands[spot.band].columns[spot.column].items[spot.item]
        return self._tops[spot.band] + item.top, len(item.lines)

    # -- layout ---------------------------------------------------------------------------
    def _rebuild(self) -> None:
        sections = self._sections
        self._changed = []
        self._cards = list(chain.from_iterable(s.cards for s in sections))
        self._block_card_start = list(accumulate((len(s.cards) for s in sections), initial=0))
        self._section_index = {s.key: i for i, s in enumerate(sections)}
        self._index = None
        if self.is_attached and not self.size.width:
            # not laid out yet: the lines wait for the width (see CardBoard._rebuild)
            self._bands, self._tops, self._rows, self._place = [], [0], 0, {}
            return
        width = max(8, self.scrollable_content_region.width or self.size.width or 40)
        styles_key = (self.app.theme if self.is_attached else "", width, self._layout_styles())
        if styles_key != self._styles_key:
            self._lines.clear()
            self._titles.clear()
            self._bars.clear()
            self._cells.clear()
            self._memo = {}
            self._styles_key = styles_key
        self._built_width = width
        before = (self._bands, self._tops)
        memo: dict[tuple, tuple[Any, tuple]] = {}
        bands: list[Band] = []
        place: dict[str, tuple[int, int | None, int]] = {}
        # a large wall laid out from nothing (first shown, a new theme): the screen first
        screen = (self.scroll_offset.y + 2 * self.scrollable_content_region.height
                  if not self._memo and len(self._cards) >= SCREEN_FIRST
                  and self.scrollable_content_region.height else None)
        covered = False  # the screen is, and more is left to lay out
        run: list[Section] = []
        for number, section in enumerate([*sections, None]):
            if section is not None and section.key not in self.flowing:
                run.append(section)
                continue
            if run:
                covered = (self._lay_run(run, width, bands, place, memo, screen)
                           or (section is not None and covers(bands, screen)))
                run = []
            if section is not None and not covered:
                covered = (self._lay_flow(section, width, bands, place, memo, screen)
                           or (number < len(sections) - 1 and covers(bands, screen)))
            if covered:
                break
        self._unfinished = covered
        if covered:  # a blank band for the rest: as tall as its cards, at the rate so far
            laid = sum(len(sections[self._section_index[key]].cards) for key in place)
            bands.append(guessed(bands, laid, len(self._cards)))
        if not self._cards and not any(b.columns for b in bands) and self.empty_hint:
            hint = [Strip([Segment("  " + line, self._cached_style("hint"))])
                    for line in fill(self.empty_hint, width - 2)]
            bands = [band([stack(0, width, [("", None, hint)])])]
        self._memo = memo
        self._bands, self._place = bands, place
        self._tops = list(accumulate((b.rows for b in bands), initial=0))
        self._rows = self._tops[-1]
        ids = {id(b) for b in bands}
        self._joined = {key: value for key, value in self._joined.items() if key in ids}
        limit = 4 * max(1000, len(self._cards))
        if len(self._lines) > limit or len(self._cells) > 2 * limit:
            self._lines, self._cells = {}, {}  # cards long gone: let their lines go
        self.set_virtual_size(Size(width, self._rows))
        self._refresh_rows(*before)
        if self._unfinished and 0 <= self.cursor < len(self._cards):
            self._spot(self.cursor)  # the cursor's card below the screen: all laid out now

    def _lay_run(self, run: list[Section], width: int, bands: list[Band],
                 place: dict[str, tuple[int, int | None, int]],
                 memo: dict[tuple, tuple[Any, tuple]], screen: int | None = None) -> bool:
        """``_lay_columns``, or the run's bands as laid out last time when none of its
        sections changed: a card typed among the loose cards leaves the clusters beside
        them as they were (going over 40 columns to find that was 0.4 ms a card)."""
        key = ("run", width, tuple(s.key for s in run))
        old = self._memo.get(key)
        if screen is None and old is not None and old[0].fits(run):
            memo.update(old[0].memo)
            memo[key] = old
            old[0].place_into(bands, place)
            return False
        first, known = len(bands), set(memo)
        if self._lay_columns(run, width, bands, place, memo, screen):
            return True  # the screen's worth alone: not kept
        memo[key] = (RunLaid.of(run, bands[first:], place, first,
                                {k: v for k, v in memo.items() if k not in known}), ())
        return False

    def _lay_columns(self, run: list[Section], width: int, bands: list[Band],
                     place: dict[str, tuple[int, int | None, int]],
                     memo: dict[tuple, tuple[Any, tuple]], screen: int | None = None) -> bool:
        """Sections side by side, a band of columns at a time, the bands evenly filled.
        A column is laid out again only when its section changed. True when the bands
        reach `screen` lines (the rest is left for later: ``SCREEN_FIRST``)."""
        per_band = balanced(len(run), most_columns(width))
        col_w = column_width(width, per_band)
        for start in range(0, len(run), per_band):
            chunk = run[start:start + per_band]
            columns = []
            rows = max(len(self._title_lines(s, col_w, TITLE_LINES)) for s in chunk)
            for i, s in enumerate(chunk):
                key = ("column", s.key, i, col_w)
                title = self._title(s, col_w, TITLE_LINES, rows)
                old = self._memo.get(key)
                if old is not None and (old[1] is s.cards or tuple(old[1]) == tuple(s.cards)):
                    column = old[0]
                    if column.items[0].lines is not title:  # a new title (or dots) only
                        column = retitle(column, title)
                else:
                    column = stack(i * (col_w + GAP), col_w, [
                        (s.key, None, title),
                        *((s.key, j, self._card(card, col_w)) for j, card in enumerate(s.cards))])
                    self._changed.append(self._section_index[s.key])
                memo[key] = (column, s.cards)
                columns.append(column)
                place[s.key] = (len(bands), i, per_band)
            key = ("band", tuple(id(c) for c in columns))
            old = self._memo.get(key)
            laid = old[0] if old is not None and all(
                a is b for a, b in zip(old[1], columns, strict=True)) else band(columns, 1)
            memo[key] = (laid, tuple(columns))
            bands.append(laid)
            if covers(bands, screen) and start + per_band < len(run):
                return True
        return False

    def _lay_flow(self, section: Section, width: int, bands: list[Band],
                  place: dict[str, tuple[int, int | None, int]],
                  memo: dict[tuple, tuple[Any, tuple]], screen: int | None = None) -> bool:
        """A section spread across the width: its title, then rows of cards. True when
        the bands reach `screen` lines before its last row (see ``_lay_columns``)."""
        per_row = most_columns(width)
        col_w = column_width(width, per_row)
        cards = section.cards
        if section.title or (not cards and section.hint):
            key = ("title", section.key, section.title, section.hint, len(cards))
            old = self._memo.get(key)
            laid = old[0] if old else band([stack(0, width, [
                (section.key, None, self._title(section, width, 1))])])
            memo[key] = (laid, ())
            bands.append(laid)
        place[section.key] = (len(bands), None, per_row)
        for start in range(0, len(cards), per_row):
            row = tuple(cards[start:start + per_row])
            key = ("row", section.key, col_w, start, row)
            old = self._memo.get(key)
            if old is not None:
                laid = old[0]
            else:
                laid = band([stack(i * (col_w + GAP), col_w,
                                   [(section.key, start + i, self._card(card, col_w))])
                             for i, card in enumerate(row)])
                self._changed.append(self._section_index[section.key])
            memo[key] = (laid, ())
            bands.append(laid)
            if covers(bands, screen) and start + per_row < len(cards):
                return True
        if cards:
            bands.append(SPACER)
        return False

    def _finish_layout(self) -> None:
        """Lay out the whole wall, after a first layout that covered the screen alone."""
        if self._unfinished and self.is_attached:
            self._rebuild()

    def _title(self, section: Section, width: int, most: int, rows: int = 0) -> list[Strip]:
        """A section's title (wrapped to `most` lines, then padded to `rows` so the titles
        of a band end level), its dots, and its hint when it has no cards. (The wall lights
        the card under the cursor, not its column's title: lighting a title would lay its
        column out again at every step across the wall.)"""
        tally = section.tally
        if tally is not None and dot_per_dot(*tally, width):
            tally = (tally[0], None)  # drawn the same whatever the most: no new title
        key = (section.title, len(section.cards), not section.cards and section.hint,
               tally, width, most, rows)
        strips = self._titles.get(key)
        if strips is None:
            if len(self._titles) > 1000:
                self._titles = {}
            strips = self._titles[key] = title_strips(
                section, self._title_lines(section, width, most), width, rows, self._cached_style)
        return strips

    def _title_lines(self, section: Section, width: int, most: int) -> list[str]:
        """The title's text wrapped to the column (kept: every band asks for it)."""
        key = (section.title, len(section.cards), width, most)
        lines = self._titles.get(key)
        if lines is None:
            lines = self._titles[key] = title_lines(section, width, most)
        return lines

    def _card(self, card: CardView, width: int) -> CardLines:
        """A card in a column: its team's bar, its text (no team name: the wall is the
        room's), its badge; wrapped once per column width, drawn when first shown."""
        key = (card, width)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = card_lines(card, width, self._lay_card)
        return lines

    def _lay_card(self, card: CardView, width: int, texts: list[str]) -> list[CardLine]:
        # a hidden card gives away neither its text nor its team's colour
        color = None if card.hidden else card.color or None
        bar = self._bars.get(color)
        if bar is None:
            bar = self._bars[color] = Style(color=color, bold=True)
        return lay_card(card, width, texts, bar, self._cached_style)

    # -- drawing --------------------------------------------------------------------------
    def _refresh_rows(self, bands: list[Band], tops: list[int]) -> None:
        """Repaint only the lines on screen that show something else now."""
        height = self.scrollable_content_region.height
        if not self.is_mounted or not height or not bands:
            self.refresh()
            return
        top = self.scroll_offset.y
        if top and top + height > self._rows:
            self.refresh()  # the wall got shorter under a scrolled view: it will scroll back
            return
        changed = changed_rows((bands, tops), (self._bands, self._tops), top, height)
        if changed:
            self.refresh(*line_regions(changed, self.size.width))

    def _cell(self, line: Strip | CardLine | None, width: int, style: Style | None = None
              ) -> list[Segment]:
        """``padded`` (kept while the line is: laid out once, drawn at every repaint)."""
        if style is None:
            kept = self._cells.get(id(line))
            if kept is not None and kept[0] is line:
                return kept[1]
        segments = padded(line, width, style, self._cached_style("base"))
        if style is None:
            self._cells[id(line)] = (line, segments)
        return segments

    def _join(self, laid: Band, row: int, width: int, cursor: Spot | None) -> Strip:
        """Line `row` of band `laid`: its columns side by side (the cursor's card lit)."""
        return join_line(laid, row, width, cursor, self._cell, self._cached_style)

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self._unfinished:  # the screen is drawn: now the rest, once this frame is out
            self.call_later(self._finish_layout)
        return lines

    def render_line(self, y: int) -> Strip:
        row, width = self._begin_line(y)
        laid, line = line_at(self._bands, self._tops, row)
        if laid is None:
            return Strip.blank(width, self._cached_style("base"))
        cursor = self._spot(self.cursor)
        if cursor is not None and self._bands[cursor.band] is laid:
            item = laid.columns[cursor.column].items[cursor.item]
            if item.top <= line < item.top + len(item.lines):
                self._lit.add(row)
                return self._join(laid, line, width, cursor)
        kept = self._joined.get(id(laid))
        if kept is None or kept[0] is not laid:
            kept = self._joined[id(laid)] = (laid, {})
        strip = kept[1].get(line)
        if strip is None or strip.cell_length != width:
            strip = kept[1][line] = self._join(laid, line, width, None)
        return strip

    # -- cursor ---------------------------------------------------------------------------
    def _refresh_card(self, index: int) -> None:
        rows = self._rows_of(index)
        if rows is not None:
            self.refresh(Region(0, rows[0] - self.scroll_offset.y, self.size.width, rows[1]))

    def _scroll_to_cursor(self) -> None:
        spot = self._spot(self.cursor)
        if spot is None:
            return
        rows = self._rows_of(self.cursor)
        assert rows is not None
        top, height = rows
        if spot.item <= 1:  # the first card of a column: its title too
            height += top - self._tops[spot.band]
            top = self._tops[spot.band]
        self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True)

    def _go(self, spot: Spot | None) -> None:
        if spot is not None:
            self.cursor = self._index_at(spot)

    def action_cursor(self, delta: int) -> None:
        self._finish_layout()  # the keys walk the whole wall
        spot = self._spot(self.cursor)
        if spot is None:
            super().action_cursor(delta)
            return
        for _ in range(abs(delta)):
            spot = vertical(self._bands, spot, 1 if delta > 0 else -1) or spot
        self._go(spot)

    def step(self, delta: int) -> None:
        """The next (or previous) card in reading order: down a cluster's column, along a
        row of loose cards, and on to the next column at a column's end."""
        if self._cards:
            self.cursor = max(0, min(len(self._cards) - 1, self.cursor + delta))

    def action_across(self, delta: int) -> None:
        self._finish_layout()  # the keys walk the whole wall
        spot = self._spot(self.cursor)
        if spot is not None:
            self._go(horizontal(self._bands, spot, delta))

    def action_page(self, direction: int) -> None:
        self._finish_layout()  # the keys walk the whole wall
        spot = self._spot(self.cursor)
        if spot is None:
            return
        page = max(1, self.scrollable_content_region.height - 1)
        start = self._tops[spot.band]
        while abs(self._tops[spot.band] - start) < page:
            nxt = vertical(self._bands, spot, direction)
            if nxt is None:
                break
            spot = nxt
        self._go(spot)

    def watch_current_section(self, old: str, new: str) -> None:
        """The wall lights no title (see ``_title``)."""

    def on_click(self, event: events.Click) -> None:
        event.prevent_default()  # CardBoard's click reads its own (list) layout
        laid, line = line_at(self._bands, self._tops, event.y + self.scroll_offset.y)
        if laid is None:
            return
        column = next((c for c in laid.columns if c.x <= event.x < c.x + c.width), None)
        item = column.item_at(line) if column is not None else None
        if column is None or item is None or not item.section:
            return
        if item.card is None:
            self.current_section = item.section
            self.post_message(self.SectionClicked(self, item.section))
            return
        index = self._block_card_start[self._section_index[item.section]] + item.card
        if event.x - column.x < 2:
            self.post_message(self.MarkClicked(self, self._cards[index]))
        self.cursor = index

    def column_spans(self, y: int) -> list[tuple[tuple[int, int], int, int]]:
        """The columns drawn on screen line `y`: (which column of which band, x, width)."""
        row = y + self.scroll_offset.y
        if not self._bands or not 0 <= row < self._rows:
            return []
        index = bisect_right(self._tops, row) - 1
        return [((index, number), column.x, column.width)
                for number, column in enumerate(self._bands[index].columns)]

