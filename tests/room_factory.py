"""A full room: eight teams with hostile names, every step filled in, built the way the
room builds it (a scenario file, then the project's edits).

``hostile_room()`` is the session the handout tests print: team names that are markup
(``[/oops]队``, ``<b>&队``), an emoji (``🚀火箭队``), twenty characters, plain English;
members with emoji, Arabic and accented names; a 10-action plan, a 20-action plan, a
2-action plan and plans in between, each action with an owner and someone else who
checks it; a monthly time cascade; charters signed by every member; questions in the
town hall that changed actions; the leader's sign-off. Reuse it for any test that needs
a whole, awkward workshop.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gaps_factory import full_gaps
from workshop.edits import cards as card_edits
from workshop.edits import charter as charter_edits
from workshop.edits import cocreate as cocreate_edits
from workshop.edits import plan as plan_edits
from workshop.edits import review as review_edits
from workshop.edits import townhall as townhall_edits
from workshop.edits import vision as vision_edits
from workshop.model import Workshop
from workshop.scenario import load_scenario

TEAMS = ["[/oops]队", "<b>&队", "🚀火箭队", "华东区大客户销售与渠道拓展第一突击小分队",
         "Alpha Team", "济南队", "青岛队", "烟台队"]
"""Eight teams; the fourth name is twenty characters long."""
assert len(TEAMS[3]) == 20

MEMBERS = [
    ["马🚀云", "李娜", "王强", "刘洋", "陈静", "赵磊", "孙丽", "周杰"],
    ["Zoë Ǧürsel", "吴敏", "郑浩", "冯雪", "何军", "许婷"],
    ["مريم", "韩冰", "杨帆", "朱琳", "秦勇", "许多多"],
    ["欧阳娜娜", "司马光明", "诸葛亮亮", "上官婉儿"],
    ["Alice O'Brien", "Bob <b>", "Carol [/i]", "Dan & Co"],
    ["张伟", "李静", "王磊", "刘芳", "陈晨"],
    ["赵敏", "钱进", "孙悦", "李想"],
    ["周全", "吴用", "郑重", "王者", "冯程"],
]
ROLES = ["组长", "时间官", "记录员", "发言人"]

ACTIONS = {0: 10, 1: 20, 2: 2, 3: 6, 4: 4, 5: 10, 6: 3, 7: 5}
"""How many actions each team plans: 10 for the first and the sixth, 20 for the second."""

WHATS = ["每月拜访每家VIP客户一次并填写月访客户统计表", "6月30日前为VIP客户举办技术交流研讨会",
         "参加两次行业展会并在展会期间举办联谊座谈会", "每周复盘销售漏斗，找出转化最低的环节",
         "建立客户分级档案，一级客户每两个月回访一次", "新品上市前完成全员产品培训和考试",
         "竞品降价时48小时内给出报价应对方案", "售后问题24小时内回访客户并记录 [/oops] <b>&",
         "老客户转介绍奖励：每介绍一家新客户奖励500元", "每季度与经销商对账一次，清理积压库存"]
MEASURES = [("VIP客户月度拜访完成率", "100%"), ("研讨会参会客户满意度", "4分以上（5分制）"),
            ("参展次数", "2次"), ("漏斗转化率", "提升5个百分点"), ("一级客户回访率", "100%"),
            ("培训考试通过率", "95%"), ("报价响应时间", "48小时内"), ("回访及时率", "98%"),
            ("转介绍新客户数", "每月2家"), ("库存周转天数", "45天以内")]
CADENCES = ["monthly", "weekly", "biweekly"]


def _scenario_text() -> str:
    lines = [
        "[workshop]",
        'title = "华东区 2027 年度目标分解与计划制定工作坊（八组）"',
        'organization = "示例科技有限公司 华东区"',
        "date = 2026-12-05",
        'facilitator = "王老师"',
        'location = "上海"',
        'language = "zh"',
        f"roles = {ROLES!r}".replace("'", '"'),
        "",
    ]
    for name, members in zip(TEAMS, MEMBERS, strict=True):
        lines += ["[[teams]]", f"name = {_toml(name)}", "members = ["]
        for i, member in enumerate(members):
            role = f", role = {_toml(ROLES[i])}" if i < len(ROLES) else ""
            lines.append(f"  {{ name = {_toml(member)}{role} }},")
        lines += ["]", ""]
    lines += [
        "[[goals]]", 'id = "company"', 'statement = "2027年12月31日前华东区销售额达到2400万元"',
        'metric = "销售额"', 'unit = "万元"', "baseline = 2000", "target = 2400",
        "stretch = 2600", "deadline = 2027-12-31", "",
    ]
    for i, name in enumerate(TEAMS):
        target = 300 + 10 * i
        lines += [
            "[[goals]]", f'id = "team{i}"',
            f"statement = {_toml(f'2027年12月31日前{name}销售额达到{target}万元')}",
            'metric = "销售额"', 'unit = "万元"', f"baseline = {target - 50}",
            f"target = {target}", "deadline = 2027-12-31", 'parent = "company"',
            f"team = {_toml(name)}", "",
        ]
    return "\n".join(lines)


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _vision(doc: Workshop) -> None:
    months = vision_edits.add_cascade(doc, "company", "months")
    for i, weight in enumerate([6, 5, 8, 8, 9, 9, 8, 8, 9, 9, 10, 11]):
        vision_edits.set_weight(doc, months.id, i, weight)
    vision_edits.add_cascade(doc, "team0", "members")  # default label: 按人
    vision_edits.set_statement(doc, "华东区成为客户首选的服务商：每家VIP客户都有专人负责 🚀")
    vision_edits.set_agreed(doc, True, at=dt.datetime(2026, 12, 5, 2, 30, tzinfo=dt.UTC))
    for i, team in enumerate(doc.teams):
        card_edits.add_card(doc, "vision", f"客户主动来找我们续约（{team.name}）", team_id=team.id)
        if i == 2:
            card_edits.add_card(doc, "vision", "🚀 业绩翻番，马🚀云上台领奖", team_id=team.id)


def _review(doc: Workshop) -> None:
    review_edits.add_goal(doc, statement="2026年华东区销售额达到2200万元", unit="万元",
                          target=2200, actual=2000, outcome="missed",
                          note="下半年两家VIP客户流失")
    for i, team in enumerate(doc.teams):
        card_edits.add_card(doc, "review", f"亮点：{team.name}新开发客户{i + 3}家",
                            board="highlight", team_id=team.id)


def _charters(doc: Workshop) -> None:
    for i, team in enumerate(doc.teams):
        charter_edits.set_slogan(doc, team.id, f"{team.name}，说到做到！")
        for rule in ["准时开会，迟到发红包", "YES…AND：先肯定再补充", "不评判、不指责、不抱怨"]:
            charter_edits.add_item(doc, team.id, "rules", rule)
        charter_edits.add_item(doc, team.id, "rewards", "完成季度目标全组聚餐")
        charter_edits.add_item(doc, team.id, "penalties", "未完成周计划者做20个俯卧撑")
        charter_edits.set_accountability(doc, team.id, "每周一晨会由时间官检查上周承诺")
        for j, member in enumerate(team.members):
            charter_edits.set_decision(doc, team.id, member.id, True)
            pledge = f"我承诺每周拜访{j + 3}家客户，按时提交周报"
            if i == 0 and j == 0:
                pledge = "我承诺带领全组完成目标 🚀，每月第一个周一复盘"
            charter_edits.set_commitment(doc, team.id, member.id, pledge)


def _cocreate(doc: Workshop) -> list[str]:
    """Clusters named, voted and each given to a team; returns the cluster ids."""
    cocreate_edits.set_focus_question(doc, "为了实现2400万元的销售目标，我们要做的关键行动是什么？")
    ids = []
    for i, team in enumerate(doc.teams):
        first = card_edits.add_card(doc, "cocreate", WHATS[i % len(WHATS)], team_id=team.id)
        second = card_edits.add_card(doc, "cocreate", WHATS[(i + 3) % len(WHATS)],
                                     team_id=team.id)
        cluster = cocreate_edits.new_cluster(doc, [first.id, second.id])
        cocreate_edits.name_cluster(doc, cluster.id, f"策略{i + 1}：深耕客户 {team.name}")
        cocreate_edits.assign_team(doc, cluster.id, team.id)
        for _ in range(1 + i % 3):
            cocreate_edits.vote(doc, cluster.id, team.id)
        ids.append(cluster.id)
    doc.cocreate.phase = "model"
    return ids


def _plans(doc: Workshop, clusters: list[str]) -> dict[str, list[str]]:
    """Each team's actions, every field of the template; returns action ids by team."""
    made: dict[str, list[str]] = {}
    for i, team in enumerate(doc.teams):
        made[team.id] = []
        members = team.members
        for n in range(ACTIONS[i]):
            what = WHATS[n % len(WHATS)]
            if n >= len(WHATS):
                what = f"第二阶段：{what}"
            action = plan_edits.add_action(doc, what, strategy_id=clusters[i], team_id=team.id)
            measure, target = MEASURES[n % len(MEASURES)]
            owner = members[n % len(members)]
            checker = members[(n + 1) % len(members)]
            values = {
                "owner_id": owner.id, "checker_id": checker.id,
                "start": f"2027-{1 + n % 6:02d}-01", "due": f"2027-{6 + n % 7:02d}-28",
                "measure": measure, "target": target, "cadence": CADENCES[n % 3],
                "next_check": f"2027-{1 + n % 6:02d}-15",
                "support": "市场部提供客户名单" if n % 2 else "",
            }
            if n % 4 == 1:
                values.update({"resources": "每月交通补贴2000元", "obstacles": "客户排期难约",
                               "pdca_check": "每月月底由组长核对拜访记录"})
            if n % 5 == 2:
                values.update({"checker_id": None, "checker_role": "区域经理"})
            plan_edits.update_action(doc, action.id, values)
            if n % 4 == 3:
                plan_edits.set_status(doc, action.id, "doing")
            made[team.id].append(action.id)
    return made


def _townhall(doc: Workshop, actions: dict[str, list[str]]) -> None:
    for i, team in enumerate(doc.teams):
        ids = actions[team.id]
        asked = townhall_edits.add_challenge(
            doc, team.id, "VIP客户名单从哪里来？谁来保证拜访质量？", asker_kind="executive",
            asker="刘总", answer="市场部每月初提供名单；组长每周抽查两家")
        if ids:
            townhall_edits.change_action(doc, asked.id, ids[0], {
                "what": "每月拜访每家VIP客户一次，组长每周抽查两家并填写月访客户统计表"})
        townhall_edits.add_challenge(doc, team.id, "展会预算够吗？", asker_kind="peer",
                                     asker_team_id=doc.teams[(i + 1) % len(doc.teams)].id,
                                     answer="已申请 10 万元")
        decision = "approved" if i % 3 else "revise"
        note = "" if decision == "approved" else "把第3项的期限提前到6月底"
        townhall_edits.sign_off(doc, team.id, decision, note=note, by="刘总")
    townhall_edits.set_closing(doc, "各组计划已确认，1月第一周开始执行，每月复盘一次。", by="刘总")


def _summary(doc: Workshop) -> None:
    for team in doc.teams:
        card_edits.add_card(doc, "summary", f"{team.name}：目标要分解到人、到月", team_id=team.id)


def plan_for(doc: Workshop, team_index: int = 0, count: int = 10) -> list[str]:
    """`count` actions for the team at `team_index`, each owned by one member and checked
    by the next, dated inside the team goal's span (weeks before its deadline for a
    one-month goal, months for a year). Returns the action ids."""
    from workshop.methods.plan.actions import team_goal

    team = doc.teams[team_index]
    goal = team_goal(doc, team.id)
    deadline = goal.deadline if goal and goal.deadline else dt.date(2027, 12, 31)
    span = 24 if (deadline - doc.meta.date).days < 120 else 330
    made = []
    for n in range(count):
        action = plan_edits.add_action(doc, WHATS[n % len(WHATS)], team_id=team.id)
        measure, target = MEASURES[n % len(MEASURES)]
        start = max(deadline - dt.timedelta(days=span - (n * span) // (3 * count)),
                    doc.meta.date + dt.timedelta(days=1 + n))  # never before the workshop
        due = deadline - dt.timedelta(days=(n * span) // (2 * count))
        plan_edits.update_action(doc, action.id, {
            "owner_id": team.members[n % len(team.members)].id,
            "checker_id": team.members[(n + 1) % len(team.members)].id,
            "start": start.isoformat(), "due": due.isoformat(), "measure": measure,
            "target": target, "cadence": CADENCES[n % 3],
            "next_check": (start + dt.timedelta(days=7)).isoformat()})
        made.append(action.id)
    return made


def hostile_room(folder: Path | None = None) -> Workshop:
    """The eight-team workshop described at the top of this module. `folder` is where the
    scenario file is written (a temp folder by default)."""
    import tempfile

    folder = Path(folder or tempfile.mkdtemp(prefix="room-"))
    scenario = folder / "eight-teams.toml"
    scenario.write_text(_scenario_text(), encoding="utf-8")
    doc = load_scenario(scenario)
    _review(doc)
    _vision(doc)
    full_gaps(doc)
    _charters(doc)
    clusters = _cocreate(doc)
    actions = _plans(doc, clusters)
    _townhall(doc, actions)
    _summary(doc)
    return doc


def team_named(doc: Workshop, name: str):
    return next(team for team in doc.teams if team.name == name)
