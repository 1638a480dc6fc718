"""How far each step has come: what the stepper shows.

A step "has content" once the room has produced something in it; a badge counts
what still needs attention (unsigned charters, actions not ready, …). Each step's
rule is its own small function below.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.model import STEPS, StepId, Workshop


@dataclass(frozen=True)
class StepStatus:
    has_content: bool
    todo: int = 0
    """How many things in this step still need attention (0: nothing flagged)."""


def _review(doc: Workshop) -> StepStatus:
    return StepStatus(bool(doc.review.cards or any(g.outcome for g in doc.review.goals)))


def _vision(doc: Workshop) -> StepStatus:
    v = doc.vision
    return StepStatus(bool(v.cards or v.statement or v.cascades or v.funnels))


def _gaps(doc: Workshop) -> StepStatus:
    g = doc.gaps
    return StepStatus(bool(g.cards or g.fishbones or g.whys or g.pest or g.swot))


def _charter(doc: Workshop) -> StepStatus:
    """Todo: teams whose charter is not signed, once the room has reached the step (or
    started a charter): before that, every team's charter is naturally still to come."""
    from workshop.methods.charter import unsigned

    started = bool(doc.charter.charters)
    reached = STEPS.index(doc.room.step) >= STEPS.index("charter")
    return StepStatus(started, len(unsigned(doc)) if started or reached else 0)


def _cocreate(doc: Workshop) -> StepStatus:
    """Todo: clusters that hold cards but have no name yet (a strategy needs one)."""
    from workshop.methods.clusters import progress

    c = doc.cocreate
    return StepStatus(bool(c.cards or c.clusters), progress(c).unnamed)


def _plan(doc: Workshop) -> StepStatus:
    return StepStatus(bool(doc.plan.actions))


def _townhall(doc: Workshop) -> StepStatus:
    t = doc.townhall
    return StepStatus(bool(t.challenges or t.signoffs or t.closing_statement))


def _summary(doc: Workshop) -> StepStatus:
    return StepStatus(bool(doc.summary.cards))


_RULES = {
    "review": _review,
    "vision": _vision,
    "gaps": _gaps,
    "charter": _charter,
    "cocreate": _cocreate,
    "plan": _plan,
    "townhall": _townhall,
    "summary": _summary,
}


def step_status(doc: Workshop) -> dict[StepId, StepStatus]:
    return {step: _RULES[step](doc) for step in STEPS}
