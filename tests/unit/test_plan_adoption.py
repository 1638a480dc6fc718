"""Adoption (领养孩子): one owner per action, owners from the action's team, loads."""

from __future__ import annotations

import pytest

from planning import big_plan, shandong, with_strategies
from workshop.edits import EditError
from workshop.edits import plan as plan_edits
from workshop.methods.plan import adoption
from workshop.model import Action


@pytest.fixture
def doc():
    return with_strategies(shandong())


def new_action(doc, what="参加两次行业展会", team_index: int | None = 0) -> Action:
    team_id = doc.teams[team_index].id if team_index is not None else None
    action = Action(what=what, team_id=team_id)
    doc.plan.actions.append(action)
    return action


def test_adopting_sets_the_one_owner_and_adopting_again_replaces_it(doc):
    action = new_action(doc)
    zhang, li = doc.teams[0].members[:2]
    plan_edits.adopt(doc, action.id, zhang.id)
    assert action.owner_id == zhang.id
    plan_edits.adopt(doc, action.id, li.id)
    assert action.owner_id == li.id
    owners = [load for load in adoption.loads(doc, doc.teams[0].id) if load.count]
    assert [(load.name, load.count) for load in owners] == [("李娜", 1)]


def test_only_a_member_of_the_actions_team_can_adopt_it(doc):
    action = new_action(doc, team_index=0)
    outsider = doc.teams[1].members[0]
    assert adoption.can_adopt(doc, action, outsider.id) == "other_team"
    with pytest.raises(EditError, match="济南队"):
        plan_edits.adopt(doc, action.id, outsider.id)
    assert action.owner_id is None


def test_an_unknown_member_cannot_adopt(doc):
    action = new_action(doc)
    assert adoption.can_adopt(doc, action, "m-nobody") == "no_member"
    with pytest.raises(EditError, match="不在小组"):
        plan_edits.adopt(doc, action.id, "m-nobody")


def test_an_action_of_no_team_joins_its_adopters_team(doc):
    action = new_action(doc, team_index=None)
    member = doc.teams[2].members[1]
    plan_edits.adopt(doc, action.id, member.id)
    assert action.team_id == doc.teams[2].id and action.owner_id == member.id


def test_unadopting_leaves_the_action_waiting(doc):
    action = new_action(doc)
    plan_edits.adopt(doc, action.id, doc.teams[0].members[0].id)
    plan_edits.adopt(doc, action.id, None)
    assert action.owner_id is None
    assert adoption.unadopted(doc, doc.teams[0].id) == [action]


def test_unadopted_lists_the_teams_actions_without_a_present_owner(doc):
    a = new_action(doc, "一")
    b = new_action(doc, "二")
    c = new_action(doc, "三", team_index=1)
    plan_edits.adopt(doc, a.id, doc.teams[0].members[0].id)
    b.owner_id = "m-left-the-company"
    assert adoption.unadopted(doc, doc.teams[0].id) == [b]
    assert adoption.unadopted(doc) == [b, c]


def test_loads_count_each_members_actions_and_mark_the_heavy_ones(doc):
    team = doc.teams[0]  # five members
    actions = [new_action(doc, f"行动{i}") for i in range(10)]  # fair share: 2 each
    for action in actions[:5]:
        plan_edits.adopt(doc, action.id, team.members[0].id)
    for action in actions[5:8]:
        plan_edits.adopt(doc, action.id, team.members[1].id)
    loads = {load.name: load for load in adoption.loads(doc, team.id)}
    assert [loads[m.name].count for m in team.members] == [5, 3, 0, 0, 0]
    assert loads["张伟"].heavy and not loads["李娜"].heavy
    assert [load.name for load in adoption.idle(doc, team.id)] == ["王强", "刘洋", "陈静"]


def test_no_idle_members_before_the_team_has_actions(doc):
    assert adoption.idle(doc, doc.teams[0].id) == []
    assert adoption.loads(doc, "t-missing") == []


def test_a_spread_plan_has_no_heavy_member(doc):
    big_plan(doc, 60)
    loads = adoption.loads(doc, doc.teams[0].id)
    assert sum(load.count for load in loads) == 60
    assert not any(load.heavy for load in loads)


def test_fair_share_rounds_up():
    assert adoption.fair_share(10, 4) == 3
    assert adoption.fair_share(8, 4) == 2
    assert adoption.fair_share(3, 0) == 3
