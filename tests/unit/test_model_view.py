"""The strategy model drawn for the terminal: a pure layout of the roof, the pillars in
priority order and the foundation, measured in cells (CJK is two wide)."""

from __future__ import annotations

import pytest

from workshop.text import cells
from workshop.tui.widgets.cocreate.model_view import PILLAR_MIN, Pillar, draw, per_row

PILLARS = [
    Pillar("k1", 1, "办好技术交流会和行业展会", 3, team="济南队", color="#e4572e"),
    Pillar("k2", 2, "建立VIP客户分级拜访制度", 2),
    Pillar("k3", 3, "提升产品能力 [/oops] <b>&", 1, tied=True),
]


@pytest.mark.parametrize("width", [40, 76, 120, 196])
def test_every_line_fits_the_width(width):
    drawn = draw("2027年12月31日前山东区销售额达到700万元", PILLARS, width,
                 question="为了实现700万元的销售目标，我们要做的关键行动是什么？")
    assert all(cells(line.plain) <= width for line in drawn.lines)


def test_pillars_stand_left_to_right_in_priority_order():
    drawn = draw("目标", PILLARS, 120)
    text = "\n".join(line.plain for line in drawn.lines)
    row = next(line.plain for line in drawn.lines if "1" in line.plain and "2" in line.plain)
    assert row.index("1") < row.index("2") < row.index("3 =")  # the tie is marked
    assert [box[4] for box in drawn.boxes] == ["k1", "k2", "k3"]
    assert [box[0] for box in drawn.boxes] == sorted(box[0] for box in drawn.boxes)
    assert "济南队" in text and "● 3" not in text  # dots drawn with the given label
    assert "[/oops]" in text and "<b>&" in text  # literal, wrapped inside the pillar


def test_narrow_screens_stack_pillars_in_rows():
    assert per_row(3, 2 * PILLAR_MIN) == 1
    drawn = draw("目标", PILLARS, 2 * PILLAR_MIN + 1)
    tops = sorted({box[1] for box in drawn.boxes})
    assert len(tops) == 2  # two rows


def test_the_goal_is_in_the_roof_and_the_question_at_the_foot():
    drawn = draw("七百万", PILLARS, 80, question="关键行动是什么？", dots_label="{count} 票")
    plain = [line.plain for line in drawn.lines]
    assert any("七百万" in line for line in plain[:6])
    assert "关键行动是什么？" in plain[-1]
    assert any("3 票" in line for line in plain)


def test_no_pillars_says_so():
    drawn = draw("目标", [], 80, empty="还没有命名的类别")
    assert any("还没有命名的类别" in line.plain for line in drawn.lines)
    assert drawn.boxes == []
