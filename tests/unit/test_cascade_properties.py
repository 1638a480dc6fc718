"""Properties of random goal trees and chained cascades (over time and over units): every
level's parts add up exactly to the part (or goal) they split, every period is real and
inside the period it splits, and every milestone lies on the path from baseline to target.
"""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.edits import EditError
from workshop.edits import vision as edits
from workshop.methods.plan import actions as plan_math
from workshop.methods.vision import calendar, path
from workshop.methods.vision import cascade as cascade_math
from workshop.model import Goal, Member, Meta, Team, Workshop

FINER = {"quarters": ["months", "weeks", "days"], "months": ["weeks", "days"],
         "weeks": ["days"], "days": ["slots"], "slots": []}
"""Which ready-made time split may refine a part of another."""


def exact(value) -> Fraction:
    return cascade_math.number(value)


@st.composite
def trees(draw):
    year = draw(st.integers(2024, 2031))
    month = draw(st.sampled_from([12, 12, 6, 2, 3]))
    deadline = calendar.month_end(year, month)
    teams = draw(st.integers(2, 4))
    doc = Workshop(meta=Meta(title="t"), teams=[
        Team(name=f"T{i}", members=[Member(name=f"m{i}{j}") for j in range(3)])
        for i in range(teams)])
    tenths = draw(st.booleans())
    target = Fraction(draw(st.integers(0, 5_000_000)), 10 if tenths else 1)
    doc.vision.goals.append(Goal(id="root", statement="root", unit="万元", target=float(target),
                                 baseline=float(draw(st.integers(1, 9_000_000))),
                                 deadline=deadline))
    for i, team in enumerate(doc.teams):
        level = draw(st.booleans())
        base = draw(st.integers(0, 500))
        doc.vision.goals.append(Goal(
            id=f"g{i}", statement=f"goal {i}", unit="%" if level else "万元",
            baseline=float(base), target=float(draw(st.integers(0, 500))),
            deadline=deadline, parent_id="root", team_id=team.id))
    # a chain over time from the root goal, then a split by team and its months
    first = draw(st.sampled_from(["quarters", "months", "weeks", "days"]))
    chain = [edits.add_cascade(doc, "root", first)]
    preset = first
    for _ in range(draw(st.integers(0, 3))):
        options = FINER[preset]
        if not options:
            break
        preset = draw(st.sampled_from(options))
        parent = chain[-1]
        index = draw(st.integers(0, len(parent.parts) - 1))
        try:
            chain.append(edits.add_cascade(doc, "root", preset, parent_cascade_id=parent.id,
                                           parent_part=index))
        except EditError:  # a week by quarter: refused, with a message
            break
    by_team = edits.add_cascade(doc, "root", "teams")
    team_index = draw(st.integers(0, teams - 1))
    chain.append(edits.add_cascade(doc, "root", "months", parent_cascade_id=by_team.id,
                                   parent_part=team_index))
    # weights changed last, parents after children: the splits below must follow
    for cascade in reversed([*chain, by_team]):
        weights = draw(st.lists(st.integers(0, 20), min_size=len(cascade.parts),
                                max_size=len(cascade.parts)))
        if not any(weights):
            weights[0] = 1
        for i, weight in enumerate(weights):
            cascade.parts[i].weight = float(weight)
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=trees())
def test_parts_add_up_dates_are_real_and_milestones_lie_on_the_path(doc):
    for cascade in doc.vision.cascades:
        resolved = cascade_math.resolve(doc, cascade)
        # every level's parts add up exactly to the whole it splits
        assert resolved.error == "", resolved.error
        assert resolved.adds_up
        whole, _error = cascade_math.whole(doc, cascade)
        assert sum(exact(p.value) for p in resolved.parts) == whole
        assert all(p.value >= 0 for p in resolved.parts)
        # every period is a real stretch of days inside the period split, in order, and
        # together they cover it
        if cascade.kind == "time" and cascade.parts[0].start is not None:  # not time slots
            within = calendar.whole_period(doc, cascade)
            periods = calendar.part_periods(doc, cascade)
            assert within is not None and None not in periods
            assert periods[0].start == within.start and periods[-1].end == within.end
            for a, b in itertools.pairwise(periods):
                assert a.end + dt.timedelta(days=1) == b.start
            assert all(within.contains(p) and p.start <= p.end for p in periods)
    for goal in doc.vision.goals:
        found = plan_math.cascade_milestones(doc, goal.id, goal.team_id)
        if not found or goal.target is None:
            continue
        targets = [exact(m.target) for m in found]
        assert targets[-1] == exact(goal.target)
        assert [m.due for m in found] == sorted(m.due for m in found)
        assert all(m.due <= goal.deadline for m in found)
        if path.kind_of(goal) == "amount":
            assert all(0 <= a <= b for a, b in itertools.pairwise([0, *targets]))
            assert sum(exact(m.in_period) for m in found) == exact(goal.target)
        else:
            low, high = sorted((exact(goal.baseline), exact(goal.target)))
            assert all(low <= v <= high for v in targets)
            step = -1 if goal.target < goal.baseline else 1
            assert all(step * (b - a) >= 0 for a, b in itertools.pairwise(targets))
    # each team's share of the split by team follows its own months to its value
    by_team = next(c for c in doc.vision.cascades if c.kind == "unit")
    values = cascade_math.resolve(doc, by_team).parts
    for index, part in enumerate(values):
        points = plan_math.part_points(doc, by_team, index)
        if points:
            assert points[-1].reached == exact(part.value)
