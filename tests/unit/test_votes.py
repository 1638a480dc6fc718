"""Dot voting: tallies, dots left per team and per member, the priority order and its
tie rule."""

from __future__ import annotations

import pytest

from cocreate_factory import clustered, voted
from workshop.edits import EditError
from workshop.edits import cocreate as edits
from workshop.methods.cocreate import votes


def test_tally_counts_every_dot_per_cluster():
    doc = voted()
    visits, shows, training = (k.id for k in doc.cocreate.clusters)
    assert votes.tally(doc) == {visits: 2, shows: 3, training: 1}
    assert votes.total(doc) == 6
    first, second = doc.teams
    assert votes.by_team(doc.cocreate.cluster(shows)) == {first.id: 2, second.id: 1}


def test_dots_left_per_team():
    doc = clustered()
    team = doc.teams[0]
    voter = votes.Voter(team.id)
    visits = doc.cocreate.clusters[0].id
    assert votes.left(doc, voter) == 3
    assert edits.vote(doc, visits, team.id) == 2
    assert edits.vote(doc, visits, team.id) == 1  # several dots on one strategy are fine
    assert edits.vote(doc, visits, team.id) == 0
    with pytest.raises(EditError, match="3 票已经投完"):
        edits.vote(doc, visits, team.id)
    assert votes.tally(doc)[visits] == 3
    assert votes.team_left(doc, doc.teams[1]) == 3  # the other team is untouched


def test_dots_per_member_give_every_member_their_own_dots():
    doc = clustered(members=4)
    edits.set_dots_per(doc, "member")
    edits.set_dots(doc, 2)
    team = doc.teams[0]
    first, second = team.members[0].id, team.members[1].id
    cluster = doc.cocreate.clusters[1].id
    assert votes.team_allowed(doc, team) == 8
    edits.vote(doc, cluster, team.id, first)
    edits.vote(doc, cluster, team.id, first)
    with pytest.raises(EditError):
        edits.vote(doc, cluster, team.id, first)
    assert votes.left(doc, votes.Voter(team.id, second)) == 2
    assert votes.team_left(doc, team) == 6
    # the next voter is the first member who still has dots
    assert votes.current_voter(doc, team, first) == votes.Voter(team.id, second)
    with pytest.raises(EditError, match="哪位成员"):
        edits.vote(doc, cluster, team.id)  # per member, a dot needs a member


def test_taking_a_dot_back_removes_the_voters_own_last_dot():
    doc = voted()
    shows = doc.cocreate.clusters[1]
    first, second = doc.teams
    assert edits.unvote(doc, shows.id, second.id) == 1
    assert votes.by_team(doc.cocreate.cluster(shows.id)) == {first.id: 2}
    with pytest.raises(EditError):
        edits.unvote(doc, shows.id, second.id)  # second has no dot left there


def test_lowering_the_dots_never_leaves_negative_dots():
    doc = voted()
    edits.set_dots(doc, 1)
    assert votes.left(doc, votes.Voter(doc.teams[0].id)) == 0
    with pytest.raises(EditError):
        edits.set_dots(doc, 0)
    with pytest.raises(EditError):
        edits.set_dots(doc, 21)


def test_unnamed_clusters_get_no_dots():
    doc = clustered(named=False)
    with pytest.raises(EditError, match="先给这一类命名"):
        edits.vote(doc, doc.cocreate.clusters[0].id, doc.teams[0].id)


def test_priority_is_by_dots():
    doc = voted()
    ranked = votes.priority(doc)
    assert [r.name for r in ranked] == ["办好技术交流会和行业展会", "建立VIP客户分级拜访制度",
                                        "提升销售团队的产品能力"]
    assert [r.votes for r in ranked] == [3, 2, 1]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert not any(r.tied for r in ranked)


def test_ties_go_to_more_cards_then_to_the_earlier_cluster():
    doc = clustered()
    visits, shows, training = (k.id for k in doc.cocreate.clusters)
    team = doc.teams[0].id
    edits.vote(doc, training, team)  # training: 2 cards, 1 dot
    edits.vote(doc, shows, team)  # shows: 3 cards, 1 dot
    ranked = votes.priority(doc)
    # shows and training tie on dots; shows has more cards; visits (0 dots) last
    assert [r.cluster_id for r in ranked] == [shows, training, visits]
    assert [r.tied for r in ranked] == [True, True, False]
    # equal dots and equal cards: the cluster formed first comes first
    cards = [c.id for c in doc.cocreate.cards]
    edits.move(doc, [cards[6]], training)  # training now has 3 cards too
    assert [r.cluster_id for r in votes.priority(doc)][:2] == [shows, training]
    edits.merge(doc, training, shows)
    assert [r.votes for r in votes.priority(doc)] == [2, 0]  # merged dots add up


def test_named_only_leaves_out_clusters_without_a_name():
    doc = clustered()
    edits.name_cluster(doc, doc.cocreate.clusters[2].id, "")
    assert len(votes.priority(doc, named_only=True)) == 2
    assert len(votes.priority(doc)) == 3


def test_paper_dots_counted_off_the_wall_count_in_the_tally_and_the_order():
    doc = voted()  # keyboard: 拜访 2, 展会 3, 培训 1
    doc.cocreate.dots = 10  # per team: the room has 20
    visits, shows, training = (k.id for k in doc.cocreate.clusters)
    assert edits.count_dots(doc, {training: 4}) == 4
    assert votes.tally(doc) == {visits: 2, shows: 3, training: 5}
    assert votes.total(doc) == 10
    assert [row.cluster_id for row in votes.priority(doc)] == [training, shows, visits]
    # the voters' own dots are untouched: paper dots are the room's, no voter's
    assert votes.left(doc, votes.Voter(doc.teams[0].id)) == 10 - 3
    assert edits.clear_votes(doc) == 10 and votes.total(doc) == 0


def test_the_room_cannot_count_more_dots_than_it_has():
    doc = clustered(teams=2, members=3)  # per member, 5 dots: 6 people × 5 = 30
    edits.set_dots_per(doc, "member")
    edits.set_dots(doc, 5)
    visits, shows, training = (k.id for k in doc.cocreate.clusters)
    edits.count_dots(doc, {visits: 12, shows: 10, training: 8})  # exactly the room's 30
    with pytest.raises(EditError, match=r"数出 31 票.*6 人 × 每人 5 票 = 30 票"):
        edits.count_dots(doc, {training: 9})
    assert votes.total(doc) == 30  # refused: nothing changed
    edits.count_dots(doc, {training: 7})
    team = doc.teams[0]
    edits.vote(doc, visits, team.id, team.members[0].id)  # the 30th dot, at the keyboard
    with pytest.raises(EditError, match="30 票都已投出"):
        edits.vote(doc, visits, team.id, team.members[0].id)
    with pytest.raises(EditError, match="键盘上已投 1 票"):
        edits.count_dots(doc, {training: 8})


def test_per_team_the_budget_is_teams_times_dots():
    doc = clustered(teams=2)
    with pytest.raises(EditError, match=r"2 组 × 每组 3 票 = 6 票"):
        edits.count_dots(doc, {doc.cocreate.clusters[0].id: 7})


def test_paper_dots_go_only_on_named_clusters_and_never_below_zero():
    doc = clustered(named=False)
    with pytest.raises(EditError, match="先给这一类命名"):
        edits.count_dots(doc, {doc.cocreate.clusters[0].id: 1})
    edits.count_dots(doc, {doc.cocreate.clusters[0].id: 0})  # nothing counted is fine
    named = clustered()
    with pytest.raises(EditError, match="负数"):
        edits.count_dots(named, {named.cocreate.clusters[0].id: -1})


def test_while_phones_dots_are_secret_the_shown_order_is_the_boards_with_no_dots():
    from workshop.edits import phones as phone_edits

    doc = voted()  # by dots: 展会 3, VIP 2, 培训 1; on the board: VIP, 展会, 培训
    board = [k.name for k in doc.cocreate.clusters]
    assert [r.name for r in votes.shown_priority(doc)] == [r.name for r in votes.priority(doc)]
    phone_edits.show_tally(doc.room, "cocreate", False)  # the phones voted: secret
    assert votes.secret(doc)
    shown = votes.shown_priority(doc)
    assert [r.name for r in shown] == board != [r.name for r in votes.priority(doc)]
    assert [(r.rank, r.votes, r.tied) for r in shown] == [(1, 0, False), (2, 0, False),
                                                          (3, 0, False)]
    assert votes.priority(doc)[0].votes == 3  # the vote's own order, for the reveal
    phone_edits.show_tally(doc.room, "cocreate", True)
    assert [r.votes for r in votes.shown_priority(doc)] == [3, 2, 1]
