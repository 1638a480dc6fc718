"""Step 4 at the keyboard: two teams brainstorm in turn, the facilitator clusters (pairs
first, move, move back, merge, split), names, the room votes, the model shows the order.
"""

from __future__ import annotations

import re

from textual.widgets import Input, Static

from cocreate_factory import brainstormed, clustered, voted
from cocreate_pilot import (
    board_lines,
    board_of,
    cluster_texts,
    squeeze,
    type_card,
    wall_cards,
    wall_titles,
)
from uitools import settle, shown
from workshop.methods.cocreate import clusters
from workshop.text import cells
from workshop.tui.widgets.cocreate.dialogs import ClusterPicker, NamePrompt
from workshop.tui.widgets.cocreate.model_view import StrategyModel


async def test_two_teams_brainstorm_in_turn_with_a_cap(cocreate_app):
    doc = brainstormed()
    doc.cocreate.cards.clear()
    doc.cocreate.cap_per_turn = 2
    app = cocreate_app(doc)
    first, second = doc.teams
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#entry-input", Input).has_focus
        await type_card(pilot, "每月拜访每家VIP客户一次")
        await type_card(pilot, "建立客户分级档案 [/oops] <b>&")
        # two cards: the cap hands the keyboard to the next team, in front of the room
        assert app.session.doc.room.turn.team_id == first.id
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.doc.room.turn.team_id == second.id
        await type_card(pilot, "举办技术交流会")
        await pilot.press("f4")  # the facilitator hands back before the cap
        await settle(pilot)
        await type_card(pilot, "参加两次行业展会")
        cards = app.session.doc.cocreate.cards
        assert [(c.text, c.team_id) for c in cards] == [
            ("每月拜访每家VIP客户一次", first.id), ("建立客户分级档案 [/oops] <b>&", first.id),
            ("举办技术交流会", second.id), ("参加两次行业展会", first.id)]
        assert squeeze("建立客户分级档案 [/oops] <b>&") in wall_cards(app)
        assert app.screen.query_one("#entry-input", Input).value == ""


async def test_hidden_cards_are_revealed_when_clustering_starts(cocreate_app):
    doc = brainstormed()
    doc.cocreate.cards.clear()
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")  # hidden until revealed
        await type_card(pilot, "保密的想法")
        assert app.session.doc.cocreate.cards[0].hidden
        assert not any("保密的想法" in line for line in board_lines(app))
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "cluster"
        assert not app.session.doc.cocreate.cards[0].hidden
        assert any("保密的想法" in line for line in board_lines(app))
        assert board_of(app).has_focus


async def test_the_facilitator_clusters_pairs_first(cocreate_app):
    doc = brainstormed()
    doc.cocreate.phase = "cluster"
    app = cocreate_app(doc)
    texts = [c.text for c in doc.cocreate.cards]
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        assert board.has_focus and board.selected.text == texts[0]
        await pilot.press("p")  # one card alone waits for its pair
        await settle(pilot)
        assert app.session.doc.cocreate.clusters == []
        await pilot.press("right", "p")  # the card beside it on the wall
        await settle(pilot)
        assert cluster_texts(app.session.doc) == [[texts[0], texts[1]]]

        await pilot.press("home", "right_square_bracket")  # carry card 2 into cluster 1
        await settle(pilot)
        assert cluster_texts(app.session.doc) == [[texts[0], texts[1], texts[2]]]
        assert board.selected.text == texts[2]  # the cursor goes with the card
        await pilot.press("u")  # and back out
        await settle(pilot)
        assert cluster_texts(app.session.doc) == [[texts[0], texts[1]]]

        await pilot.press("home", "space", "space", "m")  # two marked cards, moved together
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ClusterPicker)
        await pilot.press("1", "enter")
        await settle(pilot)
        assert cluster_texts(app.session.doc) == [[texts[0], texts[1], texts[2], texts[3]]]

        await pilot.press("home", "p", "right", "p")  # a second pair: cards 4 and 5
        await settle(pilot)
        assert cluster_texts(app.session.doc)[1] == [texts[4], texts[5]]

        await pilot.press("M")  # merge the pair (cursor is in it) into cluster 1
        await settle(pilot)
        assert isinstance(app.screen, ClusterPicker)
        await pilot.press("enter")
        await settle(pilot)
        assert cluster_texts(app.session.doc) == [texts[:6]]

        # split: mark two cards of the cluster, S takes them into a new cluster after it
        first_card = board.index_of(app.session.doc.cocreate.cards[4].id)
        board.cursor = first_card
        await pilot.press("space", "space", "s")
        await settle(pilot)
        assert cluster_texts(app.session.doc) == [texts[:4], texts[4:6]]

        await pilot.press("ctrl+z")  # undo the split
        await settle(pilot)
        assert cluster_texts(app.session.doc) == [texts[:6]]


async def test_a_click_on_a_cluster_title_moves_the_marked_cards(cocreate_app):
    doc = clustered(named=False)
    app = cocreate_app(doc)
    loose = [c.text for c in clusters.loose(doc.cocreate)]
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        await pilot.press("home", "space")
        await settle(pilot)
        assert "✔" in board_lines(app)[1]  # the mark shows on the card
        # cluster 3's title, in its column of the wall
        header, x = next((i, line.index(" 3. ")) for i, line in enumerate(board_lines(app))
                         if " 3. " in line)
        await pilot.click(board, offset=(cells(board_lines(app)[header][:x]) + 3, header))
        await settle(pilot)
        assert loose[0] in cluster_texts(app.session.doc)[2]  # placed in the order typed
        assert loose[0] not in [c.text for c in clusters.loose(app.session.doc.cocreate)]
        assert board.selected.text == loose[0]


async def test_naming_with_advice_then_the_next_unnamed_cluster(cocreate_app):
    doc = clustered(named=False)
    doc.cocreate.phase = "name"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        first = clusters.cards_of(doc.cocreate, doc.cocreate.clusters[0].id)[0]
        board.select(first.id)
        await pilot.press("enter")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, NamePrompt)
        field = prompt.query_one(Input)
        field.value = "客户管理"
        await settle(pilot)
        advice = str(prompt.query_one("#name-advice", Static).render())
        assert "像一个名词" in advice
        field.value = "建立VIP客户分级拜访制度"
        await settle(pilot)
        assert "好的中心词" in str(prompt.query_one("#name-advice", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.doc.cocreate.clusters[0].name == "建立VIP客户分级拜访制度"
        second = clusters.cards_of(app.session.doc.cocreate,
                                   app.session.doc.cocreate.clusters[1].id)[0]
        assert board.selected.id == second.id  # on to the next cluster without a name
        assert any(title.startswith("1.建立VIP客户分级拜访制度") for title in wall_titles(app))


async def test_the_room_votes_in_turn_and_the_model_shows_the_order(cocreate_app):
    doc = clustered()
    doc.cocreate.phase = "vote"
    doc.cocreate.dots = 2
    app = cocreate_app(doc)
    first, second = doc.teams
    visits, shows, training = (k.id for k in doc.cocreate.clusters)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)

        async def dot_on(cluster_id: str) -> None:
            board.select(clusters.cards_of(app.session.doc.cocreate, cluster_id)[0].id)
            await pilot.press("plus")
            await settle(pilot)

        await dot_on(training)
        # under the title, a dot per dot (the wall's tally)
        assert "3.提升销售团队的产品能力(2)●1" in wall_titles(app)
        await dot_on(training)
        # the first team's dots are used: the turn passes to the second team
        assert app.session.doc.room.turn.team_id == second.id
        await dot_on(shows)
        await dot_on(visits)
        await pilot.press("minus")  # take that one back
        await settle(pilot)
        await dot_on(shows)
        votes = {k.name: [v.team_id for v in k.votes] for k in app.session.doc.cocreate.clusters}
        assert votes == {"建立VIP客户分级拜访制度": [],
                         "办好技术交流会和行业展会": [second.id, second.id],
                         "提升销售团队的产品能力": [first.id, first.id]}
        await dot_on(visits)  # no dots left anywhere: refused, nothing changes
        assert not app.session.doc.cocreate.cluster(visits).votes
        assert "1.建立VIP客户分级拜访制度(3)0" in wall_titles(app)

        await pilot.press("ctrl+n")
        await settle(pilot)
        model = app.screen.query_one(StrategyModel)
        assert model.has_focus
        # tie on two dots: the cluster with more cards (展会, 3 cards) before 培训 (2)
        assert [p.name for p in model.pillars] == ["办好技术交流会和行业展会",
                                                   "提升销售团队的产品能力",
                                                   "建立VIP客户分级拜访制度"]
        drawn = str(model.render())
        assert drawn.index("办好技术交流") < drawn.index("提升销售团队") < drawn.index("建立VIP")
        await pilot.press("right", "a")  # the second pillar goes to the first team
        await settle(pilot)
        await pilot.press("enter")  # the first option: the first team
        await settle(pilot)
        assert app.session.doc.cocreate.cluster(training).team_id == first.id


async def test_per_member_dots_go_member_by_member(cocreate_app):
    doc = clustered(members=2)
    doc.cocreate.phase = "vote"
    doc.cocreate.dots = 1
    doc.cocreate.dots_per = "member"
    app = cocreate_app(doc)
    team = doc.teams[0]
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        board.select(clusters.cards_of(doc.cocreate, doc.cocreate.clusters[0].id)[0].id)
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        votes = app.session.doc.cocreate.clusters[0].votes
        assert [v.member_id for v in votes] == [m.id for m in team.members]
        assert app.session.doc.room.turn.team_id == doc.teams[1].id


async def test_a_refused_change_is_taken_back_from_the_board(cocreate_app):
    doc = clustered(named=False)
    doc.cocreate.phase = "vote"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        board = board_of(app)
        board.select(clusters.cards_of(doc.cocreate, doc.cocreate.clusters[0].id)[0].id)
        await pilot.press("plus")  # unnamed: the edit refuses it, and no dot ever shows
        await settle(pilot)
        assert not app.session.doc.cocreate.clusters[0].votes
        assert wall_titles(app)[0] == "1.（未命名）(3)0"


async def test_the_focus_question_is_drafted_and_edited(cocreate_app):
    doc = brainstormed()
    doc.cocreate.focus_question = ""
    doc.cocreate.phase = "focus"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        big = str(app.screen.query_one("#focus-question", Static).render())
        assert "为了实现700万元的销售额目标" in big and "草稿" in big
        await pilot.press("g")
        await settle(pilot)
        assert app.session.doc.cocreate.focus_question.startswith("为了实现700万元")
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one(Input)
        field.value = "怎样让VIP客户 [/oops] 多买一倍？"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.doc.cocreate.focus_question == "怎样让VIP客户 [/oops] 多买一倍？"
        assert "多买一倍" in str(app.screen.query_one("#focus-question", Static).render())
        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one(Input).value = "3"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.doc.cocreate.cap_per_turn == 3
        await pilot.press("ctrl+n")
        await settle(pilot)
        banner = str(app.screen.active_pane.query_one(".cocreate-question", Static).render())
        assert "多买一倍" in banner
        assert app.screen.query_one("#entry-input", Input).has_focus


async def test_keys_in_a_burst_keep_their_order(cocreate_app):
    """A terminal delivers what an input method commits in one burst, Enter right behind:
    the card is never split; and a move right after a cursor key acts on the card the
    cursor reached, not on the one it left."""
    from textual import events

    doc = brainstormed()
    doc.cocreate.cards.clear()
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for text in ("建立客户分级档案", "举办技术交流会"):
            for char in text:
                app.post_message(events.Key(char, char))
            app.post_message(events.Key("enter", "\r"))
            await settle(pilot, 4)
        assert [c.text for c in app.session.doc.cocreate.cards] == ["建立客户分级档案",
                                                                   "举办技术交流会"]

    doc = clustered(named=False)
    doc.cocreate.phase = "cluster"
    app = cocreate_app(doc)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = board_of(app)
        second = board.cards[1].text  # the second loose card
        for key, char in [("right", None), ("right_square_bracket", "]")]:  # the card beside
            app.post_message(events.Key(key, char))
        await settle(pilot, 6)
        moved = cluster_texts(app.session.doc)[0]
        assert second in moved and board.cards[0].text not in moved

        # pairs first, typed fast: P marks the card under the cursor, →, P pairs it
        first_two = {card.text for card in board.cards[:2]}
        for key, char in [("home", None), ("p", "p"), ("right", None), ("p", "p")]:
            app.post_message(events.Key(key, char))
        await settle(pilot, 6)
        assert set(cluster_texts(app.session.doc)[-1]) == first_two


async def test_the_tally_is_cut_to_the_panel_width_it_has_now(cocreate_app):
    """The tally's names are truncated to the side panel's width: when the terminal grows
    (or shrinks), the panel is drawn again at its new width, dots always showing."""
    app = cocreate_app(voted())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.active_pane.query_one(".cocreate-panel", Static)

        def tally_row(name_start: str) -> str:
            return next(line for line in shown(panel).splitlines() if name_start in line)

        assert tally_row("办好").rstrip().endswith("● 3")
        assert "办好技术交流会和行业展会" not in tally_row("办好")  # cut at 80 columns
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert "办好技术交流会和行业展会  ● 3" in tally_row("办好")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "办好技术交流会和行业展会" not in tally_row("办好")
        assert tally_row("办好").rstrip().endswith("● 3")


async def test_the_brainstorm_panel_counts_follow_cards_typed_undone_redone_revealed(
        cocreate_app, monkeypatch):
    """The side panel's cards per team and hidden cards, after each key, say what the
    document holds; a card typed, undone or redone is followed without counting every
    card again (a reveal, which changes cards in place, is counted again)."""
    from cocreate_pilot import panel_text
    from workshop.methods.cocreate import counts as card_counts

    doc = brainstormed()
    app = cocreate_app(doc)
    first, second = doc.teams

    def says() -> tuple[list[int], int]:
        text = panel_text(app)
        per_team = [int(line.split()[-1]) for line in text.splitlines()
                    if line.startswith("▌")]
        hidden = re.search(r"隐藏 (\d+) 张", text)
        return per_team, int(hidden.group(1)) if hidden else 0

    def holds() -> tuple[list[int], int]:
        cards = app.session.doc.cocreate.cards
        return ([sum(card.team_id == team.id for card in cards) for team in (first, second)],
                sum(card.hidden for card in cards))

    counted: list[int] = []
    count = card_counts.count
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert says() == holds() == ([5, 5], 0)
        monkeypatch.setattr(card_counts, "count", lambda cards: counted.append(1) or count(cards))
        await type_card(pilot, "每季度回访 [/oops] <b>&")
        assert says() == holds() == ([6, 5], 0)
        await pilot.press("f4")  # the second team at the keyboard
        await settle(pilot)
        await type_card(pilot, "举办客户答谢会 🎉")
        assert says() == holds() == ([6, 6], 0)
        await pilot.press("ctrl+o")  # cards typed from now on are hidden
        await settle(pilot)
        await type_card(pilot, "保密的想法")
        assert says() == holds() == ([6, 7], 1)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert says() == holds() == ([6, 6], 0)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert says() == holds() == ([6, 7], 1)
        assert counted == []  # each followed from the change, not counted again
        await pilot.press("ctrl+r")  # revealed: the cards change in place
        await settle(pilot)
        assert says() == holds() == ([6, 7], 0)
        assert counted == [1]
