"""Cleaning what people type: escapes and control characters go, text stays literal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.text import cells, clean, truncate, truncate_apart, truncate_start, wrap


def test_escapes_and_controls_are_removed_markup_is_kept():
    assert clean("\x1b[31mred\x1b[0m [/oops] <b>&") == "red [/oops] <b>&"
    assert clean("a\x00b\x07c\x85d") == "abcd"
    assert clean("  two  spaces\tand\u3000tab  ") == "two spaces and tab"
    assert clean("line\nbreak") == "line break"
    assert clean("line \n\n\n\nbreak ", multiline=True) == "line\n\nbreak"
    assert clean("e\u0301") == "\u00e9"  # NFC


def test_long_text_is_cut_without_a_trailing_space():
    text = "字" * 4999 + " " + "x" * 10
    assert clean(text) == "字" * 4999


@given(st.text())
def test_clean_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once
    multi = clean(text, multiline=True)
    assert clean(multi, multiline=True) == multi


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"))))
def test_clean_text_passes_through_unchanged(text):
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    assert clean(text) == text[:5000].rstrip()


def test_cells_truncate_and_wrap_measure_cjk_as_two():
    assert cells("山东ab") == 6
    assert truncate("山东区销售额", 7) == "山东区…"
    lines = wrap("山东区销售额达到七百万元 and more words here", 10)
    assert all(cells(line) <= 10 for line in lines)
    assert "".join(lines).replace(" ", "") == "山东区销售额达到七百万元andmorewordshere"


FIRST = "华东区大客户销售与渠道拓展第一突击小分队"
SECOND = "华东区大客户销售与渠道拓展第二突击小分队"


def test_names_that_would_cut_the_same_keep_where_they_differ():
    assert truncate_apart([FIRST, SECOND, "济南队"], 5) == ["华…一", "华…二", "济南…"]
    assert truncate_apart([FIRST, SECOND], 4) == ["…一", "…二"]
    assert truncate_apart([FIRST, SECOND], 14) == ["华东区大…一突…", "华东区大…二突…"]
    members = [f"济南成员{n}" for n in range(1, 9)]
    assert truncate_apart(members, 8) == [f"济南成…{n}" for n in range(1, 9)]
    # names that fit, or whose cuts differ anyway, are cut as truncate cuts them
    assert truncate_apart([FIRST, SECOND], 40) == [FIRST, SECOND]
    assert truncate_apart(["Alpha Team", "Beta Team"], 5) == ["Alph…", "Beta…"]
    assert truncate_apart(["同名的队", "同名的队"], 4) == ["同…", "同…"]  # nothing to tell apart


@given(st.lists(st.text(max_size=30), max_size=10), st.integers(min_value=1, max_value=40))
def test_cut_apart_names_fit_their_width(names, width):
    cuts = truncate_apart(names, width)
    assert all(cells(cut) <= width for cut in cuts)
    for name, cut in zip(names, cuts, strict=True):
        if [truncate(other, width) for other in names].count(truncate(name, width)) == 1:
            assert cut == truncate(name, width)


def test_truncate_start_keeps_the_end():
    title = "1. 策略1：建立VIP客户分级拜访制度  → 济南队 (50)"
    assert truncate_start(title, 16) == "…  → 济南队 (50)"
    assert truncate_start("济南队", 6) == "济南队"
    assert cells(truncate_start(FIRST, 9)) <= 9 and truncate_start(FIRST, 9).endswith("小分队")
