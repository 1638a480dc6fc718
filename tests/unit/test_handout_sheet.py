"""The handout as people meet it on the wall: two A4 pages for a ten-action plan, every
action with its owner, its checker, its due date and its measure in the text, every font
embedded, no glyph outside the margins or over another, nothing on page 1 smaller than
9 pt, and no character that silently vanishes.

Checked for the demo, every shipped scenario (its first team given ten actions through
the plan's edits) and the eight-team room of ``room_factory`` (hostile names, emoji,
plans of 2, 10 and 20 actions).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from factories import SCENARIOS, make_doc
from pdftools import (
    Glyph,
    glyphs,
    outside,
    overlapping,
    page_count,
    pdf_text,
    plumber_text,
    require_cjk_font,
    unembedded_fonts,
)
from room_factory import ACTIONS, TEAMS, hostile_room, plan_for
from workshop.edits import charter as charter_edits
from workshop.edits import cocreate as cocreate_edits
from workshop.edits.cards import add_card
from workshop.export import export, fonts
from workshop.export.pdf import handout_plan, rtl
from workshop.export.pdf.styles import HANDOUT_MARGINS, PAGE_HEIGHT, PAGE_WIDTH
from workshop.methods.plan.actions import team_goal
from workshop.model import Workshop
from workshop.scenario import load_scenario

EDGE = 8 * 72 / 25.4
"""Header and footer stay 8 mm inside the paper's top and bottom edges."""
UNKNOWN = "\U0001FAE8"
"""🫨 (Unicode 15): no font installed here has it."""


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> tuple[Workshop, dict[str, Path], list[str]]:
    """The eight-team room exported: the report and every handout, and the warnings."""
    require_cjk_font()
    folder = tmp_path_factory.mktemp("room")
    doc = hostile_room(folder)
    result = export(doc, "pdf", out=folder / "pdf", all_teams=True)
    report, *handouts = result.paths
    return doc, {"report": report, **dict(zip(TEAMS, handouts, strict=True))}, result.warnings


DEMO = Path(str(resources.files("workshop.data").joinpath("demo.toml")))
"""The scenario ``workshop demo`` opens."""


def _scenario_paths() -> list[Path]:
    return [DEMO, *sorted(SCENARIOS.glob("*.toml"))]


@pytest.fixture(scope="module", params=_scenario_paths(),
                ids=lambda p: "demo" if p == DEMO else p.stem)
def scenario(request, tmp_path_factory) -> tuple[Workshop, list[Path]]:
    """A shipped scenario whose first team has ten actions, every handout exported."""
    require_cjk_font()
    doc = load_scenario(request.param)
    plan_for(doc, 0, 10)
    folder = tmp_path_factory.mktemp(request.param.stem)
    return doc, export(doc, "pdf", out=folder, all_teams=True).paths[1:]


# -- reading the sheet's columns -------------------------------------------------------------

def column(path: Path, index: int) -> str:
    """Column `index` of the action table, read line by line down every page (squashed)."""
    widths = list(handout_plan.ACTION_COLUMNS)
    widths[1] = HANDOUT_MARGINS.width - sum(widths)
    left = HANDOUT_MARGINS.left + sum(widths[:index])
    right = left + widths[index]
    out = []
    for page in glyphs(path):
        inside = sorted((g for g in page if left - 0.5 <= g.x0 < right - 0.5),
                        key=lambda g: (g.top, g.x0))
        lines: list[list[Glyph]] = []
        for g in inside:  # glyphs of fallback fonts sit a little higher or lower
            if lines and abs(lines[-1][0].top - g.top) < 4:
                lines[-1].append(g)
            else:
                lines.append([g])
        out += ["".join(g.text for g in sorted(line, key=lambda g: g.x0)) for line in lines]
    return squash("".join(out))


def as_drawn(name: str) -> str:
    """`name` as a column reads it, left to right: an Arabic name from its last letter
    (test_rtl_pdf checks that it is drawn from the right)."""
    return squash(rtl.display(name))


def check_actions_on_sheet(doc: Workshop, team_index: int, path: Path) -> None:
    """Every action of the team: its text, owner, checker, due date, measure and target
    are printed in their columns."""
    team = doc.teams[team_index]
    actions = [a for a in doc.plan.actions if a.team_id == team.id]
    assert actions
    what, owner, checker = column(path, 1), column(path, 2), column(path, 3)
    dates, measure = column(path, 4), column(path, 5)
    # the plan's year (its goal's deadline, else the year most dates fall in) heads the
    # dates column; a date in it prints as MM-DD
    goal = team_goal(doc, team.id)
    years = Counter(d.year for a in actions for d in (a.start, a.due, a.next_check) if d)
    year = goal.deadline.year if goal and goal.deadline else years.most_common(1)[0][0]
    assert str(year) in dates[:40]
    for action in actions:
        assert squash(action.what) in what, action.what
        assert as_drawn(doc.member(action.owner_id)[1].name) in owner, action.what
        found = doc.member(action.checker_id)
        who = found[1].name if found else action.checker_role
        assert who and as_drawn(who) in checker, (action.what, who)
        due = action.due.strftime("%m-%d") if action.due.year == year else action.due.isoformat()
        assert due in dates, (action.what, due)
        assert squash(action.measure) in measure and squash(action.target) in measure


def check_print(path: Path) -> None:
    """Fonts embedded; every glyph inside the margins; no glyph over another; page 1 in
    9 pt or more."""
    assert unembedded_fonts(path) == [], path.name
    pages = glyphs(path)
    for number, page in enumerate(pages, 1):
        stray = outside(page, HANDOUT_MARGINS.left, PAGE_WIDTH - HANDOUT_MARGINS.right, EDGE,
                        PAGE_HEIGHT - EDGE)
        assert not stray, (path.name, number, stray[:3])
        clash = overlapping(page)
        assert not clash, (path.name, number, clash[:2])
    assert round(min(g.size for g in pages[0] if g.text.strip()), 3) >= 9, path.name


# -- the room -----------------------------------------------------------------------------------

def test_a_ten_action_team_is_two_pages_and_twenty_take_three(room):
    doc, paths, _ = room
    for index, name in enumerate(TEAMS):
        pages = page_count(paths[name])
        if ACTIONS[index] <= 10:
            assert pages == 2, (name, ACTIONS[index], pages)
        else:
            assert pages <= 3, (name, pages)
    assert ACTIONS[0] == 10 and len(doc.teams[0].members) == 8  # the fullest team fits too


def test_every_action_owner_checker_due_date_and_measure_is_on_the_sheet(room):
    doc, paths, _ = room
    for index, name in enumerate(TEAMS):
        check_actions_on_sheet(doc, index, paths[name])


def test_the_room_prints_cleanly(room):
    _doc, paths, _ = room
    for name in TEAMS:
        check_print(paths[name])
    assert unembedded_fonts(paths["report"]) == []


def test_hostile_names_print_as_typed(room):
    _doc, paths, warnings = room
    text = plumber_text(paths["🚀火箭队"])
    for name in ("🚀火箭队", "许多多"):
        assert name in text, name
    # drawn from the right (test_rtl_pdf checks where), read back as typed by pypdf
    assert "مريم" in pdf_text(paths["🚀火箭队"])
    assert "马🚀云" in plumber_text(paths["[/oops]队"])  # on the goal line and the charter
    assert "<b>&队" in plumber_text(paths["<b>&队"]) and "Zoë Ǧürsel" in plumber_text(
        paths["<b>&队"])
    assert "华东区大客户销售与渠道拓展第一突击小分队" in squash(plumber_text(paths[TEAMS[3]]))
    assert warnings == []  # DejaVu and Symbola have every character of the room


def test_page_two_is_the_commitment_with_signatures_and_decisions(room):
    doc, paths, _ = room
    page_two = squash(plumber_text(paths["[/oops]队"]).split("\f")[1])
    assert page_two.startswith(squash("华东区 2027")) and "我们的承诺" in page_two
    for member in doc.teams[0].members:  # all eight sign on the page of their pledges
        assert squash(member.name) in page_two
    assert page_two.count("我承诺") == 8 and "签名" in page_two
    assert "领导签批" in page_two and "领导签字" in page_two
    assert "城镇会议上改变了本计划的决定" in page_two and "行动1" in page_two


# -- the demo and the shipped scenarios -----------------------------------------------------------

def test_every_scenario_prints_two_clean_pages_per_team(scenario):
    doc, paths = scenario
    assert len(paths) == len(doc.teams)
    for path in paths:
        assert page_count(path) == 2, path.name
        check_print(path)
    check_actions_on_sheet(doc, 0, paths[0])


# -- characters no font has --------------------------------------------------------------------

def test_a_character_no_font_has_prints_as_a_box_and_the_export_names_the_text(tmp_path):
    require_cjk_font()
    doc = load_scenario(DEMO)
    team = doc.teams[0]
    charter_edits.set_role(doc, team.id, team.members[1].id, "时间官")
    team.members[1].name = f"王{UNKNOWN}五"
    result = export(doc, "pdf", out=tmp_path, teams=[team.name])
    text = plumber_text(result.paths[0])
    assert "王□五" in text
    (warning,) = result.warnings
    assert f"王{UNKNOWN}五" in warning and "U+1FAE8" in warning and "□" in warning


def test_without_fallback_fonts_an_emoji_is_a_box_and_a_warning_never_gone(
        tmp_path, monkeypatch):
    require_cjk_font()
    monkeypatch.setattr(fonts, "FALLBACK_FONTS", ())
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    assert fonts.fallback_fonts() == ()
    doc = load_scenario(DEMO)
    doc.teams[0].members[0].name = "马🚀云"
    result = export(doc, "pdf", out=tmp_path, teams=[doc.teams[0].name])
    text = plumber_text(result.paths[0])
    assert "马□云" in text and "马云" not in text
    assert any("马🚀云" in w and "U+1F680" in w for w in result.warnings)


def test_the_sheet_for_a_month_ticks_by_week():
    """A one-month goal (the shop's February) gets a tick box per week, labelled by the
    week's Monday; a year gets one per month, at most twelve."""
    from workshop.report.plan import MilestoneRow

    feb = handout_plan.check_periods([], [MilestoneRow("2027-02", "", "")], "zh")
    assert [p.label for p in feb] == ["2/1", "2/8", "2/15", "2/22"]  # 2027-02-01 is a Monday
    year = handout_plan.check_periods([], [MilestoneRow("2027-01", "", ""),
                                           MilestoneRow("2027-12", "", "")], "zh")
    assert [p.label for p in year] == [f"{m}月" for m in range(1, 13)]
    assert year[0].first == dt.date(2027, 1, 1) and year[-1].last == dt.date(2027, 12, 31)


def test_the_print_checks_catch_what_they_look_for():
    """The geometry checks above are not vacuous: a glyph past the margin and two lines
    drawn over each other are found."""
    line = [Glyph("目", 100, 110, 200, 210, 10, "F"), Glyph("标", 110, 120, 200, 210, 10, "F")]
    assert overlapping(line) == []  # side by side is fine
    clash = Glyph("行", 104, 114, 205, 215, 10, "F")
    assert overlapping([*line, clash]) == [(line[0], clash), (line[1], clash)]
    stray = Glyph("x", 560, 566, 300, 310, 10, "F")
    assert outside([*line, stray], 42.5, 552.8, 22.7, 819.2) == [stray]


# -- shared with the report ---------------------------------------------------------------------

FOOTER_TOP = PAGE_HEIGHT - 17 * 72 / 25.4
"""Below this (points from the top) are only the footer's rule and line."""


def stranded_headings(path: Path) -> list[tuple[int, str]]:
    """(page, text) of every page whose last line above the footer is set in a heading's
    size (12 pt and up): a heading left at the foot of a page without what it heads."""
    found = []
    pages = glyphs(path)
    for number, page in enumerate(pages[:-1], 1):  # the last page may end anyhow
        body = [g for g in page if g.text.strip() and g.bottom < FOOTER_TOP]
        if not body:
            continue
        last = max(g.top for g in body)
        line = sorted((g for g in body if abs(g.top - last) < 4), key=lambda g: g.x0)
        if min(g.size for g in line) >= 12:
            found.append((number, "".join(g.text for g in line)))
    return found


def test_no_heading_is_left_at_the_foot_of_a_page(room, tmp_path):
    doc, paths, _ = room
    assert stranded_headings(paths["report"]) == []
    for name in TEAMS[:3]:
        (path,) = export(doc, "pdf", out=tmp_path, teams=[name], appendix=True).paths
        assert stranded_headings(path) == [], name


def test_the_report_links_town_hall_changes_by_number_and_titles_in_whole_words(room):
    _doc, paths, _ = room
    text = squash(plumber_text(paths["report"]))
    assert "计划已修改" in text and "→行动1" in text
    # the changed action's text is in the plan, not copied into the narrow outcome cell
    assert "→行动1：" not in text
    cover = plumber_text(paths["report"]).split("\f")[0].splitlines()
    assert any(line.strip() == "年度目标分解与计划制定工作坊（八组）" for line in cover)
    assert "（UTC）" not in text and "按人·按人" not in text


def test_the_appendix_shows_pest_swot_and_tows_as_grids(room, tmp_path):
    doc, _paths, _ = room
    (path,) = export(doc, "pdf", out=tmp_path, teams=[TEAMS[0]], appendix=True).paths
    text = squash(plumber_text(path))
    for card in ("环保政策趋严", "品牌在山东认知度高", "借品牌优势开拓县域市场"):
        assert card in text
    assert "PEST分析" in text and "TOWS" in text
    assert "政治P·1张卡片" not in text  # no board of one card, as the old handout had
    appendix = text[text.index("附录"):]
    steps = [appendix.find(step) for step in ("第一步", "第二步", "第三步", "第四步", "第五步",
                                              "第六步")]
    assert -1 not in steps and steps == sorted(steps)  # no step skipped, in order


def test_a_heading_before_a_board_that_moves_on_moves_with_it(tmp_path):
    """With 29 strategies, the report's '各类卡片' heading used to end page 6 while its
    first board (which asks for 30 mm) started page 7."""
    require_cjk_font()
    doc = make_doc()
    doc.cocreate.focus_question = "为了实现700万元的销售目标，我们要做的关键行动是什么？"
    ids = [add_card(doc, "cocreate", f"想法{i}：每月拜访VIP客户", team_id=doc.teams[i % 2].id).id
           for i in range(58)]
    for j in range(29):
        cluster = cocreate_edits.new_cluster(doc, ids[2 * j:2 * j + 2])
        cocreate_edits.name_cluster(doc, cluster.id, f"策略{j + 1}：建立客户分级拜访制度")
    (path,) = export(doc, "pdf", out=tmp_path).paths
    assert stranded_headings(path) == []
    assert "各类卡片" in plumber_text(path)
