"""The state of the room: where the workshop is, the clock, whose turn it is.

Saved with the session so a restart resumes it, but not part of undo: undoing a card
must not rewind the clock.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import Language, Line, Model, StepId


class Clock(Model):
    """The time box for a step. While running, the truth is ``ends_at`` (wall clock)."""

    step: StepId | None = None
    """The step this time box was set for."""
    duration_s: int = Field(default=0, ge=0)
    remaining_s: float = 0
    """Seconds left when paused (negative once overrun)."""
    running: bool = False
    ends_at: float | None = None
    """Unix time at which the box runs out, while running."""


class Turn(Model):
    """Whose turn it is at the keyboard."""

    team_id: str | None = None
    passed: list[str] = Field(default_factory=list)
    """Teams that passed this round; skipped when the turn moves on."""
    round: str = ""
    """Where this round's passes were made (a step and its board): passing lasts for the
    round of that board, and is forgotten when the room moves to another."""
    seconds: int | None = Field(default=None, ge=5)
    """Per-turn countdown; the turn hands over by itself when it runs out."""
    ends_at: float | None = None
    paused_left: float | None = None
    """Seconds left in the turn while the step clock is paused."""
    cards_this_turn: int = 0


class Device(Model):
    """A phone that joined the room. Its token is kept only as a hash: the session file
    never holds what a phone shows to get in."""

    id: str = Field(default_factory=lambda: new_id("d"))
    token_hash: str
    team_id: str
    """The team chosen on the phone: its cards and dots are that team's."""
    member_id: str | None = None
    """The member chosen on the phone, if any (dots counted per member need one)."""
    name: Line = ""
    joined_at: float = 0


TallyState = Literal["hidden", "shown"]


class Phones(Model):
    """The room's phones (``workshop.room``): saved with the session so a restart keeps
    them in, never undone. Left out of exports."""

    code: str = ""
    """The join code in the QR link ("" until the room is first opened)."""
    devices: list[Device] = Field(default_factory=list)
    locked: list[str] = Field(default_factory=list)
    """Boards (``step:board``, ``step:vote``, ``townhall:questions``) the phones may no
    longer change."""
    tallies: dict[str, TallyState] = Field(default_factory=dict)
    """Dot votes phones cast secretly (``cocreate``): the projector shows their tally
    only once ``shown``."""
    owners: dict[str, str] = Field(default_factory=dict)
    """Card id → the device that added it, so that phone (and only it) may change it.
    Kept through undo, so a card that comes back with redo is still its phone's."""


class Room(Model):
    step: StepId = "vision"
    clock: Clock = Field(default_factory=Clock)
    turn: Turn = Field(default_factory=Turn)
    presentation: Clock = Field(default_factory=Clock)
    """A second time box for one team at a time (a town hall presentation): the team
    whose turn it is presents, the step clock keeps the whole step's time."""
    presenting_team_id: str | None = None
    """The team the presentation clock was last started for."""
    presentation_clocks: dict[str, Clock] = Field(default_factory=dict)
    """Each other team's presentation clock, paused where it stopped when the next team
    came up: coming back continues it, and the time each team used is known."""
    projector: bool = False
    theme: str | None = None
    language: Language | None = None
    """The language chosen in the app, overriding the scenario's."""
    hidden_steps: list[StepId] = Field(default_factory=list)
    """Steps whose new cards go on the board hidden (text and team) until the facilitator
    reveals them (Ctrl+O toggles, Ctrl+R reveals): kept, so a reopened session goes on
    hiding."""
    draft: str = ""
    """A card being typed, kept so a closed terminal loses nothing."""
    checkin_id: str | None = None
    """The check-in the room is looking at, after the day (None: the newest)."""
    phones: Phones = Field(default_factory=Phones)
