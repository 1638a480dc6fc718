"""The check-in's entries in the F8 menu: the boards (PDF), Markdown and the actuals (CSV)
of the check-in on screen. Only with a check-in to export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.model import Workshop
from workshop.tui.widgets.checkin.pane import current

if TYPE_CHECKING:
    from workshop.export import ExportResult

PREFIX = "checkin:"


def options(doc: Workshop) -> list[tuple[str, str]]:
    checkin = current(doc)
    if checkin is None:
        return []
    day = checkin.date.isoformat()
    return [(f"{PREFIX}{fmt}", t(f"checkin.export.{fmt}", date=day))
            for fmt in ("pdf", "md", "csv")]


def run(doc: Workshop, choice: str, lang: str, out: Path) -> ExportResult:
    """Export what `choice` (one of ``options``) names."""
    from workshop.export import export_checkin

    checkin = current(doc)
    return export_checkin(doc, choice.removeprefix(PREFIX),  # type: ignore[arg-type]
                          date=checkin.date.isoformat() if checkin else None, out=out,
                          lang=lang)
