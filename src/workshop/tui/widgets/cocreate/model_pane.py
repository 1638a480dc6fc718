"""Phase 6, 策略模型: the goal as the roof, the named strategies as pillars in the order
the dots gave them (the board's order, with no dots, while phones' dots are secret), the
focus question as the foundation. The arrows pick a pillar; it can be renamed and given
to a team."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop.i18n import t
from workshop.methods.cocreate import clusters as cluster_method
from workshop.methods.cocreate import focus as cocreate_method
from workshop.methods.cocreate import votes as vote_method
from workshop.model import Workshop
from workshop.tui.widgets.cocreate.board_pane import ClusterActions, CocreatePane
from workshop.tui.widgets.cocreate.model_view import Pillar, StrategyModel


class ModelPane(ClusterActions, CocreatePane):
    view = "model"

    DEFAULT_CSS = """
    ModelPane > #model-scroll { height: 1fr; }
    ModelPane #model-notes { padding: 0 2; color: $text-muted; height: auto; }
    """

    BINDINGS = [ClusterActions.NAME_KEY, ClusterActions.ASSIGN_KEY]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="model-scroll"):
            yield StrategyModel()
            yield Static(id="model-notes")

    @property
    def model(self) -> StrategyModel:
        return self.query_one(StrategyModel)

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        teams = {team.id: team for team in doc.teams}
        secret = vote_method.secret(doc)  # phones voted in secret: no dots, no order
        voted = vote_method.total(doc) > 0 and not secret
        pillars = []
        for row in vote_method.shown_priority(doc, named_only=True):
            cluster = doc.cocreate.cluster(row.cluster_id)
            team = teams.get(cluster.team_id or "") if cluster else None
            pillars.append(Pillar(row.cluster_id, row.rank, row.name, row.votes,
                                  row.tied and voted, team.name if team else "",
                                  team.color if team else ""))
        goal = cocreate_method.main_goal(doc)
        self.model.show(goal.statement if goal else t("cocreate.pdf.no_goal"), pillars,
                        doc.cocreate.focus_question, t("cocreate.model_empty"),
                        "● ?" if secret else t("cocreate.model_dots"))
        unnamed = cluster_method.progress(doc.cocreate).unnamed
        notes = Text(t("cocreate.model_keys"), style="dim")
        if unnamed:
            notes.append("\n" + t("cocreate.model_unnamed", count=unnamed), style="bold")
        if voted and any(p.tied for p in pillars):
            notes.append("\n" + t("cocreate.pdf.tie_rule"))
        if secret:
            notes.append("\n" + t("phones.tally.secret", count=vote_method.total(doc)),
                         style="bold")
            notes.append("\n" + t("phones.tally.how_to_show"))
        self.query_one("#model-notes", Static).update(notes)

    def focus_default(self) -> None:
        self.model.focus()

    def selected_cluster_id(self) -> str | None:
        return self.model.selected

    @on(StrategyModel.Picked)
    def _pillar_picked(self, event: StrategyModel.Picked) -> None:
        event.stop()  # the model draws the pick itself
