"""A character typed where nothing takes text is not lost without a word: with a board or
a list holding the focus, text goes where the screen takes it (the card entry, the
charter's commitment line); on a screen with no such place, a notice says so, once per
burst of typing. Keys bound on the screen keep doing what they do."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input, OptionList

from cocreate_factory import brainstormed
from uitools import open_charter, record_notices, settle, until
from workshop.tui.lifecycle import FORM_KEPT_MARK
from workshop.tui.screens.cocreate import CocreateScreen
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.card_entry import CardEntry


def burst(app, text: str) -> None:
    """Type `text` as a terminal sends it: every key at once, none waiting for the app."""
    for char in text:
        app.post_message(events.Key(char if char.isalnum() else _character_to_key(char), char))


async def test_text_typed_on_a_screen_with_no_entry_says_so_and_changes_nothing(cocreate_app):
    doc = brainstormed()
    doc.cocreate.phase = "focus"
    doc.cocreate.focus_question = "我们要做的关键行动是什么？[/oops] <b>&"
    app = cocreate_app(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notices = record_notices(app)
        before = app.session.doc.model_dump_json()
        burst(app, "加强拜访：🎉")
        await settle(pilot)
        assert isinstance(app.screen, CocreateScreen)  # no dialog opened
        assert app.session.doc.model_dump_json() == before
        assert notices == ["这一屏没有输入框，打的字没有记下。请用底栏上的按键（F1 列出全部）。"]
        await pilot.press("e")  # a key of the screen still does its thing: the editor
        await settle(pilot)
        assert not isinstance(app.screen, CocreateScreen)
        assert notices == notices[:1]


async def test_the_notice_comes_again_after_a_pause_and_names_a_remapped_help_key(
        cocreate_app):
    from uitools import FakeTime

    clock = FakeTime()
    doc = brainstormed()
    doc.cocreate.phase = "focus"
    app = cocreate_app(doc, time_source=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"help": "f12"})
        await settle(pilot)
        notices = record_notices(app)
        await pilot.press("好")
        clock.advance(1)
        await pilot.press("的")
        await settle(pilot)
        assert len(notices) == 1 and "F12" in notices[0]
        clock.advance(5)
        await pilot.press("好")
        await settle(pilot)
        assert len(notices) == 2


async def test_text_typed_on_the_wall_goes_into_the_card_entry(cocreate_app):
    app = cocreate_app(brainstormed())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(CardEntry).input
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, CardBoard)
        notices = record_notices(app)
        cards = len(app.session.doc.cocreate.cards)
        burst(app, "好主意：每周拜访")
        await until(pilot, lambda: entry.value == "好主意：每周拜访")
        await pilot.press("enter")
        await settle(pilot)
        assert entry.has_focus
        assert notices == []
        texts = [card.text for card in app.session.doc.cocreate.cards]
        assert len(texts) == cards + 1 and texts[-1] == "好主意：每周拜访"


async def test_a_key_bound_on_the_wall_does_its_thing_and_types_nothing(cocreate_app):
    app = cocreate_app(brainstormed())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(CardEntry).input
        await pilot.press("tab", "down")
        await settle(pilot)
        board = app.focused
        assert isinstance(board, CardBoard)
        card_id = board.selected.id
        await pilot.press("h")  # hides the card under the cursor
        await settle(pilot)
        assert next(c for c in app.session.doc.cocreate.cards if c.id == card_id).hidden
        assert board.has_focus and entry.value == ""


async def test_typing_on_a_members_row_writes_their_commitment(make_app):
    app = make_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await open_charter(pilot)
        team = app.session.doc.teams[0]
        assert app.screen.query_one("#charter-sheet", OptionList).has_focus
        notices = record_notices(app)
        burst(app, "每周拜访3家VIP")
        field = app.screen.query_one("#commit-input", Input)
        await until(pilot, lambda: field.value == "每周拜访3家VIP")
        assert field.has_focus
        # on screen, so on disk before Enter, as the card entry's draft is (a kill keeps it)
        assert app.session.doc.room.draft == "每周拜访3家VIP" + FORM_KEPT_MARK
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.doc.room.draft == ""  # saved as the commitment: no draft left
        charter = app.session.doc.charter.charter(team.id)
        assert [c.text for c in charter.commitments if c.text] == ["每周拜访3家VIP"]
        assert notices == []


async def test_coming_back_to_the_entry_goes_on_with_the_draft(cocreate_app):
    app = cocreate_app(brainstormed())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(CardEntry).input
        await pilot.press(*"每周", "tab", "down", "escape", *"拜访")
        await settle(pilot)
        assert entry.has_focus and entry.value == "每周拜访"
        await pilot.press("tab", "down", *"VIP")  # typed on the board: on with the draft
        await settle(pilot)
        assert entry.has_focus and entry.value == "每周拜访VIP"


async def test_the_empty_entrys_line_is_the_one_textual_draws_in_every_state(cocreate_app):
    """The entry keeps its empty line (placeholder and cursor) from one card to the next:
    after focus moves, projector mode, a theme, hidden mode and a resize it is
    still the line Textual's input draws for that state."""
    from workshop.tui.themes import THEMES

    app = cocreate_app(brainstormed())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(CardEntry).input

        async def same(label: str) -> None:
            await settle(pilot)
            assert entry.value == ""
            assert entry.render_line(0) == Input.render_line(entry, 0), label

        await same("focused")
        await pilot.press("tab")
        await same("the board has the focus")
        await pilot.press("escape")
        await same("back in the entry")
        await pilot.press("f9")
        await same("projector")
        await pilot.press("f9")
        app.theme = THEMES[-1].name
        await same("another theme")
        await pilot.press("ctrl+o")
        await same("hidden mode")
        await pilot.resize_terminal(90, 30)
        await same("narrower")
        await pilot.press(*"卡", "enter")
        await same("after a card")


async def test_text_pasted_on_the_wall_goes_into_the_entry_and_on_the_focus_says_so(
        cocreate_app):
    app = cocreate_app(brainstormed())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(CardEntry).input
        await pilot.press(*"每周", "tab", "down")
        await settle(pilot)
        app.post_message(events.Paste("拜访VIP客户 [/oops] <b>&\n第二行"))
        await until(pilot, lambda: entry.value == "每周拜访VIP客户 [/oops] <b>&")
        assert entry.has_focus
        await pilot.press("ctrl+g")  # back to the focus question: no entry there
        await settle(pilot)
        notices = record_notices(app)
        app.screen.query_one("#focus-scroll").focus()
        await settle(pilot)
        app.post_message(events.Paste("焦点问题"))
        await settle(pilot)
        assert len(notices) == 1 and "没有输入框" in notices[0]
        assert app.session.doc.cocreate.focus_question != "焦点问题"


async def test_a_commitment_left_half_typed_is_shown_at_the_next_start(make_app):
    app = make_app()
    async with app.run_test(size=(120, 45)) as pilot:
        await open_charter(pilot)
        await pilot.press("enter")  # the first member's commitment line
        burst(app, "每月复盘[/oops]")
        field = app.screen.query_one("#commit-input", Input)
        await until(pilot, lambda: field.value == "每月复盘[/oops]")
        await pilot.press("escape")  # left, not saved
        await settle(pilot)
        await pilot.press("ctrl+q")  # a normal quit: no terminal closed, nothing killed
        await settle(pilot)
    app.session.close()
    again = make_app()
    notices = record_notices(again)
    async with again.run_test(size=(120, 45)) as pilot:
        await settle(pilot)
        assert again.screen.step == "charter"
        assert notices == ["上次有一段表单里的文字没有保存：每月复盘[/oops]"]
