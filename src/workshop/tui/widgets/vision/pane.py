"""What the four panels of the vision step share: a tab labelled ``1 愿景`` …, and key
hints that follow the focus, so a hint names only keys that work where the focus is
(a letter shown while the focus is in the card entry would type itself instead)."""

from __future__ import annotations

from typing import ClassVar

from textual.widget import Widget

from workshop.i18n import t
from workshop.tui.panes import Pane
from workshop.tui.widgets.vision.goals import GoalTree


class VisionPane(Pane):
    """A panel of the vision step."""

    PLACES: ClassVar[dict[str, frozenset[str]]] = {}
    """Actions that work only in one place of the panel: the place (as ``where`` names
    it) → its actions. Keys shared by a list and a table (a, x, Enter) go to whichever
    has the focus."""

    DEFAULT_CSS = """
    VisionPane > Horizontal { height: 1fr; }
    VisionPane .panel-hint { height: auto; color: $text-muted; padding: 0 1; }
    """

    def title(self) -> str:
        return t(f"vision.panel.{self.view}")

    def focused_here(self) -> Widget | None:
        """The focused widget if it is inside this panel (None in the card entry)."""
        focused = self.screen.focused
        if focused is not None and (focused is self or self in focused.ancestors):
            return focused
        return None

    def where(self) -> str:
        """Where the focus is, as a name for the hints (``board``, ``list``, ``table``…;
        ``out`` when it is outside the panel)."""
        return "out" if self.focused_here() is None else "in"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        for place, actions in self.PLACES.items():
            if action in actions:
                # False, not None: the key goes on to whoever else has it (Enter, x, a)
                return self.where() == place
        return True

    def picked_goal_id(self) -> str | None:
        """The goal highlighted on the goals panel, else the first goal (the tree is filled
        only once the goals panel has been shown)."""
        trees = self.screen.query(GoalTree)
        goal_id = trees.first().highlighted_id if trees else None
        if goal_id is None and self.doc.vision.goals:
            goal_id = self.doc.vision.goals[0].id
        return goal_id

    def keys_hint(self) -> str:
        return t(f"vision.ui.keys_{self.view}_{self.where()}")

    def show_hints(self) -> None:
        """The focus moved: redraw the hints inside the panel (the screen redraws the
        tabs' hint)."""
