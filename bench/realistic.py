"""A realistic big workshop for benchmarks and tests, built through the project's own edits.

The room of issue 17: 10 teams of 8 members, a company goal split per team, 2,000
co-create cards (by default) typed in turn and sorted into 40 named, voted clusters
each taken by a team, 400 gap cards classified and scored, 12 key gaps with full
fishbones and 5-Why chains, PEST and SWOT cards, every team's charter, and 300 actions
with owners, dates, measures and PDCA. Only the co-create card count changes with
`cards`, so 20,000 is the same room with ten times the ideas.

    from realistic import build            # with bench/ on sys.path
    doc = build(cards=2000)

Deterministic: the same arguments give the same content (ids and times differ).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from workshop.edits import cards as card_edits
from workshop.edits import charter as charter_edits
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import gaps as gaps_edits
from workshop.edits import plan as plan_edits
from workshop.edits import vision as vision_edits
from workshop.model import Member, Meta, Team, Workshop

TEAMS = ["济南队", "青岛队", "烟台队", "潍坊队", "临沂队", "淄博队", "威海队", "日照队",
         "德州队", "聊城队"]
MEMBERS = 8
CLUSTERS = 40
GAP_CARDS = 400
KEY_GAPS = 12
ACTIONS = 300

_VERBS = ["建立", "优化", "推动", "完善", "加强", "落实", "开展", "提升", "组织", "跟进"]
_OBJECTS = ["VIP客户分级拜访制度", "经销商库存周报", "新品上市培训", "售后48小时响应",
            "老客户转介绍奖励", "竞品降价快速报价机制", "行业展会联谊座谈", "月度转化率复盘",
            "区域主管陪访", "客户满意度回访"]
_DETAILS = ["每月复盘一次", "由组长负责检查", "纳入季度考核", "先在两个城市试点",
            "配套激励方案", "每周五前提交", "和市场部一起做", "用统一模板记录"]
_GAPS = ["客户经理跟进不及时导致商机流失", "拜访计划靠个人习惯没有统一标准",
         "新人培训不足，产品讲不清楚", "经销商库存积压，回款慢", "投诉响应慢，客户流失",
         "竞品降价时没有应对方案", "信息不透明使决策拖延", "考核只看结果缺少过程管理"]


def _idea(i: int) -> str:
    return (f"{_VERBS[i % len(_VERBS)]}{_OBJECTS[(i // 10) % len(_OBJECTS)]}，"
            f"{_DETAILS[(i // 100) % len(_DETAILS)]}（第{i + 1}条）")


def _people(doc: Workshop) -> None:
    for name in TEAMS:
        doc.teams.append(Team(name=name, members=[
            Member(name=f"{name[:2]}成员{j + 1}") for j in range(MEMBERS)]))


def _vision(doc: Workshop) -> str:
    goal = vision_edits.add_goal(
        doc, statement="2027年12月31日前山东区销售额达到7000万元", metric="销售额",
        unit="万元", baseline=5600, floor=5600, target=7000, deadline=dt.date(2027, 12, 31))
    vision_edits.set_statement(doc, "山东区成为客户首选的合作伙伴，每个城市都有标杆客户。")
    vision_edits.set_agreed(doc, True)
    vision_edits.add_cascade(doc, goal.id, "teams")
    vision_edits.add_cascade(doc, goal.id, "quarters")
    return goal.id


def _charters(doc: Workshop) -> None:
    for team in doc.teams:
        charter_edits.set_slogan(doc, team.id, f"{team.name}，一起冲刺七千万！")
        for member in team.members:
            charter_edits.set_decision(doc, team.id, member.id, True)
            charter_edits.set_commitment(doc, team.id, member.id,
                                         f"{member.name}每周拜访五家重点客户")
        charter_edits.add_item(doc, team.id, "rules", "准时开会，迟到的人唱一首歌")
        charter_edits.add_item(doc, team.id, "rewards", "季度达标全队聚餐")
        charter_edits.add_item(doc, team.id, "penalties", "周报迟交做二十个俯卧撑")


def _gaps(doc: Workshop, count: int, key: int) -> list[str]:
    ids = [team.id for team in doc.teams]
    gap_ids = []
    for i in range(count):
        text = f"{_GAPS[i % len(_GAPS)]}（{TEAMS[i % len(TEAMS)]}第{i // len(TEAMS) + 1}条）"
        card = card_edits.add_card(doc, "gaps", text, team_id=ids[i % len(ids)])
        gap_ids.append(card.id)
        gaps_edits.classify(doc, card.id, "performance" if i % 3 else "opportunity")
        gaps_edits.set_score(doc, card.id, "cost", 1 + i % 5)
        gaps_edits.set_score(doc, card.id, "strategic", 1 + (i * 7) % 5)
    for gap_id in gap_ids[:key]:
        gaps_edits.set_key(doc, gap_id, True)
        fishbone = gaps_edits.ensure_fishbone(doc, gap_id)
        for b, bone in enumerate(list(fishbone.bones)):
            for c in range(3):
                cause = gaps_edits.add_cause(doc, fishbone.id, bone.id,
                                             f"第{b + 1}根骨第{c + 1}个原因：{_GAPS[(b + c) % 8]}")
                gaps_edits.add_cause(doc, fishbone.id, bone.id, f"子原因：{_DETAILS[c]}",
                                     parent_id=cause.id)
        chain = gaps_edits.start_chain(doc, gap_id=gap_id)
        for w in range(5):
            gaps_edits.add_why(doc, chain.id, f"为什么{w + 1}：{_GAPS[(w + 3) % 8]}")
    for board in ("pest.P", "pest.E", "swot.S", "swot.W", "swot.O", "swot.T"):
        for i in range(5):
            card_edits.add_card(doc, "gaps", f"{board} 因素 {i + 1}：{_GAPS[i]}", board=board)
    return gap_ids


def _cocreate(doc: Workshop, cards: int, clusters: int) -> list[str]:
    ids = [team.id for team in doc.teams]
    cocreate_edits.set_focus_question(doc, "为了实现7000万元的销售目标，我们要做的关键行动是什么？")
    card_ids = [card_edits.add_card(doc, "cocreate", _idea(i), team_id=ids[i % len(ids)]).id
                for i in range(cards)]
    per = len(card_ids) // clusters
    cluster_ids = []
    for k in range(clusters):
        chunk = card_ids[k * per:(k + 1) * per]
        cluster = cocreate_edits.new_cluster(doc, chunk[:2])
        cocreate_edits.move(doc, chunk[2:], cluster.id)
        cocreate_edits.name_cluster(doc, cluster.id, f"策略{k + 1}：{_VERBS[k % 10]}"
                                                     f"{_OBJECTS[k % 10]}")
        cocreate_edits.assign_team(doc, cluster.id, ids[k % len(ids)])
        cluster_ids.append(cluster.id)
    for t_index, team_id in enumerate(ids):
        for dot in range(doc.cocreate.dots):
            cocreate_edits.vote(doc, cluster_ids[(t_index * 3 + dot) % clusters], team_id)
    return cluster_ids


def _plan(doc: Workshop, count: int, cluster_ids: list[str], key_ids: list[str]) -> None:
    for i in range(count):
        cluster_id = cluster_ids[i % len(cluster_ids)]
        action = plan_edits.add_action(doc, _idea(i * 7), strategy_id=cluster_id)
        team = doc.team(action.team_id)
        owner = team.members[i % MEMBERS].id if team else None
        checker = team.members[(i + 1) % MEMBERS].id if team else None  # 检查人: another
        plan_edits.update_action(doc, action.id, {
            "owner_id": owner, "checker_id": checker,
            "start": "2027-01-01", "due": f"2027-{1 + i % 12:02d}-28",
            "measure": "每周拜访VIP客户数", "target": f"每周{3 + i % 5}家",
            "resources": "车辆和样品", "support": "市场部提供展会资料",
            "obstacles": "客户时间难约", "reward": "月度之星", "penalty": "请全组喝奶茶",
            "gap_id": key_ids[i % len(key_ids)] if key_ids else None,
            "pdca_plan": "列出重点客户名单", "pdca_do": "按计划拜访并记录",
            "pdca_check": "每周五复盘转化率", "pdca_act": "调整下周拜访顺序",
        })


def build(cards: int = 2000, *, gap_cards: int = GAP_CARDS, key_gaps: int = KEY_GAPS,
          clusters: int = CLUSTERS, actions: int = ACTIONS) -> Workshop:
    """The realistic workshop with `cards` co-create cards (the rest as the issue's room;
    tests ask for a miniature with smaller counts)."""
    doc = Workshop(meta=Meta(title="山东区 2027 年度目标分解工作坊",
                             organization="示例科技 山东区", date=dt.date(2026, 12, 5),
                             facilitator="王老师", language="zh"))
    _people(doc)
    _vision(doc)
    _charters(doc)
    gap_ids = _gaps(doc, gap_cards, key_gaps)
    cluster_ids = _cocreate(doc, cards, clusters)
    _plan(doc, actions, cluster_ids, gap_ids[:key_gaps])
    doc.room.step = "cocreate"
    return doc


if __name__ == "__main__":
    import time

    for n in (2000, 20000):
        start = time.perf_counter()
        built = build(n)
        size = len(built.model_dump_json(indent=1))
        print(f"{n} cards: built in {time.perf_counter() - start:.1f} s, {size / 1024:.0f} KiB")
