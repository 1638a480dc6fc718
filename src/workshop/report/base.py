"""Pieces every step's report uses: card rows and boards, team and member names."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.i18n import t
from workshop.model import BOARDS, Card, StepId, Workshop


@dataclass(frozen=True)
class CardRow:
    text: str
    team: str
    """The author team's name, or empty."""
    color: str
    """The author team's colour (#rrggbb), or empty."""
    hidden: bool = False


@dataclass(frozen=True)
class BoardRow:
    board: str
    label: str
    cards: list[CardRow]


@dataclass
class StepReport:
    """What one step produced, ready for every exporter."""

    step: StepId
    title: str
    """The step's long title, e.g. 第二步 现状分析：关键差距."""
    purpose: str
    boards: list[BoardRow] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return any(board.cards for board in self.boards)


def team_name(doc: Workshop, team_id: str | None) -> str:
    team = doc.team(team_id)
    return team.name if team else ""


def member_name(doc: Workshop, member_id: str | None) -> str:
    found = doc.member(member_id)
    return found[1].name if found else ""


def card_row(doc: Workshop, card: Card) -> CardRow:
    team = doc.team(card.team_id)
    return CardRow(text=card.text, team=team.name if team else "",
                   color=team.color if team else "", hidden=card.hidden)


def boards(doc: Workshop, step: StepId, lang: str) -> list[BoardRow]:
    """Every board of `step` with its cards, in board order (empty boards included)."""
    return [
        BoardRow(board=board, label=t(f"board.{board}", lang),
                 cards=[card_row(doc, c) for c in doc.cards(step, board)])
        for board in BOARDS.get(step, ())
    ]


def step_report(doc: Workshop, step: StepId, lang: str) -> StepReport:
    """The generic report of a step: its title, purpose and card boards."""
    return StepReport(step=step, title=t(f"step_long.{step}", lang),
                      purpose=t(f"method.{step}.purpose", lang), boards=boards(doc, step, lang))
