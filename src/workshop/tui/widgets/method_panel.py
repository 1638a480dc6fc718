"""What the method says about a step: purpose, guiding questions, tools, output."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workshop.i18n import lines, t
from workshop.model import StepId


def bullets(items: list[str]) -> Table:
    """A bulleted list with a hanging indent (CJK lines wrap under the text, not the dot)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for item in items:
        table.add_row("•", Text(item))
    return table


def method_view(step: StepId) -> Group:
    def heading(key: str) -> Text:
        return Text(t(key), style="bold underline")

    return Group(
        heading("method.label.purpose"),
        Text(t(f"method.{step}.purpose")),
        Text(""),
        heading("method.label.questions"),
        bullets(lines(f"method.{step}.questions")),
        Text(""),
        heading("method.label.tools"),
        Text(t("word.list_sep").join(lines(f"method.{step}.tools"))),
        Text(""),
        heading("method.label.output"),
        Text(t(f"method.{step}.output")),
    )


class MethodPanel(Static):
    """The method's guidance for `step`, from the catalogs."""

    DEFAULT_CSS = """
    MethodPanel { padding: 0 1; height: auto; }
    """

    def __init__(self, step: StepId, **kwargs) -> None:
        super().__init__(method_view(step), **kwargs)
        self.step = step
