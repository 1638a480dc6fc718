"""SIGKILL at 60 seeded random moments while a real process works on a session.

A launcher process (``crashwork.Launcher``) forks one
child per round. The child opens a session and works through a busy room's changes
(cards, sorting, votes, scores, actions, the turn, the clock, step changes, undo,
redo, forced and due snapshots: ``tests/crashwork.py``), printing ``ACK n`` as each
returns. The test kills it with SIGKILL after a seeded number of acknowledgements
plus a seeded delay, so kills land anywhere: mid-record, mid-snapshot, mid-backup.
Then, as the next run of the app would: the session opens over the dead child's lock,
its document is exactly the one the child had acknowledged (or, at most, that plus
the one change in flight), computed step by step in memory by ``crashwork.Mirror``,
and every file in the folder loads.
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import sys
import time
from pathlib import Path

import pytest

from crashwork import Launcher, Mirror, canonical
from factories import REPO
from workshop.model import Workshop
from workshop.store import SESSION_SUFFIX, Session, backups, load
from workshop.store.paths import journal_path

pytestmark = [pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL"),
              pytest.mark.slow]

KILLS = 60


@pytest.fixture
def launcher():
    with Launcher() as forking:
        yield forking


@pytest.fixture(scope="module")
def start() -> Workshop:
    sys.path.insert(0, str(REPO / "bench"))
    from realistic import build

    return build(200, gap_cards=30, key_gaps=3, clusters=10, actions=20)


def broken_files(folder: Path) -> list[str]:
    """Files in `folder` that a person would find broken: a session or backup that does
    not load, a journal left damaged, a temp file left over."""
    broken = []
    for session in folder.glob(f"*{SESSION_SUFFIX}"):
        try:
            load(session)
        except Exception as error:
            broken.append(f"{session.name}: {error}")
        for backup in backups(session):
            try:
                load(backup)
            except Exception as error:
                broken.append(f"{backup.name}: {error}")
    broken += [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")
               or ".damaged-" in p.name]
    return broken


def test_nothing_acknowledged_is_lost_whenever_the_program_is_killed(launcher, start, tmp_path,
                                                                      capsys, monkeypatch):
    rng = random.Random(20261205)
    acknowledged = lost = in_flight = broken = 0
    for round_ in range(KILLS):
        folder = tmp_path / f"round{round_}"
        folder.mkdir()
        path = folder / f"room{SESSION_SUFFIX}"
        Session.create(start.model_copy(deep=True), path).close()
        seed = rng.randrange(1 << 30)
        kill_after = rng.randint(1, 40)
        delay = rng.choice([0.0, 0.0, 0.0005, 0.002, 0.01])

        launcher.run("busy_room", path, seed)
        pid, acked = None, 0
        while pid is None or acked < kill_after:
            kind, *value = launcher.readline()
            if kind == "PID":
                pid = int(value[0])
            elif kind == "ACK":
                acked = int(value[0])
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        for line in launcher.reap(pid):
            acked = int(line[1])  # printed before it died: acknowledged too

        monkeypatch.setattr(secrets, "choice", random.Random(seed).choice)  # as the child
        mirror = Mirror(start, seed)
        for _ in range(acked):
            mirror.step()
        acked_state = canonical(mirror.doc)
        mirror.step()
        in_flight_state = canonical(mirror.doc)
        with Session.open(path) as session:  # over the dead child's lock
            assert session.stale_lock_replaced, f"round {round_}"
            found = canonical(session.doc)
            Workshop.model_validate(session.doc.model_dump())  # it validates
        acknowledged += acked
        if found == in_flight_state != acked_state:
            in_flight += 1  # the change being made when it died was on disk already
        elif found != acked_state:
            lost += 1
        bad = broken_files(folder)
        broken += len(bad)
        assert not bad, f"round {round_}: {bad}"
        assert found in (acked_state, in_flight_state), \
            f"round {round_}: seed {seed}, killed after {acked} acknowledged steps"
        assert not journal_path(path).exists()  # closing cleanly folds it in

    with capsys.disabled():
        print(f"\nkills: {KILLS}, steps acknowledged: {acknowledged}, lost: {lost}, "
              f"in flight and kept: {in_flight}, broken files: {broken}")
    assert lost == 0 and broken == 0

