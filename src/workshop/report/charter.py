"""The charter step's part of the report."""

from __future__ import annotations

from workshop.model import Workshop
from workshop.report.base import StepReport, step_report


def build(doc: Workshop, lang: str) -> StepReport:
    return step_report(doc, "charter", lang)
