"""Every phase's keys of step 4, pressed as the facilitator presses them: what changes in
the document and what the screen says (the keys the journey in
``test_cocreate_screen.py`` does not press). The keys live in the panes, so a keymap
(``App.set_keymap``) moves any of them."""

from __future__ import annotations

from textual.widgets import Input, Static

from cocreate_factory import brainstormed, clustered, voted, with_gaps
from cocreate_pilot import (
    board_lines,
    board_of,
    cluster_texts,
    panel_text,
    squeeze,
    tabs_text,
    wall_titles,
)
from uitools import settle, shown
from workshop.methods.cocreate import clusters
from workshop.text import cells
from workshop.tui.screens.cocreate import CocreateScreen
from workshop.tui.widgets.cocreate.dialogs import ClusterPicker, NamePrompt
from workshop.tui.widgets.cocreate.model_view import StrategyModel
from workshop.tui.widgets.key_bar import KeyBar


async def answer(pilot, text: str) -> None:
    """Type `text` into the dialog on screen and press Enter."""
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


def focus_details(app) -> str:
    return shown(app.screen.query_one("#focus-details", Static))


async def test_focus_phase_settings_pull_and_going_back(cocreate_app):
    doc = with_gaps(brainstormed())
    doc.cocreate.phase = "focus"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "① 焦点问题" in tabs_text(app)
        assert "第二步可拉入的卡片：5 张" in focus_details(app)
        await pilot.press("d")
        await answer(pilot, "5")
        await pilot.press("D")  # dots per member
        await settle(pilot)
        await pilot.press("t")
        await answer(pilot, "90")
        section = app.session.doc.cocreate
        assert (section.dots, section.dots_per, app.session.doc.room.turn.seconds) == (
            5, "member", 90)
        assert "90（T）" in focus_details(app) and "每人 5 票" in focus_details(app)
        await pilot.press("i")  # pull in step 2: the first choice is everything
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.session.doc.cocreate.cards) == 15
        assert "第二步可拉入的卡片：0 张" in focus_details(app)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "cluster"
        assert "根因" in "\n".join(board_lines(app))  # a pulled cause wears its badge
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "brainstorm"
        assert "② 头脑风暴" in tabs_text(app)
        assert app.screen.query_one("#entry-input", Input).has_focus


async def test_brainstorm_letters_are_text_in_the_entry_and_keys_on_the_board(cocreate_app):
    doc = brainstormed()
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "i", "t")  # typed into the entry: text, not keys
        await settle(pilot)
        entry = app.screen.query_one("#entry-input", Input)
        assert entry.value == "cit" and entry.has_focus
        entry.value = ""
        await pilot.press("tab")  # to the board: now C sets the cap
        await settle(pilot)
        assert board_of(app).has_focus
        await pilot.press("c")
        await answer(pilot, "2")
        assert app.session.doc.cocreate.cap_per_turn == 2
        assert "每组每轮最多 2 张" in panel_text(app)
        await pilot.press("i")  # nothing from step 2 to pull: says so, nothing opens
        await settle(pilot)
        assert isinstance(app.screen, CocreateScreen)
        assert len(app.session.doc.cocreate.cards) == 10


async def test_cluster_phase_carry_up_same_cluster_again_dissolve_and_jump(cocreate_app):
    doc = clustered(named=False)
    app = cocreate_app(doc)
    texts = [c.text for c in doc.cocreate.cards]
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        await pilot.press("right_square_bracket")  # card 6 into the first cluster
        await settle(pilot)
        assert board.selected.text == texts[6]
        await pilot.press("right_square_bracket", "left_square_bracket")  # down and back up
        await settle(pilot)
        assert cluster_texts(app.session.doc)[0] == [texts[0], texts[1], texts[6], texts[8]]
        await pilot.press("home", "full_stop")  # card 7 where the last card went
        await settle(pilot)
        assert cluster_texts(app.session.doc)[0] == [texts[0], texts[1], texts[6], texts[7],
                                                     texts[8]]
        assert "未归类 0 张" in panel_text(app)
        await pilot.press("shift+down")  # the first card of the second cluster
        await settle(pilot)
        assert board.selected.text == texts[2]
        await pilot.press("shift+down", "shift+up", "shift+up")
        await settle(pilot)
        assert board.selected.text == texts[0]
        await pilot.press("r")  # names the cluster even while sorting
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        await answer(pilot, "建立VIP客户分级拜访制度")
        assert app.session.doc.cocreate.clusters[0].name == "建立VIP客户分级拜访制度"
        assert wall_titles(app)[1].startswith("1.建立VIP客户分级拜访制度")  # under the loose
        await pilot.press("shift+down", "x")  # dissolve the second cluster
        await settle(pilot)
        assert len(app.session.doc.cocreate.clusters) == 2
        assert [c.text for c in clusters.loose(app.session.doc.cocreate)] == texts[2:5]
        assert "未归类 3 张" in panel_text(app)


async def test_name_phase_keys(cocreate_app):
    doc = clustered(named=False)
    doc.cocreate.phase = "name"
    app = cocreate_app(doc)
    first, second, _third = (k.id for k in doc.cocreate.clusters)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        assert board.selected.group == first  # the first cluster without a name
        assert "还有 3 类未命名" in panel_text(app)
        await pilot.press("r")
        await answer(pilot, "建立VIP客户分级拜访制度")
        assert board.selected.group == second  # on to the next unnamed one
        assert "还有 2 类未命名" in panel_text(app)
        await pilot.press("a")  # the second cluster to the second team
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.session.doc.cocreate.cluster(second).team_id == doc.teams[1].id
        assert any(f"→ {doc.teams[1].name}" in line for line in board_lines(app))
        await pilot.press("shift+down", "M")  # merge the third into the first
        await settle(pilot)
        assert isinstance(app.screen, ClusterPicker)
        await pilot.press("1")
        await pilot.press("enter")
        await settle(pilot)
        assert [k.id for k in app.session.doc.cocreate.clusters] == [first, second]
        assert len(clusters.cards_of(app.session.doc.cocreate, first)) == 5
        await pilot.press("shift+down", "x")  # dissolve the second
        await settle(pilot)
        assert [k.id for k in app.session.doc.cocreate.clusters] == [first]
        assert any(line.startswith(" 未归类卡片 (5)") for line in board_lines(app))


async def test_vote_phase_keys_space_equals_next_member_and_settings(cocreate_app):
    doc = voted(members=3)
    for cluster in doc.cocreate.clusters:
        cluster.votes = []
    doc.cocreate.dots = 1
    app = cocreate_app(doc)
    team = doc.teams[0]
    visits, shows, _training = (k.id for k in doc.cocreate.clusters)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        assert ". 下一位成员" not in app.screen.query_one(KeyBar).render_line(0).text
        await pilot.press("D")  # one dot per member
        await settle(pilot)
        assert app.session.doc.cocreate.dots_per == "member"
        assert ". 下一位成员" in app.screen.query_one(KeyBar).render_line(0).text
        assert "每人 1 票" in panel_text(app)
        assert f"{team.members[0].name}：还有 1 票" in panel_text(app)
        await pilot.press("full_stop")  # the second member votes first
        await settle(pilot)
        assert f"{team.members[1].name}：还有 1 票" in panel_text(app)
        board.select(clusters.cards_of(app.session.doc.cocreate, shows)[0].id)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("equals_sign")  # the member whose dot is left: the first
        await settle(pilot)
        votes = app.session.doc.cocreate.cluster(shows).votes
        assert [v.member_id for v in votes] == [team.members[1].id, team.members[0].id]
        assert "2.办好技术交流会和行业展会(3)●●2" in wall_titles(app)
        await pilot.press("d")
        await answer(pilot, "2")
        assert app.session.doc.cocreate.dots == 2
        await pilot.press("shift+up", "r")  # rename the first strategy while voting
        await settle(pilot)
        await answer(pilot, "每月拜访VIP客户")
        assert app.session.doc.cocreate.cluster(visits).name == "每月拜访VIP客户"
        await pilot.press("a", "enter")  # and give it to the first team
        await settle(pilot)
        assert app.session.doc.cocreate.cluster(visits).team_id == team.id
        assert wall_titles(app)[0] == squeeze(f"1. 每月拜访VIP客户  → {team.name} (3) 0")


async def test_model_phase_pick_and_rename(cocreate_app):
    doc = voted()
    doc.cocreate.phase = "model"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        model = app.screen.query_one(StrategyModel)
        assert model.has_focus and model.selected == doc.cocreate.clusters[1].id  # 展会: 3
        await pilot.press("right", "r")
        await settle(pilot)
        await answer(pilot, "每月拜访VIP客户")
        assert app.session.doc.cocreate.clusters[0].name == "每月拜访VIP客户"
        assert "每月拜访VIP客户" in model.render().plain
        await pilot.press("ctrl+n")  # the last phase: nowhere further
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "model"


async def test_a_click_on_a_tab_changes_the_phase_and_undo_brings_it_back(cocreate_app):
    doc = clustered()
    app = cocreate_app(doc)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        line = tabs_text(app)
        await pilot.click("#pane-tabs", offset=(cells(line[:line.index("⑤")]) + 1, 0))
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "vote"
        assert board_of(app).id == "board-vote" and board_of(app).has_focus
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "name"
        assert app.screen.active_pane.id == "pane-name"
        assert "④ 命名" in tabs_text(app)


async def test_every_key_has_an_id_and_a_tooltip_and_a_keymap_moves_it(cocreate_app):
    screen_bindings = CocreateScreen.BINDINGS
    pane_bindings = [b for pane in CocreateScreen.PANES for b in pane.BINDINGS]
    for binding in screen_bindings + pane_bindings:
        assert binding.id and binding.tooltip, binding
    doc = clustered(named=False)
    app = cocreate_app(doc)
    texts = [c.text for c in doc.cocreate.cards]
    async with app.run_test(size=(120, 50)) as pilot:
        app.set_keymap({"cocreate_pair": "k", "cocreate_mark": "j",
                        "cocreate_next_phase": "ctrl+l"})
        await settle(pilot)
        await pilot.press("j", "k")  # mark card 6, pair it with card 7
        await settle(pilot)
        assert cluster_texts(app.session.doc)[-1] == [texts[6], texts[7]]
        await pilot.press("p", "space")  # the old keys do nothing now
        await settle(pilot)
        assert len(app.session.doc.cocreate.clusters) == 4
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "name"


async def test_the_phase_keys_still_work_after_the_language_changes(cocreate_app):
    doc = brainstormed()
    doc.cocreate.focus_question = ""
    doc.cocreate.phase = "focus"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.set_language("en")  # every screen is composed again, in English
        await settle(pilot)
        assert "① Focus question" in tabs_text(app)
        await pilot.press("g")  # the pane's keys need the focus inside the pane
        await settle(pilot)
        assert app.session.doc.cocreate.focus_question.startswith("What are the key actions")


async def test_escape_in_the_name_prompt_asks_before_the_name_is_lost(cocreate_app):
    doc = clustered(named=False)
    doc.cocreate.phase = "name"
    app = cocreate_app(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        await pilot.press(*"VIP")
        await pilot.press("escape")  # with a name typed: asks, and "back" keeps it
        await settle(pilot)
        assert not isinstance(app.screen, NamePrompt)
        await pilot.press("down", "down", "enter")  # keep / discard / back
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        assert app.screen.query_one(Input).value == "VIP"
        await pilot.press("escape", "enter")  # asked again: keep saves the name
        await settle(pilot)
        assert not isinstance(app.screen, NamePrompt)
        assert app.session.doc.cocreate.clusters[0].name == "VIP"
