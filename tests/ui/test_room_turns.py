"""The turn at one keyboard, with eight teams whose names a real room brings: the team at
the keyboard is always on the turn bar, every team can be named, a team that passes
shows as passed, and a pass lasts only for the round of the board it was made on."""

from __future__ import annotations

import pytest

from factories import ODD_TEAM_NAMES
from rooms import odd_session
from uitools import settle
from workshop.text import cells
from workshop.tui.widgets.turn_bar import TurnBar

SIZES = [(80, 24), (200, 60)]


@pytest.fixture
def session_path(tmp_path):
    return odd_session(tmp_path, "review")


def bar(app) -> str:
    return app.screen.query_one(TurnBar).render().plain


@pytest.mark.parametrize("size", SIZES)
async def test_the_team_at_the_keyboard_is_always_on_the_turn_bar(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for name in ODD_TEAM_NAMES:
            line = bar(app)
            assert name in line, (name, line)
            assert cells(line) <= size[0]
            await pilot.press("f4")
            await pilot.pause()
        if size[0] >= 200:  # room for every name in full
            assert all(name in bar(app) for name in ODD_TEAM_NAMES)
        # every team's full name is one hover away
        tooltip = app.screen.query_one(TurnBar).tooltip.plain
        assert all(name in tooltip for name in ODD_TEAM_NAMES)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_a_team_that_passes_shows_as_passed_for_that_board_only(make_app, lang):
    from workshop import i18n

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.set_language(lang)
        await settle(pilot)
        passed = i18n.t("shell.passed_mark")
        first = app.session.doc.teams[0]
        await pilot.press("f7")  # [/oops]队 passes on the highlights board
        await pilot.pause()
        doc = app.session.doc
        assert doc.room.turn.passed == [first.id]
        assert bar(app).count(passed) == 1
        assert f"{first.name}  {passed}" in app.screen.query_one(TurnBar).tooltip.plain
        await pilot.press("ctrl+b")  # the next board: a new round, everyone is in again
        await pilot.pause()
        assert app.session.doc.room.turn.passed == []
        assert passed not in bar(app)
        await pilot.press("f7")
        await pilot.pause()
        assert app.session.doc.room.turn.passed
        await pilot.press("f3")  # a later step: passes from step 0 do not follow
        await settle(pilot)
        assert app.session.doc.room.turn.passed == []
        assert passed not in bar(app)
