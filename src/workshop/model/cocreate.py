"""Step 4 (团队共创): the ToP consensus workshop — focus question, cards, clusters, votes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import Card, Line, Model, Text, Vote
from workshop.model.limits import MAX_CARDS

Phase = Literal["focus", "brainstorm", "cluster", "name", "vote", "model"]
PHASES: tuple[Phase, ...] = ("focus", "brainstorm", "cluster", "name", "vote", "model")
"""The five steps of the consensus workshop (resolve is voting, then the model)."""


class Cluster(Model):
    """A group of cards; once named (中心词), a strategy."""

    id: str = Field(default_factory=lambda: new_id("k"))
    name: Line = ""
    votes: list[Vote] = Field(default_factory=list)
    """Dots placed on this strategy at the keyboard, each by its voter."""
    counted: int = Field(default=0, ge=0)
    """Paper dots counted off the wall for this strategy (no voter's: the room's)."""
    team_id: str | None = None
    """The team that takes this strategy into its action plan, if assigned."""


class CocreateSection(Model):
    focus_question: Text = ""
    cards: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)
    """Brainstorm cards (board ``idea``); a card's ``cluster_id`` places it."""
    clusters: list[Cluster] = Field(default_factory=list)
    """Clusters in board order."""
    phase: Phase = "focus"
    dots: int = Field(default=3, ge=1, le=20)
    """Dots each voter may place."""
    dots_per: Literal["team", "member"] = "team"
    cap_per_turn: int | None = Field(default=None, ge=1)
    """Most cards a team may add in one turn, if capped."""
    sources: dict[str, str] = Field(default_factory=dict)
    """Cards pulled in from step 2: card id → where it came from (``tows:<card id>``,
    ``cause:<cause id>``, ``why:<chain id>``), so nothing is pulled in twice."""

    def cluster(self, cluster_id: str | None) -> Cluster | None:
        return next((k for k in self.clusters if k.id == cluster_id), None)

    def card(self, card_id: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)
