"""What is wrong with a file someone wrote by hand: one ``Problem`` per finding.

Kept apart from ``workshop.scenario`` (whose pydantic schemas take a while to load) so
the command line and the app can catch ``ScenarioError`` without loading them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workshop.i18n import t


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
        """The problem as one line: ``file:line:column: path: message (found)``."""
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
            # the catalog carries its own spacing: " (…)" in English, "（…）" in Chinese
            text += t("scenario.found", found=self.found)
        return text


class ScenarioError(Exception):
    """A scenario that cannot be used; ``problems`` says why."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


EXPECTED = {
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


def plain_number(value: Any) -> str:
    """A number as people write it: 0 rather than 0.0, 1e+308 rather than its 309 digits."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def said_plainly(error: Mapping[str, Any]) -> str | None:
    """What a pydantic validation error (one of ``ValidationError.errors()``) expected, in
    the current language; None for a kind of error this does not know."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    key = EXPECTED.get(kind)
    if key is None:
        return None
    limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ""))))
    # examples with braces go in as values: a catalog text never has a literal brace
    return t(key, min=ctx.get("min_length", ""), max=ctx.get("max_length", ""),
             limit=plain_number(limit), example='{ name = "…" }')
