"""Writing actions: from strategies, the template's fields, dates as people type them,
milestones from the goal's cascade, and the strategy order."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planning import STRATEGIES, ready_action, shandong, with_strategies
from workshop import store
from workshop.edits import EditError
from workshop.edits import plan as plan_edits
from workshop.edits.plan import FieldError, parse_date, parse_milestones
from workshop.methods.plan import actions as plan_math
from workshop.methods.plan import adoption
from workshop.model import SCHEMA_VERSION, Challenge, Milestone


@pytest.fixture
def doc():
    return with_strategies(shandong())


def named(doc):
    return [c for c in doc.cocreate.clusters if c.name]


# -- dates and milestones as typed --------------------------------------------------------------

@pytest.mark.parametrize("typed", ["2027-03-31", "2027-3-31", "2027/3/31", "2027.03.31",
                                   "2027年3月31日", "２０２７－０３－３１", " 2027-03-31 "])
def test_dates_are_read_in_the_forms_people_type(typed):
    assert parse_date(typed) == dt.date(2027, 3, 31)


def test_an_empty_date_is_none():
    assert parse_date("") is None and parse_date("   ") is None and parse_date(None) is None


@pytest.mark.parametrize(("typed", "words"), [
    ("31/03/2027", "YYYY-MM-DD"), ("下个月", "YYYY-MM-DD"), ("2027-02-30", "不存在"),
    ("2027-13-01", "不存在"), ("1999-03-01", "年份"), ("2027-03-31x", "YYYY-MM-DD"),
])
def test_a_bad_date_says_what_is_wrong_and_names_the_field(typed, words):
    with pytest.raises(FieldError) as caught:
        parse_date(typed, "start")
    assert caught.value.field == "start"
    assert words in str(caught.value) and "开始日期" in str(caught.value)


def test_milestones_read_month_target_and_note_per_line():
    found = parse_milestones("2027-03 60 第一季度\n\n2027/6：75，第二季度\n- 2027-9\n2027年12月 90")
    assert found == [Milestone(month="2027-03", target=60, note="第一季度"),
                     Milestone(month="2027-06", target=75, note="第二季度"),
                     Milestone(month="2027-09"),
                     Milestone(month="2027-12", target=90)]
    assert parse_milestones("2027-03 完成第一轮拜访")[0].note == "完成第一轮拜访"
    assert parse_milestones("2027-03 3家新客户")[0] == Milestone(month="2027-03",
                                                              note="3家新客户")


def test_a_milestone_line_that_does_not_read_is_named():
    with pytest.raises(FieldError, match="第 2 行") as caught:
        parse_milestones("2027-03 60\n三月底 60")
    assert caught.value.field == "milestones"
    with pytest.raises(FieldError):
        parse_milestones("2027-13 60")


def test_milestones_print_back_as_they_are_read():
    text = "2027-03  60  第一季度\n2027-06  75.5\n2027-09  完成"
    assert plan_edits.format_milestones(parse_milestones(text)) == text


# -- strategies ---------------------------------------------------------------------------------

def test_strategies_are_the_named_clusters_most_votes_first(doc):
    ranked = plan_math.strategies(doc)
    assert [s.name for s in ranked] == ["技术交流与展会", "客户分级拜访", "售后服务强化"]
    assert [s.rank for s in ranked] == [1, 2, 3]
    assert [s.votes for s in ranked] == [5, 3, 1]
    assert ranked[0].card_texts == tuple(STRATEGIES[1][2])


def test_equal_votes_keep_board_order(doc):
    for cluster in doc.cocreate.clusters:
        cluster.votes = []
    assert [s.name for s in plan_math.strategies(doc)] == ["客户分级拜访", "技术交流与展会",
                                                          "售后服务强化"]


def test_a_team_plans_from_its_own_strategies_and_the_shared_ones(doc):
    first = named(doc)[0]
    first.team_id = doc.teams[1].id
    shown = [s.name for s in plan_math.team_strategies(doc, doc.teams[0].id)]
    assert shown == ["技术交流与展会", "售后服务强化"]


# -- writing actions ---------------------------------------------------------------------------

def test_a_new_action_serves_the_teams_goal_without_copying_its_milestones(doc):
    team = doc.teams[0]
    action = plan_edits.add_action(doc, "  参加两次行业展会\x1b[31m ", strategy_id=named(doc)[1].id,
                                   team_id=team.id)
    assert action.what == "参加两次行业展会"  # cleaned
    assert action.team_id == team.id and action.goal_id == "jinan"
    assert action.milestones == []  # the team's path prints once, above its plan
    # 济南 (300) takes the company's seasons (20/25/25/30) from its parent goal: the
    # total reached by each quarter's end, and what the quarter adds
    team_path = plan_math.cascade_milestones(doc, "jinan", team.id)
    assert [(m.due, m.target, m.in_period, m.note) for m in team_path] == [
        (dt.date(2027, 3, 31), 60, 60, "第一季度"), (dt.date(2027, 6, 30), 135, 75, "第二季度"),
        (dt.date(2027, 9, 30), 210, 75, "第三季度"), (dt.date(2027, 12, 31), 300, 90, "第四季度")]


def test_a_strategy_given_to_a_team_takes_its_actions_to_that_team(doc):
    cluster = named(doc)[0]
    cluster.team_id = doc.teams[2].id
    action = plan_edits.add_action(doc, "每月拜访", strategy_id=cluster.id,
                                   team_id=doc.teams[0].id)
    assert action.team_id == doc.teams[2].id and action.goal_id == "yantai"


def test_an_empty_action_or_a_missing_strategy_is_refused(doc):
    with pytest.raises(FieldError, match="不能为空"):
        plan_edits.add_action(doc, "   ", team_id=doc.teams[0].id)
    with pytest.raises(EditError, match="策略"):
        plan_edits.add_action(doc, "x", strategy_id="k-gone")
    assert doc.plan.actions == []


def test_actions_from_a_strategys_cards_are_drafted_once(doc):
    team = doc.teams[0]
    strategy = plan_math.strategies(doc)[1]  # 客户分级拜访, three cards
    made = plan_edits.add_actions_from_strategy(doc, strategy.id, team.id)
    assert [a.what for a in made] == list(strategy.card_texts)
    assert {a.source_card_id for a in made} == set(strategy.card_ids)
    with pytest.raises(EditError, match="都已经写成行动"):
        plan_edits.add_actions_from_strategy(doc, strategy.id, team.id)
    # another team drafts its own
    assert len(plan_edits.add_actions_from_strategy(doc, strategy.id, doc.teams[1].id)) == 3


def test_update_action_sets_every_field_in_one_go(doc):
    action = plan_edits.add_action(doc, "参加两次行业展会", team_id=doc.teams[0].id)
    member = doc.teams[0].members[1]
    values = {
        "what": "参加两次行业展会并举办联谊座谈会", "strategy_id": named(doc)[1].id,
        "goal_id": "trade-shows", "owner_id": member.id, "start": "2027/2/1",
        "due": "2027-11-30", "measure": "参展次数", "target": "2 次",
        "milestones": "2027-05 1 春季展\n2027-10 2 秋季展", "resources": "展位费 10 万",
        "support": "市场部设计展台", "obstacles": "预算审批慢", "skills": "展会谈判",
        "reward": "团队聚餐", "penalty": "请全组喝奶茶", "pdca_plan": "一月定展会",
        "pdca_do": "参展", "pdca_check": "每月复盘线索", "pdca_act": "调整展台",
        "cadence": "weekly", "next_check": "2027-02-08", "status": "doing",
    }
    plan_edits.update_action(doc, action.id, values)
    assert action.owner_id == member.id and action.start == dt.date(2027, 2, 1)
    assert action.due == dt.date(2027, 11, 30) and action.next_check == dt.date(2027, 2, 8)
    assert action.milestones == [Milestone(month="2027-05", target=1, note="春季展"),
                                 Milestone(month="2027-10", target=2, note="秋季展")]
    assert (action.pdca.plan, action.pdca.act) == ("一月定展会", "调整展台")
    assert action.cadence == "weekly" and action.status == "doing"
    assert plan_edits.form_values(doc, action)["start"] == "2027-02-01"
    assert plan_edits.form_values(doc, action)["milestones"].startswith("2027-05  1  春季展")


@pytest.mark.parametrize(("values", "field"), [
    ({"what": " "}, "what"),
    ({"start": "2027-05-01", "due": "2027-04-01"}, "due"),
    ({"due": "明天"}, "due"),
    ({"milestones": "下个月"}, "milestones"),
    ({"cadence": "daily"}, "cadence"),
    ({"status": "?"}, "status"),
    ({"strategy_id": "k-gone"}, "strategy_id"),
    ({"goal_id": "g-gone"}, "goal_id"),
    ({"gap_id": "c-gone"}, "gap_id"),
])
def test_a_bad_value_names_its_field_and_changes_nothing(doc, values, field):
    action = ready_action(doc, "每月拜访每家VIP客户一次")
    before = action.model_copy(deep=True)
    with pytest.raises(FieldError) as caught:
        plan_edits.update_action(doc, action.id, {"measure": "新指标", **values})
    assert caught.value.field == field
    assert action == before


def test_a_start_after_the_existing_due_date_is_refused(doc):
    action = ready_action(doc, "每月拜访每家VIP客户一次")  # due 2027-03-31
    with pytest.raises(FieldError, match="晚于完成期限") as caught:
        plan_edits.update_action(doc, action.id, {"start": "2027-04-01"})
    assert caught.value.field == "start"


def test_an_owner_from_another_team_is_refused_in_the_form_too(doc):
    action = ready_action(doc, "每月拜访每家VIP客户一次")
    with pytest.raises(FieldError) as caught:
        plan_edits.update_action(doc, action.id, {"owner_id": doc.teams[1].members[0].id})
    assert caught.value.field == "owner_id"


def test_moving_stays_within_the_team_and_strategy(doc):
    a = ready_action(doc, "一", strategy_index=0)
    b = ready_action(doc, "二", strategy_index=1)
    c = ready_action(doc, "三", strategy_index=0)
    plan_edits.move_action(doc, c.id, -1)
    assert [x.what for x in doc.plan.actions] == ["三", "二", "一"]
    with pytest.raises(EditError):
        plan_edits.move_action(doc, c.id, -1)
    with pytest.raises(EditError):
        plan_edits.move_action(doc, b.id, 1)
    assert a in doc.plan.actions


def test_deleting_an_action_forgets_its_links_in_the_town_hall(doc):
    action = ready_action(doc, "每月拜访每家VIP客户一次")
    keep = ready_action(doc, "参加两次行业展会")
    doc.townhall.challenges.append(Challenge(team_id=doc.teams[0].id, question="名单呢？",
                                             action_ids=[action.id, keep.id]))
    plan_edits.delete_action(doc, action.id)
    assert doc.plan.actions == [keep]
    assert doc.townhall.challenges[0].action_ids == [keep.id]
    with pytest.raises(EditError, match="不存在"):
        plan_edits.delete_action(doc, action.id)


def test_status_and_milestones_from_the_cascade(doc):
    action = ready_action(doc, "每月拜访每家VIP客户一次")
    plan_edits.set_status(doc, action.id, "done")
    assert action.status == "done"
    with pytest.raises(EditError):
        plan_edits.set_status(doc, action.id, "finished")
    plan_edits.fill_milestones(doc, action.id)
    # its owner 张伟 carries 80 of 济南's 300, over the company's seasons 20/25/25/30
    assert [m.target for m in action.milestones] == [16, 36, 56, 80]
    assert [m.in_period for m in action.milestones] == [16, 20, 20, 24]
    other = ready_action(doc, "建立月访客户统计表", team_index=1)  # 青岛: no split by person
    with pytest.raises(EditError, match="赵磊"):
        plan_edits.fill_milestones(doc, other.id)
    doc.vision.cascades = [c for c in doc.vision.cascades if c.kind != "time"]
    with pytest.raises(EditError, match="分解"):  # no split over time anywhere
        plan_edits.fill_milestones(doc, action.id)


# -- the cascade arithmetic --------------------------------------------------------------------

def test_the_company_goal_splits_into_quarter_end_milestones(doc):
    found = plan_math.cascade_milestones(doc, "shandong")
    assert [(m.month, m.target) for m in found] == [("2027-03", 140), ("2027-06", 315),
                                                   ("2027-09", 490), ("2027-12", 700)]
    assert [m.in_period for m in found] == [140, 175, 175, 210]


def test_shares_add_up_exactly():
    assert plan_math.split(100, [1, 1, 1]) == [33, 34, 33]
    assert sum(plan_math.split(700, [7, 5, 3, 9, 11, 2, 1, 4, 6, 8, 10, 12])) == 700
    assert plan_math.split(1, [1, 1], step=0.5) == [0.5, 0.5]
    assert plan_math.split(10, [0, 0]) == [5, 5]
    assert plan_math.split(10, []) == []


def test_a_monthly_cascade_ending_mid_year_counts_back_from_the_deadline(doc):
    from workshop.model import Cascade, CascadePart

    doc.vision.cascades.append(Cascade(goal_id="tech-seminar", kind="time",
                                       parts=[CascadePart(label=f"{m}月") for m in range(1, 13)]))
    goal = doc.goal("tech-seminar")
    goal.target = 12
    found = plan_math.cascade_milestones(doc, "tech-seminar")
    assert found[0].month == "2026-07" and found[-1].month == "2027-06"
    assert [m.note for m in found][:2] == ["7月", "8月"]  # in calendar order
    assert [m.target for m in found] == list(range(1, 13))


def test_no_milestones_without_a_deadline_or_a_fitting_split(doc):
    doc.goal("jinan").deadline = None
    assert plan_math.cascade_milestones(doc, "jinan") == []
    assert plan_math.cascade_milestones(doc, None) == []
    assert plan_math.cascade_milestones(doc, "g-gone") == []


# -- who checks (the C of PDCA) -------------------------------------------------------------

def test_who_checks_is_a_member_or_a_role_and_shows_in_words(doc):
    action = ready_action(doc, "每月拜访VIP客户")
    team = doc.teams[0]
    plan_edits.update_action(doc, action.id, {"checker_id": team.members[1].id})
    assert adoption.checker_label(doc, action) == "李娜（时间官）"
    plan_edits.update_action(doc, action.id, {"checker_role": "区域经理"})
    assert adoption.checker_label(doc, action) == "李娜（区域经理）"
    plan_edits.update_action(doc, action.id, {"checker_id": None})
    assert adoption.checker_label(doc, action) == "区域经理"
    assert plan_edits.form_values(doc, action)["checker_role"] == "区域经理"


def test_the_owner_cannot_check_their_own_action(doc):
    action = ready_action(doc, "每月拜访VIP客户")  # owned by 张伟
    action.checker_id = None
    owner = action.owner_id
    with pytest.raises(FieldError) as caught:
        plan_edits.update_action(doc, action.id, {"checker_id": owner})
    assert caught.value.field == "checker_id" and "张伟" in str(caught.value)
    assert action.checker_id is None  # nothing changed
    with pytest.raises(FieldError) as caught:
        plan_edits.update_action(doc, action.id, {"checker_role": "张伟"})
    assert caught.value.field == "checker_role"
    other = doc.teams[0].members[1].id
    plan_edits.update_action(doc, action.id, {"checker_id": other})
    with pytest.raises(FieldError) as caught:  # the checker cannot become the owner either
        plan_edits.update_action(doc, action.id, {"owner_id": other})
    assert caught.value.field == "owner_id"
    with pytest.raises(EditError):
        plan_edits.adopt(doc, action.id, other)
    assert action.owner_id == owner


def test_a_checker_who_is_not_a_member_is_refused(doc):
    action = ready_action(doc, "每月拜访VIP客户")
    with pytest.raises(FieldError) as caught:
        plan_edits.update_action(doc, action.id, {"checker_id": "m_nobody"})
    assert caught.value.field == "checker_id"


def test_a_session_saved_before_who_checks_opens_unchanged(doc, tmp_path):
    """Sessions written before actions had a checker have no such keys: they load as
    they are (no migration needed: the fields are optional), with nobody checking."""
    ready_action(doc, "每月拜访VIP客户")
    raw = json.loads(store.dumps(doc))
    for action in raw["plan"]["actions"]:
        del action["checker_id"], action["checker_role"]
    path = tmp_path / "old.workshop.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    loaded = store.load(path)
    assert loaded.schema_version == SCHEMA_VERSION
    (action,) = loaded.plan.actions
    assert action.checker_id is None and action.checker_role == ""
    assert action.what == "每月拜访VIP客户" and action.owner_id == doc.teams[0].members[0].id
