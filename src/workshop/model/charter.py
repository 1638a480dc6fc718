"""Step 3 (承诺 / 团队公约): each team's charter."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from workshop.model.base import Line, Model, Text


class Commitment(Model):
    """One member's answer to "do we commit to this goal?" and their personal pledge."""

    member_id: str
    commits: bool | None = None
    """Yes, no, or not asked yet."""
    text: Text = ""
    """The personal commitment in the member's words."""


class Charter(Model):
    team_id: str
    slogan: Line = ""
    rules: list[Line] = Field(default_factory=list)
    """Team rules; a new charter starts from the section's defaults."""
    commitments: list[Commitment] = Field(default_factory=list)
    rewards: list[Line] = Field(default_factory=list)
    """Rewards, fun ones welcome."""
    penalties: list[Line] = Field(default_factory=list)
    """Penalties with some bite."""
    accountability: Text = ""
    """How the team will hold itself to the charter."""
    signed_at: dt.datetime | None = None


class CharterSection(Model):
    default_rules: list[Line] = Field(default_factory=list)
    """Rules every new charter starts with; empty means the method's (四被, YES…AND, …)."""
    charters: list[Charter] = Field(default_factory=list)
