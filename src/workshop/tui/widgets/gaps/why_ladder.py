"""A 5-Why chain as a ladder: the problem, then each "why?" and its answer, the root
marked, the depth against the method's five, and what the chain still needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message

from workshop.text import cells, wrap
from workshop.tui.widgets.gaps.lines_view import LinesView, cells_to_strip

Key = tuple[str, str]
"""``("problem", chain_id)`` or ``("link", link_id)``."""

STYLE_NAMES = ("problem", "label", "answer", "root", "root-tag", "rail", "hint", "meter",
               "warning", "selected")


@dataclass(frozen=True)
class Ladder:
    """What the ladder shows, in words already translated."""

    chain_id: str
    problem_label: str
    problem: str
    origin: str
    links: list[tuple[str, str, str]]
    """(link id, label such as "为什么 3", answer)."""
    root_index: int | None
    root_tag: str
    next_label: str
    """The label of the why still to answer, e.g. "为什么 4"."""
    next_hint: str
    footer: list[tuple[str, str]] = field(default_factory=list)
    """Lines under the ladder: (text, style name) — depth, root, reason."""


class WhyLadder(LinesView):
    """↑↓ move between the problem and the answers; posts ``WhyLadder.Moved``. The keys
    that change the chain live on the view around it (``WhysPane``)."""

    COMPONENT_CLASSES = {f"why-ladder--{name}" for name in STYLE_NAMES}

    DEFAULT_CSS = """
    WhyLadder { padding: 0 1; }
    WhyLadder > .why-ladder--problem { text-style: bold; }
    WhyLadder > .why-ladder--label { color: $primary; text-style: bold; }
    WhyLadder > .why-ladder--answer { color: $text; }
    WhyLadder > .why-ladder--root { color: $error; text-style: bold; }
    WhyLadder > .why-ladder--root-tag { background: $error; color: $background;
                                        text-style: bold; }
    WhyLadder > .why-ladder--rail { color: $primary; }
    WhyLadder > .why-ladder--hint { color: $text-muted; text-style: italic; }
    WhyLadder > .why-ladder--meter { color: $text; text-style: bold; }
    WhyLadder > .why-ladder--warning { color: $warning; text-style: bold; }
    WhyLadder > .why-ladder--selected { background: $accent 45%; }
    WhyLadder:focus > .why-ladder--selected { background: $accent; color: $background; }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Previous", show=False, id="gaps_why_up",
                tooltip="The answer above"),
        Binding("down", "move(1)", "Next", show=False, id="gaps_why_down",
                tooltip="The answer below"),
        Binding("home", "move(-99)", "Problem", show=False, id="gaps_why_home",
                tooltip="The problem the chain asks about"),
        Binding("end", "move(99)", "Last why", show=False, id="gaps_why_end",
                tooltip="The last answer"),
    ]

    class Moved(Message):
        def __init__(self, ladder: WhyLadder, key: Key | None) -> None:
            super().__init__()
            self.ladder = ladder
            self.key = key

        @property
        def control(self) -> WhyLadder:
            return self.ladder

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ladder: Ladder | None = None
        self.empty_text = ""
        self.selected: Key | None = None
        self._keys: list[Key] = []
        self._rows: dict[Key, tuple[int, int]] = {}
        self._cells: list[list[tuple[str, str]]] = []
        self._styles: dict[str, Style] = {}

    def show(self, ladder: Ladder | None, *, empty_text: str = "",
             select: Key | None = None) -> None:
        old_index = self._keys.index(self.selected) if self.selected in self._keys else None
        self.ladder = ladder
        self.empty_text = empty_text
        self._build()
        wanted = select or self.selected
        if wanted not in self._keys:
            if not self._keys:
                wanted = None
            elif old_index is not None:
                wanted = self._keys[max(0, min(old_index, len(self._keys) - 1))]
            else:
                wanted = self._keys[-1]
        self.selected = wanted
        self._paint()
        self.post_message(self.Moved(self, wanted))
        self._scroll_to_selected()

    def _build(self) -> None:
        width = max(20, (self.scrollable_content_region.width or 60))
        rows: list[list[tuple[str, str]]] = []
        keys: list[Key] = []
        spans: dict[Key, tuple[int, int]] = {}

        def line(parts: list[tuple[str, str]]) -> None:
            row: list[tuple[str, str]] = []
            for text, style in parts:
                for char in text:
                    row.append((char, style))
                    if cells(char) == 2:
                        row.append(("", style))
            rows.append(row)

        def block(key: Key | None, lead: list[tuple[str, str]], cont: str, text: str,
                  style: str, tag: str = "") -> None:
            lead_w = sum(cells(t) for t, _ in lead)
            room = max(6, width - lead_w - (cells(tag) + 1 if tag else 0))
            first = len(rows)
            for n, piece in enumerate(wrap(text, room) or [""]):
                parts = list(lead) if n == 0 else [(cont, "rail"), (" " * (lead_w - cells(cont)),
                                                                   "")]
                parts.append((piece, style))
                if n == 0 and tag:
                    parts += [(" ", ""), (tag, "root-tag")]
                line(parts)
            if key is not None:
                keys.append(key)
                spans[key] = (first, len(rows) - 1)

        ladder = self.ladder
        if ladder is None:
            for piece in wrap(self.empty_text, width):
                line([(piece, "hint")])
        else:
            block(("problem", ladder.chain_id), [(ladder.problem_label + " ", "label")], "",
                  ladder.problem, "problem")
            if ladder.origin:
                line([("  " + ladder.origin, "hint")])
            line([("  │", "rail")])
            for i, (link_id, label, answer) in enumerate(ladder.links):
                is_root = ladder.root_index == i
                block(("link", link_id), [("  ├─ ", "rail"), (label, "label"), (" ▸ ", "rail")],
                      "  │", answer, "root" if is_root else "answer",
                      ladder.root_tag if is_root else "")
            line([("  ╰─ ", "rail"), (ladder.next_label, "label"), (" ▸ ", "rail"),
                  (ladder.next_hint, "hint")])
            line([])
            for text, style in ladder.footer:
                for piece in wrap(text, width):
                    line([(piece, style)])
        self._cells = rows
        self._keys = keys
        self._rows = spans

    def _paint(self) -> None:
        if not self._styles:
            self._styles = {name: self.get_component_rich_style(f"why-ladder--{name}")
                            for name in STYLE_NAMES}
        span = self._rows.get(self.selected) if self.selected else None
        strips = []
        width = 0
        for r, row in enumerate(self._cells):
            if span and span[0] <= r <= span[1]:
                row = [(c, "selected" if s in ("answer", "problem", "root") else s)
                       for c, s in row]
            strips.append(cells_to_strip(row, self._styles))
            width = max(width, len(row))
        self.set_lines(strips, width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.call_after_refresh(self.restyle)

    def restyle(self) -> None:
        self._styles = {}
        if self._cells:
            self._paint()

    def on_resize(self, event: events.Resize) -> None:
        if self.ladder is not None or self.empty_text:
            self._build()
            self._paint()

    def _scroll_to_selected(self) -> None:
        span = self._rows.get(self.selected) if self.selected else None
        if span:
            self.call_after_refresh(self.show_region, span[0], span[1] + 1)

    def action_move(self, delta: int) -> None:
        if not self._keys:
            return
        index = self._keys.index(self.selected) if self.selected in self._keys else 0
        self.selected = self._keys[max(0, min(len(self._keys) - 1, index + delta))]
        self._paint()
        self._scroll_to_selected()
        self.post_message(self.Moved(self, self.selected))

    def on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y
        for key, (top, bottom) in self._rows.items():
            if top <= row <= bottom:
                self.focus()
                self.selected = key
                self._paint()
                self.post_message(self.Moved(self, key))
                return
