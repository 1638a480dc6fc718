"""A list of rows drawn as lines (Textual's Line API) with a cursor on the rows that can be
chosen: the plan's strategies and actions, the town hall's questions.

Each row brings its own layout function (width → lines of segments), called once per
width and cached; only the visible lines are drawn, so a plan of hundreds of actions
redraws at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

Layout = Callable[[int, Callable[[str], Style]], list[list[Segment]]]
"""Given the width and a style lookup (component class name → style), a row's lines."""


class Row(NamedTuple):
    key: str
    """What the row stands for: an action id, a strategy id, a question id."""
    kind: str
    """``header``, ``item``, ``hint``… (the screen decides what each means)."""
    layout: Layout
    selectable: bool = True
    signature: tuple = ()
    """Everything the layout depends on: rows with the same key and signature reuse
    their lines."""


class RowList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of wrapped lines with a cursor; posts ``Highlighted`` when it moves. (No
    horizontal scrolling, so none of ScrollView's keys: only these.)"""

    COMPONENT_CLASSES = {
        "row-list--header",
        "row-list--cursor",
        "row-list--muted",
        "row-list--warn",
        "row-list--ok",
        "row-list--accent",
        "row-list--strong",
    }

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    RowList > .row-list--header { color: $text; text-style: bold; background: $boost; }
    RowList > .row-list--cursor { background: $accent 35%; }
    RowList:focus > .row-list--cursor { background: $accent 60%; }
    RowList > .row-list--muted { color: $text-muted; }
    RowList > .row-list--warn { color: $text-warning; text-style: bold; }
    RowList > .row-list--ok { color: $text-success; text-style: bold; }
    RowList > .row-list--accent { color: $text-accent; text-style: bold; }
    RowList > .row-list--strong { text-style: bold; }
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", "Previous", show=False, id="rows.up"),
        Binding("down", "cursor(1)", "Next", show=False, id="rows.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="rows.pageup"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="rows.pagedown"),
        Binding("home", "first", "First", show=False, id="rows.home"),
        Binding("end", "last", "Last", show=False, id="rows.end"),
    ]

    cursor: reactive[int] = reactive(-1, init=False)
    """Index into the rows (always a selectable one, or -1)."""

    class Highlighted(Message):
        """The cursor moved to another row (or to none)."""

        def __init__(self, rows: RowList, row: Row | None) -> None:
            super().__init__()
            self.rows = rows
            self.row = row

        @property
        def control(self) -> RowList:
            return self.rows

    def __init__(self, *, empty_hint: str = "", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.empty_hint = empty_hint
        self._rows: list[Row] = []
        self._strips: list[Strip] = []
        self._line_row: list[int] = []
        self._first: list[int] = []
        self._count: list[int] = []
        self._cache: dict[tuple, list[Strip]] = {}
        self._width = 0
        self._theme = ""

    # -- data -----------------------------------------------------------------------------
    @property
    def rows(self) -> list[Row]:
        return self._rows

    @property
    def selected(self) -> Row | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def show(self, rows: Sequence[Row], *, select: str | None = None) -> None:
        """Replace the rows; the cursor stays on the same key where it can (or moves to
        `select`), else on the nearest selectable row."""
        was = self.selected.key if self.selected else None
        keep = select or was
        old = self.cursor
        self._rows = list(rows)
        self._rebuild()
        index = next((i for i, r in enumerate(self._rows) if r.key == keep and r.selectable),
                     None)
        if index is None:
            index = self._nearest(min(max(old, 0), len(self._rows) - 1))
        if index != self.cursor:
            self.cursor = index
        elif (self.selected.key if self.selected else None) != was:
            # another row came to the cursor's place; the same row again is news to no one
            # (the screens draw their side with the list: a second drawing cost the plan
            # 3-4 ms at 9,900 cards)
            self.post_message(self.Highlighted(self, self.selected))
        if select is not None:
            self.call_after_refresh(self._scroll_to_cursor)

    def select(self, key: str) -> bool:
        for i, row in enumerate(self._rows):
            if row.key == key and row.selectable:
                self.cursor = i
                return True
        return False

    def _nearest(self, start: int) -> int:
        if not self._rows:
            return -1
        for offset in range(len(self._rows)):
            for i in (start + offset, start - offset):
                if 0 <= i < len(self._rows) and self._rows[i].selectable:
                    return i
        return -1

    # -- layout ---------------------------------------------------------------------------
    def style_of(self, name: str) -> Style:
        """The component style `name`, its colours resolved against the list's background
        (``$text-muted`` is "auto 60%": unresolved it prints white on white), and without
        a background of its own except for headers and the cursor, so the cursor's shows
        through."""
        full = self.get_component_rich_style(f"row-list--{name}")
        if name in ("header", "cursor"):
            return full
        return Style(color=full.color, bold=full.bold, italic=full.italic, dim=full.dim,
                     underline=full.underline)

    def _rebuild(self) -> None:
        width = max(10, self.scrollable_content_region.width or self.size.width or 40)
        theme = self.app.theme if self.is_attached else ""
        if (width, theme) != (self._width, self._theme):
            self._cache.clear()
            self._width, self._theme = width, theme
        used: dict[tuple, list[Strip]] = {}
        strips: list[Strip] = []
        line_row: list[int] = []
        firsts: list[int] = []
        counts: list[int] = []
        for i, row in enumerate(self._rows):
            key = (row.key, row.kind, row.signature)
            lines = self._cache.get(key)
            if lines is None:
                lines = [Strip(segments) for segments in row.layout(width, self.style_of)]
            used[key] = lines
            firsts.append(len(strips))
            counts.append(len(lines))
            strips.extend(lines)
            line_row.extend([i] * len(lines))
        if not strips and self.empty_hint:
            from workshop.text import wrap

            for line in wrap(self.empty_hint, width - 2):
                strips.append(Strip([Segment("  " + line, self.style_of("muted"))]))
                line_row.append(-1)
        self._cache = used
        self._strips, self._line_row = strips, line_row
        self._first, self._count = firsts, counts
        size = Size(width, len(strips))
        if size != self.virtual_size:
            self.virtual_size = size
        self.refresh()

    def watch_show_vertical_scrollbar(self) -> None:
        # a scrollbar that came or went changes the width of the lines, with no Resize
        self.call_later(self.on_resize)

    def on_resize(self, event: events.Resize | None = None) -> None:
        if max(10, self.scrollable_content_region.width) != self._width:
            self._rebuild()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._strips):
            return Strip.blank(width, base)
        strip = self._strips[index]
        if self.cursor >= 0 and self._line_row[index] == self.cursor:
            cursor = self.style_of("cursor")
            strip = strip.apply_style(cursor).extend_cell_length(width, cursor)
        return strip.crop_extend(0, width, base).apply_style(base)

    # -- cursor ---------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.selected))

    def _scroll_to_cursor(self) -> None:
        if 0 <= self.cursor < len(self._first):
            top, height = self._first[self.cursor], self._count[self.cursor]
            # a header just above the cursor stays in view with it
            if self.cursor > 0 and not self._rows[self.cursor - 1].selectable:
                top, height = self._first[self.cursor - 1], height + self._count[self.cursor - 1]
            self.scroll_to_region(Region(0, top, 1, height), animate=False, force=True)

    def _step(self, delta: int) -> None:
        i = self.cursor
        while True:
            i += delta
            if not 0 <= i < len(self._rows):
                return
            if self._rows[i].selectable:
                self.cursor = i
                return

    def action_cursor(self, delta: int) -> None:
        self._step(delta)

    def action_page(self, direction: int) -> None:
        if self.cursor < 0:
            return
        page = max(1, self.scrollable_content_region.height - 1)
        target = self._first[self.cursor] + direction * page
        best = self.cursor
        for i, first in enumerate(self._first):
            if self._rows[i].selectable and ((direction > 0 and first <= target) or
                                              (direction < 0 and first >= target and i < best)):
                best = i
                if direction < 0:
                    break
        self.cursor = best

    def action_first(self) -> None:
        self.cursor = self._nearest(0)

    def action_last(self) -> None:
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i].selectable:
                self.cursor = i
                return

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._line_row):
            row = self._line_row[index]
            if row >= 0 and self._rows[row].selectable:
                self.cursor = row
