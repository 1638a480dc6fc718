"""After the day (会后跟进): the check-in step, last in the app after the summary.

One check-in at a time, named at the top (held on, the period it reviews; ``[`` ``]``
the one before or after, ``N`` a new one), in three views: the actuals grid with the
method's rule for the goal under the cursor, the actions to check, and the room view for
the monthly review meeting (F9 puts it on the projector). ``i`` imports actuals from a
CSV file, ``m`` writes what the room said.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from workshop import i18n
from workshop.edits import checkin as edits
from workshop.edits.checkin_import import import_actuals
from workshop.i18n import t
from workshop.methods.checkin import ledger, periods
from workshop.model import Workshop
from workshop.tui.screens.dialogs import Choice, TextPrompt
from workshop.tui.screens.paned import PanedStepScreen
from workshop.tui.widgets.checkin.actions_pane import ActionsPane
from workshop.tui.widgets.checkin.actuals_pane import ActualsPane
from workshop.tui.widgets.checkin.pane import current
from workshop.tui.widgets.checkin.room_pane import RoomPane


class CheckinScreen(PanedStepScreen):
    step = "checkin"

    PANES = (ActualsPane, ActionsPane, RoomPane)

    BINDINGS: ClassVar = [
        Binding("left_square_bracket", "other(-1)", "Earlier check-in", id="checkin_earlier",
                key_display="[", show=False, tooltip="The check-in before this one"),
        Binding("right_square_bracket", "other(1)", "Later check-in", id="checkin_later",
                key_display="]", show=False, tooltip="The check-in after this one"),
        Binding("N", "new_checkin", "New check-in", id="checkin_new", key_display="N",
                tooltip="A new check-in today: pick the period it reviews"),
        Binding("i", "import_actuals", "Import CSV", id="checkin_import",
                tooltip="Read actuals from a CSV file (UTF-8 or GBK)"),
        Binding("m", "note", "Notes", id="checkin_note", show=False,
                tooltip="What the room said: opportunities, what changes next month"),
    ]

    DEFAULT_CSS = """
    CheckinScreen #checkin-head { height: auto; padding: 0 1; background: $boost; }
    .-projector CheckinScreen #checkin-head { text-style: bold; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static(id="checkin-head")
        yield from super().compose_body()

    def tab_mark(self, index: int, pane) -> str:
        return str(index + 1)

    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        self._head(doc)
        super().refresh_body(doc, select=select)

    def _head(self, doc: Workshop) -> None:
        checkin = current(doc)
        head = Text()
        if checkin is None:
            day = self._today()
            period = periods.default(doc, day)
            head.append(t("checkin.head.none", start=period.start.isoformat(),
                          end=period.end.isoformat()), style="bold")
        else:
            ordered = ledger.in_order(doc)
            number = next(i for i, c in enumerate(ordered) if c.id == checkin.id) + 1
            head.append(t("checkin.head.held", date=checkin.date.isoformat()), style="bold")
            head.append(" · " + t("checkin.head.period", start=checkin.start.isoformat(),
                                  end=checkin.end.isoformat()))
            head.append(" · " + t("checkin.head.count", number=number, count=len(ordered)),
                        style="dim")
            if checkin.note:
                head.append("\n" + checkin.note, style="italic")
        self.query_one("#checkin-head", Static).update(head)

    def _today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.app.time_source.now()).date()

    # -- which check-in ------------------------------------------------------------------------
    def _choose(self, checkin_id: str | None) -> None:
        self.app.room(edits.show_checkin, checkin_id)

    def action_other(self, delta: int) -> None:
        doc = self.doc
        ordered = ledger.in_order(doc)
        checkin = current(doc)
        if checkin is None:
            self.app.bell()
            return
        index = next(i for i, c in enumerate(ordered) if c.id == checkin.id) + delta
        if not 0 <= index < len(ordered):
            self.app.bell()
            return
        self._choose(ordered[index].id)

    def action_new_checkin(self) -> None:
        doc, day = self.doc, self._today()
        default = periods.default(doc, day)
        choices = periods.choices(doc)
        options = [(f"{c.period.start.isoformat()}:{c.period.end.isoformat()}",
                    t(f"checkin.head.choice_{c.scale}", start=c.period.start.isoformat(),
                      end=c.period.end.isoformat())
                    + (t("checkin.head.default") if c.period == default else ""))
                   for c in choices]
        options.sort(key=lambda o: not o[1].endswith(t("checkin.head.default")))
        if not options:
            options = [(f"{default.start.isoformat()}:{default.end.isoformat()}",
                        t("checkin.head.choice_month", start=default.start.isoformat(),
                          end=default.end.isoformat()))]

        def chosen(key: str | None) -> None:
            if not key:
                return
            start, end = (dt.date.fromisoformat(part) for part in key.split(":"))
            made = self.app.edit(t("checkin.undo.new", date=day.isoformat()),
                                 edits.new_checkin, day, start, end)
            if made is not None:
                self._choose(made.id)

        self.app.push_screen(Choice(t("checkin.head.new_title", date=day.isoformat()), options,
                                    t("checkin.head.new_hint")), chosen)

    # -- importing and notes ----------------------------------------------------------------------
    def action_import_actuals(self) -> None:
        checkin = current(self.doc)
        if checkin is None:
            self.app.bell()
            self.notify(t("checkin.head.need_checkin"), severity="warning")
            return
        folder = self.app.session.path.parent

        def done(text: str | None) -> None:
            if not text or not text.strip():
                return
            path = Path(text.strip()).expanduser()
            path = path if path.is_absolute() else folder / path
            try:
                data = path.read_bytes()
            except OSError as error:
                self.notify(t("checkin.head.cannot_read", path=str(path),
                              error=error.strerror or error), severity="error", timeout=10)
                return
            rows = self.app.edit(t("checkin.undo.import", file=path.name), import_actuals,
                                 checkin.id, data, i18n.get_language())
            if rows is not None:
                self.notify(t("checkin.head.imported", count=len(rows), file=path.name))

        self.app.push_screen(TextPrompt(t("checkin.head.import_title"),
                                        placeholder=t("checkin.head.import_placeholder")), done)

    def action_note(self) -> None:
        checkin = current(self.doc)
        if checkin is None:
            return

        def done(text: str | None) -> None:
            if text is not None:
                self.app.edit(t("checkin.undo.note"), edits.set_note, checkin.id, text)

        self.app.push_screen(TextPrompt(t("checkin.head.note_title"), checkin.note), done)
