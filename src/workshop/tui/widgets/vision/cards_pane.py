"""The vision board, where step 1 opens: the vision cards ("if we achieve it, what will
we see?") typed in turn in the shared entry, beside the shared vision statement and the
method's questions. ``s`` drafts the statement from the cards, ``g`` records that the
room agreed — on the board or the statement, not in the entry, where they type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from workshop.edits import cards as card_edits
from workshop.edits import vision as edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.model import Card, Workshop
from workshop.text import truncate
from workshop.tui.screens.base import card_views
from workshop.tui.widgets.card_board import CardBoard, CardView, Section
from workshop.tui.widgets.method_panel import MethodPanel
from workshop.tui.widgets.vision.pane import VisionPane
from workshop.tui.widgets.vision.statement import StatementDialog, VisionStatement

BOARD = "vision"
"""The step's one card board."""


class CardsPane(VisionPane):
    view = "cards"

    BINDINGS = [
        Binding("s", "edit_statement", "Draft vision", id="vision_statement",
                tooltip="Draft the shared vision statement from the cards"),
        Binding("g", "toggle_agreed", "Agreed", id="vision_agree",
                tooltip="Record that the room agreed on the statement (again: withdraw)"),
    ]

    DEFAULT_CSS = """
    CardsPane #statement-scroll { width: 34%; min-width: 28; max-width: 64;
                                  border-left: vkey $panel; background: $surface; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._select_next: str | None = None
        """The card just typed: the redraw its edit causes puts the cursor on it."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield CardBoard(id="board", empty_hint=t("vision.ui.board_empty"))
            with VerticalScroll(id="statement-scroll"):
                yield VisionStatement(id="statement")
            with VerticalScroll(id="method"):
                yield MethodPanel("vision")

    def where(self) -> str:
        focused = self.focused_here()
        if focused is None:
            return "out"
        return "statement" if isinstance(focused, VisionStatement) else "board"

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        select, self._select_next = select or self._select_next, None
        board = self.query_one(CardBoard)
        board.current_section = BOARD
        board.show([Section(key=BOARD, title="", cards=card_views(doc, "vision", BOARD),
                            hint=t("shell.board_hint"))], select=select)
        self.show_hints()

    def show_hints(self) -> None:
        self.query_one(VisionStatement).show(self.doc, keys=self.where() != "out")

    def spotlight_card(self) -> CardView | None:
        board = self.query_one(CardBoard)
        return board.selected or (board.cards[-1] if board.cards else None)

    def take_text(self, text: str, hidden: bool) -> bool:
        def add(doc: Workshop) -> Card:
            card = card_edits.add_card(doc, "vision", text, board=BOARD,
                                       team_id=turns.current_team_id(doc), hidden=hidden)
            self._select_next = card.id
            return card

        return self.workbench.edit(t("undo.add_card", text=truncate(text, 24)), add) is not None

    # -- the shared vision ------------------------------------------------------------------
    @on(VisionStatement.EditRequested)
    def action_edit_statement(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            withdrawn = self.workbench.edit(t("vision.undo.statement"), edits.set_statement,
                                            text)
            if withdrawn:
                self.workbench.notify(t("vision.ui.agreement_withdrawn"), severity="warning")

        self.workbench.push_screen(StatementDialog(t("vision.ui.statement_title"),
                                                   self.doc.vision.statement,
                                                   t("vision.ui.vision_question")), done)

    def action_toggle_agreed(self) -> None:
        agreed = not self.doc.vision.agreed
        key = "vision.undo.agreed" if agreed else "vision.undo.not_agreed"
        if self.workbench.edit(t(key), edits.set_agreed, agreed) is not None and agreed:
            self.workbench.notify(t("vision.ui.agreed_notice"))
