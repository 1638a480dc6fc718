"""Phase 4, 命名: each cluster gets its name (中心词), an action that answers the focus
question; Enter names the cluster under the cursor and goes on to the next one still
without a name. Beside the board: the cluster's name with advice, and how many are left."""

from __future__ import annotations

from textual import on
from textual.binding import Binding

from workshop.i18n import t
from workshop.methods.cocreate import clusters as cluster_method
from workshop.model import Workshop
from workshop.tui.widgets.card_board import CardBoard, Section
from workshop.tui.widgets.cocreate import panel
from workshop.tui.widgets.cocreate.board_pane import BoardPane, ClusterActions


class NamePane(ClusterActions, BoardPane):
    view = "name"

    BINDINGS = [
        ClusterActions.NAME_KEY,
        Binding("enter", "name_cluster", "Name cluster", id="cocreate_name_here", show=False,
                tooltip="Name the cluster under the cursor, then on to the next unnamed"),
        ClusterActions.ASSIGN_KEY,
        ClusterActions.MERGE_KEY,
        ClusterActions.DISSOLVE_KEY,
        *BoardPane.JUMP_KEYS,
    ]

    def start_card(self, doc: Workshop, sections: list[Section]) -> str | None:
        """The first cluster still without a name."""
        unnamed = {k.id for k in doc.cocreate.clusters if not k.name}
        first = [s for s in sections if s.cards]
        first = [s for s in first if s.key in unnamed] or first
        return first[0].cards[0].id if first else None

    def show_panel(self, doc: Workshop) -> None:
        self.update_panel(panel.name(doc, self.selected_cluster_id()))

    @on(CardBoard.CursorMoved)
    def _cursor_moved(self, event: CardBoard.CursorMoved) -> None:
        self.show_panel(self.doc)  # the panel speaks of the cluster under the cursor

    def after_naming(self, cluster_id: str) -> None:
        """On to the next cluster still without a name."""
        doc = self.doc
        ids = [k.id for k in doc.cocreate.clusters]
        start = ids.index(cluster_id) + 1 if cluster_id in ids else 0
        for cluster in doc.cocreate.clusters[start:] + doc.cocreate.clusters[:start]:
            cards = cluster_method.cards_of(doc.cocreate, cluster.id)
            if not cluster.name and cards:
                self.board.select(cards[0].id)
                return
        self.workbench.notify(t("cocreate.all_named"))
