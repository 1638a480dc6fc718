"""The fishbone, the 5-Why ladder and the gap storm as the room sees them, at 80×24 and
200×60, with 40-character Chinese causes. Accept a change only after looking at the SVG."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaps_factory import full_gaps
from workshop import i18n
from workshop.scenario import load_scenario
from workshop.store import Session

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def gaps_snapshot_app(tmp_path):
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(lang: str = "zh", causes: int = 5, subs: int = 1) -> WorkshopApp:
        i18n.set_language(lang)
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = "gaps"
        doc.room.language = lang
        full_gaps(doc, causes=causes, subs=subs)
        doc.room.turn.cards_this_turn = 0
        path = tmp_path / f"snap-gaps-{lang}.workshop.json"
        session = Session.create(doc, path)
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


def go(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_fishbone(snap_compare, gaps_snapshot_app, size):
    app = gaps_snapshot_app()
    # the fishbone view, the cursor on the root cause of the first bone
    assert snap_compare(app, terminal_size=size, run_before=go("ctrl+n", "ctrl+n", "down",
                                                               "down", "down"))


def test_fishbone_bottom_half_scrolled_into_view_at_80x24(snap_compare, gaps_snapshot_app):
    app = gaps_snapshot_app()
    keys = ("ctrl+n", "ctrl+n", *["down"] * 12)  # down the first bone, past the spine
    assert snap_compare(app, terminal_size=(80, 24), run_before=go(*keys))


def test_fishbone_english(snap_compare, gaps_snapshot_app):
    app = gaps_snapshot_app(lang="en", causes=3, subs=0)
    assert snap_compare(app, terminal_size=(120, 36), run_before=go("ctrl+n", "ctrl+n",
                                                                    "right"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_five_whys(snap_compare, gaps_snapshot_app, size):
    app = gaps_snapshot_app(causes=2)
    assert snap_compare(app, terminal_size=size, run_before=go("ctrl+n", "ctrl+n", "ctrl+n",
                                                               "pageup", "down"))


def test_gap_storm_with_detail(snap_compare, gaps_snapshot_app):
    app = gaps_snapshot_app(causes=1, subs=0)
    # Tab onto the board selects its first gap: the detail panel shows it
    assert snap_compare(app, terminal_size=(160, 45), run_before=go("tab"))


def test_tows_cross(snap_compare, gaps_snapshot_app):
    app = gaps_snapshot_app(causes=1, subs=0)
    assert snap_compare(app, terminal_size=(120, 36), run_before=go("ctrl+l"))
