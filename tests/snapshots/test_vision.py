"""Step 1 at the sizes the room uses. Accept a change only after looking at
the SVG (``pytest --snapshot-update``, then open ``snapshot_report.html``)."""

from __future__ import annotations

import pytest


async def _leave_entry(pilot) -> None:
    from workshop.tui.widgets.vision.goals import GoalTree

    pilot.app.screen.query_one(GoalTree).focus()
    await pilot.pause()


def panel(number: str):
    async def run_before(pilot) -> None:
        await _leave_entry(pilot)
        await pilot.press(number)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_vision_opens_on_the_vision_board(snap_compare, snapshot_app, size):
    app = snapshot_app(step="vision", lang="zh")
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_vision_goal_tree_with_smart_letters(snap_compare, snapshot_app, size):
    app = snapshot_app(step="vision", lang="zh", cards=False)
    assert snap_compare(app, terminal_size=size, run_before=panel("2"))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_vision_cascade_table(snap_compare, snapshot_app, size):
    app = snapshot_app(step="vision", lang="zh", cards=False)
    assert snap_compare(app, terminal_size=size, run_before=panel("3"))


def test_vision_goal_form_checks_as_you_type(snap_compare, snapshot_app):
    app = snapshot_app(step="vision", lang="en", cards=False)

    async def run_before(pilot) -> None:
        from textual.widgets import Input

        await panel("2")(pilot)
        await pilot.press("a")
        await pilot.pause()
        pilot.app.screen.query_one("#field-statement", Input).value = "Improve sales"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

