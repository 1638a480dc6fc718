"""What saving, undo, redo and opening cost on a realistic workshop, against a fair baseline.

The workshop is ``bench/realistic.py`` (10 teams × 8 members, 40 clusters, 400 gap
cards with fishbones and 5-Why, 300 actions), built through the project's own edits,
with 2,000 and with 20,000 co-create cards. The folder is on a real disk: the current
directory by default (``--dir`` to choose); its file system is printed, and a tmpfs
folder is refused, since fsync costs nothing there.

Baseline, measured in the same rounds: what saving the whole document costs done
plainly: pydantic's ``model_dump_json`` of the same document, written to a file and
fsync'd (no temp file, no rename). Also timed, for comparison: the whole-file atomic
save the store made on every change before it had a journal (indented JSON, temp
file, fsync, rename, fsync of the folder, a backup link).

Rounds are interleaved (each round times every operation once, in a shuffled order),
and each row gives the median, the 10th–90th percentile spread, and the median ratio
to the baseline of the same round.

Run from the repository:  python bench/bench_store.py [--dir FOLDER] [--rounds N]
                                                     [--cards 2000,20000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from realistic import build  # noqa: E402

from workshop.atomic import write_bytes  # noqa: E402
from workshop.edits import cards as card_edits  # noqa: E402
from workshop.edits import room as room_edits  # noqa: E402
from workshop.model import Workshop  # noqa: E402
from workshop.store import Session  # noqa: E402
from workshop.store.backup import _take_backup, _unlink_all  # noqa: E402
from workshop.store.codec import _dump  # noqa: E402


def file_system(folder: Path) -> str:
    """The type of the file system `folder` is on (from /proc/mounts), or "?"."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "?"
    best = ("", "?")
    resolved = str(folder.resolve())
    for fields in mounts:
        point, kind = fields[1], fields[2]
        if (resolved == point or resolved.startswith(point.rstrip("/") + "/")) \
                and len(point) > len(best[0]):
            best = (point, kind)
    return best[1]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def spread(samples: list[float]) -> str:
    if len(samples) < 3:
        return "—"
    deciles = statistics.quantiles(samples, n=10, method="inclusive")
    return f"{deciles[0]:6.2f}–{deciles[-1]:7.2f}"


def measure(doc: Workshop, folder: Path, rounds: int, seed: int) -> dict[str, list[float]]:
    """Interleaved rounds; returns each operation's samples, and per-round ratios."""
    rng = random.Random(seed)
    base_file = folder / "baseline.json"
    old_file = folder / "old-store.workshop.json"
    path = folder / "bench.workshop.json"
    old_file.write_bytes(_dump(doc))
    session = Session.create(doc, path, overwrite=True)
    teams = [team.id for team in session.doc.teams]
    samples: dict[str, list[float]] = {}
    n = 0

    def baseline() -> None:
        with open(base_file, "wb") as fh:
            fh.write(session.doc.model_dump_json().encode())
            fh.flush()
            os.fsync(fh.fileno())

    def old_store_save() -> None:
        _unlink_all(_take_backup(old_file))
        write_bytes(old_file, _dump(session.doc))

    def change_undo_redo() -> None:
        nonlocal n
        n += 1
        samples.setdefault("save one change: a card (apply)", []).append(timed(
            lambda: session.apply("add", card_edits.add_card, "cocreate", f"新卡片 {n}",
                                  team_id=teams[n % len(teams)])))
        samples.setdefault("undo", []).append(timed(session.undo))
        samples.setdefault("redo", []).append(timed(session.redo))

    def room_change() -> None:
        samples.setdefault("save one room change: F4 next team", []).append(timed(
            lambda: session.update_room(room_edits.next_turn, teams)))

    def reopen() -> None:
        nonlocal session
        session.close()  # folds the journal in: not timed
        holder: list[Session] = []
        samples.setdefault("open (read, parse, replay, track)", []).append(timed(
            lambda: holder.append(Session.open(path))))
        session = holder[0]

    def checkpoint() -> None:
        samples.setdefault("new snapshot + backup (checkpoint)", []).append(timed(
            lambda: session.checkpoint(force=True)))

    def parse_only() -> None:
        data = path.read_bytes()
        samples.setdefault("baseline: parse (model_validate_json)", []).append(timed(
            lambda: Workshop.model_validate_json(data)))

    disk_file = folder / "disk.journal"
    record = b"0" * 300

    def disk_floor() -> None:
        with open(disk_file, "ab") as fh:
            def append() -> None:
                fh.write(record)
                fh.flush()
                os.fdatasync(fh.fileno())

            samples.setdefault("disk alone: append 300 B + fdatasync", []).append(
                timed(append))

    groups = [change_undo_redo, room_change, reopen, checkpoint, parse_only, disk_floor]
    for round_ in range(rounds):
        order = [baseline, old_store_save, *groups]
        rng.shuffle(order)
        for step in order:
            if step is baseline:
                samples.setdefault("baseline: model_dump_json + write + fsync", []).append(
                    timed(baseline))
            elif step is old_store_save:
                samples.setdefault("before: whole-file atomic save (old store)", []).append(
                    timed(old_store_save))
            else:
                step()
        del round_
    session.close()
    return samples


ROWS = [
    "baseline: model_dump_json + write + fsync",
    "before: whole-file atomic save (old store)",
    "save one change: a card (apply)",
    "save one room change: F4 next team",
    "undo",
    "redo",
    "new snapshot + backup (checkpoint)",
    "disk alone: append 300 B + fdatasync",
    "baseline: parse (model_validate_json)",
    "open (read, parse, replay, track)",
]


def report(cards: int, doc_size: int, samples: dict[str, list[float]]) -> None:
    base = samples["baseline: model_dump_json + write + fsync"]
    parse = samples["baseline: parse (model_validate_json)"]
    print(f"\n{cards:,} co-create cards, session {doc_size / 1024:,.0f} KiB, "
          f"{len(base)} interleaved rounds")
    print(f"  {'operation':45} {'median ms':>9}  {'p10–p90 ms':>15}  {'× baseline':>10}")
    for name in ROWS:
        values = samples[name]
        against = parse if name.startswith("open") else base
        ratios = [v / b for v, b in zip(values, against, strict=False) if b > 0]
        ratio = f"{statistics.median(ratios):9.3f}×" if not name.startswith("baseline") else ""
        print(f"  {name:45} {statistics.median(values):9.2f}  {spread(values):>15}  {ratio:>10}")
    print("  (open is compared with the parse baseline; every other row with the save one;"
          "\n   a change, an undo and a redo each wait for one fdatasync: the disk row)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path.cwd(),
                        help="folder on the disk to measure (default: the current one)")
    parser.add_argument("--rounds", type=int, default=0,
                        help="interleaved rounds (default 40 at 2,000 cards, 12 at 20,000)")
    parser.add_argument("--cards", default="2000,20000")
    args = parser.parse_args()
    kind = file_system(args.dir)
    if kind in ("tmpfs", "ramfs"):
        raise SystemExit(f"{args.dir} is on {kind} (memory): fsync costs nothing there; "
                         "use --dir on a disk")
    print(f"folder {args.dir} on {kind}; python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    for cards in (int(c) for c in args.cards.split(",")):
        start = time.perf_counter()
        doc = build(cards)
        built = time.perf_counter() - start
        size = len(_dump(doc))
        rounds = args.rounds or (40 if cards <= 5000 else 12)
        with tempfile.TemporaryDirectory(dir=args.dir, prefix=".bench-store-") as tmp:
            samples = measure(doc, Path(tmp), rounds, seed=cards)
        print(f"(built through the edits in {built:.1f} s)")
        report(cards, size, samples)


if __name__ == "__main__":
    main()
