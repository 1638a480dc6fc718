"""Every report prints: a text that makes its box a little taller than a page is cut
across pages, never "a piece of text is too long"."""

from __future__ import annotations

import io

import pytest
from reportlab.platypus import SimpleDocTemplate, Spacer

from pdftools import pdf_text, require_cjk_font
from workshop.edits import cocreate
from workshop.export import export
from workshop.export.fonts import register_font
from workshop.export.pdf.styles import FRAME_HEIGHT, FRAME_WIDTH, Table, make_styles, para

# 36 short lines: the focus question's box comes out 733 points tall, a page holds 708
FOCUS = ("\x96@i\n~\U000e5453àÊ\U000f9489Õ" * 1000)[:1000]


def test_a_focus_question_a_little_taller_than_a_page_prints(doc, tmp_path):
    require_cjk_font()
    cocreate.set_focus_question(doc, FOCUS)
    path = export(doc, "pdf", out=tmp_path, lang="zh").paths[0]
    text = pdf_text(path)
    assert text.count("àÊ") >= FOCUS.count("àÊ")  # every line of it, across the pages


@pytest.mark.parametrize("over", [1, 10, 29, 31, 200])
def test_a_row_taller_than_a_page_by_any_amount_splits(over):
    font = register_font(require_cjk_font())
    styles = make_styles(font, "zh")
    lines = 1
    while True:  # a cell just `over` points taller than the frame
        cell = para("\n".join(["行"] * lines), styles.cell)
        height = Table([[cell]], colWidths=[FRAME_WIDTH]).wrap(FRAME_WIDTH, 10_000)[1]
        if height >= FRAME_HEIGHT + over:
            break
        lines += 1
    for before in (0, 300):
        story = [Spacer(1, before), Table([[cell]], colWidths=[FRAME_WIDTH])]
        SimpleDocTemplate(io.BytesIO(), leftMargin=0, rightMargin=0, topMargin=0,
                          bottomMargin=0, pagesize=(FRAME_WIDTH + 12, FRAME_HEIGHT + 12)
                          ).build(story)
