"""The town hall's rules: the challenge log, plan changes linked to questions, the
sign-off, the closing statement, the presentation clock."""

from __future__ import annotations

import pytest

from planning import ready_action, shandong, with_strategies
from workshop.edits import EditError
from workshop.edits import townhall as th
from workshop.methods import clock as clock_math
from workshop.methods import progress
from workshop.methods import townhall as townhall_math


@pytest.fixture
def doc():
    doc = with_strategies(shandong())
    ready_action(doc, "每月拜访每家VIP客户一次", team_index=0)
    ready_action(doc, "参加两次行业展会", team_index=1)
    return doc


def test_a_question_is_open_until_answered(doc):
    team = doc.teams[0]
    q = th.add_challenge(doc, team.id, " VIP 名单从哪里来？ ", asker_kind="executive",
                         asker="刘总")
    assert (q.question, q.outcome, q.asker) == ("VIP 名单从哪里来？", "open", "刘总")
    answered = th.add_challenge(doc, team.id, "预算够吗？", asker_kind="peer",
                                asker_team_id=doc.teams[1].id, answer="已申请")
    assert answered.outcome == "answered"
    th.set_outcome(doc, q.id, "answered", answer="市场部提供")
    assert (q.outcome, q.answer) == ("answered", "市场部提供")
    assert [c.question for c in townhall_math.challenges(doc, team.id)] == [
        "VIP 名单从哪里来？", "预算够吗？"]
    assert townhall_math.outcome_counts(doc, team.id)["answered"] == 2


@pytest.mark.parametrize("kwargs", [
    {"question": "  "}, {"question": "x", "asker_kind": "ceo"},
    {"question": "x", "outcome": "maybe"}, {"question": "x", "asker_team_id": "t-gone"},
])
def test_bad_questions_are_refused(doc, kwargs):
    question = kwargs.pop("question")
    with pytest.raises(EditError):
        th.add_challenge(doc, doc.teams[0].id, question, **kwargs)
    with pytest.raises(EditError):
        th.add_challenge(doc, "t-gone", "有问题")
    assert doc.townhall.challenges == []


def test_changing_an_action_in_answer_links_it_and_marks_the_question(doc):
    team = doc.teams[0]
    action = doc.plan.actions[0]
    q = th.add_challenge(doc, team.id, "每月一次够吗？", asker_kind="expert")
    th.change_action(doc, q.id, action.id, {"what": "每两周拜访每家VIP客户一次"})
    assert action.what == "每两周拜访每家VIP客户一次"
    assert q.action_ids == [action.id] and q.outcome == "changed"
    th.change_action(doc, q.id, action.id, {"target": "100% 覆盖"})
    assert q.action_ids == [action.id]  # linked once


def test_only_the_presenting_teams_actions_can_be_linked(doc):
    q = th.add_challenge(doc, doc.teams[0].id, "问题")
    other = doc.plan.actions[1]  # 青岛队's
    with pytest.raises(EditError, match="自己的行动"):
        th.change_action(doc, q.id, other.id, {"target": "x"})
    with pytest.raises(EditError):
        th.link_actions(doc, q.id, [other.id])
    assert other.target == "100%"


def test_a_new_action_in_answer_joins_the_presenting_team(doc):
    q = th.add_challenge(doc, doc.teams[0].id, "售后怎么办？")
    th.add_action(doc, q.id, "售后问题48小时内回访")
    new = doc.plan.actions[-1]
    assert new.team_id == doc.teams[0].id and q.action_ids == [new.id]
    assert q.outcome == "changed"


def test_editing_a_question_sets_every_field(doc):
    team = doc.teams[0]
    q = th.add_challenge(doc, team.id, "原问题")
    th.update_challenge(doc, q.id, {"question": "新问题", "asker_kind": "peer",
                                    "asker_team_id": doc.teams[2].id, "answer": "回答",
                                    "outcome": "followup",
                                    "action_ids": [doc.plan.actions[0].id]})
    assert (q.question, q.asker_kind, q.asker_team_id, q.outcome) == (
        "新问题", "peer", doc.teams[2].id, "followup")
    with pytest.raises(EditError):
        th.update_challenge(doc, q.id, {"question": ""})
    th.delete_challenge(doc, q.id)
    assert doc.townhall.challenges == []
    with pytest.raises(EditError):
        th.delete_challenge(doc, q.id)


def test_sign_off_replaces_the_earlier_decision_and_revise_needs_a_note(doc):
    team = doc.teams[0]
    with pytest.raises(EditError, match="意见"):
        th.sign_off(doc, team.id, "revise", "  ", "刘总")
    th.sign_off(doc, team.id, "revise", "补充里程碑", "刘总")
    assert townhall_math.signoff(doc, team.id).decision == "revise"
    th.sign_off(doc, team.id, "approved", "", "刘总")
    assert [s.decision for s in doc.townhall.signoffs] == ["approved"]
    with pytest.raises(EditError):
        th.sign_off(doc, team.id, "maybe")
    assert th.withdraw_signoff(doc, team.id) == 1
    with pytest.raises(EditError):
        th.withdraw_signoff(doc, team.id)


def test_the_stepper_counts_plans_not_yet_approved(doc):
    # 济南队 and 青岛队 have plans; 烟台队 has none and is not counted
    assert [t.name for t in townhall_math.presenting_teams(doc)] == ["济南队", "青岛队"]
    assert progress.step_status(doc)["townhall"].todo == 2
    th.sign_off(doc, doc.teams[0].id, "approved", by="刘总")
    assert progress.step_status(doc)["townhall"].todo == 1
    th.sign_off(doc, doc.teams[1].id, "revise", "目标值太低", "刘总")
    status = progress.step_status(doc)["townhall"]
    assert status.todo == 1 and status.has_content


def test_closing_statement_and_minutes(doc):
    th.set_closing(doc, "  计划落地靠每月检查。\n\n\n\n大家辛苦了 ", "刘总")
    assert doc.townhall.closing_statement == "计划落地靠每月检查。\n\n大家辛苦了"
    assert th.set_minutes_per_team(doc, 10) == 10
    with pytest.raises(EditError):
        th.set_minutes_per_team(doc, 0)


def test_the_presentation_clock_is_per_team(doc):
    first, second = doc.teams[0].id, doc.teams[1].id
    th.present(doc, first, now=1000)
    clock = doc.room.presentation
    assert doc.room.turn.team_id == first and doc.room.presenting_team_id == first
    assert clock.duration_s == 8 * 60 and not clock.running
    assert th.toggle_presentation(doc, now=1000) is True
    assert clock_math.remaining(clock, now=1100) == 380
    th.add_presentation_minute(doc)
    assert clock_math.remaining(clock, now=1100) == 440
    # the turn moves on (F4): the next start gives the new team a fresh time box
    doc.room.turn.team_id = second
    assert th.toggle_presentation(doc, now=2000) is True
    assert doc.room.presenting_team_id == second
    assert clock_math.remaining(doc.room.presentation, now=2030) == 450
    assert th.toggle_presentation(doc, now=2060) is False
    th.reset_presentation(doc)
    assert doc.room.presentation.remaining_s == 480


def test_each_team_keeps_the_time_it_used_when_the_next_team_comes_up(doc):
    first, second = doc.teams[0].id, doc.teams[1].id
    th.present(doc, first, now=1000)
    th.toggle_presentation(doc, now=1000)
    th.present(doc, second, now=1200)  # 济南队 presented 200 s; 青岛队 comes up, fresh
    assert townhall_math.seconds_used(doc, first) == 200
    assert not doc.room.presentation.running and doc.room.presentation.remaining_s == 480
    th.toggle_presentation(doc, now=1300)
    assert townhall_math.seconds_used(doc, second, now=1390) == 90
    th.present(doc, first, now=1400)  # back to 济南队: its clock goes on where it stopped
    assert clock_math.remaining(doc.room.presentation) == 480 - 200
    assert townhall_math.seconds_used(doc, first) == 200
    assert townhall_math.seconds_used(doc, second) == 100
    th.reset_presentation(doc)  # r: 济南队 starts over, 青岛队 keeps its 100 s
    assert townhall_math.seconds_used(doc, first) == 0
    assert townhall_math.seconds_used(doc, second) == 100


def test_the_time_each_team_used_is_in_the_report(doc):
    from workshop.export.markdown import render
    from workshop.report import build_report

    first = doc.teams[0].id
    th.present(doc, first, now=1000)
    th.toggle_presentation(doc, now=1000)
    th.present(doc, doc.teams[1].id, now=1000 + 9 * 60 + 5)  # a little over the 8 minutes
    report = build_report(doc, "zh").steps["townhall"]
    assert report.team(first).seconds_used == 545
    assert report.team(first).time_used("zh", 8) == "汇报用时 09:05（每组 8 分钟）"
    assert "汇报用时 09:05（每组 8 分钟）" in render(build_report(doc, "zh"))
    assert report.team(doc.teams[1].id).seconds_used == 0
