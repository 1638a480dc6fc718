"""The crash tests' children, the launcher that forks them, and their twin in memory.

:class:`Launcher` starts one process (this checkout's ``src`` and ``tests`` on
PYTHONPATH) that imports the store once and forks a real child per round, so dozens of
kills take seconds instead of as many interpreter start-ups. A child runs a function of
this module and prints ``ACK …`` as each change returns.

Both the child process and the test run :func:`next_op` on equal documents with
equal random generators, and ``workshop.ids`` draws its ids from a seeded generator
(:func:`seed_ids`), so the test knows, for every step the child acknowledges, the
document the child had then (:class:`Mirror`), ids included; only times differ
(:func:`canonical` leaves them out).
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workshop.edits import EditError
from workshop.edits import cards as card_edits
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import gaps as gaps_edits
from workshop.edits import plan as plan_edits
from workshop.edits import room as room_edits
from workshop.model import STEPS, Card, Meta, Workshop
from workshop.store import Session

Op = tuple[str, Callable[..., Any] | None, tuple[Any, ...]]
"""(kind, edit, args): kind ``edit``/``room``/``undo``/``redo``/``checkpoint``."""


def seed_ids(seed: int) -> None:
    """Make ``workshop.ids.new_id`` draw from a generator seeded with `seed`."""
    secrets.choice = random.Random(seed).choice  # type: ignore[assignment]


def next_op(doc: Workshop, rng: random.Random, n: int) -> Op:
    """The `n`-th change of a busy room: mostly cards, some sorting, voting, plans, the
    clock and the turn, step changes, undo and redo, and new snapshots."""
    roll = rng.random()
    cards = [c.id for c in doc.cocreate.cards]
    clusters = [k.id for k in doc.cocreate.clusters]
    teams = [t.id for t in doc.teams]
    if roll < 0.30:
        step = rng.choice(["cocreate", "cocreate", "gaps", "summary"])
        return "edit", card_edits.add_card, (step, f"第{n}张卡片：{rng.random():.6f}")
    if roll < 0.38 and cards and clusters:
        return "edit", cocreate_edits.move, ([rng.choice(cards)], rng.choice(clusters))
    if roll < 0.43 and cards:
        return "edit", card_edits.edit_card, (rng.choice(cards), f"改写{n}")
    if roll < 0.47 and cards:
        return "edit", card_edits.delete_card, (rng.choice(cards),)
    if roll < 0.51 and clusters:
        return "edit", cocreate_edits.vote, (rng.choice(clusters), rng.choice(teams))
    if roll < 0.55 and doc.gaps.cards:
        gap = rng.choice(doc.gaps.cards).id
        return "edit", gaps_edits.set_score, (gap, "cost", rng.randint(1, 5))
    if roll < 0.59:
        return "edit", plan_edits.add_action, (f"行动{n}",)
    if roll < 0.63 and doc.plan.actions:
        action = rng.choice(doc.plan.actions).id
        return "edit", plan_edits.update_action, (action, {"measure": f"指标{n}",
                                                            "pdca_check": f"每周复盘{n}"})
    if roll < 0.70:
        return "room", room_edits.next_turn, (teams, 1000.0 + n)
    if roll < 0.74:
        return "room", room_edits.enter_step, (rng.choice(STEPS), 30)
    if roll < 0.78:
        return "room", room_edits.set_draft, (f"正在输入{n}",)
    if roll < 0.81:
        return "room", room_edits.toggle_clock, (30, 1000.0 + n)
    if roll < 0.89:
        return "undo", None, ()
    if roll < 0.94:
        return "redo", None, ()
    return "checkpoint", None, ()


def canonical(doc: Workshop) -> Any:
    """The document without its times (the child and its twin run at other moments)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "at" and not k.endswith("_at")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(doc.model_dump(mode="json"))


class Mirror:
    """The child's document, step by step, computed in memory with plain deep copies."""

    def __init__(self, doc: Workshop, seed: int) -> None:
        self.doc = doc.model_copy(deep=True)
        self.rng = random.Random(seed)
        self._undo: list[Workshop] = []
        self._redo: list[Workshop] = []
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        kind, edit, args = next_op(self.doc, self.rng, self.steps)
        if kind == "edit":
            before = self.doc.model_copy(deep=True)
            try:
                edit(self.doc, *args)  # type: ignore[misc]
            except EditError:
                self.doc = before
            else:
                self._undo.append(before)
                self._redo.clear()
        elif kind == "room":
            edit(self.doc.room, *args)  # type: ignore[misc]
        elif kind in ("undo", "redo"):
            source, target = (self._undo, self._redo) if kind == "undo" else \
                (self._redo, self._undo)
            if source:
                target.append(self.doc.model_copy(deep=True))
                restored = source.pop()
                restored.room = self.doc.room  # undo never rewinds the room
                self.doc = restored


def run_child(session: Any, seed: int, say: Callable[[str], None]) -> None:
    """The child: the same steps on a real session, acknowledging each when it returns,
    and checkpointing when one is due, as the app's clock tick does."""
    rng = random.Random(seed)
    n = 1
    while True:
        kind, edit, args = next_op(session.doc, rng, n)
        if kind == "edit":
            with contextlib.suppress(EditError):
                session.apply(f"step {n}", edit, *args)
        elif kind == "room":
            session.update_room(edit, *args)
        elif kind == "undo":
            session.undo()
        elif kind == "redo":
            session.redo()
        else:
            session.checkpoint(force=True)
        say(f"ACK {n}")
        session.checkpoint()
        n += 1


# -- children -----------------------------------------------------------------------------


def _say(text: str) -> None:
    # One write of the whole line: print() may write the text and its newline apart, and
    # a kill between the two left "ACK 40" glued to the launcher's next line.
    os.write(sys.stdout.fileno(), f"{text}\n".encode())


def busy_room(path: str, seed: str) -> None:
    """Open the session at `path` and run :func:`run_child` with `seed` (ids too)."""
    seed_ids(int(seed))
    run_child(Session.open(Path(path)), int(seed), _say)


def card_after_card(path: str, mode: str) -> None:
    """Create a session at `path` and add cards, printing ``ACK <card id>`` after each;
    in mode ``sleep``, stop after the first."""

    def add(doc: Workshop, text: str) -> str:
        card = Card(text=text, step="cocreate", board="idea")
        doc.cocreate.cards.append(card)
        return card.id

    session = Session.create(Workshop(meta=Meta(title="崩溃测试")), Path(path))
    n = 0
    while True:
        n += 1
        _say(f"ACK {session.apply(f'添加卡片 {n}', add, f'第{n}张卡片')}")
        if mode == "sleep":
            time.sleep(60)


# -- the launcher -------------------------------------------------------------------------

_LAUNCHER = """
import importlib, os, sys, traceback
print("READY", flush=True)
for line in sys.stdin:
    command, *args = line.split()
    if command == "run":
        pid = os.fork()
        if pid == 0:
            try:
                getattr(importlib.import_module("crashwork"), args[0])(*args[1:])
            except BaseException as error:
                traceback.print_exc()
                print("FAILED", type(error).__name__, str(error).replace("\\n", " "),
                      flush=True)
            finally:
                os._exit(1)
        print("PID", pid, flush=True)
    elif command == "reap":
        os.waitpid(int(args[0]), 0)
        print("REAPED", flush=True)
"""

ANSWER_TIMEOUT = 60.0
"""Seconds to wait for a line from the launcher or its child before the test fails: a
child that stopped acknowledging must fail the test, not hang the run."""


class Launcher:
    """The forking launcher; use it as a context manager.

    Its output is read by a thread into a queue, so that every read has a deadline; a
    child that raised prints ``FAILED <error>`` and :meth:`readline` raises it here."""

    def __init__(self) -> None:
        tests = Path(__file__).resolve().parent
        env = {**os.environ,
               "PYTHONPATH": os.pathsep.join([str(tests.parent / "src"), str(tests)])}
        self.proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, text=True,
                                     encoding="utf-8", start_new_session=True)
        self._lines: queue.Queue[str] = queue.Queue()
        self._seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        assert self.readline() == ["READY"]

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._seen.append(line)
            self._lines.put(line)
        self._lines.put("")  # end of output

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.proc.stdin is not None
        if exc[0] is not None:  # a failed round may leave a child running: end them all
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(BrokenPipeError):
            self.proc.stdin.close()
        self.proc.wait(timeout=30)

    def send(self, *words: object) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(" ".join(str(w) for w in words) + "\n")
        self.proc.stdin.flush()

    def readline(self, timeout: float = ANSWER_TIMEOUT) -> list[str]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise ChildStalled(f"no line from the launcher in {timeout:.0f} s; its processes: "
                               f"{self._processes()}; last lines: {self._seen[-4:]!r}") from None
        words = line.split()
        if not line:
            raise ChildStalled("the launcher ended")
        if words[:1] == ["FAILED"]:
            raise ChildStalled(f"the child raised {' '.join(words[1:])}")
        return words

    def _processes(self) -> str:
        """Each process of the launcher's group: pid, state and what it waits in (Linux)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == self.proc.pid:  # the process group
                    wchan = (stat.parent / "wchan").read_text()
                    found.append(f"{stat.parent.name} {fields[0]} {wchan}")
        return ", ".join(found) or "none found"

    def run(self, child: str, *args: object) -> None:
        """Fork a child that runs ``crashwork.<child>(*args)``; it answers ``PID n``."""
        self.send("run", child, *args)

    def reap(self, pid: int) -> list[list[str]]:
        """Reap the killed `pid`, as the shell would; the lines it printed before dying."""
        self.send("reap", pid)
        lines = []
        while (line := self.readline()) != ["REAPED"]:
            lines.append(line)
        return lines


class ChildStalled(AssertionError):
    """The child or the launcher stopped answering, or the child raised."""
