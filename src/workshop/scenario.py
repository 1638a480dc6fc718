"""Scenarios: the TOML file a facilitator writes by hand before the day.

``load_scenario(path)`` reads and validates a file and returns a ``Workshop``; every
problem becomes a ``Problem`` that names the file, the line where one can be found,
the field path, what was expected and what was found, in the chosen language. The
format is documented field by field in ``docs/scenario-format.md``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from workshop.i18n import t
from workshop.model import (
    BOARDS,
    DEFAULT_AGENDA,
    STEPS,
    TEAM_COLORS,
    Card,
    Cascade,
    CascadePart,
    Funnel,
    GapCard,
    Goal,
    Member,
    Meta,
    ReviewGoal,
    Team,
    Workshop,
)
from workshop.model.base import Language, Line, StepId, Text
from workshop.model.review import Outcome
from workshop.model.vision import CascadeKind

MAX_BYTES = 5 * 1024 * 1024
"""Largest scenario file read: a hand-written scenario is a few kilobytes."""


# -- the file format (what people write) ---------------------------------------------

class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WorkshopSpec(_Spec):
    title: Line
    organization: Line = ""
    date: dt.date | None = None
    days: int = Field(default=1, ge=1, le=5)
    facilitator: Line = ""
    location: Line = ""
    language: Language = "zh"
    roles: list[Line] = Field(default_factory=list)


class MemberSpec(_Spec):
    name: Line = Field(min_length=1)
    role: Line = ""


class TeamSpec(_Spec):
    name: Line = Field(min_length=1)
    color: str | None = None
    members: list[MemberSpec] = Field(default_factory=list)

    @field_validator("color")
    @classmethod
    def _color_is_hex(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
            raise ValueError(t("scenario.expect.color"))
        return value.strip().lower() if value else value

    @field_validator("members", mode="before")
    @classmethod
    def _names_as_members(cls, value: Any) -> Any:
        # A member may be written as just a name: members = ["张三", "李四"].
        if isinstance(value, list):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value


class GoalSpec(_Spec):
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_\-]{1,40}$")
    statement: Line = Field(min_length=1)
    metric: Line = ""
    unit: Line = ""
    baseline: float | None = None
    floor: float | None = None
    target: float | None = None
    stretch: float | None = None
    deadline: dt.date | None = None
    parent: str | None = None
    team: str | None = None
    growth: float | None = None
    factors: float | None = Field(default=None, gt=0)


class PartSpec(_Spec):
    label: Line = Field(min_length=1)
    weight: float = Field(default=1.0, ge=0)
    team: str | None = None
    member: str | None = None
    note: Line = ""


class CascadeSpec(_Spec):
    goal: str
    kind: CascadeKind = "time"
    label: Line = ""
    step: float = Field(default=1, gt=0)
    parts: list[PartSpec] = Field(min_length=1)


class FunnelSpec(_Spec):
    goal: str | None = None
    label: Line = ""
    target_value: float = Field(gt=0)
    average_value: float = Field(gt=0)
    stages: list[Line] = Field(min_length=2)
    rates: list[float] = Field(default_factory=list)
    weeks_per_year: int = Field(default=50, ge=1, le=53)
    days_per_week: int = Field(default=5, ge=1, le=7)

    @field_validator("rates")
    @classmethod
    def _rates_are_shares(cls, value: list[float]) -> list[float]:
        for rate in value:
            if not 0 < rate <= 1:
                raise ValueError(t("scenario.rate_range", value=rate))
        return value


class ReviewGoalSpec(_Spec):
    statement: Line = Field(min_length=1)
    unit: Line = ""
    target: float | None = None
    actual: float | None = None
    outcome: Outcome | None = None
    note: Text = ""


class ReviewSpec(_Spec):
    goals: list[ReviewGoalSpec] = Field(default_factory=list)


class VisionSpec(_Spec):
    statement: Text = ""


class GapsSpec(_Spec):
    key_count: int = Field(default=3, ge=1, le=20)
    bones: list[Line] = Field(default_factory=list)


class CharterSpec(_Spec):
    rules: list[Line] = Field(default_factory=list)


class CocreateSpec(_Spec):
    focus_question: Text = ""
    dots: int = Field(default=3, ge=1, le=20)
    dots_per: Literal["team", "member"] = "team"
    cap_per_turn: int | None = Field(default=None, ge=1)


class TownhallSpec(_Spec):
    minutes_per_team: int = Field(default=8, ge=1, le=120)


class CardSpec(_Spec):
    step: StepId
    board: str = ""
    text: Text = Field(min_length=1)
    team: str | None = None
    hidden: bool = False


class ScenarioSpec(_Spec):
    """A whole scenario file."""

    workshop: WorkshopSpec
    agenda: dict[StepId, int] = Field(default_factory=dict)
    teams: list[TeamSpec] = Field(min_length=1, max_length=20)
    goals: list[GoalSpec] = Field(default_factory=list)
    cascades: list[CascadeSpec] = Field(default_factory=list)
    funnels: list[FunnelSpec] = Field(default_factory=list)
    review: ReviewSpec = Field(default_factory=ReviewSpec)
    vision: VisionSpec = Field(default_factory=VisionSpec)
    gaps: GapsSpec = Field(default_factory=GapsSpec)
    charter: CharterSpec = Field(default_factory=CharterSpec)
    cocreate: CocreateSpec = Field(default_factory=CocreateSpec)
    townhall: TownhallSpec = Field(default_factory=TownhallSpec)
    cards: list[CardSpec] = Field(default_factory=list)

    @field_validator("agenda")
    @classmethod
    def _minutes_are_sane(cls, value: dict[StepId, int]) -> dict[StepId, int]:
        for step, minutes in value.items():
            if not 0 <= minutes <= 600:
                raise ValueError(t("scenario.minutes_range", step=step, value=minutes))
        return value


# -- problems ------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file."""

    file: str
    message: str
    """What was expected, in the chosen language."""
    path: str = ""
    """The field, e.g. ``teams[1].members[0].name``; empty for file-level problems."""
    line: int | None = None
    column: int | None = None
    found: str | None = None
    """What the file has there, shortened."""

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.path:
            parts.append(self.path)
        text = ": ".join(parts) + ": " + self.message
        if self.found is not None:
            text += " " + t("scenario.found", found=self.found)
        return text


class ScenarioError(Exception):
    """A scenario that cannot be used; ``problems`` says why."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_EXPECTED = {
    "missing": "scenario.expect.missing",
    "extra_forbidden": "scenario.expect.unknown_key",
    "int_type": "scenario.expect.integer",
    "int_parsing": "scenario.expect.integer",
    "int_from_float": "scenario.expect.integer",
    "float_type": "scenario.expect.number",
    "float_parsing": "scenario.expect.number",
    "string_type": "scenario.expect.text",
    "bool_type": "scenario.expect.bool",
    "bool_parsing": "scenario.expect.bool",
    "date_type": "scenario.expect.date",
    "date_parsing": "scenario.expect.date",
    "date_from_datetime_parsing": "scenario.expect.date",
    "date_from_datetime_inexact": "scenario.expect.date",
    "list_type": "scenario.expect.list",
    "dict_type": "scenario.expect.table",
    "model_type": "scenario.expect.table",
    "model_attributes_type": "scenario.expect.table",
    "string_too_short": "scenario.expect.not_empty",
    "too_short": "scenario.expect.at_least",
    "too_long": "scenario.expect.at_most",
    "greater_than_equal": "scenario.expect.ge",
    "greater_than": "scenario.expect.gt",
    "less_than_equal": "scenario.expect.le",
    "string_pattern_mismatch": "scenario.expect.id",
}


def _expected(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        return t("scenario.expect.one_of", choices=ctx.get("expected", ""))
    if kind == "enum":
        return t("scenario.expect.one_of", choices=ctx.get("expected", ""))
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    key = _EXPECTED.get(kind)
    if key is None:
        return error["msg"]
    return t(key, min=ctx.get("min_length", ctx.get("ge", ctx.get("gt", ""))),
             max=ctx.get("max_length", ctx.get("le", "")),
             limit=ctx.get("ge", ctx.get("gt", ctx.get("le", ""))))


def _problems_from(error: ValidationError, file: str, source: str) -> list[Problem]:
    problems = []
    for err in error.errors():
        loc = tuple(err["loc"])
        # pydantic reports a member written as a plain string under a union branch; drop it
        found = None if err["type"] == "missing" else _short(err.get("input"))
        if err["type"] == "extra_forbidden":
            found = str(loc[-1])
        line = locate(source, loc)
        problems.append(Problem(file=file, path=_path(loc), message=_expected(err), found=found,
                                line=line))
    return problems


# -- finding the line of a field -----------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


def locate(source: str, loc: Sequence[Any]) -> int | None:
    """Best-effort line number (1-based) of the field at `loc` in TOML `source`.

    Follows ``[table]`` and ``[[array]]`` headers and ``key =`` lines; for fields
    inside inline tables or arrays it returns the line of the enclosing key.
    """
    lines = source.splitlines()
    # The header path and array index each line belongs to.
    counts: dict[str, int] = {}
    current: tuple[Any, ...] = ()
    owner: list[tuple[Any, ...]] = []
    headers: dict[tuple[Any, ...], int] = {}
    for number, text in enumerate(lines, 1):
        match = _HEADER.match(text)
        if match:
            names = [n.strip().strip('"') for n in match.group(2).split(".")]
            if match.group(1) == "[[":
                key = ".".join(names)
                counts[key] = counts.get(key, -1) + 1
                # parent arrays keep their current index
                resolved: list[Any] = []
                for i, name in enumerate(names):
                    resolved.append(name)
                    prefix = ".".join(names[: i + 1])
                    if i < len(names) - 1 and prefix in counts:
                        resolved.append(counts[prefix])
                resolved.append(counts[key])
                # nested arrays restart numbering under each new parent
                for other in list(counts):
                    if other.startswith(key + "."):
                        del counts[other]
                current = tuple(resolved)
            else:
                resolved = []
                for i, name in enumerate(names):
                    resolved.append(name)
                    prefix = ".".join(names[: i + 1])
                    if prefix in counts:
                        resolved.append(counts[prefix])
                current = tuple(resolved)
            headers[current] = number
        owner.append(current)

    target = tuple(loc)
    best: int | None = None
    best_depth = -1
    for number, text in enumerate(lines, 1):
        table = owner[number - 1]
        if headers.get(table) == number:
            if target[: len(table)] == table and len(table) > best_depth:
                best, best_depth = number, len(table)
            continue
        match = _KEY.match(text)
        if not match:
            continue
        key_path = (*table, match.group(1).strip('"'))
        if target[: len(key_path)] == key_path and len(key_path) > best_depth:
            best, best_depth = number, len(key_path)
    return best


# -- reading ---------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The file's text, or a ScenarioError that says plainly what is wrong with the file."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ScenarioError([Problem(name, t("scenario.is_folder"))])
        if size > MAX_BYTES:
            raise ScenarioError([Problem(name, t("scenario.too_large", size=size // 1024 // 1024,
                                                 limit=MAX_BYTES // 1024 // 1024))])
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError([Problem(name, t("scenario.not_found"))]) from None
    except PermissionError:
        raise ScenarioError([Problem(name, t("scenario.no_permission"))]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem(name, t("scenario.is_folder"))]) from None
    except OSError as error:
        raise ScenarioError([Problem(name, t("scenario.os_error", error=error.strerror))]) from None
    if not data.strip():
        raise ScenarioError([Problem(name, t("scenario.empty"))])
    if b"\x00" in data[:8192]:
        raise ScenarioError([Problem(name, t("scenario.binary"))])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # Notepad writes a BOM; TOML does not want one
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScenarioError([Problem(name, t("scenario.not_utf8", position=error.start),
                                     line=line)]) from None


_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse(source: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_WHERE.search(message)
        line = int(match.group(1)) if match else None
        column = int(match.group(2)) if match else None
        detail = _TOML_WHERE.sub("", message).strip()
        raise ScenarioError([Problem(name, t("scenario.toml_syntax", detail=detail),
                                     line=line, column=column)]) from None


def load_spec(path: Path) -> tuple[ScenarioSpec, str]:
    source = read_text(path)
    data = parse(source, str(path))
    try:
        return ScenarioSpec.model_validate(data), source
    except ValidationError as error:
        raise ScenarioError(_problems_from(error, str(path), source)) from None


def load_scenario(path: Path) -> Workshop:
    """Read, validate and convert a scenario file into a new workshop document."""
    spec, source = load_spec(path)
    return build(spec, str(path), source)


def scenario_language(path: Path) -> str | None:
    """The language a scenario asks for, if the file can be read that far (for messages)."""
    try:
        data = tomllib.loads(read_text(path))
    except (ScenarioError, tomllib.TOMLDecodeError):
        return None
    section = data.get("workshop")
    language = section.get("language") if isinstance(section, dict) else None
    return language if isinstance(language, str) else None


# -- building the document -------------------------------------------------------------

def build(spec: ScenarioSpec, file: str = "<scenario>", source: str = "") -> Workshop:
    """Turn a validated scenario into a workshop, checking cross-references."""
    problems: list[Problem] = []

    def problem(loc: tuple[Any, ...], message: str, found: str | None = None) -> None:
        problems.append(Problem(file, message, path=_path(loc), found=found,
                                line=locate(source, loc) if source else None))

    teams: list[Team] = []
    seen_teams: set[str] = set()
    for i, team_spec in enumerate(spec.teams):
        folded = team_spec.name.casefold()
        if folded in seen_teams:
            problem(("teams", i, "name"), t("scenario.duplicate_team"), _short(team_spec.name))
        seen_teams.add(folded)
        color = team_spec.color or TEAM_COLORS[i % len(TEAM_COLORS)]
        teams.append(Team(name=team_spec.name, color=color,
                          members=[Member(name=m.name, role=m.role) for m in team_spec.members]))
    by_team_name = {team.name.casefold(): team for team in teams}

    def team_id(loc: tuple[Any, ...], name: str | None) -> str | None:
        if name is None:
            return None
        team = by_team_name.get(name.strip().casefold())
        if team is None:
            problem(loc, t("scenario.unknown_team", teams=", ".join(tm.name for tm in teams)),
                    _short(name))
            return None
        return team.id

    goals: list[Goal] = []
    goal_ids: set[str] = set()
    for i, goal_spec in enumerate(spec.goals):
        goal_id = goal_spec.id or f"goal{i + 1}"
        if goal_id in goal_ids:
            problem(("goals", i, "id"), t("scenario.duplicate_goal"), _short(goal_id))
        goal_ids.add(goal_id)
        goals.append(Goal(
            id=goal_id, statement=goal_spec.statement, metric=goal_spec.metric, unit=goal_spec.unit,
            baseline=goal_spec.baseline, floor=goal_spec.floor, target=goal_spec.target,
            stretch=goal_spec.stretch, deadline=goal_spec.deadline, parent_id=goal_spec.parent,
            team_id=team_id(("goals", i, "team"), goal_spec.team),
            growth=goal_spec.growth, factors=goal_spec.factors,
        ))
    for i, goal in enumerate(goals):
        if goal.parent_id is not None and goal.parent_id not in goal_ids:
            problem(("goals", i, "parent"), t("scenario.unknown_goal", goals=", ".join(goal_ids)),
                    _short(goal.parent_id))
    parents = {g.id: g.parent_id for g in goals}
    for i, goal in enumerate(goals):
        seen = {goal.id}
        parent = goal.parent_id
        while parent is not None and parent in parents:
            if parent in seen:
                problem(("goals", i, "parent"), t("scenario.goal_cycle"), _short(goal.parent_id))
                break
            seen.add(parent)
            parent = parents[parent]

    def member_id(loc: tuple[Any, ...], team: str | None, name: str | None) -> str | None:
        if name is None:
            return None
        home = by_team_name.get(team.casefold()) if team else None
        pool = [home] if home else teams
        for candidate in pool:
            for member in candidate.members:
                if member.name == name.strip():
                    return member.id
        problem(loc, t("scenario.unknown_member"), _short(name))
        return None

    cascades: list[Cascade] = []
    for i, cascade_spec in enumerate(spec.cascades):
        if cascade_spec.goal not in goal_ids:
            problem(("cascades", i, "goal"), t("scenario.unknown_goal", goals=", ".join(goal_ids)),
                    _short(cascade_spec.goal))
        if not any(part.weight > 0 for part in cascade_spec.parts):
            problem(("cascades", i, "parts"), t("scenario.weights_zero"))
        parts = [
            CascadePart(label=p.label, weight=p.weight, note=p.note,
                        team_id=team_id(("cascades", i, "parts", j, "team"), p.team),
                        member_id=member_id(("cascades", i, "parts", j, "member"), p.team,
                                            p.member))
            for j, p in enumerate(cascade_spec.parts)
        ]
        cascades.append(Cascade(goal_id=cascade_spec.goal, kind=cascade_spec.kind,
                                label=cascade_spec.label, step=cascade_spec.step, parts=parts))

    funnels: list[Funnel] = []
    for i, funnel_spec in enumerate(spec.funnels):
        if funnel_spec.goal is not None and funnel_spec.goal not in goal_ids:
            problem(("funnels", i, "goal"), t("scenario.unknown_goal", goals=", ".join(goal_ids)),
                    _short(funnel_spec.goal))
        if funnel_spec.rates and len(funnel_spec.rates) != len(funnel_spec.stages) - 1:
            problem(("funnels", i, "rates"),
                    t("scenario.rates_count", count=len(funnel_spec.stages) - 1),
                    str(len(funnel_spec.rates)))
        funnels.append(Funnel(**funnel_spec.model_dump()))

    cards: list[tuple[CardSpec, str | None]] = []
    for i, card_spec in enumerate(spec.cards):
        boards = BOARDS.get(card_spec.step, ())
        if not boards:
            problem(("cards", i, "step"), t("scenario.step_has_no_cards",
                                            steps=", ".join(s for s in STEPS if BOARDS.get(s))),
                    _short(card_spec.step))
            continue
        board = card_spec.board or boards[0]
        if board not in boards:
            problem(("cards", i, "board"), t("scenario.expect.one_of", choices=", ".join(boards)),
                    _short(card_spec.board))
            continue
        cards.append((card_spec.model_copy(update={"board": board}),
                      team_id(("cards", i, "team"), card_spec.team)))

    if problems:
        raise ScenarioError(problems)

    meta = Meta(**spec.workshop.model_dump())
    agenda = {**DEFAULT_AGENDA, **spec.agenda}
    doc = Workshop(meta=meta, agenda=agenda, teams=teams)
    doc.vision.goals = goals
    doc.vision.cascades = cascades
    doc.vision.funnels = funnels
    doc.vision.statement = spec.vision.statement
    doc.review.goals = [ReviewGoal(**g.model_dump()) for g in spec.review.goals]
    doc.gaps.key_count = spec.gaps.key_count
    doc.gaps.bone_labels = spec.gaps.bones
    doc.charter.default_rules = spec.charter.rules
    doc.cocreate.focus_question = spec.cocreate.focus_question
    doc.cocreate.dots = spec.cocreate.dots
    doc.cocreate.dots_per = spec.cocreate.dots_per
    doc.cocreate.cap_per_turn = spec.cocreate.cap_per_turn
    doc.townhall.minutes_per_team = spec.townhall.minutes_per_team
    for card_spec, owner in cards:
        kind = GapCard if card_spec.step == "gaps" and card_spec.board == "storm" else Card
        doc.card_list(card_spec.step, card_spec.board).append(
            kind(text=card_spec.text, step=card_spec.step, board=card_spec.board, team_id=owner,
                 hidden=card_spec.hidden))
    doc.room.step = "review" if (doc.review.goals or spec.agenda.get("review")) else "vision"
    doc.room.turn.team_id = teams[0].id if teams else None
    return doc
