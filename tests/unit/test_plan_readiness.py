"""The readiness check (做我所写、写我所做): what keeps an action from being ready."""

from __future__ import annotations

import datetime as dt

import pytest

from planning import ready_action, shandong, with_strategies
from workshop.methods import progress
from workshop.methods.plan.readiness import check_action, check_plan, not_ready, specific
from workshop.model import Action


@pytest.fixture
def doc():
    return with_strategies(shandong())


def kinds(doc, action) -> tuple[str, ...]:
    return check_action(doc, action).kinds


def test_a_complete_action_is_ready(doc):
    action = ready_action(doc, "每月拜访每家VIP客户一次并填写月访客户统计表")
    result = check_action(doc, action)
    assert result.ready and result.flags == ()


def test_an_empty_template_lists_owner_checker_due_measure_target_in_that_order(doc):
    action = Action(what="参加两次行业展会", team_id=doc.teams[0].id)
    doc.plan.actions.append(action)
    assert kinds(doc, action) == ("owner", "checker", "due", "measure", "target")
    messages = [f.message for f in check_action(doc, action).flags]
    assert messages == ["没有负责人", "没有检查人", "没有完成期限", "没有衡量指标", "没有目标值"]


def test_an_action_nobody_checks_is_not_ready(doc):
    # the C of PDCA: every action names who checks it, a member or a role
    action = ready_action(doc, "参加两次行业展会")
    action.checker_id = None
    assert kinds(doc, action) == ("checker",)
    action.checker_role = "  "
    assert kinds(doc, action) == ("checker",)
    action.checker_role = "区域经理"
    assert check_action(doc, action).ready
    action.checker_role = ""
    action.checker_id = "m-gone"  # a checker who left the team checks nothing
    assert kinds(doc, action) == ("checker",)


def test_blank_measure_and_target_count_as_missing(doc):
    action = ready_action(doc, "参加两次行业展会")
    action.measure = "  "
    action.target = ""
    assert kinds(doc, action) == ("measure", "target")


def test_an_owner_who_left_the_team_is_no_owner(doc):
    action = ready_action(doc, "参加两次行业展会")
    action.owner_id = "m-gone"
    assert kinds(doc, action) == ("owner",)


def test_due_after_the_team_goals_deadline_is_late(doc):
    # 济南队's goal is due 2027-12-31; the action serves it
    action = ready_action(doc, "参加两次行业展会", due=dt.date(2028, 1, 15))
    result = check_action(doc, action)
    assert result.kinds == ("late",)
    assert "2028-01-15" in result.flags[0].message and "2027-12-31" in result.flags[0].message


def test_due_on_the_deadline_is_not_late(doc):
    action = ready_action(doc, "参加两次行业展会", due=dt.date(2027, 12, 31))
    assert check_action(doc, action).ready


def test_the_actions_own_goal_sets_the_deadline(doc):
    action = ready_action(doc, "举办VIP客户技术交流研讨会", due=dt.date(2027, 7, 15))
    assert check_action(doc, action).ready  # the team goal runs to December
    action.goal_id = "tech-seminar"  # due 2027-06-30
    assert kinds(doc, action) == ("late",)


def test_start_after_due_is_flagged(doc):
    action = ready_action(doc, "参加两次行业展会")
    action.start = dt.date(2027, 5, 1)
    assert kinds(doc, action) == ("order",)


@pytest.mark.parametrize("what", ["提高拜访量", "把团队建设好", "尽最大努力完成任务",
                                  "积极开发新客户", "加强客户关系"])
def test_vague_verbs_without_a_number_are_flagged(doc, what):
    action = ready_action(doc, what)
    result = check_action(doc, action)
    assert result.kinds == ("vague",), what
    message = result.flags[0].message
    assert "笼统" in message or "口号" in message, message


@pytest.mark.parametrize("what", ["每月拜访每家VIP客户一次", "加强VIP客户回访：每月一次",
                                  "提高拜访量到每周20家", "参加两次行业展会",
                                  "6月30日前举办技术交流研讨会"])
def test_concrete_actions_are_not_vague(doc, what):
    assert check_action(doc, ready_action(doc, what)).ready, what


def test_english_vague_words(doc):
    assert not specific("Improve customer relations", lang="en")[0]
    assert "vague" in specific("Improve customer relations", lang="en")[1]
    assert specific("Improve the visit rate to 20 clients a week", lang="en")[0]
    assert specific("Visit every VIP client once a month", lang="en")[0]
    assert specific("supportive", lang="en")[0]  # a word, not a substring


def test_check_plan_and_the_stepper_badge_count_not_ready_actions(doc):
    ready_action(doc, "每月拜访每家VIP客户一次")
    doc.plan.actions.append(Action(what="参加两次行业展会", team_id=doc.teams[0].id))
    late = ready_action(doc, "参加行业展会两次", due=dt.date(2028, 3, 1))
    results = check_plan(doc)
    assert [r.ready for r in results.values()] == [True, False, False]
    assert not_ready(doc) == 2
    status = progress.step_status(doc)["plan"]
    assert status.has_content and status.todo == 2
    late.due = dt.date(2027, 3, 1)
    assert progress.step_status(doc)["plan"].todo == 1


def test_an_empty_plan_has_nothing_to_do(doc):
    doc.plan.actions.clear()
    status = progress.step_status(doc)["plan"]
    assert not status.has_content and status.todo == 0


def test_flags_are_translated(doc):
    action = Action(what="Improve sales", team_id=doc.teams[0].id)
    doc.plan.actions.append(action)
    messages = [f.message for f in check_action(doc, action, "en").flags]
    assert messages[:5] == ["no owner", "nobody checks it", "no due date", "no measure",
                            "no target"]
    assert "vague" in messages[5]


def test_the_seeds_invalid_goals_are_vague_as_actions_too():
    # the method's examples of goals that are not goals (无效目标的例子)
    for text in ("一定要提高拜访量", "要让员工开始积极起来了", "把团队建设好",
                 "尽自已最大的努力达成本月目标", "争取让问题员工有较大的改善"):
        assert not specific(text, lang="zh")[0], text


def test_an_action_needs_no_scope_of_its_own():
    # a goal must say where (S); an action's scope is its owner and strategy
    assert specific("6月30日前举办VIP技术交流研讨会", lang="zh") == (True, "")


def test_the_same_vague_text_is_explained_in_each_language_asked(doc):
    # the wording check is remembered per text: per language too, and the current
    # language counts when none is given
    from workshop import i18n

    action = Action(what="Improve sales", team_id=doc.teams[0].id)
    doc.plan.actions.append(action)
    english = [f.message for f in check_action(doc, action, "en").flags][-1]
    chinese = [f.message for f in check_action(doc, action, "zh").flags][-1]
    assert english != chinese
    before = i18n.get_language()
    try:
        i18n.set_language("en")
        assert [f.message for f in check_action(doc, action).flags][-1] == english
        i18n.set_language("zh")
        assert [f.message for f in check_action(doc, action).flags][-1] == chinese
    finally:
        i18n.set_language(before)
