"""The wall's geometry (pure): how many columns, how wide, and where the cursor goes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.text import cells, clean
from workshop.tui.widgets.wall_layout import (
    Spot,
    balanced,
    band,
    column_width,
    dot_per_dot,
    fill,
    horizontal,
    most_columns,
    retitle,
    same_line,
    stack,
    vertical,
)


def test_columns_use_the_width_and_bands_fill_evenly():
    assert most_columns(78) == 3 and most_columns(196) == 8 and most_columns(10) == 1
    assert balanced(11, 6) == 6  # 6 + 5, not 6 + 5 … and never 10 + 1
    assert balanced(11, 10) == 6
    assert balanced(3, 8) == 3
    width = column_width(196, 6)
    assert 6 * width + 5 * 2 <= 196 and width >= 30


def test_a_title_fills_its_lines_in_chinese_and_breaks_between_words_in_english():
    assert fill("1. 策略1：建立客户分级拜访制度 (6)", 20) == [
        "1. 策略1：建立客户分", "级拜访制度 (6)"]
    assert fill("10. Build tiered VIP client visits (6)", 20) == [
        "10. Build tiered VIP", "client visits (6)"]
    assert all(cells(line) <= 12 for line in fill("[/oops]队 <b>& 🚀火箭队" * 3, 12))


@pytest.mark.parametrize("width", [8, 20, 22, 37])
def test_a_card_on_the_wall_keeps_its_numbers_and_brackets_whole(width):
    card = "展会期间办联谊座谈会（65）老客户转介绍奖励 [/oops] <b>& 48小时响应，" * 30
    lines = fill(card, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == card.replace(" ", "")  # nothing lost
    assert not any(line.startswith(("）", "，")) for line in lines[1:])
    assert fill("建立客户分级档案（62）", 20) == ["建立客户分级档案", "（62）"]
    assert fill("a  b", 1) == ["a", "b"]


@settings(max_examples=400, deadline=None)
@given(text=st.text(st.sampled_from(list("ab 1，。（）()[]【】 中文字🎉\t\u3000\n")), max_size=80),
       width=st.integers(1, 30))
def test_wrapping_keeps_every_character_but_spaces_and_fits_its_lines(text, width):
    text = clean(text, multiline=True)  # as every card and title is kept
    lines = fill(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())  # only spaces go
    assert all(cells(line) <= width or len(line) == 1 for line in lines)  # or too wide
    assert all(line == line.rstrip() for line in lines)
    assert len(lines) >= text.count("\n") + 1  # each paragraph starts a line


def wall():
    """Two bands: three clusters (2, 3 and 1 cards, a title line each), then one cluster
    with two cards. Each line is a string (only the count matters)."""
    def column(i, key, cards, x_width=10):
        return stack(i * 12, x_width, [(key, None, ["title"]),
                                       *((key, j, ["line"] * lines) for j, lines in
                                         enumerate(cards))])
    first = band([column(0, "a", [1, 2]), column(1, "b", [1, 1, 1]), column(2, "c", [2])], 1)
    second = band([column(0, "d", [1, 1])], 1)
    return [first, second]


def test_up_and_down_move_in_a_column_then_to_the_band_below_under_the_same_place():
    bands = wall()
    assert bands[0].height == 4 and bands[0].rows == 5
    at = Spot(0, 0, 1)  # a's first card
    at = vertical(bands, at, 1)
    assert at == Spot(0, 0, 2)
    assert vertical(bands, at, 1) == Spot(1, 0, 1)  # past the column's end: d's first card
    assert vertical(bands, Spot(0, 2, 1), 1) == Spot(1, 0, 1)  # c is over nothing: nearest
    assert vertical(bands, Spot(1, 0, 1), -1) == Spot(0, 0, 2)  # up: a's last card
    assert vertical(bands, Spot(0, 0, 1), -1) is None


def test_left_and_right_move_between_columns_level_with_the_card():
    bands = wall()
    assert horizontal(bands, Spot(0, 0, 2), 1) == Spot(0, 1, 2)  # b's card on the same line
    assert horizontal(bands, Spot(0, 1, 3), 1) == Spot(0, 2, 1)  # c is shorter: its last
    assert horizontal(bands, Spot(0, 2, 1), 1) == Spot(1, 0, 1)  # past the end: next band
    assert horizontal(bands, Spot(1, 0, 1), -1) == Spot(0, 2, 1)
    assert horizontal(bands, Spot(0, 0, 1), -1) is None


def test_a_new_title_moves_the_cards_by_its_difference_only():
    column = wall()[0].columns[0]
    again = retitle(column, ["title", "dots"])
    assert [item.top for item in again.items] == [0, 2, 3]
    assert again.items[1].lines is column.items[1].lines
    assert retitle(column, ["new"]).items[1] is column.items[1]


def test_a_line_is_the_same_when_its_columns_draw_the_same_lines():
    title, card, other = ["title"], [object(), object()], [object()]
    first = band([stack(0, 10, [("a", None, title), ("a", 0, card)]),
                  stack(12, 10, [("b", None, ["b"]), ("b", 0, other)])])
    again = band([first.columns[0], retitle(first.columns[1], ["renamed"])])
    assert same_line(first, 0, again, 0) is False  # b's title differs on its first line
    assert same_line(first, 1, again, 1) is True  # the cards' lines are the same objects
    moved = band([first.columns[0], stack(12, 10, [("b", None, ["b"]), ("b", 0, [object()])])])
    assert same_line(first, 1, moved, 1) is False
    assert same_line(None, 0, None, 0) is True


def test_dots_are_drawn_one_a_dot_while_the_most_fits_the_column():
    assert dot_per_dot(3, 20, 24) and not dot_per_dot(3, 30, 24)
