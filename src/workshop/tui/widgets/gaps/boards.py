"""Card boards of the gaps step, with the step's keys.

The keys act on the screen (``screen.…`` actions): the board only says which card is
selected. They are bound here so they show in the key bar and in F1 help exactly when
the board has the focus, and never while someone is typing a card.
"""

from __future__ import annotations

from textual.binding import Binding

from workshop.tui.widgets.card_board import CardBoard


class ListBoard(CardBoard):
    """A board showing one card list (``pest.P``, ``swot.SO``…): typing adds to it."""

    def __init__(self, board_key: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.board_key = board_key


class GapBoard(CardBoard):
    """The gap storm and the ranking: classify, score, merge, pick key gaps, place dots."""

    BINDINGS = [
        Binding("o", "screen.gap_kind('opportunity')", "Opportunity gap", id="gaps_opportunity"),
        Binding("p", "screen.gap_kind('performance')", "Performance gap", id="gaps_performance"),
        Binding("1", "screen.gap_score(1)", "Score 1", show=False, id="gaps_score_1"),
        Binding("2", "screen.gap_score(2)", "Score 2", show=False, id="gaps_score_2"),
        Binding("3", "screen.gap_score(3)", "Score 3", show=False, id="gaps_score_3"),
        Binding("4", "screen.gap_score(4)", "Score 4", show=False, id="gaps_score_4"),
        Binding("5", "screen.gap_score(5)", "Score 5", show=True, id="gaps_score_5"),
        Binding("0", "screen.gap_score(0)", "Clear score", show=False, id="gaps_score_clear"),
        Binding("s", "screen.score_dimension", "Which score", id="gaps_score_dim"),
        Binding("k", "screen.toggle_key", "Key gap", id="gaps_key"),
        Binding("c", "screen.confirm_keys", "Confirm suggestion", id="gaps_confirm"),
        Binding("m", "screen.merge", "Merge", id="gaps_merge"),
        Binding("v", "screen.vote(1)", "Dot", id="gaps_vote"),
        Binding("u", "screen.vote(-1)", "Take a dot back", id="gaps_unvote"),
        Binding("plus", "screen.key_count(1)", "More key gaps", show=False,
                id="gaps_key_more"),
        Binding("minus", "screen.key_count(-1)", "Fewer key gaps", show=False,
                id="gaps_key_fewer"),
        Binding("t", "screen.toggle_ranking", "Ranking method", show=False, id="gaps_ranking"),
        Binding("f", "screen.open_fishbone", "Fishbone", id="gaps_open_fishbone"),
        Binding("w", "screen.open_why", "5 Whys", id="gaps_open_why"),
    ]
