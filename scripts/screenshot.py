"""Make docs/screenshot.svg: the demo workshop at the co-create step, clustered, named
and voted, as the room sees it.

Run:  .venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

IDEAS = [
    "VIP 客户每月拜访一次，建立拜访档案",
    "每季度举办一次客户技术交流会",
    "新品上市前先在济南做试点",
    "帮助经销商出货，做直接用户的工作",
    "售后服务 24 小时响应",
    "参加两次行业展会，安排联谊座谈",
    "用公司网站和网络检索发现销售线索",
    "新员工跟老员工结对，一季度内独立拜访",
]


async def main() -> None:
    from workshop.edits import cocreate as cocreate_edits
    from workshop.edits.cards import add_card
    from workshop.scenario import load_scenario
    from workshop.store import Session
    from workshop.tui.app import WorkshopApp

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WORKSHOP_DATA_DIR"] = str(Path(tmp) / "data")
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = "cocreate"
        teams = [team.id for team in doc.teams]
        cards = [add_card(doc, "cocreate", text, team_id=teams[i % len(teams)]).id
                 for i, text in enumerate(IDEAS)]
        groups = {"建立VIP客户分级拜访制度": [0, 4, 7], "办好技术交流会和行业展会": [1, 5],
                  "新品试点与渠道出货": [2, 3]}
        for name, members in groups.items():
            cluster = cocreate_edits.new_cluster(doc, [cards[i] for i in members])
            cocreate_edits.name_cluster(doc, cluster.id, name)
        clusters = [c.id for c in doc.cocreate.clusters]
        for team, picks in zip(teams, [[0, 0, 1], [0, 1, 2], [1, 0, 0]], strict=True):
            for pick in picks:
                cocreate_edits.vote(doc, clusters[pick], team, None)
        cocreate_edits.set_phase(doc, "vote")
        session = Session.create(doc, Path(tmp) / "demo.workshop.json")
        app = WorkshopApp(session=session)
        async with app.run_test(size=(120, 34)) as pilot:
            await pilot.pause()
            app.save_screenshot(filename="screenshot.svg", path=str(REPO / "docs"))
        session.close()
    print(REPO / "docs" / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
