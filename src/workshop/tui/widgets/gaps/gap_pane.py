"""What the storm and the ranking views share: a board of gap cards, and the keys that act
on the selected gap — classify, mark key, merge a duplicate, open its fishbone or its
5 Whys, delete it with what hangs on it. Text typed in the entry becomes a gap."""

from __future__ import annotations

from textual import on
from textual.binding import Binding

from workshop.edits import cards as card_edits
from workshop.edits import gaps as gap_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.model import Workshop
from workshop.model.gaps import GapCard
from workshop.tui.screens.paned import short
from workshop.tui.widgets.card_board import CardBoard, CardView
from workshop.tui.widgets.gaps.boards import GapBoard
from workshop.tui.widgets.gaps.gaps_pane import GapsPane

CLASSIFY_KEYS = [
    Binding("o", "classify('opportunity')", "Opportunity gap", id="gaps_opportunity",
            tooltip="Classify the selected gap as an opportunity gap"),
    Binding("p", "classify('performance')", "Performance gap", id="gaps_performance",
            tooltip="Classify the selected gap as a performance gap"),
]
GAP_KEYS = [
    Binding("k", "toggle_key", "Key gap", id="gaps_key",
            tooltip="Mark the selected gap as a key gap, or unmark it"),
    Binding("m", "merge", "Merge", id="gaps_merge",
            tooltip="Merge a duplicate: m on it, then m on the card it goes into"),
    Binding("f", "open_fishbone", "Fishbone", id="gaps_open_fishbone",
            tooltip="The selected gap's fishbone"),
    Binding("w", "open_why", "5 Whys", id="gaps_open_why",
            tooltip="A 5-Why chain about the selected gap"),
    Binding("delete", "delete_gap", "Delete", id="gaps_delete", show=False,
            tooltip="Delete the gap with its fishbone and 5-Why chains (Ctrl+Z undoes)"),
    Binding("escape", "cancel_merge", "Cancel merge", id="gaps_cancel_merge", show=False,
            tooltip="Stop merging"),
]
"""The keys of both views, which put them in their own order with theirs (the footer
shows them in that order, and cuts the last ones on a narrow screen)."""


class GapCardsPane(GapsPane):

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.merge_source: str | None = None
        """The gap being merged: the next ``m`` merges it into the selected one."""

    @property
    def board(self) -> GapBoard:
        return self.query_one(GapBoard)

    def gap(self, gap_id: str | None) -> GapCard | None:
        if gap_id is None:
            return None
        return next((c for c in self.doc.gaps.cards if c.id == gap_id), None)

    def selected_gap(self) -> GapCard | None:
        selected = self.board.selected
        return self.gap(selected.id) if selected else None

    def need_gap(self) -> GapCard | None:
        card = self.selected_gap()
        if card is None:
            self.refuse(t("gaps.storm.pick_a_gap"))
        return card

    def redraw(self) -> None:
        self.show(self.doc)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_merge":  # Esc goes back to typing unless a merge is under way
            return self.merge_source is not None
        if action == "delete_gap":
            return self.board.selected is not None
        return True

    # -- the entry ------------------------------------------------------------------------
    def entry_target(self, doc: Workshop) -> str:
        return t("board.storm")

    def take_text(self, text: str, hidden: bool) -> bool:
        card = self.workbench.edit(
            t("undo.add_card", text=short(text)),
            lambda doc: card_edits.add_card(doc, "gaps", text, team_id=turns.current_team_id(doc),
                                            hidden=hidden))
        if card is None:
            return False
        self.board.select(card.id)
        return True

    def spotlight_card(self) -> CardView | None:
        board = self.board
        return board.selected or (board.cards[-1] if board.cards else None)

    # -- keys on the selected gap ---------------------------------------------------------
    def action_classify(self, kind: str) -> None:
        """Set the kind (pressing it again changes nothing: a second press never clears)."""
        card = self.need_gap()
        if card is None:
            return
        name = t(f"gap_kind.{kind}")
        if card.kind == kind:
            self.workbench.notify(t("gaps.storm.already_kind", kind=name), timeout=2)
            return
        self.workbench.edit(t("gaps.undo.classify", text=short(card.text), kind=name),
                            gap_edits.classify, card.id, kind)

    def action_toggle_key(self) -> None:
        card = self.need_gap()
        if card is None:
            return
        key = "gaps.undo.key_on" if not card.key else "gaps.undo.key_off"
        self.workbench.edit(t(key, text=short(card.text)), gap_edits.set_key, card.id,
                            not card.key)

    def action_merge(self) -> None:
        card = self.need_gap()
        if card is None:
            return
        if self.merge_source is None:
            self.merge_source = card.id
            self.workbench.notify(t("gaps.merge.pick_target", text=short(card.text)), timeout=6)
            self.redraw()
            return
        source = self.gap(self.merge_source)
        if source is None or source.id == card.id:
            self.cancel_merge()
            return
        self.merge_source = None
        label = t("gaps.undo.merge", source=short(source.text), target=short(card.text))
        if self.workbench.edit(label, gap_edits.merge_gaps, card.id, source.id) is not None:
            self.workbench.notify(t("gaps.merge.done", text=short(card.text)))
        else:
            self.redraw()

    def cancel_merge(self, quiet: bool = False) -> None:
        if self.merge_source is None:
            return
        self.merge_source = None
        if not quiet:
            self.workbench.notify(t("gaps.merge.cancelled"), timeout=2)
            self.redraw()

    def action_cancel_merge(self) -> None:
        self.cancel_merge()

    def action_open_fishbone(self) -> None:
        card = self.need_gap()
        if card is None:
            return
        if self.workbench.edit(t("gaps.undo.fishbone", text=short(card.text)),
                               gap_edits.ensure_fishbone, card.id) is not None:
            self.post_message(self.Open("fishbone", card.id))

    def action_open_why(self) -> None:
        card = self.need_gap()
        if card is None:
            return
        gap_id = card.id
        chain = self.workbench.edit(t("gaps.undo.chain", text=short(card.text)),
                                    lambda doc: gap_edits.start_chain(
                                        doc, gap_id=gap_id, team_id=turns.current_team_id(doc)))
        if chain is not None:
            self.post_message(self.Open("whys", chain.id, typing=not chain.links))

    def action_delete_gap(self) -> None:
        """Deleting a gap takes its fishbone and chains with it (Ctrl+Z brings them back)."""
        card = self.need_gap()
        if card is None:
            return
        result = self.workbench.edit(t("undo.delete_card", text=short(card.text)),
                                     gap_edits.delete_gap, card.id)
        if result is not None:
            _card, gone = result
            self.workbench.notify(t("gaps.storm.deleted_with", count=gone) if gone
                                  else t("shell.deleted_hint"))

    @on(CardBoard.CursorMoved)
    def _cursor_moved(self, event: CardBoard.CursorMoved) -> None:
        self.cursor_moved(event.card)

    def cursor_moved(self, card: CardView | None) -> None:
        """The board's cursor is on `card` now."""
