"""The scenario loader: every problem names file, line, field, expected and found, in zh
and en, and nothing a facilitator can write produces a traceback."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workshop import i18n
from workshop.model.limits import MAX_NAME
from workshop.scenario import (
    MAX_BYTES,
    MAX_PROBLEMS,
    Problem,
    ScenarioError,
    load_scenario,
    locate,
    read_text,
    scenario_language,
)
from workshop.text import clean

MINIMAL = '[workshop]\ntitle = "T"\n\n[[teams]]\nname = "A"\n'
LANGS = ("zh", "en")
CJK = re.compile(r"[\u4e00-\u9fff]")


def write(tmp_path: Path, text: str | bytes, name: str = "s.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.problems, "a ScenarioError must carry problems"
    return caught.value.problems


def only(path: Path) -> Problem:
    found = problems_of(path)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """1-based number of the `nth` line of `text` containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth]


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    i18n.set_language(request.param)
    return request.param


def assert_in_language(message: str, lang: str) -> None:
    """A zh message is Chinese; an en message has no Chinese of its own."""
    if lang == "zh":
        assert CJK.search(message), message
    else:
        assert not CJK.search(message), message


# -- the happy path ----------------------------------------------------------------------

def test_minimal_scenario_loads(tmp_path: Path) -> None:
    doc = load_scenario(write(tmp_path, MINIMAL))
    assert doc.meta.title == "T"
    assert [t.name for t in doc.teams] == ["A"]
    assert doc.room.step == "vision"


def test_str_path_is_accepted(tmp_path: Path) -> None:
    assert load_scenario(str(write(tmp_path, MINIMAL))).meta.title == "T"


def test_members_as_names_or_tables(tmp_path: Path) -> None:
    text = MINIMAL + 'members = ["张三", { name = "李四", role = "组长" }]\n'
    team = load_scenario(write(tmp_path, text)).teams[0]
    assert [(m.name, m.role) for m in team.members] == [("张三", ""), ("李四", "组长")]


def test_funnel_is_built(tmp_path: Path) -> None:
    # regression: every [[funnels]] entry used to crash build() (goal vs goal_id)
    text = MINIMAL + (
        '[[goals]]\nid = "g"\nstatement = "s"\n'
        '[[funnels]]\ngoal = "g"\ntarget_value = 1000000\naverage_value = 2000\n'
        'stages = ["calls", "appointments", "meetings", "signings"]\nrates = [0.1, 0.5, 0.1]\n'
    )
    funnel = load_scenario(write(tmp_path, text)).vision.funnels[0]
    assert funnel.goal_id == "g"
    assert funnel.rates == [0.1, 0.5, 0.1]
    assert (funnel.weeks_per_year, funnel.days_per_week) == (50, 5)


def test_review_goals_open_on_review(tmp_path: Path) -> None:
    text = MINIMAL + '[[review.goals]]\nstatement = "last year"\noutcome = "lost"\n'
    doc = load_scenario(write(tmp_path, text))
    assert doc.room.step == "review"
    assert doc.review.goals[0].outcome == "lost"


def test_cards_go_to_their_boards(tmp_path: Path) -> None:
    text = MINIMAL + (
        '[[cards]]\nstep = "gaps"\ntext = "no leads"\nteam = "a"\n'
        '[[cards]]\nstep = "gaps"\nboard = "swot.S"\ntext = "brand"\nhidden = true\n'
    )
    doc = load_scenario(write(tmp_path, text))
    assert [c.text for c in doc.gaps.cards] == ["no leads"]
    assert doc.gaps.cards[0].team_id == doc.teams[0].id  # team names ignore case
    assert doc.gaps.swot[0].board == "swot.S" and doc.gaps.swot[0].hidden


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_scenario(path).meta.title == "T"


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("\n", "\r\n").encode() + b'days = "x"\r\n')
    problem = only(path)
    assert problem.path == "teams[0].days"  # after [[teams]]: the key belongs there
    assert problem.line == 6


@pytest.mark.parametrize("text", ["[/oops]", "<b>&amp;</b> & [bold]x[/bold]", "目标 🎯🚀 达成 ✅",
                                  "a\\b \"q\" 'single'"])
def test_user_text_is_kept_literally(tmp_path: Path, text: str) -> None:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    source = (f'[workshop]\ntitle = "{quoted}"\n[[teams]]\nname = "{quoted}"\n'
              f'members = ["{quoted}"]\n[[goals]]\nstatement = "{quoted}"\n'
              f'[vision]\nstatement = "{quoted}"\n')
    doc = load_scenario(write(tmp_path, source))
    assert doc.meta.title == text
    assert doc.teams[0].name == text
    assert doc.teams[0].members[0].name == text
    assert doc.vision.goals[0].statement == text
    assert doc.vision.statement == text


def test_long_statement_is_kept(tmp_path: Path) -> None:
    statement = ("为了实现年度目标，" * 250)[:2000]
    assert len(statement) == 2000
    doc = load_scenario(write(tmp_path, MINIMAL + f'[[goals]]\nstatement = "{statement}"\n'))
    assert doc.vision.goals[0].statement == statement


def test_multiline_text_keeps_its_lines(tmp_path: Path) -> None:
    source = MINIMAL + '[vision]\nstatement = """\n第一行\n\n\n\n第二行   有空格\n"""\n'
    doc = load_scenario(write(tmp_path, source))
    assert doc.vision.statement == "第一行\n\n第二行 有空格"


# -- wrong values ----------------------------------------------------------------------

def test_wrong_type(tmp_path: Path, lang: str) -> None:
    source = MINIMAL.replace('title = "T"', 'title = "T"\ndays = "two"')
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line, problem.found) == ("workshop.days", 3, '"two"')
    assert problem.message == i18n.t("scenario.expect.integer")
    assert_in_language(problem.message, lang)


@pytest.mark.parametrize(("value", "found"), [("true", "true"), ("1.5", "1.5"), ('"2"', '"2"')])
def test_no_guessing_at_types(tmp_path: Path, value: str, found: str) -> None:
    problem = only(write(tmp_path, MINIMAL.replace('title = "T"', f'title = "T"\ndays = {value}')))
    assert (problem.path, problem.found) == ("workshop.days", found)


def test_quoted_date_says_without_quotes(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL.replace('title = "T"',
                                                   'title = "T"\ndate = "2027-12-31"')))
    assert problem.path == "workshop.date" and problem.found == '"2027-12-31"'
    assert "2027-12-31" in problem.message
    assert ("不加引号" if lang == "zh" else "without quotes") in problem.message


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_nan_and_inf_are_not_numbers(tmp_path: Path, value: str, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + f'[[goals]]\nstatement = "s"\ntarget = {value}\n'))
    assert problem.path == "goals[0].target"
    assert problem.message == i18n.t("scenario.expect.finite")
    assert_in_language(problem.message, lang)


def test_range_limit_reads_as_people_write_it(tmp_path: Path) -> None:
    source = MINIMAL + '[[cascades]]\ngoal = "g"\nparts = [{ label = "a", weight = -1 }]\n'
    problem = problems_of(write(tmp_path, source))[0]
    assert problem.path == "cascades[0].parts[0].weight"
    assert problem.message == i18n.t("scenario.expect.ge", limit="0")  # 0, not 0.0


def test_choices_in_the_language(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + '[[review.goals]]\nstatement = "s"\noutcome = "gone"\n'
    problem = only(write(tmp_path, source))
    assert problem.path == "review.goals[0].outcome"
    for choice in ("exceeded", "met", "missed", "lost"):
        assert f'"{choice}"' in problem.message
    assert " or " not in problem.message  # pydantic's English list is not shown
    assert_in_language(problem.message, lang)


def joined(*items: str) -> str:
    """Quoted items as the current language lists them."""
    return ("、" if i18n.get_language() == "zh" else ", ").join(f'"{i}"' for i in items)


def test_close_choice_is_suggested(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + '[[review.goals]]\nstatement = "s"\noutcome = "mised"\n'
    assert only(write(tmp_path, source)).message == i18n.t(
        "scenario.expect.one_of_suggest", choices=joined("exceeded", "met", "missed", "lost"),
        name='"missed"')


def test_bad_colour(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + 'color = "red"\n'))
    assert (problem.path, problem.line, problem.found) == ("teams[0].color", 6, '"red"')
    assert problem.message == i18n.t("scenario.expect.color")
    assert "#rrggbb" in problem.message


def test_blank_after_cleaning_is_empty(tmp_path: Path, lang: str) -> None:
    # spaces, a full-width space and an escape sequence: nothing left once cleaned
    source = '[workshop]\ntitle = "  \\u3000 \\u001b[31m "\n[[teams]]\nname = "A"\n'
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line) == ("workshop.title", 2)
    assert problem.message == i18n.t("scenario.expect.not_empty")


def test_blank_team_and_member_names(tmp_path: Path) -> None:
    source = '[workshop]\ntitle = "T"\n[[teams]]\nname = " "\nmembers = ["ok", "\\t"]\n'
    assert {p.path for p in problems_of(write(tmp_path, source))} == {
        "teams[0].name", "teams[0].members[1]" + ".name"}


def test_member_of_wrong_type(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + "members = [42]\n"))
    assert (problem.path, problem.found) == ("teams[0].members[0]", "42")
    assert problem.message == i18n.t("scenario.expect.member",
                                     example='{ name = "…", role = "…" }')


def test_found_is_safe_to_print(tmp_path: Path) -> None:
    source = MINIMAL.replace('title = "T"', 'title = "T"\ndays = "\\u001b[2J\\u001b]0;x\\u0007two"')
    problem = only(write(tmp_path, source))
    assert problem.found == '"two"'
    assert "\x1b" not in problem.format()


# -- unknown and missing keys ------------------------------------------------------------

def test_unknown_key_at_top_level(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, "colour = 1\n" + MINIMAL))
    assert (problem.path, problem.line, problem.found) == ("colour", 1, "colour")
    assert "workshop" in problem.message and "teams" in problem.message  # lists the keys
    assert_in_language(problem.message, lang)


def test_key_in_the_wrong_table_says_where_it_belongs(tmp_path: Path, lang: str) -> None:
    found = problems_of(write(tmp_path, 'title = "T"\n[[teams]]\nname = "A"\n'))
    by_path = {p.path: p for p in found}
    assert by_path["workshop"].message == i18n.t("scenario.expect.missing_table",
                                                  table="[workshop]")
    assert by_path["title"].line == 1
    assert "[workshop]" in by_path["title"].message


def test_unknown_key_in_workshop(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL.replace('title = "T"', 'title = "T"\ntitel = "U"')))
    assert (problem.path, problem.line, problem.found) == ("workshop.titel", 3, "titel")
    assert problem.message == i18n.t("scenario.expect.unknown_key_suggest", name="title")


def test_unknown_key_in_member_inline_table(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + 'members = [\n  "甲",\n  { name = "乙", rol = "组长" },\n]\n'
    problem = only(write(tmp_path, source))
    assert problem.path == "teams[0].members[1].rol"
    assert problem.line == line_of(source, "rol =")  # the member's own line
    assert problem.message == i18n.t("scenario.expect.unknown_key_suggest", name="role")


def test_unknown_key_in_second_goal(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + ('[[goals]]\nstatement = "a"\nbaseline = 1\n\n'
                        '[[goals]]\nstatement = "b"\nbaselin = 2\n')
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line) == ("goals[1].baselin", line_of(source, "baselin ="))
    assert "baseline" in problem.message


def test_unknown_key_without_close_match_lists_the_keys(tmp_path: Path) -> None:
    problem = only(write(tmp_path, MINIMAL + "[townhall]\nxyz = 1\n"))
    assert problem.path == "townhall.xyz"
    assert "minutes_per_team" in problem.message


def test_agenda_typo(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + "[agenda]\nreviw = 30\n"))
    assert (problem.path, problem.found, problem.line) == ("agenda.reviw", "reviw", 7)
    assert "[key]" not in problem.format()
    assert '"review"' in problem.message


def test_agenda_minutes_out_of_range(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + "[agenda]\nvision = 60\nplan = 4000\n"))
    assert (problem.path, problem.found, problem.line) == ("agenda.plan", "4000", 8)
    assert "600" in problem.message


def test_missing_title(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, '[workshop]\ndays = 1\n[[teams]]\nname = "A"\n'))
    assert (problem.path, problem.line, problem.found) == ("workshop.title", 1, None)
    assert problem.message == i18n.t("scenario.expect.missing")


def test_missing_teams(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, '[workshop]\ntitle = "T"\n'))
    assert (problem.path, problem.line) == ("teams", None)
    assert problem.message == i18n.t("scenario.expect.missing_tables", table="[[teams]]")
    assert_in_language(problem.message, lang)


def test_teams_written_with_one_bracket(tmp_path: Path) -> None:
    problem = only(write(tmp_path, '[workshop]\ntitle = "T"\n[teams]\nname = "A"\n'))
    assert (problem.path, problem.line) == ("teams", 3)
    assert "[[teams]]" in problem.message


def test_empty_teams_list(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, 'teams = []\n[workshop]\ntitle = "T"\n'))
    assert (problem.path, problem.line) == ("teams", 1)
    assert problem.message == i18n.t("scenario.expect.at_least", min=1)


def test_top_level_key_inside_a_table(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL.replace('title = "T"', 'title = "T"\ngoals = []')))
    assert (problem.path, problem.line) == ("workshop.goals", 3)
    assert problem.message == i18n.t("scenario.expect.unknown_key_top")


# -- cross-references ------------------------------------------------------------------

def test_duplicate_team(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + '\n[[teams]]\nname = "a"\n'
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line, problem.found) == ("teams[1].name", 8, '"a"')
    assert problem.message == i18n.t("scenario.duplicate_team")


def test_duplicate_member(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + 'members = ["王伟", "李娜", "王伟"]\n'))
    assert (problem.path, problem.found) == ("teams[0].members[2]", '"王伟"')
    assert problem.message == i18n.t("scenario.duplicate_member")


def test_unknown_team_in_goal(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + '[[teams]]\nname = "济南队"\n[[goals]]\nstatement = "s"\nteam = "威海"\n'
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line, problem.found) == ("goals[0].team", 10, '"威海"')
    assert problem.message == i18n.t("scenario.unknown_team", teams=joined("A", "济南队"))


def test_close_team_name_is_suggested(tmp_path: Path) -> None:
    source = MINIMAL + '[[teams]]\nname = "Harbor"\n[[goals]]\nstatement = "s"\nteam = "Harbour"\n'
    assert only(write(tmp_path, source)).message == i18n.t("scenario.unknown_team_suggest",
                                                           name='"Harbor"')


def test_unknown_parent_goal(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + ('[[goals]]\nid = "company"\nstatement = "a"\n'
                        '[[goals]]\nid = "x"\nstatement = "b"\nparent = "zzz"\n')
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.found) == ("goals[1].parent", '"zzz"')
    assert problem.line == line_of(source, 'parent = "zzz"')
    assert problem.message == i18n.t("scenario.unknown_goal", goals=joined("company", "x"))


def test_misspelt_parent_is_suggested(tmp_path: Path) -> None:
    source = MINIMAL + ('[[goals]]\nid = "shandong"\nstatement = "a"\n'
                        '[[goals]]\nstatement = "b"\nparent = "shandon"\n')
    assert '"shandong"' in only(write(tmp_path, source)).message


def test_parent_cycle_is_reported_once_with_its_loop(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + (
        '[[goals]]\nid = "a"\nstatement = "a"\nparent = "c"\n'
        '[[goals]]\nid = "b"\nstatement = "b"\nparent = "a"\n'
        '[[goals]]\nid = "c"\nstatement = "c"\nparent = "b"\n'
        '[[goals]]\nid = "d"\nstatement = "d"\nparent = "a"\n'  # hangs off the loop: fine
    )
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line) == ("goals[0].parent", line_of(source, 'parent = "c"'))
    assert "a → c → b → a" in problem.message
    assert_in_language(problem.message, lang)


def test_goal_that_is_its_own_parent(tmp_path: Path) -> None:
    source = MINIMAL + '[[goals]]\nid = "a"\nstatement = "s"\nparent = "a"\n'
    problem = only(write(tmp_path, source))
    assert problem.path == "goals[0].parent" and "a → a" in problem.message


def test_duplicate_goal_id(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + ('[[goals]]\nid = "g"\nstatement = "a"\n'
                        '[[goals]]\nid = "g"\nstatement = "b"\n')
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line) == ("goals[1].id", 10)


def test_bad_goal_id(tmp_path: Path) -> None:
    problem = only(write(tmp_path, MINIMAL + '[[goals]]\nid = "济南"\nstatement = "a"\n'))
    assert problem.path == "goals[0].id" and problem.message == i18n.t("scenario.expect.id")


def test_cascade_references(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + ('members = ["甲"]\n[[goals]]\nid = "g"\nstatement = "s"\n'
                        '[[cascades]]\ngoal = "h"\nparts = [\n'
                        '  { label = "one", team = "A", member = "甲" },\n'
                        '  { label = "two", team = "A", member = "乙" },\n'
                        ']\n')
    found = {p.path: p for p in problems_of(write(tmp_path, source))}
    assert set(found) == {"cascades[0].goal", "cascades[0].parts[1].member"}
    assert found["cascades[0].parts[1].member"].line == line_of(source, '"two"')
    assert found["cascades[0].parts[1].member"].message == i18n.t("scenario.unknown_member")


def test_all_weights_zero(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + ('[[goals]]\nid = "g"\nstatement = "s"\n[[cascades]]\ngoal = "g"\n'
                        'parts = [{ label = "a", weight = 0 }, { label = "b", weight = 0 }]\n')
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line) == ("cascades[0].parts", line_of(source, "parts ="))
    assert problem.message == i18n.t("scenario.weights_zero")


def test_rates_count_mismatch(tmp_path: Path, lang: str) -> None:
    source = MINIMAL + ('[[funnels]]\ntarget_value = 100\naverage_value = 10\n'
                        'stages = ["a", "b", "c", "d"]\nrates = [0.1, 0.5]\n')
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.line, problem.found) == ("funnels[0].rates", 10, "[0.1, 0.5]")
    assert problem.message == i18n.t("scenario.rates_count", stages=4, count=3)
    assert_in_language(problem.message, lang)


@pytest.mark.parametrize(("rate", "found"), [("10", "10"), ("0", "0"), ("-0.5", "-0.5"),
                                             ("1.5", "1.5")])
def test_rate_out_of_range(tmp_path: Path, lang: str, rate: str, found: str) -> None:
    source = MINIMAL + ('[[funnels]]\ntarget_value = 100\naverage_value = 10\n'
                        f'stages = ["a", "b", "c"]\nrates = [\n  0.1,\n  {rate},\n]\n')
    problem = only(write(tmp_path, source))
    assert (problem.path, problem.found) == ("funnels[0].rates[1]", found)
    assert problem.line == line_of(source, f"  {rate},")
    assert problem.message == i18n.t("scenario.rate_range")
    assert "0.1" in problem.message


def test_card_on_a_step_without_boards(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + '[[cards]]\nstep = "plan"\ntext = "x"\n'))
    assert (problem.path, problem.found) == ("cards[0].step", '"plan"')
    assert '"review"' in problem.message and '"plan"' not in problem.message


def test_card_on_an_unknown_board(tmp_path: Path) -> None:
    problem = only(write(tmp_path, MINIMAL + '[[cards]]\nstep = "review"\nboard = "lessons"\n'
                                             'text = "x"\n'))
    assert problem.path == "cards[0].board"
    assert '"lesson"' in problem.message


def test_problems_are_in_file_order(tmp_path: Path) -> None:
    source = ('[workshop]\ntitle = "T"\ndays = 9\n[[teams]]\nname = "A"\ncolor = "x"\n'
              '[[goals]]\nstatement = ""\n')
    lines = [p.line for p in problems_of(write(tmp_path, source))]
    assert lines == sorted(lines) and len(lines) == 3


# -- TOML syntax ---------------------------------------------------------------------------

def test_syntax_error_has_line_and_column(tmp_path: Path, lang: str) -> None:
    source = MINIMAL.replace('title = "T"', 'title = "T"\ndays = ')
    problem = only(write(tmp_path, source))
    assert (problem.line, problem.column, problem.path) == (3, 8, "")
    assert problem.found == "days ="
    assert problem.message.startswith(i18n.t("scenario.toml_syntax", detail="").rstrip())
    assert_in_language(problem.message, lang)


def test_syntax_error_at_end_of_file_still_has_a_line(tmp_path: Path) -> None:
    problem = only(write(tmp_path, MINIMAL + "members = [\n\n\n"))
    assert problem.line == line_of(MINIMAL + "members = [", "members = [")


def test_unclosed_quote_is_named(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, '[workshop]\ntitle = "T\n'))
    assert (problem.line, problem.column) == (2, 11)
    assert i18n.t("scenario.toml.unterminated_string") in problem.message


BROKEN = {
    # catalog key under scenario.toml: a file that makes tomllib say it
    "invalid_value": "a = ",
    "newline": "a = 1 2",
    "overwrite": "a = 1\na = 2",
    "declared_twice": "[a]\n[a]",
    "namespace": "a = {b = 1}\na.c = 2",
    "equals": "a 1",
    "table_end": "[a",
    "array_end": "[[a]",
    "key": "a..b = 1",
    "statement": "= 1",
    "unclosed_array": "a = [1 2]",
    "unclosed_table": "a = {b = 1",
    "unterminated_string": 'a = "x',
    "backslash": 'a = "\\q"',
    "escape": 'a = "\\uZZZZ"',
    "date": "a = 2027-02-30",
    "character": 'a = "\x01"',
    "duplicate_key": "a = {b = 1, b = 2}",
    "full_width": "title ＝ “山东”",
}


@pytest.mark.parametrize(("key", "source"), BROKEN.items(), ids=list(BROKEN))
def test_every_syntax_error_is_translated(tmp_path: Path, lang: str, key: str,
                                          source: str) -> None:
    problem = only(write(tmp_path, source + "\n"))
    assert problem.line is not None and problem.path == ""
    detail = problem.message.removeprefix(i18n.t("scenario.toml_syntax", detail=""))
    expected = i18n.t(f"scenario.toml.{key}").split("{")[0]
    assert detail.startswith(expected), (key, problem.message)
    assert not re.search(r"Invalid|Expected|Cannot|Unclosed|Unterminated|Illegal|Duplicate",
                         problem.message), problem.message
    assert_in_language(problem.message, lang)


def test_every_tomllib_message_has_a_case() -> None:
    import workshop.scenario as module

    assert {key for _, key in module._TOML_MESSAGES} | {"full_width"} == set(BROKEN)


def test_full_width_punctuation_inside_quotes_is_fine(tmp_path: Path) -> None:
    doc = load_scenario(write(tmp_path, MINIMAL.replace('"T"', '"山东，“好”＝［1］"')))
    assert doc.meta.title == "山东，“好”＝［1］"


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, MINIMAL + "x = " + "[" * 5000 + "\n"))
    assert problem.line == 6
    assert problem.message == i18n.t("scenario.too_deep")


# -- the file itself ---------------------------------------------------------------------

@pytest.mark.parametrize(("data", "key"), [
    (b"", "scenario.empty"),
    (b"  \n\t\r\n  \n", "scenario.empty"),
    (b"\xef\xbb\xbf", "scenario.empty"),
    (b"# only a comment\n\n# and another\n", "scenario.no_settings"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "scenario.binary"),
    (MINIMAL.encode("utf-16"), "scenario.utf16"),
])
def test_unusable_files(tmp_path: Path, lang: str, data: bytes, key: str) -> None:
    problem = only(write(tmp_path, data))
    assert problem.message == i18n.t(key)
    assert problem.file == str(tmp_path / "s.toml")
    assert_in_language(problem.message, lang)


def test_gbk_file_is_named_as_gbk(tmp_path: Path, lang: str) -> None:
    source = '[workshop]\ntitle = "山东区 2027 年度目标分解"\n[[teams]]\nname = "济南队"\n'
    problem = only(write(tmp_path, source.encode("gbk")))
    assert problem.message == i18n.t("scenario.not_utf8_gbk")
    assert "GBK" in problem.message and "UTF-8" in problem.message
    assert problem.line == 2 and problem.column is not None
    assert problem.found and problem.found.startswith("0x")


def test_latin1_file_is_not_utf8(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, b'[workshop]\ntitle = "caf\xe9 \xff"\n'))
    assert problem.message in (i18n.t("scenario.not_utf8"), i18n.t("scenario.not_utf8_gbk"))
    assert (problem.line, problem.column) == (2, 13)


def test_file_too_large(tmp_path: Path, lang: str) -> None:
    problem = only(write(tmp_path, b"#" * (MAX_BYTES + 1)))
    assert problem.message == i18n.t("scenario.too_large", size="5,121", limit="5,120")


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    data = MINIMAL.encode() + b"#" * (MAX_BYTES - len(MINIMAL))
    assert len(read_text(write(tmp_path, data))) == MAX_BYTES


def test_folder(tmp_path: Path, lang: str) -> None:
    problem = only(tmp_path)
    assert (problem.file, problem.message) == (str(tmp_path), i18n.t("scenario.is_folder"))


def test_missing_file(tmp_path: Path, lang: str) -> None:
    problem = only(tmp_path / "nope.toml")
    assert problem.message == i18n.t("scenario.not_found")
    assert problem.format() == f"{tmp_path / 'nope.toml'}: {i18n.t('scenario.not_found')}"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_device_is_not_a_scenario(lang: str) -> None:
    assert only(Path("/dev/null")).message == i18n.t("scenario.not_a_file")


def test_scenario_language(tmp_path: Path) -> None:
    english = write(tmp_path, MINIMAL.replace('"T"', '"T"\nlanguage = "en"'))
    assert scenario_language(english) == "en"
    assert scenario_language(write(tmp_path, "a = [[[[", "bad.toml")) is None
    assert scenario_language(tmp_path / "missing.toml") is None


# -- how a problem reads -----------------------------------------------------------------

def test_problem_format() -> None:
    i18n.set_language("en")
    problem = Problem("s.toml", "expected a whole number", path="workshop.days", line=3,
                      column=8, found='"two"')
    assert problem.format() == ('s.toml:3:8: workshop.days: expected a whole number '
                                '(the file has: "two")')
    i18n.set_language("zh")
    problem = Problem("s.toml", "应为整数", path="workshop.days", line=3, found='"two"')
    assert problem.format() == 's.toml:3: workshop.days: 应为整数（文件中是："two"）'


def test_error_message_lists_every_problem(tmp_path: Path) -> None:
    source = '[workshop]\ntitle = "T"\ndays = 9\n[[teams]]\nname = "A"\ncolor = "x"\n'
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, source))
    assert str(caught.value).splitlines() == [p.format() for p in caught.value.problems]
    assert len(caught.value.problems) == 2


def _catalog(lang: str) -> dict[str, str]:
    path = Path(i18n.__file__).parent / lang / "scenario.toml"
    out: dict[str, str] = {}

    def flatten(prefix: str, table: dict) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                flatten(f"{prefix}{key}.", value)
            else:
                out[prefix + key] = value

    flatten("", tomllib.loads(path.read_text("utf-8")))
    return out


def test_catalogs_agree_on_keys_and_placeholders() -> None:
    zh, en = _catalog("zh"), _catalog("en")
    assert zh.keys() == en.keys()
    fields = string.Formatter()
    for key in zh:
        names = [{f for _, f, _, _ in fields.parse(text) if f} for text in (zh[key], en[key])]
        assert names[0] == names[1], key


def test_every_key_the_loader_uses_is_in_the_catalogs() -> None:
    import workshop.scenario as module

    source = "".join(path.read_text("utf-8") for path in Path(module.__file__).parent.glob("*.py"))
    used = set(re.findall(r'"(scenario\.[a-z_.]+)"', source))
    used |= {module._EXPECTED[k] for k in module._EXPECTED}
    used |= {f"scenario.toml.{key}" for _, key in module._TOML_MESSAGES}
    for lang in LANGS:
        missing = {key for key in used if not key.endswith(".") and key not in _catalog(lang)}
        assert not missing, (lang, missing)


# -- locate ------------------------------------------------------------------------------

LOCATE = """\
# comment [[teams]]
[workshop]
title = "T"

[[teams]]
name = "A"

[[teams]]          # the second team
name = "B"
members = [
  "甲",
  { name = "乙", role = "组长" },
]

[[cascades]]
goal = "g"
parts = [
  { label = "Q1", weight = 20 },
  { label = "Q2", weight = 25 }, { label = "Q3", weight = 25 },
]

[[cascades]]
goal = "h"
parts = [{ label = "x" }]

[vision]
statement = \"\"\"
[[teams]]
name = "not a team"
\"\"\"

[[review.goals]]
statement = "a"

[[review.goals]]
statement = "b"
outcome = "lost"
"""


@pytest.mark.parametrize(("loc", "needle", "nth"), [
    (("workshop",), "[workshop]", 0),
    (("workshop", "title"), "title =", 0),
    (("workshop", "missing_field"), "[workshop]", 0),
    (("teams", 0), "[[teams]]", 1),  # the first line with it is a comment
    (("teams", 1), "[[teams]]          #", 0),
    (("teams", 1, "name"), 'name = "B"', 0),
    (("teams", 1, "members"), "members = [", 0),
    (("teams", 1, "members", 0), '"甲"', 0),
    (("teams", 1, "members", 1), 'name = "乙"', 0),
    (("teams", 1, "members", 1, "role"), 'name = "乙"', 0),
    (("teams", 1, "members", 1, "nope"), 'name = "乙"', 0),
    (("cascades", 0, "parts"), "parts = [", 0),
    (("cascades", 0, "parts", 0, "weight"), '"Q1"', 0),
    (("cascades", 0, "parts", 2), '"Q3"', 0),
    (("cascades", 1, "goal"), 'goal = "h"', 0),
    (("cascades", 1, "parts", 0, "label"), '"x"', 0),
    (("vision", "statement"), "statement = \"\"\"", 0),
    (("review", "goals", 0), "[[review.goals]]", 0),
    (("review", "goals", 1), "[[review.goals]]", 1),
    (("review", "goals", 1, "outcome"), "outcome =", 0),
    (("agenda", "reviw", "[key]"), "", -1),
])
def test_locate(loc: tuple, needle: str, nth: int) -> None:
    expected = None if nth < 0 else line_of(LOCATE, needle, nth)
    assert locate(LOCATE, loc) == expected


def test_locate_nested_arrays_restart_per_parent() -> None:
    source = ("[[teams]]\nname = \"A\"\n[[teams.members]]\nname = \"a1\"\n[[teams.members]]\n"
              "name = \"a2\"\n[[teams]]\nname = \"B\"\n[[teams.members]]\nname = \"b1\"\n")
    assert locate(source, ("teams", 0, "members", 1, "name")) == 6
    assert locate(source, ("teams", 1, "members", 0, "name")) == 10
    assert tomllib.loads(source)["teams"][1]["members"][0]["name"] == "b1"


def test_locate_dotted_and_quoted_keys() -> None:
    source = 'workshop.title = "T"\n"workshop".days = 2\n[goals]\n"a b".c = 1\n'
    assert locate(source, ("workshop", "title")) == 1
    assert locate(source, ("workshop", "days")) == 2
    assert locate(source, ("goals", "a b", "c")) == 4


def test_locate_never_raises_on_text_that_is_not_toml() -> None:
    assert locate("[[[", ("teams", 0)) is None
    assert locate("", ("teams",)) is None


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.toml"))


def _walk(value: object, path: tuple = ()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), key
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index), item
            yield from _walk(item, (*path, index))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_locate_finds_every_value_of_the_examples(example: Path) -> None:
    source = example.read_text("utf-8")
    lines = source.splitlines()
    for path, value in _walk(tomllib.loads(source)):
        line = locate(source, path)
        assert line is not None, path
        text = lines[line - 1]
        if isinstance(path[-1], str):
            assert path[-1] in text, (path, text)
        elif isinstance(value, str):
            assert f'"{value}"' in text or f"[[{path[-2]}]]" in text, (path, text)
        elif isinstance(value, dict):
            assert "{" in text or "[[" in text, (path, text)


# -- properties --------------------------------------------------------------------------

def toml_string(text: str) -> str:
    """`text` as a TOML basic string."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


user_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("[]/<>&\\\"'#=\x1b\x9b\n\r\t\u3000 🎯目标")),
    ),
    max_size=200,
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(statement=user_text, name=user_text)
@example(statement="0", name="0" * 61)  # a name one over the limit: refused, not kept
def test_user_text_round_trips_after_cleaning(tmp_path: Path, statement: str, name: str) -> None:
    source = (f"[workshop]\ntitle = {toml_string(name)}\n[[teams]]\nname = {toml_string(name)}\n"
              f"members = [{toml_string(name)}]\n[[goals]]\nstatement = {toml_string(statement)}\n"
              f"[vision]\nstatement = {toml_string(statement)}\n")
    path = write(tmp_path, source)
    want_name, want_statement = clean(name), clean(statement)
    too_long = len(want_name) > MAX_NAME  # a team's and a person's name; a title is longer
    if not want_name or not want_statement or too_long:
        paths = {p.path for p in problems_of(path)}
        expected = set()
        if not want_name:
            expected |= {"workshop.title", "teams[0].name", "teams[0].members[0].name"}
        if too_long:
            expected |= {"teams[0].name", "teams[0].members[0].name"}
        if not want_statement:
            expected.add("goals[0].statement")
        assert paths == expected
        return
    doc = load_scenario(path)
    assert doc.meta.title == want_name
    assert doc.teams[0].name == want_name
    assert doc.teams[0].members[0].name == want_name
    assert doc.vision.goals[0].statement == want_statement
    assert doc.vision.statement == clean(statement, multiline=True)


@settings(max_examples=60, deadline=None)
@given(layout=st.lists(st.tuples(st.integers(0, 3), st.booleans(), st.integers(0, 4)),
                       min_size=1, max_size=6))
def test_locate_follows_any_layout(layout: list[tuple[int, bool, int]]) -> None:
    """Teams written with blank lines, comments, inline or header members: every member's
    line is found."""
    chunks = ['[workshop]\ntitle = "T"\n']
    where: dict[tuple, int] = {}
    for t, (blank, inline, members) in enumerate(layout):
        chunks.append("\n" * blank + f"[[teams]]  # team {t}\n" + f'name = "T{t}"\n')
        if inline:
            chunks.append("members = [\n")
            for m in range(members):
                chunks.append(f'  # member {m}\n  {{ name = "m{t}-{m}" }},\n')
            chunks.append("]\n")
        else:
            for m in range(members):
                chunks.append(f'[[teams.members]]\nname = "m{t}-{m}"\n')
        text = "".join(chunks)
        for m in range(members):
            where[("teams", t, "members", m)] = line_of(text, f'"m{t}-{m}"')
    source = "".join(chunks)
    for loc, line in where.items():
        assert locate(source, (*loc, "name")) == line, loc


SHANDONG = (Path(__file__).resolve().parents[2] / "scenarios" / "shandong-sales.toml")
FRAGMENTS = [*SHANDONG.read_text("utf-8").splitlines(), '[[goals]]', '[[funnels]]', '[[cards]]',
             'parent = "jinan"', 'parent = "shandong"', 'id = "jinan"', 'team = "济南队"',
             'days = "two"', 'rates = [0.1, 2]', 'stages = ["a"]', 'target_value = 1',
             'average_value = 0', 'step = "plan"', 'text = ""', 'name = "济南队"', 'a = [',
             'title = “x”', 'members = [1, "x", { name = "x" }]', 'weight = nan', '"', '[']


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.sampled_from(FRAGMENTS), max_size=80))
def test_any_mix_of_scenario_lines_never_raises_anything_else(tmp_path: Path,
                                                              lines: list[str]) -> None:
    path = write(tmp_path, "\n".join(lines) + "\n")
    try:
        load_scenario(path)
    except ScenarioError as error:
        for problem in error.problems:
            assert problem.message and problem.format().startswith(str(path))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_never_raise_anything_else(tmp_path: Path, data: bytes) -> None:
    try:
        load_scenario(write(tmp_path, data))
    except ScenarioError as error:
        assert error.problems


def test_document_refusing_the_spec_is_a_problem_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The spec is meant to accept only what the document accepts. Should the two ever
    # disagree, the room sees a problem, not a traceback.
    import workshop.scenario as module
    from workshop.model import Team

    monkeypatch.setattr(module, "_document", lambda *args: Team(name=""))
    problem = only(write(tmp_path, MINIMAL))
    assert problem.path == "name"
    assert problem.message.startswith(i18n.t("scenario.expect.invalid", detail="").split("(")[0]
                                      .split("（")[0])


def test_at_most_twenty_teams(tmp_path: Path, lang: str) -> None:
    teams = "".join(f'[[teams]]\nname = "T{i}"\n' for i in range(21))
    problem = only(write(tmp_path, '[workshop]\ntitle = "T"\n' + teams))
    assert (problem.path, problem.message) == ("teams", i18n.t("scenario.expect.at_most", max=20))


def test_problems_are_capped_with_a_note(tmp_path: Path, lang: str) -> None:
    # goals: a list without a cap of its own (5,000 members would be one problem: too many)
    source = "goals = [\n" + "  1,\n" * 5000 + "]\n" + MINIMAL
    found = problems_of(write(tmp_path, source))
    assert len(found) == MAX_PROBLEMS + 1
    assert [p.path for p in found[:2]] == ["goals[0]", "goals[1]"]
    assert found[0].line == 2
    assert found[-1].message == i18n.t("scenario.more_problems", count="4,900")
    assert found[-1].line is None


def test_cross_reference_problems_are_capped(tmp_path: Path) -> None:
    goals = "".join(f'[[goals]]\nstatement = "s"\nteam = "X{i}"\n' for i in range(150))
    found = problems_of(write(tmp_path, MINIMAL + goals))
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1].message == i18n.t("scenario.more_problems", count="50")
