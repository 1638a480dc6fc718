"""Exports as a reader meets them: the text of the PDFs (pypdf), their pages (pdftoppm),
the Markdown, the CSV in Excel's encoding, the JSON document, and the files on disk."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from factories import SCENARIOS, make_doc
from pdftools import (
    page_count,
    page_texts,
    pdf_text,
    read_png,
    render_gray,
    render_page,
    require_cjk_font,
    require_pdftoppm,
)
from workshop import export as export_pkg
from workshop.export import ExportError, ExportResult, export, select_teams
from workshop.export import pdf as pdf_pkg
from workshop.export.csv_export import BOM, safe_cell
from workshop.export.fonts import FontChoice, find_cjk_font
from workshop.export.markdown import escape as md_escape
from workshop.export.markdown import unescape as md_unescape
from workshop.export.naming import file_name, safe_name
from workshop.export.pdf.styles import (
    FRAME_WIDTH,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_WIDTH,
    esc,
    readable_ink,
    team_tag,
)
from workshop.model import Action, Card, Cluster, Workshop
from workshop.model.gaps import GapCard
from workshop.scenario import load_scenario

MARKUP_CARD = "<b>&[/oops] 不是标记"
COMPARE_CARD = "a < b & c > d"
LONG_CARD = ("为了实现七百万元的销售目标，我们每周拜访五家VIP客户并建立客户档案。" * 60)[:2000]


def shandong(lang: str | None = None) -> Workshop:
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    if lang:
        doc.meta.language = lang  # type: ignore[assignment]
    return doc


def with_cards(doc: Workshop) -> Workshop:
    """Cards from every team on several boards, including text that looks like markup."""
    teams = doc.teams
    texts = ["下半年两家VIP客户流失，需要建立客户预警机制", MARKUP_CARD, COMPARE_CARD,
             "新品推迟上市\n渠道商信心不足"]
    for i, text in enumerate(texts):
        doc.review.cards.append(Card(text=text, step="review",
                                     board=("highlight", "improve")[i % 2],
                                     team_id=teams[i % len(teams)].id))
    for i, team in enumerate(teams):
        doc.gaps.cards.append(GapCard(text=f"{team.name}的差距：客户拜访频次不足 {i}",
                                      step="gaps", board="storm", team_id=team.id))
    doc.summary.cards.append(Card(text="目标要分解到每天的行动", step="summary",
                                  board="takeaway", team_id=teams[-1].id))
    return doc


def squash(text: str) -> str:
    """Extracted text without line breaks and spaces (wrapping inserts both)."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def cjk_font() -> FontChoice:
    return require_cjk_font()


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory, cjk_font: FontChoice) -> Path:
    folder = tmp_path_factory.mktemp("report")
    result = export(with_cards(shandong()), "pdf", out=folder)
    (path,) = result.paths
    return path


# -- the report PDF ---------------------------------------------------------------------

def test_report_pdf_has_the_chinese_title_every_team_and_member(report_pdf: Path):
    doc = shandong()
    text = squash(pdf_text(report_pdf))
    assert squash(doc.meta.title) in text
    assert squash(doc.meta.organization) in text
    for team in doc.teams:
        assert team.name in text
        for member in team.members:
            assert member.name in text, member.name


def test_report_is_named_after_the_title_and_uses_the_cjk_font(tmp_path: Path,
                                                                 cjk_font: FontChoice):
    result = export(shandong(), "pdf", out=tmp_path)
    assert isinstance(result, ExportResult)
    assert result.font == cjk_font
    assert [p.name for p in result.paths] == ["山东区 2027 年度目标分解与计划制定工作坊-报告.pdf"]


def test_report_cover_renders_and_is_not_blank(report_pdf: Path):
    require_pdftoppm()
    png = render_page(report_pdf, 1)
    assert png is not None and png.exists()
    image = read_png(png)
    assert image.width > 300 and image.height > 400
    assert image.ink() > 2000  # title, teams table, bands: not an empty page


def test_every_page_after_the_cover_has_a_page_x_of_n_footer(report_pdf: Path):
    texts = page_texts(report_pdf)
    total = len(texts)
    assert total >= 2
    assert f"/ {total}" not in texts[0]  # the cover has no header or footer
    for number, text in enumerate(texts[1:], start=2):
        assert f"{number} / {total}" in text, f"page {number}"


def test_body_pages_carry_the_header(report_pdf: Path):
    for text in page_texts(report_pdf)[1:]:
        assert "山东区2027年度目标分解" in squash(text)
        assert "示例科技有限公司" in text


def test_user_text_that_looks_like_markup_shows_literally(report_pdf: Path):
    text = pdf_text(report_pdf)
    assert MARKUP_CARD in text
    assert COMPARE_CARD in text


def test_report_shows_each_step_title_and_says_when_a_step_is_empty(report_pdf: Path):
    text = squash(pdf_text(report_pdf))
    for title in ("复盘：回顾过去一年", "第一步目标呈现与愿景共识", "第六步城镇会议", "课程总结"):
        assert title in text
    assert "本步骤暂无内容。" in text
    assert "差距卡片" in text  # a board with cards is shown
    assert "威胁T" not in text  # an empty board is left out


def test_escaping_covers_markup_characters_and_line_breaks():
    assert esc("<b>&x</b>\nnext") == "&lt;b&gt;&amp;x&lt;/b&gt;<br/>next"
    assert esc("tab\x00bell\x07") == "tabbell"


def test_team_tags_escape_the_name_and_sanitise_the_colour():
    tag = team_tag("<A&B>", "#ffc914")
    assert "&lt;A&amp;B&gt;" in tag and '"#ffc914"' in tag
    assert 'color="#5f6b76"' in team_tag("x", 'red" onload="')


def test_team_names_stay_readable_on_paper():
    # The yellow team prints its name in a darker shade of its own colour.
    ink = readable_ink("#ffc914")
    assert ink != "#ffc914" and ink.startswith("#")
    assert readable_ink("#1f3a5f") == "#1f3a5f"


# -- big and strange content ------------------------------------------------------------

def test_a_2000_character_card_wraps_inside_the_margins(tmp_path: Path, cjk_font: FontChoice):
    require_pdftoppm()
    doc = shandong()
    doc.cocreate.cards.append(Card(text=LONG_CARD, step="cocreate", board="idea",
                                   team_id=doc.teams[0].id))
    doc.cocreate.cards.append(Card(text="x" * 2000, step="cocreate", board="idea",
                                   team_id=doc.teams[1].id))
    (path,) = export(doc, "pdf", out=tmp_path).paths
    assert squash(LONG_CARD[:200]) in squash(pdf_text(path))
    pages = page_count(path)
    dpi = 40
    right_margin = int((PAGE_WIDTH - MARGIN_RIGHT + 2) / 72 * dpi) + 1
    left_margin = int((MARGIN_LEFT - 2) / 72 * dpi) - 1
    for page in range(1, pages + 1):
        image = render_gray(path, page, dpi=dpi)
        assert image is not None
        assert image.ink() > 0, f"page {page} is blank"
        if page > 1:  # body pages: nothing may be printed in the side margins
            assert image.ink((right_margin, 0, image.width, image.height)) == 0, page
            assert image.ink((0, 0, left_margin, image.height)) == 0, page


def test_emoji_and_symbols_do_not_crash(tmp_path: Path):
    doc = shandong()
    doc.summary.cards.append(Card(text="收获满满 😀🎉 ✓ ★ ½ — “引号”", step="summary",
                                  board="takeaway", team_id=doc.teams[0].id))
    (path,) = export(doc, "pdf", out=tmp_path).paths
    assert "收获满满" in pdf_text(path)


def test_a_big_workshop_builds(tmp_path: Path):
    doc = make_doc(teams=10, members=8)
    for i in range(300):
        team = doc.teams[i % 10]
        doc.cocreate.cards.append(Card(text=f"第 {i} 张卡片：提升客户拜访频次", step="cocreate",
                                       board="idea", team_id=team.id))
    result = export(doc, "pdf", out=tmp_path, all_teams=True)
    assert len(result.paths) == 11
    text = pdf_text(result.paths[0])
    for team in doc.teams:
        assert team.name in text


def _numbered(tag: str, count: int = 700) -> str:
    """Text taller than an A4 page in a table cell, numbered so every word can be found."""
    return " ".join(f"{tag}{i:04d}" for i in range(count))


def test_text_taller_than_a_page_breaks_across_pages_and_is_all_printed(tmp_path: Path):
    """People paste whole documents into a box; a table row taller than a page must
    break across pages (it used to stop the export with a reportlab layout error)."""
    from gaps_factory import full_gaps
    from planning import ready_action, with_strategies
    from workshop.model import Challenge, SignOff

    doc = full_gaps(with_strategies(shandong()))
    team = doc.teams[0]
    long_texts = {"V": "vision statement", "F": "focus question", "G": "goal statement",
                  "T": "TOWS card", "S": "support", "N": "sign-off note", "C": "closing"}
    doc.vision.statement = _numbered("V")
    doc.cocreate.focus_question = _numbered("F")
    doc.goal("jinan").statement = _numbered("G")  # the team's own goal: on its sheet
    doc.gaps.swot.append(Card(text=_numbered("T"), step="gaps", board="swot.SO",
                              team_id=team.id))
    ready_action(doc, "每周拜访VIP客户").support = _numbered("S")
    doc.townhall.challenges.append(Challenge(team_id=team.id, question="预算够吗？"))
    doc.townhall.signoffs.append(SignOff(team_id=team.id, decision="approved",
                                         note=_numbered("N"), by="总经理"))
    doc.townhall.closing_statement = _numbered("C")

    report, handout, *_ = export(doc, "pdf", out=tmp_path, all_teams=True,
                                 appendix=True).paths
    text = squash(pdf_text(report))
    for tag, where in long_texts.items():
        assert f"{tag}0000" in text and f"{tag}0699" in text, f"{where} is cut short"
    handout_text = squash(pdf_text(handout))
    for tag in "GSN":  # the goal and the sign-off on the sheet, the support in the appendix
        assert f"{tag}0699" in handout_text, tag


class _Unsplittable(Flowable):
    """A block taller than any page that refuses to split."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 5000

    def draw(self) -> None:
        raise AssertionError("never drawn")


def test_a_block_that_cannot_be_laid_out_is_a_clear_error_and_leaves_no_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from reportlab.platypus import Paragraph
    from reportlab.platypus.tables import Table as PlainTable

    def story(report, styles):
        cell = Paragraph("很长很长的说明文字", styles.cell)
        return [], [PlainTable([[cell, _Unsplittable()]])]

    monkeypatch.setattr(pdf_pkg, "report_story", story)
    with pytest.raises(ExportError) as caught:
        export(shandong(), "pdf", out=tmp_path)
    assert "很长很长的说明文字" in str(caught.value) and "缩短" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_block_without_text_that_cannot_be_laid_out_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pdf_pkg, "report_story", lambda report, styles: ([], [_Unsplittable()]))
    with pytest.raises(ExportError, match="太高"):
        export(shandong(), "pdf", out=tmp_path)
    assert list(tmp_path.iterdir()) == []


# -- the built-in CID font fallback -----------------------------------------------------

def test_cid_fallback_when_no_truetype_font_is_found(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    from workshop.export import fonts

    monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    choice = find_cjk_font(lang="zh")
    assert choice.kind == "cid" and choice.path is None and choice.name == "STSong-Light"
    assert "STSong-Light" in choice.describe("zh")
    doc = with_cards(shandong())
    doc.summary.cards.append(Card(text="收获满满😀", step="summary", board="takeaway",
                                  team_id=doc.teams[0].id))
    result = export(doc, "pdf", out=tmp_path)
    assert result.font == choice
    text = squash(pdf_text(result.paths[0]))
    assert squash(shandong().meta.title) in text
    assert "济南队" in text and "张伟" in text
    assert MARKUP_CARD.replace(" ", "") in text
    # UCS-2 cannot hold an emoji: it comes from the fallback font, never as two
    # unrelated characters
    assert "收获满满😀" in text


# -- handouts ---------------------------------------------------------------------------

def test_a_handout_shows_its_team_and_not_the_others(tmp_path: Path, cjk_font: FontChoice):
    doc = with_cards(shandong())
    result = export(doc, "pdf", out=tmp_path, teams=["青岛队"], appendix=True)
    (path,) = result.paths
    assert path.name == "山东区 2027 年度目标分解与计划制定工作坊-青岛队-行动计划.pdf"
    text = pdf_text(path)
    qingdao = doc.team_named("青岛队")
    assert qingdao is not None
    assert "青岛队" in text
    for member in qingdao.members:
        assert member.name in text
        if member.role:
            assert member.role in text
    assert "青岛队的差距" in text  # its own cards, in the appendix
    for team in doc.teams:
        if team is not qingdao:
            assert "的差距" not in text.replace("青岛队的差距", "")
            for member in team.members:
                assert member.name not in text, member.name
    texts = page_texts(path)
    for number, page in enumerate(texts[1:], start=2):
        assert f"{number} / {len(texts)}" in page


def test_all_teams_writes_the_report_and_one_handout_per_team(tmp_path: Path):
    doc = shandong()
    result = export(doc, "pdf", out=tmp_path, all_teams=True)
    names = [p.name for p in result.paths]
    assert names[0].endswith("-报告.pdf")
    assert names[1:] == [f"山东区 2027 年度目标分解与计划制定工作坊-{team.name}-行动计划.pdf"
                         for team in doc.teams]
    assert all(p.exists() for p in result.paths)


def test_teams_match_by_exact_name_then_ignoring_case():
    doc = make_doc(teams=2)
    doc.teams[0].name = "Alpha"
    doc.teams[1].name = "alpha team"
    assert [t.name for t in select_teams(doc, ["alpha TEAM"], "zh")] == ["alpha team"]
    assert [t.name for t in select_teams(doc, ["ALPHA"], "zh")] == ["Alpha"]
    assert [t.name for t in select_teams(doc, ["Alpha", "alpha"], "zh")] == ["Alpha"]


def test_a_single_team_name_is_not_split_into_characters(tmp_path: Path):
    result = export(shandong(), "pdf", out=tmp_path, teams="济南队")  # type: ignore[arg-type]
    assert [p.name for p in result.paths] == [
        "山东区 2027 年度目标分解与计划制定工作坊-济南队-行动计划.pdf"]


def test_unknown_team_is_an_error_naming_the_teams(tmp_path: Path):
    with pytest.raises(ExportError) as caught:
        export(shandong(), "pdf", out=tmp_path, teams=["潍坊队"])
    message = caught.value.message
    assert "潍坊队" in message
    for name in ("济南队", "青岛队", "烟台队"):
        assert name in message
    assert list(tmp_path.iterdir()) == []


def test_teams_apply_to_pdf_only(tmp_path: Path):
    with pytest.raises(ExportError):
        export(shandong(), "md", out=tmp_path, teams=["济南队"])


# -- files on disk ----------------------------------------------------------------------

def test_out_may_name_the_file_when_one_file_is_written(tmp_path: Path):
    target = tmp_path / "sub" / "handout.pdf"
    result = export(shandong(), "pdf", out=target, teams=["济南队"])
    assert result.paths == [target] and target.exists()
    with pytest.raises(ExportError) as caught:
        export(shandong(), "pdf", out=tmp_path / "all.pdf", all_teams=True)
    assert "4" in caught.value.message


def test_the_default_folder_is_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = export(shandong(), "json")
    assert result.paths == [Path("exports") / "山东区 2027 年度目标分解与计划制定工作坊.json"]
    assert (tmp_path / result.paths[0]).exists()


def test_a_failed_build_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def broken(report, path, font):
        Path(path).write_bytes(b"%PDF-1.4\n% half a document")
        raise RuntimeError("boom in the middle of the layout")

    monkeypatch.setattr(pdf_pkg, "build_report_pdf", broken)
    with pytest.raises(RuntimeError):
        export(shandong(), "pdf", out=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_keeps_the_previous_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch):
    (first,) = export(shandong(), "pdf", out=tmp_path).paths
    before = first.read_bytes()

    def broken(report, path, font):
        Path(path).write_bytes(b"%PDF-1.4\n% half")
        raise RuntimeError("boom")

    monkeypatch.setattr(pdf_pkg, "build_report_pdf", broken)
    with pytest.raises(RuntimeError):
        export(shandong(), "pdf", out=tmp_path)
    assert first.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]


def test_a_file_open_elsewhere_is_a_clear_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch):
    (first,) = export(shandong(), "md", out=tmp_path).paths

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(export_pkg.os, "replace", refuse)
    with pytest.raises(ExportError) as caught:
        export(shandong(), "md", out=tmp_path)
    assert str(first) in caught.value.message
    assert "其他程序" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ExportError) as caught:
        export(shandong(), "json", out=blocker / "exports")
    assert "not-a-folder" in caught.value.message


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.name == "posix" and os.geteuid() != 0:
        folder.chmod(0o500)
    else:  # permissions do not stop root: refuse the temp file as the OS would
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if Path(path).parent == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(export_pkg.os, "open", refuse)
    try:
        with pytest.raises(ExportError) as caught:
            export(shandong(), "json", out=folder)
        assert str(folder) in caught.value.message
        assert "没有写入权限" in caught.value.message
    finally:
        folder.chmod(0o700)


def test_file_names_keep_chinese_and_drop_forbidden_characters():
    assert safe_name('山东区 2027/2028 年度:目标?*"<>|\\') == "山东区 20272028 年度目标"
    assert safe_name("  ..  ") == "workshop"
    assert safe_name("CON") == "_CON"
    assert safe_name("a\x00b\x1fc") == "abc"
    assert file_name("工作坊", "济南/队", "行动计划", ext="pdf") == "工作坊-济南队-行动计划.pdf"
    long = file_name("很长的标题" * 100, "济南队", "行动计划", ext="pdf")
    assert long.endswith("-济南队-行动计划.pdf")
    assert len(long.encode("utf-8")) <= 200


def test_teams_whose_names_clean_to_the_same_file_get_distinct_files(tmp_path: Path):
    doc = make_doc(teams=2)
    doc.teams[0].name = "A/B"
    doc.teams[1].name = "AB"
    result = export(doc, "pdf", out=tmp_path, all_teams=True)
    assert len({p.name for p in result.paths}) == 3


# -- Markdown, CSV, JSON ----------------------------------------------------------------

def test_markdown_has_the_same_teams_and_cards_as_the_pdf(tmp_path: Path, report_pdf: Path):
    doc = with_cards(shandong())
    (path,) = export(doc, "md", out=tmp_path).paths
    assert path.name == "山东区 2027 年度目标分解与计划制定工作坊-报告.md"
    markdown = md_unescape(path.read_text("utf-8"))
    pdf = pdf_text(report_pdf)
    for team in doc.teams:
        assert team.name in markdown and team.name in pdf
        for member in team.members:
            assert member.name in markdown
    cards = [c.text for step in ("review", "gaps", "summary") for c in doc.cards(step)]
    for text in cards:
        for line in text.split("\n"):
            assert line in markdown, line
            assert squash(line) in squash(pdf), line
    assert "第六步 城镇会议" in markdown and "本步骤暂无内容。" in markdown


def test_markdown_escapes_user_text():
    assert md_escape("<b>&[/oops]") == r"\<b\>\&\[/oops\]"
    assert md_escape("# not a heading") == r"\# not a heading"
    assert md_escape("1. not a list") == r"1\. not a list"
    assert md_escape("- no\n+ list") == "\\- no\n\\+ list"
    for text in ("<b>&[/oops]", "*a* _b_ `c` | d ~e~", "# x", "2) y"):
        assert md_unescape(md_escape(text)) == text


def _with_actions(doc: Workshop) -> Workshop:
    import datetime as dt

    team = doc.teams[0]
    cluster = Cluster(name="深耕VIP客户", team_id=team.id)
    doc.cocreate.clusters.append(cluster)
    doc.plan.actions.append(Action(
        what="每周拜访5家VIP客户，建立客户档案", strategy_id=cluster.id, team_id=team.id,
        owner_id=team.members[0].id, checker_id=team.members[1].id, start=dt.date(2027, 1, 4),
        due=dt.date(2027, 3, 31), measure="拜访家数", target="每周 5 家",
        support="市场部提供客户名单", cadence="weekly",
        next_check=dt.date(2027, 1, 11), status="doing"))
    doc.plan.actions.append(Action(what="=HYPERLINK(\"http://x\")", team_id=team.id,
                                   target="-5%"))
    return doc


def test_csv_is_utf8_with_bom_and_reads_back(tmp_path: Path):
    doc = _with_actions(shandong())
    (path,) = export(doc, "csv", out=tmp_path).paths
    assert path.name == "山东区 2027 年度目标分解与计划制定工作坊-行动清单.csv"
    raw = path.read_bytes()
    assert raw.startswith(BOM.encode("utf-8"))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["小组", "序号", "策略", "行动", "负责人", "谁来检查", "开始日期", "完成期限",
                       "衡量指标", "目标值", "所需支持", "检查频率", "下次检查", "状态", "里程碑",
                       "服务的目标", "关键差距", "所需资源", "可能的障碍", "知识技能", "奖励",
                       "惩罚", "P 计划", "D 执行", "C 检查", "A 处理", "待补充"]
    assert rows[1][:14] == ["济南队", "1", "深耕VIP客户", "每周拜访5家VIP客户，建立客户档案",
                            "张伟", "李娜（时间官）", "2027-01-04", "2027-03-31", "拜访家数",
                            "每周 5 家",
                            "市场部提供客户名单", "每周", "2027-01-11", "进行中"]
    assert rows[1][-1] == ""  # ready: nothing to complete
    assert rows[2][3] == "'=HYPERLINK(\"http://x\")"  # never a live formula in Excel
    assert rows[2][9] == "-5%"
    assert rows[2][-1].startswith("负责人、谁来检查、完成期限、衡量指标")


def test_csv_without_actions_is_the_header_row(tmp_path: Path):
    (path,) = export(shandong(lang="en"), "csv", out=tmp_path).paths
    assert path.name.endswith("-actions.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0][:14] == ["Team", "No.", "Strategy", "Action", "Owner", "Who checks",
                            "Start", "Due",
                            "Measure", "Target", "Support needed", "Check cadence",
                            "Next check", "Status"]


def test_safe_cell_defuses_formulas_but_keeps_numbers():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("+86 138") == "'+86 138"
    assert safe_cell("-12.5") == "-12.5"
    assert safe_cell("普通文本") == "普通文本"


def test_json_is_the_document_with_readable_chinese(tmp_path: Path):
    doc = with_cards(shandong())
    (path,) = export(doc, "json", out=tmp_path).paths
    text = path.read_text("utf-8")
    assert "山东区 2027 年度目标分解与计划制定工作坊" in text
    assert "\\u" not in text
    assert Workshop.model_validate_json(text) == doc
    assert json.loads(text)["schema_version"] == doc.schema_version


# -- language ---------------------------------------------------------------------------

def test_an_english_workshop_gets_english_labels(tmp_path: Path):
    doc = with_cards(shandong(lang="en"))
    result = export(doc, "pdf", out=tmp_path, all_teams=True)
    assert result.paths[0].name.endswith("-report.pdf")
    assert result.paths[1].name.endswith("-济南队-action-plan.pdf")
    text = pdf_text(result.paths[0])
    for label in ("Workshop report", "Agenda", "Step 2 Current state", "Teams", "Facilitator"):
        assert label in text, label
    assert "议程" not in text and "第 2 /" not in text
    texts = page_texts(result.paths[0])
    assert f"Page 2 / {len(texts)}" in texts[1]
    markdown = export(doc, "md", out=tmp_path).paths[0].read_text("utf-8")
    assert "## Agenda" in markdown and "议程" not in markdown


def test_lang_argument_overrides_the_workshop_language(tmp_path: Path):
    (path,) = export(shandong(), "md", out=tmp_path, lang="en").paths
    assert path.name.endswith("-report.md")
    assert "## Agenda" in path.read_text("utf-8")


def test_unknown_format_is_an_error(tmp_path: Path):
    with pytest.raises(ExportError):
        export(shandong(), "docx", out=tmp_path)  # type: ignore[arg-type]


# -- catalogs and layering --------------------------------------------------------------

@pytest.mark.parametrize("area", ["pdf", "export"])
def test_catalogs_have_the_same_keys_and_placeholders(area: str):
    import string
    from importlib import resources

    def names(text: str) -> set[str]:  # "{count:=card|cards}" is the placeholder count
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    def flat(lang: str) -> dict[str, str]:
        out: dict[str, str] = {}

        def walk(prefix: str, table: dict) -> None:
            for key, value in table.items():
                full = f"{prefix}.{key}" if prefix else key
                if isinstance(value, dict):
                    walk(full, value)
                else:
                    out[full] = str(value)

        text = resources.files("workshop.i18n").joinpath(lang, f"{area}.toml").read_text("utf-8")
        walk("", tomllib.loads(text))
        return out

    zh, en = flat("zh"), flat("en")
    assert zh.keys() == en.keys()
    for key in zh:
        assert names(zh[key]) == names(en[key]), key


def test_export_never_imports_textual():
    code = ("import sys, workshop.export, workshop.export.pdf, workshop.export.markdown; "
            "print('textual' in sys.modules)")
    src = Path(__file__).resolve().parents[2] / "src"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(src)}, check=True)
    assert out.stdout.strip() == "False"


def test_frame_fits_a4_with_print_margins():
    mm = 72 / 25.4
    assert min(MARGIN_LEFT, MARGIN_RIGHT) >= 18 * mm
    assert abs(FRAME_WIDTH + MARGIN_LEFT + MARGIN_RIGHT - PAGE_WIDTH) < 0.01


def test_missing_tools_skip_locally_but_fail_in_ci(monkeypatch: pytest.MonkeyPatch):
    import pdftools
    from workshop.export import fonts

    monkeypatch.setattr(pdftools.shutil, "which", lambda name: None)
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    monkeypatch.setattr(fonts, "FONT_DIRS", ())
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    assert render_page(Path("any.pdf")) is None
    for require in (require_pdftoppm, require_cjk_font):
        monkeypatch.delenv("CI", raising=False)
        with pytest.raises(pytest.skip.Exception):
            require()
        monkeypatch.setenv("CI", "true")
        with pytest.raises(pytest.fail.Exception):
            require()
