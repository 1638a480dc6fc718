"""What the projector shows is what the document says, after any keys: the terminal, fed
only the partial frames the app sends, matches every widget drawn afresh.

The boards repaint only the lines a change touched (a card typed, a card moved, a dot, the
cursor): a line they forget stays stale on the wall until something else repaints it. The
pilot's view of the widgets cannot see that; the terminal can (``terminal_mirror``).
"""

from __future__ import annotations

import pytest
from gaps_pilot import gaps_app

from cocreate_factory import room
from terminal_mirror import TerminalMirror
from uitools import FakeTime, settle, tick, type_text
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.card_entry import CardEntry

__all__ = ["gaps_app"]  # the fixture, imported for the test below


async def _same_as_fresh(pilot, mirror: TerminalMirror, after: str) -> None:
    await settle(pilot)
    differences = mirror.differences()
    assert not differences, f"after {after}, the terminal shows stale lines:\n" + "\n".join(
        differences[:6])
    await settle(pilot)  # the fresh drawing repainted every widget: let those frames go


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_wall_on_the_terminal_matches_a_fresh_drawing(cocreate_app, size):
    doc = room(clusters=11, named=True, loose=6)
    doc.cocreate.phase = "brainstorm"
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        mirror = TerminalMirror(app)
        mirror.install()
        await settle(pilot)
        entry = app.screen.query_one(CardEntry).input
        entry.focus()
        for n in range(4):  # cards typed: the wall grows, the panel's counts change
            await type_text(pilot, f"new idea {n} 客户")
            await pilot.press("enter")
            await _same_as_fresh(pilot, mirror, f"card {n} and Enter")
        await pilot.press("ctrl+z")
        await _same_as_fresh(pilot, mirror, "undo")
        await pilot.press("ctrl+n")  # clustering: the cursor walks and cards move
        await _same_as_fresh(pilot, mirror, "Ctrl+N to the clustering")
        for keys in (["down", "down", "right"], ["right_square_bracket"],
                     ["left_square_bracket"], ["up", "left"], ["end"], ["home"],
                     ["shift+down", "shift+down"], ["pagedown"], ["space", "down", "space"]):
            await pilot.press(*keys)
            await _same_as_fresh(pilot, mirror, " ".join(keys))
        assert mirror.frames > 10


async def test_the_votes_on_the_terminal_match_a_fresh_drawing(cocreate_app):
    doc = room(clusters=11, named=True, loose=0)
    doc.cocreate.phase = "vote"
    app = cocreate_app(doc)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        mirror = TerminalMirror(app)
        mirror.install()
        for keys in (["plus"], ["right", "plus"], ["minus"], ["down", "plus", "plus"],
                     ["full_stop"], ["3"], ["ctrl+z"], ["shift+down", "plus"]):
            await pilot.press(*keys)
            await _same_as_fresh(pilot, mirror, " ".join(keys))


async def test_the_gaps_list_on_the_terminal_matches_a_fresh_drawing(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        mirror = TerminalMirror(app)
        mirror.install()
        entry = app.screen.query_one(CardEntry).input
        entry.focus()
        for n in range(5):  # the storm's list grows under the entry
            await type_text(pilot, f"差距 {n} [/oops] <b>&")
            await pilot.press("enter")
            await _same_as_fresh(pilot, mirror, f"gap card {n}")
        await pilot.press("ctrl+z")
        await _same_as_fresh(pilot, mirror, "undo")
        await pilot.press("tab")
        board = app.focused
        assert isinstance(board, CardBoard), "Tab goes from the entry to the board"
        cursors = [board.cursor]
        for keys in (["up"], ["up", "up"], ["home"], ["end"], ["pageup"]):
            await pilot.press(*keys)
            await _same_as_fresh(pilot, mirror, " ".join(keys))
            cursors.append(board.cursor)
        assert len(set(cursors)) >= 3, cursors  # the cursor did walk the list


async def test_the_first_frame_of_a_step_shown_with_f3_is_the_whole_step(make_app):
    """A step built before is shown at once (no 50 ms hold): its first frame on the
    terminal must already be the whole step, drawn from the document, not a frame of it
    half laid out."""
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        clock.advance(2)  # a quiet moment: the app builds the other steps' screens
        for _ in range(80):
            await tick(pilot)
            await pilot.pause()
            if app.quiet_work.done:
                break
        assert app.quiet_work.done
        # fitted to the terminal before they were laid out, as if shown: at 100 columns
        # the review has no room for the method's column, and its board takes the width
        review = app.step_screens["review"]
        assert review.has_class("-narrow") and not review.query_one("#method").display
        mirror = TerminalMirror(app)
        mirror.install()
        for key, step in (("f3", "gaps"), ("f3", "charter"), ("f2", "gaps"), ("f2", "vision"),
                          ("f2", "review")):
            seen = mirror.frames
            first: list[str] = []
            def keep_first(step: str = step, first: list[str] = first) -> None:
                if not first and app.screen.step == step:
                    first.extend(mirror.screen.display)

            mirror.on_frame = keep_first
            await pilot.press(key)
            await settle(pilot)
            mirror.on_frame = None
            assert app.screen.step == step and mirror.frames > seen and first
            fresh = mirror.fresh_screen().display
            assert first == fresh, (f"{key} to {step}: the first frame differs from the step "
                                    f"drawn afresh:\n" + "\n".join(
                                        f"{a!r}\n{b!r}" for a, b in zip(first, fresh,
                                                                        strict=True)
                                        if a != b))
            await settle(pilot)
