"""The charter pages and the co-creation section in the PDF and the Markdown: every
member, every cluster name, card and vote count; user text literal; pages rendered."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from cocreate_factory import IDEAS, NAMES, brainstormed, voted
from pdftools import page_texts, pdf_text, render_gray, render_page, require_pdftoppm
from workshop.edits import charter as charter_edits
from workshop.edits import cocreate as edits
from workshop.export import export
from workshop.export.fonts import find_cjk_font, register_font
from workshop.export.markdown import render, unescape
from workshop.export.pdf.cocreate import (
    MAX_HEIGHT,
    PILLAR_HEIGHT,
    ROOF_HEIGHT,
    fit_lines,
    strategy_model,
)
from workshop.export.pdf.styles import make_styles
from workshop.report import build_report


def squash(text: str) -> str:
    return "".join(text.split())


def with_charter(doc):
    team = doc.teams[0]
    charter_edits.set_slogan(doc, team.id, "齐心协力 <b>&[/oops]")
    for i, member in enumerate(team.members):
        charter_edits.set_role(doc, team.id, member.id, ["组长", "时间官", "记录员"][i % 3])
        charter_edits.set_decision(doc, team.id, member.id, True)
        charter_edits.set_commitment(doc, team.id, member.id, f"每周拜访 {i + 3} 家VIP客户")
    charter_edits.add_item(doc, team.id, "rewards", "季度达标，全队聚餐")
    charter_edits.add_item(doc, team.id, "penalties", "周报迟交，罚做二十个俯卧撑")
    charter_edits.set_accountability(doc, team.id, "时间官每周五检查承诺")
    other = doc.teams[1]
    charter_edits.set_decision(doc, other.id, other.members[0].id, False)
    return doc


@pytest.fixture
def workshop():
    doc = with_charter(voted())
    edits.assign_team(doc, doc.cocreate.clusters[1].id, doc.teams[0].id)
    return doc


def test_report_pdf_has_every_cluster_card_and_vote_count(tmp_path: Path, workshop):
    (path,) = export(workshop, "pdf", out=tmp_path, lang="zh").paths
    text = squash(pdf_text(path))
    assert squash(workshop.cocreate.focus_question) in text
    for name in NAMES:
        assert squash(name) in text
    for idea in IDEAS:
        assert squash(idea) in text, idea
    # the cluster headings carry the dots: 展会 3, 拜访 2, 培训 1
    assert squash("1.办好技术交流会和行业展会·3票") in text
    assert squash("2.建立VIP客户分级拜访制度·2票") in text
    assert squash("3.提升销售团队的产品能力·1票") in text
    assert "投票：每组3票，共投6票" in text
    assert "未归类卡片" in text


def test_report_pdf_has_a_charter_page_per_started_team(tmp_path: Path, workshop):
    (path,) = export(workshop, "pdf", out=tmp_path, lang="zh").paths
    pages = [squash(p) for p in page_texts(path)]
    first, second = workshop.teams
    charter_pages = [p for p in pages if "团队公约·" in p and "目录" not in p]  # not contents
    assert len(charter_pages) == 2
    own = next(p for p in charter_pages if squash(f"团队公约·{first.name}") in p)
    for member in first.members:
        assert member.name in own
    assert squash("齐心协力<b>&[/oops]") in own
    assert "每周拜访3家VIP客户" in own
    assert "季度达标，全队聚餐" in own and "罚做二十个俯卧撑" in own
    assert "时间官每周五检查承诺" in own
    assert "签名" in own and "已签署" in own
    others = next(p for p in charter_pages if squash(f"团队公约·{second.name}") in p)
    for member in second.members:
        assert member.name in others
    assert "尚未签署" in others


def test_a_teams_handout_has_its_charter_and_the_model(tmp_path: Path, workshop):
    result = export(workshop, "pdf", out=tmp_path, all_teams=True, lang="zh", appendix=True)
    first = next(p for p in result.paths if workshop.teams[0].name in p.name)
    text = squash(pdf_text(first))
    # the charter is page 2, the commitment; the model is in the appendix
    assert squash(f"我们的承诺·{workshop.teams[0].name}") in squash(page_texts(first)[1])
    assert "我们认领的策略" in text
    assert squash(NAMES[1]) in text
    second = next(p for p in result.paths if workshop.teams[1].name in p.name)
    text = squash(pdf_text(second))
    assert "本组还没有认领策略" in text
    for name in NAMES:  # the whole model, as a team without a strategy of its own sees it
        assert squash(name) in text


def test_english_labels(tmp_path: Path, workshop):
    (path,) = export(workshop, "pdf", out=tmp_path, lang="en").paths
    text = pdf_text(path)
    assert "Team charter" in text and "Signatures" in text
    assert "Strategies by priority" in text


def test_the_model_page_renders_with_the_pillars_drawn(tmp_path: Path, workshop):
    require_pdftoppm()
    (path,) = export(workshop, "pdf", out=tmp_path, lang="zh").paths
    texts = page_texts(path)
    page = next(i for i, p in enumerate(texts, 1) if "策略模型" in p and "排序" in p)
    png = render_page(path, page, dpi=50, out_dir=tmp_path)
    assert png is not None and png.stat().st_size > 5000
    image = render_gray(path, page, dpi=40)
    assert image is not None
    # the roof is a dark filled triangle: a good share of dark pixels on the page
    dark = sum(1 for y in range(image.height) for x in range(image.width)
               if image.gray(x, y) < 80)
    assert dark > image.width * image.height * 0.03


def test_the_model_drawing_fits_the_frame_and_grows_with_rows():
    font = register_font(find_cjk_font(lang="zh"))
    styles = make_styles(font, "zh")
    report = build_report(voted(), "zh").step("cocreate")
    drawing = strategy_model(report, styles)
    assert drawing.width == pytest.approx(styles.width)
    assert drawing.height == pytest.approx(ROOF_HEIGHT + PILLAR_HEIGHT + 6 + 34)
    doc = brainstormed()
    cards = [c.id for c in doc.cocreate.cards]
    for i in range(5):  # five pairs: more clusters than one row holds
        cluster = edits.new_cluster(doc, cards[2 * i:2 * i + 2])
        edits.name_cluster(doc, cluster.id, f"策略 {i + 1}")
    for i in range(30):  # and many more strategies: the model still fits one page
        from workshop.edits.cards import add_card

        a = add_card(doc, "cocreate", f"卡片 {i}a").id
        b = add_card(doc, "cocreate", f"卡片 {i}b").id
        edits.name_cluster(doc, edits.new_cluster(doc, [a, b]).id, f"更多策略 {i}")
    big = strategy_model(build_report(doc, "zh").step("cocreate"), styles)
    assert big.height <= MAX_HEIGHT


def test_a_model_of_many_strategies_shares_its_page_with_the_heading(tmp_path: Path):
    from workshop.edits.cards import add_card

    doc = brainstormed()
    for i in range(40):
        a = add_card(doc, "cocreate", f"卡片 {i}a").id
        b = add_card(doc, "cocreate", f"卡片 {i}b").id
        edits.name_cluster(doc, edits.new_cluster(doc, [a, b]).id, f"策略{i + 1}")
    (path,) = export(doc, "pdf", out=tmp_path, lang="zh").paths
    page = next(squash(p) for p in page_texts(path) if "焦点问题" in squash(p))
    assert "第四步团队共创" in page and "策略模型" in page
    assert all(f"策略{i + 1}" in page for i in range(40))  # every pillar drawn on that page


def test_fit_lines_wraps_cjk_and_words_and_cuts_with_an_ellipsis():
    font = register_font(find_cjk_font(lang="zh"))
    lines = fit_lines("建立VIP客户分级拜访制度并且每月复盘一次转化率", font, 10, 60, 3)
    assert 1 < len(lines) <= 3
    assert lines[-1].endswith("…")
    words = fit_lines("Build tiered client visits", font, 10, 60, 3)
    assert len(words) > 1 and " ".join(words) == "Build tiered client visits"  # words whole
    assert all(stringWidth(line, font, 10) <= 60 for line in lines + words)


def test_markdown_has_the_strategies_clusters_and_charters(workshop):
    md = render(build_report(workshop, "zh"))
    plain = unescape(md)
    assert "### 策略模型" in md
    assert "| 1 | 办好技术交流会和行业展会 | 3 |" in plain
    for idea in IDEAS:
        assert idea in plain
    assert "老客户转介绍奖励 \\[/oops\\] \\<b\\>\\&" in md  # escaped, not markup
    assert f"### 团队公约 · {workshop.teams[0].name}" in plain
    for member in workshop.teams[0].members:
        assert member.name in plain
    assert "齐心协力 <b>&[/oops]" in plain


def test_a_workshop_without_steps_3_and_4_still_exports(tmp_path: Path):
    from factories import make_doc

    (path,) = export(make_doc(), "pdf", out=tmp_path, lang="zh").paths
    text = pdf_text(path)
    assert "第三步 承诺与团队公约" in text and "第四步 团队共创" in text
    assert "本步骤暂无内容" in text
