"""A board of cards drawn as lines (Textual's Line API), fast with thousands of cards.

A widget per card does not scale (2,000 ``Static`` cards made each added card 3×
slower); here each card is wrapped once into strips, cached, and only the visible
lines are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workshop.text import cells, wrap


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


class Section(NamedTuple):
    """A titled run of cards; `key` identifies it (a board or a cluster id)."""

    key: str
    title: str
    cards: Sequence[CardView]
    hint: str = ""
    """Shown under the title when the section has no cards."""


class CardBoard(ScrollView, can_focus=True):
    """Sections of cards with a cursor. Cards wrap; CJK is measured in cells."""

    COMPONENT_CLASSES = {
        "card-board--header",
        "card-board--header-current",
        "card-board--cursor",
        "card-board--hidden",
        "card-board--hint",
        "card-board--badge",
    }

    DEFAULT_CSS = """
    CardBoard {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    CardBoard > .card-board--header { color: $text; text-style: bold; background: $boost; }
    CardBoard > .card-board--header-current {
        color: $text; text-style: bold; background: $primary 30%;
    }
    CardBoard > .card-board--cursor { background: $accent 35%; }
    CardBoard:focus > .card-board--cursor { background: $accent 60%; }
    CardBoard > .card-board--hidden { color: $text-muted; text-style: italic; }
    CardBoard > .card-board--hint { color: $text-muted; text-style: italic; }
    CardBoard > .card-board--badge { color: $text-accent; text-style: bold; }
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", "Previous card", show=False, id="board.up"),
        Binding("down", "cursor(1)", "Next card", show=False, id="board.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="board.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="board.pagedown"),
        Binding("home", "first", "First card", show=False, id="board.home"),
        Binding("end", "last", "Last card", show=False, id="board.end"),
    ]

    cursor: reactive[int] = reactive(-1, init=False)
    current_section: reactive[str] = reactive("", init=False)

    class CursorMoved(Message):
        """The cursor moved to another card (or to none)."""

        def __init__(self, board: CardBoard, card: CardView | None) -> None:
            super().__init__()
            self.board = board
            self.card = card

        @property
        def control(self) -> CardBoard:
            return self.board

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None, empty_hint: str = "") -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._sections: list[Section] = []
        self._cards: list[CardView] = []
        self._strips: list[Strip] = []
        self._row_card: list[int | None] = []
        """For each line: the index of its card, or None for headers and hints."""
        self._row_section: list[str] = []
        self._card_first_row: list[int] = []
        self._card_row_count: list[int] = []
        self._cache: dict[tuple, list[Strip]] = {}
        self._built_width = 0
        self._styles_key: tuple = ()
        self._line_styles: tuple[Style, Style] | None = None
        self.empty_hint = empty_hint

    # -- data -------------------------------------------------------------------------
    @property
    def cards(self) -> list[CardView]:
        return self._cards

    @property
    def selected(self) -> CardView | None:
        if 0 <= self.cursor < len(self._cards):
            return self._cards[self.cursor]
        return None

    def show(self, sections: Sequence[Section], *, select: str | None = None) -> None:
        """Replace what the board shows; keeps the cursor on the same card where it can.

        `select` moves the cursor to the card with that id (e.g. the one just added).
        """
        keep = select or (self.selected.id if self.selected else None)
        self._sections = list(sections)
        self._cards = [card for section in self._sections for card in section.cards]
        self._rebuild()
        index = next((i for i, c in enumerate(self._cards) if c.id == keep), None)
        if index is None:
            index = min(self.cursor, len(self._cards) - 1) if self._cards else -1
        if index != self.cursor:
            self.cursor = index
        else:
            self._announce()
        if select is not None:
            self.call_after_refresh(self._scroll_to_cursor)

    def select(self, card_id: str) -> bool:
        for i, card in enumerate(self._cards):
            if card.id == card_id:
                self.cursor = i
                return True
        return False

    # -- layout -----------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        component = f"card-board--{name}"
        partial = self.get_component_rich_style(component, partial=True)
        # A partial style cannot resolve "auto" or translucent colours ($text, $text-muted
        # came out white on a light theme); take those from the resolved style, for the
        # colours the component sets itself only.
        full = self.get_component_rich_style(component)
        return partial + Style(color=full.color if partial.color else None,
                               bgcolor=full.bgcolor if partial.bgcolor else None)

    def _rebuild(self) -> None:
        width = max(8, self.scrollable_content_region.width or self.size.width or 40)
        styles_key = (self.app.theme if self.is_attached else "", width)
        if styles_key != self._styles_key:
            self._cache.clear()
            self._styles_key = styles_key
        self._built_width = width
        strips: list[Strip] = []
        row_card: list[int | None] = []
        row_section: list[str] = []
        firsts: list[int] = []
        counts: list[int] = []
        cache = self._cache
        used: dict[tuple, list[Strip]] = {}
        index = 0
        header_style = self._style("header")
        current_style = self._style("header-current")
        hint_style = self._style("hint")

        def add(lines: list[Strip], card: int | None, section: str) -> None:
            strips.extend(lines)
            row_card.extend([card] * len(lines))
            row_section.extend([section] * len(lines))

        for section in self._sections:
            if section.title:
                style = current_style if section.key == self.current_section else header_style
                title = f" {section.title} ({len(section.cards)}) "
                add([Strip([Segment(title, style),
                            Segment(" " * max(0, width - cells(title)), style)])],
                    None, section.key)
            if not section.cards and section.hint:
                add([Strip([Segment("  " + line, hint_style)])
                     for line in wrap(section.hint, width - 2)], None, section.key)
            section_start = len(strips)
            for card in section.cards:
                key = card[:6]  # id, text, team, colour, hidden, badge
                lines = cache.get(key) or self._layout_card(card, width)
                used[key] = lines
                firsts.append(len(strips))
                counts.append(len(lines))
                strips.extend(lines)
                row_card.extend([index] * len(lines))
                index += 1
            row_section.extend([section.key] * (len(strips) - section_start))
        if not strips and self.empty_hint:
            add([Strip([Segment("  " + line, hint_style)])
                 for line in wrap(self.empty_hint, width - 2)], None, "")
        self._cache = used
        self._strips = strips
        self._row_card = row_card
        self._row_section = row_section
        self._card_first_row = firsts
        self._card_row_count = counts
        self._set_virtual_height(len(strips), width)
        self.refresh()

    def _set_virtual_height(self, height: int, width: int) -> None:
        """Set the scrollable size; without a full re-layout when the scrollbar stays as it is.

        A layout repaints the whole screen; with thousands of cards that is most of the
        cost of adding one. Only a scrollbar appearing or going needs it.
        """
        size = Size(width, height)
        if size == self.virtual_size:
            return
        viewport = self.scrollable_content_region.height
        same_bar = (size.height > viewport) == (self.virtual_size.height > viewport)
        if self.is_mounted and viewport and same_bar:
            self.set_reactive(CardBoard.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def _layout_card(self, card: CardView, width: int) -> list[Strip]:
        bar = Style(color=card.color or None, bold=True)
        name_style = Style(color=card.color or None, bold=True)
        label = f"{card.team} " if card.team else ""
        indent = 2
        body_width = max(4, width - indent - 1)
        if card.hidden:
            text_style = self._style("hidden")
            lines = wrap(label + "▒▒▒▒▒▒", body_width)
            label_len = 0
        else:
            text_style = Style()
            lines = wrap(label + card.text, body_width)
            label_len = len(label)
        badge_style = self._style("badge")
        strips = []
        for n, line in enumerate(lines):
            segments = [Segment("▌ ", bar)]
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

    def on_resize(self, event: events.Resize) -> None:
        if max(8, self.scrollable_content_region.width) != self._built_width:
            self._rebuild()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_styles = None

    def _styles_for_lines(self) -> tuple[Style, Style]:
        # Looking styles up is slow next to drawing a line: once per style change, not per line.
        if self._line_styles is None:
            self._line_styles = (self.rich_style, self._style("cursor"))
        return self._line_styles

    def render_line(self, y: int) -> Strip:
        row_index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base, cursor = self._styles_for_lines()
        if row_index >= len(self._strips):
            return Strip.blank(width, base)
        strip = self._strips[row_index]
        if self._row_card[row_index] == self.cursor and self.cursor >= 0:
            strip = strip.apply_style(cursor).extend_cell_length(width, cursor)
        return strip.crop_extend(0, width, base).apply_style(base)

    # -- cursor -----------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self._scroll_to_cursor()
        self._announce()

    def watch_current_section(self) -> None:
        self._rebuild()

    def _announce(self) -> None:
        card = self.selected
        if card is not None and card.group and card.group != self.current_section:
            self.current_section = card.group
        self.post_message(self.CursorMoved(self, card))

    def _scroll_to_cursor(self) -> None:
        if 0 <= self.cursor < len(self._card_first_row):
            top = self._card_first_row[self.cursor]
            height = self._card_row_count[self.cursor]
            self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True)

    def action_cursor(self, delta: int) -> None:
        if self._cards:
            self.cursor = max(0, min(len(self._cards) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        if not self._cards:
            return
        target_row = (self._card_first_row[max(0, self.cursor)]
                      + direction * max(1, self.scrollable_content_region.height - 1))
        best = 0
        for i, first in enumerate(self._card_first_row):
            if first <= target_row:
                best = i
        self.cursor = best

    def action_first(self) -> None:
        if self._cards:
            self.cursor = 0

    def action_last(self) -> None:
        if self._cards:
            self.cursor = len(self._cards) - 1

    def on_click(self, event: events.Click) -> None:
        row_index = event.y + self.scroll_offset.y
        if 0 <= row_index < len(self._strips):
            card = self._row_card[row_index]
            if card is not None:
                self.cursor = card
            elif self._row_section[row_index]:
                self.current_section = self._row_section[row_index]
