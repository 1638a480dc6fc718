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


class CheckinPane(Pane):
    """A view of the check-in step (no card entry: what is typed are numbers and notes)."""

    takes_cards = False

    def title(self) -> str:
        return t(f"checkin.pane.{self.view}")

    def checkin(self, doc: Workshop | None = None) -> Checkin | None:
        return current(doc or self.doc)

    def today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.workbench.time_source.now()).date()
