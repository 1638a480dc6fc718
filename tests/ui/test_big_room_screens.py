"""The big room (``tests/big_room.py``: ten teams, two of them twenty characters that differ
only in 第一/第二, 2,000 cards, 300 actions) on an 80×24 screen: what the room reads must
not be cut so that two teams, or a team and its decision, are lost."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from big_room import TEAMS, save_big_room, session_at
from workshop.store import Session, load


@pytest.fixture(scope="module")
def saved_room(tmp_path_factory):
    return save_big_room(tmp_path_factory.mktemp("big-room"))


@pytest.fixture
def app_at(saved_room, tmp_path):
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(step: str, phase: str | None = None) -> WorkshopApp:
        session = session_at(saved_room, tmp_path, step, phase=phase)
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


def as_drawn(static) -> str:
    """A Static's text at the width it has on screen, its lines joined (without the indent
    of a line that wraps a team's name under its first line)."""
    console = Console(width=static.content_region.width, record=True, file=io.StringIO())
    console.print(static.content)
    return "".join(line.strip() for line in console.export_text().splitlines())


async def test_the_summary_names_every_team_in_full_with_its_decision_at_80x24(app_at):
    app = app_at("summary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        results = as_drawn(app.screen.query_one("#summary-results"))
    for name in TEAMS:
        assert name in results, name
    # every team's sign-off shows: five approved or sent back, five still to sign
    assert results.count("待签批") == 5
    assert results.count("批准") + results.count("需修改") == 5


async def test_the_plan_tells_owners_apart_whose_names_the_column_cuts(app_at):
    """Eight members called 济南成员1 … 济南成员8: the 8-cell owner column showed 济南成…
    for all of them."""
    from uitools import rendered_lines
    from workshop.tui.widgets.row_list import RowList

    app = app_at("plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = rendered_lines(app.screen.query_one(RowList))
    assert "济南成…1" in rows, rows


async def test_a_cluster_title_too_long_for_its_column_keeps_its_team_and_count(app_at):
    """策略1：建立VIP客户分级拜访制度 → [/oops]队 (50) wraps past two lines in an 80×24
    column: the cut used to take the team and the count with it (``[/oops]…``)."""
    from uitools import rendered_lines
    from workshop.tui.widgets.wall_board import WallBoard

    app = app_at("cocreate", "cluster")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        wall = "\n".join(rendered_lines(board) for board in app.screen.query(WallBoard)
                         if board.size.height)  # the cluster phase's, the one on screen
    assert "→ [/oops]队 (50)" in wall and "→ <b>&队 (50)" in wall, wall


def test_the_vote_panel_tells_the_two_long_teams_apart(saved_room):
    from workshop.tui.widgets.cocreate import panel

    doc = load(saved_room)
    doc.cocreate.phase = "vote"
    lines = panel.vote(doc, None).plain.splitlines()
    long_ones = [line for line in lines if line.startswith("▌ 华东区")]
    assert len(long_ones) == 2 and long_ones[0] != long_ones[1], long_ones


def test_the_strategy_model_tells_the_two_long_teams_apart_on_its_pillars():
    from big_room import TEAMS
    from workshop.tui.widgets.cocreate.model_view import Pillar, draw

    pillars = [Pillar(f"c{i}", i + 1, f"策略{i + 1}", 1, team=name)
               for i, name in enumerate(TEAMS)]
    drawn = "\n".join(line.plain for line in draw("目标", pillars, 200).lines)
    assert "华东区…一" in drawn and "华东区…二" in drawn, drawn


async def test_the_check_in_tells_owners_apart_whose_names_the_column_cuts(app_at):
    from uitools import rendered_lines
    from workshop.tui.widgets.row_list import RowList

    app = app_at("checkin")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")  # the actions
        await pilot.pause()
        rows = "\n".join(rendered_lines(rows) for rows in app.screen.query(RowList)
                         if rows.size.height)
    assert "德州成…1" in rows and "济南成…1" in rows, rows
