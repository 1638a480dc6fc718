"""The workshop document: one pydantic model of a whole workshop, the one source of truth.

One module per step (``review``, ``vision``, ``gaps``, …), as in every layer.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import (
    DAY_STEPS,
    LANGUAGES,
    NUMBERED_STEPS,
    STEPS,
    Card,
    Language,
    Model,
    StepId,
    Vote,
    now,
)
from workshop.model.charter import CHARTER_LISTS, Charter, CharterList, CharterSection, Commitment
from workshop.model.checkin import (
    ActionCheck,
    Actual,
    Checkin,
    CheckinSection,
    Replan,
    ReplanPeriod,
)
from workshop.model.cocreate import PHASES, Cluster, CocreateSection, Phase
from workshop.model.gaps import (
    PEST_BOARDS,
    SWOT_BOARDS,
    TOWS_BOARDS,
    Author,
    Bone,
    Cause,
    Fishbone,
    GapCard,
    GapsSection,
    WhyChain,
    WhyLink,
)
from workshop.model.limits import MAX_TEAMS
from workshop.model.meta import DEFAULT_AGENDA, TEAM_COLORS, Member, Meta, Team
from workshop.model.plan import Action, Milestone, Pdca, PlanSection
from workshop.model.review import REVIEW_BOARDS, ReviewGoal, ReviewSection
from workshop.model.room import Clock, Device, Phones, Room, Turn
from workshop.model.summary import SummarySection
from workshop.model.townhall import Challenge, RoomQuestion, SignOff, TownhallSection
from workshop.model.vision import Cascade, CascadePart, Funnel, Goal, VisionSection

SCHEMA_VERSION = 2
"""Bumped whenever a saved session would not load as it is, or an older program would
read a newer one wrongly; see ``store.MIGRATIONS``. 2: check-ins after the day."""

BOARDS: dict[StepId, tuple[str, ...]] = {
    "review": REVIEW_BOARDS,
    "vision": ("vision",),
    "gaps": ("storm", *(f"pest.{b}" for b in PEST_BOARDS), *(f"swot.{b}" for b in SWOT_BOARDS),
             *(f"swot.{b}" for b in TOWS_BOARDS)),
    "charter": (),
    "cocreate": ("idea",),
    "plan": (),
    "townhall": (),
    "summary": ("takeaway",),
}
"""The card boards of each step of the day; the first is where the shared card entry adds by
default (check-ins have none)."""


class Workshop(Model):
    """A whole workshop: who, when, and everything each step produced."""

    schema_version: Annotated[int, Field(strict=True)] = SCHEMA_VERSION
    """Strict: ``"1"``, ``1.0`` or ``true`` is damage, not version 1."""
    id: str = Field(default_factory=lambda: new_id("w"))
    created_at: dt.datetime = Field(default_factory=now)
    updated_at: dt.datetime = Field(default_factory=now)
    meta: Meta
    agenda: dict[StepId, int] = Field(default_factory=lambda: dict(DEFAULT_AGENDA))
    """Minutes per step."""
    teams: list[Team] = Field(default_factory=list, max_length=MAX_TEAMS)
    review: ReviewSection = Field(default_factory=ReviewSection)
    vision: VisionSection = Field(default_factory=VisionSection)
    gaps: GapsSection = Field(default_factory=GapsSection)
    charter: CharterSection = Field(default_factory=CharterSection)
    cocreate: CocreateSection = Field(default_factory=CocreateSection)
    plan: PlanSection = Field(default_factory=PlanSection)
    townhall: TownhallSection = Field(default_factory=TownhallSection)
    summary: SummarySection = Field(default_factory=SummarySection)
    checkin: CheckinSection = Field(default_factory=CheckinSection)
    """After the day: the check-ins (version 2 on)."""
    room: Room = Field(default_factory=Room)

    # -- lookups ---------------------------------------------------------------
    def team(self, team_id: str | None) -> Team | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def team_named(self, name: str) -> Team | None:
        folded = name.strip().casefold()
        return next((t for t in self.teams if t.name.casefold() == folded), None)

    def member(self, member_id: str | None) -> tuple[Team, Member] | None:
        for team in self.teams:
            for member in team.members:
                if member.id == member_id:
                    return team, member
        return None

    def goal(self, goal_id: str | None) -> Goal | None:
        return next((g for g in self.vision.goals if g.id == goal_id), None)

    def card_list(self, step: StepId, board: str = "") -> list[Card]:
        """The list that holds cards of `step` on `board` (the document's own list)."""
        if step == "gaps":
            if board.startswith("pest."):
                return self.gaps.pest
            if board.startswith("swot."):
                return self.gaps.swot
            return self.gaps.cards  # type: ignore[return-value]
        section = getattr(self, step)
        if not hasattr(section, "cards"):
            raise ValueError(f"step {step!r} has no cards")
        return section.cards

    def cards(self, step: StepId, board: str | None = None) -> list[Card]:
        """Cards of `step`, on `board` if given, in the order they were added."""
        if board is None:
            if step == "gaps":
                return [*self.gaps.cards, *self.gaps.pest, *self.gaps.swot]
            return list(self.card_list(step)) if BOARDS.get(step) else []
        return [c for c in self.card_list(step, board) if c.board == board]

    def find_card(self, card_id: str) -> Card | None:
        for step in STEPS:
            for card in self.cards(step):
                if card.id == card_id:
                    return card
        return None


__all__ = [
    "BOARDS",
    "CHARTER_LISTS",
    "DAY_STEPS",
    "DEFAULT_AGENDA",
    "LANGUAGES",
    "NUMBERED_STEPS",
    "PEST_BOARDS",
    "PHASES",
    "REVIEW_BOARDS",
    "SCHEMA_VERSION",
    "STEPS",
    "SWOT_BOARDS",
    "TEAM_COLORS",
    "TOWS_BOARDS",
    "Action",
    "ActionCheck",
    "Actual",
    "Author",
    "Bone",
    "Card",
    "Cascade",
    "CascadePart",
    "Cause",
    "Challenge",
    "Charter",
    "CharterList",
    "CharterSection",
    "Checkin",
    "CheckinSection",
    "Clock",
    "Cluster",
    "CocreateSection",
    "Commitment",
    "Device",
    "Fishbone",
    "Funnel",
    "GapCard",
    "GapsSection",
    "Goal",
    "Language",
    "Member",
    "Meta",
    "Milestone",
    "Model",
    "Pdca",
    "Phase",
    "Phones",
    "PlanSection",
    "Replan",
    "ReplanPeriod",
    "ReviewGoal",
    "ReviewSection",
    "Room",
    "RoomQuestion",
    "SignOff",
    "StepId",
    "SummarySection",
    "Team",
    "TownhallSection",
    "Turn",
    "VisionSection",
    "Vote",
    "WhyChain",
    "WhyLink",
    "Workshop",
    "now",
]
