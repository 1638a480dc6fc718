"""Leaving never loses typed work silently: Ctrl+Q with a form that has changes asks as
Esc does; the home screen offers to end a program that holds a session and hangs."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys

import pytest
from textual.widgets import OptionList

from factories import SCENARIOS
from rooms import plan_session
from uitools import choose, settle, type_text
from workshop import sessions
from workshop.store import Session
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.base import StepScreen
from workshop.tui.screens.dialogs import Choice, TextPrompt


@pytest.fixture
def session_path(tmp_path):
    return plan_session(tmp_path)


async def a_new_action_typed(pilot, text: str) -> TextPrompt:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextPrompt)
    await type_text(pilot, text)
    return pilot.app.screen


async def answer(pilot, choice: str) -> None:
    await choose(pilot, choice)
    await pilot.pause()


async def test_ctrl_q_with_a_changed_form_asks_and_keep_saves_then_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await a_new_action_typed(pilot, "每月拜访")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, Choice)  # asked first
        assert "保存修改，然后退出" in [label for _key, label in app.screen.options]
        await answer(pilot, "keep")
        await settle(pilot)
    assert [a.what for a in app.session.doc.plan.actions] == ["每月拜访"]
    assert app.return_code == 0


async def test_ctrl_q_with_a_changed_form_can_go_back_or_throw_away(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await a_new_action_typed(pilot, "每月拜访")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await answer(pilot, "back")
        assert app.is_running and app.screen is form
        assert form.query_one("Input").value == "每月拜访"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await answer(pilot, "discard")
        await settle(pilot)
    assert app.session.doc.plan.actions == []


async def test_ctrl_q_without_changes_quits_at_once(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_home_offers_to_end_a_hung_program_that_holds_a_recent_session(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "held.workshop.json"
    sessions.new_session(SCENARIOS / "shandong-sales.toml", out).close()
    hung = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        out.with_name(out.name + ".lock").write_text(json.dumps(
            {"pid": hung.pid, "host": socket.gethostname(), "started": started}), "utf-8")
        app = WorkshopApp()
        async with app.run_test(size=(100, 30)) as pilot:
            options = app.screen.query_one(OptionList)
            prompts = [str(options.get_option_at_index(i).prompt)
                       for i in range(options.option_count)]
            options.highlighted = next(i for i, p in enumerate(prompts) if out.name in p)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, Choice)  # in use: offer to end the holder
            assert str(hung.pid) in app.screen.title_text
            assert f"进程（{hung.pid}）" in app.screen.options[0][1]
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert isinstance(app.screen, StepScreen)
            assert app.session.path == out
        app.session.close()
        assert hung.wait(timeout=5) is not None
    finally:
        hung.kill()
        hung.wait()
    with Session.open(out):
        pass
