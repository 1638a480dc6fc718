"""PEST, SWOT and TOWS: card lists typed in turn, on screen at once as a grid.

One list is the one typing goes to: it is named in the entry's label and lit on screen.
Ctrl+B moves typing to the next list while the focus stays where it is (in the entry,
the room goes on typing); moving onto a list (Tab, a click) makes it the one typing goes
to. ``m`` on a card moves it to another list."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.events import DescendantFocus
from textual.widgets import Static

from workshop.edits import cards as card_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.model import Workshop
from workshop.model.gaps import PEST_BOARDS, SWOT_BOARDS, TOWS_BOARDS
from workshop.tui.screens.base import card_views
from workshop.tui.screens.dialogs import Choice
from workshop.tui.screens.paned import short
from workshop.tui.widgets.card_board import CardBoard, CardView, Section
from workshop.tui.widgets.gaps.boards import ListBoard
from workshop.tui.widgets.gaps.gaps_pane import GapsPane

LIST_BOARDS = (*(f"pest.{b}" for b in PEST_BOARDS), *(f"swot.{b}" for b in SWOT_BOARDS),
               *(f"swot.{b}" for b in TOWS_BOARDS))
"""Every list a card can be moved to, in the order the views come."""
CORNER = "corner"


class ListsPane(GapsPane):
    """A grid of lists; subclasses say which lists, in which cells, in which Ctrl+B order."""

    DEFAULT_CSS = """
    ListsPane .gaps-grid { height: 1fr; grid-gutter: 0 1; grid-size: 2 2; grid-rows: 1fr 1fr; }
    ListsPane .tows-corner { padding: 0 1; background: $boost; height: 1fr; }
    """

    CELLS: ClassVar[tuple[str, ...]] = ()
    """The grid's cells, row by row: board keys, or ``CORNER`` for the TOWS corner."""
    ORDER: ClassVar[tuple[str, ...]] = ()
    """The order Ctrl+B goes through the lists."""

    BINDINGS: ClassVar = [
        Binding("m", "move_card", "Move to another list", id="gaps_move_card",
                tooltip="Move the selected card to another list (it was typed on the wrong one)"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target = self.ORDER[0]
        """The list typing goes to."""

    def compose(self) -> ComposeResult:
        with Grid(classes="gaps-grid"):
            for key in self.CELLS:
                if key == CORNER:
                    yield Static(t("gaps.swot.corner"), classes="tows-corner")
                else:
                    yield ListBoard(key, id=f"{self.view}-{key.split('.')[1]}",
                                    empty_hint=t("shell.board_hint"))

    def keys_hint(self) -> str:
        return t("gaps.view.keys_lists")

    def keep(self) -> dict[str, Any]:
        return {"target": self.target}

    def restore(self, kept: dict[str, Any]) -> None:
        if kept.get("target") in self.ORDER:
            self.target = kept["target"]

    def boards(self) -> list[ListBoard]:
        return list(self.query(ListBoard))

    def board(self, key: str) -> ListBoard:
        return next(board for board in self.boards() if board.board_key == key)

    # -- drawing --------------------------------------------------------------------------
    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        for board in self.boards():
            key = board.board_key
            board.show([Section(key, t(f"board.{key}"), card_views(doc, "gaps", key),
                                t("shell.board_hint"))], select=select)
        self.light_target()

    def light_target(self) -> None:
        """Light the list typing goes to: its border and its title."""
        for board in self.boards():
            here = board.board_key == self.target
            board.set_class(here, "-target")
            board.current_section = board.board_key if here else ""

    def aim(self, key: str) -> None:
        """Typing goes to list `key` from now on."""
        if key != self.target:
            self.target = key
            self.light_target()
            self.moved()

    # -- the entry ------------------------------------------------------------------------
    def entry_target(self, doc: Workshop) -> str:
        return t(f"board.{self.target}")

    def take_text(self, text: str, hidden: bool) -> bool:
        board = self.target
        card = self.workbench.edit(
            t("undo.add_card", text=short(text)),
            lambda doc: card_edits.add_card(doc, "gaps", text, board=board,
                                            team_id=turns.current_team_id(doc), hidden=hidden))
        if card is None:
            return False
        self.board(board).select(card.id)
        return True

    def next_board(self) -> bool:
        """Ctrl+B: typing goes to the next list. The focus stays in the entry; on a list,
        it moves along to the new one, so the list lit is always the one in use."""
        order = self.ORDER
        key = order[(order.index(self.target) + 1) % len(order)]
        on_a_list = isinstance(self.screen.focused, ListBoard)
        self.aim(key)
        if on_a_list:
            self.board(key).focus()
        return True

    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, ListBoard):
            self.aim(event.widget.board_key)

    def focused_board(self) -> ListBoard | None:
        focused = self.screen.focused
        return focused if isinstance(focused, ListBoard) else None

    def spotlight_card(self) -> CardView | None:
        board = self.focused_board() or self.board(self.target)
        return board.selected or (board.cards[-1] if board.cards else None)

    # -- moving a card to the list it belongs on ------------------------------------------
    def action_move_card(self) -> None:
        board = self.focused_board()
        card = board.selected if board else None
        if board is None or card is None:
            self.refuse(t("gaps.lists.pick_a_card"))
            return
        mine = [key for key in self.ORDER if key != board.board_key]
        others = [key for key in LIST_BOARDS if key not in self.ORDER]
        options = [(key, t(f"board.{key}")) for key in (*mine, *others)]
        card_id, text = card.id, card.text

        def chosen(key: str | None) -> None:
            if key is None:
                return
            label = t("undo.move_card", text=short(text), board=t(f"board.{key}"))
            if self.workbench.edit(label, card_edits.move_card, card_id, key) is not None:
                self.workbench.notify(t("gaps.lists.moved", board=t(f"board.{key}")), timeout=3)

        self.workbench.push_screen(Choice(t("gaps.lists.move_title", text=short(text, 30)),
                                          options), chosen)

    @on(CardBoard.CursorMoved)
    def _cursor_moved(self, event: CardBoard.CursorMoved) -> None:
        if event.board.has_focus and isinstance(event.board, ListBoard):
            self.aim(event.board.board_key)


class PestPane(ListsPane):
    view = "pest"
    CELLS = tuple(f"pest.{b}" for b in PEST_BOARDS)
    ORDER = CELLS


class SwotPane(ListsPane):
    view = "swot"
    CELLS = tuple(f"swot.{b}" for b in SWOT_BOARDS)
    ORDER = CELLS


class TowsPane(ListsPane):
    """Strengths and weaknesses across the top, opportunities and threats down the side,
    strategy ideas where they meet (SO, WO, ST, WT)."""

    DEFAULT_CSS = """
    TowsPane Grid.gaps-grid { grid-size: 3 3; grid-columns: 1fr 2fr 2fr;
                              grid-rows: 1fr 1fr 1fr; }
    """

    view = "tows"
    CELLS = (CORNER, "swot.S", "swot.W", "swot.O", "swot.SO", "swot.WO", "swot.T", "swot.ST",
             "swot.WT")
    ORDER = ("swot.SO", "swot.WO", "swot.ST", "swot.WT", "swot.S", "swot.W", "swot.O",
             "swot.T")  # the strategies first: they are what this view is for
