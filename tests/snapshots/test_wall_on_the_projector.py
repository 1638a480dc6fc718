"""The co-create wall as the room sees it on the projector (issue 14): eight teams (one
named ``[/oops]队``, one ``<b>&队``, one 🚀, one of 20 characters), 66 cards in 11
clusters, at 80×24 and 200×60; the vote with the voter named large and the tally on
the wall; paper dots being typed. Accept a change only after looking at the SVG."""

from __future__ import annotations

import pytest

from cocreate_factory import room
from workshop import i18n
from workshop.edits import cocreate as edits
from workshop.store import Session

SIZES = [(80, 24), (200, 60)]


@pytest.fixture
def room_app(tmp_path):
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(phase: str, lang: str = "zh") -> WorkshopApp:
        i18n.set_language(lang)
        doc = room(named=phase == "vote")
        doc.room.step = "cocreate"
        doc.room.language = lang  # type: ignore[assignment]
        doc.room.projector = True
        doc.room.turn.team_id = doc.teams[0].id
        if phase == "vote":
            doc.cocreate.dots, doc.cocreate.dots_per = 5, "member"
            edits.count_dots(doc, {k.id: n for k, n in
                                   zip(doc.cocreate.clusters, [12, 30, 3, 0, 7, 9, 21, 15, 4, 1, 8],
                                       strict=True)})
        doc.cocreate.phase = phase  # type: ignore[assignment]
        session = Session.create(doc, tmp_path / f"{phase}-{lang}.workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_clustering_wall_on_the_projector(snap_compare, room_app, size):
    assert snap_compare(room_app("cluster"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_voting_on_the_projector(snap_compare, room_app, size):
    async def three_dots(pilot):
        await pilot.pause()
        await pilot.press("3", "3", "2")
        await pilot.pause()

    assert snap_compare(room_app("vote"), terminal_size=size, run_before=three_dots)


def test_counting_paper_dots_in_english(snap_compare, room_app):
    async def count(pilot):
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("1", "2", "enter", "3", "0")
        await pilot.pause()

    assert snap_compare(room_app("vote", lang="en"), terminal_size=(80, 24), run_before=count)
