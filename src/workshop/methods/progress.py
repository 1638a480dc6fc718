"""How far each step has come: what the stepper shows.

A step "has content" once the room has produced something in it; a badge counts
what still needs attention (unsigned charters, actions not ready, …). Each step's
rule is its own small function below.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.model import STEPS, StepId, Workshop


@dataclass(frozen=True)
class StepStatus:
    has_content: bool
    todo: int = 0
    """How many things in this step still need attention (0: nothing flagged)."""
    parts: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    """What ``todo`` adds up, by kind (``("unclassified", 2), ("rootless", 1)``): the
    words for each are the catalog's ``progress.<step>.<kind>``."""


def _counted(has_content: bool, **parts: int) -> StepStatus:
    """A status whose to-do count is the sum of `parts` (kinds with none left out)."""
    kept = tuple((kind, count) for kind, count in parts.items() if count)
    return StepStatus(has_content, sum(count for _, count in kept), kept)


KINDS: dict[StepId, tuple[str, ...]] = {
    "review": ("undecided",),
    "vision": ("unclear", "pending"),
    "gaps": ("unclassified", "rootless", "unexplained"),
    "charter": ("unsigned",),
    "cocreate": ("unnamed",),
    "plan": ("not_ready",),
    "townhall": ("unsigned",),
    "summary": (),
    "checkin": (),
}
"""Every kind of to-do each step's badge counts (the help screen explains them all)."""


def _review(doc: Workshop) -> StepStatus:
    """To do: last year's goals whose outcome is not decided yet."""
    goals = doc.review.goals
    return _counted(bool(doc.review.cards or any(g.outcome for g in goals)),
                    undecided=sum(1 for g in goals if g.outcome is None))


def _vision(doc: Workshop) -> StepStatus:
    """To do: goals that are not specific, measurable or time-bound (A and R are the room's
    judgement), and a drafted vision statement the room has not agreed yet."""
    v = doc.vision
    # the SMART rules compile many patterns: loaded once a status is wanted, after the
    # first frame (``TopBar.show``)
    from workshop.methods.vision.smart import check_doc_goal

    reports = (check_doc_goal(doc, goal) for goal in v.goals)
    unclear = sum(1 for report in reports if not (report.S.ok and report.M.ok and report.T.ok))
    pending = 1 if v.statement and not v.agreed else 0
    return _counted(bool(v.cards or v.statement or v.cascades or v.funnels),
                    unclear=unclear, pending=pending)


def _gaps(doc: Workshop) -> StepStatus:
    """Todo: gaps not yet classified and scored, key gaps without a root cause, and 5-Why
    chains stopped before the third why without a reason."""
    from workshop.methods.gaps import ranking, whys

    g = doc.gaps
    unclassified = sum(1 for card in g.cards if not ranking.is_classified(card))
    rooted = {root.gap_id for root in ranking.root_causes(doc)}
    rootless = sum(1 for card in g.cards if card.key and card.id not in rooted)
    unexplained = sum(1 for chain in g.whys if whys.needs_reason(chain))
    return _counted(bool(g.cards or g.fishbones or g.whys or g.pest or g.swot),
                    unclassified=unclassified, rootless=rootless, unexplained=unexplained)


def _charter(doc: Workshop) -> StepStatus:
    """Todo: teams whose charter is not signed, once the room has reached the step (or
    started a charter): before that, every team's charter is naturally still to come."""
    from workshop.methods.charter import unsigned

    started = bool(doc.charter.charters)
    reached = STEPS.index(doc.room.step) >= STEPS.index("charter")
    return _counted(started, unsigned=len(unsigned(doc)) if started or reached else 0)


def _cocreate(doc: Workshop) -> StepStatus:
    """Todo: clusters that hold cards but have no name yet (a strategy needs one)."""
    from workshop.methods.cocreate.clusters import unnamed

    c = doc.cocreate
    return _counted(bool(c.cards or c.clusters), unnamed=unnamed(c))


def _plan(doc: Workshop) -> StepStatus:
    """To do: actions not ready yet."""
    if not doc.plan.actions:  # nothing planned yet: no need to load the readiness rules
        return StepStatus(False)
    from workshop.methods.plan.readiness import not_ready

    return _counted(True, not_ready=not_ready(doc))


def _townhall(doc: Workshop) -> StepStatus:
    from workshop.methods.townhall import unsigned_teams

    t = doc.townhall
    return _counted(bool(t.challenges or t.signoffs or t.closing_statement),
                    unsigned=len(unsigned_teams(doc)))


def _summary(doc: Workshop) -> StepStatus:
    return StepStatus(bool(doc.summary.cards))


def _checkin(doc: Workshop) -> StepStatus:
    """After the day: done once a check-in is held (the stepper stays cheap: the verdicts
    are the check-in screen's)."""
    return StepStatus(bool(doc.checkin.checkins))


_RULES = {
    "review": _review,
    "vision": _vision,
    "gaps": _gaps,
    "charter": _charter,
    "cocreate": _cocreate,
    "plan": _plan,
    "townhall": _townhall,
    "summary": _summary,
    "checkin": _checkin,
}


ROOM_DEPENDENT: frozenset[StepId] = frozenset({"charter"})
"""Steps whose status depends on the step the room is on (not only on what is in the
document): the charter's to-dos count once the room has reached it."""


READ_BY_ONE: dict[str, StepId] = {"cocreate": "cocreate"}
"""Parts of the document (top-level fields) that one step's rule alone reads: a change
to such a part (and to the room, which only ``ROOM_DEPENDENT`` steps read) changes that
step's status alone. The co-create wall, whose keys come fastest, is one."""

UNREAD: frozenset[str] = frozenset({"room", "updated_at"})
"""Top-level fields no step's rule reads, but for ``ROOM_DEPENDENT`` steps the room."""


def steps_touched(parts: frozenset[str]) -> frozenset[StepId] | None:
    """The steps whose status a change to the top-level fields `parts` may change,
    besides ``ROOM_DEPENDENT`` ones; None: any step's."""
    steps = set()
    for part in parts - UNREAD:
        step = READ_BY_ONE.get(part)
        if step is None:
            return None
        steps.add(step)
    return frozenset(steps)


def step_status(doc: Workshop) -> dict[StepId, StepStatus]:
    return {step: _RULES[step](doc) for step in STEPS}


def status_of(doc: Workshop, step: StepId) -> StepStatus:
    """The status of one step (``step_status(doc)[step]``)."""
    return _RULES[step](doc)
