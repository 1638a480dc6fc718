"""Course summary (课程总结): takeaways from the room."""

from __future__ import annotations

from pydantic import Field

from workshop.model.base import Card, Model


class SummarySection(Model):
    cards: list[Card] = Field(default_factory=list)
    """Takeaway cards (board ``takeaway``)."""
