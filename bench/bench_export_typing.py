"""Typing while the report and every handout are exported, against the same typing with
no export, in the same run: does the room feel the export?

The realistic workshop (``realistic.py``: 10 teams, 2,000 co-create cards in 40
clusters, 400 gap cards, 300 actions) is open on the co-create brainstorm, 120×40.
Keys are typed into the card entry at typing pace (one every ``--interval`` ms, 150 by
default) by a thread standing in for the terminal (it posts each key into the app as
Textual's driver does, on time, without waiting for the app to be idle). A key's time
runs from the moment it is posted to the first frame that shows it (the compositor's
refresh after the entry holds it). Three variants, interleaved, each round:

- ``no export``: just the typing;
- ``export (workers)``: F8, a second to choose, "report + every handout": the app as
  shipped, the files made by worker processes (``tui/export_runner.py``);
- ``export (thread)``: the same files made by ``workshop.export.export`` in a thread of
  the app, as the app did before (for comparison).

Only keys typed while the export runs count for the export variants. Prints, per
variant, the median and the 90th percentile of key-to-frame (median and spread over the
rounds), and the ratio to ``no export``. Target: ≤ 1.2× per key.

    .venv/bin/python bench/bench_export_typing.py [--rounds 3] [--keys 60] [--interval 150]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def make_session(folder: Path, cards: int) -> Path:
    from realistic import build

    from workshop.store import Session

    doc = build(cards)
    doc.cocreate.phase = "brainstorm"
    path = folder / "typing.workshop.json"
    Session.create(doc, path, overwrite=True).close()
    return path


class Typist(threading.Thread):
    """Posts `count` keys into `app` at a steady pace, as a terminal's reader would."""

    def __init__(self, app, count: int, interval: float, exporting) -> None:
        super().__init__(daemon=True)
        self.app, self.count, self.interval, self.exporting = app, count, interval, exporting
        self.sent: list[float] = []
        self.during: list[bool] = []

    def run(self) -> None:
        from textual import events

        start = time.perf_counter()
        for i in range(self.count):
            delay = start + i * self.interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            char = LETTERS[i % len(LETTERS)]
            self.during.append(self.exporting())
            self.sent.append(time.perf_counter())
            self.app.post_message(events.Key(char, char))


class Frames:
    """When each typed key first showed: the first refresh after the entry holds it."""

    def __init__(self, app, entry) -> None:
        self.entry = entry
        self.start = len(entry.value)
        self.shown: list[float] = []
        screen = app.screen
        original = screen._compositor_refresh  # the moment a frame goes to the terminal

        def refreshed() -> None:
            original()
            now = time.perf_counter()
            while len(self.shown) < len(entry.value) - self.start:
                self.shown.append(now)

        screen._compositor_refresh = refreshed


async def one_round(path: Path, variant: str, keys: int, interval: float,
                    out: Path) -> list[float]:
    """Key-to-frame times (seconds) of the keys typed (while the export ran)."""
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp
    from workshop.tui.widgets.card_entry import CardEntry

    app = WorkshopApp(session=Session.open(path))
    app.export_folder = lambda: out  # type: ignore[method-assign]
    thread_done = threading.Event()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            entry = app.screen.query_one(CardEntry).input
            entry.focus()
            await pilot.pause()

            def exporting() -> bool:
                if variant == "export (workers)":
                    return app.exports.status is not None
                if variant == "export (thread)":
                    return not thread_done.is_set()
                return True

            if variant == "export (workers)":
                await pilot.press("f8")
                await asyncio.sleep(1.0)  # the facilitator reads the menu
                await pilot.press("down", "enter")  # report + every handout
                await pilot.pause()
            elif variant == "export (thread)":
                from workshop.export import export

                def old_export() -> None:  # what run_export did before the workers
                    try:
                        doc = app.session.doc.model_copy(deep=True)
                        export(doc, "pdf", all_teams=True, lang="zh", out=out)
                    finally:
                        thread_done.set()

                app.run_worker(old_export, thread=True, group="old-export")
            frames = Frames(app, entry)
            typist = Typist(app, keys, interval, exporting)
            typist.start()
            while typist.is_alive() or len(frames.shown) < len(typist.sent):
                await asyncio.sleep(0.05)
                if not typist.is_alive() and time.perf_counter() - typist.sent[-1] > 10:
                    break
            while exporting() and variant != "no export":  # never overlap the next round
                await asyncio.sleep(0.1)
            await app.workers.wait_for_complete()
            return [shown - sent for sent, shown, during
                    in zip(typist.sent, frames.shown, typist.during, strict=False) if during]
    finally:
        app.session.close()


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--interval", type=float, default=150, help="ms between keys")
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--nice", type=int, default=None,
                        help="the workers' niceness (default: the app's own)")
    args = parser.parse_args()
    if args.nice is not None:
        from workshop.tui import export_runner

        export_runner.WORKER_NICE = args.nice
    variants = ["no export", "export (workers)", "export (thread)"]
    medians: dict[str, list[float]] = {v: [] for v in variants}
    p90s: dict[str, list[float]] = {v: [] for v in variants}
    counts: dict[str, int] = dict.fromkeys(variants, 0)
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["WORKSHOP_DATA_DIR"] = str(folder / "data")
        path = make_session(folder, args.cards)
        for round_ in range(args.rounds):
            order = variants[round_ % 3:] + variants[:round_ % 3]
            for variant in order:
                out = folder / f"out-{round_}-{variant.split()[-1].strip('()')}"
                times = asyncio.run(one_round(path, variant, args.keys,
                                              args.interval / 1000, out))
                if times:
                    medians[variant].append(statistics.median(times))
                    p90s[variant].append(p90(times))
                    counts[variant] += len(times)
            loads.append(os.getloadavg()[0])

    print(f"typing while exporting (report + every handout), realistic workshop with "
          f"{args.cards} cards, a key every {args.interval:.0f} ms, {args.rounds} rounds, "
          f"load average {min(loads):.1f}–{max(loads):.1f}")
    print(f"  {'':18} {'keys':>5} {'median key→frame (spread)':>28} {'p90 (spread)':>24}"
          f" {'ratio':>7}")
    base = statistics.median(medians["no export"])
    for variant in variants:
        if not medians[variant]:
            print(f"  {variant:18} no keys typed while it ran")
            continue
        med, tail = medians[variant], p90s[variant]
        print(f"  {variant:18} {counts[variant]:5d} "
              f"{statistics.median(med) * 1000:9.1f} ms ({min(med) * 1000:.0f}–"
              f"{max(med) * 1000:.0f}) {statistics.median(tail) * 1000:11.1f} ms "
              f"({min(tail) * 1000:.0f}–{max(tail) * 1000:.0f}) "
              f"{statistics.median(med) / base:6.2f}×")
    print("  target: export (workers) ≤ 1.2× no export, per key")


if __name__ == "__main__":
    main()
