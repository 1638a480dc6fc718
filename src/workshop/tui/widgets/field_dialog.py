"""A dialog with fields that never loses what was typed in it.

Every form in the app (the action form, the goal and funnel forms, the town hall's, a
text prompt) opens with the cursor at the end of its first field and nothing selected,
so the first key adds to the text instead of replacing it. Closing it with changes (Esc,
or its Cancel button) asks first: save them, throw them away, or go back to the form.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.screen import ModalScreen
from textual.widgets import Input, Select, SelectionList, TextArea

from workshop.i18n import t
from workshop.tui.widgets.picker import Picker

T = TypeVar("T")

KEEP, DISCARD, BACK = "keep", "discard", "back"


class FieldDialog(ModalScreen[T]):
    """A modal form. Subclasses save with ``action_save`` (which dismisses with the
    values, or stays open and says why) and close with ``action_cancel``."""

    def on_mount(self) -> None:
        # Runs after the subclass's own on_mount (Textual calls each class's handler),
        # before the focus it asked for lands: nothing is selected when it does.
        for field in self.query(Input):
            field.select_on_focus = False
            field.cursor_position = len(field.value)
        self._as_opened = self.field_values()

    def field_values(self) -> tuple[Any, ...]:
        """What every field of the dialog holds now."""
        values: list[Any] = []
        for widget in self.query("Input, TextArea, Picker, Select, SelectionList"):
            if isinstance(widget, Input):
                values.append(widget.value)
            elif isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, Picker | Select):
                values.append(widget.value)
            elif isinstance(widget, SelectionList):
                values.append(tuple(widget.selected))
        return tuple(values)

    def has_changes(self) -> bool:
        return self.field_values() != getattr(self, "_as_opened", self.field_values())

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Close without saving; with changes typed, ask first."""
        if not self.has_changes():
            self.dismiss(None)
            return
        from workshop.tui.screens.dialogs import Choice

        where = self.focused

        def decided(choice: str | None) -> None:
            if choice == KEEP:
                self.action_save()
            elif choice == DISCARD:
                self.dismiss(None)
            elif where is not None:  # back to the field the typing was in
                where.focus()

        self.app.push_screen(Choice(t("form.unsaved.title"), [
            (KEEP, t("form.unsaved.keep")),
            (DISCARD, t("form.unsaved.discard")),
            (BACK, t("form.unsaved.back")),
        ], t("form.unsaved.hint")), decided)
