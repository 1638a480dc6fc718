"""Review (复盘): last year's goals and what the room learned from them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from workshop.ids import new_id
from workshop.model.base import Card, Line, Model, Text
from workshop.model.limits import MAX_CARDS, Amount

Outcome = Literal["exceeded", "met", "missed", "lost"]
"""超出 exceeded, 达成 met, 没完成 missed, 丢失 lost (dropped along the way)."""
OUTCOMES: tuple[Outcome, ...] = ("exceeded", "met", "missed", "lost")

REVIEW_BOARDS = ("highlight", "improve", "success", "failure", "lesson")
"""Card lists: highlights (亮点), to improve (需要提升), reasons for success and for
failure (成功/没成功的原因), lessons worth keeping (经验萃取)."""


class ReviewGoal(Model):
    """One of last year's goals and how it ended."""

    id: str = Field(default_factory=lambda: new_id("r"))
    statement: Line
    unit: Line = ""
    target: Amount | None = None
    actual: Amount | None = None
    outcome: Outcome | None = None
    note: Text = ""
    """Why it ended that way."""


class ReviewSection(Model):
    goals: list[ReviewGoal] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)
    """Cards on the boards named in ``REVIEW_BOARDS``."""
