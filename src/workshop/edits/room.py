"""Edits to the room state (step, clock, turn, projector): saved, never undone.

Each takes the whole document because turn order depends on the teams; they are
run through ``Session.update_room`` by way of a small adapter in the app.
"""

from __future__ import annotations

import time

from workshop.methods import clock as clock_math
from workshop.methods import turns
from workshop.model import StepId, Workshop


def go_to_step(doc: Workshop, step: StepId) -> None:
    """The room moves to `step`: a round of passes ends with the board it was on, and
    the turn's card count starts again."""
    doc.room.step = step
    doc.room.turn.cards_this_turn = 0
    enter_round(doc, step)


def set_hidden_mode(doc: Workshop, step: StepId, on: bool) -> bool:
    """New cards in `step` go on the board hidden (`on`) or openly. Returns `on`."""
    steps = doc.room.hidden_steps
    if on and step not in steps:
        steps.append(step)
    elif not on and step in steps:
        steps.remove(step)
    return on


def enter_round(doc: Workshop, where: str) -> bool:
    """The room works on the board `where` (``gaps:storm``…): passes made on another
    board are forgotten. Returns whether any were."""
    turn = doc.room.turn
    if turn.round == where:
        return False
    turn.round = where
    forgot = bool(turn.passed)
    turn.passed = []
    return forgot


def reset_clock(doc: Workshop, step: StepId | None = None) -> None:
    """A fresh time box for `step` (default: the current step) from the agenda."""
    step = step or doc.room.step
    clock_math.reset(doc.room.clock, doc.agenda.get(step, 0), step)


def toggle_clock(doc: Workshop, now: float | None = None) -> bool:
    """Start or pause the clock; the per-turn countdown pauses with it. Returns running."""
    now = time.time() if now is None else now
    clock = doc.room.clock
    turn = doc.room.turn
    if clock.running:
        clock_math.pause(clock, now)
        if turn.ends_at is not None:
            turn.paused_left = turn.ends_at - now
            turn.ends_at = None
    else:
        if clock.duration_s == 0 and clock.remaining_s == 0:
            reset_clock(doc)
        clock_math.start(clock, now)
        if turn.paused_left is not None:
            turn.ends_at = now + turn.paused_left
            turn.paused_left = None
    return clock.running


def add_minute(doc: Workshop, minutes: int = 1) -> None:
    clock_math.add(doc.room.clock, minutes * 60)


def next_turn(doc: Workshop, now: float | None = None) -> str | None:
    """Hand the turn to the next team that has not passed; a new round when all have."""
    target = turns.next_team_id(doc)
    if target is None:  # every team passed: the round is over, everyone is back in
        doc.room.turn.passed = []
        target = turns.next_team_id(doc) or turns.current_team_id(doc)
    _begin(doc, target, now)
    return target


def pass_turn(doc: Workshop, now: float | None = None, where: str | None = None) -> str | None:
    """The current team passes this round (of the board `where`, when given); the turn
    moves on. None when all have passed."""
    if where is not None:
        enter_round(doc, where)
    current = turns.current_team_id(doc)
    if current is not None and current not in doc.room.turn.passed:
        doc.room.turn.passed.append(current)
    target = turns.next_team_id(doc)
    if target is None:
        doc.room.turn.passed = []
        _begin(doc, turns.current_team_id(doc), now)
        return None
    _begin(doc, target, now)
    return target


def set_turn(doc: Workshop, team_id: str, now: float | None = None) -> None:
    _begin(doc, team_id, now)


def set_turn_seconds(doc: Workshop, seconds: int | None, now: float | None = None) -> None:
    doc.room.turn.seconds = seconds or None
    _begin(doc, turns.current_team_id(doc), now)


def _begin(doc: Workshop, team_id: str | None, now: float | None) -> None:
    turns.begin_turn(doc.room.turn, team_id, now)
    if doc.room.turn.ends_at is not None and not doc.room.clock.running:
        # the countdown waits for the step clock, like the room does
        doc.room.turn.paused_left = doc.room.turn.ends_at - (time.time() if now is None else now)
        doc.room.turn.ends_at = None
    else:
        doc.room.turn.paused_left = None
