"""The one dot-voting engine, as both steps that vote use it: key gaps and strategies."""

from __future__ import annotations

import pytest

from cocreate_factory import clustered
from factories import make_doc
from workshop.edits import EditError
from workshop.edits import cards as card_edits
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import gaps as gap_edits
from workshop.methods.cocreate import votes
from workshop.methods.dots import Ballot, Voter, by_team
from workshop.methods.gaps import ranking
from workshop.model import Card, Vote


def board(*dots_per_item: list[Vote]) -> list[Card]:
    items = []
    for n, placed in enumerate(dots_per_item):
        items.append(Card(text=f"item {n}", step="gaps", board="storm", votes=placed))
    return items


def test_per_team_every_dot_of_the_team_counts():
    items = board([Vote(team_id="a"), Vote(team_id="a", member_id="m1")], [Vote(team_id="b")])
    ballot = Ballot(items, dots=3)
    assert ballot.used(Voter("a")) == 2 and ballot.left(Voter("a")) == 1
    assert ballot.left(Voter("b")) == 2
    assert ballot.tally() == {items[0].id: 2, items[1].id: 1} and ballot.total() == 3
    assert by_team(items[0]) == {"a": 2}


def test_per_member_each_member_has_their_own_dots():
    team = make_doc(teams=1, members=3).teams[0]
    first, second, third = (m.id for m in team.members)
    items = board([Vote(team_id=team.id, member_id=first)] * 2)
    ballot = Ballot(items, dots=2, per="member")
    assert ballot.voters(team) == [Voter(team.id, m) for m in (first, second, third)]
    assert ballot.left(Voter(team.id, first)) == 0
    assert ballot.left(Voter(team.id, second)) == 2
    assert ballot.team_allowed(team) == 6 and ballot.team_left(team) == 4
    assert ballot.current_voter(team, first) == Voter(team.id, second)
    assert ballot.current_voter(team, third) == Voter(team.id, third)


def test_a_team_that_has_voted_is_done():
    team = make_doc(teams=1).teams[0]
    ballot = Ballot(board([Vote(team_id=team.id)]), dots=1)
    assert ballot.current_voter(team) is None
    assert ballot.current_voter(None) is None


def test_lowering_the_dots_leaves_none_never_fewer():
    ballot = Ballot(board([Vote(team_id="a")] * 4), dots=2)
    assert ballot.left(Voter("a")) == 0


def test_placing_and_taking_back_return_new_votes():
    items = board([Vote(team_id="a", member_id="m1"), Vote(team_id="b"),
                   Vote(team_id="a", member_id="m2")])
    ballot = Ballot(items, dots=5, per="member")
    placed = ballot.placed(items[0], Voter("a", "m1"))
    assert placed is not None and placed[-1].member_id == "m1" and len(items[0].votes) == 3
    back = ballot.taken_back(items[0], Voter("a", "m1"))  # m1's own dot, not m2's later one
    assert back is not None and [(v.team_id, v.member_id) for v in back] == [
        ("b", None), ("a", "m2")]
    assert ballot.taken_back(items[0], Voter("c")) is None
    assert Ballot(items, dots=1).placed(items[0], Voter("a")) is None


def test_both_steps_count_dots_the_same_way():
    doc = clustered()
    team = doc.teams[0]
    gap = card_edits.add_card(doc, "gaps", "客户投诉响应慢", team_id=team.id)
    doc.gaps.dots = doc.cocreate.dots = 2
    strategy = doc.cocreate.clusters[0]
    assert gap_edits.vote(doc, gap.id, team.id) == cocreate_edits.vote(doc, strategy.id,
                                                                        team.id) == 1
    assert gap_edits.vote(doc, gap.id, team.id) == cocreate_edits.vote(doc, strategy.id,
                                                                        team.id) == 0
    with pytest.raises(EditError):
        gap_edits.vote(doc, gap.id, team.id)
    with pytest.raises(EditError):
        cocreate_edits.vote(doc, strategy.id, team.id)
    assert ranking.dots_used(doc, team.id) == votes.used(doc, Voter(team.id)) == 2
    assert ranking.ballot(doc).tally()[gap.id] == votes.tally(doc)[strategy.id] == 2


def test_taking_back_a_gap_dot_after_the_dots_were_lowered_says_none_left():
    doc = make_doc()
    team = doc.teams[0]
    gap = card_edits.add_card(doc, "gaps", "新品推迟上市", team_id=team.id)
    for _ in range(3):
        gap_edits.vote(doc, gap.id, team.id)
    doc.gaps.dots = 1
    assert gap_edits.unvote(doc, gap.id, team.id) == 0  # was -1 before the shared engine
