"""The co-creation step outside clustering: the focus question's draft, phases, settings,
pulling in step 2's TOWS ideas and root causes, the report and the stepper badge."""

from __future__ import annotations

import pytest

from cocreate_factory import brainstormed, clustered, voted, with_gaps
from factories import make_doc
from workshop.edits import EditError
from workshop.edits import cocreate as edits
from workshop.edits.cards import add_card
from workshop.methods.cocreate import focus as method
from workshop.methods.progress import step_status
from workshop.report import build_report


def test_the_draft_comes_from_the_goal_and_the_key_gaps():
    doc = make_doc()
    assert method.draft_focus_question(doc, "zh") == \
        "为了实现700万元的销售额目标，我们要做的关键行动是什么？"
    with_gaps(doc)
    assert method.draft_focus_question(doc, "zh") == (
        "为了实现700万元的销售额目标，弥补“两家VIP客户流失，原因没有复盘”等关键差距，"
        "我们要做的关键行动是什么？")
    assert method.draft_focus_question(doc, "en").startswith(
        "What are the key actions we must take to reach the 700 万元 销售额 target")
    doc.vision.goals.clear()
    assert "共同愿景" in method.draft_focus_question(doc, "zh")


def test_leaving_the_focus_phase_takes_the_draft_and_clustering_reveals_hidden_cards():
    doc = make_doc()
    add_card(doc, "cocreate", "隐藏的想法", team_id=doc.teams[0].id, hidden=True)
    assert edits.set_phase(doc, "brainstorm") == 0
    assert doc.cocreate.focus_question.startswith("为了实现700万元")
    assert doc.cocreate.cards[0].hidden  # still hidden while brainstorming
    assert edits.set_phase(doc, "cluster") == 1
    assert not doc.cocreate.cards[0].hidden
    edits.set_focus_question(doc, "  我们的\x1b[1m焦点问题？ ")
    assert doc.cocreate.focus_question == "我们的焦点问题？"
    with pytest.raises(EditError):
        edits.set_phase(doc, "party")  # type: ignore[arg-type]


def test_settings_refuse_what_makes_no_sense():
    doc = make_doc()
    assert edits.set_cap(doc, 3) == 3
    assert edits.set_cap(doc, None) is None
    with pytest.raises(EditError):
        edits.set_cap(doc, 0)
    with pytest.raises(EditError):
        edits.set_dots_per(doc, "everyone")


def test_pulling_in_tows_ideas_and_root_causes_once():
    doc = with_gaps(make_doc())
    found = method.sources(doc)
    assert [(s.kind, s.text) for s in found] == [
        ("tows", "抓住新区域市场扩张机会"),
        ("tows", "用技术服务抵御低价竞争"),
        ("cause", "拜访计划靠个人习惯"),
        ("cause", "没人负责客户档案"),
        ("why", "需求变更没有评审"),
    ]
    added = edits.pull_sources(doc, ["tows"])
    assert [c.text for c in added] == ["抓住新区域市场扩张机会", "用技术服务抵御低价竞争"]
    assert added[0].team_id == doc.teams[1].id and added[0].board == "idea"
    assert len(method.pending_sources(doc)) == 3
    edits.pull_sources(doc)
    assert len(doc.cocreate.cards) == 5
    with pytest.raises(EditError, match="没有可以拉入"):
        edits.pull_sources(doc)
    # a pulled card that was deleted can be pulled again
    doc.cocreate.cards = doc.cocreate.cards[1:]
    assert [s.text for s in method.pending_sources(doc)] == ["抓住新区域市场扩张机会"]


def test_stepper_badge_counts_clusters_without_a_name():
    doc = clustered(named=False)
    assert step_status(doc)["cocreate"].todo == 3
    edits.name_cluster(doc, doc.cocreate.clusters[0].id, "建立拜访制度")
    assert step_status(doc)["cocreate"].todo == 2
    assert step_status(make_doc())["cocreate"].has_content is False


def test_report_orders_strategies_and_lists_every_card():
    doc = voted()
    part = build_report(doc, "zh").step("cocreate")
    assert part.focus_question == doc.cocreate.focus_question
    assert part.goal == "2027年12月31日前山东区销售额达到700万元"
    assert [(row.rank, row.name, row.votes) for row in part.pillars] == [
        (1, "办好技术交流会和行业展会", 3), (2, "建立VIP客户分级拜访制度", 2),
        (3, "提升销售团队的产品能力", 1)]
    assert [d.dots for d in part.pillars[0].by_team] == [2, 1]
    cards = [c.text for row in part.clusters for c in row.cards] + [c.text for c in part.loose]
    assert sorted(cards) == sorted(c.text for c in doc.cocreate.cards)
    assert [c.text for c in part.loose] == ["竞品降价时快速报价机制",
                                            "老客户转介绍奖励 [/oops] <b>&"]
    assert part.total_votes == 6


def test_report_puts_unnamed_clusters_after_the_strategies():
    doc = clustered(named=False)
    edits.name_cluster(doc, doc.cocreate.clusters[2].id, "提升产品能力")
    part = build_report(doc, "zh").step("cocreate")
    assert [row.name for row in part.clusters] == ["提升产品能力", "", ""]
    assert [row.rank for row in part.clusters] == [1, 2, 3]
    assert [row.name for row in part.pillars] == ["提升产品能力"]


def test_an_empty_step_has_no_content():
    part = build_report(brainstormed(), "zh").step("cocreate")
    assert part.has_content and not part.pillars
    assert not build_report(make_doc(), "zh").step("cocreate").has_content
