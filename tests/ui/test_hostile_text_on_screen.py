"""Hostile text typed into every card board of every step shows on the screen literally:
markup stays markup-looking text (``[@click=app.quit]`` quits nothing), escapes are gone,
right-to-left text, combining marks, emoji and CJK appear as typed.

Only public behaviour: the session a facilitator starts from, the keys of the README
(Ctrl+B the next board, Ctrl+N the next view), the card entry, and the screen as it is
drawn (the app's own screenshot), so the test survives the step screens' move to panes.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import Input

from hostile import visible
from uitools import settle
from workshop.scenario import load_scenario
from workshop.store import Session
from workshop.text import clean

REPO = Path(__file__).resolve().parents[2]

SAMPLES = [
    "[bold]粗体[/]",
    "[@click=app.quit]退出",
    "<b>&amp;</b> & <br/>",
    "[/oops] [link=https://x.y]链接",
    "\x1b[31m红色\x1b[0m\x07响铃",
    "שלום עולם 你好",
    "cafe\u0301 na\u0308ive",
    "👍 表情 🚀",
    "济南队：销售额700万元",
    "$(rm -rf /) `x` %s {0}",
    "\\[escaped\\] **星号**",
]
"""What people type at their worst; each fits one line of a board at 200 columns."""

BOARDS = {
    # step: (setup, [(views to step forward with Ctrl+N, boards to step through with Ctrl+B)])
    "review": [(0, 5)],
    "vision": [(0, 1)],
    "gaps": [(0, 1), (4, 4), (1, 4), (1, 4)],  # storm; PEST, SWOT, TOWS
    "cocreate": [(0, 1)],
    "summary": [(0, 1)],
}


def screen_text(app) -> str:
    """What the screen shows, as the app draws it (its SVG screenshot's text)."""
    svg = app.export_screenshot()
    return "".join(html.unescape(part) for part in re.findall(r"<text[^>]*>(.*?)</text>", svg,
                                                             re.S))


@pytest.fixture
def step_app(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "data"))
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(step: str) -> WorkshopApp:
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = step  # type: ignore[assignment]
        doc.cocreate.phase = "brainstorm"
        path = tmp_path / f"{step}.workshop.json"
        Session.create(doc, path).close()
        session = Session.open(path)
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


async def type_card(pilot, text: str) -> None:
    entry = pilot.app.screen.query_one("#entry-input", Input)
    entry.focus()
    entry.value = text  # as a paste would: keys cannot type an emoji
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("step", list(BOARDS))
async def test_hostile_text_shows_literally_on_every_board(step_app, step):
    app = step_app(step)
    typed = 0
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        for views, boards in BOARDS[step]:
            for _ in range(views):
                await pilot.press("ctrl+n")
                await settle(pilot)
            for board in range(boards):
                if board:
                    await pilot.press("ctrl+b")
                    await settle(pilot)
                for sample in (SAMPLES[typed % len(SAMPLES)],
                               SAMPLES[(typed + 5) % len(SAMPLES)]):
                    before = len(app.session.doc.cards(step))  # type: ignore[arg-type]
                    await type_card(pilot, sample)
                    assert app.is_running, sample  # no markup reached an action
                    cards = app.session.doc.cards(step)  # type: ignore[arg-type]
                    assert len(cards) == before + 1, sample
                    assert clean(sample) in [card.text for card in cards]
                    assert visible(clean(sample)) in visible(screen_text(app)), sample
                    typed += 1
    assert typed == 2 * sum(boards for _, boards in BOARDS[step])
