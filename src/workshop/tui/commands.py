"""Command palette entries (ctrl+p): go to any step, export, projector, clock, language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from workshop.i18n import t
from workshop.model import STEPS
from workshop.tui.widgets.stepper import step_marker

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


def system_commands(app: WorkshopApp, screen: Screen) -> Iterable[SystemCommand]:
    del screen
    if app.session is not None:
        for step in STEPS:
            label = f"{step_marker(step)} {t(f'step.{step}')}".strip()
            yield SystemCommand(t("palette.go_to", step=label), t(f"step_long.{step}"),
                                lambda step=step: app.go_to(step))
        yield SystemCommand(t("palette.export"), t("palette.export_help"), app.action_export)
        yield SystemCommand(t("palette.projector"), t("palette.projector_help"),
                            app.action_toggle_projector)
        yield SystemCommand(t("palette.clock"), t("palette.clock_help"), app.action_toggle_clock)
        yield SystemCommand(t("palette.reset_clock"), t("palette.reset_clock_help"),
                            app.action_reset_clock)
        yield SystemCommand(t("palette.add_minute"), t("palette.add_minute_help"),
                            app.action_add_minute)
        yield SystemCommand(t("palette.next_turn"), t("palette.next_turn_help"),
                            app.action_next_turn)
        yield SystemCommand(t("palette.turn_timer"), t("palette.turn_timer_help"),
                            app.action_turn_timer)
        yield SystemCommand(t("palette.undo"), t("palette.undo_help"), app.action_undo)
        yield SystemCommand(t("palette.redo"), t("palette.redo_help"), app.action_redo)
    yield SystemCommand(t("palette.language"), t("palette.language_help"),
                        app.action_toggle_language)
    yield SystemCommand(t("palette.help"), t("palette.help_help"), app.action_help)
