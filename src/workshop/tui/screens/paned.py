"""A step of several views: tabs, a switcher of panes, and the shared card entry.

The screen owns no view's behaviour: keys, actions and view state live in the panes
(``workshop.tui.panes``). It switches panes (Ctrl+N, a click on a tab, ``show_pane``),
redraws the pane in view after every change (the others when they come into view),
hands what is typed in the entry to the pane in view, and asks it what to spotlight.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher

from workshop.i18n import t
from workshop.methods import turns
from workshop.model import Workshop
from workshop.text import truncate
from workshop.tui.panes import Pane
from workshop.tui.screens.base import StepScreen
from workshop.tui.widgets.card_board import CardView
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.pane_tabs import PaneTabs, Tab


class PanedStepScreen(StepScreen):
    """A step screen whose body is one pane at a time."""

    PANES: ClassVar[tuple[type[Pane], ...]] = ()
    TAB_SEPARATOR: ClassVar[str] = " "
    TAB_PROGRESS: ClassVar[bool] = False
    """Whether the tabs are phases done in order (earlier ones shown as done)."""

    DEFAULT_CSS = """
    PanedStepScreen #panes { height: 1fr; }
    """

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "next_pane(1)", "Next view", id="next_pane", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: str = self.PANES[0].view
        self._stale: set[str] = set()
        """Panes not redrawn since the document last changed (redrawn on coming into view:
        a card typed with 2,000 on the board must not wait for the other views)."""

    # -- composition ----------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        yield PaneTabs(separator=self.TAB_SEPARATOR, progress=self.TAB_PROGRESS,
                       id="pane-tabs")
        with ContentSwitcher(initial=f"pane-{self.view}", id="panes"):
            for pane in self.PANES:
                yield pane()

    def tab_mark(self, index: int, pane: Pane) -> str:
        """The mark before a tab's label (none by default; ``1``…, ``①``…)."""
        return ""

    @property
    def panes(self) -> list[Pane]:
        return list(self.query_one("#panes", ContentSwitcher).query_children(Pane))

    @property
    def active_pane(self) -> Pane:
        return self.query_one(f"#pane-{self.view}", Pane)

    def pane(self, view: str) -> Pane:
        return self.query_one(f"#pane-{view}", Pane)

    # -- switching ------------------------------------------------------------------------
    def show_pane(self, view: str) -> None:
        """Bring `view` into view, redrawn if the document changed meanwhile."""
        if view not in {pane.view for pane in self.PANES}:
            return
        if view != self.view:
            self.leave_pane(self.active_pane)
            self.view = view
            self.query_one("#panes", ContentSwitcher).current = f"pane-{view}"
            self._stale.add(view)  # what it showed was for another time: draw it now
        self.start_round()
        self.refresh_from_doc()
        self.focus_default()
        self.refresh_bindings()

    def leave_pane(self, pane: Pane) -> None:
        """The pane is going out of view (a merge it was in the middle of is cancelled)."""

    def action_next_pane(self, delta: int) -> None:
        views = [pane.view for pane in self.PANES]
        self.show_pane(views[(views.index(self.view) + delta) % len(views)])

    @on(PaneTabs.Picked)
    def _tab_picked(self, event: PaneTabs.Picked) -> None:
        self.show_pane(event.key)

    def focus_default(self) -> None:
        pane = self.active_pane
        if pane.takes_cards and self.has_entry:
            self.query_one(CardEntry).input.focus()
        else:
            pane.focus_default()

    # -- redrawing ------------------------------------------------------------------------
    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        pane = self.active_pane
        self._stale = {p.view for p in self.PANES} - {pane.view}
        self.follow_up(self._show_tabs)
        pane.show(doc, select=select)
        if self.has_entry:
            entry = self.query_one(CardEntry)
            if entry.display != pane.takes_cards:
                entry.display = pane.takes_cards

    def _show_tabs(self) -> None:
        panes = self.panes
        tabs = [Tab(pane.view, pane.title(), self.tab_mark(index, pane))
                for index, pane in enumerate(panes)]
        self.query_one(PaneTabs).show(tabs, self.view, self.active_pane.keys_hint())

    def show_entry_target(self, doc: Workshop) -> None:
        """The entry names the team at the keyboard and where its card will land."""
        if not self.has_entry:
            return
        pane = self.active_pane
        entry = self.query_one(CardEntry)
        placeholder = pane.entry_placeholder() or t("shell.entry_placeholder")
        if entry.input.placeholder != placeholder:
            entry.input.placeholder = placeholder
        team = doc.team(turns.current_team_id(doc))
        entry.show_who(team.name if team else "", team.color if team else "#888888",
                       pane.entry_target(doc), self.hidden_mode)

    # -- the card entry -------------------------------------------------------------------
    def add_card(self, text: str, hidden: bool, entry: CardEntry) -> None:
        with self.app.drafts.submitting():  # the card and the emptied draft: one save
            taken = self.active_pane.take_text(text, hidden)
        if taken:
            entry.accepted()
            self.app.clear_draft()
            self.app.after_card_added()

    def action_next_board(self) -> None:
        if not self.active_pane.next_board():
            self.app.bell()
        else:
            self.start_round()

    def round_key(self) -> str:
        """The pane in view and the board its cards land on (Ctrl+B changes it)."""
        return f"{self.step}:{self.view}:{self.active_pane.entry_target(self.doc)}"

    def spotlight_card(self) -> CardView | None:
        return self.active_pane.spotlight_card()


def short(text: str, width: int = 24) -> str:
    """A card's text on one line, cut for a notice or an undo label."""
    return truncate(text.replace("\n", " "), width)
