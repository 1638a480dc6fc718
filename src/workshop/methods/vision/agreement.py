"""What the room asks about a split's numbers before it trusts them.

- Does a team's share agree with the team's own goal? 40 % of 501 万元 is 201 万元 for
  purchasing, whose own goal says 200: ``disagreements`` finds every such pair (a share
  owned by a team, of a goal that the team's own goal serves, in the same unit), with the
  difference; ``share_following_goal`` works out the weights that make the share equal
  the goal (the other shares absorb the difference, in proportion).
- Why is May 46 and June 45? ``rounding_note`` says: the exact shares, the step they
  were rounded to, and which parts got the units left over.

Pure: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.methods.numbers import amount
from workshop.methods.vision import cascade as cascade_math

if TYPE_CHECKING:
    from workshop.model import Cascade, Goal, Workshop


@dataclass(frozen=True)
class Disagreement:
    """A team's share of a split that is not what the team's own goal says."""

    cascade_id: str
    index: int
    team_id: str
    goal_id: str
    """The team's own goal."""
    share: Fraction
    target: Fraction

    @property
    def difference(self) -> Fraction:
        """share − target: positive when the split asks more than the team's goal."""
        return self.share - self.target


def own_goal(doc: Workshop, cascade: Cascade, index: int) -> Goal | None:
    """The goal of the team that owns part `index`, when that goal serves the goal being
    split and counts in the same unit (so the two numbers must agree)."""
    if not 0 <= index < len(cascade.parts) or cascade.kind == "time":
        return None
    part = cascade.parts[index]
    split_goal = doc.goal(cascade.goal_id)
    if part.team_id is None or part.member_id is not None or split_goal is None:
        return None
    found = [g for g in doc.vision.goals
             if g.team_id == part.team_id and g.parent_id == split_goal.id
             and g.target is not None and (g.unit or "") == (split_goal.unit or "")]
    return found[0] if len(found) == 1 else None


def disagreements(doc: Workshop, cascade: Cascade) -> list[Disagreement]:
    """The parts of `cascade` whose value differs from their team's own goal."""
    _total, values, error = cascade_math.part_values(doc, cascade)
    if error:
        return []
    out = []
    for index, value in enumerate(values):
        goal = own_goal(doc, cascade, index)
        if goal is None or goal.target is None:
            continue
        target = cascade_math.number(goal.target)
        if value != target:
            out.append(Disagreement(cascade.id, index, cascade.parts[index].team_id or "",
                                    goal.id, value, target))
    return out


class CannotFollow(ValueError):
    """The share cannot be made equal to the goal; the message says why."""


def share_following_goal(doc: Workshop, cascade: Cascade, index: int,
                         lang: str | None = None) -> list[Fraction]:
    """New weights for `cascade` (its parts' values, so they read as amounts) with part
    `index` equal to its team's goal and the others taking up the difference in
    proportion to what they carry now: the shares no team goal holds first, else all.
    Raises ``CannotFollow`` when the goal is not a multiple of the split's step, or
    larger than the whole (the message in `lang`)."""
    goal = own_goal(doc, cascade, index)
    total, values, error = cascade_math.part_values(doc, cascade)
    if goal is None or goal.target is None or total is None or error:
        raise CannotFollow(error or t("cascade.error.no_own_goal", lang))
    target = cascade_math.number(goal.target)
    step = cascade_math.number(cascade.step)
    unit = doc.goal(cascade.goal_id)
    unit_text = unit.unit if unit else ""
    if (target / step).denominator != 1:
        raise CannotFollow(t("cascade.error.not_multiple", lang,
                             total=amount(target, unit_text, lang),
                             step=amount(step, unit_text, lang),
                             fits=amount(cascade_math.fitting_step(target, step), unit_text,
                                         lang)))
    too_big = t("cascade.error.above_whole", lang, target=amount(target, unit_text, lang),
                total=amount(total, unit_text, lang))
    if not 0 <= target <= total:
        raise CannotFollow(too_big)
    others = [i for i in range(len(values)) if i != index]
    if not others:
        if total != target:
            raise CannotFollow(too_big)
        return [target]
    # shares that agree with their own team's goal stay put when the rest can take it
    free = [i for i in others if own_goal(doc, cascade, i) is None]
    kept = sum((values[i] for i in others if i not in free), Fraction(0))
    if not free or total - target - kept < 0:
        free, kept = others, Fraction(0)
    left = total - target - kept
    weights = [values[i] for i in free]
    if not any(weights):
        weights = [Fraction(1)] * len(free)
    spread = cascade_math.split(left, weights, step=step, lang=lang)
    out = list(values)
    out[index] = target
    for i, value in zip(free, spread, strict=True):
        out[i] = value
    return out


def rounding_note(doc: Workshop, cascade: Cascade, lang: str | None = None) -> str:
    """Why the parts are not all their exact shares, in a sentence for the room; empty
    when every share came out exact (or the split has no values)."""
    total, _values, error = cascade_math.part_values(doc, cascade)
    if total is None or error:
        return ""
    try:
        found = cascade_math.rounding(total, [cascade_math.number(p.weight)
                                              for p in cascade.parts],
                                      step=cascade_math.number(cascade.step))
    except cascade_math.CascadeError:
        return ""
    if not found.raised:  # every share came out a whole number of steps
        return ""
    goal = doc.goal(cascade.goal_id)
    unit = goal.unit if goal else ""
    parts = t("word.list_sep", lang).join(cascade.parts[i].label for i in found.raised)
    return t("cascade.rounding.raised", lang, step=amount(found.step, unit, lang),
             left=amount(found.left * found.step, unit, lang), parts=parts)
