"""The command palette (ctrl+p), all in the room's language: go to any step, export,
projector, clock, language, and Textual's own commands (theme, maximize, screenshot,
quit) in the same words."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import CommandPalette, SimpleProvider
from textual.screen import Screen

from workshop.i18n import has, t
from workshop.model import STEPS
from workshop.tui.compat import LocalCommandPalette
from workshop.tui.themes import THEMES
from workshop.tui.widgets.stepper import step_marker

if TYPE_CHECKING:
    from workshop.tui.app import WorkshopApp


def system_commands(app: WorkshopApp, screen: Screen) -> Iterable[SystemCommand]:
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
        from workshop.tui.phones import phone_commands

        yield from phone_commands(app)
        yield SystemCommand(t("palette.undo"), t("palette.undo_help"), app.action_undo)
        yield SystemCommand(t("palette.redo"), t("palette.redo_help"), app.action_redo)
    yield SystemCommand(t("palette.language"), t("palette.language_help"),
                        app.action_toggle_language)
    yield SystemCommand(t("palette.help"), t("palette.help_help"), app.action_help)
    yield from textual_commands(app, screen)


def textual_commands(app: WorkshopApp, screen: Screen) -> Iterable[SystemCommand]:
    """What Textual's palette offers, in the room's words (its "Keys" panel is English
    and F1 says more, so it is left out)."""
    yield SystemCommand(t("palette.theme"), t("palette.theme_help"), app.action_change_theme)
    if screen.maximized is not None:
        yield SystemCommand(t("palette.minimize"), t("palette.minimize_help"),
                            screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("palette.maximize"), t("palette.maximize_help"),
                            screen.action_maximize)
    if app.session is not None:
        # once the palette is off the screen
        yield SystemCommand(t("palette.screenshot"), t("palette.screenshot_help"),
                            partial(app.call_after_refresh, save_screenshot, app))
    yield SystemCommand(t("palette.quit"), t("palette.quit_help"), app.action_quit)


def palette(placeholder: str, providers: list[SimpleProvider] | None = None) -> CommandPalette:
    return LocalCommandPalette(providers=providers, placeholder=placeholder,
                               no_matches=t("palette.no_matches"), id="--command-palette")


def push_palette(app: WorkshopApp, placeholder: str,
                 providers: list[SimpleProvider] | None = None) -> None:
    """Open a palette, unless one is open already, on top or under another screen (F1
    opens over it): Textual's ``CommandPalette.is_open`` looks at the top screen only,
    and a second palette under the same id crashed the app."""
    if any(isinstance(screen, CommandPalette) for screen in app.screen_stack):
        app.bell()  # it is there, under what was opened over it
        return
    app.push_screen(palette(placeholder, providers))


def open_palette(app: WorkshopApp) -> None:
    if app.use_command_palette:
        push_palette(app, t("palette.placeholder"))


def theme_label(name: str) -> str:
    """Our themes by what they are for; any other by its own name."""
    return t(f"palette.themes.{name}") if has(f"palette.themes.{name}") else name


def pick_theme(app: WorkshopApp) -> None:
    def choose(name: str) -> None:
        app.theme = name

    ours = [theme.name for theme in THEMES]  # light, dark, projector
    names = ours + sorted(name for name in app.available_themes if name not in ours)
    commands = [(theme_label(name), partial(choose, name)) for name in names]
    push_palette(app, t("palette.theme_placeholder"), [SimpleProvider(app.screen, commands)])


def save_screenshot(app: WorkshopApp) -> None:
    """The screen as an SVG in the exports folder (Textual's own goes to Downloads and
    says so in English)."""
    folder = app.export_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = app.save_screenshot(path=str(folder))
    except OSError as error:
        app.notify(t("palette.screenshot_failed", error=error), severity="error", timeout=10)
        return
    app.notify(t("palette.screenshot_saved", path=path), timeout=8)
