"""A side panel repainted row by row: when its text changes, only the rows that differ
are drawn again.

A panel beside a busy board (the co-create wall's per-team counts, its sorting progress)
changes with every card typed or moved, usually by one number. A ``Static`` renders its
whole text again on any change (2–3 ms for a panel of 30 lines, on every Enter); this
panel keeps each line's rows, keyed by the line's text and styles, and marks only the
rows that changed as needing paint. Its rows are the ones the ``Static`` would draw: the
text is wrapped line by line, as the ``Static`` wraps it.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual, visualize

from workshop.tui.widgets.fitted import FittedStatic


def _line_key(line: Text) -> Hashable:
    return line.plain, tuple(line.spans), line.style, line.justify, line.overflow


class LinePanel(FittedStatic):
    """A :class:`FittedStatic` for text that changes a line at a time (``show_text``)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._lines: list[Text] = []
        self._keys: list[Hashable] = []  # each line's text and styles (_line_key)
        self._rows: list[Strip] = []
        self._rows_made_for: tuple[int, object] | None = None  # (width, visual style)
        self._line_rows: dict[Hashable, list[Strip]] = {}

    def show_text(self, text: Text) -> None:
        """Show `text`; repaint the rows that changed, and lay the screen out again only
        when the number of rows did (a layout repaints the whole screen)."""
        lines = list(text.split("\n", allow_blank=True))
        keys = [_line_key(line) for line in lines]
        if keys == self._keys:
            return
        self._lines, self._keys = lines, keys
        width = self.size.width
        if not width or self._rows_made_for is None:
            self._rows_made_for = None  # hidden (projector mode): its rows are made anew
            self.refresh(layout=True)  # when it is laid out and drawn again
            return
        was = self._rows
        now = self._make_rows(width)
        if len(now) != len(was):
            self.refresh(layout=True)
            return
        changed = [Region(0, y, width, 1) for y, (old, new) in enumerate(zip(was, now, strict=True))
                   if old != new]
        if changed:
            self.refresh(*changed)

    @property
    def content(self) -> Text:
        """The whole text shown (for what reads the panel, such as a copied selection)."""
        return Text("\n").join(self._lines)

    @content.setter
    def content(self, content: Text) -> None:
        self.show_text(content)

    def update(self, content: object = "", *, layout: bool = True) -> None:
        self.show_text(content if isinstance(content, Text) else Text(str(content)))

    def render(self) -> Text:
        return self.content

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows_at(width)) if width else 0

    def render_line(self, y: int) -> Strip:
        rows = self._rows_at(self.size.width)
        if y < len(rows):
            return rows[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    # -- rows ---------------------------------------------------------------------------------
    def _rows_at(self, width: int) -> list[Strip]:
        if self._rows_made_for != (width, self.visual_style):
            self._make_rows(width)
        return self._rows

    def _make_rows(self, width: int) -> list[Strip]:
        made_for = (width, self.visual_style)
        if self._rows_made_for is None or self._rows_made_for != made_for:
            self._line_rows = {}  # another width or theme: every line is drawn anew
        kept: dict[Hashable, list[Strip]] = {}
        rows: list[Strip] = []
        for line, key in zip(self._lines, self._keys, strict=True):
            drawn = self._line_rows.get(key) or kept.get(key)
            if drawn is None:
                drawn = Visual.to_strips(self, visualize(self, line), width, None,
                                         self.visual_style)
            kept[key] = drawn
            rows.extend(drawn)
        self._line_rows, self._rows, self._rows_made_for = kept, rows, made_for
        return rows
