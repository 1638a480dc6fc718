"""The keys every card board shares, through real keys on each of the five boards that
have them: Enter edits the card under the cursor, H hides and shows it, Delete deletes
it (and Ctrl+Z brings it back)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from uitools import record_notices, rendered_lines, settle
from workshop.edits.cards import add_card
from workshop.model import BOARDS
from workshop.scenario import load_scenario
from workshop.store import Session
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.wall_board import WallBoard

REPO = Path(__file__).resolve().parents[2]
TEXTS = ["第一张：客户档案", "第二张：[/oops] 拜访", "第三张：新品试用"]


@pytest.fixture
def app_at(tmp_path):
    sessions: list[Session] = []

    def build(step: str) -> WorkshopApp:
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = step  # type: ignore[assignment]
        if step == "cocreate":
            doc.cocreate.phase = "brainstorm"
        for n, text in enumerate(TEXTS):
            add_card(doc, step, text, board=BOARDS[step][0],  # type: ignore[arg-type]
                     team_id=doc.teams[n % len(doc.teams)].id)
        session = Session.create(doc, tmp_path / f"{step}.workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


def texts(app, step: str) -> list[str]:
    return [card.text for card in app.doc.cards(step, BOARDS[step][0])]


async def focus_the_board(pilot) -> CardBoard:
    """Tab from the card entry until a card board has the focus, as the facilitator does."""
    for _ in range(6):
        if isinstance(pilot.app.focused, CardBoard):
            break
        await pilot.press("tab")
    board = pilot.app.focused
    assert isinstance(board, CardBoard), f"Tab never reached a card board: {board}"
    return board


@pytest.mark.parametrize("step", ["review", "vision", "gaps", "cocreate", "summary"])
async def test_enter_edits_h_hides_and_delete_deletes_the_card_under_the_cursor(app_at, step):
    app = app_at(step)
    notices = record_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen.query_one("#entry-input", Input), Input)
        before = texts(app, step)  # the scenario's own cards and the three above
        board = await focus_the_board(pilot)
        await pilot.press("home")
        # the next card: below it in a list, beside it on the co-create wall's rows
        step_key = "right" if isinstance(board, WallBoard) else "down"
        for _ in range(before.index(TEXTS[1])):
            await pilot.press(step_key)
        await settle(pilot)
        assert board.selected is not None and board.selected.text == TEXTS[1]

        # Enter: the card's text in a prompt; what is typed there replaces it
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == TEXTS[1]
        await pilot.press("end", *"!!", "enter")
        await settle(pilot)
        edited = TEXTS[1] + "!!"
        assert texts(app, step) == [edited if t == TEXTS[1] else t for t in before]
        assert edited in rendered_lines(board)

        # H: hidden from the room (the board shows a mask), H again: shown
        board.focus()
        await pilot.press("h")
        await settle(pilot)
        card = next(c for c in app.doc.cards(step, BOARDS[step][0]) if c.text == edited)
        assert card.hidden
        assert edited not in rendered_lines(board) and "▒▒▒" in rendered_lines(board)
        await pilot.press("h")
        await settle(pilot)
        assert not any(c.hidden for c in app.doc.cards(step, BOARDS[step][0]))
        assert edited in rendered_lines(board)

        # Delete: gone from the document and the board; Ctrl+Z brings it back
        await pilot.press("delete")
        await settle(pilot)
        assert texts(app, step) == [t for t in before if t != TEXTS[1]]
        assert edited not in rendered_lines(board)
        assert any("Ctrl+Z" in notice for notice in notices)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert texts(app, step) == [edited if t == TEXTS[1] else t for t in before]


async def test_the_card_keys_do_nothing_while_typing(app_at):
    """Enter in the entry adds a card, H types an h: the card keys act on a focused board."""
    app = app_at("vision")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press(*"hh", "enter")
        await settle(pilot)
        assert texts(app, "vision")[-4:] == [*TEXTS, "hh"]
        assert not any(card.hidden for card in app.doc.cards("vision", "vision"))
        assert not isinstance(app.screen, TextPrompt)
