"""Step 6 (城镇会议): which plans still wait for the leader's sign-off, the challenges
each team faced, and the presentation order."""

from __future__ import annotations

from collections import Counter

from workshop.methods import clock as clock_math
from workshop.model import Challenge, Clock, SignOff, Team, Workshop


def signoff(doc: Workshop, team_id: str) -> SignOff | None:
    """The leader's current decision on `team_id`'s plan (the latest one given)."""
    return next((s for s in reversed(doc.townhall.signoffs) if s.team_id == team_id), None)


def presenting_teams(doc: Workshop) -> list[Team]:
    """The teams that have a plan to present (at least one action), in team order."""
    with_plan = {a.team_id for a in doc.plan.actions}
    return [team for team in doc.teams if team.id in with_plan]


def unsigned_teams(doc: Workshop) -> list[Team]:
    """Teams with a plan that the leader has not approved yet (no decision, or
    "revise"): the town hall's badge."""
    out = []
    for team in presenting_teams(doc):
        decision = signoff(doc, team.id)
        if decision is None or decision.decision != "approved":
            out.append(team)
    return out


def challenges(doc: Workshop, team_id: str | None) -> list[Challenge]:
    """The questions put to `team_id` (None: to every team), in the order asked."""
    return [c for c in doc.townhall.challenges if team_id is None or c.team_id == team_id]


def outcome_counts(doc: Workshop, team_id: str | None = None) -> Counter[str]:
    return Counter(c.outcome for c in challenges(doc, team_id))


def presentation_clock(doc: Workshop, team_id: str | None) -> Clock | None:
    """`team_id`'s presentation clock: the running one while it presents, the one kept
    since it last presented, or None if it has not presented yet."""
    if team_id is None:
        return None
    if doc.room.presenting_team_id == team_id:
        return doc.room.presentation
    return doc.room.presentation_clocks.get(team_id)


def seconds_used(doc: Workshop, team_id: str | None, now: float | None = None) -> float:
    """How long `team_id` has presented (its time box used, overtime included)."""
    clock = presentation_clock(doc, team_id)
    if clock is None or not clock.duration_s:
        return 0.0
    return max(0.0, clock.duration_s - clock_math.remaining(clock, now))
