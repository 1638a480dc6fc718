"""The home screen, the language switch, the clock's alarm and the per-turn countdown."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import OptionList

from uitools import FakeTime, record_notices, settle, tick, until
from workshop import sessions
from workshop.edits import room as room_edits
from workshop.model import STEPS
from workshop.store import Session
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.dialogs import Choice
from workshop.tui.screens.home import HomeScreen
from workshop.tui.widgets.key_bar import KeyBar
from workshop.tui.widgets.stepper import Stepper
from workshop.tui.widgets.turn_bar import TurnBar

REPO = Path(__file__).resolve().parents[2]


async def test_home_opens_the_demo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = WorkshopApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d")
        await app.workers.wait_for_complete()  # the session is opened by a worker
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.session.doc.teams
        assert app.session.path.exists()
    app.session.close()


async def test_home_starts_a_session_from_a_scenario_in_this_folder(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "mdrt.toml").write_text((REPO / "scenarios" / "insurance-mdrt.toml")
                                      .read_text("utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    app = WorkshopApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert "mdrt.toml" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.session.path.parent == tmp_path
        assert app.session.path.name.startswith("mdrt-")
    app.session.close()


async def test_home_shows_a_broken_scenario_without_crashing(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "broken.toml").write_text("[workshop\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    app = WorkshopApp()
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("broken.toml" in notice for notice in notices)


async def test_home_reopens_a_recent_damaged_session_from_its_backup(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "s.workshop.json"
    sessions.new_session(REPO / "scenarios" / "shandong-sales.toml", out).close()
    with Session.open(out) as session:
        session.apply("x", lambda doc: setattr(doc.meta, "facilitator", "李老师"))
    out.write_bytes(out.read_bytes()[:100])
    app = WorkshopApp()
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        index = next(i for i, prompt in enumerate(prompts) if "s.workshop.json" in prompt)
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # the file is damaged: offer its backup
        await pilot.press("enter")  # restore
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, StepScreen)
        assert app.session.path == out and app.session.doc.meta.title.startswith("山东区")
    app.session.close()


async def test_home_offers_to_end_a_program_that_holds_a_recent_session(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "held.workshop.json"
    sessions.new_session(REPO / "scenarios" / "shandong-sales.toml", out).close()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        out.with_name(out.name + ".lock").write_text(json.dumps(
            {"pid": holder.pid, "host": socket.gethostname(), "started": "09:00"}), "utf-8")
        app = WorkshopApp()
        async with app.run_test(size=(100, 30)) as pilot:
            options = app.screen.query_one(OptionList)
            prompts = [str(options.get_option_at_index(i).prompt)
                       for i in range(options.option_count)]
            options.highlighted = next(i for i, prompt in enumerate(prompts)
                                       if "held.workshop.json" in prompt)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, Choice)
            said = app.screen.title_text
            assert f"（进程 {holder.pid}，" in said
            assert "kill" not in said and ".lock" not in said  # one way out: the option
            await pilot.press("enter")  # end it and open
            await until(pilot, lambda: isinstance(app.screen, StepScreen))
            assert holder.wait(timeout=5) == -signal.SIGTERM
            assert app.session.path == out
        app.session.close()
    finally:
        holder.kill()
        holder.wait()


async def test_language_switch_relabels_every_screen(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        assert "愿景" in app.screen.query_one(Stepper).render().plain
        await app.set_language("en")
        await pilot.pause()
        assert "Vision" in app.screen.query_one(Stepper).render().plain
        assert "Next team" in app.screen.query_one(KeyBar).render().plain
        assert app.session.doc.room.language == "en"
        await pilot.press("f3")
        await pilot.pause()
        assert "Gaps" in app.screen.query_one(Stepper).render().plain


async def test_the_clock_alarms_when_time_is_up(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        app.room(lambda room: setattr(room.clock, "remaining_s", 3))
        await pilot.press("f5")
        clock.advance(2.9)
        await tick(pilot)
        assert not any("时间到" in notice for notice in notices)
        assert not app.screen.query_one("ClockDisplay").has_class("-over")
        clock.advance(0.2)
        await tick(pilot)
        assert sum("时间到" in notice for notice in notices) == 1
        assert app.screen.query_one("ClockDisplay").has_class("-over")
        clock.advance(1)
        await tick(pilot)
        assert sum("时间到" in notice for notice in notices) == 1  # the alarm sounds once


async def test_the_turn_moves_on_when_its_countdown_runs_out(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        teams = [team.id for team in app.session.doc.teams]
        app.room(room_edits.set_turn_seconds, 30, teams, clock.now())
        await pilot.press("f5")  # the countdown runs with the step clock
        assert app.session.doc.room.turn.ends_at == clock.now() + 30
        clock.advance(29.5)
        await tick(pilot)
        assert app.session.doc.room.turn.team_id == teams[0]
        assert "⏱ 00:01" in app.screen.query_one(TurnBar).render().plain
        clock.advance(1)
        await tick(pilot)
        assert app.session.doc.room.turn.team_id == teams[1]
        assert any("青岛队" in notice for notice in notices)
        assert "⏱ 00:30" in app.screen.query_one(TurnBar).render().plain  # a fresh turn


async def test_a_tick_while_a_screen_is_composed_or_taken_down_shows_what_is_there(make_app):
    """The app ticks on its own timer: it may come while a step's screen is still being
    composed (the top bar is up, the turn bar not yet) or taken down."""
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        teams = [team.id for team in app.session.doc.teams]
        app.room(room_edits.set_turn_seconds, 30, teams, clock.now())
        await pilot.press("f5")
        vision = app.screen
        await vision.query_one(TurnBar).remove()  # the frame half there
        clock.advance(5)
        app.tick()  # raised NoMatches
        assert vision.query_one("ClockDisplay").shown.endswith(":55")
        clock.advance(30)
        app.tick()  # the turn moves on, and the screen is told to redraw
        assert app.session.doc.room.turn.team_id == app.session.doc.teams[1].id
        app.go_to("townhall")  # its screen is not composed yet
        app.tick()
        await tick(pilot)
        assert app.screen.step == "townhall"


async def test_theme_choice_is_remembered(make_app, session_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "workshop-dark"
        await pilot.pause()
    app.session.close()
    second = make_app()
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert second.theme == "workshop-dark"


async def test_ticks_during_a_language_switch_leave_every_screen_whole(make_app):
    """A language switch composes every step's screen again, one after another, while the
    app's clock ticks: here each tick ends a team's turn (a change, so every screen off
    view is to be redrawn) and the quiet work redraws one. A screen half composed (its
    frame up, its body not yet) must wait to be drawn. The suite met it as a NoMatches
    crash when a loaded machine stretched the switch over a few ticks."""
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        for step in STEPS:
            app.switch_mode(step)
            await settle(pilot)
        app.switch_mode("vision")
        await settle(pilot)
        teams = [team.id for team in app.session.doc.teams]
        app.room(room_edits.set_turn_seconds, 5, teams, clock.now())
        await pilot.press("f5")  # the countdown runs with the step clock
        switch = asyncio.create_task(app.set_language("en"))
        turns_seen = []
        while not switch.done():
            clock.advance(6)  # the turn runs out; the room is quiet for the quiet work
            app.tick()
            turns_seen.append(app.session.doc.room.turn.team_id)
            await asyncio.sleep(0)
        await switch
        assert len(turns_seen) > len(STEPS) and len(set(turns_seen)) > 1
        await settle(pilot)
        for step in STEPS:
            app.switch_mode(step)
            await settle(pilot)
            keys = app.screen.query_one(KeyBar).render().plain
            assert "F1 Help" in keys and not re.search(r"[\u4e00-\u9fff]", keys), step
            assert app.focused is not None and app.focused.screen is app.screen, step


@pytest.mark.parametrize("quit_with", ["ctrl+q", "test ends"])
@pytest.mark.parametrize("moments", [0, 1, 2, 3, 4, 6])
async def test_quitting_while_a_screen_is_built_in_a_quiet_moment(make_app, quit_with, moments):
    """In a quiet moment the app builds the next step's screen; Ctrl+Q (or a test's end)
    right then took the screen down while it was being composed, and its first drawing
    crashed into what was gone (NoMatches: GapBoard, '#pane-storm'): a traceback at
    exit, a failed test on a loaded machine."""
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        clock.advance(5)  # quiet for long enough
        app.tick()  # a new snapshot first
        app.tick()  # then the next step's screen, in a worker
        assert app.quiet_work.building
        for _ in range(moments):
            await asyncio.sleep(0)
        if quit_with == "ctrl+q":
            await app.run_action("quit")  # Ctrl+Q's action, at once (a key waits for idle)
    assert app.return_code in (0, None)
