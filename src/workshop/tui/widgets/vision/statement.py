"""The shared vision statement: drafted by the facilitator from the vision cards, agreed
by the room (recorded with the time). Shown beside the vision board."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from workshop.i18n import t
from workshop.model import Workshop
from workshop.text import MAX_TEXT
from workshop.tui.widgets.field_dialog import FieldDialog

AGREED = Style(color="#ffffff", bgcolor="#15803d", bold=True)
DRAFT = Style(color="#ffffff", bgcolor="#b45309", bold=True)


class VisionStatement(Static, can_focus=True):
    """The statement and its state (draft or agreed, when). Enter on it asks for the
    statement to be drafted (``EditRequested``); the vision panel owns the keys that
    change it."""

    BINDINGS = [
        Binding("enter", "edit", "Draft vision", id="vision_statement_edit",
                tooltip="Draft or change the shared vision statement"),
    ]

    DEFAULT_CSS = """
    VisionStatement { padding: 0 1; height: auto; }
    VisionStatement:focus { background: $boost; }
    """

    class EditRequested(Message):
        """Enter on the statement: draft it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple = ()

    def show(self, doc: Workshop, *, keys: bool = True) -> None:
        """Draw the statement; `keys`: with the keys that change it (only where they
        work: not while the focus is in the card entry)."""
        # Static.update lays the screen out again: only when something it shows changed
        vision = doc.vision
        key = (vision.statement, vision.agreed, vision.agreed_at, keys,
               t("vision.pdf.statement"))
        if key != self._shown:
            self._shown = key
            self.update(statement_view(doc, keys=keys))

    def action_edit(self) -> None:
        self.post_message(self.EditRequested())


def statement_view(doc: Workshop, *, keys: bool = True) -> RenderableType:
    vision = doc.vision
    title = Text(t("vision.pdf.statement"), style="bold underline")
    question = Text(t("vision.ui.vision_question"), style="italic")
    if not vision.statement:
        return Group(title, question, Text(""), Text(t("vision.ui.no_statement"), style="dim"))
    if vision.agreed and vision.agreed_at is not None:
        when = vision.agreed_at.astimezone().strftime("%m-%d %H:%M")
        status = Text(f" ✓ {t('vision.ui.agreed', when=when)} ", AGREED)
    else:
        status = Text(f" {t('vision.pdf.draft')} ", DRAFT)
    parts = [title, question, Text(""), Text(vision.statement, style="bold"), Text(""), status]
    if keys:
        parts.append(Text(t("vision.ui.statement_keys"), style="dim"))
    return Group(*parts)


class StatementDialog(FieldDialog[str | None]):
    """Draft the statement over several lines. Ctrl+J (or Alt+Enter) saves — Enter is a
    new line; Tab reaches the buttons; Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+j,alt+enter", "save", "Save", id="vision_save_text", priority=True),
    ]

    DEFAULT_CSS = """
    StatementDialog TextArea { height: 8; min-height: 4; }
    StatementDialog .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    StatementDialog Button { margin-left: 1; }
    """

    def __init__(self, title: str, text: str, hint: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.hint:
                yield Static(Text(self.hint, style="italic"))
            yield TextArea(self.text, soft_wrap=True, show_line_numbers=False,
                           id="statement-text")
            with Horizontal(classes="buttons"):
                yield Button(t("word.cancel"), id="cancel")
                yield Button(t("vision.ui.save"), variant="primary", id="save")
            yield Static(t("vision.ui.text_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text[:MAX_TEXT])

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
