"""What is wrong with a file someone wrote by hand: one ``Problem`` per finding.

Kept apart from ``workshop.scenario`` (whose pydantic schemas take a while to load) so
the command line and the app can catch ``ScenarioError`` without loading them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
