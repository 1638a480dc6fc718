"""The stepper: the method's steps across the top, the current one lit, done ones ticked."""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workshop.i18n import t
from workshop.methods.progress import KINDS, StepStatus
from workshop.model import DAY_STEPS, NUMBERED_STEPS, STEPS, StepId
from workshop.text import cells

_NUMBERS = "①②③④⑤⑥"


def step_marker(step: StepId) -> str:
    """``①``…``⑥`` for the six steps; review and summary are optional, in parentheses."""
    if step in NUMBERED_STEPS:
        return _NUMBERS[NUMBERED_STEPS.index(step)]
    return ""


class Stepper(Widget):
    """One line: (复盘) · ① 愿景 · ② 差距 … with the current step highlighted.

    Falls back to numbers only for the steps that are not current when the full
    labels do not fit the width.
    """

    DEFAULT_CSS = """
    Stepper { height: 1; width: 1fr; }
    """

    current: reactive[StepId] = reactive("vision", layout=False)

    class StepClicked(Message):
        def __init__(self, step: StepId) -> None:
            super().__init__()
            self.step = step

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.status: dict[StepId, StepStatus] = {}
        self._spans: list[tuple[int, int, StepId]] = []

    def update_status(self, current: StepId, status: dict[StepId, StepStatus]) -> None:
        if status != self.status or current != self.current or (
                [s.parts for s in status.values()] != [s.parts for s in self.status.values()]):
            self.status = status
            self.current = current
            self.tooltip = badge_explanation(status)
            self.refresh()

    def _label(self, step: StepId, short: bool) -> str:
        marker = step_marker(step)
        name = t(f"step.{step}")
        if step in NUMBERED_STEPS:
            label = marker if short else f"{marker}{name}"
        else:
            label = f"({name[:1] if short and cells(name) > 4 else name})"
        state = self.status.get(step)
        if state and state.todo:
            label += f"·{state.todo}"
        elif state and state.has_content:
            label += "✓"
        return label

    def render(self) -> Text:
        width = self.size.width or 80
        for short in (False, True):
            text, spans = self._line(short, width)
            if cells(text.plain) <= width:
                break
        self._spans = spans
        return text

    def shown_steps(self) -> list[StepId]:
        """The day's steps; the check-ins after it once there is one or the room is there
        (during the day the room does not need a step it will take the next month)."""
        return [step for step in STEPS if step in DAY_STEPS or step == self.current
                or (self.status.get(step) is not None and self.status[step].has_content)]

    def _line(self, short: bool, width: int) -> tuple[Text, list[tuple[int, int, StepId]]]:
        text = Text(no_wrap=True, overflow="ellipsis")
        spans = []
        position = 0
        for i, step in enumerate(self.shown_steps()):
            is_current = step == self.current
            label = self._label(step, short and not is_current)
            if i:
                text.append(" ", style="dim")
                position += 1
            style = "bold reverse" if is_current else ""
            state = self.status.get(step)
            if not is_current and state and state.todo:
                style = "bold yellow"
            elif not is_current and state and state.has_content:
                style = "bold"
            elif not is_current:
                style = "dim"
            piece = f" {label} " if is_current else label
            text.append(piece, style=style)
            spans.append((position, position + cells(piece), step))
            position += cells(piece)
        return text, spans

    def on_click(self, event: Click) -> None:
        for start, end, step in self._spans:
            if start <= event.x < end:
                self.post_message(self.StepClicked(step))
                return


def step_title(step: StepId) -> str:
    """``②差距`` (``(复盘)`` for the optional steps), as the stepper names it in full."""
    marker = step_marker(step)
    return f"{marker}{t(f'step.{step}')}" if marker else f"({t(f'step.{step}')})"


def badge_explanation(status: dict[StepId, StepStatus]) -> Text:
    """What each step's badge counts now, one step a line, after the legend (the
    stepper's tooltip; the help screen shows it too)."""
    text = Text(t("progress.legend"), style="bold")
    for step in STEPS:
        state = status.get(step)
        text.append("\n" + step_title(step), style="bold")
        if state is not None and state.todo:
            text.append(f"·{state.todo}  ", style="bold yellow")
            text.append(t("progress.sep").join(
                t(f"progress.{step}.{kind}", count=count) for kind, count in state.parts))
        elif state is not None and state.has_content:
            text.append("✓  " + t("progress.done"))
        else:
            text.append("  " + t("progress.empty"), style="dim")
    return text


def badge_kinds() -> list[tuple[str, str]]:
    """Every kind of to-do a badge can count, as (step, words): for the help screen."""
    return [(step_title(step), t(f"progress.{step}.{kind}", count="N"))
            for step in STEPS for kind in KINDS[step]]
