"""Team charters: roles, decisions, commitments, rules, rewards and penalties, signing,
the stepper's count of unsigned charters, and the report."""

from __future__ import annotations

import pytest

from factories import make_doc
from workshop.edits import EditError
from workshop.edits import charter as edits
from workshop.methods import charter as method
from workshop.methods.progress import step_status
from workshop.report import build_report


def sign(doc, team, skip: int | None = None):
    for i, member in enumerate(team.members):
        if i == skip:
            continue
        edits.set_decision(doc, team.id, member.id, True)
        edits.set_commitment(doc, team.id, member.id, f"我承诺每周拜访 {i + 3} 家客户")


def test_a_new_charter_starts_from_the_methods_rules():
    doc = make_doc()
    team = doc.teams[0]
    charter = edits.set_slogan(doc, team.id, "齐心协力，七百万必达！")
    assert charter.rules[0].startswith("四被：被尊重、被认可")
    assert any("YES…AND" in rule for rule in charter.rules)
    doc.charter.default_rules = ["准时开会"]
    assert edits.ensure(doc, doc.teams[1].id).rules == ["准时开会"]


def test_signed_when_every_member_said_yes_and_committed():
    doc = make_doc(members=3)
    team = doc.teams[0]
    sign(doc, team, skip=2)
    charter = doc.charter.charter(team.id)
    assert not method.is_signed(charter, team)
    assert charter.signed_at is None
    missing = method.missing(charter, team)
    assert [(m.name, m.decision, m.commitment) for m in missing] == [("济南成员3", True, True)]
    last = team.members[2]
    edits.set_decision(doc, team.id, last.id, True)
    assert not method.is_signed(charter, team)  # a yes without a commitment is not enough
    edits.set_commitment(doc, team.id, last.id, "每月带一位新人")
    assert method.is_signed(charter, team)
    assert charter.signed_at is not None
    edits.set_decision(doc, team.id, last.id, False)  # changed their mind
    assert not method.is_signed(charter, team)
    assert charter.signed_at is None
    assert method.missing(charter, team)[0].said_no


def test_a_team_without_members_cannot_sign():
    doc = make_doc(members=0)
    assert not method.is_signed(edits.ensure(doc, doc.teams[0].id), doc.teams[0])


def test_a_role_is_held_by_one_member():
    doc = make_doc(members=3)
    team = doc.teams[0]
    first, second = team.members[0], team.members[1]
    assert edits.set_role(doc, team.id, first.id, "组长") is None
    previous = edits.set_role(doc, team.id, second.id, "组长")
    assert previous is not None and previous.id == first.id
    assert (first.role, second.role) == ("", "组长")
    edits.set_role(doc, team.id, second.id, "")
    assert second.role == ""
    assert method.roles(doc, "zh")[:2] == ["组长", "时间官"]
    doc.meta.roles = ["队长"]
    assert method.roles(doc) == ["队长"]


def test_lists_add_edit_and_remove():
    doc = make_doc()
    team = doc.teams[0].id
    assert edits.add_item(doc, team, "rewards", "季度达标，全队聚餐") == 0
    edits.add_item(doc, team, "penalties", "周报迟交，罚做 20 个俯卧撑")
    edits.edit_item(doc, team, "rewards", 0, "季度达标，全队聚餐 🎉")
    charter = doc.charter.charter(team)
    assert charter.rewards == ["季度达标，全队聚餐 🎉"]
    rules = len(charter.rules)
    assert edits.remove_item(doc, team, "rules", 0).startswith("四被")
    assert len(doc.charter.charter(team).rules) == rules - 1
    with pytest.raises(EditError, match="已经不在"):
        edits.remove_item(doc, team, "rewards", 5)
    with pytest.raises(EditError, match="空的"):
        edits.add_item(doc, team, "rules", "   ")


def test_rename_team_refuses_empty_and_taken_names():
    doc = make_doc()
    first, second = doc.teams
    edits.rename_team(doc, first.id, " 泉城队 ")
    assert first.name == "泉城队"
    with pytest.raises(EditError, match="不能为空"):
        edits.rename_team(doc, first.id, "")
    with pytest.raises(EditError, match="已经有一个小组"):
        edits.rename_team(doc, first.id, second.name)


def test_unknown_members_and_teams_are_refused():
    doc = make_doc()
    with pytest.raises(EditError):
        edits.set_decision(doc, doc.teams[0].id, doc.teams[1].members[0].id, True)
    with pytest.raises(EditError):
        edits.set_slogan(doc, "t-nothere", "x")


def test_the_stepper_counts_unsigned_charters_once_the_room_gets_there():
    doc = make_doc(teams=3)
    doc.room.step = "vision"
    assert step_status(doc)["charter"].todo == 0  # not there yet: nothing nags
    doc.room.step = "charter"
    assert step_status(doc)["charter"].todo == 3
    sign(doc, doc.teams[0])
    assert step_status(doc)["charter"].todo == 2
    assert step_status(doc)["charter"].has_content


def test_report_has_every_team_with_pledges():
    doc = make_doc(members=2)
    team = doc.teams[0]
    sign(doc, team)
    edits.set_role(doc, team.id, team.members[0].id, "组长")
    edits.add_item(doc, team.id, "rewards", "聚餐")
    part = build_report(doc, "zh").step("charter")
    assert part.has_content and part.signed == 1
    row, other = part.charters
    assert row.signed and row.signed_at and not row.missing
    assert [(m.name, m.role, m.commits) for m in row.members] == [
        ("济南成员1", "组长", True), ("济南成员2", "", True)]
    assert row.rewards == ["聚餐"]
    assert not other.started and other.rules  # shows the rules it would start with
    assert other.missing == ["青岛成员1", "青岛成员2"]
