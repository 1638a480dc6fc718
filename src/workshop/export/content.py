"""What every export shows, decided once so the PDF and the Markdown never disagree:
which steps the report includes, how a team's members read, which cards are a team's."""

from __future__ import annotations

from workshop.i18n import t
from workshop.model import StepId
from workshop.report import BoardRow, CardRow, Report, StepReport, TeamRow


def report_steps(report: Report) -> list[StepId]:
    """The steps the report shows: those on the agenda, and any other that has content."""
    planned = {row.step for row in report.agenda}
    return [step for step, part in report.steps.items()
            if step in planned or part.has_content]


def member_list(team: TeamRow, lang: str) -> str:
    """``张伟（组长）、李娜（时间官）、陈静`` — plain text, escaped by the renderer."""
    if not team.members:
        return t("pdf.teams.no_members", lang)
    parts = [t("pdf.teams.member_role", lang, name=m.name, role=m.role) if m.role else m.name
             for m in team.members]
    return t("pdf.teams.separator", lang).join(parts)


def card_count(count: int, lang: str) -> str:
    """``12 张卡片`` / ``1 card``."""
    return (t("pdf.cards_of_one", lang) if count == 1
            else t("pdf.cards_of", lang, count=count))


def team_cards(report: StepReport, team: TeamRow) -> list[tuple[BoardRow, list[CardRow]]]:
    """The boards of `report` that hold cards of `team`, with those cards."""
    out = []
    for board in report.boards:
        cards = [c for c in board.cards if c.team == team.name]
        if cards:
            out.append((board, cards))
    return out
