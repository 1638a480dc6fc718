"""The cocreate step's screen."""

from __future__ import annotations

from workshop.tui.screens.base import StepScreen


class CocreateScreen(StepScreen):
    step = "cocreate"
