"""The gaps step by keys, as the facilitator drives it: a gap storm classified and scored,
duplicates merged, key gaps confirmed with dots, PEST, SWOT and TOWS typed in turn — and
the document and the screen checked after the keystrokes. (The fishbone and the 5 Whys
have files of their own.)"""

from __future__ import annotations

import pytest
from gaps_pilot import (
    choices,
    choose,
    entry,
    entry_label,
    gaps_app,
    go_to_view,
    paste,
    shown_view,
    type_entry,
)

from gaps_factory import full_gaps
from uitools import record_notices, rendered_lines
from workshop.methods.gaps import ranking
from workshop.text import cells
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.pane_tabs import PaneTabs

__all__ = ["gaps_app"]  # the fixture, imported for the tests below


def board(app, name: str) -> CardBoard:
    return app.screen.query_one(f"#{name}", CardBoard)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


# -- the storm -----------------------------------------------------------------------------

async def test_gap_storm_classified_and_scored_at_typing_speed(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(120, 30)) as pilot:
        for text in ("两家 VIP 客户流失", "新品推迟上市", "拜访没有标准"):
            await type_entry(pilot, text)
        cards = app.session.doc.gaps.cards
        assert [c.text for c in cards] == ["两家 VIP 客户流失", "新品推迟上市", "拜访没有标准"]
        assert all(c.team_id == app.session.doc.teams[0].id for c in cards)
        await pilot.press("tab", "home")
        await pilot.press("o", "down", "p", "home")  # classify: the cursor stays put
        # the digits score cost, the one lit, down the column: the cursor moves on
        assert "给「成本」打分" in text_of(app, "#storm-hint")
        await pilot.press("4", "3")
        assert "给「成本」打分" in text_of(app, "#storm-hint")  # still cost: it never flips
        await pilot.press("s", "home", "5", "3")  # strategic impact, from the top
        await pilot.press("s", "up", "2")  # urgency, on the second card
        await pilot.press("up")
        await pilot.pause()
        a, b, c = app.session.doc.gaps.cards
        assert (a.kind, a.cost, a.strategic, a.urgency) == ("opportunity", 4, 5, None)
        assert (b.kind, b.cost, b.strategic, b.urgency) == ("performance", 3, 3, 2)
        assert (c.kind, c.cost, c.strategic) == (None, None, None)
        text = rendered_lines(board(app, "storm-board"))
        assert "机会 · 4×5=20" in text and "业绩 · 3×3=9 · 急2" in text
        detail = text_of(app, "#storm-detail")
        assert "紧迫：2 ◀ 数字键给它打分" in detail and "成本：3\n" in detail
        await pilot.press("0")  # clears urgency, and stays on the card
        await pilot.pause()
        assert app.session.doc.gaps.cards[1].urgency is None
        assert "紧迫：— ◀" in text_of(app, "#storm-detail")


async def test_classify_keys_set_the_kind_and_a_second_press_never_clears_it(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(120, 30)) as pilot:
        notices = record_notices(app)
        await pilot.press("tab", "home")
        first = app.session.doc.gaps.cards[0]
        assert first.kind == "performance"
        await pilot.press("p")  # on a performance gap: it stays one (it used to clear)
        await pilot.pause()
        assert app.session.doc.gaps.cards[0].kind == "performance"
        assert any("已经是业绩差距" in notice for notice in notices)
        await pilot.press("o", "o")
        await pilot.pause()
        assert app.session.doc.gaps.cards[0].kind == "opportunity"
        await pilot.press("ctrl+z")  # one change to undo: the second o changed nothing
        await pilot.pause()
        assert app.session.doc.gaps.cards[0].kind == "performance"
        assert "业绩 · 5×5=25" in rendered_lines(board(app, "storm-board"))


async def test_merging_duplicates_keeps_both_texts_and_authors(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_entry(pilot, "拜访频次太低")
        await pilot.press("f4")  # the next team types the duplicate
        await type_entry(pilot, "客户拜访不够")
        await pilot.press("tab", "end", "m")  # merge this one…
        await pilot.press("up", "m")  # …into the one above
        await pilot.pause()
        doc = app.session.doc
        (merged,) = doc.gaps.cards
        assert merged.text == "拜访频次太低" and merged.merged_texts == ["客户拜访不够"]
        assert ranking.authors(doc, merged) == [doc.teams[0].name, doc.teams[1].name]
        assert "＋ 客户拜访不够" in rendered_lines(board(app, "storm-board"))


async def test_escape_cancels_a_merge_then_goes_back_to_typing(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_entry(pilot, "a")
        await type_entry(pilot, "b")
        await pilot.press("tab", "m")
        await pilot.pause()
        assert rendered_lines(board(app, "storm-board")).count("⇢合并中") == 1
        await pilot.press("escape")  # the merge is off; the focus stays on the board
        await pilot.pause()
        assert "⇢合并中" not in rendered_lines(board(app, "storm-board"))
        assert app.focused is board(app, "storm-board")
        await pilot.press("down", "m")  # starts a new merge, merges nothing
        await pilot.pause()
        assert len(app.session.doc.gaps.cards) == 2
        lines = [line for line in rendered_lines(board(app, "storm-board")).splitlines()
                 if "⇢合并中" in line]
        assert len(lines) == 1
        await pilot.press("escape", "escape")  # off, then back to typing
        assert app.focused is entry(app)


async def test_delete_takes_the_gaps_fishbone_and_chains_and_undo_brings_them_back(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(120, 30)) as pilot:
        notices = record_notices(app)
        key_gap = ranking.key_gaps(app.session.doc)[0].card
        await pilot.press("tab", "home")
        assert board(app, "storm-board").selected.id == key_gap.id
        await pilot.press("delete")
        await pilot.pause()
        doc = app.session.doc
        assert key_gap.id not in {c.id for c in doc.gaps.cards}
        assert ranking.fishbone_of(doc, key_gap.id) is None
        assert any("连同它的鱼骨图和五问链" in notice for notice in notices)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ranking.fishbone_of(app.session.doc, key_gap.id) is not None


async def test_f_and_w_open_the_selected_gaps_fishbone_and_5_whys(gaps_app):
    def prepare(doc):
        full_gaps(doc, causes=1, subs=0)

    app = gaps_app(prepare)
    async with app.run_test(size=(120, 30)) as pilot:
        fifth = app.session.doc.gaps.cards[4]  # not a key gap: no fishbone yet
        assert ranking.fishbone_of(app.session.doc, fifth.id) is None
        await pilot.press("tab", "home", *["down"] * 4, "f")
        await pilot.pause()
        assert shown_view(app) == "fishbone"
        assert ranking.fishbone_of(app.session.doc, fifth.id) is not None
        assert fifth.text in text_of(app, "#fish-title")
        await pilot.press("ctrl+l", "ctrl+l")  # back to the storm, the cursor where it was
        await pilot.pause()
        await pilot.press("tab", "w")
        await pilot.pause()
        assert shown_view(app) == "whys"
        chain = app.session.doc.gaps.whys[-1]
        assert chain.gap_id == fifth.id and chain.links == []
        assert app.focused is entry(app)  # a new chain: the first answer is typed next
        assert "为什么 1？" in entry_label(app)


# -- key gaps ------------------------------------------------------------------------------

def scored(doc):
    from gaps_factory import add_gaps, score_gaps

    score_gaps(doc, add_gaps(doc))


async def test_confirm_the_suggested_key_gaps_and_dot_vote(gaps_app):
    app = gaps_app(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "key")
        assert app.focused is board(app, "key-board")
        await pilot.press("minus")  # two key gaps, not three
        await pilot.press("c")
        await pilot.pause()
        doc = app.session.doc
        assert doc.gaps.key_count == 2
        keys = [c.text for c in doc.gaps.cards if c.key]
        assert keys == ["两家 VIP 客户流失，原因没有复盘", "新品推迟上市三个月"]
        assert len(doc.gaps.fishbones) == 2  # each key gap has its fishbone
        await pilot.press("end", "v", "v")
        await pilot.pause()
        team = doc.teams[0].id
        assert ranking.dots_used(app.session.doc, team) == 2
        await pilot.press("u")
        assert ranking.dots_used(app.session.doc, team) == 1
        await pilot.press("t")  # rank by dots now
        await pilot.pause()
        assert app.session.doc.gaps.ranking == "votes"
        text = rendered_lines(board(app, "key-board"))
        assert "关键差距 · 目标 2 个 (2)" in text and "●1" in text
        await pilot.press("plus")
        await pilot.pause()
        assert app.session.doc.gaps.key_count == 3
        assert "按投票排序" in text_of(app, "#key-hint")


async def test_k_marks_a_key_gap_on_the_ranking(gaps_app):
    app = gaps_app(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "key")
        last = ranking.ranking(app.session.doc)[-1].card
        await pilot.press("end", "k")
        await pilot.pause()
        (key,) = [c for c in app.session.doc.gaps.cards if c.key]
        assert key.id == last.id
        assert "★关键" in rendered_lines(board(app, "key-board"))
        assert board(app, "key-board").selected.id == key.id  # the cursor went with it


# -- typed text never vanishes -------------------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_text_typed_in_any_view_lands_where_the_entry_says(gaps_app, size):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=size) as pilot:
        landed = {}
        for view in ("storm", "key", "fishbone", "whys", "pest", "swot", "tows"):
            await go_to_view(pilot, view)
            label = entry_label(app)
            await type_entry(pilot, f"{view} [/oops] 卡")
            assert entry(app).value == "", view  # taken
            landed[view] = label
        doc = app.session.doc
        gaps = [c.text for c in doc.gaps.cards]
        assert "storm [/oops] 卡" in gaps and "key [/oops] 卡" in gaps
        assert "→ 差距卡片" in landed["storm"] and "→ 差距卡片" in landed["key"]
        first_bone = doc.gaps.fishbones[0].bones[0]
        assert "fishbone [/oops] 卡" in [c.text for c in first_bone.causes]
        assert f"鱼骨·{first_bone.label}" in landed["fishbone"]
        assert "为什么" in landed["whys"]
        assert any("whys [/oops] 卡" in [w.text for w in c.links] for c in doc.gaps.whys)
        assert [c.text for c in doc.cards("gaps", "pest.P")][-1] == "pest [/oops] 卡"
        assert [c.text for c in doc.cards("gaps", "swot.S")][-1] == "swot [/oops] 卡"
        assert [c.text for c in doc.cards("gaps", "swot.SO")][-1] == "tows [/oops] 卡"
        assert "政治 P" in landed["pest"] and "SO 增长型" in landed["tows"]


async def test_a_cause_typed_with_no_fishbone_stays_in_the_entry_and_says_why(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app)
        await go_to_view(pilot, "fishbone")
        await type_entry(pilot, "没有鱼骨图时输入的原因")
        assert entry(app).value == "没有鱼骨图时输入的原因"  # kept, not lost
        assert any("还没有关键差距" in notice for notice in notices)
        assert app.session.doc.gaps.fishbones == []


# -- PEST, SWOT, TOWS ----------------------------------------------------------------------

async def test_pest_swot_and_tows_cards_go_to_their_lists(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "pest")
        await type_entry(pilot, "环保政策趋严")
        await pilot.press("ctrl+b")
        await type_entry(pilot, "经济增速放缓")
        await go_to_view(pilot, "swot")
        await type_entry(pilot, "品牌认知度高")
        await go_to_view(pilot, "tows")
        await type_entry(pilot, "借品牌优势开拓县域")
        doc = app.session.doc
        assert [(c.board, c.text) for c in doc.gaps.pest] == [("pest.P", "环保政策趋严"),
                                                               ("pest.E", "经济增速放缓")]
        assert [(c.board, c.text) for c in doc.gaps.swot] == [("swot.S", "品牌认知度高"),
                                                               ("swot.SO", "借品牌优势开拓县域")]
        tows = ranking.focus_inputs(doc).tows
        assert [(i.board, i.text) for i in tows] == [("SO", "借品牌优势开拓县域")]


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_ctrl_b_moves_where_typing_goes_and_the_focus_stays_in_the_entry(gaps_app, size):
    app = gaps_app()
    async with app.run_test(size=size) as pilot:
        await go_to_view(pilot, "swot")
        assert app.focused is entry(app) and "→ 优势 S" in entry_label(app)
        await pilot.press("ctrl+b", "ctrl+b")  # S → W → O
        await pilot.pause()
        assert app.focused is entry(app)
        assert "→ 机会 O" in entry_label(app)
        lit = [b.id for b in app.screen.query("#pane-swot ListBoard") if b.has_class("-target")]
        assert lit == ["swot-O"]
        assert "机会 O" in rendered_lines(board(app, "swot-O")).splitlines()[0]
        await paste(pilot, "县域市场空白")  # typed where the focus is: in the entry
        await pilot.press("enter")
        await pilot.pause()
        assert [(c.board, c.text) for c in app.session.doc.gaps.swot] == [
            ("swot.O", "县域市场空白")]
        assert "县域市场空白" in rendered_lines(board(app, "swot-O"))
        await pilot.press("ctrl+b", "ctrl+b")  # O → T → back to S
        await pilot.pause()
        assert "→ 优势 S" in entry_label(app) and app.focused is entry(app)


async def test_on_a_list_ctrl_b_takes_the_focus_along_and_escape_types_there(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await go_to_view(pilot, "tows")
        assert "→ SO 增长型" in entry_label(app)
        board(app, "tows-W").focus()  # a click on the weaknesses list
        await pilot.pause()
        assert "→ 劣势 W" in entry_label(app)
        await pilot.press("ctrl+b")  # the list after W, in TOWS order: O
        await pilot.pause()
        assert app.focused is board(app, "tows-O") and "→ 机会 O" in entry_label(app)
        await pilot.press("escape")
        await type_entry(pilot, "县域市场空白")
        assert [(c.board, c.text) for c in app.session.doc.gaps.swot] == [
            ("swot.O", "县域市场空白")]


async def test_a_card_on_the_wrong_quadrant_moves_with_m(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app)
        await go_to_view(pilot, "swot")
        await type_entry(pilot, "竞品降价 10%")  # meant for threats, typed into strengths
        board(app, "swot-S").focus()
        await pilot.press("m")
        labels = choices(app)
        assert labels[:3] == ["劣势 W", "机会 O", "威胁 T"]  # this view's lists first
        assert "政治 P" in labels and "优势 S" not in labels
        await choose(pilot, "威胁 T")
        doc = app.session.doc
        assert [(c.board, c.text) for c in doc.gaps.swot] == [("swot.T", "竞品降价 10%")]
        assert "竞品降价 10%" in rendered_lines(board(app, "swot-T"))
        assert "竞品降价" not in rendered_lines(board(app, "swot-S"))
        assert any("已移到「威胁 T」" in notice for notice in notices)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c.board for c in app.session.doc.gaps.swot] == ["swot.S"]


async def test_tab_onto_a_list_selects_its_first_card_so_m_works_at_once(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(120, 36)) as pilot:
        await go_to_view(pilot, "swot")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is board(app, "swot-S")
        await pilot.press("m")
        await choose(pilot, "劣势 W")
        assert [c.text for c in app.session.doc.cards("gaps", "swot.W")][-1] == "品牌在山东认知度高"


async def test_m_with_no_card_says_so(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        notices = record_notices(app)
        await go_to_view(pilot, "pest")
        board(app, "pest-E").focus()
        await pilot.press("m")
        await pilot.pause()
        assert not choices_open(app)
        assert any("先选一张卡片" in notice for notice in notices)


def choices_open(app) -> bool:
    from workshop.tui.screens.dialogs import Choice

    return isinstance(app.screen, Choice)


# -- the views ------------------------------------------------------------------------------

async def test_hidden_gap_cards_until_revealed(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        await type_entry(pilot, "秘密的差距")
        assert app.session.doc.gaps.cards[0].hidden
        storm = board(app, "storm-board")
        assert "秘密的差距" not in rendered_lines(storm) and "▒▒" in rendered_lines(storm)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not app.session.doc.gaps.cards[0].hidden
        assert "秘密的差距" in rendered_lines(storm)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_every_view_is_usable_at_the_rooms_sizes(gaps_app, size):
    app = gaps_app(lambda doc: full_gaps(doc, causes=5, subs=1))
    async with app.run_test(size=size) as pilot:
        seen = []
        for _ in range(7):
            view = shown_view(app)
            seen.append(view)
            body = app.screen.query_one(f"#pane-{view}")
            assert body.region.height >= 10 and body.region.width == size[0]
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert seen == ["storm", "key", "fishbone", "whys", "pest", "swot", "tows"]
        assert shown_view(app) == "storm"
        await pilot.press("ctrl+l")
        assert shown_view(app) == "tows"
        tabs = app.screen.query_one(PaneTabs).render().plain
        for label in ("卡片风暴", "关键差距", "鱼骨图", "五个为什么", "PEST", "SWOT", "TOWS 交叉"):
            assert label in tabs  # whole, even at 80 columns: the keys hint is cut first
        assert "Ctrl+B" in tabs


async def test_a_click_on_a_tab_shows_its_view(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(160, 30)) as pilot:
        line = app.screen.query_one(PaneTabs).render().plain
        await pilot.click(PaneTabs, offset=(cells(line[:line.index("鱼骨图")]) + 1, 0))
        await pilot.pause()
        assert shown_view(app) == "fishbone"


async def test_projector_spotlight_follows_the_fishbone_cursor(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=2, subs=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")  # projector mode
        await go_to_view(pilot, "fishbone")
        await pilot.press("down")
        await pilot.pause()
        cause = app.session.doc.gaps.fishbones[0].bones[0].causes[0]
        spot = text_of(app, "#spotlight")
        assert cause.text in spot and "客户" in spot


async def test_language_switch_keeps_the_view_and_the_fishbone_shown(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "fishbone")
        await pilot.press("pagedown")  # the second key gap's fishbone
        await pilot.pause()
        assert "鱼骨图 2/3" in text_of(app, "#fish-title")
        await app.set_language("en")
        await pilot.pause()
        assert shown_view(app) == "fishbone"
        assert "Fishbone 2/3" in text_of(app, "#fish-title")
