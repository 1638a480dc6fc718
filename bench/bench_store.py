"""How long a change and an undo take on a session with 2,000 cards.

Run from the repository:  python bench/bench_store.py [--dir FOLDER] [--cards N] [--ops N]

Prints the median milliseconds per operation and the ratio to a baseline measured in the
same run: ``json.dumps`` of the same data plus a plain file write, without fsync
(once with the session's own formatting, indent=1, and once compact, which uses
the C encoder). `--dir` chooses the disk: fsync costs differ a lot between disks.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from workshop.model import Card, Member, Meta, Team, Workshop
from workshop.store import Session
from workshop.store.atomic import _write_atomic
from workshop.store.codec import _dump


def build(cards: int) -> Workshop:
    doc = Workshop(
        meta=Meta(title="山东区 2027 年度目标分解工作坊", organization="示例科技 山东区"),
        teams=[Team(name=f"第{i + 1}组", members=[Member(name=f"成员{i}-{j}") for j in range(6)])
               for i in range(10)],
    )
    for i in range(cards):
        doc.cocreate.cards.append(Card(
            text=f"第{i}张：建立重点客户分级拜访制度，每月复盘转化率 idea {i}",
            step="cocreate", board="idea", team_id=doc.teams[i % 10].id))
    return doc


def add_card(doc: Workshop, text: str) -> str:
    card = Card(text=text, step="cocreate", board="idea")
    doc.cocreate.cards.append(card)
    return card.id


def per_op_ms(fn, n: int) -> float:
    """The median time of one call, in ms (the machine's hiccups do not move it)."""
    samples = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="folder to write in (a temp one)")
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--ops", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        doc = build(args.cards)
        data = doc.model_dump(mode="json")
        size = len(_dump(doc))

        def baseline_indented(i: int) -> None:
            with open(folder / "baseline.json", "w", encoding="utf-8") as fh:
                fh.write(json.dumps(data, ensure_ascii=False, indent=1))

        def baseline_compact(i: int) -> None:
            with open(folder / "baseline.json", "w", encoding="utf-8") as fh:
                fh.write(json.dumps(data, ensure_ascii=False))

        base_ind = per_op_ms(baseline_indented, max(10, args.ops // 4))
        base_cmp = per_op_ms(baseline_compact, args.ops)

        # the parts of one apply, alone
        saved = _dump(doc)
        dump_ms = per_op_ms(lambda i: _dump(doc), args.ops)
        compact_ms = per_op_ms(
            lambda i: Workshop.__pydantic_serializer__.to_json(doc, warnings="error"), args.ops)
        zip_ms = per_op_ms(lambda i: zlib.compress(saved, 1), args.ops)
        write_ms = per_op_ms(lambda i: _write_atomic(folder / "parts.workshop.json", saved),
                             args.ops)

        with Session.create(doc, folder / f"bench{'.workshop.json'}") as session:
            apply_ms = per_op_ms(lambda i: session.apply("add", add_card, f"新卡片 {i}"),
                                 args.ops)
            undo_ms = per_op_ms(lambda i: session.undo(), args.ops)
            redo_ms = per_op_ms(lambda i: session.redo(), min(args.ops, 50))

    print(f"session: {args.cards} cards, {size / 1024:.0f} KiB on disk; {args.ops} ops each; "
          f"folder {args.dir or tempfile.gettempdir()}")
    print(f"baseline json.dumps(indent=1) + write, no fsync : {base_ind:7.2f} ms")
    print(f"baseline json.dumps(compact)  + write, no fsync : {base_cmp:7.2f} ms")
    print("parts of an apply:")
    print(f"  serialise (pydantic, indent=1)               : {dump_ms:7.2f} ms")
    print(f"  (serialise compact, for comparison)          : {compact_ms:7.2f} ms")
    print(f"  zlib level 1 of the previous state (overlaps): {zip_ms:7.2f} ms")
    print(f"  write_atomic (write, fsync, replace, fsync)  : {write_ms:7.2f} ms")
    for name, ms in (("apply", apply_ms), ("undo", undo_ms), ("redo", redo_ms)):
        print(f"{name:5} {ms:7.2f} ms/op   x{ms / base_ind:5.2f} of indent=1 baseline   "
              f"x{ms / base_cmp:5.2f} of compact baseline")


if __name__ == "__main__":
    main()
