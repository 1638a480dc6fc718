"""Dot voting, for every step that votes with dots: key gaps (step 2) and strategies (step 4).

A ``Ballot`` is what can carry dots (gap cards, clusters: anything with ``id`` and
``votes``), how many dots each voter has, and who the voters are. With ``per ==
"team"`` the voter is the team; with ``"member"`` every member of a team is a voter, so
a team of five has five times the dots. A voter may put several dots on one item.

Per member, only a member's own dots count against them; per team, every dot of the team
does (also ones placed per member before the facilitator switched). Lowering the dots
never leaves a voter with fewer than none.

Paper dots counted off the wall (``counted``, by item id) are no voter's: they count in
the tally and against the room's whole budget (every voter's dots together), never
against one voter's.

Pure: a ballot reads the document; ``placed`` and ``taken_back`` return the new list of
votes for an edit to store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from workshop.model import Team, Vote, Workshop

Per = Literal["team", "member"]


class Votable(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def votes(self) -> list[Vote]: ...


@dataclass(frozen=True)
class Voter:
    """Who places a dot: a team, or a member of a team when dots are counted per member."""

    team_id: str
    member_id: str | None = None


@dataclass(frozen=True)
class Ballot:
    """One dot vote: its items, the dots each voter has, and whether teams or members vote."""

    items: Sequence[Votable]
    dots: int
    per: Per = "team"
    counted: Mapping[str, int] = field(default_factory=dict)
    """Paper dots counted off the wall, by item id (the room's, no voter's)."""

    # -- who votes, and how many dots they have -------------------------------------------

    def voters(self, team: Team) -> list[Voter]:
        """The voters of `team`: the team itself, or each of its members."""
        if self.per == "member" and team.members:
            return [Voter(team.id, member.id) for member in team.members]
        return [Voter(team.id)]

    def _counts(self, vote: Vote, voter: Voter) -> bool:
        """Whether `vote` is one of `voter`'s dots."""
        if vote.team_id != voter.team_id:
            return False
        return self.per != "member" or voter.member_id is None or vote.member_id == voter.member_id

    def allowed(self, voter: Voter) -> int:
        """Dots `voter` may place in all."""
        return self.dots

    def used(self, voter: Voter) -> int:
        """Dots `voter` has placed."""
        return sum(1 for item in self.items for vote in item.votes if self._counts(vote, voter))

    def left(self, voter: Voter) -> int:
        """Dots `voter` still has (never below 0, even if the facilitator lowered the dots)."""
        return max(0, self.allowed(voter) - self.used(voter))

    def team_allowed(self, team: Team) -> int:
        """Dots the whole team may place (all its members together, per member)."""
        return sum(self.allowed(voter) for voter in self.voters(team))

    def team_left(self, team: Team) -> int:
        """Dots the whole team still has (all its members together, per member)."""
        return sum(self.left(voter) for voter in self.voters(team))

    def current_voter(self, team: Team | None, member_id: str | None = None) -> Voter | None:
        """Who votes now for `team`: the team; per member, `member_id` if they still have
        dots, else the first member of the team (in order) who has. None when the team is
        done."""
        if team is None:
            return None
        candidates = self.voters(team)
        if self.per == "member":
            preferred = [v for v in candidates if v.member_id == member_id]
            return next((v for v in preferred + candidates if self.left(v)), None)
        return candidates[0] if self.left(candidates[0]) else None

    def room_allowed(self, teams: Sequence[Team]) -> int:
        """Dots the whole room may place: every voter's together."""
        return sum(self.team_allowed(team) for team in teams)

    def room_voters(self, teams: Sequence[Team]) -> int:
        """How many voters the room has (teams, or members)."""
        return sum(len(self.voters(team)) for team in teams)

    def room_left(self, teams: Sequence[Team]) -> int:
        """Dots the room has still to place, paper dots counted (never below 0)."""
        return max(0, self.room_allowed(teams) - self.total())

    # -- what the dots say ------------------------------------------------------------------

    def dots_on(self, item: Votable) -> int:
        """Dots on `item`: placed at the keyboard, and counted off the wall."""
        return len(item.votes) + self.counted.get(item.id, 0)

    def tally(self) -> dict[str, int]:
        """Dots on each item, by item id (every item, 0 when it has none)."""
        return {item.id: self.dots_on(item) for item in self.items}

    def total(self) -> int:
        return sum(self.dots_on(item) for item in self.items)

    def keyboard_total(self) -> int:
        """Dots placed at the keyboard (by voters), paper dots left out."""
        return sum(len(item.votes) for item in self.items)

    # -- placing and taking back --------------------------------------------------------------

    def placed(self, item: Votable, voter: Voter) -> list[Vote] | None:
        """`item`'s votes with one more of `voter`'s dots, or None when they have none left."""
        if self.left(voter) <= 0:
            return None
        return [*item.votes, Vote(team_id=voter.team_id, member_id=voter.member_id)]

    def taken_back(self, item: Votable, voter: Voter) -> list[Vote] | None:
        """`item`'s votes without `voter`'s last dot on it, or None when it has none of theirs."""
        for i in range(len(item.votes) - 1, -1, -1):
            if self._counts(item.votes[i], voter):
                return item.votes[:i] + item.votes[i + 1:]
        return None


def by_team(item: Votable) -> Counter[str]:
    """Dots on `item` per team id."""
    return Counter(vote.team_id for vote in item.votes)


def tally_hidden(doc: Workshop, ballot: str) -> bool:
    """Whether the projector hides `ballot`'s tally (``cocreate``): phones voted on it
    secretly and the facilitator has not shown it yet."""
    return doc.room.phones.tallies.get(ballot) == "hidden"
