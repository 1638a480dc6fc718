"""Step 5's arithmetic: which strategies a team plans from, in what order, which goal an
action serves, and the milestones on the path of what a team or a person carries.

Shares come from step 1's ``methods.cascade`` (exact, largest remainder).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from workshop.methods.cocreate import votes
from workshop.methods.vision import calendar, path
from workshop.methods.vision import cascade as cascade_math
from workshop.methods.vision.calendar import Period
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
    secret: bool = False
    """Phones' dots are still secret: ``votes`` and the order are not for the room."""


def strategies(doc: Workshop, *, shown: bool = False) -> list[Strategy]:
    """The named clusters in step 4's priority order (``methods.votes.priority``: most
    dots, then most cards, then board order), so the plan follows the strategy model.
    `shown`: as the projector may show them (``votes.shown_priority``: board order and
    no dots while phones' dots are secret)."""
    clusters = {cluster.id: cluster for cluster in doc.cocreate.clusters}
    cards: dict[str, list[tuple[str, str]]] = {}
    for card in doc.cocreate.cards:
        if card.cluster_id:
            cards.setdefault(card.cluster_id, []).append((card.id, card.text))
    out = []
    secret = shown and votes.secret(doc)
    order = votes.shown_priority if shown else votes.priority
    for ranked in order(doc, named_only=True):
        if not ranked.name.strip():
            continue
        found = cards.get(ranked.cluster_id, [])
        out.append(Strategy(id=ranked.cluster_id, name=ranked.name, rank=len(out) + 1,
                            votes=ranked.votes, team_id=clusters[ranked.cluster_id].team_id,
                            card_ids=tuple(i for i, _ in found),
                            card_texts=tuple(text for _, text in found), secret=secret))
    return out


def team_strategies(doc: Workshop, team_id: str | None,
                    ranked: list[Strategy] | None = None) -> list[Strategy]:
    """The strategies `team_id` plans from: its own and those given to no team.
    `ranked` is ``strategies(doc)`` when the caller has it already."""
    ranked = strategies(doc) if ranked is None else ranked
    return [s for s in ranked if s.team_id is None or s.team_id == team_id]


def strategy(doc: Workshop, strategy_id: str | None, *, shown: bool = False
             ) -> Strategy | None:
    return next((s for s in strategies(doc, shown=shown) if s.id == strategy_id), None)


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


# -- milestones: points on the path of what a team or a person carries --------------------

def _known_periods(doc: Workshop, cascade: Cascade) -> list[Period] | None:
    periods = calendar.part_periods(doc, cascade)
    return None if not periods or any(p is None for p in periods) else periods  # type: ignore


def rhythm(doc: Workshop, goal: Goal | None) -> Cascade | None:
    """The time split that gives `goal` its periods: its own first split over time whose
    parts all have real dates, else its nearest parent goal's (a market's year has the
    company's seasons)."""
    seen: set[str] = set()
    while goal is not None and goal.id not in seen:
        seen.add(goal.id)
        for cascade in doc.vision.cascades:
            if (cascade.goal_id == goal.id and cascade.parent_cascade_id is None
                    and cascade.kind == "time" and _known_periods(doc, cascade)):
                return cascade
        goal = doc.goal(goal.parent_id)
    return None


def _chronological(points: list[path.Point]) -> list[path.Point]:
    return sorted(points, key=lambda p: (p.period is None, p.period))


def _amount(values: list[Fraction], labels: list[str], periods: list[Period]
            ) -> list[path.Point]:
    """Running totals in calendar order (a year from July lists 1月 after 12月)."""
    rows = sorted(zip(periods, values, labels, strict=True))
    return path.amount_points([v for _, v, _ in rows], [lb for _, _, lb in rows],
                              [p for p, _, _ in rows])


def _borrowed(doc: Workshop, total: Fraction, found: Cascade, within: Period | None,
              deadline: dt.date | None = None) -> list[path.Point]:
    """`total` spread over the periods of `found` that lie within `within` (and start by
    `deadline`, the last one cut there)."""
    periods = [p if deadline is None or p.end <= deadline else Period(p.start, deadline)
               for p in _known_periods(doc, found) or []]
    keep = [i for i, p in enumerate(periods) if (within is None or within.contains(p))
            and (deadline is None or p.start <= deadline)]
    if not keep:
        return [path.Point("", within, total, total)] if within is not None else []
    weights = [cascade_math.number(found.parts[i].weight) for i in keep]
    if not any(weights):
        weights = [Fraction(1)] * len(keep)
    values = cascade_math.split(total, weights, step=cascade_math.fitting_step(
        total, min(Fraction(1), cascade_math.number(found.step))))
    return _amount(list(values), [found.parts[i].label for i in keep],
                   [periods[i] for i in keep])


def goal_points(doc: Workshop, goal: Goal | None) -> list[path.Point]:
    """`goal`'s own path: over its own time split, else its parent's rhythm (up to its
    own deadline). Empty without a target or a deadline."""
    if goal is None or goal.target is None or goal.deadline is None:
        return []
    found = rhythm(doc, goal)
    periods = _known_periods(doc, found) if found is not None else None
    if found is None or periods is None:
        return []
    if path.kind_of(goal) == "level":
        keep = sorted((i for i, p in enumerate(periods) if p.start <= goal.deadline),
                      key=lambda i: periods[i])
        labels = [found.parts[i].label for i in keep]
        spans = [Period(periods[i].start, min(periods[i].end, goal.deadline)) for i in keep]
        if path.holds(goal):  # every day at the target: no baseline needed
            return path.held_points(goal.target, labels, spans)
        if goal.baseline is None or not keep:
            return []
        return _chronological(path.level_points(
            goal.baseline, goal.target, [found.parts[i].weight for i in keep], labels, spans))
    if found.goal_id == goal.id:
        _total, values, error = cascade_math.part_values(doc, found)
        return [] if error else _amount(values, [p.label for p in found.parts], periods)
    return _borrowed(doc, cascade_math.number(goal.target), found, None, goal.deadline)


def part_points(doc: Workshop, cascade: Cascade, index: int) -> list[path.Point]:
    """The path of one share of a split (a team's, a person's) of an amount: over the
    share's own split in time, else over the goal's rhythm within the period the split
    covers. Empty for a level (a rate does not divide into shares)."""
    goal = doc.goal(cascade.goal_id)
    if goal is None or path.kind_of(goal) == "level":
        return []
    _total, values, error = cascade_math.part_values(doc, cascade)
    if error or not 0 <= index < len(values):
        return []
    for child in doc.vision.cascades:
        if (child.parent_cascade_id == cascade.id and child.parent_part == index
                and child.kind == "time"):
            periods = _known_periods(doc, child)
            _t, child_values, problem = cascade_math.part_values(doc, child)
            if periods and not problem:
                return _amount(child_values, [p.label for p in child.parts], periods)
    if cascade.kind == "time":
        period = calendar.part_periods(doc, cascade)[index]
        return [path.Point(cascade.parts[index].label, period, values[index],
                           values[index])] if period else []
    found = rhythm(doc, goal)
    if found is None:
        return []
    return _borrowed(doc, values[index], found, calendar.whole_period(doc, cascade))


def milestones(points: list[path.Point]) -> list[Milestone]:
    """Points as the plan's milestones (those with a date)."""
    return [Milestone(month=f"{p.period.end:%Y-%m}", due=p.period.end, target=float(p.reached),
                      in_period=None if p.in_period is None else float(p.in_period),
                      note=p.label)
            for p in points if p.period is not None]


def cascade_milestones(doc: Workshop, goal_id: str | None, team_id: str | None = None
                       ) -> list[Milestone]:
    """The milestones of what `team_id` carries of `goal_id`: its share of a split of the
    goal when the goal is not its own, else the goal's own path. Each is a point on the
    path from baseline to target at a period's end (``methods.vision.path``). Empty
    when no split over time with real dates gives the goal (or its parents) periods."""
    goal = doc.goal(goal_id)
    if goal is None:
        return []
    if team_id and goal.team_id != team_id:
        for cascade in cascade_math.ordered(doc):
            if cascade.goal_id != goal.id or cascade.kind == "time":
                continue
            for index, part in enumerate(cascade.parts):
                if part.team_id == team_id and part.member_id is None:
                    found = part_points(doc, cascade, index)
                    if found:
                        return milestones(found)
    return milestones(goal_points(doc, goal))


def owned_part(doc: Workshop, action: Action) -> tuple[Cascade, int] | None:
    """The share of a split that the action's owner carries (by person), looked for in
    the action's goal and then the goals above it."""
    if action.owner_id is None:
        return None
    goal = doc.goal(action.goal_id) or team_goal(doc, action.team_id)
    seen: set[str] = set()
    while goal is not None and goal.id not in seen:
        seen.add(goal.id)
        for cascade in cascade_math.ordered(doc):
            if cascade.goal_id == goal.id:
                for index, part in enumerate(cascade.parts):
                    if part.member_id == action.owner_id:
                        return cascade, index
        goal = doc.goal(goal.parent_id)
    return None


def owned_milestones(doc: Workshop, action: Action) -> list[Milestone]:
    """An action's milestones: the path of the share its owner carries, not a copy of
    the goal's (the plan prints the team's path once). Empty when the owner carries no
    share of a split."""
    found = owned_part(doc, action)
    return milestones(part_points(doc, *found)) if found is not None else []
