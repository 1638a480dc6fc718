"""The charter step's screen."""

from __future__ import annotations

from workshop.tui.screens.base import StepScreen


class CharterScreen(StepScreen):
    step = "charter"
