"""F8: the export menu, and exports made in worker processes so the room keeps working.

``ExportsHost`` is mixed into the app (as ``PhonesHost`` is); the menu, the workers and
the progress box are ``export_runner.ExportRunner``'s, made on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.tui.export_runner import ExportRunner


class ExportsHost:
    """Mixed into ``WorkshopApp``: F8 and the exports it runs."""

    _exports: ExportRunner | None = None

    @property
    def exports(self) -> ExportRunner:
        """F8's menu and the exports running in worker processes (made on first use)."""
        if self._exports is None:
            from workshop.tui.export_runner import ExportRunner

            self._exports = ExportRunner(self)
        return self._exports

    def action_export(self) -> None:
        if self._need_session():
            self.exports.open_menu()

    def export_folder(self) -> Path:
        """Exports land in ``exports/`` beside the session file."""
        return self.session.path.parent / "exports"

    def close_exports(self) -> None:
        """End the export workers (the app is closing)."""
        if self._exports is not None:
            self._exports.close()
