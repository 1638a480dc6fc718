"""The turn at one keyboard (issue 14): a card belongs to the team shown in the entry when
it was typed, and the turn moves only when the team at the keyboard can see it move."""

from __future__ import annotations

import pytest
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cocreate_factory import room
from cocreate_pilot import type_card
from uitools import FakeTime, record_notices, settle, shown, tick
from workshop.edits import room as room_edits
from workshop.tui.screens.handover import Handover
from workshop.tui.widgets.turn_bar import TurnBar

SIZES = [(80, 24), (200, 60)]
WORDS = {
    "zh": ("猛虎队 本轮 3 张已写满", "轮到 雄鹰队", "本轮第 1/3 张", "本轮 3 张已满"),
    "en": ("猛虎队 has written its 3 cards for this turn", "Over to 雄鹰队", "card 1 of 3",
           "all 3 cards written this turn"),
}


def brainstorm(lang: str, cap: int | None = 3):
    doc = room(clusters=0)
    doc.cocreate.cards.clear()
    doc.cocreate.cap_per_turn = cap
    doc.room.language = lang  # type: ignore[assignment]
    return doc


def entry_who(app) -> str:
    """What the entry's label says (the step's screen, under any dialog)."""
    screen = next(s for s in reversed(app.screen_stack) if not isinstance(s, ModalScreen))
    return shown(screen.query_one("#entry-who", Static))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_the_cap_hands_over_in_front_of_the_room_not_under_the_typist(cocreate_app, size,
                                                                            lang):
    doc = brainstorm(lang)
    tigers, eagles = doc.teams[0], doc.teams[1]
    done, over, first, full = WORDS[lang]
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert first in entry_who(app)  # the entry counts the team's cards against the cap
        for text in ("每月拜访", "建立档案", "技术交流会"):
            await type_card(pilot, text)
        # the third card filled the turn: the handover stands in front of the entry
        assert isinstance(app.screen, Handover)
        dialog = " ".join(shown(s) for s in app.screen.query(Static))
        assert done in dialog and over in dialog
        assert app.session.doc.room.turn.team_id == tigers.id  # not moved yet
        assert tigers.name in entry_who(app) and full in entry_who(app)
        await pilot.press(*"idea")  # the typist types on: it lands nowhere
        await settle(pilot)
        assert isinstance(app.screen, Handover)
        await pilot.press("enter")  # the room saw it: the keyboard changes hands
        await settle(pilot)
        assert app.session.doc.room.turn.team_id == eagles.id
        entry = app.screen.query_one("#entry-input", Input)
        assert entry.value == "" and entry.has_focus
        assert eagles.name in entry_who(app) and first in entry_who(app)
        await type_card(pilot, "参加行业展会")
        cards = app.session.doc.cocreate.cards
        assert [c.team_id for c in cards] == [tigers.id] * 3 + [eagles.id]


@pytest.mark.parametrize("size", SIZES)
async def test_esc_lets_the_team_write_one_more_card(cocreate_app, size):
    doc = brainstorm("zh")
    tigers = doc.teams[0]
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for text in ("一", "二", "三"):
            await type_card(pilot, text)
        assert isinstance(app.screen, Handover)
        await pilot.press("escape")
        await settle(pilot)
        await type_card(pilot, "四")
        assert isinstance(app.screen, Handover)  # and the handover comes back after it
        assert [c.team_id for c in app.session.doc.cocreate.cards] == [tigers.id] * 4
        await pilot.press("f4")  # the facilitator hands over by hand meanwhile
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        # the turn moved once, not twice
        assert app.session.doc.room.turn.team_id == doc.teams[1].id


@pytest.mark.parametrize("size", SIZES)
async def test_the_turn_timer_waits_for_the_card_being_typed(cocreate_app, size):
    doc = brainstorm("zh", cap=None)
    tigers, eagles = doc.teams[0], doc.teams[1]
    clock = FakeTime()
    app = cocreate_app(doc, time_source=clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        notices = record_notices(app)
        app.room(room_edits.set_turn_seconds, 30, app.team_ids(), clock.now())
        await pilot.press("f5")  # the countdown runs with the step clock
        await pilot.press(*"half")  # 猛虎队 is typing
        clock.advance(31)
        await tick(pilot)
        assert app.session.doc.room.turn.team_id == tigers.id  # the turn waits for the card
        assert tigers.name in entry_who(app)
        await pilot.press("enter")
        await settle(pilot)
        await tick(pilot)
        cards = app.session.doc.cocreate.cards
        assert [(c.text, c.team_id) for c in cards] == [("half", tigers.id)]
        assert app.session.doc.room.turn.team_id == eagles.id  # then it moves, with a notice
        assert any(eagles.name in notice for notice in notices)


@pytest.mark.parametrize("size", SIZES)
async def test_the_card_count_ends_with_the_brainstorm(cocreate_app, size):
    doc = brainstorm("zh", cap=None)
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_card(pilot, "一张")
        await type_card(pilot, "两张")
        bar = app.screen.query_one(TurnBar)
        assert "本轮 2 张" in bar.render().plain
        await pilot.press("ctrl+n")  # on to clustering
        await settle(pilot)
        assert app.session.doc.cocreate.phase == "cluster"
        assert "本轮" not in app.screen.query_one(TurnBar).render().plain
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # name, vote, model
        await settle(pilot)
        assert "本轮" not in app.screen.query_one(TurnBar).render().plain
