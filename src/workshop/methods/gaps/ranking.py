"""Gap ranking: which gaps are the key gaps (关键差距), and what step 4 takes from step 2.

The method (the seed: 选出关键的差距——考虑对成本、战略层面的影响)
---------------------------------------------------------------------------
Each gap is scored 1–5 on **cost impact** (成本影响) and **strategic impact** (战略影响).
Its **priority score** is their product, 1–25: a gap has to matter on both counts to
rank high (5 × 1 = 5 ranks below 3 × 3 = 9). It is the impact grid facilitators draw on
paper, read as a number. **Urgency** is an optional third score: it does not change the
product (a room that scores urgency for some gaps only must not favour those), it breaks
ties.

Order with the ``score`` method (the default):

1. gaps with both scores before gaps still unscored;
2. higher priority score;
3. higher urgency (unset counts as 0);
4. more dot votes (dot voting as the tie-breaker);
5. typed earlier.

Order with the ``votes`` method (dot voting as the alternative): more dot votes, then the
priority score (unscored counts as 0), then urgency, then typed earlier.

Ranks are competition ranks (1, 2, 2, 4): gaps equal on everything but typing order
share a rank. The **suggested** key gaps are the first ``key_count`` in this order that
have something to rank on (a score; with ``votes`` a vote or a score). When a tie runs
across the cut, the suggestion says so: the room votes or the facilitator decides.
The facilitator confirms the key gaps; the suggestion never marks them by itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from workshop.methods.dots import Ballot, Voter
from workshop.model import Workshop
from workshop.model.gaps import Cause, Fishbone, GapCard, RankingMethod, WhyChain

MAX_SCORE = 25
"""The highest priority score (5 × 5)."""


def priority(card: GapCard) -> int | None:
    """Cost impact × strategic impact (1–25), or None while either is unset."""
    if card.cost is None or card.strategic is None:
        return None
    return card.cost * card.strategic


def is_classified(card: GapCard) -> bool:
    """The gap has its kind and both scores: nothing left to decide about it."""
    return card.kind is not None and priority(card) is not None


@dataclass(frozen=True)
class RankedGap:
    """One gap in ranking order."""

    card: GapCard
    rank: int
    """Competition rank, from 1."""
    score: int | None
    """The priority score, or None while unscored."""
    votes: int
    tied: bool
    """Another gap has the same rank."""
    suggested: bool
    """Among the first ``key_count`` rankable gaps: the suggestion the facilitator confirms."""

    @property
    def id(self) -> str:
        return self.card.id


def _sort_key(card: GapCard, method: RankingMethod) -> tuple[int, ...]:
    score = priority(card)
    urgency = card.urgency or 0
    votes = len(card.votes)
    if method == "votes":
        return (-votes, -(score or 0), -urgency)
    return (0 if score is not None else 1, -(score or 0), -urgency, -votes)


def _rankable(card: GapCard, method: RankingMethod) -> bool:
    if method == "votes":
        return bool(card.votes) or priority(card) is not None
    return priority(card) is not None


def rank_gaps(cards: Iterable[GapCard], method: RankingMethod = "score",
              key_count: int = 3) -> list[RankedGap]:
    """`cards` in ranking order (see the module's docstring), with ranks and the suggestion."""
    cards = list(cards)
    keys = [_sort_key(card, method) for card in cards]
    order = sorted(range(len(cards)), key=lambda i: (keys[i], i))
    counts = Counter(keys)
    out: list[RankedGap] = []
    rank = 0
    suggested = 0
    previous = None
    for position, i in enumerate(order):
        card, key = cards[i], keys[i]
        if key != previous:
            rank = position + 1
            previous = key
        pick = suggested < key_count and _rankable(card, method)
        suggested += pick
        out.append(RankedGap(card=card, rank=rank, score=priority(card), votes=len(card.votes),
                             tied=counts[key] > 1, suggested=pick))
    return out


def ranking(doc: Workshop) -> list[RankedGap]:
    """The gaps of `doc` ranked with the section's method and key count."""
    gaps = doc.gaps
    return rank_gaps(gaps.cards, gaps.ranking, gaps.key_count)


def suggested_key_ids(doc: Workshop) -> list[str]:
    """Ids of the gaps the ranking suggests as key gaps, best first."""
    return [row.id for row in ranking(doc) if row.suggested]


def tie_at_cut(rows: list[RankedGap]) -> bool:
    """A tie runs across the suggestion's cut: a suggested and a not-suggested gap share a
    rank, so the room should vote (or the facilitator decide) between them."""
    suggested_ranks = {row.rank for row in rows if row.suggested}
    return any(not row.suggested and row.rank in suggested_ranks for row in rows)


def ballot(doc: Workshop) -> Ballot:
    """Step 2's dot vote on gaps: each team has ``doc.gaps.dots`` dots."""
    return Ballot(doc.gaps.cards, doc.gaps.dots)


def dots_used(doc: Workshop, team_id: str) -> int:
    """How many of its dots `team_id` has placed on gaps."""
    return ballot(doc).used(Voter(team_id))


def authors(doc: Workshop, card: GapCard) -> list[str]:
    """Team names of a gap and of every card merged into it, each once, in order."""
    names: list[str] = []
    for team_id in [card.team_id, *(a.team_id for a in card.authors)]:
        team = doc.team(team_id)
        if team and team.name not in names:
            names.append(team.name)
    return names


def key_gaps(doc: Workshop) -> list[RankedGap]:
    """The confirmed key gaps, in ranking order."""
    return [row for row in ranking(doc) if row.card.key]


# -- what step 4 takes in ------------------------------------------------------------------

def walk_causes(causes: Iterable[Cause], depth: int = 1) -> Iterable[tuple[Cause, int]]:
    """Every cause and sub-cause, depth first, with its level (1 = on the bone)."""
    for cause in causes:
        yield cause, depth
        yield from walk_causes(cause.children, depth + 1)


def fishbone_of(doc: Workshop, gap_id: str) -> Fishbone | None:
    return next((f for f in doc.gaps.fishbones if f.gap_id == gap_id), None)


def chains_of_gap(doc: Workshop, gap_id: str) -> list[WhyChain]:
    """5-Why chains asked about the gap itself or about a cause on its fishbone."""
    fishbone = fishbone_of(doc, gap_id)
    cause_ids = ({c.id for bone in fishbone.bones for c, _ in walk_causes(bone.causes)}
                 if fishbone else set())
    return [chain for chain in doc.gaps.whys
            if chain.gap_id == gap_id or (chain.cause_id and chain.cause_id in cause_ids)]


@dataclass(frozen=True)
class RootCause:
    text: str
    gap_id: str | None
    """The key gap it explains, where known."""
    source: str
    """``fishbone`` (a cause marked as root) or ``why`` (the root link of a 5-Why chain)."""
    bone: str = ""
    """The fishbone category, for a fishbone cause."""
    ref_id: str = ""
    """The cause's id, or the chain's id."""


@dataclass(frozen=True)
class FocusGap:
    gap_id: str
    text: str
    rank: int
    score: int | None
    root_causes: list[RootCause] = field(default_factory=list)


@dataclass(frozen=True)
class TowsIdea:
    board: str
    """``SO``, ``ST``, ``WO`` or ``WT``."""
    text: str
    card_id: str
    team_id: str | None


@dataclass(frozen=True)
class FocusInputs:
    """What step 2 hands to step 4 (the co-create focus question and its seed cards)."""

    key_gaps: list[FocusGap]
    """Confirmed key gaps in ranking order, each with its root causes."""
    root_causes: list[RootCause]
    """Every root cause, of key gaps first, then any other."""
    tows: list[TowsIdea]
    """TOWS strategy ideas (SO, ST, WO, WT), revealed ones only."""

    def seed_texts(self) -> list[str]:
        """Texts for seed cards, each once: root causes, then TOWS ideas."""
        seen: dict[str, None] = {}
        for text in [r.text for r in self.root_causes] + [i.text for i in self.tows]:
            seen.setdefault(text, None)
        return list(seen)


def root_causes(doc: Workshop) -> list[RootCause]:
    """Causes marked as root on any fishbone, and the root links of 5-Why chains."""
    out: list[RootCause] = []
    cause_gap: dict[str, str] = {}
    for fishbone in doc.gaps.fishbones:
        for bone in fishbone.bones:
            for cause, _ in walk_causes(bone.causes):
                cause_gap[cause.id] = fishbone.gap_id
                if cause.root:
                    out.append(RootCause(text=cause.text, gap_id=fishbone.gap_id,
                                         source="fishbone", bone=bone.label, ref_id=cause.id))
    for chain in doc.gaps.whys:
        if chain.root_index is not None and chain.root_index < len(chain.links):
            gap_id = chain.gap_id or cause_gap.get(chain.cause_id or "")
            out.append(RootCause(text=chain.links[chain.root_index].text, gap_id=gap_id,
                                 source="why", ref_id=chain.id))
    return out


def focus_inputs(doc: Workshop) -> FocusInputs:
    """The key gaps with their root causes, every root cause, and the TOWS ideas: what the
    co-create step offers as its focus question's subject and as seed cards. Pure."""
    roots = root_causes(doc)
    keys = key_gaps(doc)
    key_ids = [row.id for row in keys]
    focus = [FocusGap(gap_id=row.id, text=row.card.text, rank=row.rank, score=row.score,
                      root_causes=[r for r in roots if r.gap_id == row.id]) for row in keys]
    ordered = ([r for gap_id in key_ids for r in roots if r.gap_id == gap_id]
               + [r for r in roots if r.gap_id not in key_ids])
    tows = [TowsIdea(board=card.board.removeprefix("swot."), text=card.text, card_id=card.id,
                     team_id=card.team_id)
            for card in doc.gaps.swot
            if card.board in ("swot.SO", "swot.ST", "swot.WO", "swot.WT") and not card.hidden]
    return FocusInputs(key_gaps=focus, root_causes=ordered, tows=tows)
