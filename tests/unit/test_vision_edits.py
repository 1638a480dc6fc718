"""Edits of step 1 and the review: they change the document or refuse with a message,
and the parts of every cascade still add up afterwards."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import SCENARIOS
from workshop.edits import EditError
from workshop.edits import review as review_edits
from workshop.edits import vision as edits
from workshop.methods.vision import cascade as cascade_math
from workshop.scenario import load_scenario


@pytest.fixture
def shandong():
    return load_scenario(SCENARIOS / "shandong-sales.toml")


def quarters(doc):
    return next(c for c in doc.vision.cascades if c.label == "按季度")


# -- goals ------------------------------------------------------------------------------

def test_add_goal_cleans_text_and_checks_references(shandong):
    goal = edits.add_goal(shandong, statement="  2027年济南市场\x1b[31m新客户\x07达到20家 ",
                          target=20.0, parent_id="jinan", team_id=shandong.teams[0].id,
                          deadline=dt.date(2027, 12, 31))
    assert goal.statement == "2027年济南市场新客户达到20家"
    assert shandong.goal(goal.id) is goal
    with pytest.raises(EditError, match="空"):
        edits.add_goal(shandong, statement="   ")
    with pytest.raises(EditError):
        edits.add_goal(shandong, statement="x", parent_id="nope")
    with pytest.raises(EditError):
        edits.add_goal(shandong, statement="x", team_id="nope")
    with pytest.raises(EditError, match="乘数"):
        edits.add_goal(shandong, statement="x", factors=0.0)
    with pytest.raises(EditError):
        edits.add_goal(shandong, statement="x", target=float("nan"))


def test_a_goal_cannot_serve_itself_or_its_own_sub_goal(shandong):
    with pytest.raises(EditError, match="上级"):
        edits.update_goal(shandong, "shandong", parent_id="jinan")
    with pytest.raises(EditError):
        edits.update_goal(shandong, "jinan", parent_id="jinan")
    edits.update_goal(shandong, "jinan", parent_id=None)
    assert shandong.goal("jinan").parent_id is None


def test_delete_goal_reparents_children_and_drops_its_cascades(shandong):
    sub = edits.add_goal(shandong, statement="张伟负责3家VIP客户销售额80万元", parent_id="jinan")
    edits.delete_goal(shandong, "jinan")
    assert shandong.goal("jinan") is None
    assert shandong.goal(sub.id).parent_id == "shandong"
    assert all(c.goal_id != "jinan" for c in shandong.vision.cascades)


# -- the shared vision --------------------------------------------------------------------

def test_statement_and_agreement(shandong):
    with pytest.raises(EditError, match="愿景陈述"):
        edits.set_agreed(shandong, True)
    assert edits.set_statement(shandong, "第一行\r\n第二行\x1b[0m") is False
    assert shandong.vision.statement == "第一行\n第二行"
    at = dt.datetime(2026, 12, 5, 10, 30, tzinfo=dt.UTC)
    edits.set_agreed(shandong, True, at)
    assert shandong.vision.agreed and shandong.vision.agreed_at == at
    assert edits.set_statement(shandong, "第一行\n第二行") is False  # unchanged: still agreed
    assert shandong.vision.agreed
    assert edits.set_statement(shandong, "新的愿景") is True  # changed: agreement withdrawn
    assert not shandong.vision.agreed and shandong.vision.agreed_at is None


# -- cascades -----------------------------------------------------------------------------

def test_weights_change_and_parts_still_add_up(shandong):
    q = quarters(shandong)
    edits.nudge_weight(shandong, q.id, 0, 5)
    assert q.parts[0].weight == 25
    resolved = cascade_math.resolve(shandong, q)
    assert resolved.sum == 700 and [p.value for p in resolved.parts] == [167, 166, 167, 200]
    edits.nudge_weight(shandong, q.id, 0, -100)
    assert q.parts[0].weight == 0  # never below zero
    with pytest.raises(EditError, match="负数"):
        edits.set_weight(shandong, q.id, 1, -1)
    for i in (1, 2):
        edits.set_weight(shandong, q.id, i, 0)
    with pytest.raises(EditError, match="0"):
        edits.set_weight(shandong, q.id, 3, 0)  # all zero: refused
    assert q.parts[3].weight == 30


def test_plus_and_minus_move_weights_by_whole_steps(shandong):
    q = quarters(shandong)
    edits.set_weight(shandong, q.id, 0, 8.2)
    edits.nudge_weight(shandong, q.id, 0, 1)
    assert q.parts[0].weight == 9  # to the next whole number, not 9.2
    edits.nudge_weight(shandong, q.id, 0, -1)
    edits.nudge_weight(shandong, q.id, 0, -1)
    assert q.parts[0].weight == 7
    edits.nudge_weight(shandong, q.id, 0, 1)
    assert q.parts[0].weight == 8
    # the step is a whole number: all-1 weights move by 1, money-sized weights by 500
    assert cascade_math.weight_step([1, 1, 1, 1]) == 1
    assert cascade_math.weight_step([7, 7, 8, 8, 9, 9]) == 1
    assert cascade_math.weight_step([13_000, 6_000, 3_000]) == 500


def test_parts_are_added_moved_renamed_and_deleted(shandong):
    q = quarters(shandong)
    index = edits.add_part(shandong, q.id, "第五季度", 10, after=3)
    assert index == 4 and q.parts[4].label == "第五季度"
    assert edits.move_part(shandong, q.id, 4, -1) == 3
    assert [p.label for p in q.parts][3:] == ["第五季度", "第四季度"]
    edits.update_part(shandong, q.id, 3, label="加场", note="展会")
    assert (q.parts[3].label, q.parts[3].note) == ("加场", "展会")
    edits.delete_part(shandong, q.id, 3)
    assert [p.label for p in q.parts] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    with pytest.raises(EditError):
        edits.add_part(shandong, q.id, "  ")
    with pytest.raises(EditError):
        edits.delete_part(shandong, q.id, 9)


def test_a_combination_follows_its_part_when_parts_move_or_go(shandong):
    q = quarters(shandong)
    child = edits.add_cascade(shandong, "shandong", "months", parent_cascade_id=q.id,
                              parent_part=3)
    assert cascade_math.resolve(shandong, child).sum == 210
    edits.move_part(shandong, q.id, 3, -3)  # Q4 to the front
    assert child.parent_part == 0 and cascade_math.resolve(shandong, child).sum == 210
    edits.add_part(shandong, q.id, "新", 1, after=None)
    assert child.parent_part == 0
    edits.delete_part(shandong, q.id, 0)  # the part it splits goes: so does the split
    assert child not in shandong.vision.cascades


def test_step_must_divide_the_whole(shandong):
    q = quarters(shandong)
    edits.set_cascade(shandong, q.id, step=10)
    # 70 steps of 10: 14, 17.5, 17.5, 21 — the one left over goes to the middle of the ties
    assert [p.value for p in cascade_math.resolve(shandong, q).parts] == [140, 170, 180, 210]
    with pytest.raises(EditError, match="整数倍"):
        edits.set_cascade(shandong, q.id, step=300)
    with pytest.raises(EditError):
        edits.set_cascade(shandong, q.id, step=0)


def test_add_cascade_presets_and_delete(shandong):
    months = edits.add_cascade(shandong, "qingdao", "months")
    assert months.kind == "time" and months.label == "按月" and len(months.parts) == 12
    people = edits.add_cascade(shandong, "qingdao", "members")
    assert [p.label for p in people.parts] == ["赵磊", "孙丽", "周杰", "吴敏"]
    assert all(p.member_id for p in people.parts)
    with pytest.raises(EditError):
        edits.add_cascade(shandong, "qingdao", "fortnights")
    with pytest.raises(EditError):
        edits.add_cascade(shandong, "nope", "months")
    child = edits.add_cascade(shandong, "qingdao", "weeks", parent_cascade_id=months.id,
                              parent_part=0)
    edits.delete_cascade(shandong, months.id)
    assert months not in shandong.vision.cascades and child not in shandong.vision.cascades


# -- funnels ------------------------------------------------------------------------------

def test_funnels_are_checked_like_the_method(shandong):
    f = edits.add_funnel(shandong, goal_id="jinan", label="拜访链", target_value=300,
                         average_value=5, stages=["拜访", " ", "签约"], rates=[0.2])
    assert f.stages == ["拜访", "签约"]
    with pytest.raises(EditError, match="转化率"):
        edits.update_funnel(shandong, f.id, rates=[0.2, 0.5])
    with pytest.raises(EditError, match="100%"):
        edits.update_funnel(shandong, f.id, rates=[1.5])
    edits.update_funnel(shandong, f.id, average_value=10)
    assert f.average_value == 10 and f.rates == [0.2]
    copy = edits.copy_funnel(shandong, f.id, label="假如", rates=[0.4])
    assert copy.rates == [0.4] and copy.average_value == 10 and f.rates == [0.2]
    edits.delete_funnel(shandong, f.id)
    assert f not in shandong.vision.funnels


# -- review -------------------------------------------------------------------------------

def test_review_outcomes(shandong):
    goal = shandong.review.goals[0]
    review_edits.set_outcome(shandong, goal.id, "met")
    assert goal.outcome == "met"
    review_edits.set_outcome(shandong, goal.id, None)
    order = [review_edits.cycle_outcome(shandong, goal.id).outcome for _ in range(5)]
    assert order == ["exceeded", "met", "missed", "lost", None]
    with pytest.raises(EditError):
        review_edits.set_outcome(shandong, goal.id, "great")  # type: ignore[arg-type]
    added = review_edits.add_goal(shandong, statement="2026年新开发加盟商10家", target=10,
                                  actual=12, outcome="exceeded", note="展会\n带来新客户")
    assert added.note == "展会\n带来新客户"
    review_edits.update_goal(shandong, added.id, actual=9.0)
    assert added.actual == 9
    assert review_edits.move_goal(shandong, added.id, -10) == 0
    review_edits.delete_goal(shandong, added.id)
    with pytest.raises(EditError):
        review_edits.update_goal(shandong, added.id, actual=1.0)
    with pytest.raises(EditError):
        review_edits.add_goal(shandong, statement="")


def test_the_stepper_counts_what_still_needs_attention(shandong):
    from workshop.methods.progress import step_status

    assert step_status(shandong)["vision"].todo == 0
    assert step_status(shandong)["review"].todo == 0
    edits.add_goal(shandong, statement="一定要提高拜访量", parent_id="shandong")
    edits.set_statement(shandong, "每家VIP客户每月都见到我们")
    assert step_status(shandong)["vision"].todo == 2  # a vague goal, a statement not agreed
    edits.set_agreed(shandong, True)
    assert step_status(shandong)["vision"].todo == 1
    review_edits.set_outcome(shandong, shandong.review.goals[0].id, None)
    assert step_status(shandong)["review"] == type(step_status(shandong)["review"])(True, 1)


def test_funnel_counts_are_whole_numbers_rounded_up_and_the_report_says_so(shandong):
    from workshop.report import build_report

    f = edits.add_funnel(shandong, target_value=1_000_000, average_value=6_000,
                         stages=["打电话", "约见", "面谈", "签约"], rates=[0.1, 0.5, 0.1])
    table = next(x for x in build_report(shandong, "zh").step("vision").funnels if x.id == f.id)
    calls = table.rows[0]
    assert calls.day == "134" and calls.week == "667"  # 133.3 and 666.7, rounded up
    assert table.deals_text == "167"  # 166.7 deals a year
    assert "向上取整" in table.rounded and "133.3 → 134" in table.rounded


def test_a_saved_assumption_is_named_from_its_own_values(shandong):
    f = edits.add_funnel(shandong, target_value=1_000_000, average_value=2_000,
                         label="假设1：平均保费2000美元", stages=["打电话", "约见", "面谈", "签约"],
                         rates=[0.1, 0.5, 0.1])
    second = edits.copy_funnel(shandong, f.id, average_value=4_000)
    assert second.label == "假设2：平均单值 4,000，转化率 10% / 50% / 10%"
    third = edits.copy_funnel(shandong, second.id, rates=[0.2, 0.5, 0.2])
    assert third.label == "假设3：平均单值 4,000，转化率 20% / 50% / 20%"
    assert "假如" not in third.label and "2000" not in third.label
