"""What every view of the gaps step shares: its tab label and keys line, text panels
updated only when their content changes, the ranking computed once per change, and the
two messages a view sends its screen (its cursor or target moved; show another view)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.events import DescendantFocus
from textual.message import Message
from textual.widgets import Static

from workshop.i18n import t
from workshop.methods.gaps import ranking
from workshop.model import Workshop
from workshop.tui.panes import Pane
from workshop.tui.screens.dialogs import TextPrompt
from workshop.tui.screens.paned import short
from workshop.tui.widgets.card_board import CardBoard


class GapsPane(Pane):
    DEFAULT_CSS = """
    GapsPane .gaps-hint { height: auto; max-height: 3; padding: 0 1; color: $text-muted;
                          background: $surface; }
    GapsPane .gaps-title { height: auto; max-height: 2; padding: 0 1; background: $surface;
                           text-style: bold; }
    """

    typing_first: ClassVar[bool] = True
    """Whether the focus starts in the card entry when the view comes up (False: on the
    view's board or drawing, where its keys work; the entry still takes typed text)."""

    class Moved(Message):
        """The view's cursor or the board typing goes to moved: the screen relabels the
        entry and the spotlight follows."""

    class Open(Message):
        """Show `view` at `item` (a gap's fishbone, a 5-Why chain); `typing`: put the
        focus in the entry (a new chain's first answer comes next)."""

        def __init__(self, view: str, item: str, typing: bool = False) -> None:
            super().__init__()
            self.view = view
            self.item = item
            self.typing = typing

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown_texts: dict[str, Text] = {}
        self.ranked_rows: list[ranking.RankedGap] = []
        self.ranked_for: tuple[int, int] | None = None

    def title(self) -> str:
        return t(f"gaps.view.{self.view}")

    def keys_hint(self) -> str:
        return t("gaps.view.keys")

    def put(self, selector: str, content: Text) -> None:
        """Update a text panel only when its content changed: an update lays the screen
        out again, which is most of a keystroke's cost with hundreds of cards."""
        if self.shown_texts.get(selector) == content:
            return
        self.shown_texts[selector] = content
        self.query_one(selector, Static).update(content)

    def ranked(self, doc: Workshop) -> list[ranking.RankedGap]:
        """The ranking of this revision of the document (computed once per change)."""
        key = (id(doc), self.workbench.revision)
        if self.ranked_for != key:
            self.ranked_rows = ranking.ranking(doc)
            self.ranked_for = key
        return self.ranked_rows

    def refuse(self, message: str, *, timeout: float | None = None) -> None:
        """A bell and a notice saying why nothing happened."""
        self.workbench.bell()
        self.workbench.notify(message, severity="warning", timeout=timeout)

    def ask(self, title: str, then: Callable[[str], object]) -> None:
        """Ask for a text in a prompt; ``then(text)`` if one is given."""
        def done(text: str | None) -> None:
            if text and text.strip():
                then(text)

        self.workbench.push_screen(TextPrompt(title), done)

    def revise(self, title: str, value: str, undo: str, edit: Callable[..., Any],
               *args: Any) -> None:
        """Ask for a new text in place of `value`; if it changed, ``edit(doc, *args, text)``
        (undo label: the catalog's `undo` with the new text)."""
        def done(text: str | None) -> None:
            if text is not None and text != value:
                self.workbench.edit(t(undo, text=short(text)), edit, *args, text)

        self.workbench.push_screen(TextPrompt(title, value), done)

    @on(DescendantFocus)
    def _board_focused(self, event: DescendantFocus) -> None:
        """Onto a board with nothing selected: its first card, so the keys act at once."""
        board = event.widget
        if isinstance(board, CardBoard) and board.selected is None and board.cards:
            board.action_first()

    def moved(self) -> None:
        self.post_message(self.Moved())

    # -- view state that outlives a language switch (the screen is composed again) --------
    def keep(self) -> dict[str, Any]:
        return {}

    def restore(self, kept: dict[str, Any]) -> None:
        """Take back what ``keep`` gave, before the first redraw."""
