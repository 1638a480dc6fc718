"""The gaps step's screen."""

from __future__ import annotations

from workshop.tui.screens.base import StepScreen


class GapsScreen(StepScreen):
    step = "gaps"
