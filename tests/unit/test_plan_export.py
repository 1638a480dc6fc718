"""The printed plan as people carry it out of the room: every action and owner in the
team's handout, a 60-action plan over several pages with its header on each, pages
that render inside their margins; the report's contents page; the same content in
Markdown and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pdftools import (
    page_count,
    page_texts,
    pdf_text,
    render_gray,
    require_cjk_font,
    require_pdftoppm,
)
from planning import big_plan, ready_action, shandong, with_strategies
from workshop.edits import plan as plan_edits
from workshop.edits import townhall as th
from workshop.export import export
from workshop.export.markdown import unescape
from workshop.export.pdf import handout_plan
from workshop.export.pdf import plan as plan_pdf
from workshop.export.pdf.styles import FRAME_WIDTH, HANDOUT_MARGINS, MARGIN_LEFT, PAGE_WIDTH
from workshop.model import Action, Card, Workshop
from workshop.report import build_report

NASTY = "<b>&[/oops] 不是标记"
LONG = ("为了实现七百万元的销售目标，每周拜访五家VIP客户并建立客户档案，" * 40)[:900]


def squash(text: str) -> str:
    return "".join(text.split())


def body_text(path: Path) -> str:
    """The squashed text of the pages without what repeats on each (the running header,
    the footer, a table's repeated header row), so a row split over a page break reads
    as one."""
    pages = [squash(t) for t in page_texts(path)]
    out = []
    for i, text in enumerate(pages):
        text = re.sub(r"第\d+/\d+页\d{4}-\d\d-\d\d$", "", text)
        if i:
            text = re.sub(r"^山东区2027年度目标分解与计划制定工作坊(·[^示]*)?"
                          r"示例科技有限公司山东区", "", text)
            text = text.removeprefix("序号行动负责人起止日期衡量指标/目标值所需支持PDCA检查")
        out.append(text)
    return "".join(out)


@pytest.fixture(scope="module")
def font():
    return require_cjk_font()


def column_text(path: Path, left: float, right: float, header: str = "",
                first_page: int = 1) -> str:
    """The squashed text drawn between `left` and `right` points from the page's left
    edge from `first_page` on (0-based; the report's 1 skips its cover): one table column,
    read down the pages (text from the columns beside it, at the same height, is left
    out; so is the column's `header` where the table repeats it at the top of a page)."""
    pages = []
    for page in PdfReader(str(path)).pages[first_page:]:
        found: list[str] = []

        def visit(text, cm, tm, _font, _size, found=found):
            x = tm[4] * cm[0] + cm[4]
            if text.strip() and left <= x < right:
                found.append(text)

        page.extract_text(visitor_text=visit)
        pages.append(squash("".join(found)).removeprefix(header))
    return "".join(pages)


def what_column(path: Path, header: str = "行动") -> str:
    """The action column of the plan table."""
    weights = plan_pdf.PLAN_WIDTHS
    unit = FRAME_WIDTH / sum(weights)
    left = MARGIN_LEFT + weights[0] * unit
    return column_text(path, left - 1, left + weights[1] * unit - 1, header)


def workshop_with_plans() -> Workshop:
    """济南队 with a varied plan (strategies, no strategy, unadopted, nasty and long
    text, every template field on one action), a town hall, takeaways."""
    doc = with_strategies(shandong())
    jinan, qingdao = doc.teams[0], doc.teams[1]
    ready_action(doc, "每月拜访每家VIP客户一次并填写月访客户统计表", member_index=0)
    ready_action(doc, NASTY, member_index=1, strategy_index=1)
    ready_action(doc, LONG, member_index=2, strategy_index=2)
    full = ready_action(doc, "6月30日前举办VIP技术交流研讨会", member_index=3)
    plan_edits.update_action(doc, full.id, {
        "resources": "会场预算 3 万元", "obstacles": "客户技术部时间难约",
        "skills": "新品技术讲解", "reward": "全组聚餐", "penalty": "负责人请喝奶茶",
        "pdca_plan": "三月定议程", "pdca_do": "五月发邀请", "pdca_check": "每周看报名数",
        "pdca_act": "报名不足就电话邀约", "milestones": "2027-04 1 议程确定\n2027-06 1 开会"})
    doc.plan.actions.append(Action(what="参加两次行业展会", team_id=jinan.id))  # unadopted
    ready_action(doc, "青岛队的行动：每周拜访VIP客户5家", team_index=1)
    q = th.add_challenge(doc, jinan.id, "研讨会预算够吗？", asker_kind="executive", asker="刘总")
    th.change_action(doc, q.id, full.id, {"target": "参会客户 20 家"})
    th.add_challenge(doc, jinan.id, "展会谁负责？", asker_kind="peer", asker_team_id=qingdao.id,
                     answer="下周认领")
    plan_edits.update_action(doc, doc.plan.actions[0].id,  # 张伟's; 王强 checks it
                             {"checker_id": jinan.members[2].id})
    th.sign_off(doc, jinan.id, "approved", "计划扎实", "刘总")
    th.set_closing(doc, "计划落地靠每月检查。", "刘总")
    doc.summary.cards.append(Card(text="PDCA 要每月检查", step="summary", board="takeaway",
                                  team_id=jinan.id))
    return doc


@pytest.fixture(scope="module")
def exported_appendix(tmp_path_factory, font) -> Path:
    """济南队's handout with its appendix."""
    folder = tmp_path_factory.mktemp("appendix")
    (path,) = export(workshop_with_plans(), "pdf", out=folder, teams=["济南队"],
                     appendix=True).paths
    return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory, font) -> tuple[Workshop, dict[str, Path]]:
    doc = workshop_with_plans()
    folder = tmp_path_factory.mktemp("plans")
    paths = export(doc, "pdf", out=folder, all_teams=True).paths
    md = export(doc, "md", out=folder).paths[0]
    csv_path = export(doc, "csv", out=folder).paths[0]
    return doc, {"report": paths[0], "jinan": paths[1], "qingdao": paths[2],
                 "yantai": paths[3], "md": md, "csv": csv_path}


# -- the handout ---------------------------------------------------------------------------------

def sheet_column(path: Path, index: int, header: str = "") -> str:
    """Column `index` of the handout's action table (page 1 on), read down the pages."""
    widths = list(handout_plan.ACTION_COLUMNS)
    widths[1] = HANDOUT_MARGINS.width - sum(widths)
    left = HANDOUT_MARGINS.left + sum(widths[:index])
    return column_text(path, left - 1, left + widths[index] - 1, header, first_page=0)


def test_every_action_owner_and_checker_is_on_the_teams_sheet(exported):
    doc, paths = exported
    text = squash(pdf_text(paths["jinan"]))
    column = sheet_column(paths["jinan"], 1, "行动")
    jinan = doc.teams[0]
    mine = [a for a in doc.plan.actions if a.team_id == jinan.id]
    assert len(mine) == 5
    for action in mine:
        assert squash(action.what) in column, action.what[:20]
        if action.owner_id:
            assert doc.member(action.owner_id)[1].name in text
    checkers = sheet_column(paths["jinan"], 3)
    assert "王强" in checkers and "记录员" in checkers  # who checks the first action
    assert "待认领" in text  # the unadopted one says so
    assert "青岛队的行动" not in text  # another team's plan stays out


def test_the_handout_is_the_plan_then_the_commitment_then_the_appendix(exported_appendix):
    path = exported_appendix
    texts = [squash(text) for text in page_texts(path)]
    text = "".join(texts)
    order = ["行动计划", "目标", "里程碑", "第一季度", "序号行动负责人检查人", "我们的承诺",
             "成员、角色与个人承诺", "领导签批", "城镇会议上改变了本计划的决定", "附录",
             "第一步", "第三步", "第四步", "第五步行动计划（PDCA）", "行动详情",
             "谁负责什么", "第六步城镇会议", "研讨会预算够吗？", "领导总结陈词", "课程总结"]
    position = 0
    for label in order:  # each after the one before
        found = text.find(squash(label), position)
        assert found >= 0, label
        position = found
    header = squash("山东区 2027 年度目标分解与计划制定工作坊 · 济南队示例科技有限公司 山东区")
    starts = [page.removeprefix(header) for page in texts]
    # each part from a new page: the commitment after the plan, the appendix after that
    assert [i for i, page in enumerate(starts) if page.startswith("我们的承诺")] == [3]
    assert [i for i, page in enumerate(starts) if page.startswith("附录")] == [4]
    # no step's heading is the last thing on a page: it goes with what it introduces
    for page in starts:
        assert not re.search(r"第[一二三四五六]步[^第]{0,16}第\d+/\d+页", page), page[-60:]
    assert "议程时间步骤时长" not in text  # the agenda table stays in the report


def test_the_handout_carries_the_template_and_the_sign_off(exported, exported_appendix):
    sheet = squash(pdf_text(exported[1]["jinan"]))
    for value in ("VIP客户月度拜访完成率", "目标100%", "每月", "下次01-31", "起止2027", "01-04→",
                  "03-31", "参会客户20家"):
        assert value in sheet, value
    # the goal's milestones print once, as the periods of the sheet's milestone grid
    assert sheet.count("第一季度") == 1 and "计划（万元）" in sheet and "实际" in sheet
    assert "待补充：负责人、谁来检查、完成期限、衡量指标、目标值" in sheet
    assert "批准" in sheet and "计划扎实" in sheet and "签批人：刘总" in sheet
    assert "领导签字" in sheet and "日期" in sheet
    assert NASTY.replace(" ", "") in sheet
    # the town hall's change points at the action by its number, on page 2
    commitment = squash(page_texts(exported[1]["jinan"])[-1])
    assert "研讨会预算够吗？" in commitment and "行动3" in commitment
    assert "6月30日前举办VIP技术交流研讨会" not in commitment
    appendix = squash(pdf_text(exported_appendix))
    for value in ("会场预算3万元", "客户技术部时间难约", "新品技术讲解", "奖励：全组聚餐",
                  "惩罚：负责人请喝奶茶", "三月定议程", "报名不足就电话邀约", "2027-04",
                  "议程确定", "市场部提供客户名单"):
        assert value in appendix, value
    assert "计划已修改→行动3" in appendix  # the town hall table links by number too


def test_page_one_is_the_plan_at_a_glance(exported):
    _, paths = exported
    first = squash(page_texts(paths["jinan"])[0])
    assert "济南队" in first and "2027年12月31日前济南市场销售额达到300万元" in first
    assert "基数240万元→目标300万元" in first and "期限2027-12-31" in first
    assert "负责济南队（组长张伟）" in first and "√批准（刘总）" in first
    assert "每次检查后在方框里打√" in first


def test_a_team_without_a_plan_gets_blank_rows_to_write_on(exported):
    _, paths = exported
    text = squash(pdf_text(paths["yantai"]))
    assert "烟台队" in text and "还没有行动" in text and "第五步" not in text
    assert page_count(paths["yantai"]) == 2


def test_a_sixty_action_plan_runs_over_pages_with_its_header_on_each(tmp_path, font):
    doc = with_strategies(shandong())
    made = big_plan(doc, 60)
    (path,) = export(doc, "pdf", out=tmp_path, teams=[doc.teams[0].name]).paths
    texts = [squash(t) for t in page_texts(path)]
    numbers = {re.search(r"行动(\d\d)：", a.what).group(1) for a in made}
    pages_with_rows = [i for i, text in enumerate(texts)
                       if any(f"行动{n}：" in text for n in numbers)]
    assert len(pages_with_rows) >= 4
    # the table's header row repeats on every page its rows run over
    for i in pages_with_rows:
        assert "序号" in texts[i] and "负责人" in texts[i] and "检查人" in texts[i], i
    commitment = next(i for i, text in enumerate(texts) if "我们的承诺" in text)
    assert commitment == pages_with_rows[-1] + 1  # the commitment starts a page of its own
    column = sheet_column(path, 1, "行动")  # read down the column: rows may run over a page
    for action in made:
        assert squash(action.what) in column


def test_handout_pages_render_inside_their_margins(tmp_path, font):
    require_pdftoppm()
    doc = with_strategies(shandong())
    big_plan(doc, 60)
    ready_action(doc, "x" * 1500)  # an unbreakable run of letters must still wrap
    (path,) = export(doc, "pdf", out=tmp_path, teams=[doc.teams[0].name],
                     appendix=True).paths
    dpi = 40
    right = int((PAGE_WIDTH - HANDOUT_MARGINS.right + 2) / 72 * dpi) + 1
    left = int((HANDOUT_MARGINS.left - 2) / 72 * dpi) - 1
    for page in range(1, page_count(path) + 1):
        image = render_gray(path, page, dpi=dpi)
        assert image is not None
        assert image.ink() > 500, f"page {page} is blank"
        assert image.ink((right, 0, image.width, image.height)) == 0, page
        assert image.ink((0, 0, left, image.height)) == 0, page


# -- the report ------------------------------------------------------------------------------------

def test_the_report_has_a_contents_page_with_true_page_numbers(exported):
    _, paths = exported
    texts = page_texts(paths["report"])
    contents = texts[1]
    assert "目录" in contents
    # the contents list the bookmarks' headings in order, each with its page number
    headings = [item.title for item in flat_outline(paths["report"])]
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", contents, re.M)]
    assert len(numbers) == len(headings) >= 12
    for heading, page in zip(headings, numbers, strict=True):
        assert squash(heading) in squash(contents), heading
        assert squash(heading) in squash(texts[page - 1]), (heading, page)
    assert "第五步 行动计划（PDCA）" in headings and "■ 济南队" in headings


def flat_outline(path: Path) -> list:
    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item

    return list(walk(PdfReader(str(path)).outline))


def test_the_report_has_every_teams_plan_and_the_town_hall(exported):
    doc, paths = exported
    text = body_text(paths["report"])
    column = what_column(paths["report"])
    for action in doc.plan.actions:
        assert squash(action.what) in column
    for label in ("策略模型（按票数排序）", "技术交流与展会", "研讨会预算够吗？", "展会谁负责？",
                  "计划落地靠每月检查。", "各小组成果", "PDCA要每月检查"):
        assert squash(label) in text, label


def test_the_report_pdf_has_bookmarks_for_steps_and_teams(exported):
    from pypdf import PdfReader

    _, paths = exported
    outline = PdfReader(str(paths["report"])).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert "第五步 行动计划（PDCA）" in titles and "第六步 城镇会议" in titles
    nested = [item.title for group in outline if isinstance(group, list) for item in group
              if not isinstance(item, list)]
    assert "■ 济南队" in nested


# -- Markdown and CSV: the same content -----------------------------------------------------------

def test_markdown_has_the_same_plan_and_town_hall(exported):
    doc, paths = exported
    text = unescape(paths["md"].read_text("utf-8"))
    for action in doc.plan.actions:
        assert action.what.replace("\n", " ") in text
    for value in ("### 济南队", "待补充：负责人、谁来检查、完成期限、衡量指标、目标值",
                  "负责人请喝奶茶",
                  "研讨会预算够吗？", "计划已修改 — 行动 3：6月30日前举办VIP技术交流研讨会",
                  "**领导签批**: 批准", "计划落地靠每月检查。", "各小组成果"):
        assert value in text, value
    assert r"\<b\>\&\[/oops\]" in paths["md"].read_text("utf-8")  # escaped, not markup


def test_csv_rows_follow_the_printed_plan(exported):
    doc, paths = exported
    rows = list(csv.reader(io.StringIO(paths["csv"].read_bytes().decode("utf-8-sig"))))
    body = rows[1:]
    assert len(body) == len(doc.plan.actions)
    assert [(r[0], r[1]) for r in body] == [("济南队", str(n)) for n in range(1, 6)] + [
        ("青岛队", "1")]
    report = build_report(doc, "zh").steps["plan"]
    assert [r[3] for r in body] == [a.what for a in report.actions]
    header = rows[0]
    full = next(r for r in body if r[3].startswith("6月30日前"))
    record = dict(zip(header, full, strict=True))
    assert record["P 计划"] == "三月定议程" and record["惩罚"] == "负责人请喝奶茶"
    assert record["里程碑"] == "2027-04 1（议程确定）; 2027-06 1（开会）"
    assert record["待补充"] == ""


def test_an_english_handout(tmp_path, font):
    doc = workshop_with_plans()
    doc.meta.language = "en"
    paths = export(doc, "pdf", out=tmp_path, teams=["济南队"], appendix=True).paths
    text = squash(pdf_text(paths[0]))
    for label in ("Actionplan", "Owner", "Checks", "Measure·target", "Ourcommitment",
                  "Leader'ssign-off", "Approved", "Leader'ssignature", "Appendix", "Step5",
                  "Whocarrieswhat"):
        assert label in text, label
    assert "衡量指标" not in text and "领导签批" not in text


def test_due_dates_past_the_deadline_print_as_problems(tmp_path, font):
    doc = with_strategies(shandong())
    ready_action(doc, "提高拜访量", due=dt.date(2028, 2, 1))
    (path,) = export(doc, "pdf", out=tmp_path, teams=["济南队"]).paths
    text = squash(page_texts(path)[0])  # on the sheet, in red, where the team sees it
    assert "期限2028-02-01晚于目标期限2027-12-31" in text
    assert "“提高”太笼统" in text


def test_a_long_contents_runs_over_several_reserved_pages(tmp_path, font):
    from workshop.model import Member, Team

    doc = with_strategies(shandong())
    for n in range(30):
        doc.teams.append(Team(name=f"第{n + 1}组", members=[Member(name=f"组员{n + 1}")]))
    for i in range(len(doc.teams)):
        ready_action(doc, f"第{i + 1}个小组的行动", team_index=i)
    (path,) = export(doc, "pdf", out=tmp_path).paths
    headings = [item.title for item in flat_outline(path)]
    assert len(headings) > 40  # more than one page of contents
    texts = page_texts(path)
    contents = "".join(text for text in texts if " . . ." in text)  # the contents pages
    assert len([text for text in texts if " . . ." in text]) >= 2
    numbers = [int(n) for n in re.findall(r"\.\s*(\d+)\s*$", contents, re.M)]
    assert len(numbers) == len(headings)
    for heading, page in zip(headings, numbers, strict=True):
        assert squash(heading) in squash(texts[page - 1]), (heading, page)
