"""Step 5's arithmetic: which strategies a team plans from, in what order, which goal an
action serves, and the milestones a goal's time cascade gives it.

Shares come from step 1's ``methods.cascade`` (exact, largest remainder).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from workshop.methods.cocreate import votes
from workshop.methods.vision import cascade as cascade_math
from workshop.model import Action, Cascade, Goal, Milestone, Workshop


@dataclass(frozen=True)
class Strategy:
    """A named cluster of step 4, ranked: what a team turns into actions."""

    id: str
    name: str
    rank: int
    """1 for the strategy with the most votes."""
    votes: int
    team_id: str | None
    """The team that took it into its plan, or None when every team may."""
    card_texts: tuple[str, ...]
    """The idea cards in the cluster, in board order."""
    card_ids: tuple[str, ...]


def strategies(doc: Workshop) -> list[Strategy]:
    """The named clusters in step 4's priority order (``methods.votes.priority``: most
    dots, then most cards, then board order), so the plan follows the strategy model."""
    clusters = {cluster.id: cluster for cluster in doc.cocreate.clusters}
    cards: dict[str, list[tuple[str, str]]] = {}
    for card in doc.cocreate.cards:
        if card.cluster_id:
            cards.setdefault(card.cluster_id, []).append((card.id, card.text))
    out = []
    for ranked in votes.priority(doc, named_only=True):
        if not ranked.name.strip():
            continue
        found = cards.get(ranked.cluster_id, [])
        out.append(Strategy(id=ranked.cluster_id, name=ranked.name, rank=len(out) + 1,
                            votes=ranked.votes, team_id=clusters[ranked.cluster_id].team_id,
                            card_ids=tuple(i for i, _ in found),
                            card_texts=tuple(text for _, text in found)))
    return out


def team_strategies(doc: Workshop, team_id: str | None,
                    ranked: list[Strategy] | None = None) -> list[Strategy]:
    """The strategies `team_id` plans from: its own and those given to no team.
    `ranked` is ``strategies(doc)`` when the caller has it already."""
    ranked = strategies(doc) if ranked is None else ranked
    return [s for s in ranked if s.team_id is None or s.team_id == team_id]


def strategy(doc: Workshop, strategy_id: str | None) -> Strategy | None:
    return next((s for s in strategies(doc) if s.id == strategy_id), None)


def team_actions(doc: Workshop, team_id: str | None) -> list[Action]:
    """`team_id`'s actions (None: every action), in the order they were written."""
    if team_id is None:
        return list(doc.plan.actions)
    return [a for a in doc.plan.actions if a.team_id == team_id]


def grouped(doc: Workshop, team_id: str | None = None,
            ranked: list[Strategy] | None = None
            ) -> list[tuple[Strategy | None, list[Action]]]:
    """`team_id`'s actions (None: all) by strategy, strategies in rank order, each listed
    even when it has no action yet; actions whose strategy is gone or unset come last
    under None (only when there are some). `ranked` is ``strategies(doc)`` if known."""
    ranked = strategies(doc) if ranked is None else ranked
    shown = team_strategies(doc, team_id, ranked) if team_id is not None else ranked
    by_strategy: dict[str | None, list[Action]] = {}
    known = {s.id for s in ranked}
    for action in team_actions(doc, team_id):
        key = action.strategy_id if action.strategy_id in known else None
        by_strategy.setdefault(key, []).append(action)
    out: list[tuple[Strategy | None, list[Action]]] = [
        (s, by_strategy.pop(s.id, [])) for s in shown]
    # actions of this team under a strategy given to another team: still the team's
    for s in ranked:
        if s.id in by_strategy:
            out.append((s, by_strategy.pop(s.id)))
    if by_strategy.get(None):
        out.append((None, by_strategy[None]))
    return out


def format_number(value: float) -> str:
    """``140`` not ``140.0``; ``0.5`` as it is (targets and milestone shares)."""
    return f"{value:,.10g}".replace(",", "") if abs(value) < 1e15 else str(value)


# -- goals --------------------------------------------------------------------------------

def team_goal(doc: Workshop, team_id: str | None) -> Goal | None:
    """The goal an action of `team_id` serves by default: the team's own goal, else the
    one goal at the top of the tree (when there is exactly one)."""
    goals = doc.vision.goals
    own = next((g for g in goals if team_id and g.team_id == team_id), None)
    if own is not None:
        return own
    roots = [g for g in goals if g.parent_id is None]
    return roots[0] if len(roots) == 1 else None


def deadline(doc: Workshop, action: Action) -> dt.date | None:
    """The deadline an action's due date must keep: its goal's, else its team's goal's."""
    goal = doc.goal(action.goal_id) or team_goal(doc, action.team_id)
    return goal.deadline if goal else None


# -- milestones from the goal's time cascade -----------------------------------------------

def split(total: float, weights: Sequence[float], *, step: float = 1) -> list[float]:
    """Exact shares of `total` by `weights` (``methods.cascade.split``, largest remainder).

    Milestones borrow a parent goal's rhythm for their own target, which need not be a
    multiple of the parent's step: then the shares are in hundredths. All-zero weights
    share equally.
    """
    if not weights:
        return []
    if not any(w > 0 for w in weights):
        weights = [1] * len(weights)
    try:
        return [float(v) for v in cascade_math.split(total, list(weights), step=step)]
    except cascade_math.CascadeError:
        return [float(v) for v in cascade_math.split(Fraction(str(total)), list(weights),
                                                     step=Fraction(1, 100))]


def _cascade_total(doc: Workshop, cascade: Cascade) -> float | None:
    """What `cascade` splits: its goal's target, or its share of the part it refines."""
    total, _error = cascade_math.whole(doc, cascade)
    return None if total is None else float(total)


def time_cascade(doc: Workshop, goal_id: str | None, team_id: str | None = None
                 ) -> Cascade | None:
    """The time cascade of `goal_id` that fits a team: one refining the team's part of a
    unit cascade first, else one splitting the whole goal. Only splits whose periods fit
    a year evenly (12 months, 4 quarters, 2 halves…) can become month milestones."""
    if goal_id is None:
        return None
    found = [c for c in doc.vision.cascades
             if c.goal_id == goal_id and c.kind == "time" and c.parts
             and 12 % len(c.parts) == 0]
    by_id = {c.id: c for c in doc.vision.cascades}
    for cascade in found:
        parent = by_id.get(cascade.parent_cascade_id or "")
        if (parent is not None and team_id and cascade.parent_part is not None
                and 0 <= cascade.parent_part < len(parent.parts)
                and parent.parts[cascade.parent_part].team_id == team_id):
            return cascade
    return next((c for c in found if c.parent_cascade_id is None), None)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def cascade_milestones(doc: Workshop, goal_id: str | None, team_id: str | None = None
                       ) -> list[Milestone]:
    """One milestone per period of the goal's time cascade: the month the period ends
    (the last period ends in the goal's deadline month), its share of the target, and
    its label.

    A goal with no time cascade of its own borrows the rhythm (the weights) of its
    nearest parent goal that has one, applied to its own target: a market's year has
    the company's seasons. Empty when there is none, or no target or no deadline."""
    goal = doc.goal(goal_id)
    if goal is None or goal.deadline is None:
        return []
    cascade = time_cascade(doc, goal_id, team_id)
    total = _cascade_total(doc, cascade) if cascade is not None else None
    if cascade is None:
        parent, seen = doc.goal(goal.parent_id), {goal.id}
        while parent is not None and parent.id not in seen and cascade is None:
            seen.add(parent.id)
            cascade = time_cascade(doc, parent.id)
            parent = doc.goal(parent.parent_id)
        total = goal.target
    if cascade is None or total is None:
        return []
    shares = split(total, [p.weight for p in cascade.parts], step=cascade.step)
    months_per_part = 12 // len(cascade.parts)
    end = (goal.deadline.year, goal.deadline.month)
    out = []
    for i, (part, share) in enumerate(zip(cascade.parts, shares, strict=True)):
        year, month = _add_months(*end, -(len(cascade.parts) - 1 - i) * months_per_part)
        out.append(Milestone(month=f"{year:04d}-{month:02d}", target=share,
                             note=part.label))
    return out
