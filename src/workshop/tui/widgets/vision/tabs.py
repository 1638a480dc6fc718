"""One line of panel tabs: ``1 目标  2 愿景  3 分解  4 价值链``, the current one lit.

A screen with several panels (the vision step) switches them by key; the tabs show
where the room is and which keys switch. Clicking a tab switches too.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workshop.text import cells


class PanelTabs(Widget):
    COMPONENT_CLASSES = {"panel-tabs--current", "panel-tabs--tab", "panel-tabs--hint"}

    DEFAULT_CSS = """
    PanelTabs { height: 1; width: 1fr; background: $boost; }
    PanelTabs > .panel-tabs--current { background: $primary; color: $background;
                                       text-style: bold; }
    PanelTabs > .panel-tabs--tab { color: $text; }
    PanelTabs > .panel-tabs--hint { color: $text-muted; }
    """

    current: reactive[str] = reactive("", layout=False)

    class Picked(Message):
        def __init__(self, panel: str) -> None:
            super().__init__()
            self.panel = panel

    def __init__(self, panels: Sequence[tuple[str, str]], hint: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.panels = list(panels)
        self.hint = hint
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        on = self.get_component_rich_style("panel-tabs--current")
        off = self.get_component_rich_style("panel-tabs--tab")
        for n, (key, label) in enumerate(self.panels, 1):
            start = cells(text.plain)
            chunk = f" {n} {label} "
            text.append(chunk, on if key == self.current else off)
            self._spans.append((start, start + cells(chunk), key))
            text.append(" ")
        if self.hint:
            text.append(" " + self.hint, self.get_component_rich_style("panel-tabs--hint"))
        return text

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.post_message(self.Picked(key))
                return
