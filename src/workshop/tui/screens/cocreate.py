"""Step 4, 团队共创: the ToP consensus workshop, one pane per phase.

The phase is part of the document (``doc.cocreate.phase``): the tabs, Ctrl+N and Ctrl+G
change it through an edit (undoable; leaving the brainstorm reveals hidden cards), and
the screen shows the pane of whatever phase the document is in, after an undo too. Each
phase's keys, actions and view state live in its pane
(``workshop.tui.widgets.cocreate.<phase>_pane``):

1. focus — the focus question, big; drafted from the goal and the key gaps;
2. brainstorm — teams type cards in turn in the shared entry;
3. cluster — pairs first, then cards into clusters, merge and split;
4. name — each cluster gets its name (中心词), with advice;
5. vote — dots in turns, per team or per member, the tally live beside the board;
6. model — the strategy model: the goal as the roof, the strategies as pillars.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.widgets import ContentSwitcher

from workshop.edits import cocreate as edits
from workshop.edits import room as room_edits
from workshop.i18n import t
from workshop.model import PHASES, Phase, Workshop
from workshop.tui.panes import Pane
from workshop.tui.screens.paned import PanedStepScreen
from workshop.tui.widgets.cocreate.board_pane import BoardPane
from workshop.tui.widgets.cocreate.brainstorm_pane import BrainstormPane
from workshop.tui.widgets.cocreate.cluster_pane import ClusterPane
from workshop.tui.widgets.cocreate.focus_pane import FocusPane
from workshop.tui.widgets.cocreate.model_pane import ModelPane
from workshop.tui.widgets.cocreate.name_pane import NamePane
from workshop.tui.widgets.cocreate.vote_pane import VotePane

BOARD_PHASES: tuple[Phase, ...] = ("brainstorm", "cluster", "name", "vote")
MARKS = "①②③④⑤⑥"


class CocreateScreen(PanedStepScreen):
    step = "cocreate"

    PANES = (FocusPane, BrainstormPane, ClusterPane, NamePane, VotePane, ModelPane)
    TAB_SEPARATOR = " › "
    TAB_PROGRESS = True

    BINDINGS: ClassVar = [
        Binding("ctrl+n", "next_pane(1)", "Next phase", id="cocreate_next_phase",
                priority=True, tooltip="On to the next phase of the consensus workshop"),
        Binding("ctrl+g", "next_pane(-1)", "Previous phase", id="cocreate_prev_phase",
                priority=True, tooltip="Back to the previous phase"),
    ]

    def tab_mark(self, index: int, pane: Pane) -> str:
        return MARKS[index]

    # -- the phase: in the document --------------------------------------------------------
    def show_pane(self, view: str) -> None:
        """A phase picked (a tab clicked): the document moves to it, and the redraw that
        follows brings its pane into view."""
        if view in PHASES:
            self.go_to_phase(view)  # type: ignore[arg-type]

    def action_next_pane(self, delta: int) -> None:
        index = PHASES.index(self.doc.cocreate.phase) + delta
        if 0 <= index < len(PHASES):
            self.go_to_phase(PHASES[index])
        else:
            self.app.bell()

    def go_to_phase(self, phase: Phase) -> None:
        if phase == self.doc.cocreate.phase:
            return
        revealed = self.app.edit(t("cocreate.undo.phase", phase=t(f"cocreate.phase.{phase}")),
                                 edits.set_phase, phase)
        if revealed is not None and self.doc.room.turn.cards_this_turn:
            self.app.room(room_edits.end_card_count)  # "本轮 3 张" ends with the brainstorm
        if revealed:
            self.notify(t("shell.revealed", count=revealed))

    def refresh_body(self, doc: Workshop, *, select: str | None = None) -> None:
        phase = doc.cocreate.phase
        moved = phase != self.view
        if moved:
            self.leave_pane(self.active_pane)
            self.view = phase
            self.query_one("#panes", ContentSwitcher).current = f"pane-{phase}"
        super().refresh_body(doc, select=select)
        if moved:
            self.focus_default()
            self.refresh_bindings()

    def leave_pane(self, pane: Pane) -> None:
        if isinstance(pane, BoardPane):
            pane.leave()

    # -- the shared card keys: only on the board, and Enter names a cluster from phase 4 ---
    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.doc.cocreate.phase
        if action in ("edit_card", "delete_card", "toggle_card_hidden") and (
                phase not in BOARD_PHASES or (action == "edit_card"
                                              and phase in ("name", "vote"))):
            return False
        if action == "next_board":
            return False
        if action in ("toggle_hidden_mode", "reveal_all"):
            return phase in ("brainstorm", "cluster")
        return super().allows(action, parameters)
