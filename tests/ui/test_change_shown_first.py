"""A change is on the projector in the first frame after its key; what is worked out
from it elsewhere on the screen (the turn bar's count, the side panel's tally, the
stepper) follows a frame later, and in the end the terminal shows all of it.

Drawing those first held up the card the room is watching for (about a millisecond and
a half of an Enter's five). The terminal here is fed only the frames the app sends
(``terminal_mirror``), so it sees what the room sees, frame by frame."""

from __future__ import annotations

from cocreate_factory import brainstormed
from terminal_mirror import TerminalMirror
from uitools import settle, type_text
from workshop.tui.widgets.card_entry import CardEntry


def record_frames(app) -> tuple[TerminalMirror, list[list[str]]]:
    """The terminal of `app`, and the lines it showed after each frame from now on."""
    mirror = TerminalMirror(app)
    mirror.install()
    frames: list[list[str]] = []
    mirror.on_frame = lambda: frames.append(list(mirror.screen.display))
    return mirror, frames


def line_with(lines: list[str], text: str) -> int | None:
    return next((y for y, line in enumerate(lines) if text in line), None)


async def test_a_card_shows_before_the_counts_it_changes_and_then_they_follow(cocreate_app):
    app = cocreate_app(brainstormed())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await type_text(pilot, "第一张新卡")
        await pilot.press("enter")  # the turn bar now counts one card this turn
        await settle(pilot)
        mirror, frames = record_frames(app)
        entry_row = app.screen.query_one(CardEntry).region.y
        await type_text(pilot, "第二张新卡")
        await settle(pilot)
        frames.clear()
        await pilot.press("enter")
        await settle(pilot)


        first = next(lines for lines in frames if line_with(lines, "第二张新卡") is not None
                     and line_with(lines, "第二张新卡") != entry_row)
        assert "第二张新卡" not in first[entry_row], "the entry is emptied in the same frame"
        assert line_with(first, "本轮 1 张") is not None, (
            "the card's frame went out before the turn bar was worked out again")
        assert line_with(frames[-1], "本轮 2 张") is not None
        assert line_with(frames[-1], "第二张新卡") not in (None, entry_row)
        assert not mirror.differences(), "the terminal matches the screen drawn afresh"
        assert app.screen.drawn


async def test_a_burst_of_cards_ends_with_every_count_drawn(cocreate_app):
    """Cards typed faster than the frames: each follow-up is drawn once, from the
    document as it is by then."""
    from test_keys_in_the_order_typed import burst

    app = cocreate_app(brainstormed())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        mirror, _frames = record_frames(app)
        app.screen.query_one(CardEntry).input.focus()
        burst(app, [*"卡甲", "enter", *"卡乙", "enter", *"卡丙", "enter"])
        await settle(pilot, 5)
        shown = mirror.screen.display
        assert line_with(shown, "本轮 3 张") is not None
        assert not mirror.differences()
        assert app.screen.drawn


async def test_a_dot_shows_on_the_wall_first_and_the_voter_and_tally_follow(cocreate_app):
    from test_cocreate_dots import vote_room

    app = cocreate_app(vote_room("zh"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        mirror, frames = record_frames(app)
        await pilot.press("1")  # a dot on cluster 1
        await settle(pilot)

        def wall(lines: list[str]) -> list[str]:  # left of the side panel
            return [line.split("▏")[0] for line in lines]

        first = next(lines for lines in frames if any(
            part.strip().startswith("● 1") for part in wall(lines)))
        assert line_with(first, "还有 5 票") is not None, (
            "the dot's frame went out before the voter's banner was worked out again")
        assert line_with(frames[-1], "还有 4 票") is not None
        assert line_with(frames[-1], "策略1  ● 1") is not None  # the panel's tally
        assert not mirror.differences()
        assert app.screen.drawn
