"""The five steps of the consensus workshop on one line, the current one lit; a click
on a phase goes there."""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from workshop.i18n import t
from workshop.model import PHASES, Phase
from workshop.text import cells

_MARKS = "①②③④⑤⑥"


class PhaseBar(Widget):
    """``① 焦点问题 › ② 头脑风暴 › ③ 归类 › ④ 命名 › ⑤ 投票 › ⑥ 策略模型``."""

    DEFAULT_CSS = """
    PhaseBar { height: 1; width: 1fr; background: $boost; }
    """

    class PhaseClicked(Message):
        def __init__(self, phase: Phase) -> None:
            super().__init__()
            self.phase = phase

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.phase: Phase = "focus"
        self.hint = ""
        self._spans: list[tuple[int, int, Phase]] = []

    def show(self, phase: Phase, hint: str) -> None:
        if (phase, hint) != (self.phase, self.hint):
            self.phase, self.hint = phase, hint
            self.refresh()

    def _line(self, short: bool) -> tuple[Text, list[tuple[int, int, Phase]]]:
        text = Text(no_wrap=True, overflow="ellipsis")
        spans = []
        position = 0
        for i, phase in enumerate(PHASES):
            if i:
                text.append(" › ", style="dim")
                position += 3
            current = phase == self.phase
            label = f"{_MARKS[i]}" if short and not current else \
                f"{_MARKS[i]} {t(f'cocreate.phase.{phase}')}"
            piece = f" {label} " if current else label
            done = PHASES.index(phase) < PHASES.index(self.phase)
            text.append(piece, style="bold reverse" if current else "bold" if done else "dim")
            spans.append((position, position + cells(piece), phase))
            position += cells(piece)
        if self.hint:
            text.append("   " + self.hint, style="italic")
        return text, spans

    def render(self) -> Text:
        width = self.size.width or 80
        for short in (False, True):
            text, spans = self._line(short)
            if cells(text.plain) <= width:
                break
        self._spans = spans
        return text

    def on_click(self, event: Click) -> None:
        for start, end, phase in self._spans:
            if start <= event.x < end:
                self.post_message(self.PhaseClicked(phase))
                return
