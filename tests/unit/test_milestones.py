"""Milestones are points on a goal's own path from baseline to target, checked against the
issue's 8-team cost-reduction tree (8,350 → 7,849 万元, savings 501 万元 by department
40/30/20/10 and by month 7,7,8,8,9,9,8,8,9,9,9,9) and the store's four weeks."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from factories import SCENARIOS
from workshop.edits import EditError
from workshop.edits import plan as plan_edits
from workshop.edits import vision as edits
from workshop.methods.plan import actions as plan_math
from workshop.methods.vision import path
from workshop.model import Action, Cascade, CascadePart, Goal, Member, Meta, Team, Workshop
from workshop.scenario import load_scenario

MONTH_WEIGHTS = [7, 7, 8, 8, 9, 9, 8, 8, 9, 9, 9, 9]
END = dt.date(2027, 12, 31)


def cost_tree() -> Workshop:
    names = ["采购部", "生产部", "行政部", "办公室", "销售部", "质量部", "仓储部", "财务部"]
    doc = Workshop(meta=Meta(title="2027 降本工作坊"),
                   teams=[Team(name=n, members=[Member(name=f"{n[:2]}{i}") for i in range(1, 6)])
                          for n in names])
    team = {t.name: t.id for t in doc.teams}
    doc.vision.goals = [
        Goal(id="cost", statement="2027年12月31日前公司总成本从8350万元降到7849万元",
             unit="万元", baseline=8350, target=7849, deadline=END),
        Goal(id="save", statement="2027年节约成本501万元", unit="万元", target=501,
             deadline=END, parent_id="cost"),
        Goal(id="buy", statement="2027年采购成本降低8%，节约200万元", unit="万元", baseline=40,
             target=200, deadline=END, parent_id="save", team_id=team["采购部"]),
        Goal(id="energy", statement="2027年单位能耗从120千瓦时/台降到114千瓦时/台",
             unit="千瓦时/台", baseline=120, target=114, deadline=END, parent_id="save",
             team_id=team["生产部"]),
        Goal(id="travel", statement="2027年差旅费比去年降低10%", unit="%", baseline=0,
             target=-10, deadline=END, parent_id="save", team_id=team["行政部"]),
        Goal(id="office", statement="2027年办公费用比去年降低12%", unit="%", baseline=0,
             target=-12, deadline=END, parent_id="save", team_id=team["办公室"]),
    ]
    edits.add_cascade(doc, "save", "months")
    for i, weight in enumerate(MONTH_WEIGHTS):
        edits.set_weight(doc, doc.vision.cascades[0].id, i, weight)
    doc.vision.cascades.append(Cascade(goal_id="save", kind="unit", label="按部门", parts=[
        CascadePart(label=n, weight=w, team_id=team[n])
        for n, w in (("采购部", 40), ("生产部", 30), ("行政部", 20), ("办公室", 10))]))
    return doc


def test_a_four_week_split_gives_weekly_milestones_not_quarters():
    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    found = plan_math.cascade_milestones(doc, "store")
    assert [m.due for m in found] == [dt.date(2027, 2, d) for d in (7, 14, 21, 28)]
    assert {m.month for m in found} == {"2027-02"}
    assert [m.target for m in found] == [25_000, 50_000, 75_000, 100_000]
    assert [m.in_period for m in found] == [25_000] * 4


def test_an_amount_accumulates_by_the_time_weights_up_to_its_target():
    doc = cost_tree()
    save = plan_math.cascade_milestones(doc, "save")
    assert len(save) == 12 and save[-1].target == 501 and save[-1].due == END
    assert sum(m.in_period for m in save) == 501
    assert save[0].in_period == 35  # 7 % of 501 = 35.07
    # purchasing (40 last year → 200) borrows the company's months: a path to 200
    buy = plan_math.cascade_milestones(doc, "buy", doc.goal("buy").team_id)
    assert [m.target for m in buy][-1] == 200 and sum(m.in_period for m in buy) == 200
    assert all(a.target < b.target for a, b in itertools.pairwise(buy))
    assert path.kind_of(doc.goal("buy")) == "amount"


def test_a_level_moves_from_baseline_toward_target_in_its_direction():
    doc = cost_tree()
    energy = doc.goal("energy")
    assert path.kind_of(energy) == "level" and path.direction_of(energy) == "down"
    found = plan_math.cascade_milestones(doc, "energy", energy.team_id)
    levels = [m.target for m in found]
    assert len(levels) == 12 and levels[-1] == 114
    assert levels[0] == pytest.approx(119.6)  # 120 − 6 × 7 %
    assert all(114 <= v <= 120 for v in levels)
    assert levels == sorted(levels, reverse=True)  # lower is better: never back up
    assert all(m.in_period is None for m in found)  # a level adds nothing per period
    travel = plan_math.cascade_milestones(doc, "travel", doc.goal("travel").team_id)
    assert [m.target for m in travel][:2] == [-0.7, -1.4] and travel[-1].target == -10


def test_a_level_without_a_baseline_has_no_path_to_draw():
    doc = cost_tree()
    doc.goal("energy").baseline = None
    assert plan_math.cascade_milestones(doc, "energy") == []


def test_the_kind_can_be_set_on_the_goal():
    doc = cost_tree()
    buy = doc.goal("buy")
    buy.kind = "level"
    assert path.kind_of(buy) == "level"
    found = plan_math.cascade_milestones(doc, "buy")
    assert found[0].target == pytest.approx(40 + 160 * 7 / 100, abs=0.05)


@pytest.mark.parametrize("unit, metric, kind", [
    ("万元", "", "amount"), ("%", "", "level"), ("件/单", "", "level"),
    ("千瓦时/台", "", "level"), ("人", "", "amount"), ("", "客户满意度", "level"),
    ("场", "研讨会举办，满意度平均4分以上", "amount"), ("元", "人均销售额", "amount"),
])
def test_goal_kind_is_read_from_unit_and_measure(unit, metric, kind):
    goal = Goal(statement="x", unit=unit, metric=metric)
    assert path.kind_of(goal) == kind


def test_an_action_gets_the_milestones_of_what_its_owner_carries():
    doc = cost_tree()
    buyers = doc.teams[0]
    people = edits.add_cascade(doc, "buy", "members")
    for i, weight in enumerate((60, 40, 0, 0, 0)):
        edits.set_weight(doc, people.id, i, weight)
    action = Action(what="集中招标", team_id=buyers.id, goal_id="buy")
    doc.plan.actions.append(action)
    plan_edits.adopt(doc, action.id, buyers.members[0].id)
    assert action.milestones[-1].target == 120  # 60 % of 200, not the team's 200
    assert sum(m.in_period for m in action.milestones) == 120
    other = Action(what="供应商谈判", team_id=buyers.id, goal_id="buy")
    doc.plan.actions.append(other)
    plan_edits.adopt(doc, other.id, buyers.members[1].id)
    assert other.milestones[-1].target == 80
    assert other.milestones != action.milestones


def test_the_form_text_of_milestones_reads_back_the_same():
    doc = cost_tree()
    found = plan_math.cascade_milestones(doc, "save")
    text = plan_edits.format_milestones(found)
    assert text.splitlines()[1] == "2027-02-28  70  +35  2月"
    assert plan_edits.parse_milestones(text) == found
    energy = plan_math.cascade_milestones(doc, "energy")
    assert plan_edits.parse_milestones(plan_edits.format_milestones(energy)) == energy
    typed = plan_edits.parse_milestones("2027-04 1 议程确定")
    assert typed[0].due is None and typed[0].target == 1 and typed[0].note == "议程确定"


@pytest.mark.parametrize(("typed", "unit", "target", "in_period", "note"), [
    ("2027-03 25,000", None, 25_000, None, ""),  # was 25, with "000" as the note
    ("2027-03 1,400 第一季度", None, 1_400, None, "第一季度"),
    ("2027-06-30 31,500 +17,500 第二季度", None, 31_500, 17_500, "第二季度"),
    ("2027-03 140万 第一季度", "万元", 140, None, "第一季度"),  # 140万 in 万元 is 140
    ("2027-03 140万 第一季度", "元", 1_400_000, None, "第一季度"),
    ("2027-03 140, 第一季度", None, 140, None, "第一季度"),  # a comma after it, not in it
])
def test_milestone_numbers_read_as_people_write_them(typed, unit, target, in_period, note):
    (found,) = plan_edits.parse_milestones(typed, unit)
    assert (found.target, found.in_period, found.note) == (target, in_period, note)


def test_milestones_typed_in_the_action_form_count_in_its_goals_unit():
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")  # goals in 万元
    team = doc.teams[0]
    action = Action(what="VIP客户技术交流会", team_id=team.id, goal_id="jinan")
    doc.plan.actions.append(action)
    plan_edits.update_action(doc, action.id, {"milestones": "2027-03 75万 第一季度"})
    assert action.milestones[0].target == 75


def test_the_report_says_which_kind_each_goal_is():
    from workshop.report import build_report

    goals = {g.id: g for g in build_report(cost_tree(), "zh").step("vision").goals}
    assert goals["buy"].kind == "amount" and "越高越好" in goals["buy"].kind_text
    assert goals["energy"].kind == "level" and "越低越好" in goals["energy"].kind_text
    assert "逐步走到目标值" in goals["travel"].kind_text


# -- a goal said per day is a level to hold ------------------------------------------------

def test_the_stores_daily_goal_is_held_every_week_not_added_up():
    # "2027年2月每天销售额达到3571元": every day of February reaches 3,571 元; adding the
    # days up asked 893 元 by the first week's end
    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    day = doc.goal("day")
    assert day.kind is None and path.kind_of(day) == "level" and path.holds(day)
    found = plan_math.cascade_milestones(doc, "day")
    assert [m.target for m in found] == [3571] * 4
    assert all(m.in_period is None for m in found)
    assert found[-1].due == dt.date(2027, 2, 28)
    # the month it is the daily share of still adds up
    assert [m.target for m in plan_math.cascade_milestones(doc, "store")] == [
        25_000, 50_000, 75_000, 100_000]


def test_a_held_level_needs_no_baseline_and_the_report_says_every_day():
    from workshop.report import build_report

    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    doc.goal("day").baseline = None
    assert [m.target for m in plan_math.cascade_milestones(doc, "day")] == [3571] * 4
    goals = {g.id: g for g in build_report(doc, "zh").step("vision").goals}
    assert goals["day"].kind == "level" and "每天都要达到目标值" in goals["day"].kind_text
    assert "逐步走到目标值" in goals["attach"].kind_text  # a rate that moves still moves
    goals = {g.id: g for g in build_report(doc, "en").step("vision").goals}
    assert "reached every day" in goals["day"].kind_text


@pytest.mark.parametrize("statement, metric, unit, kind", [
    ("2027年2月每天销售额达到3571元", "", "元", "level"),
    ("2027年6月30日前门店日均客流达到500人", "", "人", "level"),
    ("x", "日销售额（当天目标）", "元", "level"),
    ("Every agent makes 50 calls each working day by 2027-12-31", "", "calls", "level"),
    ("Ship 40 orders a day by June 2027", "", "orders", "level"),
    ("daily sign-ups reach 30 by June 2027", "", "", "level"),
    ("2027年12月31日前济南市场销售额达到300万元", "", "万元", "amount"),
    ("2027年2月新增会员120人，每周调整一次陈列", "", "人", "amount"),
])
def test_a_goal_said_per_day_is_inferred_as_a_level(statement, metric, unit, kind):
    goal = Goal(statement=statement, metric=metric, unit=unit)
    assert path.kind_of(goal) == kind
    goal.kind = "amount"  # the scenario's word wins
    assert path.kind_of(goal) == "amount" and not path.holds(goal)


def test_the_checkin_compares_a_days_takings_with_the_daily_target():
    from workshop.methods.checkin import subjects

    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    day = next(s for s in subjects.subjects(doc) if s.goal_id == "day")
    assert day.kind == "level" and [float(p.reached) for p in day.points] == [3571.0] * 4


# -- a team's share and the team's own goal ------------------------------------------------

def departments(doc):
    return next(c for c in doc.vision.cascades if c.label == "按部门")


def test_a_teams_share_that_differs_from_its_goal_is_shown_with_the_difference():
    from workshop.methods.vision import agreement
    from workshop.report import build_report

    doc = cost_tree()
    split = departments(doc)
    (found,) = agreement.disagreements(doc, split)  # 40 % of 501 = 201 ≠ 200
    assert (found.share, found.target, found.difference) == (201, 200, 1)
    table = next(c for c in build_report(doc, "zh").step("vision").cascades
                 if c.label == "按部门")
    assert table.rows[0].value == "201万元" and table.rows[0].own_goal == "本组目标 200万元"
    assert table.disagreements == ["采购部的这一份是 201万元，本组目标是 200万元：相差 1万元"]
    # the rounding is explained: which part got the unit left over
    assert "采购部" in table.rounding and "1万元" in table.rounding


def test_the_share_can_follow_the_goal_or_the_goal_the_share():
    from workshop.methods.vision import agreement

    doc = cost_tree()
    split = departments(doc)
    edits.share_follows_goal(doc, split.id, 0)
    assert values(doc, split) == [200, 151, 100, 50] and sum(values(doc, split)) == 501
    assert agreement.disagreements(doc, split) == []
    doc = cost_tree()
    edits.goal_follows_share(doc, departments(doc).id, 0)
    assert doc.goal("buy").target == 201
    with pytest.raises(EditError, match="没有自己的同单位目标"):
        edits.goal_follows_share(doc, departments(doc).id, 1)  # 生产部 counts 千瓦时/台


def values(doc, cascade):
    from workshop.methods.vision import cascade as cascade_math

    return [p.value for p in cascade_math.resolve(doc, cascade).parts]


def test_the_purchasing_handout_shows_its_path_and_the_difference_from_its_share(tmp_path):
    from pdftools import pdf_text, require_cjk_font
    from workshop.export import export

    require_cjk_font()
    doc = cost_tree()
    sheet = pdf_text(export(doc, "pdf", out=tmp_path / "a", teams=["采购部"]).paths[0])
    # page 1: the path to 200 by month, the total reached by each month's end
    assert "计划（万元）" in sheet and "200" in sheet
    paths = export(doc, "pdf", out=tmp_path / "b", teams=["采购部"], appendix=True).paths
    text = pdf_text(paths[0]).replace("\n", "")
    assert "采购部的这一份是 201万元，本组目标是 200万元：相差 1万元" in text
    assert "数量目标" in text  # the goal's kind, in words


def test_a_scenario_can_say_which_kind_a_goal_is(tmp_path):
    text = (SCENARIOS / "store-monthly.toml").read_text(encoding="utf-8").replace(
        'id = "members"\n', 'id = "members"\nkind = "level"\n', 1)
    path = tmp_path / "store.toml"
    path.write_text(text, encoding="utf-8")
    doc = load_scenario(path)
    assert doc.goal("members").kind == "level" and path_kind(doc, "members") == "level"
    assert path_kind(doc, "store") == "amount"  # left out: read from its unit
    from workshop.problems import ScenarioError

    path.write_text(text.replace('kind = "level"', 'kind = "rate"'), encoding="utf-8")
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    message = error.value.problems[0].format()
    assert "goals[4].kind" in message.replace(" ", "") or "kind" in message
    assert '"amount"' in message and '"level"' in message


def path_kind(doc, goal_id):
    return path.kind_of(doc.goal(goal_id))
