"""One line of tabs for a step's panes, the current one lit, each clickable:
``① 焦点问题 › ② 头脑风暴 › …`` (co-create), ``1 愿景  2 目标 …`` (vision), or plain
labels (gaps). Where the line does not fit, the other tabs shrink to their mark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from workshop.text import cells, truncate

HINT_SEPARATOR = " · "
SHORTEST_HINT = 8
"""Cells: a hint cut shorter than this says nothing."""


def fit_hint(hint: str, room: int) -> str:
    """As many of the hint's keys (``x 清除 · a 接受``) as fit in `room` cells, whole, with
    `…` when some are left out (F1 lists them all). A first part too long for the room is
    cut (a sentence of advice reads from its start); nothing in under ``SHORTEST_HINT``."""
    if cells(hint) <= room:
        return hint
    kept = ""
    for part in hint.split(HINT_SEPARATOR):
        longer = f"{kept}{HINT_SEPARATOR}{part}" if kept else part
        if cells(longer) + cells(" …") > room:
            break
        kept = longer
    if kept:
        return f"{kept} …"
    return truncate(hint, room) if room >= SHORTEST_HINT else ""


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    mark: str = ""
    """Shown before the label (``1``, ``①``), and alone when the line is short of room."""


class PaneTabs(Widget):
    COMPONENT_CLASSES = {"pane-tabs--current", "pane-tabs--tab", "pane-tabs--done",
                         "pane-tabs--ahead", "pane-tabs--hint"}

    DEFAULT_CSS = """
    PaneTabs { height: 1; width: 1fr; background: $boost; }
    PaneTabs > .pane-tabs--current { background: $primary; color: $background;
                                     text-style: bold; }
    PaneTabs > .pane-tabs--tab { color: $text; text-style: bold; }
    PaneTabs > .pane-tabs--done { color: $text; text-style: bold; }
    PaneTabs > .pane-tabs--ahead { color: $text-muted; }
    PaneTabs > .pane-tabs--hint { color: $text-muted; }
    """

    class Picked(Message):
        """A tab was clicked."""

        def __init__(self, tabs: PaneTabs, key: str) -> None:
            super().__init__()
            self.tabs = tabs
            self.key = key

        @property
        def control(self) -> PaneTabs:
            return self.tabs

    def __init__(self, *, separator: str = " ", progress: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.separator = separator
        self.progress = progress
        """Tabs before the current one are steps done (the co-create's phases)."""
        self.tabs: tuple[Tab, ...] = ()
        self.current = ""
        self.hint = ""
        self._spans: list[tuple[int, int, str]] = []

    def show(self, tabs: Sequence[Tab], current: str, hint: str = "") -> None:
        tabs = tuple(tabs)
        if (tabs, current, hint) != (self.tabs, self.current, self.hint):
            self.tabs, self.current, self.hint = tabs, current, hint
            self.refresh()

    def _piece(self, tab: Tab, short: bool) -> str:
        if tab.key == self.current or not short:
            return f" {tab.mark} {tab.label} " if tab.mark else f" {tab.label} "
        return f" {tab.mark} " if tab.mark else f" {truncate(tab.label, 4)} "

    def _line(self, short: bool, width: int | None = None
              ) -> tuple[Text, list[tuple[int, int, str]]]:
        text = Text(no_wrap=True, overflow="ellipsis")
        spans: list[tuple[int, int, str]] = []
        styles = {name: self.get_component_rich_style(f"pane-tabs--{name}")
                  for name in ("current", "tab", "done", "ahead")}
        keys = [tab.key for tab in self.tabs]
        now = keys.index(self.current) if self.current in keys else -1
        x = 0
        for index, tab in enumerate(self.tabs):
            if index:
                text.append(self.separator, style="dim")
                x += cells(self.separator)
            piece = self._piece(tab, short)
            # phases done in order: those behind read as done, those ahead as not yet
            style = ("current" if index == now else "tab" if not self.progress
                     else "done" if index < now else "ahead")
            text.append(piece, style=styles[style])
            spans.append((x, x + cells(piece), tab.key))
            x += cells(piece)
        hint = self.hint if width is None else fit_hint(self.hint, width - x - 2)
        if hint:
            text.append("  " + hint, style=self.get_component_rich_style("pane-tabs--hint"))
        return text, spans

    def render(self) -> Text:
        width = self.size.width or 80
        text, spans = self._line(short=False, width=width)
        # the hint gives way first (its last keys); tabs shrink only when they alone do
        # not fit
        if spans and spans[-1][1] > width:
            text, spans = self._line(short=True, width=width)
        self._spans = spans
        return text

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.post_message(self.Picked(self, key))
                return
