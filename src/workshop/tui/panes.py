"""Panes: the views of a step (the gaps step's storm, fishbone, 5 whys…; the co-create's
phases; the vision's goals and cascades).

A pane is a container that owns its keys, its actions and its view state. Textual looks
a key up on the focused widget and then on each of its ancestors, so a pane's
``BINDINGS`` work while the focus is inside it and nowhere else, and its ``action_*``
methods are found without ``screen.`` prefixes or hand-made dispatch. The step screen
around the panes (``PanedStepScreen``) keeps only what every view shares: the switcher,
the tabs, the card entry and the frame.

A pane reaches the app only through ``Workbench``: the document, ``edit`` (undoable,
saved at once), ``room`` (saved, not undoable), ``notify`` and dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

from textual.containers import Vertical

from workshop.i18n import t
from workshop.model import Workshop

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.tui.time_source import TimeSource
    from workshop.tui.widgets.card_board import CardView

T = TypeVar("T")


class Workbench(Protocol):
    """What a pane may ask of the app."""

    @property
    def doc(self) -> Workshop:
        """The document as it is now (look objects up again after every edit: undo
        replaces it)."""
        ...

    revision: int
    """Bumped after every change to the document."""

    time_source: TimeSource
    """The room's clock (tests drive a fake one)."""

    def edit(self, label: str, edit: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Apply an undoable change, saved at once; None (and a notice) if refused."""
        ...

    def room(self, edit: Callable[..., T], *args: Any) -> T | None:
        """Change the room state (turn, clock, step): saved, not undoable."""
        ...

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None: ...

    def push_screen(self, screen: Screen[Any], callback: Any = None) -> Any: ...

    def bell(self) -> None: ...


class Pane(Vertical):
    """One view of a step, shown by its screen's switcher."""

    DEFAULT_CSS = """
    Pane { height: 1fr; }
    """

    view: ClassVar[str] = ""
    """The view's key (``storm``, ``fishbone``…): its id is ``pane-<view>``."""
    takes_cards: ClassVar[bool] = True
    """Whether the step's card entry is shown with this pane (``take_text`` gets what is
    typed there)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("id", f"pane-{self.view}")
        super().__init__(**kwargs)

    @property
    def workbench(self) -> Workbench:
        return cast("Workbench", self.app)

    @property
    def doc(self) -> Workshop:
        return self.workbench.doc

    # -- what the step screen asks of its panes -------------------------------------------
    def title(self) -> str:
        """The pane's tab label, in the room's language."""
        return t(f"pane.{self.view}")

    def keys_hint(self) -> str:
        """A short reminder of the pane's own keys, shown beside the tabs."""
        return ""

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        """Redraw from the document (called after every change while the pane is shown,
        and when it comes into view after changes); ``select`` is a card to put the cursor
        on."""

    def focus_default(self) -> None:
        """Put the focus where the room works in this view."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def entry_target(self, doc: Workshop) -> str:
        """Where a card typed in the entry lands, named as on screen (``→ 机会 O``);
        empty when the pane has one obvious board."""
        return ""

    def entry_placeholder(self) -> str | None:
        """The entry's placeholder while this pane is shown (None: the shared one)."""
        return None

    def take_text(self, text: str, hidden: bool) -> bool:
        """Text typed in the entry and Enter: add it where ``entry_target`` says and
        return True, or tell the room why not (a notice) and return False, so the entry
        keeps the text. Never drop it silently."""
        self.workbench.bell()
        self.workbench.notify(t("shell.entry_nowhere"), severity="warning")
        return False

    def next_board(self) -> bool:
        """Ctrl+B: move typing to the next board of this view; False if there is none."""
        return False

    def spotlight_card(self) -> CardView | None:
        """What the room is talking about in this view (projector mode shows it large)."""
        return None
