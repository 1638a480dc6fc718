"""A row list lays its rows out again when its scrollbar comes or goes: that changes the
width of its lines with no Resize (found on the plan step at 200×60, where a list built
out of view kept a blank column at its right edge until the terminal was resized)."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult

from uitools import settle
from workshop.tui.widgets.row_list import Row, RowList


def right_aligned(key: str) -> Row:
    """A row whose one line ends at the list's right edge (as the plan's vote counts do)."""
    def layout(width, style_of):
        return [[Segment(" " * (width - len(key)) + key)]]
    return Row(key, "item", layout)


class OneList(App):
    def compose(self) -> ComposeResult:
        yield RowList(id="rows")


async def test_the_rows_reach_the_edge_once_the_scrollbar_has_gone():
    app = OneList()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(RowList)
        rows.show([right_aligned(f"r{n}") for n in range(30)])  # more than fit: a scrollbar
        await settle(pilot)
        assert rows.render_line(0).text.endswith("r0")
        width_with_bar = rows.scrollable_content_region.width
        rows.show([right_aligned(f"k{n}") for n in range(3)])  # all fit: the bar goes
        await settle(pilot)
        assert rows.scrollable_content_region.width == width_with_bar + 1
        assert rows.render_line(0).text == " " * (width_with_bar - 1) + "k0"
        rows.show([right_aligned(f"m{n}") for n in range(30)])  # and comes back
        await settle(pilot)
        assert rows.render_line(0).text == " " * (width_with_bar - 2) + "m0"
