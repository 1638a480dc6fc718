"""Crash safety, measured on the real app: what the room saw is on disk, whenever it dies.

``python -m workshop open SESSION`` runs in a pseudo-terminal (``ptyapp.PtyApp``) on a
session in the gaps step, with the co-create step (brainstorm, cluster, vote) and the
plan two and three steps on. Each round the app is started again on the same session
(which proves the last round's session opens and its dead program's lock does not
block), does a few seeded random things a room does (cards, step changes, co-create
phases, moves and dots, actions, undo and redo, exports) and is killed with SIGKILL at a
seeded random moment: right after Enter, mid-typing, during a step change, during an
export, after undo, on the co-create board. After every kill:

- every card (and action) on the last screen the app drew is in the session as loaded
  from disk: the texts carry unique tokens, read back from the screen by a terminal
  emulator (``pyte``);
- the text half-typed in the entry on that screen is the session's draft (or the start
  of it: a key is saved before it is shown);
- the session, its journal and its newest backups load, nothing is set aside as
  damaged, and every export written is whole.

The figures are printed at the end (``pytest -s`` shows them).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from cocreate_factory import voted, with_gaps
from ptyapp import PtyApp, app_env, entry_line
from rooms import saved
from workshop.store import backups, load

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX pty and kill")]

KILLS = int(os.environ.get("WORKSHOP_PTY_KILLS", "52"))
"""Rounds (each a start of the app and a kill); fewer while working on the test."""
SEED = 20261205
PREFIX = "崩溃测试这张卡片记下一个想法"
"""14 CJK characters (28 cells): longer than any notice quotes of a card (24 cells), so a
token seen on screen is on a board, never in an undo notice."""
NUMERALS = "〇一二三四五六七八九"
TOKEN = re.compile(f"·([{NUMERALS}]+号[{NUMERALS}]+)(?![{NUMERALS}…])")
"""A card's token as the board shows it, not cut short by an ellipsis. All CJK: typed
where no entry has the focus, it triggers no key."""

F2, F3, F8, END = "\x1bOQ", "\x1bOR", "\x1b[19~", "\x1b[F"
CTRL_N, CTRL_G, CTRL_Z, CTRL_Y = "\x0e", "\x07", "\x1a", "\x19"
TAB, ESC, ENTER = "\t", "\x1b", "\r"
KILL_KINDS = ("after_enter", "mid_typing", "step_change", "export", "undo", "cocreate_board")
STEPS = {"复盘：": "review", "第一步": "vision", "第二步": "gaps", "第三步": "charter",
         "第四步": "cocreate", "第五步": "plan", "第六步": "townhall", "课程总结": "summary"}
"""Each step's heading on screen (zh)."""


def numerals(n: int) -> str:
    return "".join(NUMERALS[int(d)] for d in str(n))


def card_text(round_: int, index: int) -> str:
    return f"{PREFIX}·{numerals(round_)}号{numerals(index)}"


def step_on(screen: str) -> str:
    return next((step for mark, step in STEPS.items() if mark in screen), "?")


def board_tokens(screen: str) -> set[str]:
    """Tokens of the cards and actions on the boards (not the entry, not a dialog)."""
    found: set[str] = set()
    for line in screen.splitlines():
        if "█" in line or ("▊" in line and "▎" in line):
            continue
        found.update(TOKEN.findall(line))
    return found


class Room:
    """One round's app, and what it did."""

    def __init__(self, app: PtyApp, rng: random.Random, round_: int) -> None:
        self.app, self.rng, self.round = app, rng, round_
        self.cards = 0
        self.undone = ""
        """A card typed just before the kill's undo: it may vanish with no frame between."""
        self.last_text = ""
        """The text typed last (the frame at a kill may show only the start of it)."""

    def settle(self) -> None:
        self.app.settle(0.15, timeout=3)

    def next_text(self) -> str:
        self.cards += 1
        self.last_text = card_text(self.round, self.cards)
        return self.last_text

    def card(self, *, enter: bool = True, upto: int | None = None) -> None:
        text = self.next_text()
        screen = self.app.text()
        if step_on(screen) == "plan" and entry_line(screen) is None:
            self.app.send("n")  # the plan: a new action, its title typed in a prompt
            self.settle()
        self.app.type(text[:upto] if upto is not None else text)
        if enter:
            self.app.send(ENTER)

    def step_change(self) -> None:
        step = step_on(self.app.text())  # between the gaps and the plan, mostly
        key = F3 if step in ("review", "vision", "gaps") else \
            F2 if step in ("plan", "townhall", "summary") else self.rng.choice([F2, F3])
        self.app.send(key)

    def export(self) -> None:
        self.app.send(F8)
        self.settle()
        self.app.send(self.rng.choice([ENTER, END + ENTER]))  # the report PDF, or JSON

    def undo(self) -> None:
        self.app.send(self.rng.choice([CTRL_Z, CTRL_Z, CTRL_Y]))

    def undo_last_card(self) -> None:
        self.app.send(CTRL_Z)

    def cocreate_board(self) -> None:
        """On the co-create step: another phase, then moves or dots on its board."""
        if step_on(self.app.text()) != "cocreate":
            self.step_change()
            return
        self.app.send(self.rng.choice([CTRL_N, CTRL_N, CTRL_G]))
        self.settle()
        self.app.send(TAB)
        self.settle()
        for _ in range(self.rng.randint(1, 4)):
            self.app.send(self.rng.choice(["+", "+", "-", " ", ".", "]", "[", "\x1b[B"]))
        self.app.send(ESC)

    def warm_up(self) -> None:
        self.rng.choice([self.card, self.card, self.step_change, self.undo,
                         self.cocreate_board, self.export])()
        self.settle()
        self.app.send(ESC)  # out of any dialog or board, back to typing
        self.settle()

    def killing_move(self, kind: str) -> float:
        """Do `kind`; how long after it to kill."""
        if kind == "after_enter":
            self.card()
            return self.rng.uniform(0, 0.08)
        if kind == "mid_typing":  # some of it on screen, then more keys, then the kill
            text = self.next_text()
            cut = self.rng.randint(3, len(PREFIX))
            self.app.type(text[:cut])
            with contextlib.suppress(AssertionError):
                self.app.wait_for(lambda s: (entry_line(s) or "").startswith(PREFIX[:2]), 3)
            self.app.type(text[cut:self.rng.randint(cut, len(text))])
            return self.rng.uniform(0, 0.1)
        if kind == "step_change":
            self.step_change()
            return self.rng.uniform(0, 0.25)
        if kind == "export":
            self.export()
            return self.rng.uniform(0, 1.5)
        if kind == "undo":
            self.card()
            self.undone = card_text(self.round, self.cards)
            with contextlib.suppress(AssertionError):  # the card on the board, then undo
                self.app.wait_for(lambda s: self.undone.split("·")[1] in board_tokens(s), 3)
            self.undo_last_card()
            return self.rng.uniform(0, 0.08)
        self.cocreate_board()
        return self.rng.uniform(0, 0.1)


def broken_files(path: Path) -> list[str]:
    """Files of the session that do not load, were set aside as damaged, or are exports
    cut short."""
    broken = [p.name for p in path.parent.iterdir()
              if ".damaged-" in p.name or ".corrupt-" in p.name]
    for backup in backups(path)[:2]:
        try:
            load(backup)
        except Exception as error:  # any failure is a broken file
            broken.append(f"{backup.name}: {error}")
    exports = path.parent / "exports"
    for export in exports.iterdir() if exports.is_dir() else ():
        if export.name.startswith("."):
            continue  # a temp file of a write the kill cut short; the export is not there
        data = export.read_bytes()
        if (export.suffix == ".pdf" and not data.rstrip().endswith(b"%%EOF")) or \
                (export.suffix == ".json" and not _parses(data)):
            broken.append(export.name)
    return broken


def _parses(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def test_sigkill_at_random_moments_loses_nothing_the_room_saw(tmp_path):
    doc = with_gaps(voted())
    doc.cocreate.phase = "brainstorm"
    path = saved(doc, tmp_path / "room.workshop.json", "gaps")
    env = app_env(tmp_path / "data")
    rng = random.Random(SEED)
    figures: Counter[str] = Counter()
    problems: list[str] = []
    seen: set[str] = set()
    started = time.monotonic()
    for round_ in range(1, KILLS + 1):
        kind = KILL_KINDS[(round_ - 1) % len(KILL_KINDS)] if round_ <= len(KILL_KINDS) \
            else rng.choice(KILL_KINDS)
        draft = load(path).room.draft
        app = PtyApp(["open", str(path)], env, size=(100, 30), cwd=tmp_path)
        try:
            try:  # the last round's session opens, over its dead program's lock
                app.wait_for(lambda s: "Ctrl+Q" in s and step_on(s) != "?", 40)
            except AssertionError as error:
                figures["opens refused"] += 1
                problems.append(f"round {round_}: did not open: {error}")
                continue
            room = Room(app, rng, round_)
            app.settle(0.2, timeout=3)
            if draft.startswith(PREFIX[:2]):  # the last round's draft: the room adds it
                with contextlib.suppress(AssertionError):  # (a step with no entry: it waits)
                    app.wait_for(lambda s, draft=draft: entry_line(s) == draft, 5)
                    app.send(ENTER)
                    app.wait_for(lambda s, draft=draft: entry_line(s) != draft, 5)
            for _ in range(rng.randint(0, 2)):
                room.warm_up()
            time.sleep(room.killing_move(kind))
            app.kill(signal.SIGKILL)
            app.wait(10)
            app.drain()
            screen = app.text()
        finally:
            app.close()
        figures["kills"] += 1
        figures[f"kills {kind}"] += 1
        doc_now = load(path)
        dump = json.dumps(doc_now.model_dump(mode="json"), ensure_ascii=False)
        shown = board_tokens(screen)
        figures["cards on screen"] += len(shown)
        seen |= shown
        undone = room.undone.partition("·")[2]
        for token in sorted(shown):
            stored = re.search(f"·{token}(?![{NUMERALS}])", dump) is not None
            if token == undone and not stored:
                figures["cards undone before the next frame"] += 1  # the room's own Ctrl+Z
            elif not stored:
                figures["cards lost"] += 1
                problems.append(f"round {round_} ({kind}): card ·{token} was on screen, "
                                f"not in the session\n{screen}")
        typed = entry_line(screen) or ""
        if typed.startswith(PREFIX[:2]):
            figures["drafts on screen"] += 1
            # a card, or undone; the frame may lag the keys: what it showed of a card typed
            # to its end and entered is the start of that card
            last = room.last_text if room.last_text.startswith(typed) else typed
            taken = f"{last}\"" in dump or room.undone.startswith(typed)
            if not (doc_now.room.draft.startswith(typed) or taken):
                figures["drafts lost"] += 1
                problems.append(f"round {round_} ({kind}): {typed!r} was being typed, the "
                                f"draft is {doc_now.room.draft!r}")
        broken = broken_files(path)
        figures["broken files"] += len(broken)
        problems += [f"round {round_} ({kind}): broken {name}" for name in broken]
    # the session opens once more, and the lock of the last killed program is no obstacle
    with PtyApp(["open", str(path)], env, cwd=tmp_path) as app:
        app.wait_for("Ctrl+Q", 40)
    figures["seconds"] = round(time.monotonic() - started)
    figures["distinct cards seen"] = len(seen)
    acknowledged = figures["cards on screen"] + figures["drafts on screen"]
    lost = figures["cards lost"] + figures["drafts lost"]
    print(f"\ncrash safety, real app in a pty: kills {figures['kills']}, edits acknowledged "
          f"(on screen at a kill) {acknowledged}, edits lost {lost}, broken files "
          f"{figures['broken files']}, opens refused {figures['opens refused']}; " + ", ".join(
              f"{name} {value}" for name, value in sorted(figures.items())))
    assert not problems, "\n\n".join(problems[:5])
    assert figures["kills"] == KILLS
    assert figures["cards on screen"] > 0 and figures["drafts on screen"] > 0
