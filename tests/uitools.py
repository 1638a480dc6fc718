"""Helpers for pilot tests: type, paste, and read what a widget shows."""

from __future__ import annotations

import io

from rich.console import Console


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key into whatever has focus."""
    await pilot.press(*text)


async def paste(pilot, text: str) -> None:
    """Put `text` in the focused input at once (keys cannot type an emoji)."""
    pilot.app.focused.value = text
    await pilot.pause()


async def enter_card(pilot, text: str) -> None:
    """Put `text` in the step's card entry and press Enter (as typing it would)."""
    from textual.widgets import Input

    entry = pilot.app.screen.query_one("#entry-input", Input)
    entry.focus()
    entry.value = text
    await pilot.press("enter")
    await pilot.pause()


async def settle(pilot, times: int = 3) -> None:
    """Let the app go idle `times` times (a change, its redraw, and what that posts)."""
    for _ in range(times):
        await pilot.pause()


def rendered_lines(widget) -> str:
    """The lines a line-drawn widget (board, row list, fishbone) shows in its viewport."""
    return "\n".join(widget.render_line(y).text
                     for y in range(widget.scrollable_content_region.height))


def shown(widget) -> str:
    """The plain text a Static shows, as a console renders it."""
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def stepper_text(app) -> str:
    """The stepper's line: step names with their ✓ and to-do counts."""
    from workshop.tui.widgets.stepper import Stepper

    return app.screen.query_one(Stepper).render().plain


def record_notices(app) -> list[str]:
    """The notices `app` shows from now on, as texts (without reading Textual's private
    list of notifications)."""
    notices: list[str] = []
    show = app.notify

    def notify(message, *args, **kwargs):
        notices.append(str(message))
        return show(message, *args, **kwargs)

    app.notify = notify
    return notices


class FakeTime:
    """A clock a test moves by hand: ``WorkshopApp(time_source=FakeTime())``."""

    def __init__(self, start: float = 1_750_000_000.0) -> None:
        self.wall = start
        self.steady = 0.0

    def now(self) -> float:
        return self.wall

    def monotonic(self) -> float:
        return self.steady

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.steady += seconds


async def tick(pilot) -> None:
    """What the app does a few times a second, now, and the redraw that follows."""
    pilot.app.tick()
    await pilot.pause()


async def until(pilot, condition, *, seconds: float = 10.0) -> None:
    """Let the app run until `condition()` holds: for what Textual does on its own
    timers and tasks (the command palette searches in a task). Fails after `seconds`."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), "waited in vain"


async def choose(pilot, key: str) -> None:
    """Pick the option `key` in the ``Choice`` dialog on top (keep / discard / back…)."""
    from workshop.tui.screens.dialogs import Choice

    dialog = pilot.app.screen
    assert isinstance(dialog, Choice)
    keys = [option for option, _label in dialog.options]
    await pilot.press(*["down"] * keys.index(key), "enter")
    await pilot.pause()


async def open_charter(pilot) -> None:
    """From the session's first step (vision) on to the charter, its screen shown."""
    await pilot.press("f3", "f3")  # vision → gaps → charter
    await settle(pilot)
    assert pilot.app.screen.step == "charter"
