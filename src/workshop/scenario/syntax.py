"""TOML syntax: parse a scenario's text, and say tomllib's complaints plainly.

A mistake names its line and column; tomllib's English is replaced with a catalog text,
and Chinese punctuation where TOML needs ASCII gets its own hint.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from workshop.i18n import t
from workshop.problems import Problem, ScenarioError
from workshop.text import clean, truncate

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
    if source.lstrip().startswith("{"):  # TOML never starts with a brace; a session does
        raise ScenarioError([Problem(name, t("scenario.looks_like_session", file=name))])
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
