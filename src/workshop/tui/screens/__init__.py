"""One screen per step; ``SCREENS[step]`` is the class the app shows for it."""

from __future__ import annotations

from workshop.model import StepId
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.charter import CharterScreen
from workshop.tui.screens.cocreate import CocreateScreen
from workshop.tui.screens.gaps import GapsScreen
from workshop.tui.screens.plan import PlanScreen
from workshop.tui.screens.review import ReviewScreen
from workshop.tui.screens.summary import SummaryScreen
from workshop.tui.screens.townhall import TownhallScreen
from workshop.tui.screens.vision import VisionScreen

SCREENS: dict[StepId, type[StepScreen]] = {
    "review": ReviewScreen,
    "vision": VisionScreen,
    "gaps": GapsScreen,
    "charter": CharterScreen,
    "cocreate": CocreateScreen,
    "plan": PlanScreen,
    "townhall": TownhallScreen,
    "summary": SummaryScreen,
}
