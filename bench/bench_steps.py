"""Changing steps with F2/F3 on the realistic workshop, against a bare Textual app's screen
switch measured in the same run.

The workshop (``realistic.py``: 10 teams, 2,000 or 20,000 co-create cards in 40
clusters, 400 gap cards, 300 actions) opens on the first step; F3 walks through every
step (each screen's first visit), F2 walks back (back again) and F3 forward once more
(back again). Each press is timed from the key to the first frame that shows the new
step's screen drawn from the document. The bare app has one screen per step (Header,
Input, Footer) and the same keys switch between them (first visit: composed; back
again: resumed).

Also printed, "busy after": a key pressed 150 ms after F3 waits this long before the
app's event loop can take it (work the app does after the frame: saves, snapshots).

Target: ratio ≤ 1.5 at 2,000 and at 20,000 cards (issue 17).

Run:  .venv/bin/python bench/bench_steps.py  [--rounds N] [--cards 2000,20000]
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
PROBE_AFTER = 0.150


def probe_later(loop: asyncio.AbstractEventLoop, delay: float, into: list[float]) -> None:
    """`delay` seconds from now, ask the event loop to run a callback; note how long the
    loop took to get to it (what a key pressed then would wait)."""
    def run() -> None:
        time.sleep(delay)
        asked = time.perf_counter()
        loop.call_soon_threadsafe(lambda: into.append(time.perf_counter() - asked))

    threading.Thread(target=run, daemon=True).start()


async def walk(app, *, shows_step) -> dict[str, list[float]]:
    """F3 through every step, F2 back, F3 forward again; times per kind of press."""
    out: dict[str, list[float]] = {"first": [], "again": [], "busy": []}
    async with running(app):
        await asyncio.sleep(BETWEEN)
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
            await asyncio.sleep(BETWEEN)
    return out


def workshop_shows(app, index: int) -> bool:
    from workshop.model import STEPS as NAMES
    from workshop.tui.screens.base import StepScreen

    screen = app.screen
    return isinstance(screen, StepScreen) and screen.step == NAMES[index] and screen.drawn


def bare_shows(app, index: int) -> bool:
    return app.current_mode == f"s{index}"


def run_workshop(path: Path, scratch: Path) -> dict[str, list[float]]:
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    session = Session.open(fresh_copy(path, scratch))
    try:
        return asyncio.run(walk(WorkshopApp(session=session), shows_step=workshop_shows))
    finally:
        session.close()


def run_bare() -> dict[str, list[float]]:
    return asyncio.run(walk(bare_stepper_app(STEPS), shows_step=bare_shows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cards", default="2000,20000")
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
                keep(f"bare{n}", run_bare())
                keep(f"w{n}", run_workshop(paths[n], Path(tmp) / f"r{round_}"))
            loads.append(load_average())
    print(f"F2/F3 between the 8 steps, realistic workshop, {args.rounds} rounds "
          f"(each: 7 first visits, 14 back again); load before and after each round: "
          + "; ".join(loads))
    print(header())
    for n in sizes:
        ours, bare = results[f"w{n}"], results[f"bare{n}"]
        print(row(f"{n:,} cards: first visit", ours["first"], bare["first"], "(target ≤ 1.5)"))
        print(row(f"{n:,} cards: back again", ours["again"], bare["again"], "(target ≤ 1.5)"))
        print(f"  {n:,} cards: busy after (a key 150 ms after F3 waits)   "
              f"bare {median(bare['busy']) * 1000:.1f} ms ({spread(bare['busy'])}), "
              f"ours {median(ours['busy']) * 1000:.1f} ms ({spread(ours['busy'])})")


if __name__ == "__main__":
    main()
