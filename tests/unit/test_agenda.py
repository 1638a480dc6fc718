"""The agenda is laid out over the method's day (9:00–12:00, 13:30–17:00): steps split
across lunch or into the next day where they must, never running past 17:00; ``workshop
validate`` warns when the agenda does not fit the days."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import SCENARIOS, make_doc
from workshop import cli
from workshop.methods import agenda
from workshop.report import build_report
from workshop.scenario import load_scenario

DEMO = SCENARIOS.parent / "src" / "workshop" / "data" / "demo.toml"
MORNING = (dt.time(9, 0), dt.time(12, 0))
AFTERNOON = (dt.time(13, 30), dt.time(17, 0))


def inside_the_day(slot: agenda.Slot) -> bool:
    return any(start <= slot.start and slot.end <= end for start, end in (MORNING, AFTERNOON))


@pytest.mark.parametrize("path", [*sorted(SCENARIOS.glob("*.toml")), DEMO],
                         ids=lambda p: p.name)
def test_every_shipped_agenda_fits_its_days_inside_the_sessions(path):
    doc = load_scenario(path)
    planned = agenda.of_workshop(doc)
    assert planned.fits, (planned.total, planned.days)
    assert all(inside_the_day(slot) for slot in planned.slots)
    assert planned.total == sum(doc.agenda.values())
    rows = build_report(doc, "zh").agenda
    assert all(row.end <= "17:00" and not ("12:00" < row.end <= "13:30") for row in rows)


def test_a_co_create_starting_at_1155_is_split_across_lunch_not_run_through_it():
    doc = load_scenario(DEMO)
    # the demo: co-create started 11:55 for 75 minutes, lunch shrank to 20 minutes
    doc.agenda = {"review": 30, "vision": 50, "gaps": 70, "charter": 25, "cocreate": 75,
                  "plan": 70, "townhall": 55, "summary": 15}
    slots = [s for s in agenda.of_workshop(doc).slots if s.step == "cocreate"]
    assert [(s.start, s.end) for s in slots] == [(dt.time(11, 55), dt.time(12, 0)),
                                                 (dt.time(13, 30), dt.time(14, 40))]
    assert sum(s.minutes for s in slots) == doc.agenda["cocreate"]
    assert all(inside_the_day(s) for s in slots)
    assert not any(s.start < dt.time(12, 0) < s.end for s in slots)


def test_a_two_day_workshop_fills_day_one_then_goes_on_to_day_two():
    doc = make_doc()
    doc.meta.days = 2
    doc.agenda = {"review": 60, "vision": 90, "gaps": 90, "charter": 30, "cocreate": 100,
                  "plan": 90, "townhall": 45, "summary": 15}  # 520 minutes
    planned = agenda.of_workshop(doc)
    day_one = [s for s in planned.slots if s.day == 1]
    assert sum(s.minutes for s in day_one) == 390 and max(s.end for s in day_one) == (
        dt.time(17, 0))
    assert sum(s.minutes for s in planned.slots if s.day == 2) == 130
    assert planned.fits and all(inside_the_day(s) for s in planned.slots)


def test_a_few_minutes_before_lunch_start_after_it_when_the_day_has_room():
    planned = agenda.lay_out([("review", 170), ("vision", 60), ("gaps", 30)], days=1)
    vision = [s for s in planned.slots if s.step == "vision"]
    assert [(s.start, s.end) for s in vision] == [(dt.time(13, 30), dt.time(14, 30))]
    # a full day has no room to spare: the step is split at 12:00 instead
    full = agenda.lay_out([("review", 170), ("vision", 220)], days=1)
    assert [(s.start, s.end, s.piece, s.pieces) for s in full.slots if s.step == "vision"] == [
        (dt.time(11, 50), dt.time(12, 0), 1, 2), (dt.time(13, 30), dt.time(17, 0), 2, 2)]


def test_the_printed_agenda_shows_lunch_and_the_pieces_of_a_split_step():
    doc = load_scenario(DEMO)
    report = build_report(doc, "zh")
    from workshop.report import agenda_table

    _header, body = agenda_table(report.agenda, "zh")
    assert ["11:55—13:30", "午餐、休息", ""] in body  # the morning ends 11:55
    assert any("（1/2）" in row[1] for row in body) == any(
        r.title.endswith("（1/2）") for r in report.agenda)


def test_validate_warns_when_the_agenda_does_not_fit_the_days(tmp_path, capsys):
    text = (SCENARIOS / "shandong-sales.toml").read_text(encoding="utf-8")
    text = text.replace("[agenda]", "[agenda]\n# too long\n", 1).replace(
        "gaps = 70", "gaps = 205")
    path = tmp_path / "long.toml"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 0  # valid, but too full for one day
    err = capsys.readouterr().err
    assert "议程共 520 分钟" in err and "1 天只有 390 分钟" in err and "第 2 天" in err
    assert cli.main(["validate", str(SCENARIOS / "shandong-sales.toml")]) == 0
    assert "议程" not in capsys.readouterr().err


def test_a_scenario_without_an_agenda_fits_its_one_day(tmp_path, capsys):
    """The default minutes are the method's day: a facilitator who leaves ``[agenda]``
    out is not told to cut steps or plan a second day they never asked for."""
    text = (SCENARIOS / "shandong-sales.toml").read_text(encoding="utf-8")
    start = text.index("[agenda]")
    end = text.index("# -- 小组", start)
    path = tmp_path / "no-agenda.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "议程" not in err and "第 2 天" not in err
    doc = load_scenario(path)
    planned = agenda.of_workshop(doc)
    assert planned.fits and planned.days_needed == 1
    assert planned.total == agenda.DAY_MINUTES  # Shandong holds a review: the whole day


def test_without_a_review_the_day_starts_with_step_1(tmp_path):
    """No [[review.goals]] and no review minutes: the room opens on step 1, and so does
    the printed day (not a review slot at 9:00 that nobody holds)."""
    text = (SCENARIOS / "shandong-sales.toml").read_text(encoding="utf-8")
    start = text.index("[agenda]")
    text = text[:start] + text[text.index("# -- 小组", start):]
    text = text[:text.index("# -- 复盘")] + text[text.index("[gaps]"):]
    path = tmp_path / "no-review.toml"
    path.write_text(text, encoding="utf-8")
    doc = load_scenario(path)
    planned = agenda.of_workshop(doc)
    assert doc.room.step == "vision" and doc.agenda["review"] == 0
    first = planned.slots[0]
    assert (first.step, first.start) == ("vision", dt.time(9, 0))
    assert planned.fits and planned.total == agenda.DAY_MINUTES - 30
