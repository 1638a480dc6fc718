"""How the gaps step holds up at the issue's limits: 500 gap cards, a fishbone of
6 bones × 8 causes × 3 sub-causes with 40-character Chinese causes.

Measures, in one process, headless at 80×24 and 200×60:

1. Scoring a gap by key (``o``: classify) with 500 gaps on the board: keystroke to
   redrawn screen, saved to disk (median); beside it, the same keystroke in a bare
   Textual app and adding a card to the shell's plain board of 500 cards.
2. Moving along the fishbone (↓ / →) with the full fishbone: keystroke to redrawn screen.
3. Laying out the terminal fishbone and the PDF fishbone once (pure functions).
4. The gaps step's PDF section alone (the fishbone page included).

Run:  .venv/bin/python bench/bench_gaps.py [--rounds N]
Prints absolute times; not a test (machines here are noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))


def make_doc():
    from gaps_factory import fill_fishbone, full_gaps
    from workshop.edits.cards import add_card
    from workshop.methods.gaps import ranking
    from workshop.scenario import load_scenario

    doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
    doc.room.step = "gaps"
    full_gaps(doc, causes=1, subs=0)
    teams = [team.id for team in doc.teams]
    while len(doc.gaps.cards) < 500:
        i = len(doc.gaps.cards)
        add_card(doc, "gaps", f"第 {i} 个差距：客户拜访频次不足，新客户开发慢",
                 team_id=teams[i % 3])
    first = ranking.key_gaps(doc)[0].id
    fish = ranking.fishbone_of(doc, first)
    for bone in fish.bones:
        bone.causes.clear()
    fill_fishbone(doc, first, causes=8, subs=3)
    return doc


async def median_press(pilot, keys: list[str]) -> float:
    """Median seconds from pressing each key to the app going idle after it."""
    times = []
    for key in keys:
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def keystrokes(path: Path, size: tuple[int, int], rounds: int) -> dict[str, float]:
    from textual.widgets import Input

    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    session = Session.open(path)
    app = WorkshopApp(session=session)
    out: dict[str, float] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        entry = app.screen.query_one("#entry-input", Input)
        times = []
        for i in range(rounds):
            entry.focus()
            entry.value = f"新的差距 {i}"
            start = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            times.append(time.perf_counter() - start)
        out["add a gap card (500 on the board)"] = statistics.median(times)
        await pilot.press("tab", "home")
        out["classify a gap by key (o/p)"] = await median_press(
            pilot, ["o" if i % 2 == 0 else "p" for i in range(rounds)])
        out["score a gap by key (1-5)"] = await median_press(
            pilot, [str(i % 5 + 1) for i in range(rounds)])
        start = time.perf_counter()
        await pilot.press("ctrl+n")
        await pilot.pause()
        out["switch to the ranking view"] = time.perf_counter() - start
        start = time.perf_counter()
        await pilot.press("ctrl+n")
        await pilot.pause()
        out["switch to the fishbone view (6x8x3)"] = time.perf_counter() - start
        out["move along the fishbone (arrow key)"] = await median_press(
            pilot, ["down" if i % 4 else "right" for i in range(rounds)])
        out["mark a root cause (r), saved"] = await median_press(
            pilot, ["r"] * max(3, rounds // 3))
    session.close()
    return out


async def bare_keystroke(size: tuple[int, int], rounds: int) -> float:
    """The same keystroke in a bare Textual app (an Input), measured the same way."""
    from textual.app import App
    from textual.widgets import Input

    class Bare(App):
        def compose(self):
            yield Input()

    app = Bare()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return await median_press(pilot, ["a"] * rounds)


async def plain_board_add(folder: Path, size: tuple[int, int], rounds: int) -> float:
    """Adding a card on the shell's plain board (co-create) with 500 cards: the same path
    without the gaps screen's ranking, badges and panels."""
    from textual.widgets import Input

    from workshop.edits.cards import add_card
    from workshop.scenario import load_scenario
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
    doc.room.step = "cocreate"
    teams = [team.id for team in doc.teams]
    for i in range(500):
        add_card(doc, "cocreate", f"第 {i} 个差距：客户拜访频次不足，新客户开发慢",
                 team_id=teams[i % 3])
    path = folder / "bench-plain.workshop.json"
    Session.create(doc, path, overwrite=True).close()
    session = Session.open(path)
    app = WorkshopApp(session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        entry = app.screen.query_one("#entry-input", Input)
        times = []
        for i in range(rounds):
            entry.focus()
            entry.value = f"新卡片 {i}"
            start = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    session.close()
    return statistics.median(times)


def pure(doc) -> dict[str, float]:
    from workshop.export.fonts import find_cjk_font, register_font
    from workshop.export.pdf.gaps import FISHBONE_ROOM
    from workshop.export.pdf.gaps_fishbone import layout as pdf_layout
    from workshop.export.pdf.styles import FRAME_WIDTH
    from workshop.report import build_report
    from workshop.tui.widgets.gaps.fishbone_layout import FishBone, FishCause
    from workshop.tui.widgets.gaps.fishbone_layout import layout as tui_layout

    out = {}
    fish = doc.gaps.fishbones[0]

    def walk(causes, level=1):
        for c in causes:
            yield c, level
            yield from walk(c.children, level + 1)

    bones = [FishBone(b.id, b.label, [FishCause(c.id, c.text, lv, c.root)
                                      for c, lv in walk(b.causes)]) for b in fish.bones]
    for width in (80, 200):
        start = time.perf_counter()
        tui_layout("两家 VIP 客户流失", bones, width, height=40)
        out[f"terminal fishbone layout at {width} columns"] = time.perf_counter() - start
    start = time.perf_counter()
    report = build_report(doc, "zh")
    out["build the report (500 gaps)"] = time.perf_counter() - start
    font = register_font(find_cjk_font(lang="zh"))
    row = report.step("gaps").fishbones[0]  # type: ignore[attr-defined]
    start = time.perf_counter()
    pdf_layout(row, font, FRAME_WIDTH, FISHBONE_ROOM)
    out["PDF fishbone layout (6x8x3)"] = time.perf_counter() - start
    return out


def pdf(doc, folder: Path) -> float:
    from workshop.export import export

    start = time.perf_counter()
    export(doc, "pdf", lang="zh", out=folder)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    from workshop.store import Session

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        doc = make_doc()
        path = folder / "bench-gaps.workshop.json"
        Session.create(doc, path, overwrite=True).close()
        for size in ((80, 24), (200, 60)):
            print(f"at {size[0]}×{size[1]} (median of {args.rounds}):")
            bare = asyncio.run(bare_keystroke(size, args.rounds))
            print(f"  {'a keystroke in a bare Textual app':42s} {bare * 1000:7.1f} ms")
            plain = asyncio.run(plain_board_add(folder, size, args.rounds))
            print(f"  {'add a card, plain board, 500 cards':42s} {plain * 1000:7.1f} ms"
                  f"  ×{plain / bare:4.1f}")
            for name, seconds in asyncio.run(keystrokes(path, size, args.rounds)).items():
                print(f"  {name:42s} {seconds * 1000:7.1f} ms  ×{seconds / bare:4.1f}")
        print("pure functions:")
        for name, seconds in pure(doc).items():
            print(f"  {name:42s} {seconds * 1000:7.1f} ms")
        print(f"  {'whole report PDF (500 gaps, 6x8x3 fishbone)':42s} "
              f"{pdf(doc, folder) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
