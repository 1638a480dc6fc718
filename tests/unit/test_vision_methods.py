"""The seed's cases for the SMART check, the cascade split and the value-chain funnel,
and hypothesis properties of ``split``."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import SCENARIOS
from workshop import i18n
from workshop.methods.numbers import amount, fmt, parse_number, percent
from workshop.methods.vision import cascade, funnel, presets, smart
from workshop.methods.vision.cascade import CascadeError, split
from workshop.methods.vision.funnel import FunnelError, plan
from workshop.methods.vision.smart import check_goal
from workshop.scenario import load_scenario

# -- SMART ------------------------------------------------------------------------------

SEED_INVALID = [
    "一定要提高拜访量",
    "要让员工开始积极起来了",
    "把团队建设好",
    "尽自已最大的努力达成本月目标",
    "争取让问题员工有较大的改善",
    "培养几个TOP sales",
]


@pytest.mark.parametrize("text", SEED_INVALID)
def test_the_seeds_invalid_goals_fail_s_or_m(text):
    report = check_goal(text)
    assert not report.S.ok or not report.M.ok
    # the reason quotes what made it vague, so the room knows what to fix
    assert not report.S.ok and report.S.reason


@pytest.mark.parametrize("text", SEED_INVALID)
def test_the_seeds_invalid_goals_are_not_measurable(text):
    assert not check_goal(text).M.ok


def test_the_seeds_valid_goal_passes_s_m_and_t():
    report = check_goal("2027年12月31日前山东区销售额达到700万元")
    assert report.S.ok and report.M.ok and report.T.ok
    assert "山东区" in report.S.reason
    assert "700万元" in report.M.reason
    assert "2027年12月31日" in report.T.reason


def test_the_valid_goal_with_the_documents_fields_passes_every_letter():
    report = check_goal("2027年12月31日前山东区销售额达到700万元", baseline=560, target=700,
                        deadline=dt.date(2027, 12, 31), parent=True, unit="万元")
    assert report.passed, [v.reason for v in report]
    assert report.score == 5
    assert "25%" in report.A.reason  # 560 → 700


def test_report_gives_letters_in_order_by_name_and_index():
    report = check_goal("把团队建设好")
    assert [v.letter for v in report] == ["S", "M", "A", "R", "T"]
    assert report["S"] is report.S
    assert set(report.failed) == {"S", "M", "A", "R", "T"}
    with pytest.raises(KeyError):
        report["X"]


def test_english_statements_work_like_chinese_ones():
    vague = check_goal("Improve customer satisfaction", lang="en")
    assert not vague.S.ok and not vague.M.ok and not vague.T.ok
    assert "Improve" in vague.S.reason
    good = check_goal("By 31 December 2027, the North Bay agency writes 20,000,000 USD of "
                      "premium", lang="en", baseline=12_400_000, parent=True)
    assert good.S.ok and good.M.ok and good.T.ok and good.R.ok
    assert "20,000,000 USD" in good.M.reason
    assert "31 December 2027" in good.T.reason
    assert "61%" in good.A.reason and good.A.ok  # a stretch, still achievable
    slogan = check_goal("We will do our best to grow sales", lang="en")
    assert not slogan.S.ok and "do our best" in slogan.S.reason


def test_reasons_follow_the_language_asked_for():
    zh = check_goal("把团队建设好", lang="zh")
    en = check_goal("把团队建设好", lang="en")
    assert "口号" in zh.S.reason
    assert "slogan" in en.S.reason
    i18n.set_language("en")
    assert "slogan" in check_goal("把团队建设好").S.reason


def test_measurable_by_a_stated_measure_for_a_qualitative_goal():
    text = "2027年6月30日前完成公司品牌形象的基础建设和规划"
    assert not check_goal(text).M.ok
    report = check_goal(text, metric="品牌手册通过总经理办公会评审并发布")
    assert report.M.ok and "品牌手册" in report.M.reason


def test_a_number_without_a_unit_is_not_yet_measurable():
    report = check_goal("2027年济南市场销售额达到300")
    assert not report.M.ok and "300" in report.M.reason
    assert check_goal("2027年济南市场销售额达到300", unit="万元").M.ok


def test_achievable_compares_the_target_with_last_year():
    text = "2027年12月31日前济南市场销售额达到300万元"
    assert check_goal(text, baseline=240, target=300).A.ok  # +25 %
    stretch = check_goal(text, baseline=180, target=300)  # +67 %
    assert stretch.A.ok and "67%" in stretch.A.reason
    far = check_goal(text, baseline=100, target=300)  # +200 %: far beyond the past
    assert not far.A.ok and "200%" in far.A.reason
    assert not check_goal(text).A.ok  # no baseline: cannot judge
    cut = check_goal("2027年12月31日前公司总成本费用降至4700万元", baseline=5000, target=4700)
    assert cut.A.ok and "6%" in cut.A.reason


def test_achievable_reads_from_and_to_in_the_words():
    report = check_goal("2027年2月早班连带率从1.4件/单提高到1.8件/单")
    assert report.A.ok and "1.4" in report.A.reason and "29%" in report.A.reason
    en = check_goal("By 30 June 2027, raise the average premium per policy from 2,000 to "
                    "4,000 USD", lang="en")
    assert en.A.ok and "100%" in en.A.reason


def test_relevant_needs_a_parent_or_being_the_top_goal():
    text = "2027年12月31日前济南市场销售额达到300万元"
    assert not check_goal(text).R.ok
    served = check_goal(text, parent="2027年12月31日前山东区销售额达到700万元")
    assert served.R.ok and "山东区" in served.R.reason
    assert check_goal(text, parent=True).R.ok


def test_time_bound_by_deadline_date_or_words():
    assert not check_goal("山东区销售额达到700万元").T.ok
    assert check_goal("山东区销售额达到700万元", deadline=dt.date(2027, 12, 31)).T.ok
    assert check_goal("本月山东区销售额达到70万元").T.ok
    assert check_goal("Every agent makes 50 calls each working day", lang="en").T.ok


def test_several_goals_in_one_statement_are_flagged():
    report = check_goal("2027年2月新增会员120人，每周调整一次陈列")
    assert [f.kind for f in report.flags] == ["multiple"]
    assert "2" in report.flags[0].message
    en = check_goal("From 4 January 2027, every agent makes 50 calls, books 10 appointments "
                    "and holds 5 meetings each working day", lang="en")
    assert [f.kind for f in en.flags] == ["multiple"] and "3" in en.flags[0].message
    # a restatement of the same number is one goal
    one = check_goal("2027年12月31日前公司总成本费用比2026年降低6%，由5000万元降至4700万元")
    assert one.flags == ()
    assert check_goal("2027年12月31日前山东区销售额达到700万元").flags == ()


def test_a_purpose_written_as_a_goal_is_flagged():
    for text, lang in [("为了提升团队凝聚力", "zh"), ("成为行业领先的品牌", "zh"),
                       ("Become the leading brand in the region", "en"),
                       ("In order to serve our clients better", "en")]:
        report = check_goal(text, lang=lang)
        assert "purpose" in [f.kind for f in report.flags], text
    assert check_goal("2027年12月31日前山东区销售额达到700万元").flags == ()


def test_user_text_is_never_a_problem():
    for text in ["", "   ", "[/oops] <b>&", "🎯" * 50, "目" * 2000, "\x1b[31m红\x1b[0m"]:
        report = check_goal(text)
        assert len(list(report)) == 5
    assert not check_goal("").S.ok


def test_full_width_digits_and_percent_are_read():
    report = check_goal("２０２７年山东区回款率达到９８％")
    assert report.M.ok and report.T.ok


def test_every_scenario_goal_gets_a_verdict_and_top_goals_are_relevant():
    for path in sorted(SCENARIOS.glob("*.toml")):
        doc = load_scenario(path)
        for goal in doc.vision.goals:
            report = smart.check_doc_goal(doc, goal)
            assert report.R.ok, (path.name, goal.id)  # every goal has a parent or is the top
            assert report.T.ok, (path.name, goal.id)  # every scenario goal has a deadline
            assert report.M.ok, (path.name, goal.id)


# -- cascade split ----------------------------------------------------------------------

def test_the_seeds_month_over_four_weeks_and_28_days():
    assert split(100_000, [1] * 4) == [25_000] * 4
    days = split(100_000, [1] * 28)
    assert sum(days) == 100_000
    assert set(days) == {3571, 3572}
    assert days.count(3572) == 12  # 28 × 3571 = 99,988: 12 units left over


def test_left_over_units_are_spread_not_bunched_at_the_start():
    # 28 × 3,571 leaves 12 units: they go to every second or third day, not to 1–12 Feb
    days = split(100_000, [1] * 28)
    extra = [i for i, d in enumerate(days) if d == 3572]
    assert len(extra) == 12 and extra[0] > 0 and extra[-1] < 27
    gaps = [b - a for a, b in itertools.pairwise(extra)]
    assert set(gaps) <= {2, 3}


def test_rounding_says_which_part_got_the_unit_left_over():
    # the 501 万元 over months weighted 7,7,8,8,9,9,8,8,9,9,9,9
    weights = [7, 7, 8, 8, 9, 9, 8, 8, 9, 9, 9, 9]
    found = cascade.rounding(501, weights)
    assert sum(found.units) == 501 and found.left == 1
    (raised,) = found.raised
    assert weights[raised] == 9 and raised not in (4, 5)  # not the first 9 % month, May
    assert found.exact[raised] == Fraction(501 * 9, 100)
    assert split(501, weights)[raised] == 46


def test_a_split_picks_a_step_that_fits_and_says_so_in_plain_numbers():
    assert cascade.fitting_step(Fraction(23, 2), 1) == Fraction(1, 2)
    assert cascade.fitting_step(700, 1) == 1
    assert cascade.fitting_step(Fraction(1801, 100), 1) == Fraction(1, 100)
    assert cascade.fitting_step(25_000, 1000) == 1000
    with pytest.raises(CascadeError) as error:
        split(Fraction(23, 2), [1, 1])
    message = str(error.value)
    assert "23/2" not in message and "11.5" in message and "0.5" in message


def test_split_keeps_whole_numbers_and_the_given_type():
    assert split(700, [20, 25, 25, 30]) == [140, 175, 175, 210]
    assert all(isinstance(p, int) for p in split(700, [1, 2]))
    parts = split(Decimal("1.8"), [1, 1, 1], step=Decimal("0.1"))
    assert parts == [Decimal("0.6")] * 3 and sum(parts) == Decimal("1.8")
    fractions = split(Fraction(1), [1, 1, 1], step=Fraction(1, 3))
    assert fractions == [Fraction(1, 3)] * 3
    tenths = split(270, [4, 3, 10, 12, 9, 8, 6, 6, 11, 12, 10, 9], step=0.1)
    assert sum(Decimal(repr(p)) for p in tenths) == 270
    assert tenths[0] == pytest.approx(10.8)


def test_split_gives_zero_to_a_zero_weight():
    assert split(252, [45, 30, 25, 0]) == [113, 76, 63, 0]


@pytest.mark.parametrize("weights, message", [
    ([], "部分"), ([1, -1], "负数"), ([0, 0], "0"), ([float("nan")], "数字"),
])
def test_split_errors_clearly(weights, message):
    with pytest.raises(CascadeError) as error:
        split(100, weights)
    assert message in str(error.value)
    assert isinstance(error.value, ValueError)


def test_split_refuses_a_total_that_is_not_a_multiple_of_step():
    with pytest.raises(CascadeError, match=r"0\.1"):
        split(1.8, [1, 1])
    with pytest.raises(CascadeError):
        split(-5, [1, 1])
    with pytest.raises(CascadeError):
        split(10, [1], step=0)


weights_st = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1,
                      max_size=40).filter(lambda ws: sum(ws) > 0)


@settings(max_examples=300, deadline=None)
@given(total=st.integers(min_value=0, max_value=10**9), weights=weights_st,
       step=st.sampled_from([1, 2, 5, 10, 100, 1000]))
def test_split_properties(total, weights, step):
    total -= total % step
    parts = split(total, weights, step=step)
    # exact sum, never negative, multiples of step
    assert sum(parts) == total
    assert len(parts) == len(weights)
    assert all(p >= 0 and p % step == 0 for p in parts)
    # proportional within one step of the exact share
    weight_sum = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(Fraction(part) - Fraction(total * weight, weight_sum)) < step
    # order kept: a larger weight never gets a smaller part; zero weight gets nothing
    for i in range(len(weights)):
        for j in range(len(weights)):
            if weights[i] > weights[j]:
                assert parts[i] >= parts[j]
        if weights[i] == 0:
            assert parts[i] == 0


@settings(max_examples=200, deadline=None)
@given(units=st.integers(min_value=0, max_value=10**7), weights=weights_st,
       step=st.sampled_from(["0.1", "0.01", "0.5", "0.25"]))
def test_split_properties_with_decimal_steps(units, weights, step):
    unit = Decimal(step)
    total = units * unit
    parts = split(total, weights, step=unit)
    assert sum(parts) == total
    assert all(p >= 0 and (p / unit) == (p / unit).to_integral_value() for p in parts)


@settings(max_examples=100, deadline=None)
@given(weights=weights_st, scale=st.integers(min_value=1, max_value=50))
def test_split_is_the_same_for_scaled_weights(weights, scale):
    assert split(100_000, weights) == split(100_000, [w * scale for w in weights])


# -- planning formula and document cascades --------------------------------------------

def test_planning_formula_of_the_shandong_goal():
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    goal = doc.goal("shandong")
    result = cascade.formula(goal.baseline, goal.growth, goal.factors, goal.target)
    assert result is not None
    assert result.plan == pytest.approx(560 * 1.15 * 1.087)
    assert round(result.plan) == 700
    assert cascade.formula(560, None, None) is None


def test_resolve_every_scenario_cascade_adds_up():
    for path in sorted(SCENARIOS.glob("*.toml")):
        doc = load_scenario(path)
        for c in doc.vision.cascades:
            resolved = cascade.resolve(doc, c)
            assert resolved.error == "", (path.name, c.label, resolved.error)
            assert resolved.adds_up, (path.name, c.label)
            assert all(p.value is not None and p.value >= 0 for p in resolved.parts)


def test_resolve_the_store_cascades():
    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    by_label = {c.label: cascade.resolve(doc, c) for c in doc.vision.cascades}
    assert [p.value for p in by_label["按周"].parts] == [25_000] * 4
    days = [p.value for p in by_label["按天"].parts]
    assert sum(days) == 100_000 and set(days) == {3571, 3572}
    slots = by_label["按时段"]
    assert slots.total == 3571 and slots.sum == 3571
    assert by_label["按人（按能力）"].parts[0].value == 13_000


def test_a_cascade_can_split_a_part_of_another():
    from workshop.model import Cascade, CascadePart

    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    quarters = next(c for c in doc.vision.cascades if c.label == "按季度")
    child = Cascade(goal_id="shandong", kind="time", label="第四季度按月",
                    parts=[CascadePart(label=m) for m in ("10月", "11月", "12月")],
                    parent_cascade_id=quarters.id, parent_part=3)
    doc.vision.cascades.append(child)
    resolved = cascade.resolve(doc, child)
    assert resolved.total == 210 and [p.value for p in resolved.parts] == [70, 70, 70]
    assert resolved.depth == 1 and resolved.source == "按季度 / 第四季度"
    assert cascade.resolve(doc, quarters).parts[3].children == (child.id,)
    assert cascade.ordered(doc).index(child) == cascade.ordered(doc).index(quarters) + 1
    # a loop is reported, not followed forever
    quarters.parent_cascade_id, quarters.parent_part = child.id, 0
    assert cascade.resolve(doc, child).error


def test_resolve_without_a_target_says_why():
    doc = load_scenario(SCENARIOS / "brand-operations.toml")
    from workshop.model import Cascade, CascadePart

    c = Cascade(goal_id="brand-base", parts=[CascadePart(label="a"), CascadePart(label="b")])
    doc.vision.cascades.append(c)
    resolved = cascade.resolve(doc, c)
    assert resolved.total is None and resolved.error and resolved.parts[0].share == 0.5


def test_presets():
    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    days = presets.preset_parts(doc, "store", "days")
    assert len(days) == 28 and days[0].label == "2月1日 周一"
    members = presets.preset_parts(doc, "attach", "members")  # 早班组's goal
    assert [p.label for p in members] == ["刘芳", "陈晓燕", "杨帆", "黄丽", "赵敏"]
    assert all(p.member_id for p in members)
    assert len(presets.preset_parts(doc, "store", "teams")) == 3
    year = load_scenario(SCENARIOS / "shandong-sales.toml")
    assert presets.preset_parts(year, "shandong", "quarters")[0].label == "第一季度"
    assert presets.preset_parts(year, "shandong", "months", lang="en")[1].label == "Feb"


# -- funnel -----------------------------------------------------------------------------

STAGES = ["calls", "appointments", "meetings", "signings"]


def test_the_seeds_insurance_funnel():
    p = plan(1_000_000, 2_000, STAGES, [0.1, 0.5, 0.1])
    assert p.deals == 500 and p.per_week == 10 and p.per_day == 2
    assert [(s.stage, s.day) for s in p.stages] == [
        ("calls", 400), ("appointments", 40), ("meetings", 20), ("signings", 2)]
    assert p.stage("calls").year == 100_000 and p.stage("calls").week == 2_000


def test_the_seeds_insurance_funnel_at_4000():
    p = plan(1_000_000, 4_000, STAGES, [0.1, 0.5, 0.1])
    assert p.deals == 250 and p.per_day == 1
    assert p.stage("calls").day == 200


def test_the_seeds_insurance_funnel_with_better_rates():
    p = plan(1_000_000, 4_000, STAGES, [0.2, 0.5, 0.2])
    assert [s.day for s in p.stages] == [50, 10, 5, 1]


def test_funnel_weeks_and_days_are_configurable_and_counts_round_up():
    p = plan(1_000_000, 3_000, ["meetings", "signings"], [0.5], weeks_per_year=48,
             days_per_week=6)
    assert p.deals == pytest.approx(1_000_000 / 3_000)
    assert p.stage("signings").needed_per_day == 2  # 333.3 / 288 = 1.16 → 2
    assert funnel.needed(2.0000000001) == 2


@pytest.mark.parametrize("kwargs, message", [
    ({"rates": [0.1]}, "3"),
    ({"rates": [0.1, 0, 0.1]}, "0"),
    ({"rates": [0.1, 1.5, 0.1]}, "100%"),
    ({"average_value": 0}, "0"),
    ({"weeks_per_year": 60}, "53"),
])
def test_funnel_errors_clearly(kwargs, message):
    args = {"target_value": 1_000_000, "average_value": 2_000, "stages": STAGES,
            "rates": [0.1, 0.5, 0.1], **kwargs}
    with pytest.raises(FunnelError) as error:
        plan(**args)
    assert message in str(error.value)


def test_every_scenario_funnel_plans():
    doc = load_scenario(SCENARIOS / "insurance-mdrt.toml")
    days = [funnel.of_funnel(f).stage("calls").day for f in doc.vision.funnels]
    assert days == [400, 200, 50]
    what_if = funnel.of_funnel(doc.vision.funnels[0], average_value=4_000)
    assert what_if.stage("calls").day == 200


# -- numbers ----------------------------------------------------------------------------

def test_numbers_read_naturally():
    assert fmt(100_000) == "100,000"
    assert fmt(1_000_000, "zh") == "100万" and fmt(1_000_000, "en") == "1,000,000"
    assert fmt(3571.5) == "3,571.5" and fmt(0.1 + 0.2) == "0.3"
    assert amount(700, "万元") == "700万元" and amount(10_000_000, "万元", "zh") == "10,000,000万元"
    assert amount(1_000_000, "USD", "en") == "1,000,000 USD"
    assert amount(20, "%") == "20%"
    assert percent(0.1) == "10%" and percent(0.125) == "12.5%"
    assert fmt(None) == "—"


@pytest.mark.parametrize(("typed", "unit", "value"), [
    ("145万", "万元", 145),  # 145万 (元) is 145 in 万元, not 1,450,000万元
    ("6.2万", "万元", 6.2),
    ("1.2亿", "万元", 12_000),
    ("５k", "万元", 0.5),
    ("700", "万元", 700),  # a bare number is in the unit
    ("3亿", "亿元", 3), ("2万", "亿元", 0.0002),
    ("2.2万", "元", 22_000), ("2.2万", "", 22_000), ("2.2万", None, 22_000),
    ("2万", "台", 20_000), ("1,000万", "万台", 1000), ("1,000万", "元", 10_000_000),
    ("1,500k", None, 1_500_000), ("12,345.5", None, 12_345.5), ("1,000", "万元", 1000),
])
def test_a_typed_wan_counts_the_thing_itself_whatever_the_unit(typed, unit, value):
    assert parse_number(typed, unit=unit) == pytest.approx(value)


def test_presets_within_a_part_follow_the_calendar():
    from workshop.edits import vision as edits

    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    quarters = next(c for c in doc.vision.cascades if c.label == "按季度")
    q4 = edits.add_cascade(doc, "shandong", "months", parent_cascade_id=quarters.id,
                           parent_part=3)
    assert [p.label for p in q4.parts] == ["10月", "11月", "12月"]
    assert [p.value for p in cascade.resolve(doc, q4).parts] == [70, 70, 70]
    year = edits.add_cascade(doc, "shandong", "months")
    february = edits.add_cascade(doc, "shandong", "days", parent_cascade_id=year.id,
                                 parent_part=1)
    assert len(february.parts) == 28 and february.parts[0].label == "2月1日 周一"
    weeks = edits.add_cascade(doc, "shandong", "weeks", parent_cascade_id=year.id,
                              parent_part=1)
    week_days = edits.add_cascade(doc, "shandong", "days", parent_cascade_id=weeks.id,
                                  parent_part=0)
    assert [p.label for p in week_days.parts][:2] == ["2月1日 周一", "2月2日 周二"]
    assert len(week_days.parts) == 7
    assert cascade.resolve(doc, week_days).adds_up
