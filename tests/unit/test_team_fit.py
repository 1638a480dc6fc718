"""A line of team chips fits its width: the current team always in full, the others
shortened, and past that a window around the current team with counts at the ends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factories import ODD_TEAM_NAMES
from workshop.text import cells
from workshop.tui.widgets.team_fit import Chip, after_mark, before_mark, fit_chips

CHIPS = [Chip(name) for name in ODD_TEAM_NAMES]


def line(fitted) -> str:
    return (before_mark(fitted.before) + "".join(piece for _, piece in fitted.pieces)
            + after_mark(fitted.after))


def test_everything_in_full_when_it_fits():
    fitted = fit_chips(CHIPS, 3, 200)
    assert [i for i, _ in fitted.pieces] == list(range(8))
    assert line(fitted) == "".join(f" {name} " for name in ODD_TEAM_NAMES)


def test_at_80_columns_every_team_shows_the_current_one_in_full():
    for current in range(8):
        fitted = fit_chips(CHIPS, current, 73)
        assert dict(fitted.pieces)[current] == f" {ODD_TEAM_NAMES[current]} "
        assert cells(line(fitted)) <= 73
        if current != 3:  # beside a short current name all eight fit, shortened
            assert [i for i, _ in fitted.pieces] == list(range(8)), current
    # the 20-character name at the keyboard takes half the line: the rest are counted
    fitted = fit_chips(CHIPS, 3, 73)
    assert fitted.before + fitted.after > 0
    assert line(fitted).startswith(f"‹{fitted.before} ") or not fitted.before


def test_too_narrow_for_all_a_window_around_the_current_team_with_counts():
    fitted = fit_chips(CHIPS, 6, 40)
    shown = [i for i, _ in fitted.pieces]
    assert 6 in shown and shown == list(range(shown[0], shown[-1] + 1))
    assert fitted.before == shown[0] and fitted.after == 7 - shown[-1]
    assert fitted.before + len(shown) + fitted.after == 8
    assert cells(line(fitted)) <= 40


def test_marks_are_never_shortened():
    chips = [Chip(name, "12/12") for name in ODD_TEAM_NAMES]
    fitted = fit_chips(chips, 0, 110, gap=1)
    assert all(piece.rstrip().endswith("12/12") for _, piece in fitted.pieces)


def test_two_long_names_that_start_alike_stay_two_teams_when_shortened():
    from big_room import TEAMS  # 第一突击小分队 and 第二突击小分队, twenty characters each

    for width in (73, 110, 150):
        fitted = fit_chips([Chip(name) for name in TEAMS], 0, width)
        pieces = [piece.strip() for _, piece in fitted.pieces]
        assert len(pieces) == len(TEAMS) and len(set(pieces)) == len(pieces), pieces
        assert cells(line(fitted)) <= width


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=12),
       st.integers(min_value=0, max_value=11), st.integers(min_value=12, max_value=250))
def test_any_names_any_width_the_current_team_shows_and_the_line_fits(names, current, width):
    chips = [Chip(name) for name in names]
    current = current % len(chips)
    fitted = fit_chips(chips, current, width, gap=1)
    assert current in dict(fitted.pieces)
    assert fitted.before + len(fitted.pieces) + fitted.after == len(chips)
    assert cells(line(fitted)) + max(0, len(fitted.pieces) - 1) <= width
