"""Course summary (课程总结): takeaways from the room."""

from __future__ import annotations

from pydantic import Field

from workshop.model.base import Card, Model
from workshop.model.limits import MAX_CARDS


class SummarySection(Model):
    cards: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)
    """Takeaway cards (board ``takeaway``)."""
