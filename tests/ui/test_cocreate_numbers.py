"""Clusters keep their board number in every list (issue 14): the merge and move
pickers number them as the board does, so typing 10 picks the board's cluster 10."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from cocreate_factory import room
from cocreate_pilot import board_of
from uitools import settle
from workshop.methods.cocreate import clusters as clusters_method
from workshop.tui.widgets.cocreate.dialogs import ClusterPicker

SIZES = [(80, 24), (200, 60)]


@pytest.mark.parametrize("size", SIZES)
async def test_the_merge_picker_numbers_clusters_as_the_board_does(cocreate_app, size):
    doc = room(named=True)
    ids = [k.id for k in doc.cocreate.clusters]
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        board = board_of(app)
        board.select(doc.cocreate.cards[0].id)  # in cluster 1
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ClusterPicker)
        labels = [str(option.prompt) for option in picker.query_one(OptionList).options]
        assert labels[0].startswith("2. 策略2") and labels[-1].startswith("11. 策略11")
        await pilot.press("1", "0", "enter")
        await settle(pilot)
        clusters = app.session.doc.cocreate.clusters
        assert [k.id for k in clusters] == ids[1:]  # cluster 1 went into the board's 10
        assert len(clusters_method.cards_of(app.session.doc.cocreate, ids[9])) == 5 + 6


@pytest.mark.parametrize("size", SIZES)
async def test_a_number_not_on_the_list_picks_nothing(cocreate_app, size):
    doc = room(named=True)
    app = cocreate_app(doc)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        board_of(app).select(doc.cocreate.cards[9].id)  # in cluster 10
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("1", "0")  # itself: not on the list
        await settle(pilot)
        assert app.screen.query_one(OptionList).highlighted is None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClusterPicker)  # Enter merged nothing
        assert len(app.session.doc.cocreate.clusters) == 11
