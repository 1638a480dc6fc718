"""The co-create brainstorm's side panel after a card is typed: its text worked out with
step 2's findings ranked again (as before ``redraw.kept``) against the same text with
them kept (as now, until a change touches step 2), interleaved in one run, on the
realistic workshop (``realistic.py``: 400 gap cards, 12 fishbones; 2,000 co-create
cards by default).

This is the panel's share of an Enter on the wall, not the key-to-frame time (that is
``bench_app.py``'s "Enter on a card").

Run:  .venv/bin/python bench/bench_brainstorm_panel.py  [--cards N] [--rounds N]
Prints every row; not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from frames import load_average, median, realistic_session  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--sessions", type=Path, default=REPO / "bench" / ".sessions")
    args = parser.parse_args()

    from workshop.methods.cocreate import focus
    from workshop.store import Session
    from workshop.tui.widgets.cocreate import panel

    path = realistic_session(args.sessions, args.cards, phase="brainstorm")
    with Session.open(path) as session:
        doc = session.doc
        kept = focus.sources(doc)
        again: list[float] = []
        reused: list[float] = []
        for _ in range(args.rounds):  # interleaved: the machine's moments fall on both
            start = time.perf_counter()
            panel.brainstorm(doc)
            middle = time.perf_counter()
            panel.brainstorm(doc, kept)
            reused.append(time.perf_counter() - middle)
            again.append(middle - start)
    print(f"brainstorm panel, {len(doc.cocreate.cards):,} co-create cards, "
          f"{len(doc.gaps.cards):,} gap cards, {args.rounds} interleaved rounds; "
          f"load {load_average()}")
    for label, samples in (("step 2 ranked again (before)", again),
                           ("step 2 kept (now)", reused)):
        deciles = statistics.quantiles(samples, n=10, method="inclusive")
        print(f"  {label:30} {median(samples) * 1000:6.2f} ms  "
              f"(p10–p90 {deciles[0] * 1000:.2f}–{deciles[-1] * 1000:.2f})")
    print(f"  ratio now / before: {median(reused) / median(again):.2f}×")


if __name__ == "__main__":
    main()
