"""Edits to the room state (step, clock, turn, projector): saved, never undone.

Each receives the :class:`~workshop.model.Room` and nothing else of the document, and
is run by ``Session.update_room(edit, *args)`` (``app.room`` in the TUI). What a room
edit needs to know about the rest of the workshop comes in as plain arguments: the
teams' ids in turn order, the minutes the agenda gives a step.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from workshop.methods import clock as clock_math
from workshop.methods import turns
from workshop.model import Room, StepId


def enter_step(room: Room, step: StepId, minutes: int) -> None:
    """Go to `step`: a round of passes ends with the board it was on, the turn's card
    count starts again, and a clock nobody has started or changed becomes `step`'s time
    box (`minutes` from the agenda). One change, so one save per step change."""
    clock = room.clock
    untouched = clock.remaining_s == clock.duration_s or clock.duration_s == 0
    room.step = step
    end_card_count(room)
    enter_round(room, step)
    if not clock.running and untouched and clock.step != step:
        reset_clock(room, minutes, step)


def end_card_count(room: Room) -> None:
    """The cards typed stop counting against the turn (the room moved on to something
    else: another step, or from the brainstorm to clustering)."""
    room.turn.cards_this_turn = 0


def set_hidden_mode(room: Room, step: StepId, on: bool) -> bool:
    """New cards in `step` go on the board hidden (`on`) or openly. Returns `on`."""
    steps = room.hidden_steps
    if on and step not in steps:
        steps.append(step)
    elif not on and step in steps:
        steps.remove(step)
    return on


def enter_round(room: Room, where: str) -> bool:
    """The room works on the board `where` (``gaps:storm``…): passes made on another
    board are forgotten. Returns whether any were."""
    turn = room.turn
    if turn.round == where:
        return False
    turn.round = where
    forgot = bool(turn.passed)
    turn.passed = []
    return forgot


def reset_clock(room: Room, minutes: int, step: StepId | None = None) -> None:
    """A fresh time box of `minutes` for `step` (default: the current step)."""
    step = step or room.step
    clock_math.reset(room.clock, minutes, step)


def toggle_clock(room: Room, minutes: int, now: float | None = None) -> bool:
    """Start or pause the clock; the per-turn countdown pauses with it. A clock that was
    never set starts as the current step's time box of `minutes`. Returns running."""
    now = time.time() if now is None else now
    clock = room.clock
    turn = room.turn
    if clock.running:
        clock_math.pause(clock, now)
        if turn.ends_at is not None:
            turn.paused_left = turn.ends_at - now
            turn.ends_at = None
    else:
        if clock.duration_s == 0 and clock.remaining_s == 0:
            reset_clock(room, minutes)
        clock_math.start(clock, now)
        if turn.paused_left is not None:
            turn.ends_at = now + turn.paused_left
            turn.paused_left = None
    return clock.running


def add_minute(room: Room, minutes: int = 1) -> None:
    clock_math.add(room.clock, minutes * 60)


def next_turn(room: Room, team_ids: Sequence[str], now: float | None = None) -> str | None:
    """Hand the turn to the next team that has not passed; a new round when all have."""
    target = turns.next_in(room.turn, team_ids)
    if target is None:  # every team passed: the round is over, everyone is back in
        room.turn.passed = []
        target = turns.next_in(room.turn, team_ids) or turns.current_in(room.turn, team_ids)
    _begin(room, target, now)
    return target


def pass_turn(room: Room, team_ids: Sequence[str], now: float | None = None,
              where: str | None = None) -> str | None:
    """The current team passes this round (of the board `where`, when given); the turn
    moves on. None when all have passed."""
    if where is not None:
        enter_round(room, where)
    current = turns.current_in(room.turn, team_ids)
    if current is not None and current not in room.turn.passed:
        room.turn.passed.append(current)
    target = turns.next_in(room.turn, team_ids)
    if target is None:
        room.turn.passed = []
        _begin(room, turns.current_in(room.turn, team_ids), now)
        return None
    _begin(room, target, now)
    return target


def set_turn(room: Room, team_id: str | None, now: float | None = None) -> None:
    _begin(room, team_id, now)


def set_turn_seconds(room: Room, seconds: int | None, team_ids: Sequence[str],
                     now: float | None = None) -> None:
    room.turn.seconds = seconds or None
    _begin(room, turns.current_in(room.turn, team_ids), now)


def set_projector(room: Room, on: bool) -> None:
    room.projector = on


def set_theme(room: Room, theme: str | None) -> None:
    room.theme = theme


def set_language(room: Room, language: str | None) -> None:
    room.language = language  # type: ignore[assignment]


def set_draft(room: Room, text: str) -> None:
    """Keep the card being typed, so a closed terminal loses nothing."""
    room.draft = text


def _begin(room: Room, team_id: str | None, now: float | None) -> None:
    turns.begin_turn(room.turn, team_id, now)
    if room.turn.ends_at is not None and not room.clock.running:
        # the countdown waits for the step clock, like the room does
        room.turn.paused_left = room.turn.ends_at - (time.time() if now is None else now)
        room.turn.ends_at = None
    else:
        room.turn.paused_left = None
