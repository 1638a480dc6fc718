"""Hidden until revealed, for real: the mode is kept with the session (per step), a hidden
card shows neither its text nor its team, and what is being typed is not readable on
the projector."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from uitools import rendered_lines, settle
from workshop.tui.widgets.card_board import CardBoard

SIZES = [(80, 24), (200, 60)]


async def type_card(pilot, text: str) -> None:
    entry = pilot.app.screen.query_one("#entry-input", Input)
    entry.focus()
    entry.value = text
    await pilot.pause()


def board(app) -> str:
    return rendered_lines(app.screen.query_one(CardBoard))


@pytest.mark.parametrize("size", SIZES)
async def test_hidden_cards_hide_text_and_team_and_the_typing(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        team = app.session.doc.teams[0].name
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.session.doc.room.hidden_steps == ["vision"]
        await type_card(pilot, "秘密想法")
        entry = app.screen.query_one("#entry-input", Input)
        typed = entry.render_line(0).text
        assert "秘密" not in typed and "•" in typed  # dots on the projector
        await pilot.press("enter")
        await settle(pilot)
        card = app.session.doc.vision.cards[0]
        assert card.hidden and card.text == "秘密想法"
        shown = board(app)
        assert "▒▒▒" in shown
        assert "秘密想法" not in shown and team not in shown
        await pilot.press("ctrl+o")  # openly again: the typing shows too
        await pilot.pause()
        assert app.session.doc.room.hidden_steps == []
        await type_card(pilot, "公开想法")
        assert "公开想法" in entry.render_line(0).text
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "秘密想法" in board(app) and team in board(app)


async def test_hidden_mode_is_kept_when_the_session_is_reopened(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app.session.close()
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.screen.hidden_mode
        await type_card(pilot, "重开以后的想法")
        await pilot.press("enter")
        await settle(pilot)
        assert again.session.doc.vision.cards[-1].hidden
        assert "重开以后的想法" not in board(again)
        await pilot.press("f3")  # hidden is per step: the gaps storm shows cards openly
        await settle(pilot)
        assert not again.screen.hidden_mode
