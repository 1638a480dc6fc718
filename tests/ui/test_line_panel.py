"""The side panel drawn row by row (``LinePanel``) shows what a ``Static`` shows, at any
width and theme, and follows its text as it changes: a count, a line more, a line less."""

from __future__ import annotations

import pytest
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from uitools import settle
from workshop.tui.widgets.line_panel import LinePanel

TEAMS = ["济南队", "[/oops]队", "<b>&队", "🚀火箭队", "青岛海洋经济开发区第一销售团队"]


def panel_text(counts: list[int], extra: str = "") -> Text:
    lines = [Text("每组卡片数", style="bold")]
    for name, count in zip(TEAMS, counts, strict=True):
        line = Text()
        line.append("▌ ", style=Style(color="#e06c75", bold=True))
        line.append(name)
        line.append(f"  {count}", style="bold")
        lines.append(line)
    lines += [Text(""), Text("好的卡片：一张卡片一个想法，写清楚做什么、谁来做。"
                             "Cards: one idea each, say what and who.", style="dim")]
    if extra:
        lines.append(Text(extra, style="italic"))
    return Text("\n").join(lines)


class Side(App):
    CSS = """
    VerticalScroll { width: 1fr; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll(id="lines"):
                yield LinePanel()
            with VerticalScroll(id="static"):
                yield Static()


def painted(widget) -> list:
    """The rows as the screen paints them: through the widget's cache of painted lines,
    so a row changed but not marked for repaint shows its old text here too."""
    return widget.render_lines(Region(0, 0, *widget.outer_size))


def rows(widget) -> list[str]:
    return [strip.text.rstrip() for strip in painted(widget)]


def styled_rows(widget) -> list[list[tuple[str, Style | None]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in painted(widget)]


async def show_both(pilot, text: Text) -> tuple[LinePanel, Static]:
    panel, static = pilot.app.query_one(LinePanel), pilot.app.query_one(Static)
    static.update(text)
    panel.show_text(text)
    await settle(pilot)
    return panel, static


@pytest.mark.parametrize("width", [40, 64, 120])
async def test_it_draws_the_rows_a_static_draws(width):
    app = Side()
    async with app.run_test(size=(width, 30)) as pilot:
        panel, static = await show_both(pilot, panel_text([8, 12, 0, 3, 100]))
        assert rows(panel) == rows(static)
        assert styled_rows(panel) == styled_rows(static)
        assert panel.size.height == static.size.height
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert styled_rows(panel) == styled_rows(static)  # the theme's colours too


async def test_a_count_changes_a_row_and_new_lines_grow_the_panel():
    app = Side()
    async with app.run_test(size=(60, 30)) as pilot:
        panel, static = await show_both(pilot, panel_text([8, 12, 0, 3, 100]))
        height = panel.size.height
        panel, static = await show_both(pilot, panel_text([9, 12, 0, 3, 100]))
        assert "济南队  9" in rows(panel)[1] and rows(panel) == rows(static)
        assert panel.size.height == height
        panel, static = await show_both(pilot, panel_text([9, 12, 0, 3, 100],
                                                          extra="有 4 张卡片暂时隐藏"))
        assert rows(panel)[-1] == "有 4 张卡片暂时隐藏" and rows(panel) == rows(static)
        assert panel.size.height == height + 1
        panel, static = await show_both(pilot, panel_text([9, 12, 0, 3, 100]))
        assert panel.size.height == height and rows(panel) == rows(static)
        assert str(panel.content) == str(static.content)  # what reads the panel reads this


async def test_a_resize_draws_it_again_at_the_new_width():
    app = Side()
    async with app.run_test(size=(120, 30)) as pilot:
        await show_both(pilot, panel_text([8, 12, 0, 3, 100]))
        await pilot.resize_terminal(44, 30)
        await settle(pilot)
        panel, static = app.query_one(LinePanel), app.query_one(Static)
        assert rows(panel) == rows(static)
        assert any("青岛海洋经济" in row for row in rows(panel))


async def test_text_changed_while_hidden_shows_when_it_is_shown_again():
    """Projector mode hides the side panel; cards typed meanwhile change its counts."""
    app = Side()
    async with app.run_test(size=(80, 30)) as pilot:
        await show_both(pilot, panel_text([8, 12, 0, 3, 100]))
        app.query_one("#lines").display = False
        await settle(pilot)
        app.query_one(LinePanel).show_text(panel_text([9, 12, 0, 3, 100]))
        await settle(pilot)
        app.query_one("#lines").display = True
        app.query_one(Static).update(panel_text([9, 12, 0, 3, 100]))
        await settle(pilot)
        panel, static = app.query_one(LinePanel), app.query_one(Static)
        assert "济南队  9" in rows(panel)[1] and rows(panel) == rows(static)
