"""The work a killed child does in the crash tests, and its twin in memory.

Both the child process and the test run :func:`next_op` on equal documents with
equal random generators, and ``workshop.ids`` draws its ids from a seeded generator
(:func:`seed_ids`), so the test knows, for every step the child acknowledges, the
document the child had then (:class:`Mirror`), ids included; only times differ
(:func:`canonical` leaves them out).
"""

from __future__ import annotations

import contextlib
import random
import secrets
from collections.abc import Callable
from typing import Any

from workshop.edits import EditError
from workshop.edits import cards as card_edits
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import gaps as gaps_edits
from workshop.edits import plan as plan_edits
from workshop.edits import room as room_edits
from workshop.model import STEPS, Workshop

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
