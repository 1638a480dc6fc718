"""A step's classes that follow the terminal's size are right from its first frame (set
before its widgets are styled, so the first frame is not styled twice) and follow every
resize: the method's column shows only where there is room for it."""

from __future__ import annotations

import pytest

from uitools import settle


@pytest.mark.parametrize("step", ["vision", "review"])
async def test_the_method_column_shows_only_where_there_is_room(make_app, step):
    app = make_app()
    app.session.apply("step", lambda doc: setattr(doc.room, "step", step))
    async with app.run_test(size=(120, 28)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.step == step
        assert screen.has_class("-narrow") and screen.has_class("-short")
        assert not screen.query_one("#method").display
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert not screen.has_class("-narrow") and not screen.has_class("-short")
        assert screen.query_one("#method").display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-narrow") and not screen.query_one("#method").display


async def test_a_screen_opened_wide_is_wide_from_its_first_frame(make_app):
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        assert app.screen.step == "vision"
        assert not app.screen.has_class("-narrow")
        assert app.screen.query_one("#method").display
