"""The review step's section of the Markdown report."""

from __future__ import annotations

from workshop.export.markdown.base import step
from workshop.report import StepReport


def section(report: StepReport, lang: str) -> list[str]:
    return step(report, lang)
