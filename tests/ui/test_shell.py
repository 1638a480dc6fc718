"""The frame the room looks at: steps, clock, turns, cards, undo, projector, help."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Digits, Input

from uitools import FakeTime, record_notices, settle, tick
from workshop.model import STEPS
from workshop.store import Session
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.help import HelpScreen, key_sections
from workshop.tui.themes import DARK, LIGHT, PROJECTOR
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.stepper import Stepper
from workshop.tui.widgets.turn_bar import TurnBar


def board_text(app) -> str:
    board = app.screen.query_one(CardBoard)
    return "\n".join(
        board.render_line(y).text for y in range(board.scrollable_content_region.height)
    )


async def type_card(pilot, text: str) -> None:
    entry = pilot.app.screen.query_one("#entry-input", Input)
    entry.focus()
    entry.value = text  # the same as typing it, without a keystroke per character
    await pilot.press("enter")
    await pilot.pause()


async def test_f3_and_f2_walk_every_step(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        seen = [app.session.doc.room.step]
        for _ in range(len(STEPS)):
            await pilot.press("f3")
            await pilot.pause()
            seen.append(app.session.doc.room.step)
            assert isinstance(app.screen, StepScreen)
            assert app.screen.step == app.session.doc.room.step
        assert seen[-1] == "checkin"  # after the day, last
        assert set(seen) == set(STEPS) - {"review"}
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.step == "summary"
        stepper = app.screen.query_one(Stepper)
        assert "城镇会议" in stepper.render().plain


async def test_clock_starts_counts_and_pauses(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        digits = app.screen.query_one(Digits)
        minutes = app.session.doc.agenda["vision"]
        assert digits.value == f"{minutes:02d}:00"  # the vision step's time box
        await pilot.press("f5")
        assert app.session.doc.room.clock.running
        clock.advance(1.3)
        await tick(pilot)
        assert digits.value == f"{minutes - 1:02d}:59"
        await pilot.press("f5")
        assert not app.session.doc.room.clock.running
        clock.advance(90)
        await tick(pilot)
        assert digits.value == f"{minutes - 1:02d}:59"  # paused
        await pilot.press("f6")
        await pilot.pause()
        assert digits.value == f"{minutes:02d}:59"
        await pilot.press("f5")
        clock.advance(60)
        await tick(pilot)
        assert digits.value == f"{minutes - 1:02d}:59"  # counts on from where it paused


async def test_turn_goes_round_and_skips_teams_that_passed(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        teams = [team.id for team in app.session.doc.teams]
        assert app.session.doc.room.turn.team_id == teams[0]
        await pilot.press("f4")
        assert app.session.doc.room.turn.team_id == teams[1]
        await pilot.press("f4", "f4")
        assert app.session.doc.room.turn.team_id == teams[0]
        await pilot.press("f7")  # team 0 passes: turn to team 1
        assert app.session.doc.room.turn.team_id == teams[1]
        await pilot.press("f4", "f4")  # team 2, then team 0 is skipped
        assert app.session.doc.room.turn.team_id == teams[1]
        bar = app.screen.query_one(TurnBar).render().plain
        assert all(team.name in bar for team in app.session.doc.teams)


async def test_cards_are_credited_to_the_team_whose_turn_it_is(make_app, session_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_card(pilot, "客户看到我们的新品")
        await pilot.press("f4")
        await type_card(pilot, "团队每月都有人拿到奖金")
        doc = app.session.doc
        cards = doc.vision.cards
        assert [c.text for c in cards] == ["客户看到我们的新品", "团队每月都有人拿到奖金"]
        assert [c.team_id for c in cards] == [doc.teams[0].id, doc.teams[1].id]
        assert app.screen.query_one("#entry-input", Input).value == ""
        text = board_text(app)
        assert "济南队" in text and "客户看到我们的新品" in text
        assert "青岛队" in text and "团队每月都有人拿到奖金" in text
    # saved at once: a fresh read of the file has both cards
    from workshop.store import load

    assert len(load(session_path).vision.cards) == 2


async def test_undo_and_redo_with_a_notice(make_app):
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_card(pilot, "第一张")
        await type_card(pilot, "第二张")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c.text for c in app.session.doc.vision.cards] == ["第一张"]
        assert any("第二张" in notice for notice in notices)
        assert "第二张" not in board_text(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [c.text for c in app.session.doc.vision.cards] == ["第一张", "第二张"]
        assert "第二张" in board_text(app)


async def test_user_text_shows_literally(make_app):
    app = make_app()
    nasty = ["[/oops]", "[b]x[/b]", "<b>&amp;", "[link=http://x]y[/link]", "😀 表情"]
    async with app.run_test(size=(100, 30)) as pilot:
        for text in nasty:
            await type_card(pilot, text)
        shown = board_text(app)
        for text in nasty:
            assert text in shown
        await pilot.press("ctrl+z")  # the undo notice carries the card text: no markup crash
        await pilot.pause()


async def test_long_card_wraps_without_breaking_the_board(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_card(pilot, "长" * 2000)
        card = app.session.doc.vision.cards[0]
        assert len(card.text) == 2000
        board = app.screen.query_one(CardBoard)
        assert board.virtual_size.height > 20  # wrapped over many lines
        width = board.scrollable_content_region.width
        for y in range(board.scrollable_content_region.height):
            assert board.render_line(y).cell_length <= width


async def test_hidden_cards_stay_hidden_until_revealed(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        await type_card(pilot, "秘密想法")
        assert app.session.doc.vision.cards[0].hidden
        assert "秘密想法" not in board_text(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not app.session.doc.vision.cards[0].hidden
        assert "秘密想法" in board_text(app)


async def test_every_theme_change_restyles_the_screen(make_app):
    """The app parses its CSS once per set of theme variables; a new theme must still
    repaint everything in its own colours, and coming back must restore the first."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.styles.background.hex.lower() == LIGHT.background
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.styles.background.hex.lower() == PROJECTOR.background
        app.theme = DARK.name
        await pilot.pause()
        assert app.screen.styles.background.hex.lower() == DARK.background
        app.theme = LIGHT.name
        await pilot.pause()
        assert app.screen.styles.background.hex.lower() == LIGHT.background


async def test_projector_mode_and_help(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert app.has_class("-projector")
        assert app.theme == "workshop-projector"
        assert app.session.doc.room.projector
        assert not app.screen.query_one("#method").display
        await pilot.press("f9")
        await pilot.pause()
        assert not app.has_class("-projector")
        assert app.theme != "workshop-projector"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)


async def test_quit_and_reopen_finds_everything(make_app, session_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_card(pilot, "留下来的卡片")
        await pilot.press("f3")
        await pilot.press("f5")
        await pilot.press("f9")
        await pilot.press("ctrl+q")
    app.session.close()
    with Session.open(session_path) as session:
        doc = session.doc
        assert [c.text for c in doc.vision.cards] == ["留下来的卡片"]
        assert doc.room.step == "gaps"
        assert doc.room.clock.running
        assert doc.room.projector


async def test_resizing_keeps_the_clock_visible(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for size in [(200, 60), (80, 24), (60, 20), (160, 45)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            digits = app.screen.query_one(Digits)
            region = digits.region
            assert region.width > 0 and region.height == 3
            assert region.right <= size[0] and region.bottom <= size[1]


async def test_a_draft_survives_a_restart(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"draft")
        clock.advance(0.5)
        await tick(pilot)
        assert app.session.doc.room.draft == ""  # not while typing goes on
        clock.advance(0.5)
        await tick(pilot)  # the draft is saved shortly after typing stops
        assert app.session.doc.room.draft == "draft"
    app.session.close()
    second = make_app()
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert second.screen.query_one("#entry-input", Input).value == "draft"


async def test_a_card_longer_than_the_entry_scrolls_to_what_is_being_typed(make_app):
    """The entry keeps its size while typing (it is never laid out again per key), so
    the text must still scroll: the end shows while typing, Home brings the start back."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        entry = app.screen.query_one("#entry-input", Input)
        entry.focus()
        text = "START" + "m" * entry.size.width + "XYZ"  # longer than the entry
        for char in text:
            await pilot.press(char)
        await pilot.pause()

        def shown() -> str:
            return "".join(entry.render_line(y).text for y in range(entry.size.height))

        assert entry.value == text
        assert "XYZ" in shown() and "START" not in shown()
        await pilot.press("home")
        await pilot.pause()
        assert "START" in shown() and "XYZ" not in shown()
        await pilot.press("enter")
        await pilot.pause()
        assert text in [card.text for card in app.session.doc.vision.cards]


async def test_projector_spotlight_shows_the_newest_card_on_the_cards_panel_only(
        make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        await pilot.pause()

        def spot() -> str:
            return str(app.screen.query_one("#spotlight").render())

        await type_card(pilot, "[b]每月拜访[/b] <b>&")
        assert "[b]每月拜访[/b] <b>&" in spot()
        assert app.session.doc.teams[0].name in spot()
        await pilot.press("ctrl+n")  # the goals panel is its own large view
        await pilot.pause()
        assert app.screen.view == "goals" and spot() == ""


@pytest.mark.slow  # every step, in both languages
async def test_help_names_every_key_in_the_language_of_the_room(make_app):
    """F1 on every step lists each key once, its meaning in the current language,
    Textual's own editing and scrolling keys included (they used to show in English)."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for lang in ("zh", "en"):
            await app.set_language(lang)
            for step in STEPS:
                app.switch_mode(step)
                await settle(pilot)
                await pilot.press("f1")
                await settle(pilot)
                assert isinstance(app.screen, HelpScreen)
                rows = [row for heading, section in key_sections(app, app.screen.target)
                        for row in [(heading, heading), *section]]
                labels = [label for _keys, label in rows]
                if lang == "zh":
                    english = [label for label in labels if not re.search(r"[\u4e00-\u9fff]",
                                                                          label)]
                    assert english == [], (step, english)
                else:
                    chinese = [label for label in labels if re.search(r"[\u4e00-\u9fff]", label)]
                    assert chinese == [], (step, chinese)
                keys = [keys for keys, _label in rows]
                assert keys.count("Ctrl+P") == 1 and keys.count("Tab / Shift+Tab") == 1, step
                await pilot.press("escape")
                await settle(pilot)
