"""A focusable, scrollable view of prepared lines (Textual's Line API): the base of the
fishbone and the 5-Why ladder. Only the visible part of each line is drawn."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


def cells_to_strip(row: list[tuple[str, str]], styles: dict[str, Style]) -> Strip:
    """A row of (character, style name) cells as a strip; "" cells (the right half of a
    wide character) are skipped, runs of one style become one segment."""
    segments: list[Segment] = []
    run: list[str] = []
    current = None
    for char, name in row:
        if char == "":
            continue
        if name != current and run:
            segments.append(Segment("".join(run), styles.get(current or "", Style())))
            run = []
        current = name
        run.append(char)
    if run:
        segments.append(Segment("".join(run), styles.get(current or "", Style())))
    return Strip(segments)


class LinesView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrolled by its cursor, not by keys of its own: PageUp/PageDown and the rest go to
    the view around it (the next fishbone, the next chain)."""

    DEFAULT_CSS = """
    LinesView { height: 1fr; background: $surface; scrollbar-size-vertical: 1;
                scrollbar-size-horizontal: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._strips: list[Strip] = []
        self._content_width = 0

    def set_lines(self, strips: list[Strip], width: int) -> None:
        self._strips = strips
        self._content_width = width
        size = Size(width, len(strips))
        if size != self.virtual_size:
            self.virtual_size = size
        self.refresh()

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row >= len(self._strips):
            return Strip.blank(width, base)
        x = self.scroll_offset.x
        return self._strips[row].crop_extend(x, x + width, base).apply_style(base)

    def restyle(self) -> None:
        """Styles changed (theme, focus): rebuild the lines with the new ones."""

    def on_focus(self) -> None:
        self.call_after_refresh(self.restyle)

    def on_blur(self) -> None:
        self.call_after_refresh(self.restyle)

    def show_region(self, top: int, bottom: int, left: int = 0, right: int = 0) -> None:
        """Scroll so rows `top`..`bottom` (and cells `left`..`right`) are in view."""
        height = max(1, bottom - top + 1)
        width = max(1, right - left)
        self.scroll_to_region(Region(left, top, width, height), animate=False, force=True)
