"""Every step with the big room loaded (issue 16): ten teams with markup, emoji and two
twenty-character names, 2,000 co-create cards, 430 gap cards with twelve fishbones, 300
actions, a check-in; at 80×24 and 200×60, in Chinese and English.

Accept a change only after looking at the SVG (``pytest --snapshot-update``, then
``rsvg-convert`` it to a PNG or open ``snapshot_report.html``): nothing may overlap, no
count may be cut off, and no two teams may be cut to the same name.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from big_room import save_big_room, session_at
from workshop import i18n
from workshop.model import STEPS
from workshop.store import Session

SIZES = [(80, 24), (200, 60)]
NOON = dt.datetime(2026, 12, 5, 12).timestamp()


@pytest.fixture(autouse=True)
def _utc(monkeypatch):
    """The vision's 'agreed at' shows in local time: UTC here, whatever the machine's."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def saved_room(tmp_path_factory):
    """The big room saved once for the module; each test opens its own copy."""
    return save_big_room(tmp_path_factory.mktemp("big-room"))


@pytest.fixture
def big_app(saved_room, tmp_path):
    from uitools import FakeTime
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def open_at(step: str, lang: str, phase: str | None = None) -> WorkshopApp:
        i18n.set_language(lang)
        session = session_at(saved_room, tmp_path, step, lang=lang, phase=phase)
        sessions.append(session)
        return WorkshopApp(session=session, time_source=FakeTime(NOON))

    yield open_at
    for session in sessions:
        session.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", STEPS)
def test_big_room(snap_compare, big_app, step, lang, size):
    assert snap_compare(big_app(step, lang), terminal_size=size)


VIEWS = {
    "cocreate-cluster": ("cocreate", "cluster", []),  # 2,000 cards in 40 clusters
    "cocreate-vote": ("cocreate", "vote", []),
    "cocreate-model": ("cocreate", "model", []),
    "gaps-fishbone": ("gaps", None, ["ctrl+n", "ctrl+n"]),
    "checkin-actions": ("checkin", None, ["ctrl+n"]),
}
"""The views inside a step that a big room fills most, at the two ends: Chinese on the
laptop, English on the projector."""


@pytest.mark.parametrize(("lang", "size"), [("zh", (80, 24)), ("en", (200, 60))],
                         ids=["zh-80x24", "en-200x60"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_big_room_view(snap_compare, big_app, view, lang, size):
    step, phase, keys = VIEWS[view]

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(big_app(step, lang, phase), terminal_size=size, run_before=run_before)
