"""What the check-in panes share: the check-in the room is looking at, today's date from the
room's clock, and a tab named in the room's language."""

from __future__ import annotations

import datetime as dt

from workshop.i18n import t
from workshop.methods.checkin import ledger
from workshop.model import Checkin, Workshop
from workshop.tui.panes import Pane


def current(doc: Workshop) -> Checkin | None:
    """The check-in on screen: the one the room chose, else the newest."""
    return ledger.find(doc, doc.room.checkin_id) or ledger.latest(doc)


NARROW = 110
"""Below this many cells, the side panel goes under the list instead of beside it."""


class CheckinPane(Pane):
    """A view of the check-in step (no card entry: what is typed are numbers and notes):
    a list (``.checkin-main``'s first child) with a side panel (``.checkin-side``) beside
    it, or under it on a narrow screen; ``v`` shows the team at the keyboard or all."""

    takes_cards = False

    DEFAULT_CSS = """
    CheckinPane .checkin-main { height: 1fr; }
    CheckinPane .checkin-list { width: 1fr; }
    CheckinPane .checkin-side { width: 40%; min-width: 32; max-width: 70;
                                border-left: vkey $panel; padding: 0 1; }
    CheckinPane.-narrow .checkin-main { layout: vertical; }
    CheckinPane.-narrow .checkin-side { width: 100%; max-width: 100%; height: auto;
                                        max-height: 9; border-left: none;
                                        border-top: hkey $panel; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.one_team = False

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def action_toggle_team(self) -> None:
        self.one_team = not self.one_team
        self.show(self.doc)

    def title(self) -> str:
        return t(f"checkin.pane.{self.view}")

    def checkin(self, doc: Workshop | None = None) -> Checkin | None:
        return current(doc or self.doc)

    def today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.workbench.time_source.now()).date()
