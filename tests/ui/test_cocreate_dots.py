"""Dot voting at the speed of a room (issue 14): paper dots counted off the wall and typed
per cluster, checked against the whole room's dots; members at the keyboard with one key
a dot and the next member at once, named large; the tally large on the wall."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from cocreate_factory import room, voted
from cocreate_pilot import board_of, wall_titles
from uitools import record_notices, settle, shown
from workshop.export.markdown import render as render_markdown
from workshop.report import build_report
from workshop.tui.widgets.cocreate.dot_count import DotCount

SIZES = [(80, 24), (200, 60)]
WORDS = {
    "zh": {"over": "超出全场的票数", "budget": "全场 45 人 × 每人 5 票 = 225 票",
           "counted": "墙上数出 20", "voter": "投票"},
    "en": {"over": "more than the room has", "budget": "The room: 45 people × 5 dots = 225",
           "counted": "counted off the wall 20", "voter": "votes"},
}


def vote_room(lang: str = "zh"):
    """The room's 66 cards in 11 named clusters, voting 5 dots per member (45 people)."""
    doc = room(named=True)
    doc.cocreate.phase = "vote"
    doc.cocreate.dots = 5
    doc.cocreate.dots_per = "member"
    doc.room.language = lang  # type: ignore[assignment]
    return doc


async def type_count(pilot, number: str) -> None:
    await pilot.press(*number, "enter")


def budget_line(app) -> str:
    return shown(app.screen.query_one("#dot-budget", Static))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_paper_dots_are_typed_per_cluster_against_the_rooms_budget(cocreate_app, size,
                                                                          lang):
    words = WORDS[lang]
    app = cocreate_app(vote_room(lang))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("c")  # count the wall
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DotCount)
        assert words["budget"] in budget_line(app)
        for _ in range(10):
            await type_count(pilot, "20")
        await type_count(pilot, "30")  # 230: five more than the room has
        await settle(pilot)
        assert app.screen is dialog  # not saved
        assert words["over"] in budget_line(app)
        assert sum(k.counted for k in app.session.doc.cocreate.clusters) == 0
        last = dialog.query(Input).last()
        last.value = "25"
        await pilot.press("f10")
        await settle(pilot)
        assert not isinstance(app.screen, DotCount)
        clusters = app.session.doc.cocreate.clusters
        assert [k.counted for k in clusters] == [20] * 10 + [25]
        assert [k.votes for k in clusters] == [[]] * 11  # no voter's: the room's
        assert any(title.startswith("1.策略1(6)") and title.endswith("20")
                   for title in wall_titles(app))  # the wall shows the count
        report = render_markdown(build_report(app.session.doc, lang=lang))
        assert words["counted"] in report  # recorded as such, in the report
        await pilot.press("ctrl+z")  # and undoable
        await settle(pilot)
        assert sum(k.counted for k in app.session.doc.cocreate.clusters) == 0


@pytest.mark.parametrize("size", SIZES)
async def test_esc_with_numbers_typed_asks_once_more(cocreate_app, size):
    app = cocreate_app(vote_room())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await type_count(pilot, "12")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DotCount)  # the 12 is not thrown away at once
        assert "再按一次 Esc" in budget_line(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DotCount)
        assert app.session.doc.cocreate.clusters[0].counted == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_one_key_a_dot_and_the_next_member_votes_at_once(cocreate_app, size, lang):
    doc = vote_room(lang)
    tigers, eagles = doc.teams[0], doc.teams[1]
    third = doc.cocreate.clusters[2].id
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f9")  # the room watches on the projector
        await settle(pilot)
        banner = app.screen.active_pane.query_one(".vote-voter", Static)
        assert banner.size.height == 3  # who votes, large
        assert tigers.members[0].name in shown(banner) and WORDS[lang]["voter"] in shown(banner)
        await pilot.press("3", "3", "3", "3", "3")  # five keys, five dots on cluster 3
        await settle(pilot)
        assert tigers.members[1].name in shown(banner)  # the next member, no menu
        keys = 5
        for _ in range(len(tigers.members) - 1):
            await pilot.press("3", "3", "3", "3", "3")
            keys += 5
        await settle(pilot)
        votes = app.session.doc.cocreate.cluster(third).votes
        assert len(votes) == keys == 30  # one key a dot: the whole team in 30 keys
        assert [v.member_id for v in votes[::5]] == [m.id for m in tigers.members]
        assert app.session.doc.room.turn.team_id == eagles.id  # the next team, at once
        assert eagles.members[0].name in shown(banner)
        # the running tally, large on the wall: the side panel is hidden in projector mode
        assert not app.screen.active_pane.query_one(".cocreate-side").display
        assert any(title.startswith("3.策略3") and title.endswith("30")
                   for title in wall_titles(app))


@pytest.mark.parametrize("size", SIZES)
async def test_a_number_with_no_cluster_places_nothing(cocreate_app, size):
    doc = voted()  # three clusters
    doc.cocreate.dots = 5
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        notices = record_notices(app)
        before = [len(k.votes) for k in app.session.doc.cocreate.clusters]
        await pilot.press("5")
        await settle(pilot)
        assert [len(k.votes) for k in app.session.doc.cocreate.clusters] == before
        assert "没有第 5 类" in notices
        await pilot.press("2")  # cluster 2 is there
        await settle(pilot)
        assert len(app.session.doc.cocreate.clusters[1].votes) == before[1] + 1
        assert board_of(app).has_focus
