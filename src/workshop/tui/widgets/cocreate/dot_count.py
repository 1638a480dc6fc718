"""Paper dots counted off the wall: the room votes with stickers, the facilitator types
each cluster's count, and the whole room's budget is checked as the numbers go in.

One line per strategy, numbered as on the board; Enter goes on to the next line and
saves after the last (F10 saves from anywhere). A count over the room's dots is shown at
once and cannot be saved. Esc with numbers typed asks once more before they go.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from workshop.i18n import t
from workshop.text import truncate


@dataclass(frozen=True)
class Budget:
    """The room's dots: how many voters, each with how many, and those already placed
    at the keyboard (they count against the same budget)."""

    voters: int
    dots: int
    per: str
    keyboard: int

    @property
    def allowed(self) -> int:
        return self.voters * self.dots


class DotCount(ModalScreen[dict[str, int] | None]):
    """Type each strategy's paper dots; returns cluster id → count (the changed ones)."""

    DEFAULT_CSS = """
    DotCount .dot-rows { height: auto; max-height: 50vh; }
    DotCount .dot-row { height: 1; }
    DotCount .dot-row > Static { width: 1fr; height: 1; }
    DotCount .dot-row > Input { width: 10; height: 1; border: none; padding: 0 1; }
    DotCount #dot-budget { text-style: bold; }
    DotCount #dot-budget.-over { color: $error; }
    """

    BINDINGS = [
        Binding("f10", "save", "Save", id="cocreate_count_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, rows: Sequence[tuple[str, int, str, int]], budget: Budget) -> None:
        """`rows`: cluster id, board number, name, dots counted so far."""
        super().__init__(classes="dialog")
        self.rows = list(rows)
        self.budget = budget
        self._warned = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(t("cocreate.count.title"), style="bold"), classes="dialog-title")
            with VerticalScroll(classes="dot-rows"):
                for key, number, name, counted in self.rows:
                    with Horizontal(classes="dot-row"):
                        yield Static(Text(f"{number}. {truncate(name, 60)}"))
                        yield Input(str(counted) if counted else "", restrict=r"[0-9]*",
                                    max_length=4, placeholder="0", id=f"count-{key}")
            yield Static(id="dot-budget")
            yield Static(t("cocreate.count.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._show_budget()
        inputs = list(self.query(Input))
        if inputs:
            inputs[0].focus()

    # -- the numbers ------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for key, _number, _name, _counted in self.rows:
            value = self.query_one(f"#count-{key}", Input).value.strip()
            out[key] = int(value) if value.isdigit() else 0
        return out

    def over(self) -> bool:
        return sum(self.counts().values()) + self.budget.keyboard > self.budget.allowed

    def _show_budget(self) -> None:
        budget = self.budget
        counted = sum(self.counts().values())
        values = dict(voters=budget.voters, dots=budget.dots, allowed=budget.allowed,
                      counted=counted, keyboard=budget.keyboard,
                      left=budget.allowed - budget.keyboard - counted)
        line = t(f"cocreate.count.budget_{budget.per}", **values)
        if budget.keyboard:
            line += t("cocreate.count.keyboard", **values)
        over = self.over()
        line += " " + t("cocreate.count.over" if over else "cocreate.count.left", **values)
        label = self.query_one("#dot-budget", Static)
        label.update(Text(line))
        label.set_class(over, "-over")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._warned = False
        self._show_budget()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        """Enter: on to the next strategy; after the last one, save."""
        event.stop()
        inputs = list(self.query(Input))
        at = inputs.index(event.input)
        if at + 1 < len(inputs):
            inputs[at + 1].focus()
        else:
            self.action_save()

    # -- done -------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.over():
            self.app.bell()
            return
        counts = self.counts()
        changed = {key: counts[key] for key, _n, _name, counted in self.rows
                   if counts[key] != counted}
        self.dismiss(changed)

    def action_cancel(self) -> None:
        typed = any(self.counts()[key] != counted for key, _n, _name, counted in self.rows)
        if typed and not self._warned:
            self._warned = True
            self.app.bell()
            self.query_one("#dot-budget", Static).update(
                Text(t("cocreate.count.esc_again"), style="bold"))
            return
        self.dismiss(None)
