"""F8 while the room works: the files are made by worker processes, a box says how far the
export is and what it is making, the room types on meanwhile, a failure is said in the
export's own words, and quitting mid-export ends the workers at once."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import pytest
from textual import events

from factories import REPO, SCENARIOS
from pdftools import pdf_text
from uitools import record_notices, until
from workshop.export import ExportError, export, fonts
from workshop.scenario import load_scenario
from workshop.tui.screens.dialogs import Choice
from workshop.tui.widgets.export_progress import ExportProgress

sys.path.insert(0, str(REPO / "bench"))
from realistic import build


@pytest.fixture
def app(cocreate_app):
    """The app on the co-create brainstorm of a workshop whose export takes seconds."""
    doc = build(300, gap_cards=60, key_gaps=3, clusters=10, actions=90)
    doc.cocreate.phase = "brainstorm"
    return cocreate_app(doc)


def _box_text(app) -> str:
    boxes = app.screen.query(ExportProgress)
    return boxes.first().render().plain if boxes else ""


async def _choose(pilot, *keys: str) -> None:
    await pilot.press("f8")
    await pilot.pause()
    assert isinstance(pilot.app.screen, Choice)
    await pilot.press(*keys, "enter")
    await pilot.pause()


async def test_the_room_types_on_while_the_box_shows_the_export(app, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    notices = record_notices(app)
    drawn: list[str] = []  # every text the box was drawn with (a busy machine may draw
    render = ExportProgress.render  # "making…" only between two looks of a polling test)
    monkeypatch.setattr(ExportProgress, "render",
                        lambda box: drawn.append(render(box).plain) or render(box))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await _choose(pilot, "down")  # the report and every team's handout
        assert "正在导出" in _box_text(app)  # the box is up, how far it is depends on the machine
        assert "正在导出 0/11 个文件" in drawn[0]  # ...and it came up before any file was made
        # a card, typed while the files are made: the keys come as a terminal sends them
        # (the pilot's press waits for the app to be idle after each key, which on a busy
        # machine can outlast the export)
        running_when_saved: list[bool] = []
        edit = app.edit
        app.edit = lambda *args, **kwargs: (  # type: ignore[method-assign]
            running_when_saved.append(app.exports.status is not None), edit(*args, **kwargs))[1]
        for char in "展会邀约":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("enter", "\r"))
        await until(pilot, lambda: "展会邀约" in [c.text for c in app.session.doc.cocreate.cards])
        assert running_when_saved == [True], notices  # ...really while
        await app.workers.wait_for_complete()
        await pilot.pause()
        making = [text for text in drawn if "正在生成：" in text]
        assert making, drawn
        assert any("完整报告" in text or "的行动计划" in text for text in making)
        assert not app.screen.query(ExportProgress)  # gone when done
        folder = tmp_path / "exports"
        assert any("已导出 11 个文件" in n and str(folder) in n for n in notices)
        report = next(p for p in folder.glob("*.pdf") if p.name.endswith("报告.pdf"))
        assert "展会邀约" not in pdf_text(report)  # the document as it was at F8
        assert not list(folder.glob(".*.tmp"))


async def test_the_box_goes_with_the_step(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await _choose(pilot, "down")
        await pilot.press("f3")  # on to the plan while the files are made
        await pilot.pause()
        if app.exports.status is not None:
            assert app.screen.query(ExportProgress)
            assert "正在导出" in _box_text(app)
        await app.workers.wait_for_complete()


async def test_a_failure_is_said_in_the_exports_own_words(app, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "gone.ttf"))
    with pytest.raises(ExportError) as in_process:
        export(load_scenario(SCENARIOS / "shandong-sales.toml"), "pdf", out=tmp_path / "x")
    assert "WORKSHOP_CJK_FONT" in str(in_process.value)
    notices = record_notices(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await _choose(pilot)  # the full report
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(in_process.value) in notices
        assert not app.screen.query(ExportProgress)


async def test_quitting_mid_export_ends_the_workers_at_once(app, tmp_path: Path):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await _choose(pilot, "down")
        pid = app.exports.pool.pid
        assert pid is not None
        started = time.monotonic()
        await pilot.press("ctrl+q")
    assert time.monotonic() - started < 10  # the app did not hang
    # the helper (and with it its workers) is stopped, not left to finish: it ends well
    # before the export would have, whose 11 files are not all made. (A fixed 3 s failed
    # by 10 ms with the machine loaded tenfold.)
    deadline = time.monotonic() + 10
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "the export's helper outlived the app"
        await asyncio.sleep(0.05)
    exports = tmp_path / "exports"
    assert not list(exports.glob(".*.tmp"))
    assert len(list(exports.glob("*.pdf"))) < 11
