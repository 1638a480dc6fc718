"""What a check-in exports, read back: the monthly board (PDF, one A4 landscape page per
team, its text extracted), the Markdown, the CSV of actuals (which imports back), and the
handout's milestone grid that prints what each period must bring."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from checkin_factory import FEBRUARY, STORE, WEEKS, store, store_with_weeks
from factories import SCENARIOS
from pdftools import page_texts, pdf_text, render_gray, require_cjk_font
from workshop.edits import checkin as edits
from workshop.edits.checkin_import import parse_actuals
from workshop.export import ExportError, export, export_checkin
from workshop.methods.checkin import subjects
from workshop.model import Action
from workshop.scenario import load_scenario


def behind_store():
    """The store on 14 February: 22,000 and 24,000, the re-split accepted, the first
    team's people and actions checked."""
    doc, checkin_id = store_with_weeks(22000, 24000)
    early = doc.teams[0]
    for share in subjects.subjects(doc):
        if share.team_id == early.id:
            edits.set_actual(doc, checkin_id, share.key, *WEEKS[0], 2900 if share.kind ==
                             "amount" else 1.45)
    doc.plan.actions.append(Action(what="每天开店前10分钟晨会，公布当天目标3571元",
                                   team_id=early.id, owner_id=early.members[0].id,
                                   checker_id=early.members[1].id, due=dt.date(2027, 3, 10),
                                   next_check=dt.date(2027, 2, 21)))
    edits.accept_replan(doc, checkin_id, STORE)
    edits.check_action(doc, checkin_id, doc.plan.actions[0].id, percent=40)
    return doc


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_each_team_gets_a_one_page_landscape_board(tmp_path):
    require_cjk_font()
    doc = behind_store()
    result = export_checkin(doc, "pdf", out=tmp_path)
    names = [p.name for p in result.paths]
    assert len(names) == 4 and all("业绩板-2027-02-14" in n for n in names)
    assert "示例服饰有限公司 北京A店" in names[0] and "早班组" in names[1]
    from pypdf import PdfReader

    for path in result.paths:
        reader = PdfReader(path)
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    whole = squash(pdf_text(result.paths[0]))
    assert "落后1" in whole and "业绩板·月度检查" in whole
    assert "剩下每期27,000元·每天3,857–3,858元" in whole
    assert "目标100,000元" in whole  # the target line of the burn-up, named
    team = squash(pdf_text(result.paths[1]))
    assert "刘芳" in team and "按人（按能力）" in team
    assert "每天开店前10分钟晨会" in team and "陈晓燕" in team  # owner's action, checker
    assert "进行中40%" in team
    assert "下月目标与分解" in team


def test_a_board_draws_its_charts_as_vectors_that_show(tmp_path):
    require_cjk_font()
    path = export_checkin(behind_store(), "pdf", out=tmp_path, teams=["早班组"]).paths[0]
    page = render_gray(path, dpi=40)
    if page is None:
        pytest.skip("pdftoppm is not installed")
    # six tiles: ink across the page's width in the chart band, not only text
    assert page.ink((0, page.height // 8, page.width, page.height * 3 // 5)) > 2000


def test_one_team_only_and_a_date_that_was_not_held(tmp_path):
    require_cjk_font()
    doc = behind_store()
    only = export_checkin(doc, "pdf", out=tmp_path, teams=["晚班组"], date="2027-02-14")
    assert [p.name for p in only.paths] == [
        "北京A店 2027年2月销售目标分解与行动计划-晚班组-业绩板-2027-02-14.pdf"]
    with pytest.raises(ExportError, match="2027-02-14"):
        export_checkin(doc, "pdf", out=tmp_path, date="2027-03-01")
    with pytest.raises(ExportError, match="还没有检查"):
        export_checkin(store(), "md", out=tmp_path)


def test_the_markdown_has_every_board_with_the_rule_in_words(tmp_path):
    path = export_checkin(behind_store(), "md", out=tmp_path).paths[0]
    text = path.read_text("utf-8")
    assert text.count("· 业绩板") == 4
    assert "需要高于平均水平的业绩才能追上" in text
    assert "27,000元 （原 25,000元）" in text  # the re-split beside the day's plan
    assert "3,857.14" in text


def test_the_csv_of_actuals_opens_in_excel_and_imports_back(tmp_path):
    doc = behind_store()
    path = export_checkin(doc, "csv", out=tmp_path).paths[0]
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["小组", "目标编号", "目标", "分解"]
    store_rows = [r for r in rows if r[1] == "store" and not r[4]]
    assert [r[11] for r in store_rows] == ["22000", "24000", "", ""]
    assert store_rows[1][14] == "落后"
    # fill in week 3 in "Excel" and import the file back into a later check-in
    for row in rows:
        if row[1] == "store" and not row[4] and row[6] == "2027-02-15":
            row[11] = "26,500"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    read = parse_actuals(doc, buffer.getvalue().encode("utf-8-sig"))
    assert (STORE, *WEEKS[2], 26500.0) in read
    assert len(read) == len([r for r in rows[1:] if r[11]])


def test_an_imported_actual_in_wan_reads_as_said_in_a_wan_yuan_goal():
    """A CSV typed by hand for Shandong (万元): "145万" is 145, a bare 60 is 60."""
    doc = load_scenario(SCENARIOS / "shandong-sales.toml")
    data = "目标编号,开始,实际\nshandong,2027-01-01,145万\njinan,2027-01-01,60\n"
    read = parse_actuals(doc, data.encode("utf-8"))
    assert sorted((row[0][0], row[-1]) for row in read) == [("jinan", 60), ("shandong", 145)]


# -- the handout's milestone grid: what each period must bring, and the running total ---------

def test_the_handout_grid_prints_each_periods_plan_and_the_running_total(tmp_path):
    require_cjk_font()
    doc = store()
    members = page_texts(export(doc, "pdf", out=tmp_path / "m",
                                teams=["陈列会员组"]).paths[0])[0]
    grid = members[members.index("里程碑"):members.index("行动计划", members.index("里程碑"))]
    lines = [line.strip() for line in grid.splitlines() if line.strip()]
    plan = lines.index("计划（人）")
    assert lines[plan + 1:plan + 5] == ["30", "30", "30", "30"]  # 120 people over 4 weeks
    assert lines[plan + 5] == "累计"
    assert lines[plan + 6:plan + 10] == ["30", "60", "90", "120"]
    # a level (件/单) prints where it must stand, and has no running total
    early = page_texts(export(doc, "pdf", out=tmp_path / "e", teams=["早班组"]).paths[0])[0]
    grid = early[early.index("里程碑"):early.index("行动计划", early.index("里程碑"))]
    lines = [line.strip() for line in grid.splitlines() if line.strip()]
    plan = lines.index("计划（件/单）")
    assert lines[plan + 1:plan + 5] == ["1.5", "1.6", "1.7", "1.8"]
    assert "累计" not in lines


def test_new_check_in_export_needs_a_known_format(tmp_path):
    doc, _ = store_with_weeks(22000)
    with pytest.raises(ExportError, match="json"):
        export_checkin(doc, "json", out=tmp_path)


def test_a_check_in_of_a_week_reviews_that_week(tmp_path):
    doc = store()
    checkin = edits.new_checkin(doc, dt.date(2027, 2, 8), *WEEKS[0])
    edits.set_actual(doc, checkin.id, STORE, *WEEKS[0], 25100)
    text = export_checkin(doc, "md", out=tmp_path).paths[0].read_text("utf-8")
    assert "2027-02-01 — 2027-02-07" in text and "持平" in text
    assert FEBRUARY[0] == WEEKS[0][0]
