"""Phase 5, 投票: the two ways a room votes.

- At the keyboard: one key per dot, the cluster's number on the board (``3`` puts a dot
  on cluster 3; ``+`` on the cluster under the cursor); when a voter's dots are used, the
  next member (or the next team) votes at once, named large above the wall.
- Paper dots on the wall: ``C`` opens a form to type each cluster's count, checked
  against the whole room's dots (``DotCount``); undoable, and in the report.

The wall shows each cluster's dots as a bar under its title, to scale, for the back of
the room; beside it (not in projector mode), the dots left and the ranked tally."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from workshop.edits import cocreate as edits
from workshop.edits import room as room_edits
from workshop.i18n import t
from workshop.methods import turns
from workshop.methods.cocreate import votes as vote_method
from workshop.model import Team, Workshop
from workshop.tui.widgets.cocreate import panel
from workshop.tui.widgets.cocreate.board_pane import BoardPane, ClusterActions
from workshop.tui.widgets.cocreate.dot_count import Budget, DotCount
from workshop.tui.widgets.cocreate.settings import VOTE_KEYS, SettingsActions
from workshop.tui.widgets.fitted import WidthChanged
from workshop.tui.widgets.turn_bar import readable_on

DOT_KEYS = [
    Binding(str(number % 10), f"dot_on({number})", f"Dot on cluster {number}",
            id=f"cocreate_dot_{number}", show=number == 1,
            key_display="1–9" if number == 1 else None,
            tooltip="One dot on the cluster with this number on the board (0: cluster 10)")
    for number in range(1, 11)
]


class VotePane(SettingsActions, ClusterActions, BoardPane):
    view = "vote"

    SCOPED_CSS = False  # the projector rule starts at the app
    DEFAULT_CSS = """
    VotePane > .vote-voter { height: 1; padding: 0 1; text-style: bold; }
    .-projector VotePane > .vote-voter { height: 3; content-align: center middle; }
    """

    BINDINGS = [
        *DOT_KEYS,
        Binding("plus,equals_sign,space", "vote", "Dot", id="cocreate_vote", key_display="+",
                tooltip="One dot on the cluster under the cursor"),
        Binding("minus", "unvote", "Take dot back", id="cocreate_unvote", key_display="-",
                tooltip="Take back the voter's last dot on this cluster"),
        Binding("full_stop", "next_voter", "Next member", id="cocreate_next_voter",
                key_display=".", tooltip="The next member with dots left votes"),
        Binding("c", "count_dots", "Count the wall", id="cocreate_count",
                tooltip="Type the paper dots counted on each cluster"),
        *VOTE_KEYS,
        ClusterActions.NAME_KEY,
        ClusterActions.ASSIGN_KEY,
        *BoardPane.JUMP_KEYS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.member_id: str | None = None
        """The member voting (dots per member), when the room chose one."""
        self._turn_team: str | None = None
        self._dots_per = ""

    def compose(self) -> ComposeResult:
        yield Static(id="vote-voter", classes="vote-voter")
        yield from super().compose()

    def show(self, doc: Workshop, *, select: str | None = None) -> None:
        team_id = turns.current_team_id(doc)
        if team_id != self._turn_team:  # another team at the keyboard: its first voter
            self._turn_team = team_id
            self.member_id = None
        if doc.cocreate.dots_per != self._dots_per:  # "." (next member) comes or goes
            self._dots_per = doc.cocreate.dots_per
            self.refresh_bindings()
        super().show(doc, select=select)

    def show_panel(self, doc: Workshop) -> None:
        width = self.panel.content_region.width or 30
        voter = self.voter(doc)
        self.update_panel(panel.vote(doc, voter, width))
        self._show_voter(doc, voter)

    def _show_voter(self, doc: Workshop, voter: vote_method.Voter | None) -> None:
        """Who votes now, large, in their team's colour, with the dots they have left."""
        banner = self.query_one(".vote-voter", Static)
        team = doc.team(voter.team_id) if voter else None
        if voter is None or team is None:
            ballot = vote_method.ballot(doc)
            banner.styles.background = None
            banner.styles.color = None
            banner.update(Text(t("cocreate.voter_done", total=ballot.total(),
                                 allowed=ballot.room_allowed(doc.teams))), layout=False)
            return
        found = doc.member(voter.member_id) if voter.member_id else None
        left = vote_method.left(doc, voter)
        dots = panel.dots(left, vote_method.allowed(doc, voter))
        text = (t("cocreate.voter_member", who=found[1].name, team=team.name, left=left,
                  dots=dots)
                if found else t("cocreate.voter_team", team=team.name, left=left, dots=dots))
        banner.styles.background = team.color
        banner.styles.color = readable_on(team.color)
        # the banner's height is fixed: no layout of the screen for every dot
        banner.update(Text(text + "   " + t("cocreate.voter_keys")), layout=False)

    @on(WidthChanged)
    def _panel_resized(self) -> None:
        self.show_panel(self.doc)  # the tally is cut to the panel's width

    def voter(self, doc: Workshop) -> vote_method.Voter | None:
        team = doc.team(turns.current_team_id(doc))
        return vote_method.current_voter(doc, team, self.member_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_voter" and self.doc.cocreate.dots_per != "member":
            return False
        return super().check_action(action, parameters)

    def _team_name(self, doc: Workshop) -> str:
        team = doc.team(turns.current_team_id(doc))
        return team.name if team else ""

    # -- dots -------------------------------------------------------------------------------
    def action_vote(self) -> None:
        cluster_id = self.selected_cluster_id()
        if cluster_id is None:
            self.workbench.notify(t("cocreate.error.vote_loose"), severity="warning")
            return
        self._dot(cluster_id)

    def action_dot_on(self, number: int) -> None:
        """One dot on the cluster with `number` on the board: one key a dot."""
        clusters = self.doc.cocreate.clusters
        if not 1 <= number <= len(clusters):
            self.workbench.bell()
            self.workbench.notify(t("cocreate.no_such_cluster", number=number),
                                  severity="warning")
            return
        self._dot(clusters[number - 1].id)

    def _dot(self, cluster_id: str) -> None:
        doc = self.doc
        voter = self.voter(doc)
        if voter is None:
            self.workbench.notify(t("cocreate.team_done", team=self._team_name(doc)),
                                  severity="warning")
            return
        self.member_id = voter.member_id
        self.change(t("cocreate.undo.vote"), edits.vote, cluster_id, voter.team_id,
                    voter.member_id,
                    redraw=lambda doc: (self.mirror.recount(doc, cluster_id), None),
                    then=lambda _left: self._after_vote(voter))

    def action_unvote(self) -> None:
        cluster_id = self.selected_cluster_id()
        if cluster_id is None:
            return
        doc = self.doc
        team = doc.team(turns.current_team_id(doc))
        if team is None:
            return
        member = self.member_id if doc.cocreate.dots_per == "member" else None
        if doc.cocreate.dots_per == "member" and member is None:
            voter = vote_method.current_voter(doc, team) or vote_method.voters(doc, team)[0]
            member = voter.member_id
        self.change(t("cocreate.undo.unvote"), edits.unvote, cluster_id, team.id, member,
                    redraw=lambda doc: (self.mirror.recount(doc, cluster_id), None))

    def _after_vote(self, voter: vote_method.Voter) -> None:
        """Hand over when the voter's dots are used: the next member, then the next team."""
        doc = self.doc
        if vote_method.left(doc, voter):
            return
        team = doc.team(voter.team_id)
        if team is None:
            return
        nxt = vote_method.current_voter(doc, team)
        if nxt is not None:
            self.member_id = nxt.member_id
            found = doc.member(nxt.member_id)
            self.workbench.notify(t("cocreate.member_next", name=found[1].name if found else ""))
            self.show_panel(doc)
            return
        waiting = [other for other in doc.teams if vote_method.team_left(doc, other)]
        if not waiting:
            self.workbench.notify(t("cocreate.vote_over"))
            return
        nxt = _next_with_dots(doc, waiting, team.id)
        if nxt is not None:
            self.workbench.room(room_edits.set_turn, nxt, self.workbench.time_source.now())
        self.workbench.notify(t("cocreate.team_voted", team=team.name,
                                next=self._team_name(self.doc)))

    def action_next_voter(self) -> None:
        doc = self.doc
        team = doc.team(turns.current_team_id(doc))
        if team is None:
            return
        members = [v.member_id for v in vote_method.voters(doc, team)
                   if vote_method.left(doc, v)]
        if not members:
            return
        current = self.voter(doc)
        index = members.index(current.member_id) if current and current.member_id in members \
            else -1
        self.member_id = members[(index + 1) % len(members)]
        self.show_panel(doc)

    def action_toggle_dots_per(self) -> None:
        self.member_id = None
        super().action_toggle_dots_per()

    # -- paper dots -------------------------------------------------------------------------
    def action_count_dots(self) -> None:
        doc = self.doc
        named = [(k.id, number, k.name, k.counted)
                 for number, k in enumerate(doc.cocreate.clusters, 1) if k.name]
        if not named:
            self.workbench.notify(t("cocreate.panel.name_first"), severity="warning")
            return
        ballot = vote_method.ballot(doc)
        budget = Budget(ballot.room_voters(doc.teams), doc.cocreate.dots, doc.cocreate.dots_per,
                        ballot.keyboard_total())

        def done(counts: dict[str, int] | None) -> None:
            if counts:
                self.act(t("cocreate.undo.count_dots", count=sum(counts.values())),
                         edits.count_dots, counts,
                         then=lambda paper: self.workbench.notify(
                             t("cocreate.counted", count=paper)))

        self.workbench.push_screen(DotCount(named, budget), done)


def _next_with_dots(doc: Workshop, waiting: list[Team], after: str) -> str | None:
    """The next team (in order after `after`) that still has dots."""
    ids = [team.id for team in doc.teams]
    start = ids.index(after) if after in ids else -1
    for offset in range(1, len(ids) + 1):
        candidate = ids[(start + offset) % len(ids)]
        if any(team.id == candidate for team in waiting):
            return candidate
    return None
