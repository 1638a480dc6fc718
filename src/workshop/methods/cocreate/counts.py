"""The brainstorm's tallies: co-create cards per team, and how many are hidden.

The side panel shows them after every card typed. Counted over 9,900 cards they took a
millisecond of each Enter; ``follow`` brings them up to date from the one change made
since instead (a card typed, its undo or redo, a phone's card), and gives up on any
other change to the co-create cards, which are then counted again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from workshop.model import Card
from workshop.model.tracking import ChangeSet


@dataclass(frozen=True)
class CardCounts:
    per_team: Counter[str | None] = field(default_factory=Counter)
    """Cards per team id (None: typed with no team at the keyboard)."""
    hidden: int = 0


def count(cards: list[Card]) -> CardCounts:
    # counted at C speed: 9,900 cards in about 1 ms
    return CardCounts(Counter(map(attrgetter("team_id"), cards)),
                      sum(map(attrgetter("hidden"), cards)))


def follow(counts: CardCounts, change: ChangeSet) -> CardCounts | None:
    """`counts` after `change`, when it only put co-create cards in or took them out of
    the list; None when it changed them otherwise (a card revealed, moved to another
    team), or when it is not known what it changed."""
    added: list[Card] = []
    removed: list[Card] = []
    for entry in change.entries:
        if entry.path is None:
            return None
        if not entry.path:  # a field of the root: the co-create section itself, or not
            if entry.name == "cocreate":
                return None
            continue
        if entry.path[0] != "cocreate":
            continue
        if entry.kind != "splice" or entry.path != ["cocreate"] or entry.name != "cards":
            return None
        added += entry.new
        removed += entry.old
    if not added and not removed:
        return counts
    per_team = Counter(counts.per_team)
    per_team.update(_teams(added))
    per_team.subtract(_teams(removed))
    return CardCounts(+per_team, counts.hidden + _hidden(added) - _hidden(removed))


def _teams(cards: Iterable[Card]) -> Iterable[str | None]:
    return (card.team_id for card in cards)


def _hidden(cards: Iterable[Card]) -> int:
    return sum(card.hidden for card in cards)
