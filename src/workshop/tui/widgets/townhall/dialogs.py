"""The town hall's dialogs, made for typing while people talk: the question is the first
field and Enter logs it; the rest can wait.

- ``ChallengeForm``: who asks (expert, executive, peer team), the question, the answer,
  the outcome, and (when editing) the actions changed in answer.
- ``SignOffForm``: the leader's decision (approved / revise), a note, the name.
- ``ClosingForm``: the leader's closing statement (总结陈词), several lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from workshop.edits import EditError
from workshop.edits.townhall import ASKER_KINDS, DECISIONS, OUTCOMES
from workshop.i18n import t
from workshop.text import MAX_TEXT
from workshop.tui.widgets.field_dialog import FieldDialog
from workshop.tui.widgets.picker import Picker

DIALOG_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > .th-box {{
    width: 90%; max-width: 110; height: auto; max-height: 94%;
    border: thick $primary; background: $surface; padding: 1 2;
}}
{name} .th-row {{ height: auto; }}
{name} .th-field {{ width: 1fr; height: auto; padding-right: 1; }}
{name} .th-label {{ color: $text-muted; height: 1; }}
{name} .th-error {{ color: $text-error; height: auto; }}
{name} .th-hint {{ color: $text-muted; height: auto; margin-top: 1; }}
{name} SelectionList {{ height: auto; max-height: 10; }}
{name} TextArea {{ height: 10; }}
"""


def _field(label: str, widget: Any) -> Vertical:
    return Vertical(Static(label, classes="th-label"), widget, classes="th-field")


class _Form(FieldDialog[dict[str, Any] | None]):
    """A dialog that checks its values with `check` (an edit on a scratch copy) before it
    closes, and shows the reason when the document refuses them."""

    BINDINGS = [
        Binding("f10", "save", "Save", id="form_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form_cancel"),
    ]

    def __init__(self, check: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__()
        self.check = check

    def read(self) -> dict[str, Any]:
        raise NotImplementedError

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        values = self.read()
        if self.check is not None:
            try:
                self.check(values)
            except EditError as problem:
                self.app.bell()
                error = self.query_one(".th-error", Static)
                error.update(Text("⚠ " + str(problem)))
                return
        self.dismiss(values)


def _select(title: str, options: Sequence[tuple[str, str]], value: str | None, *,
            blank: bool, id: str) -> Picker:
    return Picker(title, options, value, allow_blank=blank, id=id)


def _value(picker: Picker) -> str | None:
    return picker.value


class ChallengeForm(_Form):
    """Log or edit a question put to the presenting team."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChallengeForm")

    def __init__(self, title: str, values: dict[str, Any], *,
                 teams: Sequence[tuple[str, str]], actions: Sequence[tuple[str, str]] = (),
                 check: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(check)
        self.title_text = title
        self.values = values
        self.teams = list(teams)
        self.actions = list(actions)

    def compose(self) -> ComposeResult:
        v = self.values
        with Vertical(classes="th-box"):
            yield Static(Text(self.title_text, style="bold"))
            yield _field(t("townhall.form.question"),
                         Input(v.get("question", ""), max_length=MAX_TEXT, id="q-question",
                               placeholder=t("townhall.form.question_placeholder")))
            with Horizontal(classes="th-row"):
                yield _field(t("townhall.form.kind"), _select(
                    t("townhall.form.kind"), [(k, t(f"asker.{k}")) for k in ASKER_KINDS],
                    v.get("asker_kind", "peer"), blank=False, id="q-kind"))
                yield _field(t("townhall.form.asker"),
                             Input(v.get("asker", ""), max_length=200, id="q-asker",
                                   placeholder=t("townhall.form.asker_placeholder")))
                yield _field(t("townhall.form.asker_team"), _select(
                    t("townhall.form.asker_team"), self.teams, v.get("asker_team_id"),
                    blank=True, id="q-team"))
            yield _field(t("townhall.form.answer"),
                         Input(v.get("answer", ""), max_length=MAX_TEXT, id="q-answer"))
            yield _field(t("townhall.form.outcome"), _select(
                t("townhall.form.outcome"), [(o, t(f"challenge_outcome.{o}")) for o in OUTCOMES],
                v.get("outcome", "open"), blank=False, id="q-outcome"))
            if self.actions:
                chosen = set(v.get("action_ids", []))
                yield _field(t("townhall.form.actions"), SelectionList(
                    *(Selection(Text(label), key, key in chosen) for key, label in self.actions),
                    id="q-actions"))
            yield Static("", classes="th-error")
            yield Static(t("townhall.form.hint"), classes="th-hint")

    def on_mount(self) -> None:
        self.query_one("#q-question", Input).focus()

    def read(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "question": self.query_one("#q-question", Input).value,
            "asker_kind": _value(self.query_one("#q-kind", Picker)) or "peer",
            "asker": self.query_one("#q-asker", Input).value,
            "asker_team_id": _value(self.query_one("#q-team", Picker)),
            "answer": self.query_one("#q-answer", Input).value,
            "outcome": _value(self.query_one("#q-outcome", Picker)) or "open",
        }
        if self.actions:
            values["action_ids"] = list(self.query_one("#q-actions", SelectionList).selected)
        return values


class SignOffForm(_Form):
    """The leader approves the team's plan, or asks for a revision (with a note)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="SignOffForm")

    def __init__(self, title: str, values: dict[str, Any],
                 check: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(check)
        self.title_text = title
        self.values = values

    def compose(self) -> ComposeResult:
        v = self.values
        with Vertical(classes="th-box"):
            yield Static(Text(self.title_text, style="bold"))
            yield _field(t("townhall.sign.decision"), _select(
                t("townhall.sign.decision"), [(d, t(f"decision.{d}")) for d in DECISIONS],
                v.get("decision", "approved"), blank=False, id="s-decision"))
            yield _field(t("townhall.sign.note"),
                         Input(v.get("note", ""), max_length=MAX_TEXT, id="s-note",
                               placeholder=t("townhall.sign.note_placeholder")))
            yield _field(t("townhall.sign.by"),
                         Input(v.get("by", ""), max_length=200, id="s-by"))
            yield Static("", classes="th-error")
            yield Static(t("townhall.sign.hint"), classes="th-hint")

    def on_mount(self) -> None:
        self.query_one("#s-decision", Picker).focus()

    def read(self) -> dict[str, Any]:
        return {"decision": _value(self.query_one("#s-decision", Picker)) or "approved",
                "note": self.query_one("#s-note", Input).value,
                "by": self.query_one("#s-by", Input).value}


class ClosingForm(_Form):
    """The leader's closing statement, as long as it needs to be."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ClosingForm")

    def __init__(self, title: str, statement: str, by: str) -> None:
        super().__init__()
        self.title_text = title
        self.statement = statement
        self.by = by

    def compose(self) -> ComposeResult:
        with Vertical(classes="th-box"):
            yield Static(Text(self.title_text, style="bold"))
            yield _field(t("townhall.closing.statement"),
                         TextArea(self.statement, id="c-text", soft_wrap=True,
                                  tab_behavior="focus"))
            yield _field(t("townhall.closing.by"), Input(self.by, max_length=200, id="c-by"))
            yield Static("", classes="th-error")
            yield Static(t("townhall.closing.hint"), classes="th-hint")

    def on_mount(self) -> None:
        self.query_one("#c-text", TextArea).focus()

    def read(self) -> dict[str, Any]:
        return {"statement": self.query_one("#c-text", TextArea).text,
                "by": self.query_one("#c-by", Input).value}
