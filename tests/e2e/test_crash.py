"""A change the store acknowledged survives the program being killed (SIGKILL) right after.

A launcher subprocess (``crashwork.Launcher``) imports the store once and forks one
real child process per round, so twenty kills take about a second instead of twenty
interpreter start-ups. Each child (``crashwork.card_after_card``) creates a session,
applies changes and prints ``ACK <card id>`` after each
``apply`` returns; the test kills it with SIGKILL the moment it reads an ACK, then
opens the session as the next run of the app would (over the dead child's lock)
and looks for every acknowledged card.

In half the rounds the child sleeps after its first ACK; in the other half it keeps
saving, so the kill lands in the middle of the next write.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crashwork import Launcher
from workshop.store import SESSION_SUFFIX, Session

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")

SRC = Path(__file__).resolve().parents[2] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC)}
ROUNDS = 20


@pytest.fixture
def launcher():
    with Launcher() as forking:
        yield forking


def test_acknowledged_changes_survive_sigkill(launcher, tmp_path):
    for round_ in range(ROUNDS):
        mode = "sleep" if round_ % 2 == 0 else "busy"
        kill_after = 1 if mode == "sleep" else 1 + round_ % 7
        path = tmp_path / f"round{round_}{SESSION_SUFFIX}"
        launcher.run("card_after_card", path, mode)

        pid, acked = None, []
        while pid is None or len(acked) < kill_after:
            kind, value = launcher.readline()
            if kind == "ACK":
                acked.append(value)
            else:
                pid = int(value)
        os.kill(pid, signal.SIGKILL)  # the moment the ACK is read
        for kind, value in launcher.reap(pid):
            assert kind == "ACK"
            acked.append(value)  # printed before it died: acknowledged too

        with Session.open(path) as session:
            assert session.stale_lock_replaced, f"round {round_}"
            ids = [c.id for c in session.doc.cocreate.cards]
            assert ids[: len(acked)] == acked, f"round {round_} ({mode})"
            assert len(ids) <= len(acked) + 1  # at most the change in flight when killed
            assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
            session.apply("继续", lambda doc: doc.cocreate.cards.clear())  # it still works


def test_exiting_without_close_releases_the_lock(tmp_path):
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from workshop.model import Meta, Workshop
        from workshop.store import Session

        folder = Path(sys.argv[1])
        Session.create(Workshop(meta=Meta(title="甲")), folder / "a.workshop.json")
        Session.create(Workshop(meta=Meta(title="乙")), folder / "b.workshop.json")
        raise SystemExit("forgot to close, then failed")
        """
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=ENV,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.workshop.json", "b.workshop.json"]
    with Session.open(tmp_path / "a.workshop.json") as session:
        assert not session.stale_lock_replaced
