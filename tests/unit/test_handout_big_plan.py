"""A team with a big plan (60 actions): the commitment page names each member's actions
by number, on a line of its own under the member, so the charter, its signatures and the
leader's sign-off stay on one page after the plan's pages (issue 15)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from pdftools import glyphs, overlapping, page_texts, require_cjk_font
from room_factory import WHATS, plan_for
from workshop.export import export
from workshop.export.pdf.handout_commitment import number_items
from workshop.model import Workshop
from workshop.scenario import load_scenario

DEMO = Path(str(resources.files("workshop.data").joinpath("demo.toml")))


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Workshop, list[str], Path]:
    """The demo's first team with 60 actions, its handout exported: the pages' text."""
    require_cjk_font()
    doc = load_scenario(DEMO)
    plan_for(doc, 0, 60)
    path = export(doc, "pdf", out=tmp_path_factory.mktemp("big"),
                  teams=[doc.teams[0].name]).paths[-1]
    return doc, page_texts(path), path


def test_the_commitment_of_a_sixty_action_team_is_one_page_after_the_plan(big):
    _doc, pages, path = big
    commitment = [i for i, text in enumerate(pages) if "我们的承诺" in text]
    assert commitment == [len(pages) - 1], len(pages)  # 5 pages of plan, then 1
    last = squash(pages[-1])
    assert "领导签批" in last and "领导签字" in last and "城镇会议上改变了本计划的决定" in last
    assert all(not overlapping(page) for page in glyphs(path))


def test_members_actions_are_listed_by_number_not_by_text(big):
    doc, pages, _path = big
    last = squash(pages[-1])
    team = doc.teams[0]
    actions = [a for a in doc.plan.actions if a.team_id == team.id]
    assert len(actions) == 60
    for member in team.members:
        owns = [str(n) for n, a in enumerate(actions, 1) if a.owner_id == member.id]
        checks = [str(n) for n, a in enumerate(actions, 1) if a.checker_id == member.id]
        # each list whole and in order: no number cut in two by a narrow column
        assert "负责：行动" + "、".join(owns) in last, member.name
        assert "检查：行动" + "、".join(checks) in last, member.name
    for what in WHATS:  # the actions' text is on the plan pages only
        assert squash(what)[:12] not in last
        assert squash(what)[:12] in squash("".join(pages[:-1]))


def test_numbers_in_a_row_print_as_a_range():
    assert number_items([7, 1, 2, 3, 4, 9, 10]) == ["1–4", "7", "9", "10"]
    assert number_items([5]) == ["5"] and number_items([]) == []
