"""The strategy model in the terminal: the goal as the roof, the named clusters as
pillars in priority order (left to right, then row by row), the focus question as the
foundation. ``draw`` is a pure function of the data and the width, so the layout is
tested without a terminal; ``StrategyModel`` shows it and lets the facilitator pick a
pillar with the arrow keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workshop.text import cells, pad, truncate, truncate_apart, wrap
from workshop.tui.widgets.turn_bar import readable_on

PILLAR_MIN = 14
"""Narrowest pillar, in cells: room for six Chinese characters and the borders."""
PILLAR_MAX = 40
NAME_LINES = 4
ROOF_ROWS = 5


class Pillar(NamedTuple):
    cluster_id: str
    rank: int
    name: str
    votes: int
    tied: bool = False
    team: str = ""
    color: str = ""
    """The owning team's colour (#rrggbb), if assigned."""


class Drawn(NamedTuple):
    lines: list[Text]
    boxes: list[tuple[int, int, int, int, str]]
    """(x, y, width, height, cluster id) of each pillar, for clicks and scrolling."""


def per_row(count: int, width: int) -> int:
    """How many pillars fit side by side in `width` cells."""
    return max(1, min(count, (width + 1) // (PILLAR_MIN + 1)))


def draw(goal: str, pillars: Sequence[Pillar], width: int, *, question: str = "",
         selected: str | None = None, roof: Style | None = None, empty: str = "",
         dots_label: str = "{count}") -> Drawn:
    """The model as lines of styled text, `width` cells wide."""
    width = max(PILLAR_MIN + 2, width)
    roof = roof or Style(color="#ffffff", bgcolor="#1f3a5f", bold=True)
    lines: list[Text] = []
    boxes: list[tuple[int, int, int, int, str]] = []

    # the roof: a triangle with the goal inside its lower rows
    span = width - 2
    goal_lines = wrap(goal, max(4, span * 2 // 3))[:2]
    for row in range(ROOF_ROWS):
        half = max(1, round((row + 1) * span / 2 / ROOF_ROWS))
        left = width // 2 - half
        inside = 2 * half - 2
        text = Text(" " * left)
        text.append("╱", style=Style(color=roof.bgcolor.name if roof.bgcolor else None))
        label = ""
        offset = ROOF_ROWS - len(goal_lines)
        if row >= offset:
            label = truncate(goal_lines[row - offset], inside)
        body = " " * ((inside - cells(label)) // 2) + label
        text.append(body + " " * (inside - cells(body)), style=roof)
        text.append("╲", style=Style(color=roof.bgcolor.name if roof.bgcolor else None))
        lines.append(text)
    lines.append(Text("▀" * width, style=Style(color=roof.bgcolor.name if roof.bgcolor
                                               else None)))

    # the pillars, in rows
    if not pillars:
        lines.append(Text(pad("  " + empty, width), style="italic"))
    count = per_row(len(pillars), width)
    pillar_w = min(PILLAR_MAX, (width - (count - 1)) // count)
    used = count * pillar_w + (count - 1)
    margin = (width - used) // 2
    teams = truncate_apart([p.team for p in pillars], pillar_w - 4)  # two teams, two labels
    for start in range(0, len(pillars), count):
        chunk = pillars[start:start + count]
        names = [wrap(p.name, pillar_w - 4)[:NAME_LINES] for p in chunk]
        name_rows = max(len(n) for n in names)
        height = 2 + 1 + name_rows + 2  # border, rank, names, dots, team, border
        rows = [Text(" " * margin) for _ in range(height + 1)]
        top = len(lines)
        for i, (pillar, name) in enumerate(zip(chunk, names, strict=True)):
            x = margin + i * (pillar_w + 1)
            chosen = pillar.cluster_id == selected
            frame = Style(bold=True, reverse=chosen) if chosen else Style(dim=False)
            fill = Style()
            ink = Style()
            if pillar.color:
                fill = Style(bgcolor=pillar.color)
                ink = Style(color=readable_on(pillar.color), bgcolor=pillar.color)
            inner = pillar_w - 2
            rank = f"{pillar.rank}{' =' if pillar.tied else ''}"
            dots = dots_label.format(count=pillar.votes)
            body = [(rank, Style(bold=True)),
                    *((line, Style(bold=True)) for line in name),
                    *(("", Style()) for _ in range(name_rows - len(name))),
                    (dots, Style()), (teams[start + i], Style(italic=True))]
            rows[0].append(("┏" if chosen else "┌") + ("━" if chosen else "─") * inner
                           + ("┓" if chosen else "┐"), style=frame)
            for r, (content, style) in enumerate(body, start=1):
                content = truncate(content, inner - 2)
                left = (inner - cells(content)) // 2
                cell = " " * left + content + " " * (inner - left - cells(content))
                rows[r].append("┃" if chosen else "│", style=frame)
                rows[r].append(cell, style=(ink if pillar.color else fill) + style)
                rows[r].append("┃" if chosen else "│", style=frame)
            rows[height - 1].append(("┗" if chosen else "└") + ("━" if chosen else "─") * inner
                                    + ("┛" if chosen else "┘"), style=frame)
            rows[height].append(" " * pillar_w)
            for r in range(height + 1):
                if i < len(chunk) - 1:
                    rows[r].append(" ")
            boxes.append((x, top, pillar_w, height, pillar.cluster_id))
        lines += rows

    # the foundation: the focus question
    lines.append(Text("▄" * width, style=Style(color=roof.bgcolor.name if roof.bgcolor
                                               else None)))
    for line in wrap(question, width - 4)[:3] if question else []:
        body = " " * ((width - cells(line)) // 2) + line
        lines.append(Text(pad(body, width), style=roof))
    return Drawn(lines, boxes)


class StrategyModel(Widget, can_focus=True):
    """The strategy model; ←/→ pick a pillar (the screen acts on the one picked)."""

    DEFAULT_CSS = """
    StrategyModel { height: auto; width: 1fr; padding: 1 2; }
    StrategyModel:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("left", "pick(-1)", "Previous strategy", show=False, id="model.left"),
        Binding("right", "pick(1)", "Next strategy", show=False, id="model.right"),
        Binding("up", "pick_row(-1)", "Row above", show=False, id="model.up"),
        Binding("down", "pick_row(1)", "Row below", show=False, id="model.down"),
    ]

    selected: reactive[str | None] = reactive(None)

    class Picked(Message):
        def __init__(self, cluster_id: str | None) -> None:
            super().__init__()
            self.cluster_id = cluster_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.goal = ""
        self.question = ""
        self.pillars: list[Pillar] = []
        self.empty = ""
        self.dots_label = "{count}"
        self._boxes: list[tuple[int, int, int, int, str]] = []
        self._width = 0

    def show(self, goal: str, pillars: Sequence[Pillar], question: str, empty: str,
             dots_label: str) -> None:
        self.goal, self.question, self.empty = goal, question, empty
        self.pillars = list(pillars)
        self.dots_label = dots_label
        ids = [p.cluster_id for p in self.pillars]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        self.refresh(layout=True)

    def _drawn(self, width: int) -> Drawn:
        theme = self.app.current_theme
        roof = Style(color=readable_on(theme.primary), bgcolor=theme.primary, bold=True) \
            if theme.primary.startswith("#") and len(theme.primary) == 7 else None
        return draw(self.goal, self.pillars, width, question=self.question,
                    selected=self.selected if self.has_focus else None, roof=roof,
                    empty=self.empty, dots_label=self.dots_label)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._drawn(width).lines)

    def render(self) -> Text:
        drawn = self._drawn(self.content_region.width or self.size.width)
        self._boxes = drawn.boxes
        return Text("\n").join(drawn.lines)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def watch_selected(self, cluster_id: str | None) -> None:
        self.refresh()
        self.post_message(self.Picked(cluster_id))

    def action_pick(self, delta: int) -> None:
        ids = [p.cluster_id for p in self.pillars]
        if not ids:
            return
        index = ids.index(self.selected) if self.selected in ids else 0
        self.selected = ids[max(0, min(len(ids) - 1, index + delta))]

    def action_pick_row(self, delta: int) -> None:
        count = per_row(len(self.pillars), self.content_region.width or self.size.width)
        self.action_pick(delta * count)

    def on_click(self, event: Click) -> None:
        x, y = event.x - 2, event.y - 1  # padding
        for bx, by, bw, bh, cluster_id in self._boxes:
            if bx <= x < bx + bw and by <= y < by + bh:
                self.selected = cluster_id
                return
