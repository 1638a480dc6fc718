"""The one error every export path raises for problems a user can cause and fix."""

from __future__ import annotations


class ExportError(Exception):
    """An export failed for a reason the user can act on (bad font, unknown team, unwritable
    folder…). ``message`` is already translated and is shown as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
