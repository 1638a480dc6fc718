"""The wall at 80×24 and on a wide projector, with eight teams whose names a real room
brings: no team drops off the town hall's sign-off strip, and the charter shows each
member's whole name."""

from __future__ import annotations

import pytest

from factories import ODD_TEAM_NAMES
from rooms import odd_session
from uitools import settle
from workshop.methods import turns
from workshop.text import cells
from workshop.tui.widgets.charter.sheet import TeamTabs
from workshop.tui.widgets.townhall.signoffs import SignOffStrip

SIZES = [(80, 24), (200, 60)]


@pytest.fixture
def session_path(tmp_path, request):
    return odd_session(tmp_path, getattr(request, "param", "townhall"), plans=True)


@pytest.mark.parametrize("size", SIZES)
async def test_every_team_is_on_the_sign_off_strip(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        strip = app.screen.query_one(SignOffStrip)
        for _ in ODD_TEAM_NAMES:
            line = strip.render().plain
            presenting = app.session.doc.team(turns.current_team_id(app.session.doc))
            assert presenting.name in line  # the team at the front is always there
            assert cells(line) <= strip.size.width
            if size[0] >= 200:
                assert all(name in line for name in ODD_TEAM_NAMES), line
            await pilot.press("right")
            await pilot.pause()
        assert all(name in strip.tooltip.plain for name in ODD_TEAM_NAMES)


@pytest.mark.parametrize("session_path", ["charter"], indirect=True)
@pytest.mark.parametrize("size", SIZES)
async def test_the_charter_shows_whole_names(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        sheet = app.screen.query_one("#charter-sheet")

        def member_rows() -> list[str]:
            options = [sheet.get_option_at_index(i) for i in range(sheet.option_count)]
            return [o.prompt.plain for o in options if (o.id or "").startswith("member:")]

        assert member_rows()[0].startswith("王[b]强[/b] "), member_rows()
        tabs = app.screen.query_one(TeamTabs)
        assert ODD_TEAM_NAMES[0] in tabs.render().plain
        await pilot.press("right")
        await settle(pilot)
        assert member_rows()[1].startswith("欧阳·司马长风 ")
        for _ in ODD_TEAM_NAMES:  # the team whose charter is shown is always on the tabs
            team = app.session.doc.team(app.screen.team_id)
            assert team.name in tabs.render().plain
            await pilot.press("right")
            await settle(pilot)
