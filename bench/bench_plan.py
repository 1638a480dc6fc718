"""How long steps 5 and 6 take the room: the readiness check the stepper runs after every
change, the plan screen's redraw after an edit, and the handouts of every team.

A workshop of 10 teams × 30 actions (300 actions, every template field filled, half
of them without a number so the vague-word check runs), a town hall with 3 questions
per team. Not a test; run it by hand:

    /work/venv/bin/python bench/bench_plan.py [--teams 10] [--actions 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from planning import big_plan, shandong, with_strategies  # noqa: E402
from workshop.edits import townhall as th  # noqa: E402
from workshop.export import export  # noqa: E402
from workshop.methods import progress  # noqa: E402
from workshop.model import Member, Team, Workshop  # noqa: E402
from workshop.store import Session  # noqa: E402


def workshop(teams: int, actions: int) -> Workshop:
    doc = with_strategies(shandong())
    while len(doc.teams) < teams:
        n = len(doc.teams) + 1
        doc.teams.append(Team(name=f"第{n}组", members=[Member(name=f"成员{n}-{j}")
                                                        for j in range(6)]))
    for i in range(teams):
        made = big_plan(doc, actions, team_index=i)
        for action in made[::2]:
            action.what = "加强客户关系，做好售后服务，积极开发新客户"
        for k in range(3):
            th.add_challenge(doc, doc.teams[i].id, f"问题{k + 1}：预算够吗？", asker_kind="peer")
    return doc


def timed(fn, repeat: int) -> float:
    """Median milliseconds of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


async def screen_redraw(doc: Workshop, folder: Path, edits: int = 10) -> float:
    """Median milliseconds from a status change (key s) to the plan screen redrawn."""
    from workshop.tui.app import WorkshopApp

    doc.room.step = "plan"
    path = folder / "bench.workshop.json"
    Session.create(doc, path, overwrite=True).close()
    session = Session.open(path)
    app = WorkshopApp(session=session)
    runs = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("v")  # every team's plan on the list
        await pilot.pause()
        await pilot.press("down")
        for _ in range(edits):
            start = time.perf_counter()
            await pilot.press("s")
            await pilot.pause()
            runs.append((time.perf_counter() - start) * 1000)
    session.close()
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--actions", type=int, default=30)
    args = parser.parse_args()
    doc = workshop(args.teams, args.actions)
    total = len(doc.plan.actions)
    print(f"{args.teams} teams, {total} actions")
    print(f"stepper status (readiness of every action): "
          f"{timed(lambda: progress.step_status(doc), 20):.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        redraw = asyncio.run(screen_redraw(doc.model_copy(deep=True), Path(folder)))
        print(f"plan screen, status change to redrawn (pilot, incl. save): {redraw:.0f} ms")
        start = time.perf_counter()
        result = export(doc, "pdf", out=Path(folder), all_teams=True)
        pdf_s = time.perf_counter() - start
        pages = sum(1 for _ in result.paths)
        print(f"report + {pages - 1} handouts: {pdf_s:.1f} s")


if __name__ == "__main__":
    main()
