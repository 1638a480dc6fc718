"""The big room of issue 16: ten teams with awkward names, 2,000 co-create cards, 400 gap
cards with fishbones, 300 actions, every step of the day filled in and a check-in held,
built through the project's own edits.

It is ``bench/realistic.py``'s room (issue 17) with the teams renamed the way a team
renames itself on the charter board: markup (``[/oops]队``, ``[@click=app.quit]队``),
``<b>&队``, emoji, two twenty-character names that differ only in their 14th character
(cut them short and the room cannot tell them apart), plain English. Then what the
realistic room leaves empty: last year's goals and review cards, vision cards, the town
hall's questions and sign-offs, summary cards and a check-in.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from workshop.edits import cards as card_edits
from workshop.edits import charter as charter_edits
from workshop.edits import checkin as checkin_edits
from workshop.edits import review as review_edits
from workshop.edits import townhall as townhall_edits
from workshop.edits import vision as vision_edits
from workshop.model import Workshop
from workshop.store import Session, dumps, load

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from realistic import build

TEAMS = ["[/oops]队", "<b>&队", "🚀火箭队", "华东区大客户销售与渠道拓展第一突击小分队",
         "华东区大客户销售与渠道拓展第二突击小分队", "Alpha Team", "[@click=app.quit]队",
         "济南队", "🎯目标 & 青岛", "Team Ω"]
"""Ten names; the fourth and fifth are twenty characters and differ only in 第一/第二."""


def _review(doc: Workshop) -> None:
    review_edits.add_goal(doc, statement="2026年山东区销售额达到6000万元", unit="万元",
                          target=6000, actual=5600, outcome="missed",
                          note="下半年两家VIP客户流失 [/oops]")
    review_edits.add_goal(doc, statement="2026年新开发客户120家", unit="家", target=120,
                          actual=131, outcome="met")
    for i, team in enumerate(doc.teams):
        for board in ("highlight", "improve", "lesson"):
            card_edits.add_card(doc, "review", f"{team.name}：新开发客户{i + 3}家（{board}）",
                                board=board, team_id=team.id)


def _vision_cards(doc: Workshop) -> None:
    # agreed at a fixed time (the realistic room takes the time it was built): the
    # snapshots show it
    vision_edits.set_agreed(doc, True, at=dt.datetime(2026, 12, 5, 2, 30, tzinfo=dt.UTC))
    for team in doc.teams:
        card_edits.add_card(doc, "vision", f"客户主动来找我们续约（{team.name}）", team_id=team.id)


def _townhall(doc: Workshop) -> None:
    for i, team in enumerate(doc.teams):
        townhall_edits.add_challenge(
            doc, team.id, "VIP客户名单从哪里来？谁来保证拜访质量？", asker_kind="executive",
            asker="刘总", answer="市场部每月初提供名单；组长每周抽查两家")
        townhall_edits.add_challenge(doc, team.id, "展会预算够吗？ <b>&", asker_kind="peer",
                                     asker_team_id=doc.teams[(i + 1) % len(doc.teams)].id)
        if i % 2:
            townhall_edits.sign_off(doc, team.id, "approved" if i % 3 else "revise",
                                    note="把第3项的期限提前到6月底", by="刘总")
    townhall_edits.set_closing(doc, "各组计划已确认，1月第一周开始执行，每月复盘一次。", by="刘总")


def _summary(doc: Workshop) -> None:
    for team in doc.teams:
        card_edits.add_card(doc, "summary", f"{team.name}：目标要分解到人、到月", team_id=team.id)


def _checkin(doc: Workshop) -> None:
    checkin = checkin_edits.new_checkin(doc, dt.date(2027, 2, 14), dt.date(2027, 2, 1),
                                        dt.date(2027, 2, 28))
    for n, action in enumerate(doc.plan.actions[:40]):
        checkin_edits.check_action(doc, checkin.id, action.id, percent=(n * 10) % 100,
                                   done=f"已拜访{n}家 [/i]" if n % 3 == 0 else None)
    doc.room.checkin_id = checkin.id


def big_room(cards: int = 2000) -> Workshop:
    """The room described at the top of this module."""
    doc = build(cards)
    for team, name in zip(doc.teams, TEAMS, strict=True):
        charter_edits.rename_team(doc, team.id, name)
    _review(doc)
    _vision_cards(doc)
    _townhall(doc)
    _summary(doc)
    _checkin(doc)
    return doc


def save_big_room(folder: Path) -> Path:
    """The big room saved as a session file in `folder`: build it once, open copies."""
    path = folder / "big.workshop.json"
    path.write_text(dumps(big_room()), encoding="utf-8")
    return path


def session_at(saved: Path, folder: Path, step: str, *, lang: str | None = None,
               phase: str | None = None) -> Session:
    """A copy of the saved room in `folder`, opened at `step` (in `lang`, the co-create
    wall at `phase`)."""
    doc = load(saved)
    doc.room.step = step
    doc.cocreate.phase = phase or doc.cocreate.phase
    if lang:
        doc.meta.language = doc.room.language = lang
    return Session.create(doc, folder / f"big-{step}-{lang}-{phase}.workshop.json")
