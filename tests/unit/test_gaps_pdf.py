"""Step 2 in print: the gap table, fishbones as vector diagrams (every cause's text on the
page, nothing overlapping), 5-Why chains, PEST, SWOT and TOWS; and the same in Markdown."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from factories import make_doc
from gaps_factory import GAPS, cause_text, fill_fishbone, full_gaps, sub_text
from pdftools import (
    page_texts,
    pdf_text,
    read_png,
    render_gray,
    render_page,
    require_cjk_font,
    require_pdftoppm,
)
from workshop import i18n
from workshop.edits import gaps as edits
from workshop.export import export
from workshop.export.fonts import register_font
from workshop.export.pdf.gaps import FISHBONE_ROOM
from workshop.export.pdf.gaps_fishbone import FishLayout, Stroke, fit_lines, layout, wrap
from workshop.export.pdf.styles import FRAME_WIDTH
from workshop.methods.gaps import ranking
from workshop.report import build_report
from workshop.report.gaps import GapsReport


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def font() -> str:
    return register_font(require_cjk_font())


def key_fishbone(causes: int, subs: int, length: int = 40, bones: int = 6):
    i18n.set_language("zh")
    doc = make_doc(teams=3)
    ids = [edits_card(doc, text) for text in GAPS[:2]]
    edits.set_key(doc, ids[0], True)
    fishbone = ranking.fishbone_of(doc, ids[0])
    for bone in fishbone.bones[bones:]:
        edits.delete_bone(doc, fishbone.id, bone.id)
    fill_fishbone(doc, ids[0], causes=causes, subs=subs, length=length)
    return doc


def edits_card(doc, text):
    from workshop.edits.cards import add_card

    return add_card(doc, "gaps", text, team_id=doc.teams[0].id).id


def gaps_report(doc) -> GapsReport:
    report = build_report(doc, "zh").step("gaps")
    assert isinstance(report, GapsReport)
    return report


# -- the layout: geometry without a PDF ----------------------------------------------------

def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
             slack: float = 0.3) -> bool:
    return (a[0] < b[2] - slack and b[0] < a[2] - slack
            and a[1] < b[3] - slack and b[1] < a[3] - slack)


def crosses(stroke: Stroke, box: tuple[float, float, float, float]) -> bool:
    """Whether a bone line passes through a text box (sampled along the line)."""
    for i in range(201):
        x = stroke.x1 + (stroke.x2 - stroke.x1) * i / 200
        y = stroke.y1 + (stroke.y2 - stroke.y1) * i / 200
        if box[0] + 0.3 < x < box[2] - 0.3 and box[1] + 0.3 < y < box[3] - 0.3:
            return True
    return False


def assert_clean(fish: FishLayout) -> None:
    boxes = [t.box for t in fish.texts if t.kind != "label" and t.kind != "head"]
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b), (a, b)
    labels = [(x, y, x + w, y + h) for x, y, w, h, _kind in fish.boxes]
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a, b), (a, b)
    for box in boxes:
        for label in labels:
            assert not overlaps(box, label), (box, label)
        assert box[0] >= -0.5 and box[2] <= fish.width + 0.5
        assert box[1] >= -0.5 and box[3] <= fish.height + 0.5
    for stroke in fish.strokes:
        if stroke.kind in ("bone", "spine"):
            for box in boxes:
                assert not crosses(stroke, box), (stroke, box)


def test_six_bones_of_five_forty_character_causes_fit_in_full_without_overlaps(font):
    report = gaps_report(key_fishbone(causes=5, subs=0))
    (row,) = report.fishbones
    assert row.cause_count == 30
    fish = layout(row, font, FRAME_WIDTH, FISHBONE_ROOM)
    assert not fish.cut  # every cause in full: nothing shortened
    assert fish.height <= FISHBONE_ROOM
    assert fish.level is not None and fish.level.size >= 7  # readable on paper
    shown = squash("".join(t.text for t in fish.texts if t.kind in ("cause", "root")))
    for b in range(6):
        for c in range(5):
            assert cause_text(b, c) in shown
    assert_clean(fish)


def test_the_issues_limit_of_eight_causes_with_three_sub_causes_stays_clean(font):
    report = gaps_report(key_fishbone(causes=8, subs=3))
    (row,) = report.fishbones
    assert row.cause_count == 6 * 8 * 4
    fish = layout(row, font, FRAME_WIDTH, FISHBONE_ROOM)
    assert fish.height <= FISHBONE_ROOM
    assert fish.cut  # shortened: the section prints the causes in full after it
    assert_clean(fish)


@pytest.mark.parametrize("bones", [1, 2, 3, 5, 8])
def test_other_bone_counts_and_short_causes_stay_clean(font, bones):
    report = gaps_report(key_fishbone(causes=3, subs=1, length=8, bones=min(bones, 6)))
    (row,) = report.fishbones
    if bones == 8:
        row.bones.extend(row.bones[:2])
    fish = layout(row, font, FRAME_WIDTH, FISHBONE_ROOM)
    assert_clean(fish)
    assert sum(1 for s in fish.strokes if s.kind == "bone") == len(row.bones)


def test_a_2000_character_head_is_cut_not_overflowing(font):
    doc = key_fishbone(causes=1, subs=0)
    doc.gaps.cards[0].text = "客户流失" * 500
    (row,) = gaps_report(doc).fishbones
    fish = layout(row, font, FRAME_WIDTH, FISHBONE_ROOM)
    head = [t for t in fish.texts if t.kind == "head"]
    assert len(head) <= 9 and head[-1].text.endswith("…")
    assert fish.cut and fish.height <= FISHBONE_ROOM


def test_wrapping_breaks_cjk_anywhere_and_latin_at_spaces(font):
    lines = wrap("客户经理跟进不及时导致商机流失 follow-up is late and customers leave", font,
                 8, 60)
    assert all(sum(1 for _ in line) for line in lines)
    assert "follow-up" in " ".join(lines).split()  # a word is not split when it fits
    lines, cut = fit_lines("一" * 100, font, 8, 40, 2)
    assert len(lines) == 2 and cut and lines[-1].endswith("…")


# -- the PDF -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory) -> tuple[Path, object]:
    require_cjk_font()
    i18n.set_language("zh")
    doc = make_doc(teams=3)
    full_gaps(doc, causes=5, subs=0)
    keys = ranking.key_gaps(doc)
    fill_fishbone(doc, keys[1].id, causes=8, subs=3, roots=((1, 2),))
    folder = tmp_path_factory.mktemp("gaps-pdf")
    (path,) = export(doc, "pdf", lang="zh", out=folder).paths
    return path, doc


def fishbone_page(path: Path, rank: int, gap: str) -> int:
    title = squash(f"鱼骨图 · 关键差距 {rank}：{gap}")
    for number, text in enumerate(page_texts(path), 1):
        if title in squash(text):
            return number
    raise AssertionError(f"no fishbone page for {gap}")


def test_the_fishbone_page_holds_every_causes_text(big_pdf):
    path, doc = big_pdf
    gap = ranking.key_gaps(doc)[0].card
    number = fishbone_page(path, 1, gap.text)
    text = squash(page_texts(path)[number - 1])
    for b in range(6):
        for c in range(5):
            assert cause_text(b, c) in text, (b, c)
    assert "根本原因" in text


def test_the_fishbone_page_renders_with_ink_in_the_diagram(big_pdf):
    require_pdftoppm()
    path, doc = big_pdf
    number = fishbone_page(path, 1, ranking.key_gaps(doc)[0].card.text)
    png = render_page(path, number, dpi=50)
    assert png is not None
    image = read_png(png)
    gray = render_gray(path, number)
    assert gray is not None
    # the diagram fills the page's middle: ink in the upper and the lower half of the frame
    w, h = gray.width, gray.height
    assert gray.ink((w // 10, h // 8, w * 9 // 10, h // 2)) > 2000
    assert gray.ink((w // 10, h // 2, w * 9 // 10, h * 7 // 8)) > 2000
    assert image.width > 0


def test_a_shortened_fishbone_lists_every_cause_and_sub_cause_in_full(big_pdf):
    path, _doc = big_pdf
    text = squash(pdf_text(path))
    assert "原因明细" in text
    for b in range(6):
        for c in range(8):
            assert cause_text(b, c) in text
            for s in range(3):
                assert squash(sub_text(b, c, s)) in text


def test_the_gap_table_whys_pest_swot_and_tows_are_printed(big_pdf):
    path, _doc = big_pdf
    text = squash(pdf_text(path))
    for gap in GAPS:
        assert squash(gap) in text  # markup-looking text printed literally
    assert text.count("★") == 3  # the three key gaps marked in the table
    assert "按得分排序" in text
    assert "五个为什么" in text and "考核只看月度销售额" in text
    assert "只问了1次就停下。原因：总部排期我们无法再追问" in text
    for words in ("PEST分析", "环保政策趋严", "SWOT分析", "品牌在山东认知度高",
                  "TOWS交叉策略", "借品牌优势开拓县域市场", "收缩低毛利渠道"):
        assert words in text


def test_the_handout_carries_the_key_gaps_and_their_root_causes(tmp_path):
    require_cjk_font()
    i18n.set_language("zh")
    doc = full_gaps(make_doc(teams=2), causes=2)
    (path,) = export(doc, "pdf", lang="zh", out=tmp_path, teams=[doc.teams[1].name],
                     appendix=True).paths
    text = squash(pdf_text(path))
    assert "关键差距与根本原因" in text  # in the appendix
    assert squash(ranking.key_gaps(doc)[0].card.text) in text
    assert "考核只看月度销售额" in text  # a root from a 5-Why chain


def test_english_report_labels(tmp_path):
    require_cjk_font()
    i18n.set_language("en")
    doc = full_gaps(make_doc(teams=2, lang="en"), causes=2)
    (path,) = export(doc, "pdf", lang="en", out=tmp_path).paths
    text = pdf_text(path)
    assert "Key gaps and root causes" in text
    assert "Fishbone" in text and "5 Whys" in text and "TOWS strategies" in text


def test_markdown_has_the_same_parts_with_text_escaped(tmp_path):
    i18n.set_language("zh")
    doc = full_gaps(make_doc(teams=2), causes=2, subs=1)
    (path,) = export(doc, "md", lang="zh", out=tmp_path).paths
    md = path.read_text("utf-8")
    assert r"新人培训不足 \[/oops\] \<b\>\&" in md
    assert "### 关键差距与根本原因" in md
    assert "  - 1.2 " + cause_text(0, 1) + " **● 根本原因**" in md
    assert "    - 1.1.1 " + sub_text(0, 0, 0) in md
    assert "3. 考核只看月度销售额 **● 根本原因**" in md
    assert "#### SO 增长型 · 1 张卡片" in md


def test_an_empty_gaps_step_says_so():
    report = gaps_report(make_doc())
    assert not report.has_content
