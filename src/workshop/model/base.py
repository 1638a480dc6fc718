"""Shared pieces of the workshop document: the base model, steps, text types, cards, votes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from workshop.ids import new_id
from workshop.model import tracked
from workshop.text import clean

DayStepId = Literal["review", "vision", "gaps", "charter", "cocreate", "plan", "townhall",
                    "summary"]
"""A step of the workshop day (what a scenario's agenda and cards may name)."""
StepId = Literal[DayStepId, "checkin"]
STEPS: tuple[StepId, ...] = (
    "review",
    "vision",
    "gaps",
    "charter",
    "cocreate",
    "plan",
    "townhall",
    "summary",
    "checkin",
)
"""Every step the app walks through, in order: the day's, then the check-ins after it."""
NUMBERED_STEPS: tuple[StepId, ...] = STEPS[1:7]
"""The method's six steps; review comes before them and summary after, both optional."""
DAY_STEPS: tuple[StepId, ...] = STEPS[:8]
"""The steps of the workshop day (its agenda, its report); check-ins come after it."""

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")

Line = Annotated[str, AfterValidator(lambda v: clean(v))]
"""One line of user text: control characters and escapes removed, whitespace folded."""
Text = Annotated[str, AfterValidator(lambda v: clean(v, multiline=True))]
"""User text that may span lines."""
Score = Annotated[int, Field(ge=1, le=5)]


def now() -> datetime:
    """The current time, timezone-aware, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class Model(BaseModel):
    """Base of every document model: unknown keys are errors, assignments are validated,
    numbers are finite (a NaN or an infinity in a file is damage, not a value).

    In a document a session holds, an assignment is also reported to the session's
    change tracker (``workshop.model.tracking``); elsewhere it is a plain assignment.
    """

    __slots__ = ("_ws_tracker", "_ws_up")
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    def __setattr__(self, name: str, value: Any) -> None:
        tracker = tracked.tracker_of(self)
        if tracker is None or name not in type(self).model_fields:
            super().__setattr__(name, value)
            return
        tracker.field_changing(self, name)
        super().__setattr__(name, value)
        if name in tracked.container_fields(type(self)):
            tracked.adopt_field(self, name, self.__dict__.get(name), tracker)


class Vote(Model):
    """One dot placed by a team (and a member, where the facilitator counts per member)."""

    team_id: str
    """The team that placed the dot."""
    member_id: str | None = None
    """The member who placed it, when dots are counted per member."""
    at: datetime = Field(default_factory=now)


class Card(Model):
    """One idea typed in the room: the unit of every card storm."""

    id: str = Field(default_factory=lambda: new_id("c"))
    text: Text
    """What was typed, kept literally (never markup)."""
    step: StepId
    """The step the card belongs to."""
    board: str = ""
    """Which list within the step, e.g. ``highlight`` in review or ``S`` in SWOT."""
    team_id: str | None = None
    """The team whose turn it was when the card was typed."""
    member_id: str | None = None
    """The member who wrote it, where known."""
    created_at: datetime = Field(default_factory=now)
    hidden: bool = False
    """Hidden until the facilitator reveals it (anonymity while brainstorming)."""
    cluster_id: str | None = None
    """The cluster the card was moved into (co-create), if any."""
    votes: list[Vote] = Field(default_factory=list)
    """Dots placed on this card."""
