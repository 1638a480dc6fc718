"""How long the PDFs of a big workshop take: 10 teams × 8 members, 2,000 cards.

Prints seconds for each part and the ratio of the report to a baseline measured in the
same run: a plain reportlab document with as many Paragraphs as the report has blocks of
text (paragraphs and plain table cells), in Helvetica, no tables, no CJK font.
Not a test; run it by hand:

    /work/venv/bin/python bench/bench_pdf.py [--cards 2000] [--teams 10] [--members 8]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

from workshop.export import fonts
from workshop.export.pdf import build_handout_pdf, build_report_pdf, report_story
from workshop.export.pdf.styles import make_styles
from workshop.model import Card, Member, Meta, Team, Workshop
from workshop.model.gaps import GapCard
from workshop.report import build_report

PHRASES = ["提升VIP客户拜访频次", "建立客户预警机制", "新品上市前完成渠道培训", "每周复盘销售漏斗",
           "优化报价审批流程，缩短到两天", "与市场部共同策划季度技术交流会", "下半年两家大客户流失",
           "Customer visits dropped after Q2"]


def big_workshop(teams: int, members: int, cards: int) -> Workshop:
    doc = Workshop(
        meta=Meta(title="山东区 2027 年度目标分解与计划制定工作坊", organization="示例科技 山东区",
                  date=dt.date(2026, 12, 5), facilitator="王老师", location="济南"),
        teams=[Team(name=f"第{i + 1}组",
                    members=[Member(name=f"成员{i + 1}-{j + 1}", role="组长" if j == 0 else "")
                             for j in range(members)])
               for i in range(teams)],
    )
    review_boards = ("highlight", "improve", "success", "failure", "lesson")
    for i in range(cards):
        team = doc.teams[i % teams]
        text = f"{i + 1}. " + "，".join(PHRASES[(i + k) % len(PHRASES)] for k in range(1 + i % 4))
        where = i % 4
        if where == 0:
            doc.review.cards.append(Card(text=text, step="review", team_id=team.id,
                                         board=review_boards[i % len(review_boards)]))
        elif where == 1:
            doc.gaps.cards.append(GapCard(text=text, step="gaps", board="storm", team_id=team.id))
        elif where == 2:
            doc.cocreate.cards.append(Card(text=text, step="cocreate", board="idea",
                                           team_id=team.id))
        else:
            doc.summary.cards.append(Card(text=text, step="summary", board="takeaway",
                                          team_id=team.id))
    return doc


def count_texts(flowables: list[Flowable]) -> int:
    """Every block of text the report draws: Paragraphs, and table cells drawn as plain
    strings (numbers, team names, one-line cards), which stand in for Paragraphs."""
    total = 0
    for flow in flowables:
        if isinstance(flow, Paragraph):
            total += 1
        elif isinstance(flow, Table):
            for row in flow._cellvalues:
                for cell in row:
                    if isinstance(cell, str):
                        total += bool(cell)
                        continue
                    items = cell if isinstance(cell, (list, tuple)) else [cell]
                    total += count_texts([c for c in items if isinstance(c, Flowable)])
    return total


def baseline(paragraphs: int, path: Path) -> float:
    style = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=13)
    start = time.perf_counter()
    story = [Paragraph(f"Card {i}: raise VIP customer visits and keep a customer file.", style)
             for i in range(paragraphs)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return time.perf_counter() - start


def timed(label: str, fn, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(*args)
    seconds = time.perf_counter() - start
    print(f"{label:<38} {seconds:7.2f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--members", type=int, default=8)
    args = parser.parse_args()

    doc = big_workshop(args.teams, args.members, args.cards)
    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    print(f"{args.teams} teams × {args.members} members, {args.cards} cards → {folder}")

    font_box: list[fonts.FontChoice] = []
    timed("find + register CJK font (first time)",
          lambda: font_box.append(fonts.find_cjk_font(lang="en"))
          or fonts.register_font(font_box[0]))
    font = font_box[0]
    print(f"  {font.describe('en')}")
    report_box = []
    timed("build Report (derive)", lambda: report_box.append(build_report(doc, "zh")))
    report = report_box[0]

    cover, body = report_story(report, make_styles(fonts.register_font(font), "zh"))
    paragraphs = count_texts(cover + body)

    pdf_seconds = timed("report PDF", build_report_pdf, report, folder / "report.pdf", font)
    timed("one team handout PDF", build_handout_pdf, report, report.teams[0].id,
          folder / "handout.pdf", font)
    timed(f"all {len(report.teams)} handouts",
          lambda: [build_handout_pdf(report, team.id, folder / f"h-{i}.pdf", font)
                   for i, team in enumerate(report.teams)])
    base = baseline(paragraphs, folder / "baseline.pdf")
    print(f"{'baseline: ' + str(paragraphs) + ' Helvetica Paragraphs':<38} {base:7.2f} s")
    print(f"report / baseline ratio: {pdf_seconds / base:.2f}×")
    pages = sum(1 for _ in (folder / "report.pdf").read_bytes().split(b"/Type /Page\n")) - 1
    print(f"report size: {(folder / 'report.pdf').stat().st_size / 1024:.0f} KiB, ~{pages} pages")


if __name__ == "__main__":
    main()
