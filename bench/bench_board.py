"""The co-create wall of the realistic workshop: adding, moving and voting cards, against
the same keys in a bare Textual app (Header, Input, Footer) measured in the same run.

The workshop is ``realistic.py`` (10 teams, 2,000 co-create cards by default in 40 named,
voted clusters, 400 gap cards, 300 actions), built through the project's own edits and
run as the command runs it (``frames.running``). Keys are pressed by another thread at
typing pace (a key every 120 ms), whatever the app is doing: nothing waits for it to be
idle, so work done after a frame delays the next key and counts. Each key is timed from
its press to the first frame that shows its effect (``frames.FrameClock``):

1. Adding (brainstorm): cards of 14 keys and Enter, as in ``bench_app.py``: a letter is
   shown when the entry holds it; Enter when the entry is emptied and the new card is
   under the cursor on the wall.
2. Moving (clustering): ``.`` moves the card under the cursor into the cluster the last
   card went to (the cursor stays, on the next card): shown when the wall's section of
   that cluster holds one card more; ``]`` and ``[`` carry the card into the next and
   back into its cluster, the cursor going with it: shown when the wall shows the card
   in the section it went to (and the change is made).
3. Voting: ``-`` takes a dot back from a cluster the team voted for and ``+`` puts it
   back: shown in the first frame after the change is made (the app's revision).

The bare app's keys are the same characters typed into its Input: shown when the Input
holds them. Rounds are interleaved (bare, then the workshop, each round); figures are
medians with their spread (10th–90th percentile) over every key of every round, and the
ratio of the medians. Target: every ratio ≤ 1.5 (issue 17's for Enter).

Run:  .venv/bin/python bench/bench_board.py  [--rounds N] [--cards N] [--keys N]
Prints every row; not a test (machines here are noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from bench_app import CARD, TypingProgress, type_cards, wait_for_quiet_work  # noqa: E402
from frames import (  # noqa: E402
    TYPING_PACE,
    FrameClock,
    Keyboard,
    bare_app,
    fresh_copy,
    header,
    load_average,
    realistic_session,
    row,
    running,
)

KEY_NAMES = {".": "full_stop", "]": "right_square_bracket", "[": "left_square_bracket",
             "+": "plus", "-": "minus"}


def section_of(board, card_id: str) -> str | None:
    """The key of the wall's section that shows the card, as drawn."""
    for section in board.sections:
        if any(card.id == card_id for card in section.cards):
            return section.key
    return None


def section_size(board, key: str) -> int:
    return next((len(s.cards) for s in board.sections if s.key == key), 0)


async def play(app, clock: FrameClock, chars: str,
               shows: Callable[[int], Callable[[object], bool]]) -> list[float]:
    """Press `chars` at typing pace; seconds from each press to the first frame for which
    ``shows(i)(app)`` holds (i: the key's place in `chars`)."""
    start = time.perf_counter() + 0.3
    plan = [(start + i * TYPING_PACE, KEY_NAMES.get(char, char), char)
            for i, char in enumerate(chars)]
    waits = [clock.expect(shows(i), moment) for i, (moment, *_rest) in enumerate(plan)]
    keyboard = Keyboard(app)
    await keyboard.play_at(plan)
    return [await clock.when(waiting) - pressed
            for waiting, pressed in zip(waits, keyboard.pressed, strict=True)]


# -- the workshop ---------------------------------------------------------------------------

async def adding(app, cards: int) -> dict[str, list[float]]:
    from workshop.tui.widgets.card_entry import CardEntry

    pane = app.screen.active_pane
    entry = app.screen.query_one(CardEntry).input
    entry.focus()
    await asyncio.sleep(0.3)
    clock = FrameClock(app)
    clock.install()
    times = await type_cards(app, clock, TypingProgress(lambda: entry, lambda: pane.board),
                             cards)
    return {"letter": times["key"] + times["after_enter"], "enter": times["enter"]}


async def sorting(app, keys: int) -> dict[str, list[float]]:
    """``.`` again and again: cards of a cluster go one key each into the next cluster."""
    pane = app.screen.active_pane
    board = pane.board
    middle = len(board.sections) // 2
    source, target = board.sections[middle], board.sections[middle + 1]
    board.select(source.cards[0].id)
    pane.last_target = target.key
    await asyncio.sleep(0.5)
    before = section_size(board, target.key)
    clock = FrameClock(app)
    clock.install()
    times = await play(app, clock, "." * min(keys, len(source.cards) - 1),
                       lambda i: lambda app: section_size(board, target.key) >= before + i + 1)
    return {"sort": times}


async def carrying(app, keys: int) -> dict[str, list[float]]:
    """``]`` then ``[``, again and again: a card carried to the next cluster and back."""
    board = app.screen.active_pane.board
    middle = len(board.sections) // 2
    home, there = board.sections[middle].key, board.sections[middle + 1].key
    card_id = board.sections[middle].cards[0].id
    board.select(card_id)
    await asyncio.sleep(0.5)
    revision = app.revision
    clock = FrameClock(app)
    clock.install()

    def shows(i: int):
        where = there if i % 2 == 0 else home
        return lambda app: app.revision >= revision + i + 1 and \
            section_of(board, card_id) == where

    return {"carry": await play(app, clock, "][" * (keys // 2), shows)}


async def voting(app, keys: int) -> dict[str, list[float]]:
    """``-`` then ``+`` on a cluster the team at the keyboard has a dot on."""
    from workshop.methods import turns

    pane = app.screen.active_pane
    board = pane.board
    doc = app.session.doc
    team_id = turns.current_team_id(doc)
    voted = {cluster.id for cluster in doc.cocreate.clusters
             if any(vote.team_id == team_id for vote in cluster.votes)}
    target = next(s for s in board.sections if s.key in voted)
    board.select(target.cards[0].id)
    await asyncio.sleep(0.5)
    revision = app.revision
    clock = FrameClock(app)
    clock.install()
    return {"vote": await play(app, clock, "-+" * (keys // 2),
                               lambda i: lambda app: app.revision >= revision + i + 1)}


def run_workshop(path: Path, scratch: Path, measure) -> dict[str, list[float]]:
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    session = Session.open(fresh_copy(path, scratch))

    async def go() -> dict[str, list[float]]:
        app = WorkshopApp(session=session)
        async with running(app):
            await wait_for_quiet_work(app)
            return await measure(app)

    try:
        return asyncio.run(go())
    finally:
        session.close()


# -- the bare app ------------------------------------------------------------------------------

def run_bare(measure) -> dict[str, list[float]]:
    async def go() -> dict[str, list[float]]:
        from textual.widgets import Input

        app = bare_app()
        async with running(app):
            await asyncio.sleep(1.7)
            entry = app.query_one(Input)
            return await measure(app, entry)

    return asyncio.run(go())


async def bare_adding(app, entry, cards: int) -> dict[str, list[float]]:
    clock = FrameClock(app)
    clock.install()
    times = await type_cards(app, clock, TypingProgress(lambda: entry), cards)
    return {"letter": times["key"] + times["after_enter"], "enter": times["enter"]}


async def bare_keys(app, entry, chars: str, name: str) -> dict[str, list[float]]:
    clock = FrameClock(app)
    clock.install()
    return {name: await play(app, clock, chars,
                             lambda i: lambda app: len(entry.value) >= i + 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--typed", type=int, default=3, help="cards typed per round")
    parser.add_argument("--keys", type=int, default=16, help="keys per round and row")
    parser.add_argument("--sessions", type=Path, default=REPO / "bench" / ".sessions")
    args = parser.parse_args()
    paths = {phase: realistic_session(args.sessions, args.cards, step="cocreate", phase=phase)
             for phase in ("brainstorm", "cluster", "vote")}
    keys = args.keys
    ours: dict[str, list[float]] = {}
    bare: dict[str, list[float]] = {}
    loads = [load_average()]

    def keep(into: dict[str, list[float]], got: dict[str, list[float]]) -> None:
        for name, samples in got.items():
            into.setdefault(name, []).extend(samples)

    with tempfile.TemporaryDirectory(dir=REPO / "bench") as tmp:
        os.environ["WORKSHOP_DATA_DIR"] = str(Path(tmp) / "data")
        for r in range(args.rounds):  # interleaved: load on the machine hits both alike
            scratch = Path(tmp) / f"r{r}"
            keep(bare, run_bare(lambda app, entry: bare_adding(app, entry, args.typed)))
            keep(ours, run_workshop(paths["brainstorm"], scratch / "add",
                                    lambda app: adding(app, args.typed)))
            keep(bare, run_bare(lambda app, entry: bare_keys(app, entry, "." * keys, "sort")))
            keep(ours, run_workshop(paths["cluster"], scratch / "sort",
                                    lambda app: sorting(app, keys)))
            keep(bare, run_bare(lambda app, entry: bare_keys(app, entry, "][" * (keys // 2),
                                                             "carry")))
            keep(ours, run_workshop(paths["cluster"], scratch / "carry",
                                    lambda app: carrying(app, keys)))
            keep(bare, run_bare(lambda app, entry: bare_keys(app, entry, "-+" * (keys // 2),
                                                             "vote")))
            keep(ours, run_workshop(paths["vote"], scratch / "vote",
                                    lambda app: voting(app, keys)))
            loads.append(load_average())

    print(f"bench_board: the co-create wall of the realistic workshop, {args.cards:,} cards "
          f"in 40 clusters; {args.rounds} rounds, keys at a key every "
          f"{TYPING_PACE * 1000:.0f} ms; key to the frame that shows it")
    print("  load before, then after each round: " + "; ".join(loads))
    print(header())
    rows = [(f"add: a letter of a card ({len(CARD)} keys)", "letter", ""),
            ("add: Enter, the card on the wall", "enter", "(target ≤ 1.5)"),
            ("sort: . (into the same cluster again)", "sort", "(target ≤ 1.5)"),
            ("carry: ] and [ (next cluster and back)", "carry", "(target ≤ 1.5)"),
            ("vote: - and + (a dot back, then on)", "vote", "(target ≤ 1.5)")]
    for label, name, target in rows:
        print(row(label, ours[name], bare[name], target))


if __name__ == "__main__":
    main()
