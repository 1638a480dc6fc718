"""The co-creation board with 2,000 cards in 40 clusters: adding, moving and voting a
card, against the same keystrokes in a bare Textual app measured in the same run.

Keystroke to screen, as in ``bench_app.py``: each key is handed to the app as the
terminal driver would, and the time runs until the compositor's next refresh (the
moment the screen shows the change), taken inside that refresh. The bare app is a
Header, an Input and a Footer; the same keys go into its Input. A card's time is the
sum of its keystrokes' times.

1. Adding: type a 15-key card and press Enter (brainstorm phase); median per card, and
   the Enter alone.
2. Moving: ``.`` moves the card under the cursor into the cluster the last card went to
   (the cursor stays, on the next card: sorting a cluster's cards one key each); and
   ``]``/``[`` carry the card into the next/previous cluster, the cursor going with it
   (the board scrolls a whole cluster each time). Cluster phase; median per keystroke.
3. Voting: ``+`` places a dot on the cluster under the cursor, ``-`` takes it back
   (vote phase); median per keystroke.

Target: every ratio ≤ 1.2. A change is saved (fsync) before the board shows it (what is
on screen is on disk), so the key-to-screen time includes the save; "to saved" is the
time from the key until the save returned.

Run:  .venv/bin/python bench/bench_board.py  [--rounds N] [--cards N] [--clusters N]
Prints absolute times and ratios; not a test (machines here are noisy).
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

from bench_app import CARD, bare_app  # noqa: E402


def make_session(folder: Path, cards: int, clusters: int, phase: str) -> Path:
    """`cards` idea cards in `clusters` named clusters (the first team's turn)."""
    from workshop.model import Card, Cluster
    from workshop.scenario import load_scenario
    from workshop.store import Session

    doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
    doc.room.step = "cocreate"
    doc.room.turn.team_id = doc.teams[0].id
    section = doc.cocreate
    section.clusters = [Cluster(name=f"策略 {k + 1}：建立客户分级拜访制度")
                        for k in range(clusters)]
    teams = [team.id for team in doc.teams]
    for i in range(cards):
        section.cards.append(Card(text=f"第 {i} 张卡片：提高拜访质量，建立客户档案",
                                  step="cocreate", board="idea",
                                  team_id=teams[i % len(teams)],
                                  cluster_id=section.clusters[i % clusters].id))
    section.phase = phase  # type: ignore[assignment]
    section.dots = 20
    path = folder / f"board-{phase}.workshop.json"
    Session.create(doc, path, overwrite=True).close()
    return path


class Stopwatch:
    """Times keystrokes: key event → next compositor refresh, and → the change saved."""

    def __init__(self, app) -> None:
        self.app = app
        self.rendered = asyncio.Event()
        self.saved = asyncio.Event()
        self.rendered_at = 0.0
        self.saved_at = 0.0

    def install(self) -> None:
        # The times are taken where things happen, not when this coroutine next runs: the
        # save may run right after the screen is drawn, before the waiter wakes up.
        screen = self.app.screen
        original = screen._compositor_refresh

        def refreshed() -> None:
            original()
            if not self.rendered.is_set():
                self.rendered_at = time.perf_counter()
                self.rendered.set()

        screen._compositor_refresh = refreshed
        if hasattr(self.app, "edit"):
            edit = self.app.edit

            def edited(*args, **kwargs):
                result = edit(*args, **kwargs)
                self.saved_at = time.perf_counter()
                self.saved.set()
                return result

            self.app.edit = edited

    async def key(self, key: str, char: str | None, *, saves: bool = True) -> tuple[float, float]:
        from textual import events

        self.rendered.clear()
        self.saved.clear()
        start = time.perf_counter()
        self.app.post_message(events.Key(key, char))
        await asyncio.wait_for(self.rendered.wait(), 10)
        shown = self.rendered_at - start
        saved = shown
        if saves and hasattr(self.app, "session"):
            await asyncio.wait_for(self.saved.wait(), 10)
            saved = self.saved_at - start
        return shown, saved


async def adding(app, cards: int) -> dict[str, float]:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        watch = Stopwatch(app)
        watch.install()
        per_card, enters, saves = [], [], []
        for _ in range(cards):
            typed = 0.0
            for char in CARD:
                typed += (await watch.key(char, char, saves=False))[0]  # typing saves nothing
            shown, saved = await watch.key("enter", "\r")
            per_card.append(typed + shown)
            enters.append(shown)
            saves.append(saved)
            await pilot.pause()
        return {"card": statistics.median(per_card), "enter": statistics.median(enters),
                "saved": statistics.median(saves)}


async def pressing(app, keys: list[tuple[str, str]], rounds: int,
                   prepare=None) -> dict[str, float]:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if prepare is not None:
            await prepare(app, pilot)
        watch = Stopwatch(app)
        watch.install()
        shown_all, saved_all = [], []
        for _ in range(rounds):
            for key, char in keys:
                shown, saved = await watch.key(key, char)
                shown_all.append(shown)
                saved_all.append(saved)
                await pilot.pause()
        return {"key": statistics.median(shown_all), "saved": statistics.median(saved_all)}


async def to_middle_card(app, pilot) -> None:
    """Put the cursor on a card in the middle of the board (a cluster with neighbours)."""
    board = app.screen.active_pane.board
    board.cursor = len(board.cards) // 2
    await pilot.pause()


async def sorting(app, pilot) -> None:
    """The cursor at the top of a cluster; the last move went to the cluster after it."""
    pane = app.screen.active_pane
    board = pane.board
    middle = len(board.sections) // 2
    board.select(board.sections[middle].cards[0].id)
    pane.last_target = board.sections[middle + 1].key
    await pilot.pause()


def workshop_app(path: Path):
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    return WorkshopApp(session=Session.open(path))


def run(coro_factory, path: Path | None):
    app = bare_app() if path is None else workshop_app(path)
    try:
        return asyncio.run(coro_factory(app))
    finally:
        if path is not None:
            app.session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--clusters", type=int, default=40)
    args = parser.parse_args()
    sort = [("full_stop", ".")]
    moves = [("right_square_bracket", "]"), ("left_square_bracket", "[")]
    dots = [("plus", "+"), ("minus", "-")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["WORKSHOP_DATA_DIR"] = str(folder / "data")
        paths = {phase: make_session(folder, args.cards, args.clusters, phase)
                 for phase in ("brainstorm", "cluster", "vote")}
        results: dict[str, dict[str, list[float]]] = {}

        def keep(name: str, values: dict[str, float]) -> None:
            for key, value in values.items():
                results.setdefault(name, {}).setdefault(key, []).append(value)

        for _ in range(args.rounds):  # interleaved, so load on the machine hits both alike
            keep("bare add", run(lambda app: adding(app, 4), None))
            keep("add", run(lambda app: adding(app, 4), paths["brainstorm"]))
            keep("bare sort", run(lambda app: pressing(app, sort, 16), None))
            keep("sort", run(lambda app: pressing(app, sort, 16, sorting), paths["cluster"]))
            keep("bare move", run(lambda app: pressing(app, moves, 8), None))
            keep("move", run(lambda app: pressing(app, moves, 8, to_middle_card),
                             paths["cluster"]))
            keep("bare vote", run(lambda app: pressing(app, dots, 8), None))
            keep("vote", run(lambda app: pressing(app, dots, 8, to_middle_card),
                             paths["vote"]))

    def median(name: str, key: str) -> float:
        return statistics.median(results[name][key])

    print(f"co-creation board: {args.cards} cards in {args.clusters} clusters, "
          f"{args.rounds} rounds, median per keystroke (ms)")
    rows = [
        ("add a card: 15 keys + Enter", "add", "bare add", "card"),
        ("  the Enter alone", "add", "bare add", "enter"),
        ("move a card: . (same cluster)", "sort", "bare sort", "key"),
        ("carry a card: ] and [", "move", "bare move", "key"),
        ("vote: + and -", "vote", "bare vote", "key"),
    ]
    print(f"  {'':34} {'bare':>8} {'board':>8} {'ratio':>7}   {'to saved':>9}")
    for label, name, bare, key in rows:
        ours, base = median(name, key), median(bare, key)
        saved = median(name, "saved")
        print(f"  {label:34} {base * 1000:8.1f} {ours * 1000:8.1f} {ours / base:7.2f}"
              f"   {saved * 1000:9.1f}   (target ≤ 1.2)")


if __name__ == "__main__":
    main()
