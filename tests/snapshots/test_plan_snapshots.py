"""Steps 5 and 6 as the room sees them. Accept a change only after looking at the SVG
(``pytest --snapshot-update`` then open ``snapshot_report.html``)."""

from __future__ import annotations

import datetime as dt

import pytest

from planning import ready_action, shandong, with_strategies
from workshop import i18n
from workshop.edits import townhall as th
from workshop.model import Action
from workshop.store import Session


@pytest.fixture
def plan_app(tmp_path):
    """济南队's plan: ready actions, one vague and late, one waiting to be adopted; two
    questions in the town hall."""
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(step: str, lang: str = "zh", **kwargs) -> WorkshopApp:
        i18n.set_language(lang)
        doc = with_strategies(shandong())
        doc.meta.language = doc.room.language = lang
        ready_action(doc, "每月拜访每家VIP客户一次并填写月访客户统计表", member_index=0)
        ready_action(doc, "6月30日前举办VIP技术交流研讨会 [/oops] <b>&", member_index=1,
                     strategy_index=1)
        ready_action(doc, "提高拜访量", member_index=2, due=dt.date(2028, 1, 31))
        doc.plan.actions.append(Action(what="参加两次行业展会", team_id=doc.teams[0].id,
                                       goal_id="jinan",
                                       strategy_id=doc.cocreate.clusters[1].id))
        th.add_challenge(doc, doc.teams[0].id, "VIP客户名单从哪里来？", asker_kind="executive",
                         asker="刘总")
        th.add_challenge(doc, doc.teams[0].id, "展会预算够吗？", asker_kind="peer",
                         asker_team_id=doc.teams[1].id, answer="已申请 10 万")
        doc.room.step = step
        session = Session.create(doc, tmp_path / f"snap-{step}-{lang}.workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session, **kwargs)

    yield build
    for session in sessions:
        session.close()


@pytest.mark.parametrize(("lang", "size"), [("zh", (120, 36)), ("en", (80, 24))])
def test_plan_screen(snap_compare, plan_app, lang, size):
    assert snap_compare(plan_app("plan", lang), terminal_size=size, press=["down", "down"])


def test_town_hall_presentation(snap_compare, plan_app):
    assert snap_compare(plan_app("townhall"), terminal_size=(120, 36), press=["p"])
