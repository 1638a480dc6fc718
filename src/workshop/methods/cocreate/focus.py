"""The co-creation step's inputs from earlier steps: the focus question's draft, and
what step 2 found that the room can pull in as cards (TOWS ideas, root causes).

Step 2 hands them over through ``methods.ranking.focus_inputs``: the key gaps in rank
order, the root causes (fishbone causes marked root, the root link of 5-Why chains) and
the revealed TOWS ideas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from workshop.i18n import t
from workshop.methods.gaps import ranking
from workshop.model import Goal, Workshop
from workshop.text import truncate

SourceKind = Literal["tows", "cause", "why"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("tows", "cause", "why")


@dataclass(frozen=True)
class Source:
    """Something from step 2 that can become a brainstorm card."""

    key: str
    """``tows:<card id>``, ``cause:<cause id>`` or ``why:<chain id>``: recorded in
    ``doc.cocreate.sources`` once pulled in."""
    kind: SourceKind
    text: str
    label: str
    """Where it came from, e.g. ``SO`` or the fishbone bone."""
    team_id: str | None = None


def main_goal(doc: Workshop) -> Goal | None:
    """The goal the focus question serves: the first top-level goal (no parent)."""
    goals = doc.vision.goals
    return next((g for g in goals if g.parent_id is None), goals[0] if goals else None)


def key_gaps(doc: Workshop) -> list[str]:
    """The key gaps' texts, in step 2's ranking order."""
    return [gap.text for gap in ranking.focus_inputs(doc).key_gaps]


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def goal_phrase(goal: Goal, lang: str | None = None) -> str:
    """``700万元的销售额目标`` / ``the 700 万元 销售额 target``; the statement itself when
    the goal has no number."""
    if goal.target is None:
        return goal.statement
    return t("cocreate.focus.goal_phrase", lang, target=_number(goal.target),
             unit=goal.unit, metric=goal.metric or t("cocreate.focus.metric_default", lang))


def draft_focus_question(doc: Workshop, lang: str | None = None) -> str:
    """A focus question drafted from the main goal and up to two key gaps, e.g.
    ``为了实现700万元的销售额目标，我们要做的关键行动是什么？``."""
    goal = main_goal(doc)
    gaps = [truncate(text.replace("\n", " "), 32) for text in key_gaps(doc)[:2]]
    if goal is None:
        return t("cocreate.focus.draft_no_goal", lang)
    phrase = goal_phrase(goal, lang)
    if gaps:
        quoted = t("cocreate.focus.gap_sep", lang).join(
            t("cocreate.focus.quote", lang, text=gap) for gap in gaps)
        return t("cocreate.focus.draft_gaps", lang, goal=phrase, gaps=quoted)
    return t("cocreate.focus.draft", lang, goal=phrase)


SOURCES_READ = frozenset({"gaps", "teams"})
"""The parts of the document ``sources`` reads (step 2's boards, and the teams whose
dots rank the gaps): a change to any other leaves its answer as it was."""

DRAFT_READ = SOURCES_READ | {"vision"}
"""The parts ``draft_focus_question`` reads: the key gaps, and the main goal."""


def sources(doc: Workshop, lang: str | None = None) -> list[Source]:
    """Everything from step 2 the room could pull in: TOWS ideas, then root causes (those
    of the key gaps first), as ``ranking.focus_inputs`` gives them."""
    inputs = ranking.focus_inputs(doc)
    out = [Source(f"tows:{idea.card_id}", "tows", idea.text, idea.board, idea.team_id)
           for idea in inputs.tows]
    for root in inputs.root_causes:
        if root.source == "fishbone":
            out.append(Source(f"cause:{root.ref_id}", "cause", root.text, root.bone,
                              _cause_team(doc, root.ref_id)))
        else:
            out.append(Source(f"why:{root.ref_id}", "why", root.text,
                              t("cocreate.source.why_label", lang)))
    return out


def _cause_team(doc: Workshop, cause_id: str) -> str | None:
    for fishbone in doc.gaps.fishbones:
        for bone in fishbone.bones:
            for cause, _depth in ranking.walk_causes(bone.causes):
                if cause.id == cause_id:
                    return cause.team_id
    return None


def pending_sources(doc: Workshop, lang: str | None = None,
                    found: list[Source] | None = None) -> list[Source]:
    """Sources not pulled in yet (a pulled card that was deleted may be pulled again);
    `found`: ``sources(doc, lang)`` when already worked out."""
    pulled_ids = doc.cocreate.sources
    live = {card.id for card in doc.cocreate.cards if card.id in pulled_ids} \
        if pulled_ids else set()  # none pulled yet: no need to look at every card
    pulled = {key for card_id, key in pulled_ids.items() if card_id in live}
    found = sources(doc, lang) if found is None else found
    return [source for source in found if source.key not in pulled]
