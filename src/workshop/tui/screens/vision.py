"""The vision step's screen."""

from __future__ import annotations

from workshop.tui.screens.base import StepScreen


class VisionScreen(StepScreen):
    step = "vision"
