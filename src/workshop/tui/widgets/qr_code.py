"""A QR code drawn in the terminal, as large as its space allows.

Half blocks put two modules in one character cell (a cell is about twice as tall as it
is wide), so modules come out square; the code is drawn dark on light, quiet zone
included, whatever the theme.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from workshop.room import qr

DARK = "#000000"
LIGHT = "#ffffff"
_CELLS = {
    (True, True): Segment("█", Style(color=DARK, bgcolor=LIGHT)),
    (True, False): Segment("▀", Style(color=DARK, bgcolor=LIGHT)),
    (False, True): Segment("▄", Style(color=DARK, bgcolor=LIGHT)),
    (False, False): Segment(" ", Style(color=DARK, bgcolor=LIGHT)),
}


class QrCode(Widget):
    """The QR code of `text`, centred, at the largest whole scale that fits."""

    DEFAULT_CSS = """
    QrCode { width: 1fr; height: 1fr; }
    """

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._modules: list[list[bool]] = []
        self._rows: list[list[tuple[bool, bool]]] = []
        self._fitted: tuple[int, int] | None = None
        self.text = ""
        self.show(text)

    def show(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        self._modules = qr.matrix(text) if text else []
        self._fitted = None
        self.refresh()

    @property
    def scale(self) -> int:
        if not self._modules:
            return 0
        return qr.fitting_scale(len(self._modules), self.size.width, self.size.height)

    def _fit(self) -> list[list[tuple[bool, bool]]]:
        size = (self.size.width, self.size.height)
        if self._fitted != size:
            self._fitted = size
            self._rows = qr.cell_pairs(self._modules, self.scale) if self._modules else []
        return self._rows

    def render_line(self, y: int) -> Strip:
        rows = self._fit()
        width = self.size.width
        top = max(0, (self.size.height - len(rows)) // 2)
        if not rows or not top <= y < top + len(rows):
            return Strip.blank(width)
        row = rows[y - top]
        left = max(0, (width - len(row)) // 2)
        segments = [Segment(" " * left)] if left else []
        segments += [_CELLS[pair] for pair in row[: width - left]]
        return Strip(segments).adjust_cell_length(width)
