"""The gaps step by keys, as the facilitator drives it: a gap storm classified and scored,
duplicates merged, key gaps confirmed with dots, a fishbone and a 5-Why chain built, PEST,
SWOT and TOWS typed in turn — and the document checked after the keystrokes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from gaps_factory import full_gaps
from uitools import rendered_lines
from workshop.methods.gaps import ranking
from workshop.scenario import load_scenario
from workshop.store import Session
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.screens.gaps import GapsScreen
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.gaps.fishbone import FishboneView
from workshop.tui.widgets.gaps.why_ladder import WhyLadder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def gaps_app(tmp_path):
    """An app on the Shandong scenario at the gaps step; `prepare(doc)` fills it first."""
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(prepare=None):
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = "gaps"
        if prepare is not None:
            prepare(doc)
        path = tmp_path / "gaps.workshop.json"
        Session.create(doc, path, overwrite=True).close()
        session = Session.open(path)
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


def screen(app) -> GapsScreen:
    assert isinstance(app.screen, GapsScreen)
    return app.screen


async def type_entry(pilot, text: str) -> None:
    entry = pilot.app.screen.query_one("#entry-input", Input)
    entry.focus()
    entry.value = text
    await pilot.press("enter")
    await pilot.pause()


async def answer_prompt(pilot, text: str) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextPrompt)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def go_to_view(pilot, view: str) -> None:
    for _ in range(8):
        if screen(pilot.app).view == view:
            return
        await pilot.press("ctrl+n")
        await pilot.pause()
    raise AssertionError(f"no view {view}")


# -- the storm -----------------------------------------------------------------------------

async def test_gap_storm_classified_and_scored_at_typing_speed(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for text in ("两家 VIP 客户流失", "新品推迟上市", "拜访没有标准"):
            await type_entry(pilot, text)
        cards = app.session.doc.gaps.cards
        assert [c.text for c in cards] == ["两家 VIP 客户流失", "新品推迟上市", "拜访没有标准"]
        assert all(c.team_id == app.session.doc.teams[0].id for c in cards)
        await pilot.press("tab", "home")
        # o: opportunity, 4: cost, 5: strategic — and the cursor moves on by itself
        await pilot.press("o", "4", "5", "p", "3", "3")
        await pilot.press("s", "s", "up", "2")  # urgency, on the second card
        await pilot.pause()
        a, b, c = app.session.doc.gaps.cards
        assert (a.kind, a.cost, a.strategic, a.urgency) == ("opportunity", 4, 5, None)
        assert (b.kind, b.cost, b.strategic, b.urgency) == ("performance", 3, 3, 2)
        assert (c.kind, c.cost) == (None, None)
        board = screen(app).query_one("#storm-board", CardBoard)
        text = rendered_lines(board)
        assert "机会 · 4×5=20" in text and "业绩 · 3×3=9 · 急2" in text
        await pilot.press("o", "o")  # o twice: classified, then cleared again
        assert app.session.doc.gaps.cards[2].kind is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.doc.gaps.cards[2].kind == "opportunity"


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
        assert "＋ 客户拜访不够" in rendered_lines(screen(app).query_one("#storm-board", CardBoard))


async def test_escape_cancels_a_merge(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_entry(pilot, "a")
        await type_entry(pilot, "b")
        await pilot.press("tab", "m", "escape", "down", "m")
        await pilot.pause()
        assert len(app.session.doc.gaps.cards) == 2
        assert screen(app).merge_source == app.session.doc.gaps.cards[1].id


# -- key gaps ------------------------------------------------------------------------------

def scored(doc):
    from gaps_factory import add_gaps, score_gaps

    score_gaps(doc, add_gaps(doc))


async def test_confirm_the_suggested_key_gaps_and_dot_vote(gaps_app):
    app = gaps_app(scored)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "key")
        assert screen(app).focused is screen(app).query_one("#key-board")
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
        text = rendered_lines(screen(app).query_one("#key-board", CardBoard))
        assert "关键差距 · 目标 2 个 (2)" in text and "●1" in text


# -- fishbone ------------------------------------------------------------------------------

def fishbone_causes(doc):
    fish = doc.gaps.fishbones[0]
    return {bone.label: [(c.text, [s.text for s in c.children], c.root) for c in bone.causes]
            for bone in fish.bones}


async def test_build_a_fishbone_by_keys(gaps_app):
    def prepare(doc):
        scored(doc)
        doc.gaps.key_count = 1

    app = gaps_app(prepare)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "key")
        await pilot.press("c")
        await go_to_view(pilot, "fishbone")
        canvas = screen(app).query_one(FishboneView)
        assert screen(app).focused is canvas
        assert canvas.selected is not None and canvas.selected[0] == "bone"
        # a: a cause on the selected bone (the first: 客户)
        await pilot.press("a")
        await answer_prompt(pilot, "客户经理跟进不及时")
        # s: a sub-cause under it
        await pilot.press("s")
        await answer_prompt(pilot, "新人多，不熟悉客户")
        # r: the cause above is a root cause
        await pilot.press("up", "r")
        # → the next bone; typing in the entry adds a cause there
        await pilot.press("right")
        await pilot.pause()
        await type_entry(pilot, "新品资料过时 [/oops] <b>&")
        doc = app.session.doc
        assert fishbone_causes(doc)["客户"] == [
            ("客户经理跟进不及时", ["新人多，不熟悉客户"], True)]
        assert fishbone_causes(doc)["产品"] == [("新品资料过时 [/oops] <b>&", [], False)]
        # m: move the cause to another bone, chosen from a list
        await pilot.press("tab")
        assert screen(app).focused is canvas
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        await pilot.press(*["down"] * labels.index("渠道"), "enter")
        await pilot.pause()
        causes = fishbone_causes(app.session.doc)
        assert causes["产品"] == [] and causes["渠道"][0][0] == "新品资料过时 [/oops] <b>&"
        # the drawing shows it literally
        assert "新品资料过时" in rendered_lines(canvas)
        # Delete removes the selected cause; Ctrl+Z brings it back
        await pilot.press("delete")
        await pilot.pause()
        assert fishbone_causes(app.session.doc)["渠道"] == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert fishbone_causes(app.session.doc)["渠道"][0][0] == "新品资料过时 [/oops] <b>&"
        # Enter edits the selected cause
        canvas.select(("cause", app.session.doc.gaps.fishbones[0].bones[2].causes[0].id))
        await pilot.press("enter")
        await answer_prompt(pilot, "新品培训资料过时")
        assert fishbone_causes(app.session.doc)["渠道"][0][0] == "新品培训资料过时"
        detail = str(screen(app).query_one("#fish-detail").render())
        assert "新品培训资料过时" in detail


async def test_sub_cause_keys_and_shift_arrows_rearrange(gaps_app):
    def prepare(doc):
        full_gaps(doc, causes=2, subs=0)

    app = gaps_app(prepare)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "fishbone")
        canvas = screen(app).query_one(FishboneView)
        first, second = app.session.doc.gaps.fishbones[0].bones[0].causes
        canvas.select(("cause", second.id))
        await pilot.press("ctrl+right")  # under the cause above
        await pilot.pause()
        bone = app.session.doc.gaps.fishbones[0].bones[0]
        assert [c.id for c in bone.causes] == [first.id]
        assert [c.id for c in bone.causes[0].children] == [second.id]
        await pilot.press("ctrl+left")  # back up a level
        await pilot.press("shift+up")  # and above its old parent
        await pilot.pause()
        bone = app.session.doc.gaps.fishbones[0].bones[0]
        assert [c.id for c in bone.causes] == [second.id, first.id]
        await pilot.press("shift+right")  # onto the bone to the right
        await pilot.pause()
        fish = app.session.doc.gaps.fishbones[0]
        assert fish.bones[1].causes[-1].id == second.id
        assert canvas.selected == ("cause", second.id)


# -- 5-Why ---------------------------------------------------------------------------------

async def test_a_five_why_chain_by_keys_asks_for_a_reason_when_it_stops_early(gaps_app):
    def prepare(doc):
        full_gaps(doc, causes=1, subs=0)
        doc.gaps.whys.clear()

    app = gaps_app(prepare)
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "fishbone")
        canvas = screen(app).query_one(FishboneView)
        cause = app.session.doc.gaps.fishbones[0].bones[0].causes[0]
        canvas.select(("cause", cause.id))
        await pilot.press("w")  # 5 Whys from this cause
        await pilot.pause()
        assert screen(app).view == "whys"
        (chain,) = app.session.doc.gaps.whys
        assert chain.cause_id == cause.id and chain.problem == cause.text
        await type_entry(pilot, "没有客户拜访计划")
        await type_entry(pilot, "拜访计划没有纳入考核")
        ladder = screen(app).query_one(WhyLadder)
        ladder.focus()
        await pilot.press("end", "r")  # root at the second why: a reason is asked for
        await answer_prompt(pilot, "")
        assert app.session.doc.gaps.whys[0].root_index is None  # refused without one
        await pilot.press("r")
        await answer_prompt(pilot, "考核制度由总部决定")
        chain = app.session.doc.gaps.whys[0]
        assert chain.root_index == 1 and chain.stop_reason == "考核制度由总部决定"
        assert "停在这里的原因：考核制度由总部决定" in rendered_lines(ladder)
        await pilot.press("a")
        await answer_prompt(pilot, "考核只看月度销售额")
        await pilot.press("end", "r")  # the third why: no reason needed
        await pilot.pause()
        chain = app.session.doc.gaps.whys[0]
        assert [link.text for link in chain.links] == ["没有客户拜访计划", "拜访计划没有纳入考核",
                                                       "考核只看月度销售额"]
        assert chain.root_index == 2
        text = rendered_lines(ladder)
        assert "深度 ●●●○○ 3 / 5" in text and "根本原因：第 3 问" in text
        # the root reaches step 4
        roots = [r.text for r in ranking.focus_inputs(app.session.doc).root_causes]
        assert "考核只看月度销售额" in roots


async def test_a_new_chain_from_a_typed_problem(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "whys")
        assert "还没有五问链" in rendered_lines(screen(app).query_one(WhyLadder))
        await type_entry(pilot, "会议太多")
        await type_entry(pilot, "没人敢拒绝")
        (chain,) = app.session.doc.gaps.whys
        assert chain.problem == "会议太多" and [w.text for w in chain.links] == ["没人敢拒绝"]


# -- PEST, SWOT, TOWS, hidden cards --------------------------------------------------------

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


async def test_hidden_gap_cards_until_revealed(gaps_app):
    app = gaps_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        await type_entry(pilot, "秘密的差距")
        assert app.session.doc.gaps.cards[0].hidden
        board = screen(app).query_one("#storm-board", CardBoard)
        assert "秘密的差距" not in rendered_lines(board) and "▒▒" in rendered_lines(board)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not app.session.doc.gaps.cards[0].hidden
        assert "秘密的差距" in rendered_lines(board)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_every_view_is_usable_at_the_rooms_sizes(gaps_app, size):
    app = gaps_app(lambda doc: full_gaps(doc, causes=5, subs=1))
    async with app.run_test(size=size) as pilot:
        seen = []
        for _ in range(7):
            view = screen(app).view
            seen.append(view)
            body = screen(app).query_one(f"#view-{view}")
            assert body.region.height >= 10 and body.region.width == size[0]
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert seen == ["storm", "key", "fishbone", "whys", "pest", "swot", "tows"]
        assert screen(app).view == "storm"
        await pilot.press("ctrl+l")
        assert screen(app).view == "tows"


async def test_projector_spotlight_follows_the_fishbone_cursor(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=2, subs=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")  # projector mode
        await go_to_view(pilot, "fishbone")
        await pilot.press("down")
        await pilot.pause()
        cause = app.session.doc.gaps.fishbones[0].bones[0].causes[0]
        spot = str(screen(app).query_one("#spotlight").render())
        assert cause.text in spot and "客户" in spot


async def test_language_switch_keeps_the_view(gaps_app):
    app = gaps_app(lambda doc: full_gaps(doc, causes=1, subs=0))
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_view(pilot, "fishbone")
        await app.set_language("en")
        await pilot.pause()
        assert screen(app).view == "fishbone"
        assert screen(app).query_one("#gaps-switcher").current == "view-fishbone"
        assert "Fishbone 1/3" in str(screen(app).query_one("#fish-title").render())
