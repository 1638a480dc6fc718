"""Step 2's edits: classify, score, merge, key gaps, dots, fishbone causes, 5-Why chains."""

from __future__ import annotations

import pytest

from factories import make_doc
from workshop import i18n
from workshop.edits import EditError
from workshop.edits import cards as card_edits
from workshop.edits import gaps as edits
from workshop.methods.gaps import ranking
from workshop.model import Workshop


@pytest.fixture(autouse=True)
def _zh():
    i18n.set_language("zh")


@pytest.fixture
def doc() -> Workshop:
    return make_doc(teams=3)


def add(doc: Workshop, text: str, team: int = 0, **kwargs):
    return card_edits.add_card(doc, "gaps", text, team_id=doc.teams[team].id, **kwargs)


# -- classification and scores -------------------------------------------------------------

def test_classify_and_score(doc):
    card = add(doc, "客户流失")
    edits.classify(doc, card.id, "opportunity")
    edits.set_score(doc, card.id, "cost", 4)
    edits.set_score(doc, card.id, "strategic", 5)
    edits.set_score(doc, card.id, "urgency", 2)
    assert (card.kind, card.cost, card.strategic, card.urgency) == ("opportunity", 4, 5, 2)
    edits.classify(doc, card.id, None)
    edits.set_score(doc, card.id, "urgency", None)
    assert (card.kind, card.urgency) == (None, None)


@pytest.mark.parametrize("name,value", [("cost", 0), ("cost", 6), ("strategic", "5"),
                                        ("beauty", 3)])
def test_bad_scores_are_refused_with_a_message(doc, name, value):
    card = add(doc, "x")
    with pytest.raises(EditError) as error:
        edits.set_score(doc, card.id, name, value)
    assert str(error.value)  # a translated sentence, not a traceback
    assert card.cost is None


def test_bad_kind_and_gone_card(doc):
    card = add(doc, "x")
    with pytest.raises(EditError):
        edits.classify(doc, card.id, "urgent")
    with pytest.raises(EditError, match="不在了"):
        edits.classify(doc, "c-nothere", "opportunity")


# -- merging -------------------------------------------------------------------------------

def test_merge_keeps_both_texts_and_both_authors(doc):
    a = add(doc, "客户拜访不够", team=0)
    b = add(doc, "拜访频次太低", team=1)
    c = add(doc, "拜访没计划", team=2)
    edits.set_score(doc, b.id, "cost", 3)
    edits.classify(doc, b.id, "performance")
    edits.vote(doc, b.id, doc.teams[2].id)
    edits.merge_gaps(doc, a.id, b.id)
    edits.merge_gaps(doc, c.id, a.id)  # a merged card merges on with all it holds
    assert [card.text for card in doc.gaps.cards] == ["拜访没计划"]
    merged = doc.gaps.cards[0]
    assert merged.merged_texts == ["客户拜访不够", "拜访频次太低"]
    assert ranking.authors(doc, merged) == ["烟台队", "济南队", "青岛队"]
    assert merged.cost == 3 and merged.kind == "performance"  # missing values filled in
    assert len(merged.votes) == 1  # dots add up


def test_merge_moves_the_duplicates_fishbone_and_chains(doc):
    a, b = add(doc, "a"), add(doc, "b")
    edits.set_key(doc, b.id, True)
    fb = ranking.fishbone_of(doc, b.id)
    edits.add_cause(doc, fb.id, fb.bones[0].id, "原因一")
    chain = edits.start_chain(doc, gap_id=b.id)
    edits.merge_gaps(doc, a.id, b.id)
    assert ranking.fishbone_of(doc, a.id) is fb and a.key
    assert chain.gap_id == a.id
    # both had fishbones: causes join on the bone with the same label
    c = add(doc, "c")
    edits.set_key(doc, c.id, True)
    fc = ranking.fishbone_of(doc, c.id)
    edits.add_cause(doc, fc.id, fc.bones[0].id, "原因二")
    edits.add_bone(doc, fc.id, "竞争")
    edits.merge_gaps(doc, a.id, c.id)
    assert [c.text for c in fb.bones[0].causes] == ["原因一", "原因二"]
    assert fb.bones[-1].label == "竞争"
    assert len(doc.gaps.fishbones) == 1


def test_merge_into_itself_is_refused(doc):
    a = add(doc, "a")
    with pytest.raises(EditError):
        edits.merge_gaps(doc, a.id, a.id)


def test_delete_gap_takes_its_fishbone_and_chains(doc):
    a, b = add(doc, "a"), add(doc, "b")
    edits.set_key(doc, a.id, True)
    fb = ranking.fishbone_of(doc, a.id)
    cause = edits.add_cause(doc, fb.id, fb.bones[0].id, "原因")
    edits.start_chain(doc, cause_id=cause.id)
    edits.start_chain(doc, gap_id=a.id)
    kept = edits.start_chain(doc, gap_id=b.id)
    card, gone = edits.delete_gap(doc, a.id)
    assert card.id == a.id and gone == 3
    assert doc.gaps.fishbones == [] and doc.gaps.whys == [kept]


# -- key gaps and dots ---------------------------------------------------------------------

def test_confirm_key_gaps_sets_exactly_those_and_gives_each_a_fishbone(doc):
    a, b, c = add(doc, "a"), add(doc, "b"), add(doc, "c")
    edits.set_key(doc, a.id, True)
    edits.confirm_key_gaps(doc, [b.id, c.id])
    assert [card.key for card in doc.gaps.cards] == [False, True, True]
    assert {f.gap_id for f in doc.gaps.fishbones} == {a.id, b.id, c.id}  # a's is kept
    labels = [bone.label for bone in ranking.fishbone_of(doc, b.id).bones]
    assert labels == ["人", "机", "料", "法", "环", "测"]
    with pytest.raises(EditError):
        edits.confirm_key_gaps(doc, [])


def test_fishbone_bones_come_from_the_scenario_when_it_sets_them(doc):
    doc.gaps.bone_labels = ["客户", "产品", "渠道"]
    a = add(doc, "a")
    fb = edits.ensure_fishbone(doc, a.id)
    assert [b.label for b in fb.bones] == ["客户", "产品", "渠道"]
    assert edits.ensure_fishbone(doc, a.id) is fb


def test_each_team_has_its_dots_and_can_take_one_back(doc):
    a, b = add(doc, "a"), add(doc, "b")
    team = doc.teams[0].id
    doc.gaps.dots = 2
    assert edits.vote(doc, a.id, team) == 1
    assert edits.vote(doc, a.id, team) == 0
    with pytest.raises(EditError, match="济南队"):
        edits.vote(doc, b.id, team)
    assert edits.unvote(doc, a.id, team) == 1
    with pytest.raises(EditError):
        edits.unvote(doc, b.id, team)
    with pytest.raises(EditError):
        edits.vote(doc, a.id, None)
    assert edits.vote(doc, b.id, doc.teams[1].id) == 1


def test_key_count_and_ranking_method_are_checked(doc):
    assert edits.set_key_count(doc, 5) == 5
    with pytest.raises(EditError):
        edits.set_key_count(doc, 0)
    with pytest.raises(EditError):
        edits.set_ranking(doc, "alphabetical")
    edits.set_ranking(doc, "votes")
    assert doc.gaps.ranking == "votes"


# -- fishbone ------------------------------------------------------------------------------

@pytest.fixture
def fish(doc):
    gap = add(doc, "两家VIP客户流失")
    return edits.ensure_fishbone(doc, gap.id)


def test_causes_sub_causes_and_levels(doc, fish):
    man = fish.bones[0].id
    cause = edits.add_cause(doc, fish.id, man, "客户经理跟进不及时", team_id=doc.teams[0].id)
    sub = edits.add_cause(doc, fish.id, man, "新人多", parent_id=cause.id)
    subsub = edits.add_cause(doc, fish.id, man, "招聘集中在三月", parent_id=sub.id)
    assert fish.bones[0].causes[0].children[0].children[0].text == "招聘集中在三月"
    with pytest.raises(EditError, match="3 层"):
        edits.add_cause(doc, fish.id, man, "太深了", parent_id=subsub.id)
    with pytest.raises(EditError):
        edits.add_cause(doc, fish.id, man, "   ")
    edits.edit_cause(doc, fish.id, sub.id, "新人占一半")
    assert sub.text == "新人占一半"


def test_move_a_cause_to_another_bone_keeps_its_sub_causes(doc, fish):
    man, machine = fish.bones[0].id, fish.bones[1].id
    cause = edits.add_cause(doc, fish.id, man, "CRM 不好用")
    edits.add_cause(doc, fish.id, man, "录入太慢", parent_id=cause.id)
    edits.move_cause(doc, fish.id, cause.id, machine)
    assert fish.bones[0].causes == []
    assert fish.bones[1].causes[0].children[0].text == "录入太慢"
    # a sub-cause moved to a bone becomes a cause there
    sub = fish.bones[1].causes[0].children[0]
    edits.move_cause(doc, fish.id, sub.id, man)
    assert [c.text for c in fish.bones[0].causes] == ["录入太慢"]
    assert fish.bones[1].causes[0].children == []


def test_shift_promote_demote(doc, fish):
    man = fish.bones[0].id
    a, _, c = (edits.add_cause(doc, fish.id, man, t) for t in ("a", "b", "c"))
    edits.shift_cause(doc, fish.id, c.id, -1)
    assert [x.text for x in fish.bones[0].causes] == ["a", "c", "b"]
    edits.demote_cause(doc, fish.id, c.id)
    assert [x.text for x in fish.bones[0].causes] == ["a", "b"]
    assert [x.text for x in fish.bones[0].causes[0].children] == ["c"]
    with pytest.raises(EditError):
        edits.demote_cause(doc, fish.id, a.id)  # nothing above it
    edits.promote_cause(doc, fish.id, c.id)
    assert [x.text for x in fish.bones[0].causes] == ["a", "c", "b"]
    with pytest.raises(EditError):
        edits.promote_cause(doc, fish.id, c.id)


def test_root_marks_and_bone_edits(doc, fish):
    cause = edits.add_cause(doc, fish.id, fish.bones[2].id, "原料批次不稳")
    edits.set_root(doc, fish.id, cause.id, True)
    assert [r.text for r in ranking.root_causes(doc)] == ["原料批次不稳"]
    bone = edits.add_bone(doc, fish.id, "  竞争  ")
    assert bone.label == "竞争"
    edits.rename_bone(doc, fish.id, bone.id, "竞品")
    edits.delete_bone(doc, fish.id, fish.bones[2].id)
    assert ranking.root_causes(doc) == []
    with pytest.raises(EditError):
        edits.add_cause(doc, fish.id, "b-gone", "x")


def test_user_text_is_cleaned_not_interpreted(doc, fish):
    cause = edits.add_cause(doc, fish.id, fish.bones[0].id, "\x1b[31m[/oops] <b>&\x07")
    assert cause.text == "[/oops] <b>&"


# -- 5-Why ---------------------------------------------------------------------------------

def test_a_chain_from_a_cause_starts_at_its_text_and_is_found_again(doc, fish):
    cause = edits.add_cause(doc, fish.id, fish.bones[0].id, "客户经理跟进不及时")
    chain = edits.start_chain(doc, cause_id=cause.id)
    assert chain.problem == "客户经理跟进不及时" and chain.gap_id == fish.gap_id
    assert edits.start_chain(doc, cause_id=cause.id) is chain
    gap_chain = edits.start_chain(doc, gap_id=fish.gap_id)
    assert gap_chain is not chain and gap_chain.problem == "两家VIP客户流失"
    free = edits.start_chain(doc, problem="会议太多")
    assert free.gap_id is None
    with pytest.raises(EditError):
        edits.start_chain(doc, problem="  ")


def test_root_before_three_whys_needs_a_reason(doc):
    chain = edits.start_chain(doc, problem="p")
    first = edits.add_why(doc, chain.id, "一")
    second = edits.add_why(doc, chain.id, "二")
    with pytest.raises(EditError, match="只问了 2 次"):
        edits.mark_root(doc, chain.id, second.id)
    assert chain.root_index is None
    edits.mark_root(doc, chain.id, second.id, reason="合同规定，无法再追问")
    assert chain.root_index == 1 and chain.stop_reason == "合同规定，无法再追问"
    edits.mark_root(doc, chain.id, first.id)  # the reason written stands
    assert chain.root_index == 0
    third = edits.add_why(doc, chain.id, "三")
    edits.mark_root(doc, chain.id, third.id)
    assert chain.root_index == 2
    edits.mark_root(doc, chain.id, None)
    assert chain.root_index is None


def test_deleting_a_why_keeps_the_root_on_its_link(doc):
    chain = edits.start_chain(doc, problem="p")
    links = [edits.add_why(doc, chain.id, f"w{i}") for i in range(5)]
    edits.mark_root(doc, chain.id, links[3].id)
    edits.delete_why(doc, chain.id, links[0].id)
    assert chain.links[chain.root_index].text == "w3"
    edits.delete_why(doc, chain.id, links[3].id)
    assert chain.root_index is None


def test_more_than_five_whys_are_allowed_up_to_a_limit(doc):
    chain = edits.start_chain(doc, problem="p")
    for i in range(12):
        edits.add_why(doc, chain.id, f"w{i}")
    with pytest.raises(EditError):
        edits.add_why(doc, chain.id, "too many")
    assert len(chain.links) == 12


def test_edit_and_delete_chain(doc):
    chain = edits.start_chain(doc, problem="p")
    link = edits.add_why(doc, chain.id, "w")
    edits.edit_why(doc, chain.id, link.id, "w2")
    edits.edit_problem(doc, chain.id, "p2")
    assert (chain.problem, chain.links[0].text) == ("p2", "w2")
    edits.delete_chain(doc, chain.id)
    assert doc.gaps.whys == []
    with pytest.raises(EditError):
        edits.add_why(doc, chain.id, "x")


def test_a_card_on_the_wrong_quadrant_moves_to_another_and_comes_last(doc):
    team = doc.teams[0].id
    first = card_edits.add_card(doc, "gaps", "竞品降价", board="swot.S", team_id=team)
    card_edits.add_card(doc, "gaps", "品牌认知度高", board="swot.S")
    card_edits.add_card(doc, "gaps", "新品比例低", board="swot.T")
    card_edits.move_card(doc, first.id, "swot.T")
    assert [c.text for c in doc.cards("gaps", "swot.S")] == ["品牌认知度高"]
    assert [c.text for c in doc.cards("gaps", "swot.T")] == ["新品比例低", "竞品降价"]
    assert doc.cards("gaps", "swot.T")[-1].team_id == team
    # from SWOT to PEST: another list of the same kind of card
    card_edits.move_card(doc, first.id, "pest.E")
    assert [c.text for c in doc.cards("gaps", "pest.E")] == ["竞品降价"]
    assert all(c.id != first.id for c in doc.gaps.swot)


def test_moving_a_card_is_refused_where_it_would_lose_something(doc):
    gap = card_edits.add_card(doc, "gaps", "拜访不够")
    swot = card_edits.add_card(doc, "gaps", "县域空白", board="swot.O")
    with pytest.raises(EditError, match="差距卡片不能移到「优势 S」"):
        card_edits.move_card(doc, gap.id, "swot.S")
    with pytest.raises(EditError):
        card_edits.move_card(doc, swot.id, "storm")
    with pytest.raises(EditError, match="已经在这块板上"):
        card_edits.move_card(doc, swot.id, "swot.O")
    with pytest.raises(EditError, match="没有这个卡片板"):
        card_edits.move_card(doc, swot.id, "swot.X")
    assert [c.id for c in doc.gaps.cards] == [gap.id] and doc.gaps.swot[0].board == "swot.O"
