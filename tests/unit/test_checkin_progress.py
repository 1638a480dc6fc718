"""The method's progress rule at a check-in, on the method's own store example and on a
level goal: cumulative actual against cumulative plan, the verdict, what remains split
again with the cascade's weights, and what each remaining day must bring."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from checkin_factory import ENERGY, FEBRUARY, STORE, WEEKS, energy, month, store, store_with_weeks
from workshop.edits import EditError
from workshop.edits import checkin as edits
from workshop.methods.checkin import ledger, periods, progress, subjects
from workshop.report import checkin_words as words


def store_progress(*actuals: float):
    doc, checkin_id = store_with_weeks(*actuals)
    return doc, checkin_id, progress.of_key(doc, STORE, ledger.find(doc, checkin_id))


def test_the_store_plan_is_the_method_text_4_weeks_of_25000():
    found = subjects.subject(store(), STORE)
    assert [float(p.in_period) for p in found.points] == [25000] * 4
    assert [float(p.reached) for p in found.points] == [25000, 50000, 75000, 100000]


def test_behind_after_two_weeks_of_22000_and_24000():
    _doc, _, p = store_progress(22000, 24000)
    assert p.verdict == "behind"
    assert (p.actual, p.plan) == (46000, 50000)
    assert p.gap == -4000
    # the rest, 54,000, over weeks 3 and 4 with the cascade's weights (1 : 1)
    assert p.remaining == (2, 3)
    assert p.proposal == (27000, 27000)
    assert p.proposal_target == 100000
    # each remaining day: (100,000 − 46,000) / 14 = 3,857.14, split as the method splits
    assert p.days == 14
    assert p.per_day == Fraction(54000, 14)
    assert p.day_values == ((3857, 12), (3858, 2))
    text = words.need(p, "zh")
    assert "3,857.14" in text
    assert "12天各3,857元" in text and "2天各3,858元" in text
    assert "27,000元" in text
    assert "落后" in words.rule(p, "zh")
    assert "需要高于平均水平的业绩才能追上" in words.rule(p, "zh")


def test_ahead_after_30000_and_29000_proposes_a_higher_target():
    _, _, p = store_progress(30000, 29000)
    assert p.verdict == "ahead"
    assert p.gap == 9000
    assert p.proposal_target == 109000  # what is reached plus what the plan still expects
    assert p.proposal == (25000, 25000)
    assert "重新设定更高的目标" in words.rule(p, "zh")
    assert "109,000元" in words.need(p, "zh")
    assert "set a higher target" in words.rule(p, "en")


def test_level_with_the_plan_within_two_percent_is_on_pace():
    _, _, p = store_progress(25400, 24800)
    assert p.verdict == "on_pace"
    assert "保持稳定增长" in words.rule(p, "zh")
    _, _, p = store_progress(24000, 24900)  # 48,900 of 50,000: 2.2 % short
    assert p.verdict == "behind"


def test_a_missing_week_is_named_not_counted_as_zero():
    doc = store()
    checkin = edits.new_checkin(doc, dt.date(2027, 2, 14), *FEBRUARY)
    edits.set_actual(doc, checkin.id, STORE, *WEEKS[1], 24000)
    p = progress.of_key(doc, STORE, checkin)
    assert p.verdict == "missing"
    assert p.missing == (0,)
    assert "第1周" in words.rule(p, "zh")


def test_an_earlier_check_in_carries_its_actuals_and_a_later_one_corrects_them():
    doc, first = store_with_weeks(22000, day=dt.date(2027, 2, 7))
    second = edits.new_checkin(doc, dt.date(2027, 2, 14), *FEBRUARY)
    edits.set_actual(doc, second.id, STORE, *WEEKS[1], 24000)
    assert progress.of_key(doc, STORE, second).actual == 46000
    edits.set_actual(doc, second.id, STORE, *WEEKS[0], 23000)  # the figure corrected
    assert progress.of_key(doc, STORE, second).actual == 47000
    assert progress.of_key(doc, STORE, ledger.find(doc, first)).actual == 22000


def test_the_goal_adds_up_its_shares_when_every_share_has_an_actual():
    doc = store()
    checkin = edits.new_checkin(doc, dt.date(2027, 2, 7), *FEBRUARY)
    people = [s for s in subjects.subjects(doc) if s.goal_id == "store" and not s.is_goal]
    assert len(people) == 11
    for share in people:
        edits.set_actual(doc, checkin.id, share.key, *WEEKS[0], 2000)
    p = progress.of_key(doc, STORE, checkin)
    assert p.rows[0].actual == 22000 and p.rows[0].summed
    liu = progress.progress(doc, people[0], checkin)  # 刘芳: 13,000 a month, 3,250 a week
    assert liu.plan == 3250 and liu.verdict == "behind"


def test_accepting_a_re_split_keeps_the_days_plan_for_comparison():
    doc, checkin_id, _p = store_progress(22000, 24000)
    edits.accept_replan(doc, checkin_id, STORE)
    checkin = ledger.find(doc, checkin_id)
    after = progress.of_key(doc, STORE, checkin)
    assert after.accepted is not None and after.accepted.target == 100000
    assert [r.plan for r in after.rows] == [25000, 25000, 27000, 27000]
    assert [r.original for r in after.rows] == [25000] * 4
    assert [r.plan_total for r in after.rows] == [25000, 50000, 73000, 100000]
    assert after.verdict == "behind"  # judged on the plan that held until now
    # the next check-in judges week 3 against the re-split: 27,000 is on pace
    later = edits.new_checkin(doc, dt.date(2027, 2, 21), *FEBRUARY)
    edits.set_actual(doc, later.id, STORE, *WEEKS[2], 27000)
    assert progress.of_key(doc, STORE, later).verdict == "on_pace"
    edits.drop_replan(doc, checkin_id, STORE)
    # without the re-split week 3 is judged against 75,000: 73,000 is 2.7 % short
    assert progress.of_key(doc, STORE, later).verdict == "behind"


def test_accepting_is_refused_on_pace_and_without_actuals():
    doc, checkin_id = store_with_weeks(25000, 25000)
    with pytest.raises(EditError, match="持平"):
        edits.accept_replan(doc, checkin_id, STORE)
    doc, checkin_id = store_with_weeks()
    with pytest.raises(EditError):
        edits.accept_replan(doc, checkin_id, STORE)


def test_an_actual_for_a_period_the_goal_does_not_have_is_refused():
    doc, checkin_id = store_with_weeks()
    with pytest.raises(EditError, match="2027-02-01"):
        edits.set_actual(doc, checkin_id, STORE, dt.date(2027, 2, 1), dt.date(2027, 2, 10), 1)


# -- a level: compared with its path, never summed; lower is better for a cost ---------------

def test_a_unit_cost_above_its_path_is_behind_and_below_it_ahead():
    doc = energy()
    checkin = edits.new_checkin(doc, dt.date(2027, 3, 31), *month(3))
    for n, value in ((1, 119.6), (2, 119.3), (3, 119.2)):  # path: 119.5, 119, 118.5
        edits.set_actual(doc, checkin.id, ENERGY, *month(n), value)
    p = progress.of_key(doc, ENERGY, checkin)
    assert p.subject.kind == "level" and p.subject.direction == "down"
    assert (p.actual, p.plan) == (Fraction("119.2"), Fraction("118.5"))  # not summed
    assert p.verdict == "behind"
    assert p.proposal_target == 114 and p.proposal[-1] == 114
    assert p.proposal[0] < Fraction("119.2")  # the rest of the way from where it stands
    assert "落后于路径" in words.rule(p, "zh")
    edits.set_actual(doc, checkin.id, ENERGY, *month(3), 118.0)
    p = progress.of_key(doc, ENERGY, checkin)
    assert p.verdict == "ahead"
    assert p.proposal_target == Fraction("113.5")  # the target lowered by the lead
    assert "113.5千瓦时/台" in words.need(p, "zh")
    edits.set_actual(doc, checkin.id, ENERGY, *month(3), 118.45)
    assert progress.of_key(doc, ENERGY, checkin).verdict == "on_pace"  # within 2 % of 6


def test_a_period_under_way_is_judged_on_the_days_gone_by():
    # 10 February: week 2 has had 3 of its 7 days; 10,000 so far in it
    doc, checkin_id = store_with_weeks(22000, 10000, day=dt.date(2027, 2, 10))
    p = progress.of_key(doc, STORE, ledger.find(doc, checkin_id))
    assert p.under_way and p.done == Fraction(3, 7)
    assert p.actual == 32000 and p.plan == 25000 + Fraction(25000 * 3, 7)  # 35,714.29
    assert p.verdict == "behind"
    # what remains (68,000) over the rest of week 2 (4/7 of its weight) and weeks 3 and 4
    assert p.remaining == (1, 2, 3)
    assert sum(p.proposal) == 100000 - 22000  # week 2 keeps the 10,000 it brought
    assert p.proposal[0] == 10000 + 15111  # 4/7 of a week's weight: 15,111 of 68,000
    assert abs(p.proposal[1] - p.proposal[2]) <= 1  # the cascade's largest remainder
    assert p.days == 18  # 11 February to the 28th, every day of the store's split
    assert "进行中" in words.rule(p, "zh")
    # the same figures on the 14th, week 2 over: judged on its whole plan
    doc, checkin_id = store_with_weeks(22000, 10000, day=dt.date(2027, 2, 14))
    p = progress.of_key(doc, STORE, ledger.find(doc, checkin_id))
    assert not p.under_way and p.plan == 50000 and p.remaining == (2, 3)


def test_a_level_needs_no_earlier_months_only_where_it_stands():
    doc = energy()
    checkin = edits.new_checkin(doc, dt.date(2027, 6, 30), *month(6))
    edits.set_actual(doc, checkin.id, ENERGY, *month(6), 116.8)
    p = progress.of_key(doc, ENERGY, checkin)
    assert p.verdict == "ahead" and p.plan == 117


# -- the periods a check-in reviews ---------------------------------------------------------

def test_a_check_in_reviews_the_month_by_default_and_offers_the_weeks_of_a_weekly_goal():
    doc = store()
    assert periods.default(doc, dt.date(2027, 2, 14)) == periods.Period(*FEBRUARY)
    assert periods.default(doc, dt.date(2026, 12, 6)) == periods.Period(*FEBRUARY)
    offered = periods.choices(doc)
    assert [c.scale for c in offered] == ["month", "week", "week", "week", "week"]
    assert offered[2].period == periods.Period(*WEEKS[1])
    assert len([c for c in periods.choices(energy()) if c.scale == "month"]) == 12


def test_the_same_check_in_twice_is_refused():
    doc = store()
    edits.new_checkin(doc, dt.date(2027, 2, 14), *FEBRUARY)
    with pytest.raises(EditError, match="2027-02-14"):
        edits.new_checkin(doc, dt.date(2027, 2, 14), *FEBRUARY)
    edits.new_checkin(doc, dt.date(2027, 2, 20), *FEBRUARY)  # the 20th's review: fine


def test_a_share_that_is_a_teams_own_goal_is_typed_once_and_adds_up():
    from factories import SCENARIOS
    from workshop.scenario import load_scenario

    doc = load_scenario(SCENARIOS / "cost-reduction.toml")
    found = subjects.subjects(doc)
    # 采购部's share of the 300 万元 is its own goal of 120 万元: one line, not two
    assert not [s for s in found if s.split == "按部门"]
    savings = subjects.subject(doc, ("savings", None, None))
    checkin = edits.new_checkin(doc, dt.date(2027, 4, 2), dt.date(2027, 4, 1),
                                dt.date(2027, 4, 30))
    q1 = savings.points[0].period
    for goal_id, value in (("purchasing", 20), ("production", 10), ("logistics", 5),
                           ("admin", 3)):
        edits.set_actual(doc, checkin.id, (goal_id, None, None), q1.start, q1.end, value)
    p = progress.progress(doc, savings, checkin)
    assert p.rows[0].actual == 38 and p.rows[0].summed
