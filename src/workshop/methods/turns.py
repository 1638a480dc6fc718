"""Whose turn it is: round-robin over the teams, skipping teams that passed."""

from __future__ import annotations

import time
from collections.abc import Sequence

from workshop.model import Turn, Workshop


def current_team_id(doc: Workshop) -> str | None:
    """The team whose turn it is (the first team if none was set or it is gone)."""
    return current_in(doc.room.turn, [team.id for team in doc.teams])


def next_team_id(doc: Workshop) -> str | None:
    """The next team in order after the current one that has not passed.

    When every team has passed, the round is over: returns None.
    """
    return next_in(doc.room.turn, [team.id for team in doc.teams])


def current_in(turn: Turn, team_ids: Sequence[str]) -> str | None:
    """:func:`current_team_id` from the turn and the teams' ids in order."""
    if not team_ids:
        return None
    return turn.team_id if turn.team_id in team_ids else team_ids[0]


def next_in(turn: Turn, team_ids: Sequence[str]) -> str | None:
    """:func:`next_team_id` from the turn and the teams' ids in order."""
    current = current_in(turn, team_ids)
    if current is None:
        return None
    start = team_ids.index(current)
    for offset in range(1, len(team_ids) + 1):
        candidate = team_ids[(start + offset) % len(team_ids)]
        if candidate not in turn.passed:
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
