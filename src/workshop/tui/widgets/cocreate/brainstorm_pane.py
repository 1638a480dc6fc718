"""Phase 2, 头脑风暴: the teams type cards in turn in the shared entry (a cap per turn, a
countdown, hidden until revealed); step 2's TOWS ideas and root causes can be pulled in.
Beside the board: the cards per team and the rules of the round."""

from __future__ import annotations

from workshop.edits import cards as card_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.cocreate import counts as card_counts
from workshop.methods.cocreate import focus
from workshop.model import Card, Workshop
from workshop.text import truncate
from workshop.tui import redraw
from workshop.tui.widgets.card_board import Section
from workshop.tui.widgets.cocreate import panel
from workshop.tui.widgets.cocreate.board_pane import BoardPane
from workshop.tui.widgets.cocreate.settings import BRAINSTORM_KEYS, SettingsActions


class BrainstormPane(SettingsActions, BoardPane):
    view = "brainstorm"
    takes_cards = True
    EMPTY = "cocreate.board_empty_brainstorm"

    BINDINGS = [*BRAINSTORM_KEYS]

    def take_text(self, text: str, hidden: bool) -> bool:
        """The card is saved, then drawn at the end of the board (the entry is cleared
        only once it is saved: a card refused keeps its text in the entry)."""
        added: list[Card] = []

        def add(doc: Workshop) -> Card:
            card = card_edits.add_card(doc, "cocreate", text, board="idea",
                                       team_id=turns.current_team_id(doc), hidden=hidden)
            added.append(card)
            return card

        return self.change(t("undo.add_card", text=truncate(text, 24)), add,
                           redraw=lambda doc: (self.mirror.add(doc, added[-1]), added[-1].id))

    def entry_target(self, doc: Workshop) -> str:
        """With a cap per turn, which of its cards the team is typing (``本轮第 2/3 张``)."""
        cap = doc.cocreate.cap_per_turn
        if not cap:
            return ""
        typed = doc.room.turn.cards_this_turn
        if typed >= cap:
            return t("cocreate.entry_cap_full", cap=cap)
        return t("cocreate.entry_cap", number=typed + 1, cap=cap)

    def start_card(self, doc: Workshop, sections: list[Section]) -> str | None:
        return None  # the room types: the newest card is the one that matters

    def show_panel(self, doc: Workshop) -> None:
        # step 2's ranking, 1 ms at 400 gap cards, worked out again only when step 2 changes
        found = redraw.kept(self.app, doc, "cocreate.sources", focus.SOURCES_READ,
                            lambda: focus.sources(doc))
        # the cards per team, from the card just typed (not counted again over them all)
        counts = redraw.followed(self.app, doc, "cocreate.counts",
                                 lambda: card_counts.count(doc.cocreate.cards),
                                 card_counts.follow)
        self.update_panel(panel.brainstorm(doc, found, counts))
