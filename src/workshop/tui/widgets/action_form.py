"""The action form: every field of the "做我所写、写我所做" template in one scrolling dialog.

Fields come in the order a team thinks: what, which strategy, who does it and who checks
it, when, how it is measured, how it is checked, the milestones, then what it serves and
needs, and the PDCA notes. Dates are checked as they are typed; F10 saves (Enter in a
one-line field moves to the next one), Escape cancels (asking first when something was
changed). A value the document refuses puts the cursor on its field with the reason
under it, and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from workshop.edits import EditError
from workshop.edits import plan as plan_edits
from workshop.edits.plan import FORM_FIELDS, FieldError, parse_date
from workshop.i18n import t
from workshop.methods.plan import actions as plan_math
from workshop.model import Workshop
from workshop.model.plan import CADENCES, STATUSES
from workshop.report.plan import action_numbers
from workshop.text import MAX_TEXT
from workshop.tui.widgets.field_dialog import FieldDialog
from workshop.tui.widgets.picker import Options, Picker

ONE_LINE = ("what", "checker_role", "measure", "target", "reward", "penalty")
DATES = ("start", "due", "next_check")
CHOICES = ("strategy_id", "owner_id", "checker_id", "goal_id", "gap_id", "cadence", "status")
AREAS = ("milestones", "resources", "support", "obstacles", "skills", "pdca_plan",
         "pdca_do", "pdca_check", "pdca_act")
LAYOUT: tuple[tuple[str, ...], ...] = (
    ("what",),
    ("strategy_id", "owner_id"),
    ("checker_id", "checker_role"),
    ("start", "due"),
    ("measure", "target"),
    ("cadence", "next_check", "status"),
    ("milestones",),
    ("goal_id", "gap_id"),
    ("resources", "support"),
    ("obstacles", "skills"),
    ("reward", "penalty"),
    ("pdca_plan", "pdca_do"),
    ("pdca_check", "pdca_act"),
)
"""Rows of the form, top to bottom; fields in a row sit side by side."""
assert sorted(f for row in LAYOUT for f in row) == sorted(FORM_FIELDS)


class ActionForm(FieldDialog[dict[str, Any] | None]):
    """Edit one action; dismisses with the changed values (``update_action``'s mapping),
    or None when cancelled. `check` runs the edit on a scratch copy and raises
    ``FieldError`` for a value the document would refuse."""

    BINDINGS = [
        Binding("f10", "save", "Save", id="form_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form_cancel"),
    ]

    DEFAULT_CSS = """
    ActionForm { align: center middle; background: $background 60%; }
    ActionForm > #form-box {
        width: 94%; max-width: 140; height: 94%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ActionForm #form-title { height: auto; margin: 0 0 1 0; }
    ActionForm #form-fields { height: 1fr; }
    ActionForm .form-row { height: auto; margin-bottom: 1; }
    ActionForm .form-field { width: 1fr; height: auto; padding: 0 2 0 0; }
    ActionForm .form-label { color: $text-muted; height: 1; text-style: bold; }
    ActionForm .form-field Input { background: $boost; }
    ActionForm .form-field TextArea { height: 3; background: $boost; }
    ActionForm #field-milestones TextArea { height: 4; }
    ActionForm .form-error { color: $text-error; height: auto; display: none; }
    ActionForm .form-error.-shown { display: block; }
    ActionForm .form-ok { color: $text-success; }
    ActionForm .form-help { color: $text-muted; height: auto; }
    ActionForm #form-buttons { height: auto; margin-top: 1; }
    ActionForm #form-buttons Button { margin-right: 2; }
    ActionForm #form-hint { color: $text-muted; height: 1; }
    """

    def __init__(self, title: str, values: dict[str, str | None], *,
                 strategies: Options, owners: Options, goals: Options, gaps: Options,
                 check: Callable[[dict[str, Any]], None],
                 cascade: Callable[[str | None, str | None], str] | None = None,
                 focus: str = "what") -> None:
        super().__init__()
        self.title_text = title
        self.values = values
        self.options: dict[str, Options] = {
            "strategy_id": strategies, "owner_id": owners, "checker_id": owners,
            "goal_id": goals, "gap_id": gaps,
            "cadence": [(c, t(f"cadence.{c}")) for c in CADENCES],
            "status": [(s, t(f"status.{s}")) for s in STATUSES],
        }
        self.check = check
        self.cascade = cascade
        self.first_focus = focus

    # -- building ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(Text(self.title_text, style="bold"), id="form-title")
            with VerticalScroll(id="form-fields"):
                for row in LAYOUT:
                    with Horizontal(classes="form-row"):
                        for name in row:
                            yield from self._field(name)
            with Horizontal(id="form-buttons"):
                yield Button(t("plan.form.save"), variant="primary", id="form-save", compact=True)
                yield Button(t("plan.form.cancel"), id="form-cancel", compact=True)
            yield Static(t("plan.form.hint"), id="form-hint")

    def _field(self, name: str) -> ComposeResult:
        with Vertical(classes="form-field", id=f"field-{name}"):
            yield Static(t(f"plan.field.{name}"), classes="form-label")
            value = self.values.get(name)
            if name in CHOICES:
                yield Picker(t(f"plan.field.{name}"), self.options[name], value,
                             allow_blank=name not in ("cadence", "status"), id=f"in-{name}")
            elif name in AREAS:
                area = TextArea(value or "", id=f"in-{name}", soft_wrap=True,
                                tab_behavior="focus", show_line_numbers=False, compact=True)
                yield area
                if name == "milestones":
                    yield Static(t("plan.form.milestones_help"), classes="form-help")
                    if self.cascade is not None:
                        yield Button(t("plan.form.fill_cascade"), id="fill-cascade",
                                     compact=True)
            else:
                placeholder = (t("plan.form.date_placeholder") if name in DATES
                               else t("plan.form.checker_role_placeholder")
                               if name == "checker_role" else "")
                yield Input(value or "", placeholder=placeholder, max_length=MAX_TEXT,
                            id=f"in-{name}", compact=True)
            yield Static("", classes="form-error", id=f"err-{name}")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(f"#in-{self.first_focus}"))

    # -- reading and checking ---------------------------------------------------------------
    def _input(self, name: str) -> Widget:
        return self.query_one(f"#in-{name}")

    def read(self) -> dict[str, Any]:
        """The form's values as ``update_action`` takes them."""
        out: dict[str, Any] = {}
        for name in FORM_FIELDS:
            widget = self._input(name)
            if isinstance(widget, Picker):
                out[name] = widget.value
            elif isinstance(widget, TextArea):
                out[name] = widget.text
            elif isinstance(widget, Input):
                out[name] = widget.value
        return out

    def changed(self) -> dict[str, Any]:
        values = self.read()
        return {k: v for k, v in values.items() if (v or None) != (self.values.get(k) or None)}

    def show_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#err-{field}", Static)
        error.update(Text(message))
        error.set_class(bool(message), "-shown")
        error.remove_class("form-ok")

    def _clear_errors(self) -> None:
        for error in self.query(".form-error.-shown"):
            error.remove_class("-shown")

    @on(Input.Changed)
    def _date_typed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("in-")
        if name not in DATES:
            return
        error = self.query_one(f"#err-{name}", Static)
        try:
            day = parse_date(event.value, name)
        except FieldError as problem:
            error.update(Text(str(problem)))
            error.remove_class("form-ok")
            error.add_class("-shown")
            return
        if day is None or day.isoformat() == event.value.strip():
            error.remove_class("-shown")
        else:  # say how a loosely typed date was read
            error.update(Text(t("plan.form.date_read", date=day.isoformat())))
            error.add_class("-shown", "form-ok")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#fill-cascade")
    def _fill(self) -> None:
        if self.cascade is None:
            return
        goal, owner = self._input("goal_id"), self._input("owner_id")
        try:  # the path of the share the owner carries, not a copy of the team's
            text = self.cascade(goal.value if isinstance(goal, Picker) else None,
                                owner.value if isinstance(owner, Picker) else None)
        except EditError as problem:
            self.show_error("milestones", str(problem))
            return
        self.query_one("#in-milestones", TextArea).text = text
        self.show_error("milestones", "")

    def action_save(self) -> None:
        self._clear_errors()
        values = self.changed()
        if not values:
            self.dismiss(None)
            return
        try:
            self.check(values)
        except FieldError as problem:
            self._show_problem(problem)
            return
        except EditError as problem:
            self.app.bell()
            self.notify(str(problem), severity="warning")
            return
        self.dismiss(values)

    def _show_problem(self, problem: FieldError) -> None:
        field = problem.field if problem.field in FORM_FIELDS else "what"
        self.show_error(field, str(problem))
        widget = self._input(field)
        widget.focus()
        widget.scroll_visible(animate=False)
        self.app.bell()



def form_options(doc: Workshop, team_id: str | None) -> dict[str, list[tuple[str, str]]]:
    """The choices of the action form: the team's strategies, its members, the goals,
    and the gaps with the key ones first."""
    strategies = [(s.id, f"{s.rank}. {s.name}") for s in plan_math.team_strategies(
        doc, team_id, plan_math.strategies(doc, shown=True))]
    team = doc.team(team_id)
    if team is None:
        owners = [(m.id, f"{m.name} · {tm.name}") for tm in doc.teams for m in tm.members]
    else:
        owners = [(m.id, f"{m.name}（{m.role}）" if m.role else m.name) for m in team.members]
    goals = [(g.id, g.statement) for g in doc.vision.goals]
    gaps = sorted(doc.gaps.cards, key=lambda c: not c.key)
    return {"strategies": strategies, "owners": owners, "goals": goals,
            "gaps": [(c.id, ("★ " if c.key else "") + c.text) for c in gaps]}


def open_action_form(app: Any, action_id: str, on_save: Callable[[dict[str, Any]], None], *,
                     focus: str = "what", title: str | None = None) -> bool:
    """Push the form for the action in `app`'s document; `on_save(values)` gets the changed
    fields once they pass the document's checks. False when the action is gone."""
    doc: Workshop = app.session.doc
    action = next((a for a in doc.plan.actions if a.id == action_id), None)
    if action is None:
        return False
    team = doc.team(action.team_id)
    number = action_numbers(doc).get(action.id, 0)
    heading = title or t("plan.form.title", number=number, team=team.name if team else "")

    def check(values: dict[str, Any]) -> None:
        current: Workshop = app.session.doc
        scratch = current.model_copy(update={"plan": current.plan.model_copy(deep=True)})
        plan_edits.update_action(scratch, action_id, values)

    def cascade(goal_id: str | None, owner_id: str | None) -> str:
        current: Workshop = app.session.doc
        found = next((a for a in current.plan.actions if a.id == action_id), None)
        if found is None:
            return ""
        scratch = found.model_copy(update={"goal_id": goal_id, "owner_id": owner_id})
        return plan_edits.format_milestones(plan_edits.milestones_of_owner(current, scratch))

    def done(values: dict[str, Any] | None) -> None:
        if values:
            on_save(values)

    app.push_screen(ActionForm(heading, plan_edits.form_values(doc, action), check=check,
                               cascade=cascade, focus=focus,
                               **form_options(doc, action.team_id)), done)
    return True
