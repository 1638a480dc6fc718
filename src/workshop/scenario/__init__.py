"""Scenarios: the TOML file a facilitator writes by hand before the day.

``load_scenario(path)`` reads and validates a file and returns a ``Workshop``; every
problem becomes a ``Problem`` that names the file, the line where one can be found,
the field path, what was expected and what was found, in the chosen language. The
format is documented field by field in ``docs/scenario-format.md``.

Values are checked strictly: TOML has types, so ``days = "2"`` or ``days = true``
is an error rather than a guess, and ``nan``/``inf`` are not numbers here.

The steps, one module each: ``reading`` (bytes to text), ``syntax`` (TOML), ``spec``
(the format's tables), ``wording`` (validation errors said plainly), ``lines`` (the
line of a field), ``document`` (cross-references and the new document). This module
runs them in order.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from workshop.i18n import t
from workshop.model import Workshop
from workshop.problems import EXPECTED as _EXPECTED  # noqa: F401  (for the tests)
from workshop.problems import Problem, ScenarioError
from workshop.scenario.document import Parts, _document, cross_check
from workshop.scenario.lines import locate
from workshop.scenario.reading import MAX_BYTES, read_text
from workshop.scenario.spec import (
    MAX_MINUTES,
    SPECS,
    CardSpec,
    CascadeSpec,
    CharterSpec,
    CocreateSpec,
    FunnelSpec,
    GapsSpec,
    GoalSpec,
    MemberSpec,
    PartSpec,
    ReviewGoalSpec,
    ReviewSpec,
    ScenarioSpec,
    TeamSpec,
    TownhallSpec,
    VisionSpec,
    WorkshopSpec,
)
from workshop.scenario.syntax import _TOML_MESSAGES as _TOML_MESSAGES
from workshop.scenario.syntax import parse
from workshop.scenario.wording import MAX_PROBLEMS, dotted, problems_from, short

# ``_TOML_MESSAGES`` and ``_EXPECTED`` are reachable here for the tests that check every
# entry; ``build`` looks ``_document`` up here, so a test can make the document refuse.
__all__ = [
    "MAX_BYTES",
    "MAX_MINUTES",
    "MAX_PROBLEMS",
    "SPECS",
    "CardSpec",
    "CascadeSpec",
    "CharterSpec",
    "CocreateSpec",
    "FunnelSpec",
    "GapsSpec",
    "GoalSpec",
    "MemberSpec",
    "PartSpec",
    "Parts",
    "Problem",
    "ReviewGoalSpec",
    "ReviewSpec",
    "ScenarioError",
    "ScenarioSpec",
    "TeamSpec",
    "TownhallSpec",
    "VisionSpec",
    "WorkshopSpec",
    "build",
    "cross_check",
    "load_scenario",
    "load_spec",
    "locate",
    "parse",
    "read_text",
    "scenario_language",
]


def load_spec(path: Path | str) -> tuple[ScenarioSpec, str]:
    """The validated scenario at `path` and its text (for locating later problems)."""
    path = Path(path)
    source = read_text(path)
    data = parse(source, str(path))
    if not data:
        raise ScenarioError([Problem(str(path), t("scenario.no_settings"))])
    try:
        return ScenarioSpec.model_validate(data), source
    except ValidationError as error:
        raise ScenarioError(problems_from(error, str(path), source)) from None


def load_scenario(path: Path | str) -> Workshop:
    """Read, validate and convert a scenario file into a new workshop document.

    Raises ``ScenarioError`` (with every problem found) and nothing else for a bad file.
    """
    spec, source = load_spec(path)
    return build(spec, str(path), source)


def build(spec: ScenarioSpec, file: str = "<scenario>", source: str = "") -> Workshop:
    """Turn a validated scenario into a workshop, checking cross-references."""
    parts = cross_check(spec, file, source)
    try:
        return _document(spec, *parts)
    except ValidationError as error:
        # The spec is meant to accept only what the document accepts; if the two ever
        # disagree, say so plainly instead of showing a traceback.
        raise ScenarioError([
            Problem(file, t("scenario.expect.invalid", detail=err["msg"]),
                    path=dotted(err["loc"]), found=short(err.get("input")))
            for err in error.errors()
        ]) from None


def scenario_language(path: Path | str) -> str | None:
    """The language a scenario asks for, if the file can be read that far (for messages)."""
    try:
        data = tomllib.loads(read_text(Path(path)))
    except (ScenarioError, tomllib.TOMLDecodeError, RecursionError):
        return None
    section = data.get("workshop")
    language = section.get("language") if isinstance(section, dict) else None
    return language if isinstance(language, str) else None
