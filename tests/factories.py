"""Test data shared by every test folder: paths and a small workshop document.

A module of its own (not conftest) so tests can import it by name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workshop.model import Goal, Member, Meta, Team, Workshop

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "scenarios"
SHARED = REPO.parent / "shared"


def make_doc(teams: int = 2, members: int = 3, lang: str = "zh") -> Workshop:
    """A workshop with `teams` teams of `members` people and one company goal."""
    names = ["济南队", "青岛队", "烟台队", "潍坊队", "临沂队", "淄博队", "威海队", "日照队",
             "德州队", "聊城队"]
    doc = Workshop(
        meta=Meta(title="山东区 2027 年度目标分解工作坊", organization="示例科技 山东区",
                  date=dt.date(2026, 12, 5), facilitator="王老师", language=lang),
        teams=[
            Team(name=names[i],
                 members=[Member(name=f"{names[i][:2]}成员{j + 1}") for j in range(members)])
            for i in range(teams)
        ],
    )
    doc.vision.goals.append(
        Goal(id="company", statement="2027年12月31日前山东区销售额达到700万元", metric="销售额",
             unit="万元", baseline=560, floor=560, target=700, deadline=dt.date(2027, 12, 31))
    )
    return doc


ODD_TEAM_NAMES = ("[/oops]队", "<b>&队", "🚀火箭队", "华东区大客户事业部第二销售攻坚小组联合队",
                  "Alpha Team", "猛虎队", "雄鹰队", "济南队")
"""Eight team names a real room brings: markup look-alikes, an emoji, a 20-character name,
English."""


def odd_room_doc(lang: str = "zh") -> Workshop:
    """The workshop of ``make_doc`` with eight teams named as in ``ODD_TEAM_NAMES``, five
    members each (one named like markup, one with a long name)."""
    doc = make_doc(teams=8, members=5, lang=lang)
    for team, name in zip(doc.teams, ODD_TEAM_NAMES, strict=True):
        team.name = name
    doc.teams[0].members[0].name = "王[b]强[/b]"
    doc.teams[1].members[1].name = "欧阳·司马长风"
    return doc
