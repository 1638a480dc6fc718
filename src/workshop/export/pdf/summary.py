"""The summary step in the PDF: 课程总结.

For now the generic section (title, purpose, card boards); the step's own parts are
added here as the step's report grows.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.export.pdf import sections
from workshop.export.pdf.styles import Styles
from workshop.report import StepReport, TeamRow


def story(report: StepReport, styles: Styles) -> list[Flowable]:
    """The step's section in the full report."""
    return sections.step_story(report, styles)


def handout(report: StepReport, team: TeamRow, styles: Styles) -> list[Flowable]:
    """The step's part of `team`'s handout; empty when the step has nothing of the team."""
    return sections.team_step_story(report, team, styles)
