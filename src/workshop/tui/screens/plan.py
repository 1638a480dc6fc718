"""The plan step's screen."""

from __future__ import annotations

from workshop.tui.screens.base import StepScreen


class PlanScreen(StepScreen):
    step = "plan"
