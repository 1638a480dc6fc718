"""Finding the line of a field: a small scanner of TOML that tomllib has already accepted.

tomllib gives values but no positions, so this records where each key, table header
and array element starts; problems found later name that line.
"""

from __future__ import annotations

import functools
import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any


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
