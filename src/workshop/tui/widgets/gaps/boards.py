"""Card boards of the gaps step. Their keys live on the views that hold them
(``storm_pane``, ``key_pane``, ``lists_pane``): a board only says which card is selected."""

from __future__ import annotations

from workshop.tui.widgets.card_board import CardBoard


class ListBoard(CardBoard):
    """A board showing one card list (``pest.P``, ``swot.SO``…). The one typing goes to
    carries the ``-target`` class."""

    DEFAULT_CSS = """
    ListBoard { border-top: tall $panel; }
    ListBoard.-target { border-top: tall $primary; }
    ListBoard:focus { border-top: tall $accent; }
    """

    def __init__(self, board_key: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.board_key = board_key


class GapBoard(CardBoard):
    """The gap storm and the ranking."""
