"""The facilitator remaps keys in ``keymap.toml`` (workshop's data folder); a bad file is
ignored with a notice that says what is wrong."""

from __future__ import annotations

import pytest

from uitools import record_notices, settle
from workshop.store import data_dir
from workshop.tui.keymap import KeymapError, key_name, read_keymap
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.key_bar import KeyBar

APP_KEYS = {"f4": "next_turn", "f5": "toggle_clock"}


def write_keymap(text: str):
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "keymap.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(("key", "name"), [
    ("f12", "f12"), ("F12", "f12"), ("ctrl+k", "ctrl+k"), ("Ctrl+K", "ctrl+K"),
    ("?", "question_mark"), ("question_mark", "question_mark"), ("+", "plus"),
    ("-", "minus"), ("A", "A"), ("space", "space"), ("ctrl++", "ctrl+plus"),
])
def test_key_names_as_textual_names_them(key, name):
    assert key_name(key) == name


@pytest.mark.parametrize("key", ["f99", "ctrl+", "bogus", "", " ", "cmd+k"])
def test_what_names_no_key(key):
    assert key_name(key) is None


def test_a_good_file_maps_ids_to_keys(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\nnext_turn = "F12"\ntoggle_clock = "ctrl+k, f5"\n', "utf-8")
    assert read_keymap(path, APP_KEYS) == {"next_turn": "f12", "toggle_clock": "ctrl+k,f5"}
    assert read_keymap(tmp_path / "none.toml", APP_KEYS) == {}


@pytest.mark.parametrize(("text", "says"), [
    ("[keys\nnext_turn = 'f12'", "不是有效的 TOML"),
    ("next_turn = 'f12'", "只能有一个 [keys] 表"),
    ("[keys]\nnext_turn = 'f12'\n[other]\n", "只能有一个 [keys] 表"),
    ("[keys]\nnext_turn = 12", "next_turn"),
    ("[keys]\nnext_turn = 'f99'", "f99"),
    ("[keys]\nnext_turn = 'f12'\ntoggle_clock = 'F12'", "F12 同时给了 next_turn 和 toggle_clock"),
    ("[keys]\nnext_turn = 'f5'", "f5 同时给了 toggle_clock 和 next_turn"),
])
def test_a_bad_file_says_what_is_wrong(tmp_path, text, says):
    path = tmp_path / "keymap.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(KeymapError) as error:
        read_keymap(path, APP_KEYS)
    assert says in str(error.value) and str(path) in str(error.value)
    assert "仍用默认按键" in str(error.value)


def test_swapping_two_app_keys_is_no_clash(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text("[keys]\nnext_turn = 'f5'\ntoggle_clock = 'f4'\n", "utf-8")
    assert read_keymap(path, APP_KEYS) == {"next_turn": "f5", "toggle_clock": "f4"}


async def test_a_remapped_key_works_and_the_footer_shows_it(make_app):
    write_keymap('[keys]\nnext_turn = "f12"\n"board.down" = "j"\n')
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        teams = [team.id for team in app.doc.teams]
        assert any("改了 2 个按键" in notice for notice in notices)
        await pilot.press("f12")
        assert app.doc.room.turn.team_id == teams[1]
        await pilot.press("f4")  # the old key does nothing now
        assert app.doc.room.turn.team_id == teams[1]
        footer = app.screen.query_one(KeyBar).render().plain
        assert "F12 下一组" in footer and "F4" not in footer
        # a board's own key: j moves down the cards like ↓
        for text in ("第一张", "第二张"):
            app.screen.query_one("#entry-input").value = text
            await pilot.press("enter")
        board = app.screen.query_one(CardBoard)
        board.focus()
        await pilot.press("home", "j")
        assert board.selected is not None and board.selected.text == "第二张"


async def test_a_bad_file_is_ignored_with_a_notice(make_app):
    write_keymap('[keys]\nnext_turn = "f99"\n')
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert any("f99" in notice and "keymap.toml" in notice for notice in notices)
        await pilot.press("f4")
        assert app.doc.room.turn.team_id == app.doc.teams[1].id


async def test_an_unknown_id_undoes_the_whole_file(make_app):
    write_keymap('[keys]\nnext_turn = "f12"\nnxet_turn = "f11"\n')
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert any("nxet_turn" in notice for notice in notices)
        await pilot.press("f12")
        assert app.doc.room.turn.team_id == app.doc.teams[0].id
        await pilot.press("f4")
        assert app.doc.room.turn.team_id == app.doc.teams[1].id
