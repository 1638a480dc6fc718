"""A board of cards drawn as lines (Textual's Line API), fast with thousands of cards.

A widget per card does not scale (2,000 ``Static`` cards made each added card 3×
slower); here each card is wrapped once into strips, cached, and only the visible
lines are drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, chain

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from workshop.tui.compat import BoundKeysAtOnce, SteadyScrollView
from workshop.tui.widgets.card_layout import (
    CardView,
    LaidOutSection,
    Section,
    component_style,
    hint_lines,
    layout_section,
    line_regions,
    title_strip,
    visible_lines,
)

__all__ = ["CardBoard", "CardView", "Section"]


class CardBoard(BoundKeysAtOnce, SteadyScrollView, can_focus=True):
    """Sections of cards with a cursor. Cards wrap; CJK is measured in cells.

    Redrawing is incremental: a section whose cards did not change keeps its laid-out
    lines, a section that only grew lays out the new cards, and only the lines on screen
    that changed are repainted. So a change to one card or one section costs the same
    with 20 cards as with 2,000.
    """

    COMPONENT_CLASSES = {
        "card-board--header",
        "card-board--header-current",
        "card-board--cursor",
        "card-board--hidden",
        "card-board--hint",
        "card-board--badge",
        "card-board--marked",
    }

    DEFAULT_CSS = """
    CardBoard {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        /* the scrollbar's column is kept even while the cards fit, so the width of the
           lines never changes when it comes or goes (2,000 cards laid out again) */
        scrollbar-gutter: stable;
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
    CardBoard > .card-board--marked { color: $warning; text-style: bold; }
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", "Previous card", show=False, id="board.up"),
        Binding("down", "cursor(1)", "Next card", show=False, id="board.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="board.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="board.pagedown"),
        Binding("home", "first", "First card", show=False, id="board.home"),
        Binding("end", "last", "Last card", show=False, id="board.end"),
    ]

    # Neither repaints the whole board: the lines they change are repainted by their
    # watchers (a whole board's repaint was a third of the frame after a card was typed).
    cursor: reactive[int] = reactive(-1, init=False, repaint=False)
    current_section: reactive[str] = reactive("", init=False, repaint=False)

    class _BoardMessage(Message):
        """A message from the board; ``control`` is the board (for ``@on`` selectors)."""

        def __init__(self, board: CardBoard) -> None:
            super().__init__()
            self.board = board

        @property
        def control(self) -> CardBoard:
            return self.board

    class CursorMoved(_BoardMessage):
        """The cursor moved to another card (or to none)."""

        def __init__(self, board: CardBoard, card: CardView | None) -> None:
            super().__init__(board)
            self.card = card

    class SectionClicked(_BoardMessage):
        """A section's title (or its empty-section hint) was clicked."""

        def __init__(self, board: CardBoard, key: str) -> None:
            super().__init__(board)
            self.key = key

    class MarkClicked(_BoardMessage):
        """The bar left of a card was clicked (to mark or unmark it)."""

        def __init__(self, board: CardBoard, card: CardView) -> None:
            super().__init__(board)
            self.card = card

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None, empty_hint: str = "") -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._sections: list[Section] = []
        self._clear_layout([])
        self._styles: dict[str, Style] | None = None
        self._cache: dict[tuple, list[Strip]] = {}
        self._drawn_lines: dict[int, tuple[Strip, Strip]] = {}
        """Laid-out line (by id) → (that line, the line as drawn)."""
        self._built_width = 0
        self._line_width: int | None = None
        """The board's width while a frame is drawn (see ``render_lines``)."""
        self._styles_key: tuple = ()
        self.empty_hint = empty_hint
        self._lit: set[int] = set()
        """Board lines last drawn in the cursor's colour (repainted when it moves on)."""

    def _clear_layout(self, cards: list[CardView]) -> None:
        """Know `cards` without laying them out (no width yet)."""
        self._cards = cards
        self._blocks: list[LaidOutSection] = []
        self._rows = 0
        """Lines on the board in all."""
        self._changed: list[int] = []
        """Blocks laid out again by the last rebuild (where a card that moved will be)."""
        self._block_of: dict[str, int] = {}
        self._block_row_start = [0]
        self._block_card_start = [0]
        self._index: dict[str, int] | None = None
        """Card id → index, built when first needed after a change."""

    # -- data -------------------------------------------------------------------------
    @property
    def cards(self) -> list[CardView]:
        return self._cards

    @property
    def sections(self) -> list[Section]:
        """What the board shows, as last given to ``show``."""
        return self._sections

    @property
    def selected(self) -> CardView | None:
        if 0 <= self.cursor < len(self._cards):
            return self._cards[self.cursor]
        return None

    def index_of(self, card_id: str, group: str | None = None) -> int | None:
        """The position of the card with `card_id` in ``cards``, or None.

        Looks in the section `group` first, then in the sections the last change laid
        out again (where a card that just moved is), before indexing every card.
        """
        for block in ([self._block_of[group]] if group in self._block_of else []) + \
                self._changed:
            cards = self._blocks[block].cards
            for local, card in enumerate(cards):
                if card.id == card_id:
                    return self._block_card_start[block] + local
        if self._index is None:
            self._index = {card.id: i for i, card in enumerate(self._cards)}
        return self._index.get(card_id)

    def show(self, sections: Sequence[Section], *, select: str | None = None) -> None:
        """Replace what the board shows; keeps the cursor on the same card where it can.

        `select` moves the cursor to the card with that id (e.g. the one just added).
        """
        before = self.selected
        was = before.id if before else None
        keep = select or was
        self._sections = list(sections)
        self._rebuild()
        index = self.index_of(keep, before.group if before and keep == was else None) \
            if keep is not None else None
        if index is None:
            index = min(self.cursor, len(self._cards) - 1) if self._cards else -1
        if was is not None and was != keep:  # its lines lose the cursor
            previous = self.index_of(was, before.group if before else None)
            if previous is not None:
                self._refresh_card(previous)
        if index != self.cursor:
            self.cursor = index
        else:  # the same place, maybe another card (one before it went)
            self._relight()
            self._announce()
        if select is not None:
            self.call_after_refresh(self._scroll_to_cursor)

    def select(self, card_id: str) -> bool:
        index = self.index_of(card_id)
        if index is None:
            return False
        self.cursor = index
        return True

    def section_of(self, index: int) -> int:
        """The index (in ``sections``) of the section holding card `index`."""
        return bisect_right(self._block_card_start, index) - 1

    # -- layout -----------------------------------------------------------------------
    def _rebuild(self) -> None:
        if self.is_attached and not self.size.width:
            # not laid out yet: the cards are known, their lines wait for the width (a
            # layout at a guessed width would be thrown away at once: 2,000 cards twice)
            self._clear_layout(list(chain.from_iterable(s.cards for s in self._sections)))
            return
        width = max(8, self.scrollable_content_region.width or self.size.width or 40)
        styles_key = (self.app.theme if self.is_attached else "", width, self._layout_styles())
        if styles_key != self._styles_key:
            self._cache.clear()
            self._drawn_lines.clear()
            self._styles_key = styles_key
            self._blocks = []
        self._built_width = width
        old = {block.key: block for block in self._blocks}
        blocks = []
        changed = []
        current_key = self.current_section
        for section in self._sections:
            current = section.key == current_key
            prev = old.get(section.key)
            if (prev is not None and prev.title == section.title and prev.hint == section.hint
                    and prev.current == current):
                if prev.source is section.cards:
                    blocks.append(prev)
                    continue
                cards = tuple(section.cards)
                if prev.cards == cards:
                    blocks.append(prev._replace(source=section.cards))
                    continue
            else:
                cards = tuple(section.cards)
            changed.append(len(blocks))
            blocks.append(layout_section(section, cards, current, width, prev,
                                         self._cached_style, self._cache))
        limit = 4 * max(1000, len(self._cards))
        if len(self._cache) > limit or len(self._drawn_lines) > 2 * limit:
            self._cache = {}  # cards long gone: let their lines go
            self._drawn_lines = {}
        if not any(block.strips for block in blocks) and self.empty_hint:
            lines = hint_lines(self.empty_hint, width, self._cached_style)
            blocks = [LaidOutSection("", "", self.empty_hint, False, (), lines, [None] * len(lines),
                             [], [])]
        old = (self._blocks, self._block_row_start)
        self._blocks = blocks
        self._changed = changed
        self._block_of = {block.key: i for i, block in enumerate(blocks)}
        self._block_row_start = list(accumulate((len(b.strips) for b in blocks), initial=0))
        self._block_card_start = list(accumulate((len(b.cards) for b in blocks), initial=0))
        self._rows = self._block_row_start[-1]
        self._cards = list(chain.from_iterable(block.cards for block in blocks))
        self._index = None
        self.set_virtual_size(Size(width, self._rows))
        self._refresh_changed(*old)

    _STYLE_NAMES = ("header", "header-current", "cursor", "hidden", "hint", "badge", "marked")

    def _cached_style(self, name: str) -> Style:
        """A component style (or ``base``, the board's own), looked up once per restyle: a
        lookup costs more than drawing a line."""
        if self._styles is None:
            styles = {name: component_style(self, f"card-board--{name}")
                      for name in self._STYLE_NAMES}
            styles["base"] = self.rich_style
            self._styles = styles
        return self._styles[name]

    def _layout_styles(self) -> tuple[Style, ...]:
        """The styles baked into laid-out lines (all but the cursor's)."""
        return tuple(self._cached_style(name) for name in (*self._STYLE_NAMES, "base")
                     if name != "cursor")

    def _refresh_changed(self, blocks: list[LaidOutSection], starts: list[int]) -> None:
        """Repaint only the lines on screen whose content changed (since `blocks`)."""
        height = self.scrollable_content_region.height
        if not self.is_mounted or not height or not blocks:
            self.refresh()
            return
        top = self.scroll_offset.y
        before = visible_lines(blocks, starts, top, height)
        after = visible_lines(self._blocks, self._block_row_start, top, height)
        changed = [y for y in range(height)
                   if (before[y] if y < len(before) else None)
                   is not (after[y] if y < len(after) else None)]
        if changed:
            self.refresh(*line_regions(changed, self.size.width))

    def _locate(self, row: int) -> tuple[int, int]:
        """(block, line within the block) of board line `row`."""
        block = bisect_right(self._block_row_start, row) - 1
        return block, row - self._block_row_start[block]

    def _card_first_row(self, index: int) -> int:
        block = self.section_of(index)
        return (self._block_row_start[block]
                + self._blocks[block].firsts[index - self._block_card_start[block]])

    def _card_row_count(self, index: int) -> int:
        block = self.section_of(index)
        return self._blocks[block].counts[index - self._block_card_start[block]]

    def _card_at_row(self, row: int) -> int | None:
        block, line = self._locate(row)
        local = self._blocks[block].rows[line]
        if local is None:
            return None
        return self._block_card_start[block] + local

    def watch_show_vertical_scrollbar(self) -> None:
        # a scrollbar that came or went changes the width of the lines, with no Resize
        self.call_later(self.on_resize)

    def on_resize(self, event: events.Resize | None = None) -> None:
        if max(8, self.scrollable_content_region.width) != self._built_width:
            relaid = self._built_width != 0  # not the first lay-out: the lines moved
            self._rebuild()
            if relaid and 0 <= self.cursor < len(self._cards):
                # the cards wrap anew at the new width: the view follows the cursor's
                # card, not the line it happened to start at
                self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        if self.is_mounted and self._sections:
            # a new theme or a new class re-lays out; focus only changes the cursor's colour
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        if self._styles_key and self._styles_key[2] != self._layout_styles():
            self._rebuild()
        else:
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width is looked up through the screen's widget map: once per frame, not per
        # line (it was most of the cost of drawing the board after a card was added).
        self._line_width = self.scrollable_content_region.width
        try:
            return super().render_lines(crop)
        finally:
            self._line_width = None

    def _begin_line(self, y: int) -> tuple[int, int]:
        """The board line and the width of screen line `y`, which counts as drawn without
        the cursor's colour until the caller lights it (``_lit``)."""
        row = y + self.scroll_offset.y
        self._lit.discard(row)
        width = self._line_width
        return row, self.scrollable_content_region.width if width is None else width

    def render_line(self, y: int) -> Strip:
        row_index, width = self._begin_line(y)
        if row_index >= self._rows:
            return Strip.blank(width, self._cached_style("base"))
        block, line = self._locate(row_index)
        laid = self._blocks[block]
        local = laid.rows[line]
        if local is not None and self._block_card_start[block] + local == self.cursor:
            self._lit.add(row_index)
            base, cursor = self._cached_style("base"), self._cached_style("cursor")
            strip = laid.strips[line].apply_style(cursor).extend_cell_length(width, cursor)
            return strip.crop_extend(0, width, base).apply_style(base)
        strip = self._drawn(laid.strips[line], width)
        if strip.cell_length != width:  # a resize is on its way
            return strip.crop_extend(0, width, self._cached_style("base"))
        return strip

    def _drawn(self, strip: Strip, width: int) -> Strip:
        """`strip` as drawn: full width, on the board's base style; made the first time it
        is shown and kept while its card's lines are (a line is laid out for every card,
        but drawn only for those that scroll into view)."""
        drawn = self._drawn_lines.get(id(strip))
        if drawn is None or drawn[0] is not strip:
            base = self._cached_style("base")
            drawn = self._drawn_lines[id(strip)] = (
                strip, strip.crop_extend(0, width, base).apply_style(base))
        return drawn[1]

    # -- cursor -----------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self._relight()
        self._scroll_to_cursor()
        self._announce()

    def _relight(self) -> None:
        """Repaint the lines last drawn in the cursor's colour and those of the card under
        it now (where the cursor was is where it was drawn, whatever moved since)."""
        top, width, height = self.scroll_offset.y, self.size.width, self.size.height
        # lines out of view are not on the terminal: scrolled back, the view repaints whole
        self._lit = {row for row in self._lit if top <= row < top + height}
        for row in self._lit:
            self.refresh(Region(0, row - top, width, 1))
        self._refresh_card(self.cursor)

    def _refresh_card(self, index: int) -> None:
        if not 0 <= index < len(self._cards) or not self._blocks:
            return
        top = self._card_first_row(index) - self.scroll_offset.y
        self.refresh(Region(0, top, self.size.width, self._card_row_count(index)))

    def watch_current_section(self, old: str, new: str) -> None:
        """Light the header of the current section: two header lines, not a re-layout."""
        if not self._blocks or not self._styles_key:
            return
        width = self._built_width
        for key in (old, new):
            index = self._block_of.get(key)
            if index is None:
                continue
            block = self._blocks[index]
            current = key == new
            if block.current == current:
                continue
            strips = list(block.strips)
            if block.title:
                strips[0] = title_strip(block.title, len(block.cards), width, current,
                                        self._cached_style)
                top = self._block_row_start[index] - self.scroll_offset.y
                self.refresh(Region(0, top, self.size.width, 1))
            self._blocks[index] = block._replace(current=current, strips=strips)

    def _announce(self) -> None:
        card = self.selected
        if card is not None and card.group and card.group != self.current_section:
            self.current_section = card.group
        self.post_message(self.CursorMoved(self, card))

    def _scroll_to_cursor(self) -> None:
        if 0 <= self.cursor < len(self._cards) and self._blocks:
            top = self._card_first_row(self.cursor)
            height = self._card_row_count(self.cursor)
            self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True)

    def action_cursor(self, delta: int) -> None:
        if self._cards:
            self.cursor = max(0, min(len(self._cards) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        if not self._cards or not self._blocks:
            return
        target_row = (self._card_first_row(max(0, self.cursor))
                      + direction * max(1, self.scrollable_content_region.height - 1))
        target_row = max(0, min(self._rows - 1, target_row))
        card = None
        row = target_row
        step = 1 if direction > 0 else -1
        while card is None and 0 <= row < self._rows:  # the nearest card line that way
            card = self._card_at_row(row)
            row += step
        if card is None:  # none that way: the last (or first) card
            card = 0 if direction < 0 else len(self._cards) - 1
        self.cursor = card

    def action_first(self) -> None:
        if self._cards:
            self.cursor = 0

    def action_last(self) -> None:
        if self._cards:
            self.cursor = len(self._cards) - 1

    def on_click(self, event: events.Click) -> None:
        row_index = event.y + self.scroll_offset.y
        if 0 <= row_index < self._rows:
            card = self._card_at_row(row_index)
            if card is not None:
                if event.x < 2:
                    self.post_message(self.MarkClicked(self, self._cards[card]))
                self.cursor = card
            else:
                key = self._blocks[self._locate(row_index)[0]].key
                if key:
                    self.current_section = key
                    self.post_message(self.SectionClicked(self, key))
