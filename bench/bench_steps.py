"""Changing steps with F2/F3 on the realistic workshop, against a bare Textual app's screen
switch measured in the same run.

The workshop (``realistic.py``: 10 teams, 2,000 or 10,000 co-create cards (the most a
session holds, ``limits.MAX_CARDS``; the issue said 20,000) in 40
clusters, 400 gap cards, 300 actions) opens on the first step; F3 walks through every
step (each screen's first visit), F2 walks back (back again) and F3 forward once more
(back again). Each press is timed from the key to the first frame that shows the new
step's screen drawn from the document. The bare app has one screen per step (Header,
Input, Footer) and the same keys switch between them (first visit: composed; back
again: resumed).

Two walks per round:
- "after a quiet moment": the walk starts once the room has been quiet long enough
  for the app to build the other steps' screens in the background (``tui/quiet.py``;
  how long that took is printed), a step every 1.2 s;
- "straight after opening": F3 pressed 0.4 s after the first screen is up, and every
  0.8 s (never quiet for a second), so every first visit builds its screen then.

Also printed, "busy after": a key pressed 150 ms after F3 waits this long before the
app's event loop can take it (work the app does after the frame).

Target: ratio ≤ 1.5 at 2,000 and at 10,000 cards (issue 17: 20,000).

Run:  .venv/bin/python bench/bench_steps.py  [--rounds N] [--cards 2000,10000]
Prints absolute times and ratios; not a test (machines here are noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import threading
import time
from pathlib import Path

from frames import (
    REPO,
    FrameClock,
    Keyboard,
    bare_stepper_app,
    fresh_copy,
    header,
    load_average,
    median,
    realistic_session,
    row,
    running,
    spread,
)

STEPS = 8
BETWEEN = 1.2
"""Seconds between step changes: a facilitator looks at the new step before moving on."""
HURRIED = 0.8
"""Seconds between step changes when the facilitator hurries through the steps."""
PROBE_AFTER = 0.150


def probe_later(loop: asyncio.AbstractEventLoop, delay: float, into: list[float]) -> None:
    """`delay` seconds from now, ask the event loop to run a callback; note how long the
    loop took to get to it (what a key pressed then would wait)."""
    def run() -> None:
        time.sleep(delay)
        asked = time.perf_counter()
        loop.call_soon_threadsafe(lambda: into.append(time.perf_counter() - asked))

    threading.Thread(target=run, daemon=True).start()


async def walk(app, *, shows_step, between: float, start_after: float,
               ready=None) -> dict[str, list[float]]:
    """F3 through every step, F2 back, F3 forward again; times per kind of press.
    `ready(app)`, if given, is waited for (at most a minute) before the walk."""
    out: dict[str, list[float]] = {"first": [], "again": [], "busy": [], "quiet": []}
    async with running(app):
        began = time.perf_counter()
        await asyncio.sleep(start_after)
        if ready is not None:
            while not ready(app) and time.perf_counter() - began < 60:
                await asyncio.sleep(0.1)
            out["quiet"].append(time.perf_counter() - began)
            await asyncio.sleep(between)
        clock = FrameClock(app)
        clock.install()
        keyboard = Keyboard(app)
        loop = asyncio.get_running_loop()
        plan = ([("f3", 1, "first")] * (STEPS - 1) + [("f2", -1, "again")] * (STEPS - 1)
                + [("f3", 1, "again")] * (STEPS - 1))
        index = 0
        for key, delta, kind in plan:
            index += delta
            target = index
            start = time.perf_counter()
            waiting = clock.expect(lambda app, target=target: shows_step(app, target), start)
            keyboard.press(key)
            if key == "f3":
                probe_later(loop, PROBE_AFTER, out["busy"])
            out[kind].append(await clock.when(waiting) - start)
            await asyncio.sleep(between)
    return out


def workshop_shows(app, index: int) -> bool:
    from workshop.model import STEPS as NAMES
    from workshop.tui.screens.base import StepScreen

    screen = app.screen
    return isinstance(screen, StepScreen) and screen.step == NAMES[index] and screen.drawn


def bare_shows(app, index: int) -> bool:
    return app.current_mode == f"s{index}"


def all_built(app) -> bool:
    """The app has built every step's screen in the background, and has nothing left to
    do in a quiet moment."""
    return app.quiet_work.done


def run_workshop(path: Path, scratch: Path, *, quiet: bool) -> dict[str, list[float]]:
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    session = Session.open(fresh_copy(path, scratch))
    try:
        app = WorkshopApp(session=session)
        if quiet:
            return asyncio.run(walk(app, shows_step=workshop_shows, between=BETWEEN,
                                    start_after=1.0, ready=all_built))
        return asyncio.run(walk(app, shows_step=workshop_shows, between=HURRIED,
                                start_after=0.4))
    finally:
        session.close()


def run_bare(*, quiet: bool) -> dict[str, list[float]]:
    app = bare_stepper_app(STEPS)
    if quiet:
        return asyncio.run(walk(app, shows_step=bare_shows, between=BETWEEN, start_after=1.0))
    return asyncio.run(walk(app, shows_step=bare_shows, between=HURRIED, start_after=0.4))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cards", default="2000,10000")
    parser.add_argument("--sessions", type=Path, default=REPO / "bench" / ".sessions",
                        help="where the realistic sessions are kept between runs")
    args = parser.parse_args()
    sizes = [int(n) for n in args.cards.split(",")]
    paths = {n: realistic_session(args.sessions, n, step="review", phase="cluster")
             for n in sizes}
    results: dict[str, dict[str, list[float]]] = {}

    def keep(name: str, values: dict[str, list[float]]) -> None:
        for kind, samples in values.items():
            results.setdefault(name, {}).setdefault(kind, []).extend(samples)

    loads = [load_average()]
    with tempfile.TemporaryDirectory(dir=REPO / "bench") as tmp:
        os.environ["WORKSHOP_DATA_DIR"] = str(Path(tmp) / "data")
        for round_ in range(args.rounds):  # interleaved: load on the machine hits all alike
            for n in sizes:
                for quiet in (True, False):
                    kind = "quiet" if quiet else "hurried"
                    keep(f"bare {kind} {n}", run_bare(quiet=quiet))
                    keep(f"ours {kind} {n}", run_workshop(paths[n], Path(tmp) / f"r{round_}",
                                                          quiet=quiet))
            loads.append(load_average())
    print(f"F2/F3 between the 8 steps, realistic workshop, {args.rounds} rounds "
          f"(each walk: 7 first visits, 14 back again), key to the frame that shows the "
          f"step; load before and after each round: " + "; ".join(loads))
    print(header())
    for n in sizes:
        for kind, label in (("quiet", "after a quiet moment"),
                            ("hurried", "straight after opening")):
            ours, bare = results[f"ours {kind} {n}"], results[f"bare {kind} {n}"]
            print(row(f"{n:,} cards, {label}: first visit", ours["first"], bare["first"],
                      "(target ≤ 1.5)"))
            print(row(f"{n:,} cards, {label}: back again", ours["again"], bare["again"],
                      "(target ≤ 1.5)"))
            print(f"    a key 150 ms after F3 waits: bare {median(bare['busy']) * 1000:.1f} ms "
                  f"({spread(bare['busy'])}), ours {median(ours['busy']) * 1000:.1f} ms "
                  f"({spread(ours['busy'])})")
            if ours["quiet"]:
                print(f"    the other steps' screens built in the background within "
                      f"{median(ours['quiet']):.1f} s ({spread(ours['quiet'], 1)} s) "
                      f"of opening")


if __name__ == "__main__":
    main()
