"""Step 6 (城镇会议): presentations, the challenge log, sign-offs, the closing statement."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import Line, Model, Text, now

AskerKind = Literal["expert", "executive", "peer"]
ChallengeOutcome = Literal["open", "answered", "changed", "followup"]


class Challenge(Model):
    """A question put to a presenting team, and what came of it."""

    id: str = Field(default_factory=lambda: new_id("q"))
    team_id: str
    """The team that was presenting."""
    asker_kind: AskerKind = "peer"
    asker: Line = ""
    asker_team_id: str | None = None
    question: Text
    answer: Text = ""
    outcome: ChallengeOutcome = "open"
    action_ids: list[str] = Field(default_factory=list)
    """Actions changed in answer to this question."""
    created_at: dt.datetime = Field(default_factory=now)


class RoomQuestion(Model):
    """A question typed on a phone for the presenting team, upvoted by the room, waiting
    for the facilitator to pick it; picked, it goes into the challenge log."""

    id: str = Field(default_factory=lambda: new_id("p"))
    team_id: str
    """The team that was presenting."""
    asker_team_id: str | None = None
    question: Text
    device_id: str | None = None
    """The phone that asked (never shown)."""
    upvotes: list[str] = Field(default_factory=list)
    """The phones that upvoted it, each once."""
    challenge_id: str | None = None
    """The question in the challenge log, once the facilitator picked it."""
    created_at: dt.datetime = Field(default_factory=now)


class SignOff(Model):
    team_id: str
    decision: Literal["approved", "revise"]
    note: Text = ""
    by: Line = ""
    at: dt.datetime = Field(default_factory=now)


class TownhallSection(Model):
    challenges: list[Challenge] = Field(default_factory=list)
    signoffs: list[SignOff] = Field(default_factory=list)
    closing_statement: Text = ""
    closing_by: Line = ""
    minutes_per_team: int = Field(default=8, ge=1, le=120)
    room_questions: list[RoomQuestion] = Field(default_factory=list)
    """Questions from phones, in the order they came."""
