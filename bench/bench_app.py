"""How fast the app feels, against a bare Textual app measured in the same run.

1. Time to first screen: ``workshop open`` on a demo session, against a bare app with a
   Header, an Input and a Footer, each started the same way (a fresh Python process
   running the app headless), from starting the process to the first screen being up.
   Target: ratio ≤ 2.0. Also printed: the whole process, quitting at once.
2. Keystroke to screen: typing a 20-character card and pressing Enter, with 2,000 cards
   in the session, against the same keystrokes in the bare app. Target: ratio ≤ 1.2.

Run:  .venv/bin/python bench/bench_app.py  [--rounds N]
Prints absolute times and ratios; not a test (machines here are noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

CARD = "客户拜访计划要标准化 abc"  # 15 characters typed one key at a time, then Enter


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Input

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input()
            yield Footer()

        def on_input_submitted(self, event: Input.Submitted) -> None:
            event.input.value = ""

    return Bare()


def make_session(folder: Path, cards: int) -> Path:
    from workshop.edits.cards import add_card
    from workshop.scenario import load_scenario
    from workshop.store import Session

    doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
    doc.room.step = "cocreate"
    doc.cocreate.phase = "brainstorm"  # the cards are typed in the brainstorm
    teams = [team.id for team in doc.teams]
    for i in range(cards):
        text = f"第 {i} 张卡片：提高拜访质量，建立客户档案"
        add_card(doc, "cocreate", text, team_id=teams[i % 3])
    path = folder / f"bench-{cards}.workshop.json"
    Session.create(doc, path, overwrite=True).close()
    return path


# -- 1. first screen, in a fresh process -----------------------------------------------------

# The child reports the wall-clock moment its first screen is up (the app has composed,
# mounted and drawn it and gone idle); the parent counts from just before it starts the
# process. The bare app runs through Textual's ``App.run``; workshop runs the command
# ``workshop open PATH`` as its entry point does (``workshop.launch``), only with the app
# started headless.
_CHILD = r"""
import sys, time
sys.path.insert(0, {src!r})
kind, path = sys.argv[1], sys.argv[2]
async def auto(pilot):
    await pilot.pause()
    print(time.time(), flush=True)
    pilot.app.exit()
options = dict(headless=True, auto_pilot=auto, size=(120, 40))
if kind == "bare":
    sys.path.insert(0, {bench!r})
    from bench_app import bare_app
    bare_app().run(**options)
else:
    from workshop.launch import load_cli
    cli = load_cli()
    run_app = cli.run_app
    cli.run_app = lambda session=None, **given: run_app(session, **given, **options)
    cli.main(["open", path])
"""


def first_screen(kind: str, path: Path) -> tuple[float, float]:
    """Seconds from starting a fresh Python process to its first screen being up, and
    to the process having ended after quitting at once."""
    code = _CHILD.format(src=str(REPO / "src"), bench=str(REPO / "bench"))
    env = {**os.environ, "WORKSHOP_DATA_DIR": str(path.parent / "data")}
    start_wall, start = time.time(), time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, kind, str(path)], check=True,
                          env=env, capture_output=True, text=True)
    ended = time.perf_counter() - start
    return float(done.stdout.split()[-1]) - start_wall, ended


def compile_sources() -> None:
    """Leave what a user's first start leaves: the bytecode of workshop's sources
    (Textual's comes compiled with it; where ``PYTHONDONTWRITEBYTECODE`` is set, every
    start here would compile them again) and the i18n catalog caches."""
    from workshop import i18n

    compileall.compile_dir(REPO / "src", quiet=1)
    for lang in i18n.LANGS:
        i18n.catalog(lang)


# -- 2. keystroke to screen, in this process -------------------------------------------------

async def typing(app, cards_to_type: int) -> float:
    """Median seconds per card from each key event reaching the app to the screen being
    redrawn, summed over the card's keys (see ``card_times``)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return statistics.median(await card_times(pilot, cards_to_type))


async def card_times(pilot, cards_to_type: int) -> list[float]:
    """Seconds per card typed into the focused entry, each the sum over the card's keys
    of the time from the key event reaching the app to the screen being redrawn.

    Each key is handed to the app as the terminal driver would; its time ends when the
    compositor has drawn the next frame (the moment the terminal is sent the update),
    read inside that refresh. Work the app runs after the frame is drawn (the co-create
    board saves a frame after showing the card) is not keystroke-to-screen time, though
    it delays the next key if it comes at once, so the next key is sent only after the
    app has gone idle. The same for both apps.
    """
    from textual import events

    app = pilot.app
    screen = app.screen
    rendered = asyncio.Event()
    drawn_at = [0.0]
    original = screen._compositor_refresh

    def refreshed() -> None:
        original()
        if not rendered.is_set():
            drawn_at[0] = time.perf_counter()
        rendered.set()

    screen._compositor_refresh = refreshed
    per_card = []
    try:
        for _ in range(cards_to_type):
            total = 0.0
            for key, char in [*((c, c) for c in CARD), ("enter", "\r")]:
                await pilot.pause()
                rendered.clear()
                start = time.perf_counter()
                app.post_message(events.Key(key, char))
                await asyncio.wait_for(rendered.wait(), 10)
                total += drawn_at[0] - start
            per_card.append(total)
            await pilot.pause()
    finally:
        screen._compositor_refresh = original
    return per_card


def workshop_app(path: Path):
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    return WorkshopApp(session=Session.open(path))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cards", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["WORKSHOP_DATA_DIR"] = str(folder / "data")
        demo = make_session(folder, 0)
        big = make_session(folder, args.cards)

        compile_sources()
        runs: dict[str, list[tuple[float, float]]] = {"bare": [], "demo": [], "big": []}
        for _ in range(args.rounds):  # interleaved, so load on the machine hits all alike
            runs["bare"].append(first_screen("bare", demo))
            runs["demo"].append(first_screen("workshop", demo))
            runs["big"].append(first_screen("workshop", big))
        up = {kind: statistics.median(r[0] for r in timings) for kind, timings in runs.items()}
        whole = {kind: statistics.median(r[1] for r in timings)
                 for kind, timings in runs.items()}
        labels = {"bare": "bare Textual app (Header, Input, Footer)",
                  "demo": "workshop open, demo session",
                  "big": f"workshop open, {args.cards:,} cards"}
        for title, times in ((f"time to first screen (median of {args.rounds}, fresh "
                              "process each)", up),
                             ("start, first screen and quit at once: the whole process",
                              whole)):
            print(title)
            for kind, label in labels.items():
                ratio = "" if kind == "bare" else f"   ratio {times[kind] / times['bare']:.2f}"
                target = "  (target ≤ 2.0)" if kind == "demo" and times is up else ""
                print(f"  {label + ':':42} {times[kind] * 1000:7.0f} ms{ratio}{target}")

        bare_k, app_k = [], []
        for _ in range(max(1, args.rounds // 2)):
            bare_k.append(asyncio.run(typing(bare_app(), 5)))
            session_app = workshop_app(big)
            app_k.append(asyncio.run(typing(session_app, 5)))
            session_app.session.close()
        bare_t, app_t = statistics.median(bare_k), statistics.median(app_k)
        print(f"keystroke to screen: type a {len(CARD)}-key card + Enter "
              f"(median per card)")
        print(f"  bare Textual app:                {bare_t * 1000:7.1f} ms")
        print(f"  workshop, {args.cards} cards on the board: {app_t * 1000:7.1f} ms"
              f"   ratio {app_t / bare_t:.2f}  (target ≤ 1.2)")


if __name__ == "__main__":
    main()
