"""Clustering (pairs first, move, move back, merge, split, dissolve) and name advice."""

from __future__ import annotations

import pytest

from cocreate_factory import brainstormed, clustered
from workshop.edits import EditError
from workshop.edits import cocreate as edits
from workshop.methods.cocreate import clusters
from workshop.model import Cluster


def texts(doc, cluster_id):
    return [card.text for card in clusters.cards_of(doc.cocreate, cluster_id)]


def test_pairs_first_a_new_cluster_needs_two_cards():
    doc = brainstormed()
    cards = [c.id for c in doc.cocreate.cards]
    with pytest.raises(EditError, match="先两两配对"):
        edits.new_cluster(doc, [cards[0]])
    with pytest.raises(EditError, match="先两两配对"):
        edits.new_cluster(doc, [cards[0], cards[0]])  # the same card twice is one card
    pair = edits.new_cluster(doc, [cards[0], cards[1]])
    assert texts(doc, pair.id) == ["每月拜访每家VIP客户一次", "建立客户分级档案"]
    assert clusters.progress(doc.cocreate) == clusters.Progress(cards=10, loose=8, clusters=1,
                                                                unnamed=1)


def test_move_and_move_back():
    doc = clustered()
    visits = doc.cocreate.clusters[0].id
    loose = [c.id for c in clusters.loose(doc.cocreate)]
    assert edits.move(doc, loose, visits) == 2
    assert len(texts(doc, visits)) == 5
    assert clusters.loose(doc.cocreate) == []
    # cards keep the order they were typed in, wherever they go
    assert texts(doc, visits)[2:4] == ["竞品降价时快速报价机制", "老客户转介绍奖励 [/oops] <b>&"]
    assert edits.move_back(doc, [loose[0]]) == 1
    assert [c.id for c in clusters.loose(doc.cocreate)] == [loose[0]]
    with pytest.raises(EditError, match="不在任何一类"):
        edits.move_back(doc, [loose[0]])


def test_moving_the_last_card_out_removes_an_unnamed_cluster_but_keeps_a_named_one():
    doc = clustered(named=False)
    training = doc.cocreate.clusters[2]
    edits.move_back(doc, [c.id for c in clusters.cards_of(doc.cocreate, training.id)])
    assert doc.cocreate.cluster(training.id) is None
    doc = clustered(named=True)
    training = doc.cocreate.clusters[2]
    edits.move_back(doc, [c.id for c in clusters.cards_of(doc.cocreate, training.id)])
    assert doc.cocreate.cluster(training.id) is not None  # the room's name stays


def test_merge_moves_cards_and_dots_and_keeps_the_targets_name():
    doc = clustered()
    visits, shows, training = doc.cocreate.clusters
    edits.vote(doc, training.id, doc.teams[0].id)
    edits.assign_team(doc, training.id, doc.teams[1].id)
    target = edits.merge(doc, training.id, visits.id)
    assert target.name == "建立VIP客户分级拜访制度"
    assert len(texts(doc, visits.id)) == 5
    assert len(doc.cocreate.cluster(visits.id).votes) == 1
    assert doc.cocreate.cluster(visits.id).team_id == doc.teams[1].id
    assert doc.cocreate.cluster(training.id) is None
    assert [k.id for k in doc.cocreate.clusters] == [visits.id, shows.id]
    with pytest.raises(EditError, match="合并到它自己"):
        edits.merge(doc, visits.id, visits.id)
    with pytest.raises(EditError, match="已经不在"):
        edits.merge(doc, training.id, visits.id)


def test_actions_follow_their_cluster_when_it_is_merged_and_lose_it_when_it_goes():
    from workshop.edits import plan as plan_edits
    doc = clustered()
    visits, shows, training = doc.cocreate.clusters
    under_training = plan_edits.add_action(doc, "每周两次陪访", strategy_id=training.id)
    under_shows = plan_edits.add_action(doc, "参加三场展会", strategy_id=shows.id)
    edits.merge(doc, training.id, visits.id)
    assert under_training.strategy_id == visits.id
    edits.remove_cluster(doc, shows.id)
    assert under_shows.strategy_id is None
    assert under_training.strategy_id == visits.id


def test_an_unnamed_cluster_emptied_by_a_move_takes_its_actions_strategy_with_it():
    from workshop.edits import plan as plan_edits
    doc = clustered(named=True)
    training = doc.cocreate.clusters[2]
    action = plan_edits.add_action(doc, "每月一次产品培训", strategy_id=training.id)
    edits.name_cluster(doc, training.id, "")  # the room takes its name back
    edits.move_back(doc, [c.id for c in clusters.cards_of(doc.cocreate, training.id)])
    assert doc.cocreate.cluster(training.id) is None
    assert action.strategy_id is None


def test_an_unnamed_target_takes_the_sources_name():
    doc = clustered(named=False)
    visits, shows, _ = doc.cocreate.clusters
    edits.name_cluster(doc, shows.id, "办好展会")
    edits.merge(doc, shows.id, visits.id)
    assert doc.cocreate.cluster(visits.id).name == "办好展会"


def test_split_takes_cards_into_a_new_cluster_right_after():
    doc = clustered()
    visits, shows, training = doc.cocreate.clusters
    inside = [c.id for c in clusters.cards_of(doc.cocreate, shows.id)]
    part = edits.split(doc, shows.id, inside[1:])
    assert [k.id for k in doc.cocreate.clusters] == [visits.id, shows.id, part.id, training.id]
    assert texts(doc, part.id) == ["参加两次行业展会", "展会期间办联谊座谈会"]
    assert texts(doc, shows.id) == ["举办VIP客户技术交流会"]
    assert doc.cocreate.cluster(shows.id).name == "办好技术交流会和行业展会"  # name stays
    with pytest.raises(EditError, match="至少留一张"):
        edits.split(doc, part.id, texts_ids(doc, part.id))
    with pytest.raises(EditError, match="不在这一类"):
        edits.split(doc, part.id, inside[:1])


def texts_ids(doc, cluster_id):
    return [c.id for c in clusters.cards_of(doc.cocreate, cluster_id)]


def test_dissolve_sends_the_cards_back():
    doc = clustered()
    shows = doc.cocreate.clusters[1]
    assert edits.remove_cluster(doc, shows.id) == 3
    assert doc.cocreate.cluster(shows.id) is None
    assert len(clusters.loose(doc.cocreate)) == 5


def test_names_are_unique_and_clean():
    doc = clustered()
    shows = doc.cocreate.clusters[1]
    with pytest.raises(EditError, match="已经有一类"):
        edits.name_cluster(doc, shows.id, " 建立VIP客户分级拜访制度 ")
    edits.name_cluster(doc, shows.id, "办好\x1b[31m展会\n和交流会")
    assert doc.cocreate.cluster(shows.id).name == "办好展会 和交流会"


def test_unknown_cards_are_refused():
    doc = clustered()
    with pytest.raises(EditError, match="已经不在"):
        edits.move(doc, ["c-nothere"], doc.cocreate.clusters[0].id)
    with pytest.raises(EditError):
        edits.move(doc, [doc.cocreate.cards[0].id], "k-nothere")


@pytest.mark.parametrize(("name", "too_long", "too_short", "noun"), [
    ("建立VIP客户分级拜访制度", False, False, False),
    ("客户管理", False, False, True),
    ("提升", False, True, False),
    ("建立一个覆盖全省所有地市的VIP客户分级定期拜访与回访管理制度", True, False, False),
    ("Build tiered VIP client visits", False, False, False),
    ("Pricing", False, True, True),
    ("Customer loyalty program", False, False, True),
    ("Run two trade shows and one big client evening every single year", True, False, False),
])
def test_name_advice(name, too_long, too_short, noun):
    advice = clusters.name_advice(name)
    assert (advice.too_long, advice.too_short, advice.noun) == (too_long, too_short, noun)
    assert advice.ok == (not (too_long or too_short or noun))


def test_name_advice_counts_chinese_characters_and_english_words():
    assert clusters.name_advice("建立VIP客户分级拜访制度").length == 11  # 10 characters + VIP
    assert clusters.name_advice("建立VIP客户分级拜访制度").han
    assert clusters.name_advice("Build tiered VIP client visits").length == 5
    assert clusters.name_advice("").ok


def test_the_steps_to_do_counts_nameless_clusters_that_hold_cards():
    doc = brainstormed()
    cards = [c.id for c in doc.cocreate.cards]
    first = edits.new_cluster(doc, cards[0:2])
    second = edits.new_cluster(doc, cards[2:4])
    assert clusters.unnamed(doc.cocreate) == 2
    edits.name_cluster(doc, first.id, "建立客户分级拜访")
    assert clusters.unnamed(doc.cocreate) == 1
    empty = Cluster()  # no card in it: nothing to name yet
    doc.cocreate.clusters.append(empty)
    assert clusters.unnamed(doc.cocreate) == 1
    assert clusters.progress(doc.cocreate) == clusters.Progress(cards=10, loose=6, clusters=3,
                                                                unnamed=1)
    edits.name_cluster(doc, second.id, "举办技术交流会")
    assert clusters.unnamed(doc.cocreate) == 0
    assert empty.name == ""
