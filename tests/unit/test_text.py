"""Cleaning what people type: escapes and control characters go, text stays literal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workshop.text import cells, clean, truncate, wrap


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
