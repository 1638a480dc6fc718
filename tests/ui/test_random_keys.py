"""Keys pressed at random on the hostile room (eight teams with markup, emoji and a
20-character name; every step filled in): whatever the facilitator hits, on whichever
screen or dialog is up, the app neither crashes nor freezes, and the session file stays
whole.

Runs of this found a board frozen by PageDown (an empty last section) and a second
command palette opened under the help that crashed the app; each has its own test
beside the code it fixed.
Ctrl+Q (quits), F8 (exports, in other processes) and Ctrl+F (the phones' server) are
left out; the command palette and the help come seldom, as they take the keys that
follow.
"""

from __future__ import annotations

import random

import pytest

from room_factory import hostile_room
from uitools import FakeTime
from workshop.model import STEPS
from workshop.store import Session, codec

KEYS = [*"abcdefghijklmnopqrstuvwxyz0123456789.,[]-+=/ AKMNPRVDCEHXY?*",
        *["enter"] * 6, *["escape"] * 3, "tab", "shift+tab", "up", "down", "left", "right",
        "home", "end", "pageup", "pagedown", "space", "backspace", "delete", "ctrl+n",
        "ctrl+g", "ctrl+z", "ctrl+y", "f2", "f3", "f4", "f5", "f6", "f7", "f9", "ctrl+t",
        "ctrl+s", "shift+up", "shift+down", "ctrl+left", "ctrl+right"]
SELDOM = ["f1", "ctrl+p"]
PRESSES = 300


@pytest.mark.slow  # a few minutes: hundreds of keys, each waited for
@pytest.mark.timeout(300)  # a freeze fails here, with the stacks, instead of hanging
@pytest.mark.parametrize("seed", [1, 7, 11, 23])
async def test_keys_pressed_at_random_neither_crash_nor_freeze_the_app(tmp_path, seed):
    from workshop.tui.app import WorkshopApp

    rng = random.Random(seed)
    doc = hostile_room(tmp_path)
    doc.room.step = rng.choice(STEPS)
    path = tmp_path / "room.workshop.json"
    Session.create(doc, path).close()
    session = Session.open(path)
    clock = FakeTime()
    app = WorkshopApp(session=session, time_source=clock)
    pressed: list[tuple[str, str]] = []
    try:
        async with app.run_test(size=rng.choice([(80, 24), (200, 60), (120, 40)])) as pilot:
            for n in range(PRESSES):
                key = rng.choice(SELDOM) if rng.random() < 0.004 else rng.choice(KEYS)
                pressed.append((type(app.screen).__name__, key))
                await pilot.press(key)
                if n % 50 == 49:  # time passes: clocks, turns, the quiet work
                    clock.advance(rng.choice([0.5, 2, 40]))
                    app.tick()
    except BaseException:
        print("the last keys (screen, key):", pressed[-30:])
        raise
    finally:
        session.close()
    codec.load(path)  # the file is whole and valid
    assert len({screen for screen, _key in pressed}) > 1  # the keys went places
