"""Time cascades carry the real calendar: year → quarter → month → week → day → time slot,
with month lengths, leap years, weekdays and the parent period's own dates; and the
ready-made splits of step 1 (by person, sub-split steps, no split made twice)."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import SCENARIOS, make_doc
from workshop.edits import EditError
from workshop.edits import vision as edits
from workshop.methods.vision import calendar, presets
from workshop.methods.vision import cascade as cascade_math
from workshop.model import Goal
from workshop.scenario import load_scenario


def values(doc, cascade):
    return [p.value for p in cascade_math.resolve(doc, cascade).parts]


def store_year(year: int):
    """A shop's year goal of 1,200,000, deadline 31 December of `year`."""
    doc = make_doc()
    doc.vision.goals = [Goal(id="shop", statement=f"{year}年12月31日前A店销售额达到120万元",
                             unit="元", target=1_200_000, deadline=dt.date(year, 12, 31))]
    return doc


@pytest.mark.parametrize("year, days", [(2027, 28), (2028, 29)])
def test_q1_then_february_then_days_gives_the_real_days_of_february(year, days):
    doc = store_year(year)
    quarters = edits.add_cascade(doc, "shop", "quarters")
    assert [p.label for p in quarters.parts] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    months = edits.add_cascade(doc, "shop", "months", parent_cascade_id=quarters.id,
                               parent_part=0)
    assert [p.label for p in months.parts] == ["1月", "2月", "3月"]
    assert values(doc, months) == [100_000] * 3
    february = edits.add_cascade(doc, "shop", "days", parent_cascade_id=months.id,
                                 parent_part=1)
    labels = [p.label for p in february.parts]
    assert len(labels) == days and labels[0].startswith("2月1日")
    assert labels[-1].startswith(f"2月{days}日")
    assert all(label.startswith("2月") for label in labels)
    # weekdays of that year: 1 Feb 2027 is a Monday, 1 Feb 2028 a Tuesday
    weekday = "周一" if year == 2027 else "周二"
    assert labels[0] == f"2月1日 {weekday}"
    per_day = values(doc, february)
    assert sum(per_day) == 100_000
    if days == 28:
        assert set(per_day) == {3571, 3572}
    assert february.parts[0].start == dt.date(year, 2, 1)


def test_the_whole_chain_down_to_time_slots_stays_inside_each_parent_period():
    doc = store_year(2027)
    year = edits.add_cascade(doc, "shop", "quarters")
    q3 = edits.add_cascade(doc, "shop", "months", parent_cascade_id=year.id, parent_part=2)
    assert [p.label for p in q3.parts] == ["7月", "8月", "9月"]
    august = edits.add_cascade(doc, "shop", "weeks", parent_cascade_id=q3.id, parent_part=1)
    # a month has four weeks: 1–7, 8–14, 15–21 and the rest (22–31, ten days)
    spans = [(p.start.day, p.end.day) for p in august.parts]
    assert spans == [(1, 7), (8, 14), (15, 21), (22, 31)]
    assert august.parts[3].label == "第4周（8月22日—31日）"
    assert [p.weight for p in august.parts] == [7, 7, 7, 10]
    assert sum(values(doc, august)) == 100_000
    week4 = edits.add_cascade(doc, "shop", "days", parent_cascade_id=august.id,
                              parent_part=3)
    assert [p.start for p in week4.parts] == [dt.date(2027, 8, d) for d in range(22, 32)]
    assert week4.parts[0].label == "8月22日 周日"
    slots = edits.add_cascade(doc, "shop", "slots", parent_cascade_id=week4.id,
                              parent_part=0)
    assert sum(values(doc, slots)) == values(doc, week4)[0]
    # every stored period is inside the period it splits
    for cascade in (q3, august, week4):
        whole = calendar.whole_period(doc, cascade)
        assert whole is not None
        for period in calendar.part_periods(doc, cascade):
            assert period is not None and whole.contains(period)


def test_a_year_that_ends_mid_year_names_months_with_their_year():
    doc = store_year(2027)
    doc.vision.goals[0].deadline = dt.date(2027, 6, 30)
    months = edits.add_cascade(doc, "shop", "months")
    assert months.parts[0].label == "2026年7月" and months.parts[-1].label == "2027年6月"
    quarters = edits.add_cascade(doc, "shop", "quarters")
    assert quarters.parts[0].start == dt.date(2026, 7, 1)
    assert quarters.parts[0].end == dt.date(2026, 9, 30)


def test_labels_of_a_scenario_are_read_as_real_periods():
    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    by_label = {c.label: c for c in doc.vision.cascades}
    weeks = calendar.part_periods(doc, by_label["按周"])
    assert weeks[0] == calendar.Period(dt.date(2027, 2, 1), dt.date(2027, 2, 7))
    assert weeks[3].end == dt.date(2027, 2, 28)
    days = calendar.part_periods(doc, by_label["按天"])
    assert [d.start for d in days] == [dt.date(2027, 2, d) for d in range(1, 29)]
    # the store's month goal is a month, not a year
    assert calendar.goal_period(doc, doc.goal("store")) == calendar.Period(
        dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    shandong = load_scenario(SCENARIOS / "shandong-sales.toml")
    quarters = next(c for c in shandong.vision.cascades if c.label == "按季度")
    assert [p.end for p in calendar.part_periods(shandong, quarters)] == [
        dt.date(2027, 3, 31), dt.date(2027, 6, 30), dt.date(2027, 9, 30),
        dt.date(2027, 12, 31)]


@pytest.mark.parametrize("label, period", [
    ("第一季度", ((2027, 1, 1), (2027, 3, 31))),
    ("Q3", ((2027, 7, 1), (2027, 9, 30))),
    ("2月", ((2027, 2, 1), (2027, 2, 28))),
    ("Feb", ((2027, 2, 1), (2027, 2, 28))),
    ("11月30日 周二", ((2027, 11, 30), (2027, 11, 30))),
    ("Mon 1 Feb", ((2027, 2, 1), (2027, 2, 1))),
    ("第2周（3月8日—14日）", ((2027, 3, 8), (2027, 3, 14))),
    ("Week 1 (Mar 1–7)", ((2027, 3, 1), (2027, 3, 7))),
])
def test_read_label(label, period):
    year = calendar.year_ending(dt.date(2027, 12, 31))
    start, end = period
    assert calendar.read_label(label, year) == calendar.Period(dt.date(*start), dt.date(*end))


@pytest.mark.parametrize("label", ["春节周", "Marketing", "Decrease", "11月31日", "产品1"])
def test_read_label_names_no_period_for_other_words_or_impossible_days(label):
    assert calendar.read_label(label, calendar.year_ending(dt.date(2027, 12, 31))) is None


def test_a_month_cannot_be_split_by_quarter():
    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    with pytest.raises(EditError, match="太短"):
        edits.add_cascade(doc, "store", "quarters")


def test_by_person_offers_the_members_of_the_team_that_owns_the_part():
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    markets = next(c for c in doc.vision.cascades if c.kind == "unit")
    qingdao = next(i for i, p in enumerate(markets.parts) if p.label.startswith("青岛"))
    people = edits.add_cascade(doc, "shandong", "members", parent_cascade_id=markets.id,
                               parent_part=qingdao)
    assert [p.label for p in people.parts] == ["赵磊", "孙丽", "周杰", "吴敏"]
    # a month of the team's part, then by person: still that team
    months = edits.add_cascade(doc, "shandong", "months", parent_cascade_id=markets.id,
                               parent_part=qingdao)
    march = edits.add_cascade(doc, "shandong", "members", parent_cascade_id=months.id,
                              parent_part=2)
    assert [p.label for p in march.parts] == ["赵磊", "孙丽", "周杰", "吴敏"]
    # the company goal split by person, owned by no team: the whole room
    everyone = presets.preset_parts(doc, "shandong", "members")
    assert len(everyone) == sum(len(t.members) for t in doc.teams)


def test_the_same_part_is_not_split_twice_the_same_way():
    doc = store_year(2027)
    quarters = edits.add_cascade(doc, "shop", "quarters")
    edits.add_cascade(doc, "shop", "months", parent_cascade_id=quarters.id, parent_part=0)
    with pytest.raises(EditError, match="已经按月分解过了"):
        edits.add_cascade(doc, "shop", "months", parent_cascade_id=quarters.id,
                          parent_part=0)
    with pytest.raises(EditError, match="按季度"):
        edits.add_cascade(doc, "shop", "quarters")
    # another part, or another way, is fine
    edits.add_cascade(doc, "shop", "months", parent_cascade_id=quarters.id, parent_part=1)
    edits.add_cascade(doc, "shop", "weeks", parent_cascade_id=quarters.id, parent_part=0)


def savings_in_two():
    """A goal of 23 万元 split in two parts of equal weight."""
    doc = make_doc()
    doc.vision.goals = [Goal(id="g", statement="2027年节约23万元", unit="万元", target=23,
                             deadline=dt.date(2027, 12, 31))]
    halves = edits.add_cascade(doc, "g", "custom")
    edits.delete_part(doc, halves.id, 2)
    return doc, halves


def test_a_sub_split_of_eleven_and_a_half_takes_a_step_that_fits():
    doc, halves = savings_in_two()
    assert values(doc, halves) == [11, 12]  # whole 万元 first ...
    edits.set_cascade(doc, halves.id, step=0.5)
    assert values(doc, halves) == [11.5, 11.5]
    months = edits.add_cascade(doc, "g", "months", parent_cascade_id=halves.id,
                               parent_part=0)
    assert months.step == 0.5  # ... 11.5 does not split in whole 万元
    resolved = cascade_math.resolve(doc, months)
    assert resolved.error == "" and resolved.sum == 11.5


def test_a_sub_split_still_splits_when_its_parent_changes_to_a_half():
    doc, halves = savings_in_two()
    edits.set_weight(doc, halves.id, 0, 2)  # 15 and 8: whole 万元
    months = edits.add_cascade(doc, "g", "quarters", parent_cascade_id=halves.id,
                               parent_part=0)
    assert months.step == 1
    edits.set_cascade(doc, halves.id, step=0.5)
    edits.set_weight(doc, halves.id, 0, 1)  # now 11.5 and 11.5
    resolved = cascade_math.resolve(doc, months)
    assert resolved.error == "" and resolved.sum == 11.5 and resolved.step == 0.5
    with pytest.raises(EditError, match=r"0\.5"):  # a step typed in must still fit
        edits.set_cascade(doc, months.id, step=1)
