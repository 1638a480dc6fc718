"""The clock is arithmetic on wall time; turns go round, skipping teams that passed."""

from __future__ import annotations

from workshop.edits import room
from workshop.methods import clock, turns
from workshop.model import Clock


def test_clock_counts_down_on_wall_time_and_pauses():
    c = Clock()
    clock.reset(c, 10, "gaps")
    assert clock.remaining(c) == 600
    clock.start(c, now=1000.0)
    assert clock.remaining(c, now=1030.0) == 570
    clock.pause(c, now=1060.0)
    assert clock.remaining(c, now=5000.0) == 540
    clock.start(c, now=2000.0)
    assert clock.remaining(c, now=2040.0) == 500


def test_clock_levels_and_display():
    c = Clock()
    clock.reset(c, 10)
    assert clock.level(c) == "normal"
    c.remaining_s = 90
    assert clock.level(c) == "warning"
    c.remaining_s = -5
    assert clock.level(c) == "over"
    assert clock.display(600) == "10:00"
    assert clock.display(5400) == "90:00"
    assert clock.display(59.2) == "01:00"
    assert clock.display(-65) == "-01:05"


def test_add_minute_after_time_is_up():
    c = Clock()
    clock.reset(c, 1)
    clock.start(c, now=0.0)
    clock.add(c, 60, now=70.0)
    assert clock.remaining(c, now=70.0) == 50


def test_turns_round_robin_with_passes(doc):
    a, b = (team.id for team in doc.teams)
    assert turns.current_team_id(doc) == a
    assert room.next_turn(doc) == b
    assert room.next_turn(doc) == a
    assert room.pass_turn(doc) == b  # a passes
    assert room.next_turn(doc) == b  # a is skipped
    assert room.pass_turn(doc) is None  # everyone passed: the round is over
    assert doc.room.turn.passed == []


def test_turn_countdown_waits_for_the_clock(doc):
    room.set_turn_seconds(doc, 60, now=100.0)
    assert doc.room.turn.ends_at is None and doc.room.turn.paused_left == 60
    room.toggle_clock(doc, now=200.0)  # clock starts: the countdown runs
    assert doc.room.turn.ends_at == 260.0
    room.toggle_clock(doc, now=230.0)  # paused with 30 s left in the turn
    assert doc.room.turn.paused_left == 30
    room.toggle_clock(doc, now=900.0)
    assert doc.room.turn.ends_at == 930.0


def test_a_pass_lasts_for_the_round_of_its_board(doc):
    a, b = (team.id for team in doc.teams)
    doc.room.turn.team_id = a
    assert room.pass_turn(doc, where="gaps:storm:opportunity") == b
    assert doc.room.turn.passed == [a]
    assert room.enter_round(doc, "gaps:storm:opportunity") is False  # the same board
    assert doc.room.turn.passed == [a]
    assert room.enter_round(doc, "gaps:storm:performance") is True  # another board
    assert doc.room.turn.passed == []
    room.pass_turn(doc, where="gaps:storm:performance")
    doc.room.turn.cards_this_turn = 2
    room.go_to_step(doc, "charter")  # a later step: everyone is back in, counting afresh
    assert doc.room.turn.passed == [] and doc.room.turn.cards_this_turn == 0
