"""docs/scenario-format.md documents every field of the format, and its examples are true."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import get_args

import pytest
from pydantic import BaseModel

import workshop.scenario as scenario
from workshop import i18n
from workshop.model import BOARDS, DAY_STEPS
from workshop.model.review import Outcome
from workshop.model.vision import CascadeKind
from workshop.scenario import SPECS, ScenarioError, load_scenario

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "scenario-format.md").read_text("utf-8")

SECTIONS = {
    scenario.WorkshopSpec: "### `[workshop]`",
    scenario.TeamSpec: "### `[[teams]]`",
    scenario.MemberSpec: "#### `members`",
    scenario.GoalSpec: "### `[[goals]]`",
    scenario.CascadeSpec: "### `[[cascades]]`",
    scenario.PartSpec: "#### `parts`",
    scenario.FunnelSpec: "### `[[funnels]]`",
    scenario.ReviewSpec: "### `[review]`",
    scenario.ReviewGoalSpec: "### `[review]`",
    scenario.VisionSpec: "### `[vision]`",
    scenario.GapsSpec: "### `[gaps]`",
    scenario.CharterSpec: "### `[charter]`",
    scenario.CocreateSpec: "### `[cocreate]`",
    scenario.TownhallSpec: "### `[townhall]`",
    scenario.CardSpec: "### `[[cards]]`",
    scenario.ScenarioSpec: "### The top level",
}


def section(heading: str) -> str:
    """The text under the heading that starts with `heading`, up to the next heading."""
    doc = "\n" + DOC
    start = doc.index("\n" + heading) + 1
    match = re.compile(r"^#{1,4} ", re.M).search(doc, doc.index("\n", start))
    return doc[start:match.start() if match else len(doc)]


def field_rows(text: str) -> set[str]:
    """First-column names of the tables in `text` whose header starts ``| field |``."""
    names: set[str] = set()
    for table in re.findall(r"^\| field \|.*?\n((?:\|.*\n)+)", text, re.M):
        names |= set(re.findall(r"^\| `([a-z_]+)` \|", table, re.M))
    return names


def test_every_spec_model_is_listed() -> None:
    defined = {cls for _, cls in inspect.getmembers(scenario.spec, inspect.isclass)
               if issubclass(cls, BaseModel) and cls.__module__ == scenario.spec.__name__
               and cls.__name__.endswith("Spec") and not cls.__name__.startswith("_")}
    assert defined == set(SPECS) == set(SECTIONS)


@pytest.mark.parametrize("spec", SPECS, ids=[s.__name__ for s in SPECS])
def test_every_field_is_documented_in_its_section(spec: type[BaseModel]) -> None:
    text = section(SECTIONS[spec])
    for field in spec.model_fields:
        assert f"`{field}`" in text, f"{spec.__name__}.{field} is not in {SECTIONS[spec]}"


def test_every_table_row_is_a_real_field() -> None:
    """No field documented that the loader would refuse as unknown."""
    for spec, heading in SECTIONS.items():
        if spec is scenario.ScenarioSpec or heading.startswith("### `[review]`"):
            continue
        assert field_rows(section(heading)) == set(spec.model_fields), heading


def test_agenda_steps_boards_and_choices_are_documented() -> None:
    agenda = section("### `[agenda]`")
    for step in DAY_STEPS:
        assert f"| `{step}` |" in agenda
    for step, boards in BOARDS.items():
        assert f"`{step}`" in DOC
        for board in boards:
            assert f"`{board}`" in section("### `[[cards]]`"), board
    for kind in get_args(CascadeKind):
        assert f'`"{kind}"`' in section("### `[[cascades]]`")
    for outcome in get_args(Outcome):
        assert f'`"{outcome}"`' in section("### `[review]`")


def test_the_examples_table_lists_every_example() -> None:
    listed = set(re.findall(r"`([a-z-]+\.toml)`", section("# Scenario files")))
    assert listed == {p.name for p in (REPO / "scenarios").glob("*.toml")}


def toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC, re.S)


@pytest.mark.parametrize("index", range(3))
def test_documented_scenarios_load(tmp_path: Path, index: int) -> None:
    # the TOML primer, the minimal scenario and the realistic small one
    block = toml_blocks()[index]
    path = tmp_path / "example.toml"
    path.write_text(block, "utf-8")
    assert load_scenario(path).teams


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_documented_error_output_is_what_the_loader_prints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    i18n.set_language(lang)
    block = next(b for b in toml_blocks() if 'days = "two"' in b)
    (tmp_path / "my-workshop.toml").write_text(block, "utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError) as caught:
        load_scenario("my-workshop.toml")
    for problem in caught.value.problems:
        assert problem.format() in DOC
