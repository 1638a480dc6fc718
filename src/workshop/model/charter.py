"""Step 3 (承诺 / 团队公约): each team's charter.

A team's name and its members' roles live on the team itself (``Team.name``,
``Member.role``); the charter holds what the team agreed: the slogan, the rules, each
member's decision and personal commitment, rewards and penalties, and how the team
keeps itself to it. It is "signed" once every member said yes and wrote a commitment.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from workshop.model.base import Line, Model, Text

CharterList = Literal["rules", "rewards", "penalties"]
"""The charter's editable lists."""
CHARTER_LISTS: tuple[CharterList, ...] = ("rules", "rewards", "penalties")


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
    """When the last missing yes or commitment came in; cleared if one goes missing again."""

    def commitment(self, member_id: str) -> Commitment | None:
        return next((c for c in self.commitments if c.member_id == member_id), None)


class CharterSection(Model):
    default_rules: list[Line] = Field(default_factory=list)
    """Rules every new charter starts with; empty means the method's (四被, YES…AND, …)."""
    charters: list[Charter] = Field(default_factory=list)

    def charter(self, team_id: str | None) -> Charter | None:
        return next((c for c in self.charters if c.team_id == team_id), None)
