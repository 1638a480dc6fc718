"""A team's handout: the A4 pages each team takes home.

For now: a cover for the team (team name big, members with roles), the agenda, and the
team's cards from every step. Each step adds its part through ``pdf/<step>.py``'s
``handout(step_report, team, styles)`` (the goal, the plan table, the charter, the
sign-off), so this module only decides the order.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.export.pdf import sections
from workshop.export.pdf.steps import STEP_MODULES
from workshop.export.pdf.styles import Styles, para
from workshop.i18n import t
from workshop.report import Report, TeamRow


def cover(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    return sections.handout_cover(report, team, styles)


def body(report: Report, team: TeamRow, styles: Styles) -> list[Flowable]:
    """Everything after the cover: the agenda, then each step's part for the team."""
    story = sections.agenda(report.agenda, styles)
    parts: list[Flowable] = []
    for step, step_report in report.steps.items():
        parts += STEP_MODULES[step].handout(step_report, team, styles)
    return story + (parts or [para(t("pdf.handout.empty", styles.lang), styles.muted)])
