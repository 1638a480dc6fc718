"""Whose turn it is: round-robin over the teams, skipping teams that passed."""

from __future__ import annotations

import time

from workshop.model import Turn, Workshop


def current_team_id(doc: Workshop) -> str | None:
    """The team whose turn it is (the first team if none was set or it is gone)."""
    ids = [team.id for team in doc.teams]
    if not ids:
        return None
    return doc.room.turn.team_id if doc.room.turn.team_id in ids else ids[0]


def next_team_id(doc: Workshop) -> str | None:
    """The next team in order after the current one that has not passed.

    When every team has passed, the round is over: returns None.
    """
    ids = [team.id for team in doc.teams]
    current = current_team_id(doc)
    if current is None:
        return None
    start = ids.index(current)
    for offset in range(1, len(ids) + 1):
        candidate = ids[(start + offset) % len(ids)]
        if candidate not in doc.room.turn.passed:
            return candidate
    return None


def begin_turn(turn: Turn, team_id: str | None, now: float | None = None) -> None:
    turn.team_id = team_id
    turn.cards_this_turn = 0
    if turn.seconds:
        turn.ends_at = (time.time() if now is None else now) + turn.seconds
    else:
        turn.ends_at = None


def turn_remaining(turn: Turn, now: float | None = None) -> float | None:
    """Seconds left in the per-turn countdown, or None when there is none."""
    if not turn.seconds or turn.ends_at is None:
        return None
    return turn.ends_at - (time.time() if now is None else now)
