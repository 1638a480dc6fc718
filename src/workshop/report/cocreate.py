"""The co-creation step's part of the report: the focus question, the clusters with their
cards and dots in priority order, the loose cards, and the strategy model (the goal as
the roof, the named clusters as pillars)."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.methods.cocreate import clusters as cluster_method
from workshop.methods.cocreate import focus as cocreate_method
from workshop.methods.cocreate import votes as vote_method
from workshop.model import Workshop
from workshop.report.base import CardRow, StepReport, card_row, step_report


@dataclass(frozen=True)
class TeamDots:
    team: str
    color: str
    dots: int


@dataclass(frozen=True)
class ClusterRow:
    id: str
    name: str
    """The name (中心词); empty for a cluster not named yet."""
    rank: int
    """1-based position in the priority order (see ``methods.votes``)."""
    votes: int
    tied: bool
    """Another strategy has as many dots (and dots were placed)."""
    cards: list[CardRow]
    by_team: list[TeamDots]
    """Who placed the dots, in team order; the paper dots counted off the wall last."""
    team_id: str | None
    team: str
    """The team that takes this strategy into its plan, if assigned."""
    team_color: str
    counted: int = 0
    """Of the dots, those counted off the wall (paper dots: no team's)."""


@dataclass
class CocreateReport(StepReport):
    focus_question: str = ""
    goal: str = ""
    """The roof of the strategy model: the main goal's statement."""
    clusters: list[ClusterRow] = field(default_factory=list)
    """Every cluster: the named ones in priority order, then the unnamed ones."""
    loose: list[CardRow] = field(default_factory=list)
    """Cards in no cluster."""
    dots: int = 3
    dots_per: str = "team"
    total_votes: int = 0
    secret: bool = False
    """Phones voted in secret and the tally is not shown yet: the report shows what the
    projector shows (board order, no dots, no ties), so a page printed or projected
    before the reveal does not give it away."""

    @property
    def pillars(self) -> list[ClusterRow]:
        """The strategies of the model: named clusters in priority order."""
        return [row for row in self.clusters if row.name]

    @property
    def has_content(self) -> bool:
        return bool(self.clusters or self.loose or self.has_cards)

    def dots_text(self, votes: int, lang: str) -> str:
        """``3 票``, or that the dots are not shown yet while the tally is secret."""
        if self.secret:
            return t("cocreate.pdf.dots_secret", lang)
        return t("cocreate.pdf.dots_n", lang, count=votes)

    def dots_cell(self, votes: int) -> str:
        """A table cell's count of dots: a dash while the tally is secret."""
        return "—" if self.secret else str(votes)

    def vote_rule(self, lang: str) -> str:
        """How many dots each team or member had and how many were placed (the tally
        secret: how many were placed, and that the result is not shown)."""
        per = t(f"cocreate.dots_per.{self.dots_per}", lang)
        key = "cocreate.pdf.vote_rule_secret" if self.secret else "cocreate.pdf.vote_rule"
        return t(key, lang, dots=self.dots, per=per, total=self.total_votes)

    @property
    def has_cards(self) -> bool:
        return any(board.cards for board in self.boards)

    def team_pillars(self, team_id: str) -> list[ClusterRow]:
        return [row for row in self.pillars if row.team_id == team_id]


def build(doc: Workshop, lang: str) -> CocreateReport:
    base = step_report(doc, "cocreate", lang)
    section = doc.cocreate
    teams = {team.id: team for team in doc.teams}
    secret = vote_method.secret(doc)
    # named strategies in priority order, then the clusters still without a name
    order = vote_method.shown_priority(doc, named_only=True)
    order += [vote_method.Ranked(k.id, "", 0 if secret else len(k.votes) + k.counted, 0,
                                 len(order) + i, False)
              for i, k in enumerate((k for k in section.clusters if not k.name), start=1)]
    voted = vote_method.total(doc) > 0
    rows = []
    for ranked in order:
        cluster = section.cluster(ranked.cluster_id)
        assert cluster is not None
        dots = vote_method.by_team(cluster)
        by_team = [] if secret else [TeamDots(team.name, team.color, dots[team.id])
                                     for team in doc.teams if dots[team.id]]
        if cluster.counted and not secret:
            by_team.append(TeamDots(t("cocreate.pdf.counted", lang), "", cluster.counted))
        owner = teams.get(cluster.team_id or "")
        rows.append(ClusterRow(
            id=cluster.id, name=cluster.name, rank=ranked.rank, votes=ranked.votes,
            tied=ranked.tied and voted,
            cards=[card_row(doc, c) for c in cluster_method.cards_of(section, cluster.id)],
            by_team=by_team,
            team_id=owner.id if owner else None, team=owner.name if owner else "",
            team_color=owner.color if owner else "", counted=0 if secret else cluster.counted))
    goal = cocreate_method.main_goal(doc)
    return CocreateReport(
        step=base.step, title=base.title, purpose=base.purpose, boards=base.boards,
        focus_question=section.focus_question, goal=goal.statement if goal else "",
        clusters=rows, loose=[card_row(doc, c) for c in cluster_method.loose(section)],
        dots=section.dots, dots_per=section.dots_per, total_votes=vote_method.total(doc),
        secret=secret)
