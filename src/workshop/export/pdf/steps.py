"""The PDF module of each step, by step id: each has ``story(step_report, styles)`` for
the report and ``handout(step_report, team, styles)`` for a team's handout."""

from __future__ import annotations

from types import ModuleType

from workshop.export.pdf import (
    charter,
    cocreate,
    gaps,
    plan,
    review,
    summary,
    townhall,
    vision,
)
from workshop.model import StepId

STEP_MODULES: dict[StepId, ModuleType] = {
    "review": review,
    "vision": vision,
    "gaps": gaps,
    "charter": charter,
    "cocreate": cocreate,
    "plan": plan,
    "townhall": townhall,
    "summary": summary,
}
