"""Step 1 on screen: the vision board, the goals with their SMART check, the target
cascades and the key value chain — four panels switched by key (``1``–``4`` out of the
card entry, Ctrl+N anywhere) so each has the whole body, usable at 80×24 and roomy on a
projector. Each panel is a pane (``tui/widgets/vision/*_pane.py``) that owns its keys,
actions and view state; the screen switches them and keeps the frame.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding

from workshop.tui.panes import Pane
from workshop.tui.screens.paned import PanedStepScreen
from workshop.tui.widgets.card_entry import CardEntry
from workshop.tui.widgets.vision.cards_pane import CardsPane
from workshop.tui.widgets.vision.cascade_pane import CascadePane
from workshop.tui.widgets.vision.funnel_pane import FunnelPane
from workshop.tui.widgets.vision.goals_pane import GoalsPane
from workshop.tui.widgets.vision.pane import VisionPane


class VisionScreen(PanedStepScreen):
    step = "vision"

    PANES = (CardsPane, GoalsPane, CascadePane, FunnelPane)
    """The vision question opens step 1 (如果实现了，我们会看到什么景象), and like every
    step it opens ready to type cards; the goals, the cascade and the value chain are one
    key away."""

    BINDINGS: ClassVar = [
        Binding("1", "panel('cards')", "Vision", id="vision_panel_cards", show=False,
                tooltip="The vision board and the shared statement"),
        Binding("2", "panel('goals')", "Goals", id="vision_panel_goals", show=False,
                tooltip="The goals and their SMART check"),
        Binding("3", "panel('cascade')", "Cascade", id="vision_panel_cascade", show=False,
                tooltip="The targets split over time, teams and people"),
        Binding("4", "panel('funnel')", "Value chain", id="vision_panel_funnel", show=False,
                tooltip="The key value chain and its what-if"),
    ]

    DEFAULT_CSS = """
    /* the method's questions get a column of their own only where there is room */
    VisionScreen.-narrow #method { display: none; }
    VisionScreen.-short .panel-hint { display: none; }
    """

    def size_classes(self, width: int, height: int) -> dict[str, bool]:
        return {"-short": height < 30, "-narrow": width < 140}

    def tab_mark(self, index: int, pane: Pane) -> str:
        return str(index + 1)

    def action_panel(self, view: str) -> None:
        self.show_pane(view)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The shared entry is for vision cards: whoever puts the cursor there (a script,
        # the draft being restored) gets the vision board with it.
        if (not self.active_pane.takes_cards
                and self.query_one(CardEntry) in event.widget.ancestors):
            self.show_pane(CardsPane.view)
            return
        # the hints name the keys that work where the focus is now
        self._show_tabs()
        pane = self.active_pane
        if isinstance(pane, VisionPane):
            pane.show_hints()
