"""SIGKILL during a check-in loses nothing that was on screen.

A real child process runs the app (headless, driven by Textual's pilot) on the store
example's check-in and types actuals into the grid, one week after another. After each
Enter it reads the grid as drawn and, once the actual shows there, prints ``SHOWN
<week> <value>``; the test kills it with SIGKILL the moment it reads that line (in half
the rounds the child is already typing the next number), then opens the session as the
next run would and finds every actual that was shown.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workshop.methods.checkin import ledger, progress
from workshop.store import Session

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs SIGKILL (POSIX)")

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}
ROUNDS = 4

CHILD = textwrap.dedent(
    """
    import asyncio, datetime as dt, sys
    from pathlib import Path
    from workshop.edits import checkin as edits
    from workshop.scenario import load_scenario
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp
    from workshop.tui.widgets.checkin.grid import ActualGrid

    path, mode = Path(sys.argv[1]), sys.argv[2]
    doc = load_scenario(Path(sys.argv[3]))
    checkin = edits.new_checkin(doc, dt.date(2027, 2, 28), dt.date(2027, 2, 1),
                                dt.date(2027, 2, 28))
    doc.room.step, doc.room.checkin_id = "checkin", checkin.id

    class Clock:
        def now(self):
            return dt.datetime(2027, 2, 28, 10).timestamp()
        def monotonic(self):
            return 0.0

    async def main():
        session = Session.create(doc, path)
        app = WorkshopApp(session=session, time_source=Clock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for week, value in enumerate(("22000", "24000", "26500", "27500")):
                await pilot.press(*value, "enter")
                grid = app.screen.query_one(ActualGrid)
                shown = f"{int(value):,}"
                for _ in range(200):
                    await pilot.pause()
                    lines = [grid.render_line(y).text for y in range(grid.size.height)]
                    row = next((line for line in lines if f"第{week + 1}周" in line), "")
                    if shown in row:
                        break
                else:
                    print("NEVER", week, value, flush=True)
                    return
                print("SHOWN", week, value, flush=True)
                if mode == "sleep":
                    await asyncio.sleep(60)

    asyncio.run(main())
    """
)


def test_actuals_on_screen_survive_sigkill(tmp_path):
    scenario = REPO / "scenarios" / "store-monthly.toml"
    for round_ in range(ROUNDS):
        mode = "sleep" if round_ % 2 == 0 else "busy"
        kill_after = 1 + round_ % 3
        path = tmp_path / f"round{round_}.workshop.json"
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), mode, str(scenario)],
                                 stdout=subprocess.PIPE, env=ENV, text=True, encoding="utf-8")
        shown: list[tuple[int, float]] = []
        try:
            while len(shown) < kill_after:
                line = child.stdout.readline()
                assert line, f"round {round_}: the child ended before showing an actual"
                kind, week, value = line.split()
                assert kind == "SHOWN", f"round {round_}: {value} never showed in the grid"
                shown.append((int(week), float(value)))
                if mode == "sleep":
                    break
            child.send_signal(signal.SIGKILL)  # the moment the actual is on screen
        finally:
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        with Session.open(path) as session:
            assert session.stale_lock_replaced
            doc = session.doc
            found = progress.of_key(doc, ("store", None, None), ledger.latest(doc))
            saved = {row.index: row.actual for row in found.rows if row.actual is not None}
            for week, value in shown:
                assert saved.get(week) == value, (round_, mode, week, saved)
            assert len(saved) <= len(shown) + 1  # at most the one in flight when killed
