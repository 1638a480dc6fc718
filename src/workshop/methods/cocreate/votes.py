"""Dot voting on strategies (named clusters): tallies, dots left, the priority order.

Each voter has ``doc.cocreate.dots`` dots, counted per team or per member
(``doc.cocreate.dots_per``); the counting is ``workshop.methods.dots``, shared with the
vote on key gaps. A voter may put several dots on one strategy.

The priority order (the pillars of the strategy model, left to right):

1. more dots first;
2. on equal dots, the strategy with more cards (the room wrote more about it);
3. still equal, the one that came first on the board (the order clusters were formed).

Strategies tied on dots are flagged ``tied`` so the room can see that rule 2 or 3, not
the vote, put one before the other, and the facilitator can call a quick re-vote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from workshop.methods.dots import Ballot, Voter, by_team
from workshop.model import Team, Workshop


def ballot(doc: Workshop) -> Ballot:
    """Step 4's vote: the clusters, each voter's dots, per team or per member."""
    section = doc.cocreate
    return Ballot(section.clusters, section.dots, section.dots_per,
                  {k.id: k.counted for k in section.clusters if k.counted})


@dataclass(frozen=True)
class Ranked:
    """One strategy in the priority order."""

    cluster_id: str
    name: str
    votes: int
    cards: int
    rank: int
    """1-based position in the priority order."""
    tied: bool
    """Another strategy has the same number of dots."""


def tally(doc: Workshop) -> dict[str, int]:
    """Dots on each cluster, by cluster id (every cluster, 0 when it has none)."""
    return ballot(doc).tally()


def card_counts(doc: Workshop) -> Counter[str]:
    """Cards in each cluster, by cluster id."""
    return Counter(card.cluster_id for card in doc.cocreate.cards if card.cluster_id)


def voters(doc: Workshop, team: Team) -> list[Voter]:
    """The voters of `team`: the team itself, or each of its members."""
    return ballot(doc).voters(team)


def allowed(doc: Workshop, voter: Voter) -> int:
    """Dots `voter` may place in all."""
    return ballot(doc).allowed(voter)


def used(doc: Workshop, voter: Voter) -> int:
    """Dots `voter` has placed (see ``Ballot.used``)."""
    return ballot(doc).used(voter)


def left(doc: Workshop, voter: Voter) -> int:
    """Dots `voter` still has (never below 0, even if the facilitator lowered the dots)."""
    return ballot(doc).left(voter)


def team_left(doc: Workshop, team: Team) -> int:
    """Dots the whole team still has (all its members together, per member)."""
    return ballot(doc).team_left(team)


def team_allowed(doc: Workshop, team: Team) -> int:
    return ballot(doc).team_allowed(team)


def current_voter(doc: Workshop, team: Team | None, member_id: str | None = None) -> Voter | None:
    """Who votes now for `team`: the team; per member, `member_id` if they still have dots,
    else the first member of the team (in order) who has. None when the team is done."""
    return ballot(doc).current_voter(team, member_id)


def priority(doc: Workshop, *, named_only: bool = False) -> list[Ranked]:
    """Clusters in priority order (see the module's rules); `named_only` keeps the
    strategies that have a name (the pillars of the model)."""
    counts = card_counts(doc)
    on = tally(doc)
    clusters = [(i, k) for i, k in enumerate(doc.cocreate.clusters)
                if k.name or not named_only]
    ordered = sorted(clusters, key=lambda item: (-on[item[1].id], -counts[item[1].id],
                                                 item[0]))
    dots = Counter(on[k.id] for _, k in ordered)
    return [Ranked(cluster_id=k.id, name=k.name, votes=on[k.id], cards=counts[k.id],
                   rank=rank, tied=dots[on[k.id]] > 1)
            for rank, (_, k) in enumerate(ordered, start=1)]


def total(doc: Workshop) -> int:
    return ballot(doc).total()


__all__ = ["Ranked", "Voter", "allowed", "ballot", "by_team", "card_counts", "current_voter",
           "left", "priority", "tally", "team_allowed", "team_left", "total", "used", "voters"]
