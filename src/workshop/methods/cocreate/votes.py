"""Dot voting on strategies (named clusters): tallies, dots left, the priority order.

Each voter has ``doc.cocreate.dots`` dots. With ``dots_per == "team"`` the voter is the
team; with ``"member"`` every member of a team is a voter, so a team of five has five
times the dots. A voter may put several dots on one strategy.

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

from workshop.model import Cluster, Team, Workshop


@dataclass(frozen=True)
class Voter:
    """Who places a dot: a team, or a member of a team when dots are counted per member."""

    team_id: str
    member_id: str | None = None


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
    return {cluster.id: len(cluster.votes) for cluster in doc.cocreate.clusters}


def by_team(cluster: Cluster) -> Counter[str]:
    """Dots on `cluster` per team id."""
    return Counter(vote.team_id for vote in cluster.votes)


def card_counts(doc: Workshop) -> Counter[str]:
    """Cards in each cluster, by cluster id."""
    return Counter(card.cluster_id for card in doc.cocreate.cards if card.cluster_id)


def voters(doc: Workshop, team: Team) -> list[Voter]:
    """The voters of `team`: the team itself, or each of its members."""
    if doc.cocreate.dots_per == "member" and team.members:
        return [Voter(team.id, member.id) for member in team.members]
    return [Voter(team.id)]


def allowed(doc: Workshop, voter: Voter) -> int:
    """Dots `voter` may place in all."""
    return doc.cocreate.dots


def used(doc: Workshop, voter: Voter) -> int:
    """Dots `voter` has placed. Per member, only that member's dots count; per team, every
    dot of the team (also ones placed per member before the facilitator switched)."""
    per_member = doc.cocreate.dots_per == "member" and voter.member_id is not None
    count = 0
    for cluster in doc.cocreate.clusters:
        for vote in cluster.votes:
            if vote.team_id == voter.team_id and (
                    not per_member or vote.member_id == voter.member_id):
                count += 1
    return count


def left(doc: Workshop, voter: Voter) -> int:
    """Dots `voter` still has (never below 0, even if the facilitator lowered the dots)."""
    return max(0, allowed(doc, voter) - used(doc, voter))


def team_left(doc: Workshop, team: Team) -> int:
    """Dots the whole team still has (all its members together, per member)."""
    return sum(left(doc, voter) for voter in voters(doc, team))


def team_allowed(doc: Workshop, team: Team) -> int:
    return sum(allowed(doc, voter) for voter in voters(doc, team))


def current_voter(doc: Workshop, team: Team | None, member_id: str | None = None) -> Voter | None:
    """Who votes now for `team`: the team; per member, `member_id` if they still have dots,
    else the first member of the team (in order) who has. None when the team is done."""
    if team is None:
        return None
    candidates = voters(doc, team)
    if doc.cocreate.dots_per == "member":
        preferred = [v for v in candidates if v.member_id == member_id]
        for voter in preferred + candidates:
            if left(doc, voter):
                return voter
        return None
    voter = candidates[0]
    return voter if left(doc, voter) else None


def priority(doc: Workshop, *, named_only: bool = False) -> list[Ranked]:
    """Clusters in priority order (see the module's rules); `named_only` keeps the
    strategies that have a name (the pillars of the model)."""
    counts = card_counts(doc)
    clusters = [(i, k) for i, k in enumerate(doc.cocreate.clusters)
                if k.name or not named_only]
    ordered = sorted(clusters, key=lambda item: (-len(item[1].votes), -counts[item[1].id],
                                                 item[0]))
    dots = Counter(len(k.votes) for _, k in ordered)
    return [Ranked(cluster_id=k.id, name=k.name, votes=len(k.votes), cards=counts[k.id],
                   rank=rank, tied=dots[len(k.votes)] > 1)
            for rank, (_, k) in enumerate(ordered, start=1)]


def total(doc: Workshop) -> int:
    return sum(len(cluster.votes) for cluster in doc.cocreate.clusters)
