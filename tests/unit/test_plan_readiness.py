"""The readiness check (做我所写、写我所做): what keeps an action from being ready."""

from __future__ import annotations

import datetime as dt
import sys
import types
from dataclasses import dataclass

import pytest

from planning import ready_action, shandong, with_strategies
from workshop.methods import progress, readiness
from workshop.methods.readiness import check_action, check_plan, not_ready, specific
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


def test_an_empty_template_lists_owner_due_measure_target_in_that_order(doc):
    action = Action(what="参加两次行业展会", team_id=doc.teams[0].id)
    doc.plan.actions.append(action)
    assert kinds(doc, action) == ("owner", "due", "measure", "target")
    messages = [f.message for f in check_action(doc, action).flags]
    assert messages == ["没有负责人", "没有完成期限", "没有衡量指标", "没有目标值"]


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
    assert "笼统" in result.flags[0].message


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


@dataclass
class Verdict:
    ok: bool
    reason: str = ""


@dataclass
class Report:
    S: Verdict


def install_smart(monkeypatch, check_goal) -> list[tuple]:
    calls: list[tuple] = []

    def recording(text, **kwargs):
        calls.append((text, kwargs))
        return check_goal(text, **kwargs)

    module = types.ModuleType("workshop.methods.smart")
    module.check_goal = recording  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workshop.methods.smart", module)
    return calls


def test_the_smart_check_decides_once_it_exists(doc, monkeypatch):
    calls = install_smart(monkeypatch, lambda text, **kw: Report(
        S=Verdict(ok="客户" not in text, reason="没有说清对象")))
    action = ready_action(doc, "提高拜访量")  # vague by the list, specific by this check
    assert check_action(doc, action).ready
    other = ready_action(doc, "每月拜访每家VIP客户一次")
    result = check_action(doc, other)
    assert result.kinds == ("vague",)
    assert result.flags[0].message == "不够具体：没有说清对象"
    text, kwargs = calls[-1]
    assert text == "每月拜访每家VIP客户一次" and kwargs["deadline"] == other.due


def test_a_smart_report_with_a_mapping_of_verdicts(doc, monkeypatch):
    install_smart(monkeypatch, lambda text, **kw: types.SimpleNamespace(
        verdicts={"S": Verdict(ok=False, reason="")}))
    result = check_action(doc, ready_action(doc, "每月拜访每家VIP客户一次"))
    assert result.kinds == ("vague",)
    assert result.flags[0].message == "行动不够具体"


def test_a_failing_smart_check_falls_back_to_the_list(doc, monkeypatch):
    def broken(text, **kw):
        raise RuntimeError("bug in smart")

    install_smart(monkeypatch, broken)
    assert kinds(doc, ready_action(doc, "提高拜访量")) == ("vague",)
    assert check_action(doc, ready_action(doc, "每月拜访每家VIP客户一次")).ready


def test_a_smart_report_of_an_unknown_shape_falls_back_to_the_list(doc, monkeypatch):
    install_smart(monkeypatch, lambda text, **kw: {"verdict": "?"})
    assert kinds(doc, ready_action(doc, "提高拜访量")) == ("vague",)


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


def test_flags_are_translated(doc):
    action = Action(what="Improve sales", team_id=doc.teams[0].id)
    doc.plan.actions.append(action)
    messages = [f.message for f in check_action(doc, action, "en").flags]
    assert messages[:4] == ["no owner", "no due date", "no measure", "no target"]
    assert "vague" in messages[4]


def test_the_vague_list_covers_the_seeds_invalid_goals():
    # the method's examples of goals that are not goals (无效目标的例子)
    for text in ("一定要提高拜访量", "要让员工开始积极起来了", "把团队建设好",
                 "尽自已最大的努力达成本月目标", "争取让问题员工有较大的改善"):
        assert not readiness._fallback_specific(text, "zh")[0], text
