"""How fast step 1 feels in the room, against a bare Textual app in the same run.

1. Typing a vision card (15 keys + Enter) with 2,000 vision cards on the board: the
   vision screen redraws its goal tree, cascades and funnels after every card, so this
   checks that they stay cheap. Target: ratio to the bare app ≤ 1.2 (like bench_app).
2. One weight key (``+``) on the cascade panel: an undoable edit, saved (fsync), the
   parts recomputed and redrawn. Printed in milliseconds.
3. The SMART check of one statement, cold and cached.

Run:  .venv/bin/python bench/bench_vision.py  [--rounds N] [--cards N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from bench_app import bare_app, typing  # noqa: E402


def make_session(folder: Path, cards: int) -> Path:
    from workshop.edits.cards import add_card
    from workshop.scenario import load_scenario
    from workshop.store import Session

    doc = load_scenario(REPO / "scenarios" / "brand-operations.toml")
    doc.room.step = "vision"
    teams = [team.id for team in doc.teams]
    for i in range(cards):
        add_card(doc, "vision", f"第 {i} 张：客户主动介绍新客户，门店排队", team_id=teams[i % 3])
    path = folder / f"vision-{cards}.workshop.json"
    Session.create(doc, path, overwrite=True).close()
    return path


async def weight_keys(path: Path, presses: int) -> float:
    """Median seconds from ``+`` to the redrawn screen on the cascade panel."""
    from textual import events

    from workshop.store import Session
    from workshop.tui.app import WorkshopApp
    from workshop.tui.widgets.vision.goals import GoalTree

    app = WorkshopApp(session=Session.open(path))
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(GoalTree).focus()
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        rendered = asyncio.Event()
        original = screen._compositor_refresh

        def refreshed() -> None:
            original()
            rendered.set()

        screen._compositor_refresh = refreshed
        for i in range(presses):
            rendered.clear()
            start = time.perf_counter()
            key = "plus" if i % 2 == 0 else "minus"
            app.post_message(events.Key(key, "+" if key == "plus" else "-"))
            await asyncio.wait_for(rendered.wait(), 10)
            times.append(time.perf_counter() - start)
            await pilot.pause()
    app.session.close()
    return statistics.median(times)


def smart_timing() -> tuple[float, float]:
    from workshop.methods.vision.smart import _check, check_goal

    text = "2027年12月31日前山东区销售额达到700万元"
    rounds = 200
    start = time.perf_counter()
    for i in range(rounds):
        _check.cache_clear()
        check_goal(text + str(i), baseline=560, target=700, parent=True)
    cold = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for _ in range(rounds):
        check_goal(text, baseline=560, target=700, parent=True)
    warm = (time.perf_counter() - start) / rounds
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cards", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["WORKSHOP_DATA_DIR"] = str(folder / "data")
        big = make_session(folder, args.cards)
        bare_k, app_k, weights = [], [], []
        for _ in range(args.rounds):
            from workshop.store import Session
            from workshop.tui.app import WorkshopApp

            bare_k.append(asyncio.run(typing(bare_app(), 5)))
            app = WorkshopApp(session=Session.open(big))
            app_k.append(asyncio.run(typing(app, 5)))
            app.session.close()
            weights.append(asyncio.run(weight_keys(big, 10)))
        bare_t, app_t = statistics.median(bare_k), statistics.median(app_k)
        print(f"type a vision card (15 keys + Enter), {args.cards} vision cards, "
              f"brand-operations scenario (11 goals, 5 cascades):")
        print(f"  bare Textual app:   {bare_t * 1000:7.1f} ms")
        print(f"  vision screen:      {app_t * 1000:7.1f} ms   ratio {app_t / bare_t:.2f}"
              "  (target ≤ 1.2)")
        print(f"one weight key on the cascade panel (edit, save, recompute, redraw): "
              f"{statistics.median(weights) * 1000:.1f} ms")
    cold, warm = smart_timing()
    print(f"SMART check of one statement: {cold * 1e6:.0f} µs cold, {warm * 1e6:.1f} µs cached")


if __name__ == "__main__":
    main()
