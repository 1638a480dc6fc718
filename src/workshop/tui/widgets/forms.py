"""A form in a dialog: labelled one-line fields, typed values checked on Enter.

``FormDialog(title, fields)`` returns a dict of parsed values (None on Escape). A field
is text, a number, a share (``15%``), a date, or a choice; a value that does not parse
keeps the dialog open with a translated message under the fields and the cursor in the
field, so nothing typed is lost. Subclasses add live panels (the SMART check) by
overriding ``compose_extra`` and ``on_change``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Input, Select, Static

from workshop.i18n import t
from workshop.methods.numbers import ParseError, parse_date, parse_number, parse_rate, plain
from workshop.text import MAX_TEXT
from workshop.tui.widgets.field_dialog import FieldDialog

NARROW = 72
"""Below this many columns the form puts one field per row."""

Kind = Literal["text", "number", "rate", "date", "choice", "int"]


@dataclass
class Field:
    key: str
    label: str
    kind: Kind = "text"
    value: Any = None
    placeholder: str = ""
    options: Sequence[tuple[str, Any]] = field(default_factory=list)
    """For a choice: (label, value) pairs; a blank choice means None."""
    wide: bool = False
    """Takes a whole row (the goal statement)."""
    required: bool = False


def initial_text(f: Field) -> str:
    if f.value is None:
        return ""
    if f.kind == "number":
        return plain(f.value)
    if f.kind == "rate":
        return plain(round(f.value * 100, 6)) + "%"
    if f.kind == "date":
        return f.value.isoformat() if isinstance(f.value, dt.date) else str(f.value)
    return str(f.value)


class FormDialog(FieldDialog[dict[str, Any] | None]):
    """A dialog of fields; Enter in any field saves, Escape cancels (asking first when
    something was changed)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]
    AMOUNT_FIELDS: tuple[str, ...] = ()
    """Number fields that count in the form's ``unit`` field (see ``unit_for``)."""

    DEFAULT_CSS = """
    FormDialog .form-box { width: 92%; max-width: 120; height: auto; max-height: 96%;
                           padding: 0 1; }
    FormDialog .form-scroll { height: auto; max-height: 100%; }
    FormDialog .form-grid { grid-size: 4; grid-columns: auto 1fr auto 1fr; grid-gutter: 0 1;
                            height: auto; }
    FormDialog.-narrow .form-grid { grid-size: 2; grid-columns: auto 1fr; }
    FormDialog .form-grid > .form-label { height: 1; color: $text-muted; }
    FormDialog .form-grid > .-wide { column-span: 3; }
    FormDialog.-narrow .form-grid > .-wide { column-span: 1; }
    FormDialog .form-grid > Input, FormDialog .form-grid > Select { height: 1; }
    FormDialog .form-grid SelectCurrent, FormDialog .form-grid SelectCurrent Static#label {
        height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    FormDialog .smart-live { text-wrap: nowrap; text-overflow: ellipsis; height: auto; }
    FormDialog .form-error { color: $error; text-style: bold; height: auto; }
    FormDialog .form-error.-empty { display: none; }
    FormDialog .dialog-title { margin-bottom: 0; }
    FormDialog .dialog-hint { margin-top: 0; }
    """

    def __init__(self, title: str, fields: Sequence[Field], hint: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.fields = list(fields)
        self.hint = hint or t("vision.form.hint")

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box form-box"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            with VerticalScroll(classes="form-scroll"):
                yield from self.compose_fields(wide=True)
                yield from self.compose_extra()
                yield from self.compose_fields(wide=False)
                yield Static("", classes="form-error -empty", id="form-error")
            yield Static(self.hint, classes="dialog-hint")

    def compose_fields(self, *, wide: bool) -> ComposeResult:
        chosen = [f for f in self.fields if f.wide == wide]
        if not chosen:
            return
        with Grid(classes="form-grid"):
            for f in chosen:
                yield Static(Text(f.label), classes="form-label")
                classes = "-wide" if f.wide else ""
                if f.kind == "choice":
                    yield Select([(Text(label, no_wrap=True, overflow="ellipsis"), value)
                                  for label, value in f.options],
                                 value=f.value if f.value is not None else Select.NULL,
                                 prompt=t("vision.form.none"), allow_blank=True, compact=True,
                                 id=f"field-{f.key}", classes=classes)
                else:
                    yield Input(initial_text(f), placeholder=f.placeholder, compact=True,
                                max_length=MAX_TEXT, id=f"field-{f.key}", classes=classes)

    def compose_extra(self) -> ComposeResult:
        """Widgets between the wide fields and the others (live checks)."""
        return iter(())

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        first = next((f for f in self.fields if f.kind != "choice"), None)
        if first is not None:
            self.query_one(f"#field-{first.key}", Input).focus()
        self.on_change()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")

    # -- values ----------------------------------------------------------------------
    def raw(self, key: str) -> str:
        return self.query_one(f"#field-{key}", Input).value

    def choice(self, key: str) -> Any:
        value = self.query_one(f"#field-{key}", Select).value
        return None if value is Select.NULL else value

    def unit_for(self, f: Field) -> str | None:
        """The unit a number field counts in, when the form knows it: the form's own
        ``unit`` field for its ``AMOUNT_FIELDS`` ("145万" in 万元 is 145)."""
        return self.raw("unit") if f.key in self.AMOUNT_FIELDS else None

    def parse(self, f: Field) -> Any:
        if f.kind == "choice":
            return self.choice(f.key)
        text = self.raw(f.key)
        if f.required and not text.strip():
            raise ParseError(t("vision.form.required", field=f.label))
        if f.kind == "number":
            return parse_number(text, unit=self.unit_for(f))
        if f.kind == "int":
            number = parse_number(text)
            if number is None:
                return None
            if not float(number).is_integer():
                raise ParseError(t("number.not_number", text=text))
            return int(number)
        if f.kind == "rate":
            return parse_rate(text)
        if f.kind == "date":
            return parse_date(text)
        return text

    def values(self) -> dict[str, Any]:
        """Every field parsed; raises ``ParseError`` naming the first bad field."""
        out: dict[str, Any] = {}
        for f in self.fields:
            try:
                out[f.key] = self.parse(f)
            except ParseError as error:
                raise ParseError(f"{f.label}: {error}", f.key) from None
        return out

    def check(self, values: dict[str, Any]) -> str:
        """A message why `values` cannot be saved, or "" (subclasses add rules)."""
        return ""

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Text(message))
        error.set_class(not message, "-empty")

    # -- events ----------------------------------------------------------------------
    def on_change(self) -> None:
        """Called after any field changes (and once at the start)."""

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event) -> None:
        event.stop()
        self.show_error("")
        self.on_change()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            values = self.values()
        except ParseError as error:
            self.app.bell()
            self.show_error(str(error.args[0]))
            if len(error.args) > 1:
                self.query_one(f"#field-{error.args[1]}").focus()
            return
        problem = self.check(values)
        if problem:
            self.app.bell()
            self.show_error(problem)
            return
        self.dismiss(values)

