"""The card the room is talking about, large, for the back of the room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from workshop.tui.widgets.card_board import CardView


class Spotlight(Static):
    """The selected card, large, for the back of the room (projector mode only)."""

    def show_card(self, card: CardView | None) -> None:
        """`card` with its team, or nothing (the spotlight folds away)."""
        self.set_class(card is None, "-empty")
        if card is None:
            self.update("")
            return
        text = Text()  # the card's text as typed: never read as markup
        if card.team:
            text.append(card.team + "\n", style=f"bold {card.color}" if card.color else "bold")
        text.append(card.text, style="bold")
        self.update(text)
