"""The gaps step's screen (第二步 现状分析): seven views of one step, each a pane that owns
its keys and its state (``workshop.tui.widgets.gaps``):

- **storm**: the gap card storm; classify (o/p), score (1–5, s picks which score), merge
  duplicates (m), mark key gaps (k);
- **key**: the gaps ranked (``workshop.methods.gaps.ranking``), key gaps first; confirm the
  suggestion (c), dot voting (v/u), how many key gaps (+/-), ranking method (t);
- **fishbone**: one per key gap, drawn in the terminal; causes and sub-causes by keys;
- **whys**: 5-Why chains from any gap or cause;
- **pest**, **swot** and **tows**: card lists typed in turn, as grids; TOWS crosses
  strengths and weaknesses with opportunities and threats.

Ctrl+N / Ctrl+L move between views (or click the tabs). The shared card entry types into
whatever the view names in its label: a gap, a cause on a bone, the next why, a list.
The screen only switches views, relabels the entry and follows the spotlight.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding

from workshop.tui.screens.paned import PanedStepScreen
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.gaps.fishbone_pane import FishbonePane
from workshop.tui.widgets.gaps.gap_pane import GapCardsPane
from workshop.tui.widgets.gaps.gaps_pane import GapsPane
from workshop.tui.widgets.gaps.key_pane import KeyPane
from workshop.tui.widgets.gaps.lists_pane import PestPane, SwotPane, TowsPane
from workshop.tui.widgets.gaps.storm_pane import StormPane
from workshop.tui.widgets.gaps.whys_pane import WhysPane


class GapsScreen(PanedStepScreen):
    step = "gaps"

    PANES = (StormPane, KeyPane, FishbonePane, WhysPane, PestPane, SwotPane, TowsPane)

    BINDINGS: ClassVar = [
        Binding("ctrl+l", "next_pane(-1)", "Previous view", id="gaps_prev_view",
                priority=True, show=False, tooltip="The view before this one"),
    ]

    def focus_default(self) -> None:
        pane = self.active_pane
        if isinstance(pane, GapsPane) and not pane.typing_first:
            pane.focus_default()  # the view's keys work on its board or drawing
        else:
            super().focus_default()

    def leave_pane(self, pane) -> None:
        if isinstance(pane, GapCardsPane):
            pane.cancel_merge(quiet=True)

    @on(GapsPane.Moved)
    def _pane_moved(self, _event: GapsPane.Moved) -> None:
        self.show_entry_target(self.doc)
        self._update_spotlight()

    @on(GapsPane.Open)
    def _open(self, event: GapsPane.Open) -> None:
        pane = self.pane(event.view)
        if isinstance(pane, FishbonePane | WhysPane):
            pane.follow(event.item)
        self.show_pane(event.view)
        if event.typing:
            self.query_one(CardEntry).input.focus()

    @on(CardBoard.CursorMoved)
    def _cursor_moved(self, event: CardBoard.CursorMoved) -> None:
        # Several boards are on screen at once and each view says where typing goes, so
        # the base screen's rule (typing follows any board's cursor) stops here.
        event.prevent_default()
        self._update_spotlight()

    async def recompose(self) -> None:
        """A language switch composes the views again: what each was showing stays."""
        kept = {pane.view: pane.keep() for pane in self.query(GapsPane)}
        await super().recompose()
        for pane in self.query(GapsPane):
            pane.restore(kept.get(pane.view, {}))
