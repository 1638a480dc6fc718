"""One screen per step, in ``tui/screens/<step>.py``.

``screen_for(step)`` builds the screen, importing its module the first time: start-up
loads only the step the room is on, not all eight.
"""

from __future__ import annotations

from importlib import import_module

from workshop.model import StepId
from workshop.tui import compat
from workshop.tui.screens.base import StepScreen

_CLASSES: dict[StepId, str] = {
    "review": "ReviewScreen",
    "vision": "VisionScreen",
    "gaps": "GapsScreen",
    "charter": "CharterScreen",
    "cocreate": "CocreateScreen",
    "plan": "PlanScreen",
    "townhall": "TownhallScreen",
    "summary": "SummaryScreen",
    "checkin": "CheckinScreen",
}


def screen_class(step: StepId) -> type[StepScreen]:
    module = import_module(f"workshop.tui.screens.{step}")
    return getattr(module, _CLASSES[step])


def screen_for(step: StepId) -> StepScreen:
    """A new screen for `step` (what the app's mode for the step is built from)."""
    screen = screen_class(step)()
    compat.styled_as_shown(screen)
    return screen
