"""One row of tabs for the gaps step's views; the current one highlighted, each clickable."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from workshop.text import cells


class ViewBar(Widget):
    DEFAULT_CSS = """
    ViewBar { height: 1; width: 1fr; background: $boost; }
    """

    COMPONENT_CLASSES = {"view-bar--current", "view-bar--other", "view-bar--keys"}

    DEFAULT_CSS += """
    ViewBar > .view-bar--current { background: $primary; color: $background; text-style: bold; }
    ViewBar > .view-bar--other { color: $text; text-style: bold; }
    ViewBar > .view-bar--keys { color: $text-muted; }
    """

    class Chosen(Message):
        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.views: list[tuple[str, str]] = []
        self.current = ""
        self.keys = ""
        self._spans: list[tuple[int, int, str]] = []

    def show(self, views: list[tuple[str, str]], current: str, keys: str) -> None:
        self.views = views
        self.current = current
        self.keys = keys
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        current = self.get_component_rich_style("view-bar--current")
        other = self.get_component_rich_style("view-bar--other")
        spans = []
        x = 0
        for key, label in self.views:
            piece = f" {label} "
            text.append(piece, style=current if key == self.current else other)
            spans.append((x, x + cells(piece), key))
            x += cells(piece)
        if self.keys:
            text.append("  " + self.keys, style=self.get_component_rich_style("view-bar--keys"))
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for x0, x1, key in self._spans:
            if x0 <= event.x < x1:
                self.post_message(self.Chosen(key))
                return
