"""The top of every step screen: title and organization, the stepper, the step, the clock."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from workshop.i18n import t
from workshop.model import StepId, Workshop
from workshop.tui.redraw import step_status
from workshop.tui.widgets.clock import ClockDisplay
from workshop.tui.widgets.stepper import Stepper


class TopBar(Horizontal):
    DEFAULT_CSS = """
    TopBar { height: 3; width: 1fr; background: $panel; }
    TopBar > Vertical { width: 1fr; height: 3; padding: 0 1; }
    TopBar #title { height: 1; text-style: bold; color: $text; }
    TopBar #step-title { height: 1; color: $text-accent; text-style: bold; }
    """

    def __init__(self, step: StepId, **kwargs) -> None:
        super().__init__(**kwargs)
        self.step = step
        self._shown: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="title")
            yield Stepper()
            yield Static(id="step-title")
        yield ClockDisplay()

    def show(self, doc: Workshop, now: float) -> None:
        """Show `doc`, its clock as of `now` (seconds since the epoch)."""
        key = (doc.meta.title, doc.meta.organization, t(f"step_long.{self.step}"))
        if key != self._shown:  # Static.update re-lays out the screen: only on change
            self._shown = key
            title = Text(doc.meta.title, style="bold", no_wrap=True, overflow="ellipsis")
            if doc.meta.organization:
                title.append(" · " + doc.meta.organization, style="not bold")
            self.query_one("#title", Static).update(title, layout=False)
            heading = Text(t(f"step_long.{self.step}"), no_wrap=True, overflow="ellipsis")
            self.query_one("#step-title", Static).update(heading, layout=False)
        stepper = self.query_one(Stepper)
        if getattr(self.app, "first_frame_up", True):
            stepper.update_status(self.step, step_status(self.app, doc))
        else:
            # Working out every step's status costs ~25 ms on a first start (the plan's
            # readiness rules, their imports and patterns): the first frame shows the
            # steps' names alone, and the app shows their status in the frame after.
            stepper.update_status(self.step, {})
        self.query_one(ClockDisplay).show(doc.room.clock, now)
