"""The actuals of a check-in: the grid of goals and shares by period, and beside it (below
it on a narrow screen) what the method's rule says for the one under the cursor — the
verdict, what each remaining period and day must bring, the re-split or the higher
target — with ``a`` to accept the re-split and ``u`` to take it back.

Typing a number on a period row shows it in the actual column at once; Enter saves it
(one undoable change, on disk before the screen moves on) and goes to the next period.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from workshop import i18n
from workshop.edits import checkin as edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.checkin.progress import PeriodRow, Progress, all_progress
from workshop.methods.numbers import ParseError, fmt, parse_number
from workshop.model import Workshop
from workshop.report import checkin_words as words
from workshop.text import flow, truncate
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.widgets.checkin.grid import (
    VERDICT_LOOK,
    ActualGrid,
    columns_text,
    period_key,
    period_row,
    subject_row,
)
from workshop.tui.widgets.checkin.pane import CheckinPane
from workshop.tui.widgets.fitted import FittedStatic, WidthChanged
from workshop.tui.widgets.row_list import Row

STYLES = {"warn": "bold red", "ok": "bold green", "accent": "bold cyan", "muted": "dim"}


def shown_rows(p: Progress) -> list[PeriodRow]:
    """The periods the check-in reviews, and any earlier one still without an actual."""
    inside = [r for r in p.rows if r.in_checkin]
    first = inside[0].index if inside else len(p.rows)
    late = [r for r in p.rows[:first] if r.actual is None and p.subject.kind == "amount"]
    return late + inside


class ActualsPane(CheckinPane):
    view = "actuals"

    BINDINGS = [
        Binding("enter", "save", "Save actual", id="checkin_save", key_display="Enter",
                tooltip="Save the number typed (or type one)"),
        Binding("delete,x", "clear", "Clear actual", id="checkin_clear", key_display="X",
                tooltip="Clear this period's actual typed at this check-in"),
        Binding("a", "accept", "Accept re-split", id="checkin_accept",
                tooltip="Accept the re-split of what remains (or the higher target)"),
        Binding("u", "drop", "Take back re-split", id="checkin_drop",
                tooltip="Take back the re-split accepted at this check-in"),
        Binding("v", "toggle_team", "This team / all", id="checkin_team",
                tooltip="Only the team at the keyboard, or every team"),
    ]

    DEFAULT_CSS = """
    ActualsPane #grid-columns { height: 1; color: $text-muted; background: $surface; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._progress: list[Progress] = []
        self._by_key: dict[str, tuple[Progress, PeriodRow]] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="checkin-main"):
            with Vertical(classes="checkin-list"):
                yield Static(id="grid-columns")
                yield ActualGrid(id="actual-grid", empty_hint=t("checkin.grid.empty"))
            with VerticalScroll(id="actual-side", classes="checkin-side"):
                yield FittedStatic(id="actual-detail")

    @on(WidthChanged, "#actual-detail")
    def _detail_width_changed(self) -> None:
        # under the grid on a narrow screen, beside it on a wide one: the rule is flowed to
        # the width it ends up with, which the first layout may not have given it yet
        if self._progress:
            self._detail()

    def on_resize(self) -> None:
        super().on_resize()
        if self._progress:
            self.call_after_refresh(self._draw)  # the column names follow the grid's width

    @property
    def grid(self) -> ActualGrid:
        return self.query_one(ActualGrid)

    def focus_default(self) -> None:
        self.grid.focus()

    def keys_hint(self) -> str:
        return t("checkin.grid.keys")

    # -- drawing ----------------------------------------------------------------------------
    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        checkin = self.checkin(doc)
        if checkin is None:
            self._progress, self._by_key = [], {}
            self.grid.empty_hint = t("checkin.grid.none")
            self.grid.show([])
            self._detail()
            return
        self.grid.empty_hint = t("checkin.grid.empty")
        team_id = turns.current_team_id(doc) if self.one_team else None
        self._progress = [p for p in all_progress(doc, checkin)
                          if team_id is None or p.subject.team_id == team_id]
        self._draw(select)

    def _draw(self, select: str | None = None) -> None:
        doc, lang = self.doc, i18n.get_language()
        grid = self.grid
        cursor = grid.selected.key if grid.selected else None
        rows: list[Row] = []
        width = grid.scrollable_content_region.width or grid.size.width or 78
        self.query_one("#grid-columns", Static).update(
            Text(columns_text(width, lang) if self._progress else "", no_wrap=True))
        self._by_key = {}
        for p in self._progress:
            team = doc.team(p.subject.team_id)
            rows.append(subject_row(p, team.name if team else "", team.color if team else
                                    "#888888", lang))
            for row in shown_rows(p):
                key = period_key(p, row)
                self._by_key[key] = (p, row)
                rows.append(period_row(p, row, lang, grid.buffer if key == cursor else None))
        grid.show(rows, select=select)
        self._detail()

    @on(ActualGrid.Typing)
    def _typing(self) -> None:
        self._draw()

    @on(ActualGrid.Highlighted)
    def _moved(self, event: ActualGrid.Highlighted) -> None:
        event.stop()
        self._detail()

    @on(ActualGrid.Leaving)
    def _leaving(self, event: ActualGrid.Leaving) -> None:
        event.stop()
        self._commit(event.delta)

    def _selected(self) -> tuple[Progress, PeriodRow] | None:
        row = self.grid.selected
        return self._by_key.get(row.key) if row is not None else None

    def _detail(self) -> None:
        found = self._selected()
        lang = i18n.get_language()
        detail = self.query_one("#actual-detail", Static)
        if found is None:
            detail.update("")  # with no check-in, the grid says so once, not twice
            return
        p, _row = found
        style = STYLES.get(VERDICT_LOOK.get(p.verdict, "muted"), "")
        width = max(20, detail.size.width or self.query_one("#actual-side").size.width - 2
                    or 40)

        def lines(text: str, style: str = "") -> Text:
            return Text("\n".join(flow(text, width)), style=style)

        title = Text()
        title.append(f" {words.verdict_label(p.verdict, lang)} ", style=style + " reverse")
        title.append(" ")
        title.append(lines(p.subject.name + (f" · {p.subject.split}" if p.subject.split
                                             else ""), "bold"))
        parts = [title, lines(words.rule(p, lang))]
        need = words.need(p, lang)
        if need:
            parts.append(lines(need))
        accepted = words.accepted(p, lang)
        if accepted:
            parts.append(lines(accepted, "bold green"))
        hint = ("checkin.grid.hint_accepted" if p.accepted else "checkin.grid.hint_accept"
                if p.verdict in ("behind", "ahead") and p.proposal else "")
        if hint:
            parts.append(lines(t(hint, lang), "dim"))
        detail.update(Group(*parts))

    # -- typing actuals ---------------------------------------------------------------------
    def _save(self, p: Progress, row: PeriodRow, text: str) -> bool:
        checkin = self.checkin()
        if checkin is None:
            return False
        try:
            value = parse_number(text, allow_empty=False, unit=p.subject.unit)
        except ParseError as error:
            self.workbench.bell()
            self.workbench.notify(str(error), severity="warning")
            return False
        label = t("checkin.undo.actual", name=truncate(p.subject.name, 12),
                  period=truncate(row.label, 10), value=fmt(value))
        return self.workbench.edit(label, edits.set_actual, checkin.id, p.subject.key,
                                   row.period.start, row.period.end, value) is not None

    def action_save(self) -> None:
        found = self._selected()
        if found is None:
            self.workbench.bell()
            return
        p, row = found
        if self.grid.buffer is not None:
            self._commit(1)  # on to the next period, as in a spreadsheet
            return

        def done(text: str | None) -> None:
            if text:
                self._save(p, row, text)

        current = fmt(row.actual, places=6).replace(",", "") if row.actual is not None else ""
        self.workbench.push_screen(TextPrompt(
            t("checkin.grid.type_actual", name=p.subject.name, period=row.label), current,
            t("checkin.grid.actual_placeholder")), done)

    def _commit(self, delta: int) -> None:
        """Save what was typed on the cursor's row, then move by `delta`; a number that
        does not read stays typed, to correct."""
        found = self._selected()
        typed = self.grid.take()
        if found is None or typed is None:
            return
        if self._save(*found, typed):
            self.grid.action_cursor(delta)
        else:
            self.grid.buffer = typed
        self._draw()

    def action_clear(self) -> None:
        found, checkin = self._selected(), self.checkin()
        if found is None or checkin is None:
            return
        p, row = found
        self.workbench.edit(t("checkin.undo.clear", name=truncate(p.subject.name, 12),
                              period=truncate(row.label, 10)),
                            edits.set_actual, checkin.id, p.subject.key, row.period.start,
                            row.period.end, None)

    # -- the re-split ---------------------------------------------------------------------------
    def action_accept(self) -> None:
        found, checkin = self._selected(), self.checkin()
        if found is None or checkin is None:
            return
        p = found[0]
        if self.workbench.edit(t("checkin.undo.accept", name=truncate(p.subject.name, 16)),
                               edits.accept_replan, checkin.id, p.subject.key) is not None:
            self.workbench.notify(t("checkin.grid.accepted"), timeout=4)

    def action_drop(self) -> None:
        found, checkin = self._selected(), self.checkin()
        if found is None or checkin is None:
            return
        p = found[0]
        self.workbench.edit(t("checkin.undo.drop", name=truncate(p.subject.name, 16)),
                            edits.drop_replan, checkin.id, p.subject.key)
