"""Scenarios: the TOML file a facilitator writes by hand before the day.

``load_scenario(path)`` reads and validates a file and returns a ``Workshop``; every
problem becomes a ``Problem`` that names the file, the line where one can be found,
the field path, what was expected and what was found, in the chosen language. The
format is documented field by field in ``docs/scenario-format.md``.

Values are checked strictly: TOML has types, so ``days = "2"`` or ``days = true``
is an error rather than a guess, and ``nan``/``inf`` are not numbers here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import stat
import tomllib
import types
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from workshop.i18n import get_language, t
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
from workshop.problems import Problem, ScenarioError
from workshop.text import clean, truncate

MAX_BYTES = 5 * 1024 * 1024
"""Largest scenario file read: a hand-written scenario is a few kilobytes."""

MAX_PROBLEMS = 100
"""Most problems reported for one file; a note says how many more there are."""

MAX_MINUTES = 600
"""Longest time box for one step in ``[agenda]``."""


# -- the file format (what people write) ---------------------------------------------

def _not_blank(value: str) -> str:
    # Runs after cleaning, so "   " or a lone control character counts as empty.
    if not value:
        raise ValueError(t("scenario.expect.not_empty"))
    return value


def _rate_is_share(value: float) -> float:
    if not 0 < value <= 1:
        raise ValueError(t("scenario.rate_range"))
    return value


def _minutes_in_range(value: int) -> int:
    if not 0 <= value <= MAX_MINUTES:
        raise ValueError(t("scenario.minutes_range", max=MAX_MINUTES))
    return value


Name = Annotated[Line, AfterValidator(_not_blank)]
"""One line of user text that must not be empty once cleaned."""
Statement = Annotated[Text, AfterValidator(_not_blank)]
"""Multi-line user text that must not be empty once cleaned."""
Rate = Annotated[float, AfterValidator(_rate_is_share)]
Minutes = Annotated[int, AfterValidator(_minutes_in_range)]


class _Spec(BaseModel):
    # strict: TOML has real types, so "2" is not 2 and true is not 1.
    # defer_build: the schemas are built on the first scenario read, not at every start-up.
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, defer_build=True)


class WorkshopSpec(_Spec):
    title: Name
    organization: Line = ""
    date: dt.date | None = None
    days: int = Field(default=1, ge=1, le=5)
    facilitator: Line = ""
    location: Line = ""
    language: Language = "zh"
    roles: list[Name] = Field(default_factory=list)


class MemberSpec(_Spec):
    name: Name
    role: Line = ""


class TeamSpec(_Spec):
    name: Name
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
    statement: Name
    metric: Line = ""
    unit: Line = ""
    baseline: float | None = None
    floor: float | None = None
    target: float | None = None
    stretch: float | None = None
    deadline: dt.date | None = None
    parent: Line | None = None
    team: Line | None = None
    growth: float | None = None
    factors: float | None = Field(default=None, gt=0)


class PartSpec(_Spec):
    label: Name
    weight: float = Field(default=1.0, ge=0)
    team: Line | None = None
    member: Line | None = None
    note: Line = ""


class CascadeSpec(_Spec):
    goal: Line
    kind: CascadeKind = "time"
    label: Line = ""
    step: float = Field(default=1, gt=0)
    parts: list[PartSpec] = Field(min_length=1)


class FunnelSpec(_Spec):
    goal: Line | None = None
    label: Line = ""
    target_value: float = Field(gt=0)
    average_value: float = Field(gt=0)
    stages: list[Name] = Field(min_length=2)
    rates: list[Rate] = Field(default_factory=list)
    weeks_per_year: int = Field(default=50, ge=1, le=53)
    days_per_week: int = Field(default=5, ge=1, le=7)


class ReviewGoalSpec(_Spec):
    statement: Name
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
    bones: list[Name] = Field(default_factory=list)


class CharterSpec(_Spec):
    rules: list[Name] = Field(default_factory=list)


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
    text: Statement
    team: Line | None = None
    hidden: bool = False


class ScenarioSpec(_Spec):
    """A whole scenario file."""

    workshop: WorkshopSpec
    agenda: dict[StepId, Minutes] = Field(default_factory=dict)
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


SPECS: tuple[type[BaseModel], ...] = (
    ScenarioSpec, WorkshopSpec, TeamSpec, MemberSpec, GoalSpec, CascadeSpec, PartSpec,
    FunnelSpec, ReviewSpec, ReviewGoalSpec, VisionSpec, GapsSpec, CharterSpec, CocreateSpec,
    TownhallSpec, CardSpec,
)
"""Every table of the format, for the documentation and its test."""


# -- problems: ``Problem`` and ``ScenarioError`` live in ``workshop.problems`` ---------------

def _toml(value: Any) -> str:
    """`value` written roughly as TOML would write it (for "found")."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def _short(value: Any, limit: int = 60) -> str:
    """`value` as TOML text, cut to `limit` terminal cells and safe to print.

    What the file has is shown back to the user, so control characters and escape
    sequences in it are removed (``clean``) before it reaches a terminal.
    """
    return truncate(clean(_toml(value)), limit)


def _num(value: Any) -> str:
    """A limit as people write it: 0 rather than 0.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _path(loc: Iterable[Any]) -> str:
    """``("teams", 1, "name")`` as ``teams[1].name`` (keys cleaned: a key can be any text)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + clean(str(part))
    return out


def _list(items: Iterable[str]) -> str:
    """Items joined with the language's list separator."""
    return ("、" if get_language() == "zh" else ", ").join(items)


def _quoted(items: Iterable[str]) -> str:
    return _list(f'"{item}"' for item in items)


# Where a loc passes through a type, find the type (for hints: known keys, table names).

def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _type_at(loc: Sequence[Any]) -> Any:
    """The declared type of the field at `loc` in ``ScenarioSpec``, or None."""
    tp: Any = ScenarioSpec
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(part, int):
            if get_origin(tp) is not list:
                return None
            tp = get_args(tp)[0]
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(part)
            if field is None:
                return None
            tp = field.annotation
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _table_name(loc: Sequence[Any]) -> str:
    """How the table at `loc` is written in a file: ``[workshop]`` or ``[[review.goals]]``.

    An entry of an array of tables (``goals[1]``) is written as its array: ``[[goals]]``.
    """
    name = ".".join(str(part) for part in loc if not isinstance(part, int))
    if (loc and isinstance(loc[-1], int)) or get_origin(_type_at(loc)) is list:
        return f"[[{name}]]"
    return f"[{name}]"


def _is_table_array(loc: Sequence[Any]) -> bool:
    """Whether `loc` is an array of tables written with ``[[…]]`` headers (not inside one)."""
    tp = _type_at(loc)
    return (get_origin(tp) is list and _is_model(_unwrap(get_args(tp)[0]))
            and not any(isinstance(part, int) for part in loc))


def _sections_with(key: str) -> list[str]:
    """The tables (as written in a file) that have a field called `key`."""
    found = []
    for name, field in ScenarioSpec.model_fields.items():
        tp = _unwrap(field.annotation)
        if get_origin(tp) is list:
            item = _unwrap(get_args(tp)[0])
            if _is_model(item) and key in item.model_fields:
                found.append(f"[[{name}]]")
        elif _is_model(tp):
            if key in tp.model_fields:
                found.append(f"[{name}]")
            for sub, subfield in tp.model_fields.items():
                subtype = _unwrap(subfield.annotation)
                if get_origin(subtype) is list:
                    item = _unwrap(get_args(subtype)[0])
                    if _is_model(item) and key in item.model_fields:
                        found.append(f"[[{name}.{sub}]]")
    return found


def _suggest(word: str, choices: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return close[0]
    folded = {c.casefold(): c for c in choices}
    return folded.get(word.casefold())


def _choices(expected: str) -> list[str]:
    """The choices out of pydantic's ``'a', 'b' or 'c'``."""
    return re.findall(r"'((?:[^'\\]|\\.)*)'", expected)


def _unknown_key(loc: tuple[Any, ...]) -> str:
    key = str(loc[-1])
    owner = _type_at(loc[:-1])
    known = list(owner.model_fields) if _is_model(owner) else []
    if len(loc) > 1 and key in ScenarioSpec.model_fields:
        return t("scenario.expect.unknown_key_top")
    close = _suggest(key, known)
    if close:
        return t("scenario.expect.unknown_key_suggest", name=close)
    elsewhere = _sections_with(key)
    if elsewhere:
        return t("scenario.expect.unknown_key_elsewhere", tables=_list(elsewhere))
    return t("scenario.expect.unknown_key", keys=_list(known))


def _one_of(choices: Sequence[str], given: Any) -> str:
    close = _suggest(given, choices) if isinstance(given, str) else None
    if close:
        return t("scenario.expect.one_of_suggest", choices=_quoted(choices), name=f'"{close}"')
    return t("scenario.expect.one_of", choices=_quoted(choices))


_EXPECTED = {
    "int_type": "scenario.expect.integer",
    "int_parsing": "scenario.expect.integer",
    "int_from_float": "scenario.expect.integer",
    "float_type": "scenario.expect.number",
    "float_parsing": "scenario.expect.number",
    "finite_number": "scenario.expect.finite",
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
    "less_than": "scenario.expect.lt",
    "string_pattern_mismatch": "scenario.expect.id",
}
"""Pydantic error types and the catalog key that says what was expected."""


def _expected(error: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """What `loc` should have held, in the current language."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        tp = _type_at(loc)
        if _is_model(tp):
            return t("scenario.expect.missing_table", table=_table_name(loc))
        if _is_table_array(loc):
            return t("scenario.expect.missing_tables", table=_table_name(loc))
        return t("scenario.expect.missing")
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind in ("literal_error", "enum"):
        return _one_of(_choices(str(ctx.get("expected", ""))), error.get("input"))
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("model_type", "dict_type") and _type_at(loc) is MemberSpec:
        return t("scenario.expect.member", example='{ name = "…", role = "…" }')
    if kind == "list_type" and _is_table_array(loc):
        return t("scenario.expect.tables", table=_table_name(loc))
    key = _EXPECTED.get(kind)
    if key is None:
        return t("scenario.expect.invalid", detail=error["msg"])
    limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ""))))
    # examples with braces go in as values: a catalog text never has a literal brace
    return t(key, min=ctx.get("min_length", ""), max=ctx.get("max_length", ""),
             limit=_num(limit), example='{ name = "…" }')


def _problems_from(error: ValidationError, file: str, source: str) -> list[Problem]:
    problems = []
    errors = error.errors()
    for err in errors[:MAX_PROBLEMS]:
        raw = tuple(err["loc"])
        # a bad key of a table (agenda.reviw) comes as ("agenda", "reviw", "[key]")
        loc = tuple(part for part in raw if part != "[key]")
        if err["type"] == "missing":
            found = None
        elif err["type"] == "extra_forbidden" or raw[-1:] == ("[key]",):
            found = clean(str(loc[-1]))
        else:
            found = _short(err.get("input"))
        problems.append(Problem(file=file, path=_path(loc), message=_expected(err, loc),
                                found=found, line=locate(source, loc)))
    return _in_order(problems, file, total=len(errors))


# -- finding the line of a field -----------------------------------------------------

class _Scan:
    """A small reader of (valid) TOML that records the line where every value starts.

    ``lines[path]`` is the line of the key, the table header or the array element at
    `path`, e.g. ``("teams", 1, "members", 0)``. Implicit tables get the line where
    they first appear.
    """

    _BARE = re.compile(r"[A-Za-z0-9_\-]+")
    _SCALAR = re.compile(r"[^,\]}\n#]+")

    def __init__(self, source: str) -> None:
        self.s = source
        self.i = 0
        self.breaks = [m.start() for m in re.finditer("\n", source)]
        self.lines: dict[tuple[Any, ...], int] = {}
        self.arrays: dict[tuple[Any, ...], int] = {}

    def line(self) -> int:
        return bisect_right(self.breaks, self.i - 1) + 1

    def record(self, path: tuple[Any, ...], line: int) -> None:
        self.lines.setdefault(path, line)

    def peek(self, text: str) -> bool:
        return self.s.startswith(text, self.i)

    def skip_space(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t\r":
            self.i += 1

    def skip_blank(self) -> None:
        """Spaces, newlines and comments."""
        while self.i < len(self.s):
            char = self.s[self.i]
            if char in " \t\r\n":
                self.i += 1
            elif char == "#":
                end = self.s.find("\n", self.i)
                self.i = len(self.s) if end < 0 else end
            else:
                return

    def expect(self, text: str) -> None:
        if not self.peek(text):
            raise ValueError(f"expected {text!r} at {self.i}")
        self.i += len(text)

    def string(self) -> str:
        """Skip a string at the cursor and return its text as written (with quotes)."""
        start = self.i
        for quote in ('"""', "'''"):
            if self.peek(quote):
                self.i += 3
                while not self.peek(quote):
                    self.i += 2 if quote == '"""' and self.s[self.i] == "\\" else 1
                    if self.i >= len(self.s):
                        raise ValueError("unterminated string")
                self.i += 3
                extra = 0  # up to two quotes may end the content: """a""""
                while extra < 2 and self.peek(quote[0]):
                    self.i += 1
                    extra += 1
                return self.s[start:self.i]
        quote = self.s[self.i]
        self.i += 1
        while self.s[self.i] != quote:
            self.i += 2 if quote == '"' and self.s[self.i] == "\\" else 1
        self.i += 1
        return self.s[start:self.i]

    def key(self) -> list[str]:
        keys = []
        while True:
            self.skip_space()
            char = self.s[self.i]
            if char in "\"'":
                raw = self.string()
                try:
                    keys.append(tomllib.loads(f"k = {raw}")["k"])
                except tomllib.TOMLDecodeError:
                    keys.append(raw[1:-1])
            else:
                match = self._BARE.match(self.s, self.i)
                if not match:
                    raise ValueError(f"no key at {self.i}")
                keys.append(match.group())
                self.i = match.end()
            self.skip_space()
            if self.peek("."):
                self.i += 1
                continue
            return keys

    def keyval(self, base: tuple[Any, ...]) -> None:
        line = self.line()
        keys = self.key()
        for n in range(1, len(keys) + 1):
            self.record((*base, *keys[:n]), line)
        self.expect("=")
        self.skip_space()
        self.value((*base, *keys))

    def value(self, path: tuple[Any, ...]) -> None:
        char = self.s[self.i]
        if char in "\"'":
            self.string()
        elif char == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_blank()
                if self.peek("]"):
                    self.i += 1
                    return
                self.record((*path, index), self.line())
                self.value((*path, index))
                index += 1
                self.skip_blank()
                if self.peek(","):
                    self.i += 1
        elif char == "{":
            self.i += 1
            while True:
                self.skip_blank()
                if self.peek("}"):
                    self.i += 1
                    return
                self.keyval(path)
                self.skip_blank()
                if self.peek(","):
                    self.i += 1
        else:
            match = self._SCALAR.match(self.s, self.i)
            if not match:
                raise ValueError(f"no value at {self.i}")
            self.i = match.end()

    def resolve(self, keys: list[str], line: int) -> tuple[Any, ...]:
        """The path of a header's keys; arrays of tables resolve to their last entry."""
        path: tuple[Any, ...] = ()
        for key in keys:
            path = (*path, key)
            self.record(path, line)
            if path in self.arrays:
                path = (*path, self.arrays[path])
        return path

    def document(self) -> dict[tuple[Any, ...], int]:
        table: tuple[Any, ...] = ()
        while True:
            self.skip_blank()
            if self.i >= len(self.s):
                return self.lines
            line = self.line()
            if self.peek("[["):
                self.i += 2
                keys = self.key()
                self.expect("]]")
                array = (*self.resolve(keys[:-1], line), keys[-1])
                index = self.arrays.get(array, -1) + 1
                self.arrays[array] = index
                self.record(array, line)
                table = (*array, index)
                self.record(table, line)
            elif self.peek("["):
                self.i += 1
                keys = self.key()
                self.expect("]")
                table = self.resolve(keys, line)
            else:
                self.keyval(table)


@functools.lru_cache(maxsize=4)
def _line_index(source: str) -> dict[tuple[Any, ...], int]:
    scan = _Scan(source)
    try:
        return scan.document()
    except (ValueError, IndexError, RecursionError):
        return scan.lines  # whatever was read before the scanner lost its way


def locate(source: str, loc: Sequence[Any]) -> int | None:
    """Line number (1-based) of the field at `loc` in TOML `source`, or None.

    The line of the key, the ``[table]``/``[[array]]`` header, or the element of an
    inline array (``parts = [ … ]``: the part's own line). A field that is not in the
    file (a missing one) gets the line of the nearest enclosing table or element.
    """
    if not source:
        return None
    index = _line_index(source)
    path = tuple(part for part in loc if part != "[key]")
    for end in range(len(path), 0, -1):
        line = index.get(path[:end])
        if line is not None:
            return line
    return None


# -- reading ---------------------------------------------------------------------------

_BOM = b"\xef\xbb\xbf"


def _kilobytes(size: int) -> str:
    return f"{-(-size // 1024):,}"  # rounded up: 1 byte over the limit shows as over


def read_text(path: Path | str) -> str:
    """The file's text, or a ScenarioError that says plainly what is wrong with the file."""
    path = Path(path)
    name = str(path)

    def fail(message: str, **where: Any) -> ScenarioError:
        return ScenarioError([Problem(name, message, **where)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(t("scenario.is_folder"))
        if not stat.S_ISREG(info.st_mode):
            raise fail(t("scenario.not_a_file"))
        if info.st_size > MAX_BYTES:
            raise fail(t("scenario.too_large", size=_kilobytes(info.st_size),
                         limit=_kilobytes(MAX_BYTES)))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fail(t("scenario.not_found")) from None
    except PermissionError:
        raise fail(t("scenario.no_permission")) from None
    except IsADirectoryError:
        raise fail(t("scenario.is_folder")) from None
    except OSError as error:
        raise fail(t("scenario.os_error", error=error.strerror or error)) from None
    if len(data) > MAX_BYTES:  # it grew while we looked
        raise fail(t("scenario.too_large", size=_kilobytes(len(data)),
                     limit=_kilobytes(MAX_BYTES)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(t("scenario.utf16"))
    if data.startswith(_BOM):
        data = data[len(_BOM):]  # Notepad writes a BOM; TOML does not want one
    if not data.strip():
        raise fail(t("scenario.empty"))
    if b"\x00" in data:
        raise fail(t("scenario.binary"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[start:error.start].decode("utf-8")) + 1
        found = " ".join(f"0x{b:02X}" for b in data[error.start:error.start + 4])
        try:
            data.decode("gb18030")
            message = t("scenario.not_utf8_gbk")
        except UnicodeDecodeError:
            message = t("scenario.not_utf8")
        raise fail(message, line=line, column=column, found=found) from None


# tomllib's messages, and the catalog key that says the same thing to a facilitator.
_TOML_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key) for pattern, key in (
        (r"^Invalid value$", "invalid_value"),
        (r"^Expected newline or end of document after a statement$", "newline"),
        (r"^Cannot overwrite a value$", "overwrite"),
        (r"^Cannot declare \((?P<name>.*)\) twice$", "declared_twice"),
        (r"^Cannot (?:mutate immutable|redefine) namespace (?P<name>.*)$", "namespace"),
        (r"^Expected '=' after a key in a key/value pair$", "equals"),
        (r"^Expected '\]' at the end of a table declaration$", "table_end"),
        (r"^Expected '\]\]' at the end of an array declaration$", "array_end"),
        (r"^Invalid initial character for a key part$", "key"),
        (r"^Invalid statement$", "statement"),
        (r"^Unclosed array$", "unclosed_array"),
        (r"^Unclosed inline table$", "unclosed_table"),
        (r"^Unterminated string$", "unterminated_string"),
        (r"^Unescaped '\\' in a string$", "backslash"),
        (r"^(?:Invalid hex value|Escaped character is not a Unicode scalar value)$",
         "escape"),
        (r"^Invalid date or datetime$", "date"),
        (r"^(?:Illegal|Found invalid) character (?P<name>.*)$", "character"),
        (r"^Duplicate inline table key (?P<name>.*)$", "duplicate_key"),
    )
)
_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _toml_detail(message: str) -> str:
    """tomllib's `message` said plainly in the current language (as it is, if unknown)."""
    for pattern, key in _TOML_MESSAGES:
        match = pattern.match(message)
        if match:
            name = match.groupdict().get("name") or ""
            name = ".".join(re.findall(r"'([^']*)'", name)) or name.strip("'")
            if key == "character" and name == "\\n":
                key = "unterminated_string"  # a newline inside "…": the quote is missing
            return t(f"scenario.toml.{key}", name=clean(name))
    return clean(message)


def _deep_line(source: str) -> int:
    """The line where brackets first nest absurdly deep (tomllib gives up there)."""
    depth = 0
    for number, text in enumerate(source.splitlines(), 1):
        depth += text.count("[") + text.count("{") - text.count("]") - text.count("}")
        if depth > 100:
            return number
    return 1


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_FULL_WIDTH = re.compile("[“”‘’＝［］｛｝，＃：]")


def _full_width_outside_quotes(line: str) -> bool:
    """Whether `line` has Chinese punctuation where TOML needs ASCII (= " [ ] { } ,)."""
    return bool(_FULL_WIDTH.search(_QUOTED.sub("", line)))


def _short_line(text: str) -> str | None:
    text = truncate(clean(text), 60)
    return text or None


def parse(source: str, name: str) -> dict[str, Any]:
    """`source` as TOML, or a ScenarioError naming the line and column of the mistake."""
    lines = source.splitlines()
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_WHERE.search(message)
        detail = _TOML_WHERE.sub("", message).strip()
        line: int | None = getattr(error, "lineno", None)
        column: int | None = getattr(error, "colno", None)
        if match and match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
        elif line is None or match:
            # at the end of the document: the last line that has anything on it
            line = next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), 1)
            column = None
        text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        said = (t("scenario.toml.full_width", ascii='= " [ ] { } ,', full="＝ “ ” ［ ］ ｛ ｝ ，")
                if _full_width_outside_quotes(text)
                else _toml_detail(detail))
        raise ScenarioError([Problem(name, t("scenario.toml_syntax", detail=said),
                                     line=line, column=column,
                                     found=_short_line(text))]) from None
    except RecursionError:
        raise ScenarioError([Problem(name, t("scenario.too_deep"),
                                     line=_deep_line(source))]) from None


def _in_order(problems: list[Problem], file: str, total: int | None = None) -> list[Problem]:
    """File-level problems first, then in the order of the file; at most MAX_PROBLEMS.

    `total` is how many there were in all, when only the first were turned into
    problems; a last note says how many are not shown.
    """
    total = len(problems) if total is None else total
    shown = sorted(problems, key=lambda p: (p.line is not None, p.line or 0))[:MAX_PROBLEMS]
    if total > len(shown):
        shown.append(Problem(file, t("scenario.more_problems", count=f"{total - len(shown):,}")))
    return shown


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
        raise ScenarioError(_problems_from(error, str(path), source)) from None


def load_scenario(path: Path | str) -> Workshop:
    """Read, validate and convert a scenario file into a new workshop document.

    Raises ``ScenarioError`` (with every problem found) and nothing else for a bad file.
    """
    spec, source = load_spec(path)
    return build(spec, str(path), source)


def scenario_language(path: Path | str) -> str | None:
    """The language a scenario asks for, if the file can be read that far (for messages)."""
    try:
        data = tomllib.loads(read_text(Path(path)))
    except (ScenarioError, tomllib.TOMLDecodeError, RecursionError):
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
                                line=locate(source, loc)))

    teams: list[Team] = []
    seen_teams: set[str] = set()
    for i, team_spec in enumerate(spec.teams):
        folded = team_spec.name.casefold()
        if folded in seen_teams:
            problem(("teams", i, "name"), t("scenario.duplicate_team"), _short(team_spec.name))
            continue
        seen_teams.add(folded)
        seen_members: set[str] = set()
        for j, member_spec in enumerate(team_spec.members):
            if member_spec.name in seen_members:
                problem(("teams", i, "members", j), t("scenario.duplicate_member"),
                        _short(member_spec.name))
            seen_members.add(member_spec.name)
        color = team_spec.color or TEAM_COLORS[i % len(TEAM_COLORS)]
        teams.append(Team(name=team_spec.name, color=color,
                          members=[Member(name=m.name, role=m.role) for m in team_spec.members]))
    by_team_name = {team.name.casefold(): team for team in teams}

    def team_id(loc: tuple[Any, ...], name: str | None) -> str | None:
        if name is None:
            return None
        team = by_team_name.get(name.casefold())
        if team is None:
            close = _suggest(name, [tm.name for tm in teams])
            message = (t("scenario.unknown_team_suggest", name=f'"{close}"') if close else
                       t("scenario.unknown_team", teams=_quoted(tm.name for tm in teams)))
            problem(loc, message, _short(name))
            return None
        return team.id

    goals: list[Goal] = []
    goal_ids: list[str] = []
    for i, goal_spec in enumerate(spec.goals):
        goal_id = goal_spec.id or f"goal{i + 1}"
        if goal_id in goal_ids:
            problem(("goals", i, "id"), t("scenario.duplicate_goal"), _short(goal_id))
        else:
            goal_ids.append(goal_id)
        goals.append(Goal(
            id=goal_id, statement=goal_spec.statement, metric=goal_spec.metric, unit=goal_spec.unit,
            baseline=goal_spec.baseline, floor=goal_spec.floor, target=goal_spec.target,
            stretch=goal_spec.stretch, deadline=goal_spec.deadline, parent_id=goal_spec.parent,
            team_id=team_id(("goals", i, "team"), goal_spec.team),
            growth=goal_spec.growth, factors=goal_spec.factors,
        ))

    def unknown_goal(loc: tuple[Any, ...], goal_id: str) -> None:
        close = _suggest(goal_id, goal_ids)
        if close:
            message = t("scenario.unknown_goal_suggest", name=f'"{close}"')
        elif goal_ids:
            message = t("scenario.unknown_goal", goals=_quoted(goal_ids))
        else:
            message = t("scenario.no_goals")
        problem(loc, message, _short(goal_id))

    for i, goal in enumerate(goals):
        if goal.parent_id is not None and goal.parent_id not in goal_ids:
            unknown_goal(("goals", i, "parent"), goal.parent_id)
    # A loop of parents is reported once, at the first of its goals in the file.
    parents = {g.id: g.parent_id for g in goals}
    reported: set[frozenset[str]] = set()
    for i, goal in enumerate(goals):
        chain = [goal.id]
        parent = goal.parent_id
        while parent is not None and parent in parents and parent not in chain:
            chain.append(parent)
            parent = parents[parent]
        if parent is None or parent not in chain:
            continue
        loop = chain[chain.index(parent):]
        if goal.id not in loop or frozenset(loop) in reported:
            continue
        reported.add(frozenset(loop))
        problem(("goals", i, "parent"),
                t("scenario.goal_cycle", chain=" → ".join([*loop, loop[0]])),
                _short(goal.parent_id))

    def member_id(loc: tuple[Any, ...], team: str | None, name: str | None) -> str | None:
        if name is None:
            return None
        home = by_team_name.get(team.casefold()) if team else None
        pool = [home] if home else teams
        for candidate in pool:
            for member in candidate.members:
                if member.name == name:
                    return member.id
        problem(loc, t("scenario.unknown_member"), _short(name))
        return None

    cascades: list[Cascade] = []
    for i, cascade_spec in enumerate(spec.cascades):
        if cascade_spec.goal not in goal_ids:
            unknown_goal(("cascades", i, "goal"), cascade_spec.goal)
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
            unknown_goal(("funnels", i, "goal"), funnel_spec.goal)
        if funnel_spec.rates and len(funnel_spec.rates) != len(funnel_spec.stages) - 1:
            problem(("funnels", i, "rates"),
                    t("scenario.rates_count", stages=len(funnel_spec.stages),
                      count=len(funnel_spec.stages) - 1),
                    _short(funnel_spec.rates))
        fields = funnel_spec.model_dump(exclude={"goal"})
        funnels.append(Funnel(goal_id=funnel_spec.goal, **fields))

    cards: list[tuple[CardSpec, str | None]] = []
    for i, card_spec in enumerate(spec.cards):
        boards = BOARDS.get(card_spec.step, ())
        if not boards:
            problem(("cards", i, "step"),
                    t("scenario.step_has_no_cards",
                      steps=_quoted(s for s in STEPS if BOARDS.get(s))),
                    _short(card_spec.step))
            continue
        board = card_spec.board or boards[0]
        if board not in boards:
            problem(("cards", i, "board"), _one_of(boards, card_spec.board),
                    _short(card_spec.board))
            continue
        cards.append((card_spec.model_copy(update={"board": board}),
                      team_id(("cards", i, "team"), card_spec.team)))

    if problems:
        raise ScenarioError(_in_order(problems, file))

    try:
        return _document(spec, teams, goals, cascades, funnels, cards)
    except ValidationError as error:
        # The spec is meant to accept only what the document accepts; if the two ever
        # disagree, say so plainly instead of showing a traceback.
        raise ScenarioError([
            Problem(file, t("scenario.expect.invalid", detail=err["msg"]),
                    path=_path(err["loc"]), found=_short(err.get("input")))
            for err in error.errors()
        ]) from None


def _document(spec: ScenarioSpec, teams: list[Team], goals: list[Goal],
              cascades: list[Cascade], funnels: list[Funnel],
              cards: list[tuple[CardSpec, str | None]]) -> Workshop:
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
