"""The review (复盘) at the sizes the room uses. Accept a change only after looking at the
SVG (``pytest --snapshot-update``, then open ``snapshot_report.html``)."""

from __future__ import annotations


def test_review_goals_beside_the_boards(snap_compare, snapshot_app):
    app = snapshot_app(step="review", lang="zh")
    assert snap_compare(app, terminal_size=(80, 24))


def test_review_keys_show_on_last_years_goals(snap_compare, snapshot_app):
    """Room for the key line: it names the outcome keys while the focus is on the goals
    (in the card entry a digit types itself, so there it says how to get to them)."""
    app = snapshot_app(step="review", lang="zh")

    async def run_before(pilot) -> None:
        await pilot.press("tab")  # from the entry to last year's goals
        await pilot.pause()

    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)
