"""Step 1 and the review in the report, the handouts and the Markdown: the text a reader
gets (pypdf) and the pages rendered (pdftoppm)."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import SCENARIOS
from pdftools import page_count, pdf_text, render_gray, require_cjk_font, require_pdftoppm
from workshop.edits import vision as edits
from workshop.edits.cards import add_card
from workshop.export import export
from workshop.export.markdown import render as render_md
from workshop.export.markdown import unescape
from workshop.report import build_report
from workshop.scenario import load_scenario

MARKUP = "<b>&[/oops] 不是标记"


def shandong():
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    edits.set_statement(doc, "每家VIP客户每月都见到我们\n新品上市一个月内进入三家VIP客户")
    edits.set_agreed(doc, True, dt.datetime(2026, 12, 5, 2, 30, tzinfo=dt.UTC))
    add_card(doc, "vision", "客户主动介绍新客户", team_id=doc.teams[0].id)
    add_card(doc, "review", "每个活动都要有负责人", board="lesson", team_id=doc.teams[1].id)
    return doc


def flat(text: str) -> str:
    """PDF text without the line breaks a table cell wraps at."""
    return text.replace("\n", "")


@pytest.fixture(scope="module")
def shandong_pdfs(tmp_path_factory):
    require_cjk_font()
    out = tmp_path_factory.mktemp("shandong")
    result = export(shandong(), "pdf", all_teams=True, out=out, appendix=True)
    return {p.stem.split("-")[-2] if p.stem.endswith("行动计划") else "report": p
            for p in result.paths}


def test_report_has_the_review_the_goal_tree_smart_tables_cascades(shandong_pdfs):
    text = flat(pdf_text(shandong_pdfs["report"]))
    # review: outcomes and lessons
    assert "去年的目标" in text and "没完成" in text and "93%" in text
    assert "经验萃取" in text and "每个活动都要有负责人" in text
    # the shared vision, agreed
    assert "共同愿景" in text and "新品上市一个月内进入三家VIP客户" in text
    assert "全体已达成共识" in text
    # goals with their SMART table
    assert "目标体系与 SMART 检查" in text
    assert "2027年12月31日前山东区销售额达到700万元" in text
    for word in ("具体", "可衡量", "可实现", "相关", "有时限", "通过", "未通过"):
        assert word in text, word
    assert "说明了对象和范围：山东区" in text
    assert "没有去年实际" in text  # the seminar goal fails A and says why
    assert "计划 = 去年 560万元 × (1 + 自然增长 15%) × 其他因素 1.087 ≈ 700万元" in text
    # cascades: exact parts in the goal's unit, and the total
    assert "按季度" in text and "合计等于总数" in text
    for value in ("140万元", "175万元", "210万元", "300万元", "80万元", "40万元"):
        assert value in text, value


def test_report_pages_render(shandong_pdfs):
    require_pdftoppm()
    pages = page_count(shandong_pdfs["report"])
    assert pages >= 5
    for page in range(2, pages + 1):
        image = render_gray(shandong_pdfs["report"], page)
        assert image is not None and image.ink() > 500, page  # nothing blank


def test_a_teams_handout_has_its_goal_smart_table_and_milestones(shandong_pdfs):
    """The goal on the sheet; its SMART table and the cascades in the appendix."""
    text = flat(pdf_text(shandong_pdfs["济南队"]))
    assert "我们的目标" in text and "2027年12月31日前济南市场销售额达到300万元" in text
    assert "说明了对象和范围：济南市场" in text and "服务于" in text
    assert "目标分解与里程碑" in text
    assert "张伟" in text and "80万元" in text and "陈静" in text and "40万元" in text
    assert "济南" in text and "总数 700万元 中本组负责的部分" in text
    assert "250万元" not in text  # 青岛's share is not 济南's business
    assert "新品上市一个月内进入三家VIP客户" in text  # everyone takes the shared vision home
    other = flat(pdf_text(shandong_pdfs["青岛队"]))
    assert "2027年12月31日前青岛市场销售额达到250万元" in other
    assert "张伟" not in other


def test_english_report_has_the_funnel_numbers(tmp_path):
    require_cjk_font()
    doc = load_scenario(SCENARIOS / "insurance-mdrt.toml")
    path = export(doc, "pdf", out=tmp_path / "report.pdf").paths[0]
    text = flat(pdf_text(path))
    assert "Key value chain" in text
    assert "Target 1,000,000 ÷ average 2,000 = 500 deals a year (50 weeks × 5 days)" in text
    assert "Target 1,000,000 ÷ average 4,000 = 250 deals a year" in text
    for number in ("100,000", "2,000", "400", "12,500", "250"):
        assert number in text
    assert "Specific" in text and "Pass" in text
    assert "Last year's goals" in text and "missed" in text.lower()
    require_pdftoppm()
    for page in range(2, page_count(path) + 1):
        image = render_gray(path, page)
        assert image is not None and image.ink() > 500


def test_28_days_print_exactly(tmp_path):
    require_cjk_font()
    doc = load_scenario(SCENARIOS / "store-monthly.toml")
    path = export(doc, "pdf", out=tmp_path / "store.pdf").paths[0]
    text = flat(pdf_text(path))
    assert text.count("3,572元") >= 12 and text.count("3,571元") >= 16
    assert "100,000元" in text and "合计等于总数" in text


def test_user_text_prints_literally(tmp_path):
    require_cjk_font()
    doc = shandong()
    edits.add_goal(doc, statement=MARKUP + " 2027年达到5家", parent_id="shandong")
    edits.set_statement(doc, MARKUP)
    path = export(doc, "pdf", out=tmp_path / "r.pdf").paths[0]
    assert MARKUP in flat(pdf_text(path))
    md = render_md(build_report(doc, "zh"))
    assert MARKUP in unescape(md)
    assert "<b>" not in md  # escaped in the Markdown


def test_markdown_matches_the_report():
    md = unescape(render_md(build_report(shandong(), "zh")))
    assert "## 复盘：回顾过去一年" in md and "| 1 | 2026年山东区销售额达到600万元 |" in md
    assert "### 目标体系与 SMART 检查" in md
    assert "| S | 具体 | ● 通过 | 说明了对象和范围：山东区 |" in md
    assert "| 4 | 第四季度 | 30 | 30% | 210万元 |" in md
    assert "合计等于总数" in md
    en = unescape(render_md(build_report(load_scenario(SCENARIOS / "insurance-mdrt.toml"),
                                         "en")))
    assert "| calls | 10% | 100,000 | 2,000 | 400 |" in en
    assert "| calls | 20% | 12,500 | 250 | 50 |" in en


def test_empty_steps_still_print(tmp_path):
    from factories import make_doc

    doc = make_doc()
    doc.vision.goals.clear()
    report = build_report(doc, "zh")
    assert not report.steps["vision"].has_content
    assert not report.steps["review"].has_content
    md = render_md(report)
    for heading in ("## 复盘：回顾过去一年", "## 第一步 目标呈现与愿景共识"):
        section = md[md.index(heading):].split("\n## ")[0]
        assert "本步骤暂无内容" in section


def test_a_team_without_goals_gets_no_vision_part():
    from factories import make_doc
    from workshop.export.fonts import find_cjk_font, register_font
    from workshop.export.pdf import vision as pdf_vision
    from workshop.export.pdf.styles import make_styles

    doc = make_doc()
    report = build_report(doc, "zh")
    styles = make_styles(register_font(find_cjk_font(lang="zh")), "zh")
    team = report.teams[0]
    assert pdf_vision.handout(report.steps["vision"], team, styles) == []
    doc.vision.goals[0].team_id = doc.teams[0].id
    report = build_report(doc, "zh")
    assert pdf_vision.handout(report.steps["vision"], report.teams[0], styles)
    assert pdf_vision.handout(report.steps["vision"], report.teams[1], styles) == []
