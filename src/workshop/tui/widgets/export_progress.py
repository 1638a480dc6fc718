"""The export's progress, over the top right of the screen while the files are made: how
many are written, which are being made, a bar, the time so far. It covers the method's
guidance for a moment, never the card entry, and moves nothing on the screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.widget import Widget

from workshop.i18n import t
from workshop.text import truncate

BOX_WIDTH = 58


@dataclass
class ExportStatus:
    """What the box shows; the export runner keeps it current."""

    what: str
    """What was asked for, as the menu said it."""
    total: int
    """How many files; 0 while not known (a check-in's boards are counted as they are made)."""
    started: float
    """``time_source.monotonic()`` when the export began."""
    done: int = 0
    making: tuple[str, ...] = field(default_factory=tuple)


class ExportProgress(Widget):
    """The box: docked at the right below the top bar, on a layer of its own (it moves
    nothing), always three lines (a refresh never relayouts the screen)."""

    COMPONENT_CLASSES = {"export-progress--done", "export-progress--rest",
                         "export-progress--title"}
    DEFAULT_CSS = """
    ExportProgress {
        layer: export; dock: right; margin-top: 3;
        width: 58; max-width: 100%; height: 5;
        background: $panel; border: round $primary; padding: 0 1;
    }
    ExportProgress > .export-progress--title { text-style: bold; color: $text; }
    ExportProgress > .export-progress--done { color: $success; }
    ExportProgress > .export-progress--rest { color: $text-disabled; }
    """

    def __init__(self, status: ExportStatus, now: float) -> None:
        super().__init__(id="export-progress")
        self.status = status
        self.now = now

    def show(self, now: float) -> None:
        self.now = now
        self.refresh()

    def render(self) -> Text:
        status = self.status
        width = max(10, self.content_region.width or BOX_WIDTH - 4)
        seconds = max(0, int(self.now - status.started))
        title = (t("export_menu.progress", done=status.done, total=status.total,
                   seconds=seconds) if status.total else
                 t("export_menu.progress_files", seconds=seconds))
        making = t("word.list_sep").join(status.making)
        line = t("export_menu.making", what=making) if making else status.what
        filled = round(width * status.done / status.total) if status.total else 0
        bar = Text("━" * filled, style=self.get_component_rich_style("export-progress--done"))
        bar.append("━" * (width - filled),
                   style=self.get_component_rich_style("export-progress--rest"))
        title_style = self.get_component_rich_style("export-progress--title")
        return Text("\n").join([Text(truncate(title, width), style=title_style),
                                 Text(truncate(line, width)), bar])
