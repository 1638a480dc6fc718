"""Problem wording: pydantic's validation errors said plainly, in the room's language.

Each error becomes a ``Problem`` naming the field path, the line, what was expected
(with a suggestion where a close name exists) and what the file has.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from workshop.i18n import get_language, t
from workshop.problems import Problem, plain_number, said_plainly
from workshop.scenario.lines import locate
from workshop.scenario.spec import MemberSpec, ScenarioSpec
from workshop.text import clean, truncate

MAX_PROBLEMS = 100
"""Most problems reported for one file; a note says how many more there are."""


def as_toml(value: Any) -> str:
    """`value` written roughly as TOML would write it (for "found")."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, float):
        return plain_number(value)
    if isinstance(value, list):
        return "[" + ", ".join(as_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {as_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def short(value: Any, limit: int = 60) -> str:
    """`value` as TOML text, cut to `limit` terminal cells and safe to print.

    What the file has is shown back to the user, so control characters and escape
    sequences in it are removed (``clean``) before it reaches a terminal.
    """
    return truncate(clean(as_toml(value)), limit)


def dotted(loc: Iterable[Any]) -> str:
    """``("teams", 1, "name")`` as ``teams[1].name`` (keys cleaned: a key can be any text)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + clean(str(part))
    return out


def listed(items: Iterable[str]) -> str:
    """Items joined with the language's list separator."""
    return ("、" if get_language() == "zh" else ", ").join(items)


def quoted(items: Iterable[str]) -> str:
    return listed(f'"{item}"' for item in items)


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


def suggest(word: str, choices: Sequence[str]) -> str | None:
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
    close = suggest(key, known)
    if close:
        return t("scenario.expect.unknown_key_suggest", name=close)
    elsewhere = _sections_with(key)
    if elsewhere:
        return t("scenario.expect.unknown_key_elsewhere", tables=listed(elsewhere))
    return t("scenario.expect.unknown_key", keys=listed(known))


def one_of(choices: Sequence[str], given: Any) -> str:
    close = suggest(given, choices) if isinstance(given, str) else None
    if close:
        return t("scenario.expect.one_of_suggest", choices=quoted(choices), name=f'"{close}"')
    return t("scenario.expect.one_of", choices=quoted(choices))




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
        return one_of(_choices(str(ctx.get("expected", ""))), error.get("input"))
    if kind in ("model_type", "dict_type") and _type_at(loc) is MemberSpec:
        return t("scenario.expect.member", example='{ name = "…", role = "…" }')
    if kind == "list_type" and _is_table_array(loc):
        return t("scenario.expect.tables", table=_table_name(loc))
    return said_plainly(error) or t("scenario.expect.invalid", detail=error["msg"])


def problems_from(error: ValidationError, file: str, source: str) -> list[Problem]:
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
            found = short(err.get("input"))
        problems.append(Problem(file=file, path=dotted(loc), message=_expected(err, loc),
                                found=found, line=locate(source, loc)))
    return in_order(problems, file, total=len(errors))


def in_order(problems: list[Problem], file: str, total: int | None = None) -> list[Problem]:
    """File-level problems first, then in the order of the file; at most MAX_PROBLEMS.

    `total` is how many there were in all, when only the first were turned into
    problems; a last note says how many are not shown.
    """
    total = len(problems) if total is None else total
    shown = sorted(problems, key=lambda p: (p.line is not None, p.line or 0))[:MAX_PROBLEMS]
    if total > len(shown):
        shown.append(Problem(file, t("scenario.more_problems", count=f"{total - len(shown):,}")))
    return shown
