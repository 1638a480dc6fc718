"""Widgets whose text the screen cuts to their width, and that say when it changes.

A panel's lines are truncated to the width it has when the screen draws it. That width
is not final before the first layout, and it changes when the terminal is resized or
projector mode hides a neighbouring panel: the widget then posts ``WidthChanged`` so
the screen draws it again at its new width.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static


class WidthChanged(Message):
    """A fitted widget's width changed since its screen last drew it."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    @property
    def control(self) -> Widget:
        """The widget (so handlers can pick it with ``@on(WidthChanged, "#id")``)."""
        return self.widget


class _NoticesWidth:
    _noticed_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._noticed_width:
            self._noticed_width = event.size.width
            self.post_message(WidthChanged(self))  # type: ignore[attr-defined, arg-type]


class FittedStatic(_NoticesWidth, Static):
    """A Static whose content is cut to its width."""


class FittedOptionList(_NoticesWidth, OptionList):
    """An OptionList whose options are cut to its width."""
