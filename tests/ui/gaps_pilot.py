"""Driving the gaps step in pilot tests: an app on the Shandong scenario at the gaps step,
typing where the focus is, answering prompts and lists, moving between views, and reading
what the screen shows (the view on screen, the entry's label)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList

from workshop.scenario import load_scenario
from workshop.store import Session
from workshop.tui.panes import Pane
from workshop.tui.screens.dialogs import Choice, TextPrompt

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def gaps_app(tmp_path):
    """An app on the Shandong scenario at the gaps step; `prepare(doc)` fills it first."""
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(prepare=None):
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = "gaps"
        if prepare is not None:
            prepare(doc)
        path = tmp_path / "gaps.workshop.json"
        Session.create(doc, path, overwrite=True).close()
        session = Session.open(path)
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


def shown_view(app) -> str:
    """The view whose pane is on screen."""
    (view,) = [pane.view for pane in app.screen.query(Pane) if pane.display]
    return view


async def go_to_view(pilot, view: str) -> None:
    """Ctrl+N until `view` is on screen."""
    for _ in range(8):
        if shown_view(pilot.app) == view:
            return
        await pilot.press("ctrl+n")
        await pilot.pause()
    raise AssertionError(f"no view {view}")


def entry(app) -> Input:
    return app.screen.query_one("#entry-input", Input)


def entry_label(app) -> str:
    """Whose card it will be and where it goes: ``济南队 → 机会 O``."""
    return str(app.screen.query_one("#entry-who").render())


async def type_entry(pilot, text: str) -> None:
    """Click into the entry, type `text`, Enter."""
    box = entry(pilot.app)
    box.focus()
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def paste(pilot, text: str) -> None:
    """Paste `text` where the focus is, as a terminal delivers it."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def answer_prompt(pilot, text: str) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextPrompt)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def choices(app) -> list[str]:
    """The options of the list being asked."""
    assert isinstance(app.screen, Choice)
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def choose(pilot, label_part: str) -> None:
    """Pick the option whose label holds `label_part`, by keys."""
    await pilot.pause()
    labels = choices(pilot.app)
    index = next(i for i, label in enumerate(labels) if label_part in label)
    await pilot.press(*["down"] * index, "enter")
    await pilot.pause()

