"""The fishbone in the terminal: the drawing from ``fishbone_layout``, a cursor that walks
bones and causes with the arrow keys, and scrolling that keeps the cursor in view."""

from __future__ import annotations

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message

from workshop.tui.widgets.gaps.fishbone_layout import Drawing, FishBone, Key, layout
from workshop.tui.widgets.gaps.lines_view import LinesView, cells_to_strip

STYLE_NAMES = ("spine", "bone", "label", "cause", "sub", "root", "root-tag", "head",
               "head-box", "branch", "twig", "hint", "selected")


class FishboneView(LinesView):
    """Arrow keys: ↑↓ along a bone (above the spine, then below it), ←→ to the next bone.

    Posts ``FishboneView.Moved`` when the cursor lands on another bone or cause. The keys
    that change the fishbone live on the view around it (``FishbonePane``).
    """

    COMPONENT_CLASSES = {f"fishbone--{name}" for name in STYLE_NAMES}

    DEFAULT_CSS = """
    FishboneView > .fishbone--spine { color: $primary; text-style: bold; }
    FishboneView > .fishbone--bone { color: $primary; }
    FishboneView > .fishbone--label { background: $primary; color: $background;
                                      text-style: bold; }
    FishboneView > .fishbone--cause { color: $text; }
    FishboneView > .fishbone--sub { color: $text-muted; }
    FishboneView > .fishbone--root { color: $error; text-style: bold; }
    FishboneView > .fishbone--root-tag { background: $error; color: $background;
                                         text-style: bold; }
    FishboneView > .fishbone--head { color: $text; text-style: bold; }
    FishboneView > .fishbone--head-box { color: $accent; text-style: bold; }
    FishboneView > .fishbone--branch { color: $text-muted; }
    FishboneView > .fishbone--twig { color: $text-muted; }
    FishboneView > .fishbone--hint { color: $text-muted; text-style: italic; }
    FishboneView > .fishbone--selected { background: $accent 45%; text-style: bold; }
    FishboneView:focus > .fishbone--selected { background: $accent; color: $background; }
    """

    BINDINGS = [
        Binding("up", "move(0, -1)", "Up", show=False, id="gaps_fish_up",
                tooltip="The cause above on this bone"),
        Binding("down", "move(0, 1)", "Down", show=False, id="gaps_fish_down",
                tooltip="The cause below on this bone"),
        Binding("left", "move(-1, 0)", "Previous bone", show=False, id="gaps_fish_left",
                tooltip="The bone to the left"),
        Binding("right", "move(1, 0)", "Next bone", show=False, id="gaps_fish_right",
                tooltip="The bone to the right"),
        Binding("home", "end(-1)", "First", show=False, id="gaps_fish_home",
                tooltip="The first item on this bone"),
        Binding("end", "end(1)", "Last", show=False, id="gaps_fish_end",
                tooltip="The last item on this bone"),
    ]

    class Moved(Message):
        def __init__(self, view: FishboneView, key: Key | None) -> None:
            super().__init__()
            self.view = view
            self.key = key

        @property
        def control(self) -> FishboneView:
            return self.view

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.selected: Key | None = None
        self.drawing: Drawing | None = None
        self._source: tuple[str, list[FishBone], str, str] | None = None
        self._styles: dict[str, Style] = {}
        self._styles_theme = ""
        self._built_for: tuple[object, ...] = ()

    # -- data ---------------------------------------------------------------------------
    def show(self, head: str, bones: list[FishBone], *, root_tag: str, hint: str,
             select: Key | None = None) -> None:
        """Draw this fishbone; keep the cursor where it was (or on `select`)."""
        old = self.drawing
        old_place = self._place(old, self.selected) if old else None
        self._source = (head, bones, root_tag, hint)
        self._build(force=True)
        wanted = select or self.selected
        drawing = self.drawing
        assert drawing is not None
        if wanted is None or wanted not in drawing.spans:
            wanted = self._nearest(drawing, old_place)
        self._select(wanted, announce=True)

    @staticmethod
    def _place(drawing: Drawing | None, key: Key | None) -> tuple[int, int] | None:
        if drawing is None or key is None:
            return None
        for col, keys in enumerate(drawing.columns):
            if key in keys:
                return col, keys.index(key)
        return None

    @staticmethod
    def _nearest(drawing: Drawing, place: tuple[int, int] | None) -> Key | None:
        """Where the cursor goes when its bone or cause is gone: the item before it in the
        same column (the first bone when there was none)."""
        filled = [keys for keys in drawing.columns if keys]
        if not filled:
            return None
        if place is None:
            return filled[0][0]
        col, index = place
        keys = drawing.columns[min(col, len(drawing.columns) - 1)] or filled[0]
        return keys[max(0, min(index - 1, len(keys) - 1))]

    def _style_map(self) -> dict[str, Style]:
        theme = self.app.theme if self.is_attached else ""
        if theme != self._styles_theme or not self._styles:
            self._styles = {name: self.get_component_rich_style(f"fishbone--{name}")
                            for name in STYLE_NAMES}
            self._styles_theme = theme
        return self._styles

    def _build(self, force: bool = False) -> None:
        if self._source is None:
            return
        # one column kept for the vertical scrollbar, so the drawing never scrolls sideways
        # just because the scrollbar appeared
        width = max(40, (self.size.width or 81) - 1)
        height = self.scrollable_content_region.height or 0
        key = (id(self._source), width, height)
        if not force and key == self._built_for:
            return
        self._built_for = key
        head, bones, root_tag, hint = self._source
        self.drawing = layout(head, bones, width, root_tag=root_tag, empty_hint=hint,
                              height=height)
        self._paint()

    def _paint(self) -> None:
        drawing = self.drawing
        if drawing is None:
            return
        styles = self._style_map()
        selected = self.selected
        rows = drawing.rows
        marks = drawing.spans.get(selected, []) if selected else []
        strips = []
        for r, row in enumerate(rows):
            hits = [(x0, x1) for (mr, x0, x1) in marks if mr == r]
            if hits:
                row = list(row)
                for x0, x1 in hits:
                    for x in range(x0, x1):
                        row[x] = (row[x][0], "selected")
            strips.append(cells_to_strip(row, styles))
        self.set_lines(strips, drawing.width)

    def on_resize(self, event: events.Resize) -> None:
        self._build()
        self._scroll_to_selected()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.call_after_refresh(self.restyle)

    def restyle(self) -> None:
        self._styles = {}
        if self.drawing is not None:
            self._paint()

    # -- the cursor ---------------------------------------------------------------------
    def _select(self, key: Key | None, *, announce: bool = True) -> None:
        changed = key != self.selected
        self.selected = key
        self._paint()
        self._scroll_to_selected()
        if changed or announce:
            self.post_message(self.Moved(self, key))

    def select(self, key: Key) -> None:
        if self.drawing is not None and key in self.drawing.spans:
            self._select(key)

    def _scroll_to_selected(self) -> None:
        drawing = self.drawing
        if drawing is None or self.selected is None:
            return
        spans = drawing.spans.get(self.selected)
        if not spans:
            return
        top = min(r for r, _, _ in spans)
        bottom = max(r for r, _, _ in spans)
        left = min(x for _, x, _ in spans)
        right = max(x for _, _, x in spans)
        if self.selected[0] == "bone" and top > drawing.spine_row:
            top = max(0, top - 1)  # a label below the spine: show the cause above it too
        self.call_after_refresh(self.show_region, top, bottom, left, right)

    def action_move(self, dx: int, dy: int) -> None:
        drawing = self.drawing
        if drawing is None:
            return
        place = self._place(drawing, self.selected)
        if place is None:
            self._select(self._nearest(drawing, None))
            return
        col, index = place
        if dy:
            keys = drawing.columns[col]
            self._select(keys[max(0, min(len(keys) - 1, index + dy))])
            return
        target = col + dx
        while 0 <= target < len(drawing.columns) and not drawing.columns[target]:
            target += dx
        if not 0 <= target < len(drawing.columns):
            self.app.bell()
            return
        row = min(r for r, _, _ in drawing.spans[self.selected])  # type: ignore[index]
        keys = drawing.columns[target]
        best = min(keys, key=lambda k: abs(min(r for r, _, _ in drawing.spans[k]) - row))
        self._select(best)

    def action_end(self, direction: int) -> None:
        drawing = self.drawing
        place = self._place(drawing, self.selected)
        if drawing is None or place is None:
            return
        keys = drawing.columns[place[0]]
        self._select(keys[0] if direction < 0 else keys[-1])

    def on_click(self, event: events.Click) -> None:
        drawing = self.drawing
        if drawing is None:
            return
        row = event.y + self.scroll_offset.y
        x = event.x + self.scroll_offset.x
        for key, spans in drawing.spans.items():
            if any(r == row and x0 <= x < x1 for r, x0, x1 in spans):
                self.focus()
                self._select(key)
                return
