"""The town hall's sign-off strip: every presenting team with the leader's decision
(``√`` approved, ``△`` revise, ``待签`` not yet), the presenting team lit, then whether
the closing statement is written. It fits any width like the turn bar: no team drops
off the end; click a team to bring it up."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from workshop.i18n import t
from workshop.methods import townhall as townhall_math
from workshop.methods import turns
from workshop.model import Workshop
from workshop.tui.widgets.team_fit import Chip
from workshop.tui.widgets.turn_bar import TeamChip, TeamStrip

DECISION_STYLE = {"approved": Style(color="green", bold=True),
                  "revise": Style(color="red", bold=True),
                  None: Style(color="yellow")}


class SignOffStrip(TeamStrip):
    GAP = 1

    class TeamClicked(TeamStrip.TeamClicked):
        pass

    def show(self, doc: Workshop) -> None:
        presenting = turns.current_team_id(doc)
        chips = []
        for team in townhall_math.presenting_teams(doc) or doc.teams:
            signed = townhall_math.signoff(doc, team.id)
            decision = signed.decision if signed else None
            mark = t(f"townhall.status.{decision or 'unsigned'}_mark")
            chips.append(TeamChip(team, Chip(team.name, mark), current=team.id == presenting,
                                  mark_style=DECISION_STYLE[decision]))
        closing = doc.townhall.closing_statement
        tail = Text("  " + t("townhall.status.closing_done" if closing
                             else "townhall.status.closing_todo"),
                    style="green" if closing else "dim")
        self.set_chips(Text(t("townhall.status.label") + " ", style="bold"), chips, tail)
