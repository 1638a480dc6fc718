"""Step 2 (现状分析): gaps, fishbones, 5-Why chains, PEST and SWOT."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import Card, Line, Model, Score, Text
from workshop.model.limits import MAX_CARDS

GapKind = Literal["opportunity", "performance"]
"""机会差距 (a chance not yet taken) or 业绩差距 (falling short of what should be done)."""
GAP_KINDS: tuple[GapKind, ...] = ("opportunity", "performance")

ScoreName = Literal["cost", "strategic", "urgency"]
"""The scores a gap can carry: the seed's two criteria, and urgency as an optional third."""
SCORE_NAMES: tuple[ScoreName, ...] = ("cost", "strategic", "urgency")

RankingMethod = Literal["score", "votes"]
"""How key gaps are ranked: by score (dot votes break ties) or by dot votes (score breaks
ties). See ``workshop.methods.gaps.ranking``."""

PEST_BOARDS = ("P", "E", "S", "T")
SWOT_BOARDS = ("S", "W", "O", "T")
TOWS_BOARDS = ("SO", "ST", "WO", "WT")


class Author(Model):
    team_id: str | None = None
    member_id: str | None = None


class GapCard(Card):
    """A gap from the card storm, with its classification and scores."""

    kind: GapKind | None = None
    cost: Score | None = None
    """Impact on cost, 1 (low) to 5 (high)."""
    strategic: Score | None = None
    """Strategic impact, 1 to 5."""
    urgency: Score | None = None
    """Optional third score."""
    authors: list[Author] = Field(default_factory=list)
    """Authors of cards merged into this one (the card's own team stays in ``team_id``)."""
    merged_texts: list[Text] = Field(default_factory=list)
    """Texts of the cards merged into this one."""
    key: bool = False
    """Confirmed by the facilitator as a key gap."""


class Cause(Model):
    """A cause on a fishbone bone; sub-causes nest under it."""

    id: str = Field(default_factory=lambda: new_id("u"))
    text: Text
    root: bool = False
    """Marked as a root cause."""
    team_id: str | None = None
    children: list[Cause] = Field(default_factory=list)


class Bone(Model):
    id: str = Field(default_factory=lambda: new_id("b"))
    label: Line
    """The category, e.g. 人 / Man."""
    causes: list[Cause] = Field(default_factory=list)


class Fishbone(Model):
    """One fishbone diagram (鱼骨图) for a key gap: the gap is the head."""

    id: str = Field(default_factory=lambda: new_id("h"))
    gap_id: str
    bones: list[Bone] = Field(default_factory=list)


class WhyLink(Model):
    id: str = Field(default_factory=lambda: new_id("w"))
    text: Text


class WhyChain(Model):
    """A 5-Why chain (五个为什么) from a problem or cause down to a root cause."""

    id: str = Field(default_factory=lambda: new_id("y"))
    problem: Text
    team_id: str | None = None
    """The team that asked, where known."""
    """Where the chain starts: the gap or cause being asked about."""
    gap_id: str | None = None
    cause_id: str | None = None
    links: list[WhyLink] = Field(default_factory=list)
    """Each answer to "why?", in order."""
    root_index: int | None = None
    """Index of the link marked as the root cause."""
    stop_reason: Text = ""
    """Why the chain stopped before three whys, when it did."""


class GapsSection(Model):
    cards: list[GapCard] = Field(default_factory=list, max_length=MAX_CARDS)
    """The gap card storm (board ``storm``)."""
    key_count: int = Field(default=3, ge=1, le=20)
    """How many key gaps to pick by default."""
    ranking: RankingMethod = "score"
    """How gaps are ranked for the key-gap suggestion."""
    dots: int = Field(default=3, ge=1, le=20)
    """Dots each team may place on gaps when dot voting."""
    bone_labels: list[Line] = Field(default_factory=list)
    """Fishbone categories; empty means the catalog's 人 机 料 法 环 测."""
    fishbones: list[Fishbone] = Field(default_factory=list)
    whys: list[WhyChain] = Field(default_factory=list)
    pest: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)
    """PEST cards, board ``P``, ``E``, ``S`` or ``T``."""
    swot: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)
    """SWOT cards (boards ``S W O T``) and TOWS ideas (boards ``SO ST WO WT``)."""
