"""Steps 3 and 4 as the room sees them: the clustering board, the vote with its tally, the
strategy model and a charter, at 80×24 (a laptop) and 200×60 (a projector). Accept a
change only after looking at the SVG."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop import i18n
from workshop.edits import charter as charter_edits
from workshop.edits import cocreate as edits
from workshop.edits.cards import add_card
from workshop.scenario import load_scenario
from workshop.store import Session

REPO = Path(__file__).resolve().parents[2]
SIZES = [(80, 24), (200, 60)]
IDEAS = ["每月拜访每家VIP客户一次", "建立客户分级档案", "举办VIP客户技术交流会", "参加两次行业展会",
         "展会期间办联谊座谈会", "新品上市前培训销售", "竞品降价时快速报价机制",
         "老客户转介绍奖励 [/oops] <b>&", "每周复盘拜访转化率", "售后服务48小时响应"]


@pytest.fixture
def workshop_app(tmp_path):
    """The app on the Shandong scenario at step 4 (or 3) in the given phase."""
    from workshop.tui.app import WorkshopApp

    sessions: list[Session] = []

    def build(phase: str, step: str = "cocreate", lang: str = "zh") -> WorkshopApp:
        i18n.set_language(lang)
        doc = load_scenario(REPO / "scenarios" / "shandong-sales.toml")
        doc.room.step = step  # type: ignore[assignment]
        doc.room.language = lang  # type: ignore[assignment]
        teams = [team.id for team in doc.teams]
        doc.room.turn.team_id = teams[1]
        cards = [add_card(doc, "cocreate", text, team_id=teams[i % 3]).id
                 for i, text in enumerate(IDEAS)]
        doc.room.turn.cards_this_turn = 0
        visits = edits.new_cluster(doc, [cards[0], cards[1], cards[8]])
        shows = edits.new_cluster(doc, [cards[2], cards[3], cards[4]])
        training = edits.new_cluster(doc, [cards[5], cards[9]])
        if phase in ("vote", "model"):
            edits.name_cluster(doc, visits.id, "建立VIP客户分级拜访制度")
            edits.name_cluster(doc, shows.id, "办好技术交流会和行业展会")
            edits.name_cluster(doc, training.id, "提升销售团队的产品能力")
            for team, cluster in [(0, shows), (0, shows), (0, visits), (2, visits),
                                  (2, training)]:
                edits.vote(doc, cluster.id, teams[team])
            edits.assign_team(doc, shows.id, teams[0])
        doc.cocreate.phase = phase  # type: ignore[assignment]
        team = doc.teams[0]
        charter_edits.set_slogan(doc, team.id, "齐心协力，七百万必达！")
        for i, member in enumerate(team.members[:3]):
            charter_edits.set_decision(doc, team.id, member.id, True)
            charter_edits.set_commitment(doc, team.id, member.id, f"每周拜访 {i + 3} 家VIP客户")
        charter_edits.set_decision(doc, team.id, team.members[3].id, False)
        charter_edits.add_item(doc, team.id, "rewards", "季度达标，全队聚餐")
        charter_edits.add_item(doc, team.id, "penalties", "周报迟交，罚做 20 个俯卧撑")
        session = Session.create(doc, tmp_path / f"{step}-{phase}-{lang}.workshop.json")
        sessions.append(session)
        return WorkshopApp(session=session)

    yield build
    for session in sessions:
        session.close()


@pytest.mark.parametrize("size", SIZES)
def test_clustering_board(snap_compare, workshop_app, size):
    async def mark_one(pilot):
        await pilot.pause()
        await pilot.press("space")  # a marked card shows its tick
        await pilot.pause()

    assert snap_compare(workshop_app("cluster"), terminal_size=size, run_before=mark_one)


@pytest.mark.parametrize("size", SIZES)
def test_voting_with_the_tally(snap_compare, workshop_app, size):
    assert snap_compare(workshop_app("vote"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_strategy_model(snap_compare, workshop_app, size):
    assert snap_compare(workshop_app("model"), terminal_size=size)


def test_strategy_model_in_english(snap_compare, workshop_app):
    assert snap_compare(workshop_app("model", lang="en"), terminal_size=(200, 60))


@pytest.mark.parametrize("size", SIZES)
def test_charter(snap_compare, workshop_app, size):
    assert snap_compare(workshop_app("cluster", step="charter"), terminal_size=size)
