"""What the phones may do now: the stage the projector is on.

The phones follow the projector: the step, and within a step of several views the view
in sight (the gaps step's storm, PEST, SWOT or TOWS boards; the co-create's brainstorm
or vote). The app says which view it shows (``Host.stage``);
``stage_for`` turns that into the boards phones may add cards to, the dot vote they may
vote in, and whether the town hall takes questions. Everything else ("watch the
projector") takes nothing from a phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.model import BOARDS, PEST_BOARDS, SWOT_BOARDS, TOWS_BOARDS, StepId, Workshop

GAPS_VIEWS: dict[str, tuple[str, ...]] = {
    "storm": ("storm",),
    "pest": tuple(f"pest.{b}" for b in PEST_BOARDS),
    "swot": tuple(f"swot.{b}" for b in SWOT_BOARDS),
    "tows": tuple(f"swot.{b}" for b in TOWS_BOARDS),
}
"""The gaps step's views that are card boards, and their boards."""


@dataclass(frozen=True)
class Stage:
    """What the phones may do while the projector shows what it shows."""

    step: StepId
    boards: tuple[str, ...] = ()
    """Card boards phones may add to (in the projector's order)."""
    hidden: bool = False
    """New cards go on hidden until the facilitator reveals them."""
    ballot: str | None = None
    """The dot vote phones may vote in (``cocreate``), if one is on."""
    questions: bool = False
    """The town hall takes questions for the presenting team."""

    @property
    def takes_input(self) -> bool:
        return bool(self.boards or self.ballot or self.questions)


def stage_for(doc: Workshop, view: str | None = None, *, hidden: bool = False) -> Stage:
    """The stage of `doc`'s current step, with `view` the view the projector shows (for
    steps of several views) and `hidden` whether new cards go on hidden there."""
    step = doc.room.step
    if step == "gaps":  # (its dots on gaps stay at the keyboard: see edits.phones.BALLOTS)
        return Stage(step, GAPS_VIEWS.get(view or "storm", ()), hidden)
    if step == "cocreate":
        phase = doc.cocreate.phase
        if phase == "brainstorm":
            return Stage(step, BOARDS["cocreate"], hidden)
        if phase == "vote":
            return Stage(step, ballot="cocreate")
        return Stage(step)
    if step == "townhall":
        return Stage(step, questions=True)
    if step == "vision" and view not in (None, "cards"):  # goals, cascades, funnel
        return Stage(step)
    if step in ("review", "vision", "summary"):
        return Stage(step, BOARDS[step], hidden)
    return Stage(step)
