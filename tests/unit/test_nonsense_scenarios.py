"""Scenario values no workshop has are refused with the bound they break, at their line;
the same bounds hold where a facilitator types a value in the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop import i18n
from workshop.methods.numbers import ParseError, parse_date
from workshop.methods.vision.smart import check_goal
from workshop.model.limits import MAX_MEMBERS, MAX_NAME, MAX_TITLE
from workshop.problems import Problem, ScenarioError
from workshop.scenario import load_scenario

HEAD = '[workshop]\ntitle = "T"\ndate = 2026-12-05\n\n[[teams]]\nname = "A"\n'


def problems(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "s.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.problems


def one(tmp_path: Path, text: str) -> Problem:
    found = problems(tmp_path, text)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def date_message(day: str) -> str:
    return i18n.t("limits.date", date=day, earliest=2000, latest=2100)


def test_a_deadline_of_year_one_is_refused(tmp_path):
    found = one(tmp_path, HEAD + '[[goals]]\nstatement = "s"\ndeadline = 0001-01-01\n')
    assert (found.path, found.line, found.message) == (
        "goals[0].deadline", 9, date_message("0001-01-01"))


def test_a_workshop_in_the_year_9999_is_refused(tmp_path):
    found = one(tmp_path, HEAD.replace("2026-12-05", "9999-12-31"))
    assert (found.path, found.line, found.message) == (
        "workshop.date", 3, date_message("9999-12-31"))


def test_a_deadline_before_the_workshop_is_refused(tmp_path):
    found = one(tmp_path, HEAD + '[[goals]]\nstatement = "s"\ndeadline = 2025-12-31\n')
    assert found.path == "goals[0].deadline"
    assert found.message == i18n.t("scenario.deadline_before_workshop", date="2026-12-05")


def test_weights_of_1e308_are_refused(tmp_path):
    text = (HEAD + '[[goals]]\nid = "g"\nstatement = "s"\ntarget = 700\n'
            '[[cascades]]\ngoal = "g"\nparts = [{ label = "H1", weight = 1e308 },'
            ' { label = "H2", weight = 1e308 }]\n')
    found = problems(tmp_path, text)
    assert [p.path for p in found] == ["cascades[0].parts[0].weight",
                                       "cascades[0].parts[1].weight"]
    assert found[0].message == i18n.t("limits.weight", max="1,000,000,000,000")


def test_a_target_of_1e308_is_refused(tmp_path):
    found = one(tmp_path, HEAD + '[[goals]]\nstatement = "s"\ntarget = 1e308\n')
    assert found.path == "goals[0].target"


@pytest.mark.parametrize("length", [MAX_NAME + 1, 5_000, 100_000])
def test_a_team_name_longer_than_a_name_is_refused(tmp_path, length):
    found = one(tmp_path, HEAD.replace('name = "A"', f'name = "{"队" * length}"'))
    assert (found.path, found.line) == ("teams[0].name", 6)
    assert found.message == i18n.t("limits.name_too_long", max=MAX_NAME)
    assert len(found.format()) < 300  # what the file has is shown shortened


def test_a_title_of_100000_characters_is_refused(tmp_path):
    found = one(tmp_path, HEAD.replace('title = "T"', f'title = "{"题" * 100_000}"'))
    assert found.message == i18n.t("limits.title_too_long", max=MAX_TITLE)


def test_a_team_of_too_many_members_is_refused(tmp_path):
    members = ", ".join(f'"M{i}"' for i in range(MAX_MEMBERS + 1))
    found = one(tmp_path, HEAD + f"members = [{members}]\n")
    assert found.path == "teams[0].members"


def test_duplicate_team_names_are_refused(tmp_path):
    found = one(tmp_path, HEAD + '\n[[teams]]\nname = "a"\n')
    assert found.path == "teams[1].name"


def test_a_session_given_as_a_scenario_is_named_as_one(tmp_path):
    path = tmp_path / "x.workshop.json"
    path.write_text('{"schema_version": 1}', "utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.problems[0].message == i18n.t("scenario.looks_like_session",
                                                      file=str(path))


def test_smart_t_fails_for_an_implausible_deadline():
    verdict = check_goal("2027年销售额达到700万元", deadline=dt.date(1, 1, 1))["T"]
    assert not verdict.ok
    assert verdict.reason == date_message("0001-01-01")
    assert check_goal("2027年销售额达到700万元", deadline=dt.date(2027, 12, 31))["T"].ok


def test_a_typed_date_outside_the_century_is_refused():
    with pytest.raises(ParseError):
        parse_date("0001-01-01")
    with pytest.raises(ParseError):
        parse_date("9999-12-31")
    assert parse_date("2027-12-31") == dt.date(2027, 12, 31)
