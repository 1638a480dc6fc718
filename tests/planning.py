"""Test data for steps 5 and 6: strategies from a co-create session, actions, a town hall.

Builds on the Shandong scenario (three teams, goals with a quarterly cascade) so the
plan has real goals, deadlines and cascades to check against.
"""

from __future__ import annotations

import datetime as dt

from factories import SCENARIOS
from workshop.model import Action, Card, Cluster, Vote, Workshop
from workshop.scenario import load_scenario

STRATEGIES = [
    ("客户分级拜访", 3, ["VIP客户每月拜访一次", "一级客户每两个月拜访一次", "建立月访客户统计表"]),
    ("技术交流与展会", 5, ["6月前举办VIP技术交流研讨会", "参加两次行业展会"]),
    ("售后服务强化", 1, ["售后问题48小时内回访"]),
    ("", 0, ["未命名的一类"]),
]
"""(name, votes, idea cards): the unnamed last cluster is not a strategy."""


def shandong() -> Workshop:
    return load_scenario(SCENARIOS / "shandong-sales.toml")


def with_strategies(doc: Workshop, *, team_index: int | None = None) -> Workshop:
    """Add the co-create clusters of ``STRATEGIES`` (votes from the first team), their
    idea cards, and give them to the team at `team_index` if one is given."""
    team = doc.teams[0]
    owner = doc.teams[team_index].id if team_index is not None else None
    for name, votes, ideas in STRATEGIES:
        cluster = Cluster(name=name, votes=[Vote(team_id=team.id) for _ in range(votes)],
                          team_id=owner)
        doc.cocreate.clusters.append(cluster)
        for text in ideas:
            doc.cocreate.cards.append(Card(text=text, step="cocreate", board="idea",
                                           team_id=team.id, cluster_id=cluster.id))
    doc.cocreate.phase = "model"
    return doc


def ready_action(doc: Workshop, what: str, *, team_index: int = 0, member_index: int = 0,
                 strategy_index: int = 0, due: dt.date = dt.date(2027, 3, 31)) -> Action:
    """An action that passes the readiness check."""
    team = doc.teams[team_index]
    cluster = [c for c in doc.cocreate.clusters if c.name][strategy_index]
    goal = next((g for g in doc.vision.goals if g.team_id == team.id), None)
    action = Action(what=what, strategy_id=cluster.id, team_id=team.id,
                    goal_id=goal.id if goal else None,
                    owner_id=team.members[member_index % len(team.members)].id,
                    checker_id=team.members[(member_index + 1) % len(team.members)].id,
                    start=dt.date(2027, 1, 4), due=due, measure="VIP客户月度拜访完成率",
                    target="100%", support="市场部提供客户名单", next_check=dt.date(2027, 1, 31))
    doc.plan.actions.append(action)
    return action


def big_plan(doc: Workshop, count: int = 60, *, team_index: int = 0) -> list[Action]:
    """`count` actions for one team, spread over the strategies and members, each with
    a distinct text, some long."""
    made = []
    for i in range(count):
        what = f"行动{i + 1:02d}：每周拜访第{i + 1}组VIP客户并填写拜访表"
        if i % 7 == 3:
            what += "，" + "记录客户对新品的反馈意见并在周会上分享，" * 4
        made.append(ready_action(doc, what, team_index=team_index, member_index=i,
                                 strategy_index=i % 3))
    return made
