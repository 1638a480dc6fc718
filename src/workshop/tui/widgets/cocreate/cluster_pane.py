"""Phase 3, 归类: the board shows every card, the loose ones first, then the clusters.
Pairs first (mark a card, then pair it with another), then cards move into clusters (one
key each: ``.`` the same cluster again, ``]``/``[`` carried down or up the board), back
out, and clusters merge and split. Beside the board: how far the sorting has come."""

from __future__ import annotations

from textual import on
from textual.binding import Binding

from workshop.edits import cocreate as edits
from workshop.i18n import t
from workshop.methods.cocreate import clusters as cluster_method
from workshop.model import Workshop
from workshop.tui.widgets.card_board import CardBoard
from workshop.tui.widgets.cocreate import panel
from workshop.tui.widgets.cocreate.board_mirror import LOOSE
from workshop.tui.widgets.cocreate.board_pane import BoardPane, ClusterActions
from workshop.tui.widgets.cocreate.dialogs import ClusterPicker


class ClusterPane(ClusterActions, BoardPane):
    view = "cluster"

    BINDINGS = [
        Binding("space", "mark", "Mark", id="cocreate_mark", key_display="Space",
                tooltip="Mark the card (to pair it, or to move several at once)"),
        Binding("p", "pair", "Pair / new cluster", id="cocreate_pair",
                tooltip="The marked card and this one start a new cluster"),
        Binding("m", "move_to", "Move to cluster", id="cocreate_move",
                tooltip="Move the card (or the marked cards) into a cluster"),
        Binding("right_square_bracket", "carry(1)", "Move to next cluster",
                id="cocreate_carry_next", key_display="]",
                tooltip="Carry the card into the next cluster down the board"),
        Binding("left_square_bracket", "carry(-1)", "Move to previous cluster",
                id="cocreate_carry_prev", key_display="[", show=False,
                tooltip="Carry the card into the cluster above"),
        Binding("full_stop", "repeat_move", "Same cluster again", id="cocreate_repeat_move",
                key_display=".", tooltip="Move the card where the last card went"),
        Binding("u", "move_back", "Move back", id="cocreate_move_back",
                tooltip="Take the card out of its cluster"),
        ClusterActions.MERGE_KEY,
        Binding("s", "split", "Split cluster", id="cocreate_split", show=False,
                tooltip="The marked cards leave this cluster for a new one"),
        ClusterActions.DISSOLVE_KEY,
        ClusterActions.NAME_KEY,
        *BoardPane.JUMP_KEYS,
    ]

    def show_panel(self, doc: Workshop) -> None:
        self.update_panel(panel.cluster(doc, len(self.mirror.marked)))

    # -- marking ----------------------------------------------------------------------------
    def action_mark(self) -> None:
        card = self.board.selected
        if card is None:
            return
        self._toggle_mark(card.id)
        self.board.step(1)  # on to the next card in reading order, to mark it too

    def _toggle_mark(self, card_id: str) -> None:
        self.board.show(self.mirror.toggle_mark(card_id))
        self.show_panel(self.doc)

    @on(CardBoard.MarkClicked)
    def _mark_clicked(self, event: CardBoard.MarkClicked) -> None:
        self._toggle_mark(event.card.id)

    # -- new clusters -----------------------------------------------------------------------
    def action_pair(self) -> None:
        """Pairs first: the marked cards and the one under the cursor become a new cluster;
        with nothing marked, the card under the cursor is marked to wait for its pair."""
        card = self.board.selected
        ids = self.targets()
        if card is not None and card.id not in ids:
            ids.append(card.id)
        if len(ids) < cluster_method.PAIR:
            if card is None:
                return
            if card.id not in self.mirror.marked:
                self._toggle_mark(card.id)
            self.workbench.notify(t("cocreate.pair_waiting"))
            return
        self.mirror.marked = set()
        self.act(t("cocreate.undo.pair", count=len(ids)), edits.new_cluster, ids,
                 then=lambda cluster: self._after_new_cluster(cluster.id, ids[0]))

    def _after_new_cluster(self, cluster_id: str, card_id: str) -> None:
        self.last_target = cluster_id
        self.board.select(card_id)

    def action_split(self) -> None:
        cluster_id = self._need_cluster()
        if cluster_id is None:
            return
        if self.mirror.marked:
            ids = [card_id for card_id in self.targets()
                   if self.mirror.group_of(card_id) == cluster_id]
        else:
            card = self.board.selected
            ids = [card.id] if card else []
        self.mirror.marked -= set(ids)
        self.act(t("cocreate.undo.split", count=len(ids)), edits.split, cluster_id, ids,
                 then=lambda cluster: self._after_new_cluster(cluster.id, ids[0]))

    # -- moving cards -----------------------------------------------------------------------
    def move(self, ids: list[str], target: str, *, follow: bool = False) -> None:
        """Move cards into the cluster `target` (or back out, ``LOOSE``). The cursor goes
        with them when `follow` (carrying a card down the board); else it stays where it
        was, on the card that takes their place, ready for the next one."""
        if not ids:
            return
        here = self.board.selected
        select = ids[0]
        if not follow and here is not None and here.id in ids:
            select = self.mirror.successor(here.id, ids) or ids[0]
        if target == LOOSE:
            label, edit, args = (t("cocreate.undo.move_back", count=len(ids)), edits.move_back,
                                 (ids,))
        else:
            self.last_target = target
            label, edit, args = t("cocreate.undo.move", count=len(ids)), edits.move, (ids, target)
        self.change(label, edit, *args,
                    redraw=lambda doc: (self.mirror.move(doc, ids, target), select))

    def action_move_to(self) -> None:
        ids = self.targets()
        clusters = self.mirror.cluster_ids()
        if not ids:
            return
        if not clusters:
            self.workbench.notify(t("cocreate.pair_first_hint"), severity="warning")
            return

        def chosen(cluster_id: str | None) -> None:
            if cluster_id:
                self.move(ids, cluster_id)

        self.workbench.push_screen(
            ClusterPicker(t("cocreate.move_title", count=len(ids)),
                          self.cluster_choices(clusters),
                          self.last_target), chosen)

    def action_carry(self, delta: int) -> None:
        """Move the card (or the marked cards) one cluster down or up the board; above the
        first cluster are the loose cards."""
        card = self.board.selected
        ids = self.targets()
        if card is None or not ids:
            return
        keys = self.mirror.keys()
        if LOOSE not in keys:
            keys.insert(0, LOOSE)
        index = keys.index(card.group) + delta if card.group in keys else 0
        if not 0 <= index < len(keys):
            self.workbench.bell()
            return
        self.move(ids, keys[index], follow=True)

    def action_repeat_move(self) -> None:
        """Move the card (or the marked cards) into the cluster the last card went to."""
        target = self.last_target
        if target is None or target not in self.mirror.cluster_ids():
            self.workbench.notify(t("cocreate.no_last_target"), severity="warning")
            return
        ids = [card_id for card_id in self.targets() if self.mirror.group_of(card_id) != target]
        self.move(ids, target)

    def action_move_back(self) -> None:
        ids = [card_id for card_id in self.targets() if self.mirror.group_of(card_id) != LOOSE]
        if not ids:
            self.workbench.notify(t("cocreate.error.not_in_cluster"), severity="warning")
            return
        self.move(ids, LOOSE)

    @on(CardBoard.SectionClicked)
    def _section_clicked(self, event: CardBoard.SectionClicked) -> None:
        """With cards marked, a click on a cluster's title moves them there."""
        if self.mirror.marked:
            self.move(self.targets(), event.key)
